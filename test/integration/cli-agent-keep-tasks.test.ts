/**
 * `meseta agent --keep-tasks`, the flag the systemd unit gives: SIGTERM
 * (what `systemctl restart` sends) leaves the tasks running, and the agent
 * started again on the same work dir recovers them; without the flag the
 * agent kills its tasks first.
 */
import { spawnCli } from '../harness/cli';
import { processesUnder, startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { getState, allTasks } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

let cluster: Cluster | undefined;
let run: MesetaProcess | undefined;

afterEach(async () => {
  await run?.stop();
  await cluster?.stop();
  run = undefined;
  cluster = undefined;
}, 60_000);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function runningTask(c: Cluster, name: string): Promise<{ pids: number[]; taskId: string }> {
  run = spawnCli(['run', '--master', c.masterAddress, '--name', name, '--command', 'sleep 600']);
  await run.waitForLine(/^TASK_RUNNING/, 30_000, 'TASK_RUNNING');
  const pids = await waitFor(() => {
    const found = processesUnder(c.workRoot);
    return found.length > 0 ? found : undefined;
  }, 10_000, 'the task process in the sandbox');
  const state = await getState(c.masterAddress);
  const task = allTasks(state).find((t) => t.name === name);
  return { pids, taskId: task!.task_id.value };
}

describe('meseta agent on SIGTERM', () => {
  it('with --keep-tasks leaves the task running and the restarted agent carries on with it', async () => {
    cluster = await startCluster({ agents: 1, agentFlags: ['--keep-tasks'] });
    const agent = cluster.agents[0];
    const agentId = agent.agentId;
    const { pids, taskId } = await runningTask(cluster, 'kept');

    const exit = await agent.stop();
    expect(exit?.code).toBe(0);
    expect(pids.every(alive)).toBe(true);

    await agent.restart();
    expect(agent.agentId).toBe(agentId);
    const state = await waitFor(async () => {
      const s = await getState(cluster!.masterAddress);
      const active = (s.agents ?? []).some((a) => a.agent_info.id?.value === agentId && a.status === 'ACTIVE');
      return active ? s : undefined;
    }, 20_000, 'the agent to be active again');
    expect(allTasks(state).find((t) => t.task_id.value === taskId)?.state).toBe('TASK_RUNNING');
    expect(pids.every(alive)).toBe(true);
    expect(run!.lines.join('\n')).not.toMatch(/TASK_(KILLED|FAILED|LOST|GONE)/);
  });

  it('without it kills the task before exiting', async () => {
    cluster = await startCluster({ agents: 1 });
    const { pids } = await runningTask(cluster, 'killed');
    const exit = await cluster.agents[0].stop();
    expect(exit?.code).toBe(0);
    await waitFor(() => pids.every((pid) => !alive(pid)), 10_000, 'the task process to be gone');
  });
});
