/**
 * `meseta logs` against a real `meseta master` and agent (127.0.0.1):
 *
 * - `logs -f` of a running task prints a line, waits, prints the next line
 *   the task writes later (the task waits for a file the test creates), and
 *   ends with a line on stderr saying how the task ended;
 * - `logs` and `logs --stderr` of the finished task (its sandbox is still
 *   there);
 * - an unknown task, and a task whose agent is gone (drained with
 *   `--mark-gone`), refused with what happened.
 *
 * Needs the build (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { getState, type TaskJson, waitForTaskNamed } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

let cluster: Cluster;
let signalDir: string;
const spawned: MesetaProcess[] = [];

beforeAll(async () => {
  signalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-logs-'));
  cluster = await startCluster({ agents: 1, name: 'cli-logs' });
}, 120_000);

afterAll(async () => {
  for (const p of spawned) await p.stop().catch(() => undefined);
  await cluster?.stop();
  fs.rmSync(signalDir, { recursive: true, force: true });
}, 120_000);

function taskNamed(name: string, where: (t: TaskJson) => boolean): Promise<TaskJson> {
  return waitForTaskNamed(cluster.masterAddress, name, where);
}

describe('meseta logs', () => {
  let taskId = '';

  it('-f follows a task that prints lines over time, then says how it ended', async () => {
    const go = path.join(signalDir, 'go');
    const command = `echo first; echo oops >&2; while [ ! -f ${go} ]; do sleep 0.1; done; echo second`;
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'ticker', '--command', command]);
    spawned.push(run);
    taskId = (await taskNamed('ticker', (t) => t.state === 'TASK_RUNNING')).task_id.value;

    const follow = spawnCli(['logs', '-f', taskId, '--master', cluster.masterAddress]);
    spawned.push(follow);
    await follow.waitForLine(/^first$/, 30_000, 'the first line');
    expect(follow.stdout()).not.toMatch(/second/);
    fs.writeFileSync(go, '');
    const exit = await follow.exited;
    expect(exit.code).toBe(0);
    expect(follow.stdout()).toBe('first\nsecond');
    expect(follow.stderr()).toMatch(new RegExp(`task ${taskId} ended TASK_FINISHED \\(exit code 0\\)`));
    await run.exited;
  }, 120_000);

  it('prints the stdout and the stderr of the finished task', async () => {
    const out = await runCli(['logs', taskId, '--master', cluster.masterAddress]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('first\nsecond');
    const err = await runCli(['logs', '--stderr', taskId, '--master', cluster.masterAddress]);
    expect(err.code).toBe(0);
    expect(err.stdout).toBe('oops');
    // -f of a finished task prints it all and ends at once.
    const follow = await runCli(['logs', '-f', taskId, '--master', cluster.masterAddress]);
    expect(follow.code).toBe(0);
    expect(follow.stdout).toBe('first\nsecond');
    expect(follow.stderr).toMatch(/ended TASK_FINISHED/);
  }, 60_000);

  it('says so for an unknown task', async () => {
    const r = await runCli(['logs', 'no-such-task', '--master', cluster.masterAddress]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no task no-such-task is known to the master \(running or recently completed\); see meseta tasks --all/);
  }, 60_000);

  it('says so when the task\'s agent is gone', async () => {
    const agentId = cluster.agents[0].agentId;
    const drain = await runCli(['drain', agentId, '--mark-gone', '--master', cluster.masterAddress]);
    expect(drain.code).toBe(0);
    expect(drain.stdout).toMatch(/drained and gone$/);
    await waitFor(async () => (await getState(cluster.masterAddress)).agents?.find((a) => a.agent_info.id?.value === agentId)?.status !== 'ACTIVE', 30_000, 'agent gone');
    const r = await runCli(['logs', taskId, '--master', cluster.masterAddress]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`task ${taskId} ran on agent .*${agentId}\\), which is gone: its sandbox cannot be read`));
  }, 60_000);
});
