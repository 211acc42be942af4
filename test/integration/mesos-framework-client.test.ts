/**
 * A third-party Mesos client no one here wrote runs unmodified against our
 * master: the npm package `mesos-framework` (a Node scheduler over Mesos's
 * v1 Scheduler HTTP API, JSON) subscribes, gets offers, launches its tasks
 * and sees them TASK_RUNNING; the master's state shows them running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { getState } from '../harness/operator';

/** The scheduler program: the package's own Scheduler, configured as its README shows, printing events as JSON lines. */
const SCHEDULER = `
const { Scheduler, Mesos } = require(process.env.MESOS_FRAMEWORK_MODULE);
const mesos = Mesos.getMesos();
const [host, port] = process.env.MASTER.split(':');
const scheduler = new Scheduler({
  masterUrl: host, port: Number(port), frameworkName: 'mesos-framework-test', user: process.env.TASK_USER,
  logging: { level: 'info' },
  tasks: { sleepers: { priority: 1, instances: 2, commandInfo: new mesos.CommandInfo(null, null, true, 'sleep 300', null, null), resources: { cpus: 0.1, mem: 16, ports: 0, disk: 0 } } },
});
const say = (what, data) => process.stdout.write(JSON.stringify({ what, data }) + '\\n');
scheduler.on('subscribed', (s) => say('subscribed', s));
scheduler.on('task_launched', (t) => say('launched', t.taskId));
scheduler.on('update', (u) => say('update', { task: u.status.task_id.value, state: u.status.state }));
scheduler.on('error', (e) => say('error', e.message || String(e)));
scheduler.on('ready', () => scheduler.subscribe());
`;

function moduleOrExplain(): string {
  try {
    return require.resolve('mesos-framework');
  } catch {
    throw new Error('the npm package mesos-framework is needed for this test: run `npm ci` (it is a devDependency)');
  }
}

describe('the mesos-framework npm package against our master', () => {
  let cluster: Cluster;
  let dir: string;
  let child: ChildProcess | undefined;
  const lines: Array<{ what: string; data: unknown }> = [];

  beforeAll(async () => {
    cluster = await startCluster({ name: 'mesos-framework-client', agents: 1, masterFlags: ['--allocation-interval', '200ms'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-mesos-framework-'));
    // The package writes its log under ./logs of its working directory.
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.writeFileSync(path.join(dir, 'scheduler.js'), SCHEDULER);
  }, 120_000);

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes, launches its two tasks and sees them running', async () => {
    const module = moduleOrExplain();
    child = spawn(process.execPath, ['scheduler.js'], {
      cwd: dir,
      env: { ...process.env, MESOS_FRAMEWORK_MODULE: module, MASTER: cluster.masterAddress, TASK_USER: os.userInfo().username },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    child.stdout!.on('data', (d: Buffer) => {
      pending += d.toString();
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const line of parts) {
        try {
          lines.push(JSON.parse(line));
        } catch {
          /* the package's own log lines */
        }
      }
    });
    const running = (): string[] => [...new Set(lines.filter((l) => l.what === 'update' && (l.data as { state: string }).state === 'TASK_RUNNING').map((l) => (l.data as { task: string }).task))];
    await waitFor(() => running().length >= 2 || undefined, 60_000, 'two TASK_RUNNING updates at the mesos-framework scheduler');
    expect(lines.filter((l) => l.what === 'subscribed')).toHaveLength(1);
    const state = await getState(cluster.masterAddress);
    const tasks = (state.tasks ?? []).filter((t) => running().includes(t.task_id?.value ?? ''));
    expect(tasks.map((t) => t.state)).toEqual(['TASK_RUNNING', 'TASK_RUNNING']);
  }, 120_000);
});
