/**
 * The operator's actions against a real `meseta master` (with a --work-dir
 * registry) and two real agents, all through the `meseta` CLI:
 *
 * - `meseta drain <host:port>` of an agent running tasks: its tasks end
 *   TASK_KILLED, the CLI prints the tasks left and then DRAINED, no offer of
 *   it is made (a task that only fits there stays pending while allocation
 *   passes run), and it stays DRAINED and deactivated across a master
 *   restart (the registry) and the agent's re-registration;
 * - `meseta reactivate`: the pending task lands on it (the other agent is
 *   deactivated meanwhile, so it could go nowhere else);
 * - `meseta deactivate` shows in /state; bad references are refused with
 *   the fix;
 * - `meseta kill <task>` and `meseta teardown <framework>`;
 * - DRAIN_AGENT / REACTIVATE_AGENT on Mesos's POST /api/v1.
 *
 * Needs the build (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb } from '@meseta/proto/wire';
import { runCli, spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { getCounter, getState, type AgentJson, type StateJson, type TaskJson } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { operatorCall } from '../support/mesos-operator-client';

let cluster: Cluster;
let workDir: string;
const runs: MesetaProcess[] = [];

function run(name: string, cpus = '0.1'): MesetaProcess {
  const p = spawnCli(['run', '--master', cluster.masterAddress, '--name', name, '--cpus', cpus, '--mem', '32', '--command', 'sleep 600']);
  runs.push(p);
  return p;
}

function liveTask(state: StateJson, name: string): TaskJson | undefined {
  return (state.tasks ?? []).find((t) => t.name === name && t.state === 'TASK_RUNNING');
}

async function runningTask(name: string): Promise<TaskJson> {
  let task: TaskJson | undefined;
  await waitFor(async () => (task = liveTask(await getState(cluster.masterAddress), name)) !== undefined, 60_000, `task ${name} running`);
  return task!;
}

function agentOf(state: StateJson, id: string): AgentJson | undefined {
  return (state.agents ?? []).find((a) => a.agent_info.id?.value === id);
}

function address(a: AgentJson): string {
  return `${a.agent_info.hostname}:${a.agent_info.port}`;
}

function finalState(state: StateJson, taskId: string): string | undefined {
  return (state.completed_tasks ?? []).find((t) => t.task_id.value === taskId)?.state;
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-drain-'));
  cluster = await startCluster({ agents: 2, name: 'operate-drain', masterFlags: ['--work-dir', workDir] });
}, 120_000);

afterAll(async () => {
  for (const p of runs) await p.stop().catch(() => undefined);
  await cluster?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}, 120_000);

describe('drain', () => {
  let drainedId = '';
  let otherId = '';
  let big: MesetaProcess;

  it('kills the tasks of a loaded agent, shows progress, ends DRAINED and stops its offers', async () => {
    run('load-a');
    run('load-b');
    const a = await runningTask('load-a');
    await runningTask('load-b');
    drainedId = a.agent_id!.value;
    otherId = cluster.agents.map((x) => x.agentId).find((id) => id !== drainedId)!;
    const before = await getState(cluster.masterAddress);
    const onIt = (before.tasks ?? []).filter((t) => t.agent_id?.value === drainedId).map((t) => t.task_id.value);

    const drain = await runCli(['drain', address(agentOf(before, drainedId)!), '--master', cluster.masterAddress, '--max-grace-period', '1s'], { timeoutMs: 60_000 });
    expect(drain.stderr).toBe('');
    expect(drain.code).toBe(0);
    expect(drain.stdout).toMatch(/: DRAINING, \d+ tasks? left\n/);
    expect(drain.stdout.trimEnd().split('\n').at(-1)).toBe(`agent ${address(agentOf(before, drainedId)!)} (${drainedId}): DRAINED`);

    const after = await getState(cluster.masterAddress);
    for (const id of onIt) expect(finalState(after, id)).toBe('TASK_KILLED');
    expect(agentOf(after, drainedId)).toMatchObject({ deactivated: true, drain_info: { state: 'DRAINED' } });

    // The other agent takes nothing either, so a task that fits on the
    // drained agent (empty now) could go nowhere else: it must stay pending.
    expect((await runCli(['deactivate', otherId, '--master', cluster.masterAddress])).code).toBe(0);
    big = run('big', '2');
    // Its framework must be subscribed before the passes count (and before the next test restarts
    // the master: a `meseta run` still starting then finds no master and exits).
    await waitFor(
      async () => ((await getState(cluster.masterAddress)).frameworks ?? []).some((f) => f.framework_info.name === 'meseta-run big' && f.active !== false),
      60_000,
      'the framework of task big subscribed',
    );
    const passes = await getCounter(cluster.masterAddress, 'meseta_master_allocation_runs_total');
    await waitFor(async () => (await getCounter(cluster.masterAddress, 'meseta_master_allocation_runs_total')) >= passes + 3, 30_000, 'three allocation passes');
    const pending = await getState(cluster.masterAddress);
    expect(liveTask(pending, 'big')).toBeUndefined();
    expect(agentOf(pending, drainedId)?.offered_resources ?? []).toEqual([]);
  }, 120_000);

  it('stays drained across a master restart (registry in --work-dir)', async () => {
    await cluster.master.restart();
    await waitFor(async () => agentOf(await getState(cluster.masterAddress), drainedId)?.status === 'ACTIVE', 60_000, 'the drained agent re-registered');
    const state = await getState(cluster.masterAddress);
    expect(agentOf(state, drainedId)).toMatchObject({ deactivated: true, drain_info: { state: 'DRAINED' } });
    const passes = await getCounter(cluster.masterAddress, 'meseta_master_allocation_runs_total');
    await waitFor(async () => (await getCounter(cluster.masterAddress, 'meseta_master_allocation_runs_total')) >= passes + 3, 30_000, 'three allocation passes');
    expect(liveTask(await getState(cluster.masterAddress), 'big')).toBeUndefined();
  }, 120_000);

  it('reactivate offers the agent again: the pending task lands there', async () => {
    const r = await runCli(['reactivate', drainedId, '--master', cluster.masterAddress]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reactivated: offered again$/);
    const task = await runningTask('big');
    expect(task.agent_id?.value).toBe(drainedId);
    const agent = agentOf(await getState(cluster.masterAddress), drainedId)!;
    expect(agent.deactivated).toBeUndefined();
    expect(agent.drain_info).toBeUndefined();
    await big.stop();
    expect((await runCli(['reactivate', otherId, '--master', cluster.masterAddress])).code).toBe(0);
  }, 120_000);

  it('deactivate shows in /state and leaves tasks running; --json', async () => {
    const r = await runCli(['deactivate', otherId, '--master', cluster.masterAddress, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ agent_id: otherId, deactivated: true });
    const state = await getState(cluster.masterAddress);
    expect(agentOf(state, otherId)?.deactivated).toBe(true);
    expect(liveTask(state, 'load-b')?.agent_id?.value ?? otherId).toBe(otherId);
    expect((await runCli(['reactivate', otherId, '--master', cluster.masterAddress])).code).toBe(0);
  }, 60_000);

  it('refuses an unknown agent, naming it and the agents there are', async () => {
    const r = await runCli(['drain', '127.0.0.1:1', '--master', cluster.masterAddress]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no agent 127\.0\.0\.1:1 is known to the master; agents: .*see meseta agents/);
    const bad = await runCli(['drain', otherId, '--master', cluster.masterAddress, '--max-grace-period', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-grace-period: "soon" is not a duration/);
  }, 60_000);

  it('DRAIN_AGENT and REACTIVATE_AGENT on Mesos POST /api/v1', async () => {
    const M = pb.master;
    const call = (c: Record<string, unknown>) => operatorCall(cluster.masterAddress, M.Call, M.Response, M.Call.fromObject(c));
    const unknown = await call({ type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: 'nope' } } });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toMatch(/drain_agent\.agent_id: agent 'nope' not found/);
    const drained = await call({ type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: drainedId }, max_grace_period: { nanoseconds: 0 } } });
    expect(drained.status).toBe(200);
    await waitFor(async () => {
      const agents = (await call({ type: 'GET_AGENTS' })).message?.get_agents?.agents ?? [];
      const me = agents.find((a) => a.agent_info?.id?.value === drainedId);
      return me?.deactivated === true && me.drain_info?.state === M.DrainInfo.State.DRAINED;
    }, 60_000, 'GET_AGENTS shows the agent DRAINED');
    expect((await call({ type: 'REACTIVATE_AGENT', reactivate_agent: { agent_id: { value: drainedId } } })).status).toBe(200);
    expect(agentOf(await getState(cluster.masterAddress), drainedId)?.deactivated).toBeUndefined();
  }, 120_000);
});

describe('kill and teardown from the CLI', () => {
  it('kill ends one task TASK_KILLED; an unknown task is refused', async () => {
    run('victim');
    const task = await runningTask('victim');
    const r = await runCli(['kill', task.task_id.value, '--master', cluster.masterAddress]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await waitFor(async () => finalState(await getState(cluster.masterAddress), task.task_id.value) === 'TASK_KILLED', 60_000, 'victim TASK_KILLED');
    const unknown = await runCli(['kill', 'no-such-task', '--master', cluster.masterAddress]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/the master refused: kill_task\.task_id: no live task 'no-such-task'/);
  }, 120_000);

  it('teardown removes the framework and kills its task', async () => {
    run('torn');
    const task = await runningTask('torn');
    const fid = task.framework_id!.value;
    const r = await runCli(['teardown', fid, '--master', cluster.masterAddress]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`framework ${fid} torn down`);
    await waitFor(async () => {
      const state = await getState(cluster.masterAddress);
      return (state.completed_frameworks ?? []).some((f) => f.framework_info.id?.value === fid) && !liveTask(state, 'torn');
    }, 60_000, 'framework torn down');
    const again = await runCli(['teardown', fid, '--master', cluster.masterAddress]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/teardown\.framework_id: no framework .* is subscribed/);
  }, 120_000);
});
