/**
 * Container log rotation against a real `meseta master` and agent
 * (127.0.0.1), the agent started with `--container-logger-max-size 16KB
 * --container-logger-max-files 50`: a posix task writes 30,000 numbered
 * lines as fast as its shell can (about 290 KB: some eighteen rotations)
 * while `meseta logs -f` follows it through the master. Every line is seen
 * once and in order; the sandbox holds `stdout`, `stdout.1`, … each at most
 * 16 KB, lines whole; stderr is rotated apart from stdout.
 *
 * Needs the build (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { getState, type TaskJson, waitForTaskNamed } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

const LINES = 30_000;
let cluster: Cluster;
let dir: string;
const spawned: MesetaProcess[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-rotate-'));
  cluster = await startCluster({
    agents: 1, name: 'log-rotation',
    // --keep-tasks: a restart leaves the tasks (and their log pumps) running for the next agent to recover.
    agentFlags: ['--container-logger-max-size', '16KB', '--container-logger-max-files', '50', '--keep-tasks'],
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

it('logs -f sees every line once, in order, across rotations', async () => {
  const go = path.join(dir, 'go');
  // Waits for the follower to be attached, then writes as fast as it can.
  const command = `echo start; while [ ! -f ${go} ]; do sleep 0.1; done; i=0; while [ $i -lt ${LINES} ]; do echo "line $i"; i=$((i+1)); done; echo to-stderr >&2`;
  const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'chatty', '--command', command]);
  spawned.push(run);
  const task = await taskNamed('chatty', (t) => t.state === 'TASK_RUNNING');
  const taskId = task.task_id.value;

  const follow = spawnCli(['logs', '-f', taskId, '--master', cluster.masterAddress]);
  spawned.push(follow);
  await follow.waitForLine(/^start$/, 30_000, 'the first line');
  fs.writeFileSync(go, '');
  const exit = await follow.exited;
  expect(exit.code).toBe(0);
  expect(follow.stderr()).toMatch(new RegExp(`task ${taskId} ended TASK_FINISHED`));
  expect(follow.stderr()).not.toMatch(/rotated away/);
  const expected = ['start', ...Array.from({ length: LINES }, (_, i) => `line ${i}`)];
  const seen = follow.stdout().split('\n');
  // Compare counts first for a readable failure, then the whole sequence.
  expect(seen.length).toBe(expected.length);
  expect(seen).toEqual(expected);

  // The sandbox: stdout, stdout.1, …, each at most 16 KB and ending with a whole line.
  const runDir = path.join(cluster.agents[0].workDir, 'frameworks', task.framework_id!.value, 'tasks', taskId, 'runs', 'latest');
  const names = fs.readdirSync(runDir).filter((n) => /^stdout(\.\d+)?$/.test(n));
  expect(names.length).toBeGreaterThanOrEqual(15); // about 290 KB in 16 KB files
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(runDir, name));
    expect(bytes.length).toBeLessThanOrEqual(16 * 1024);
    if (name !== 'stdout') expect(bytes.at(-1)).toBe(0x0a);
  }
  expect(fs.readFileSync(path.join(runDir, 'stderr'), 'utf8')).toBe('to-stderr\n');
  await run.exited;
}, 180_000);

it('a task keeps its rotated output across an agent restart (its log pump outlives the agent)', async () => {
  const go = path.join(dir, 'go-after-restart');
  const command = `echo before; while [ ! -f ${go} ]; do sleep 0.1; done; i=0; while [ $i -lt 5000 ]; do echo "after $i"; i=$((i+1)); done`;
  const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'survivor', '--command', command]);
  spawned.push(run);
  const task = await taskNamed('survivor', (t) => t.state === 'TASK_RUNNING');
  const taskId = task.task_id.value;
  await cluster.agents[0].restart();
  fs.writeFileSync(go, '');
  await taskNamed('survivor', (t) => t.state === 'TASK_FINISHED');
  const follow = spawnCli(['logs', '-f', taskId, '--master', cluster.masterAddress]);
  spawned.push(follow);
  expect((await follow.exited).code).toBe(0);
  // The finished task's follow prints the current file only from its start: the rotated ones are on disk.
  const runDir = path.join(cluster.agents[0].workDir, 'frameworks', task.framework_id!.value, 'tasks', taskId, 'runs', 'latest');
  const names = fs.readdirSync(runDir).filter((n) => /^stdout(\.\d+)?$/.test(n))
    .sort((a, b) => Number(b.split('.')[1] ?? 0) - Number(a.split('.')[1] ?? 0)); // oldest first
  expect(names.length).toBeGreaterThanOrEqual(3);
  const all = names.map((n) => fs.readFileSync(path.join(runDir, n), 'utf8')).join('');
  expect(all).toBe(['before', ...Array.from({ length: 5000 }, (_, i) => `after ${i}`)].join('\n') + '\n');
  expect(all.endsWith(follow.stdout() + '\n')).toBe(true);
  await run.exited;
}, 180_000);
