/**
 * The process test harness itself: startCluster brings real processes up,
 * restarts them, and stop() leaves nothing behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnCli } from '../harness/cli';
import { processesUnder, startCluster, type Cluster } from '../harness/cluster';
import { activeAgents, getState } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { processAlive as alive } from '../harness/process-alive';

/** Running, not merely a zombie waiting for its new parent (pid 1) to reap it. */

async function activeAgentIds(cluster: Cluster): Promise<string[]> {
  const state = await getState(cluster.masterAddress);
  return activeAgents(state).map((a) => a.agent_info.id?.value ?? '').sort();
}

describe('startCluster', () => {
  let cluster: Cluster | undefined;

  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  }, 60_000);

  it('starts a master and registered agents, each with its own work dir and logs', async () => {
    cluster = await startCluster({ agents: 2, agentFlags: (i) => ['--attributes', `rack:r${i}`] });
    expect(cluster.masterAddress).toBe(`127.0.0.1:${cluster.masterPort}`);
    expect(cluster.agents).toHaveLength(2);
    const [a, b] = cluster.agents;
    expect(a.agentId).not.toBe('');
    expect(a.agentId).not.toBe(b.agentId);
    expect(a.workDir).not.toBe(b.workDir);
    expect(fs.existsSync(a.workDir)).toBe(true);
    expect(await activeAgentIds(cluster)).toEqual([a.agentId, b.agentId].sort());
    const state = await getState(cluster.masterAddress);
    const racks = (state.agents ?? []).map((x) => JSON.stringify(x.agent_info.attributes)).join(' ');
    expect(racks).toContain('r0');
    expect(racks).toContain('r1');
    expect(fs.existsSync(path.join(cluster.logDir, 'master.stderr.log'))).toBe(true);
    expect(fs.existsSync(path.join(cluster.logDir, 'agent-1.stdout.log'))).toBe(true);
  });

  it('restarts a crashed agent on the same port and work dir', async () => {
    cluster = await startCluster({ agents: 1 });
    const agent = cluster.agents[0];
    const { port, pid } = agent;
    agent.kill('SIGKILL');
    await agent.meseta.exited;
    await agent.restart();
    expect(agent.pid).not.toBe(pid);
    expect(agent.port).toBe(port);
    expect(agent.agentId).not.toBe('');
    await waitFor(async () => (await activeAgentIds(cluster!)).includes(agent.agentId), 30_000, 'the restarted agent to be active');
  });

  it('restarts the master on the same port and the agents come back to it', async () => {
    cluster = await startCluster({ agents: 2 });
    const port = cluster.masterPort;
    await cluster.master.restart();
    expect(cluster.masterPort).toBe(port);
    await waitFor(async () => (await activeAgentIds(cluster!)).length === 2, 30_000, 'both agents to re-register with the new master');
  });

  it('adds an agent after the start', async () => {
    cluster = await startCluster({ agents: 1 });
    const added = await cluster.addAgent(['--resources', 'cpus:1;mem:128']);
    expect(added.index).toBe(1);
    await waitFor(async () => (await activeAgentIds(cluster!)).length === 2, 20_000, 'two active agents');
  });

  it('stop() kills every process it started, task processes included, and removes the work dirs', async () => {
    cluster = await startCluster({ agents: 1 });
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'orphan', '--command', 'sleep 600']);
    await run.waitForLine(/^TASK_RUNNING/, 20_000, 'TASK_RUNNING');
    const tasks = await waitFor(() => processesUnder(cluster!.workRoot), 10_000, 'the task process in the sandbox');
    // An agent killed hard leaves its task running: stop() must still end it.
    cluster.agents[0].kill('SIGKILL');
    await cluster.agents[0].meseta.exited;
    const pids = [cluster.master.pid, cluster.agents[0].pid, ...tasks];
    const { workRoot } = cluster;
    await cluster.stop();
    await run.stop();
    cluster = undefined;
    await waitFor(() => pids.every((pid) => !alive(pid)), 10_000, `pids ${pids.join(', ')} to be gone`);
    expect(fs.existsSync(workRoot)).toBe(false);
  });

  it('says what it waited for when a process exits before it is up', async () => {
    await expect(startCluster({ agents: 1, agentFlags: ['--resources', 'cpus:oops'] })).rejects.toThrow(
      /exited \(code 2\) before printing "meseta agent listening on \.\.\."[\s\S]*invalid entry "cpus:oops"/,
    );
  });
});
