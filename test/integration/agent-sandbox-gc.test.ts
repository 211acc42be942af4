/**
 * Sandbox garbage collection against a real `meseta master` and agent
 * (127.0.0.1). The agent reads its disk usage from a file the test writes
 * (`MESETA_TEST_DISK_USAGE_FILE`, test only) and checks it every 200 ms;
 * `--gc-delay` stays at its default of a week, so only a full disk
 * (usage ≥ 1 − headroom) makes a sandbox go at once:
 *
 * - on an empty disk a finished task's sandbox stays and `meseta logs` reads it;
 * - with the disk "95% full" the finished task's sandbox is removed, while a
 *   running task's sandbox on the same agent stays readable;
 * - the agent's `/files/read`, the master's files proxy and `meseta logs`
 *   then say the sandbox was garbage-collected, and when (410), also after
 *   the agent restarts.
 *
 * Needs the build (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { getState, httpGet, type TaskJson, waitForTaskNamed } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

let cluster: Cluster;
let dir: string;
let diskFile: string;
const spawned: MesetaProcess[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-gc-it-'));
  diskFile = path.join(dir, 'disk-usage');
  fs.writeFileSync(diskFile, '0.0\n');
  cluster = await startCluster({
    agents: 1, name: 'agent-sandbox-gc',
    env: { MESETA_TEST_DISK_USAGE_FILE: diskFile },
    agentFlags: ['--disk-watch-interval', '200ms'],
  });
}, 120_000);

afterAll(async () => {
  fs.writeFileSync(path.join(dir, 'go'), '');
  for (const p of spawned) await p.stop().catch(() => undefined);
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

function taskNamed(name: string, where: (t: TaskJson) => boolean): Promise<TaskJson> {
  return waitForTaskNamed(cluster.masterAddress, name, where);
}

function stdoutPath(task: TaskJson): string {
  return `frameworks/${task.framework_id!.value}/tasks/${task.task_id.value}/runs/latest/stdout`;
}

describe('sandbox garbage collection', () => {
  let done: TaskJson;
  let running: TaskJson;

  it('keeps a finished task\'s sandbox while the disk has room', async () => {
    const r = await runCli(['run', '--master', cluster.masterAddress, '--name', 'done', '--command', 'echo done-output']);
    expect(r.code).toBe(0);
    done = await taskNamed('done', (t) => t.state === 'TASK_FINISHED');
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'running', '--command', `echo running-output; while [ ! -f ${path.join(dir, 'go')} ]; do sleep 0.1; done`]);
    spawned.push(run);
    running = await taskNamed('running', (t) => t.state === 'TASK_RUNNING');
    // At usage 0 the age allowed is 0.9 × a week: the sandbox stays.
    const logs = await runCli(['logs', done.task_id.value, '--master', cluster.masterAddress]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toBe('done-output');
  }, 120_000);

  it('on a full disk removes the finished task\'s sandbox, never the running one\'s', async () => {
    fs.writeFileSync(diskFile, '0.95\n'); // above 1 − headroom (0.9): age 0
    const agent = cluster.agents[0];
    const proxied = `/api/v1/agents/${encodeURIComponent(agent.agentId)}/files/read?path=${encodeURIComponent(stdoutPath(done))}&offset=0`;
    await waitFor(async () => (await httpGet(cluster.masterAddress, proxied)).status === 410, 60_000, 'the finished sandbox collected');
    const viaMaster = await httpGet(cluster.masterAddress, proxied);
    expect(JSON.parse(viaMaster.body).error).toMatch(/the sandbox was garbage-collected at \d{4}-\d\d-\d\dT[\d:.]+Z/);
    const direct = await httpGet(`127.0.0.1:${agent.port}`, `/files/read?path=${encodeURIComponent(stdoutPath(done))}`);
    expect(direct.status).toBe(410);
    expect(fs.existsSync(path.join(agent.workDir, 'frameworks', done.framework_id!.value, 'tasks', done.task_id.value))).toBe(false);

    // The check that removed it saw the running task's sandbox too: still there, still read.
    const logs = await runCli(['logs', running.task_id.value, '--master', cluster.masterAddress]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toBe('running-output');
  }, 120_000);

  it('meseta logs says the sandbox was garbage-collected', async () => {
    const r = await runCli(['logs', done.task_id.value, '--master', cluster.masterAddress]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`the sandbox of task ${done.task_id.value} on agent .* was garbage-collected at \\S+: its stdout is no longer kept`));
  }, 60_000);

  it('still says so after the agent restarts', async () => {
    fs.writeFileSync(diskFile, '0.0\n');
    await cluster.agents[0].restart();
    const agent = cluster.agents[0];
    const direct = await httpGet(`127.0.0.1:${agent.port}`, `/files/read?path=${encodeURIComponent(stdoutPath(done))}`);
    expect(direct.status).toBe(410);
    expect(JSON.parse(direct.body).error).toMatch(/garbage-collected at/);
    // The running task (killed by the harness's restart, its updates not yet acknowledged) keeps its sandbox.
    const logs = await runCli(['logs', running.task_id.value, '--master', cluster.masterAddress]);
    expect(logs.stdout).toBe('running-output');
  }, 120_000);
});
