/**
 * Persistent volumes on a real agent (posix containerizer, real processes)
 * driven by an in-test master over a real AgentLink stream on 127.0.0.1:
 * the master's `volumes` message makes and removes directories (never one a
 * running task uses), a task's volume is a link in its sandbox whose data
 * outlives the task and an agent restart, bad volumes fail the task naming
 * the field, and `--enforce-container-disk-quota` ends a task past its
 * sandbox disk or its volume's size TASK_FAILED /
 * REASON_CONTAINER_LIMITATION_DISK naming the path and the sizes.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Resource, TaskInfo } from '@meseta/proto/wire';
import { pb, Reason } from '@meseta/proto/wire';
import { silentLogger } from '@meseta/runtime/log';
import { startAgent, type RunningAgent } from '../../agent';
import { FakeMaster } from '../unit/fixtures/agent-fake-master';

jest.setTimeout(60_000);

let workDir: string;
let master: FakeMaster;
let agent: RunningAgent | undefined;

async function start(extra: Record<string, unknown> = {}): Promise<RunningAgent> {
  const started = await startAgent({
    master: master.address, port: 0, workDir, hostname: 'agent-host', resources: 'cpus:4;mem:1024;disk:1000',
    logger: silentLogger, reconnectMinMs: 20, reconnectMaxMs: 100, containerizers: ['posix'], ...extra,
  });
  await started.registered();
  return started;
}

beforeEach(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-volumes-'));
  master = await FakeMaster.start();
  master.autoAck = true;
});

afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await master.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const framework = { id: { value: 'fw' }, name: 'test', roles: ['eng'] };
function volume(id: string, options: { role?: string; size?: number; path?: string; mode?: number } = {}): Resource {
  return {
    name: 'disk', type: pb.Value.Type.SCALAR, scalar: { value: options.size ?? 64 },
    reservations: [{ type: pb.Resource.ReservationInfo.Type.DYNAMIC, role: options.role ?? 'eng', principal: 'ops' }],
    disk: { persistence: { id, principal: 'ops' }, ...(options.path === undefined ? {} : { volume: { container_path: options.path, mode: options.mode ?? pb.Volume.Mode.RW } }) },
  } as Resource;
}
const scalar = (name: string, value: number): Resource => ({ name, type: pb.Value.Type.SCALAR, scalar: { value } } as Resource);
function task(id: string, command: string, resources: Resource[]): TaskInfo {
  return { name: id, task_id: { value: id }, resources: [scalar('cpus', 0.1), scalar('mem', 32), ...resources], command: { value: command } } as TaskInfo;
}
const run = (t: TaskInfo) => master.send({ run: [{ framework, task: t }] });
const stdoutOf = (taskId: string) => fs.readFileSync(path.join(workDir, 'frameworks', 'fw', 'tasks', taskId, 'runs', 'latest', 'stdout'), 'utf8');
const volumeDir = (role: string, id: string) => path.join(workDir, 'volumes', 'roles', role.split('/').join(' '), id);

function getJson(port: number, route: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: route }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

describe('persistent volumes on the agent', () => {
  it('the master\'s volumes message makes directories, keeps hierarchical roles apart, and /state lists them', async () => {
    agent = await start();
    master.send({ volumes: { volumes: [volume('db'), volume('db', { role: 'eng/backend' }), volume('bad/id')] } });
    await master.waitFor(() => fs.existsSync(volumeDir('eng', 'db')) && fs.existsSync(volumeDir('eng/backend', 'db')), 'both volume directories');
    expect(fs.existsSync(path.join(workDir, 'volumes', 'roles', 'eng', 'bad'))).toBe(false); // a bad id is skipped, nothing crashes
    const state = await getJson(agent.port, '/state');
    const volumes = state.volumes as Array<Record<string, unknown>>;
    expect(volumes.map((v) => [v.role, v.persistence_id, v.size_mb, v.source]).sort()).toEqual([['eng', 'db', 64, 'master'], ['eng/backend', 'db', 64, 'master']]);
    const mesos = await getJson(agent.port, '/state.json');
    expect((mesos.reserved_resources_full as Record<string, Array<{ disk?: { persistence?: { id?: string } } }>>)['eng/backend'].map((r) => r.disk?.persistence?.id)).toEqual(['db']);

    master.send({ volumes: { volumes: [volume('db')], destroyed: [volume('db', { role: 'eng/backend' })] } });
    await master.waitFor(() => !fs.existsSync(volumeDir('eng/backend', 'db')), 'the destroyed volume gone');
    expect(fs.existsSync(volumeDir('eng', 'db'))).toBe(true);
  });

  it('a posix task writes through its sandbox link; the next task reads it back, also after an agent restart', async () => {
    agent = await start();
    run(task('writer', 'echo 1 > data/counter', [scalar('disk', 10), volume('db', { path: 'data' })]));
    await master.waitForState('writer', 'TASK_FINISHED');
    expect(fs.readFileSync(path.join(volumeDir('eng', 'db'), 'counter'), 'utf8')).toBe('1\n'); // made at launch, before any volumes message
    const link = path.join(workDir, 'frameworks', 'fw', 'tasks', 'writer', 'runs', 'latest', 'data');
    expect(fs.readlinkSync(link)).toBe(volumeDir('eng', 'db'));

    run(task('reader', 'cat data/counter', [volume('db', { path: 'data' })]));
    await master.waitForState('reader', 'TASK_FINISHED');
    expect(stdoutOf('reader')).toBe('1\n');

    await agent.stop();
    agent = await start();
    const state = await getJson(agent.port, '/state');
    expect((state.volumes as Array<Record<string, unknown>>).map((v) => v.persistence_id)).toEqual(['db']);
    run(task('reader-2', 'cat data/counter', [volume('db', { path: 'data' })]));
    await master.waitForState('reader-2', 'TASK_FINISHED');
    expect(stdoutOf('reader-2')).toBe('1\n');
  });

  it.each([
    ['an absolute path (posix sees volumes in its sandbox)', volume('db', { path: '/data' }), 'task.resources[2].disk.volume.container_path: "/data" is absolute'],
    ['read-only (a link cannot be)', volume('db', { path: 'data', mode: pb.Volume.Mode.RO }), 'task.resources[2].disk.volume.mode: RO'],
    ['a path that climbs out', volume('db', { path: '../x' }), 'task.resources[2].disk.volume.container_path: "../x" must not contain ".."'],
    ['no container path', volume('db'), 'task.resources[2].disk.volume.container_path: required'],
  ])('refuses %s: TASK_FAILED naming the field', async (_name, bad, message) => {
    agent = await start();
    run(task('bad', 'true', [bad]));
    const failed = await master.waitForState('bad', 'TASK_FAILED');
    expect(failed.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(failed.status?.message).toContain(message);
  });

  it('a task of a custom executor with a volume fails naming the field (not supported yet), and its executor is not started', async () => {
    agent = await start();
    const t = { ...task('on-executor', 'true', [volume('db', { path: 'data' })]), command: undefined, executor: { executor_id: { value: 'my-exec' }, type: pb.ExecutorInfo.Type.CUSTOM, command: { value: 'sleep 30' } } } as TaskInfo;
    run(t);
    const failed = await master.waitForState('on-executor', 'TASK_FAILED');
    expect(failed.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(failed.status?.message).toBe('task.resources[2].disk.persistence: persistent volumes are not supported yet for tasks of a custom executor (executor "my-exec"); run the task with the command or default executor');
    expect(fs.existsSync(path.join(workDir, 'frameworks', 'fw', 'executors', 'my-exec'))).toBe(false);
  });

  it('a destroy waits while a task uses the volume and happens when it ends', async () => {
    agent = await start();
    run(task('sleeper', 'sleep 600', [volume('db', { path: 'data' })]));
    await master.waitForState('sleeper', 'TASK_RUNNING');
    master.send({ volumes: { destroyed: [volume('db')] } });
    const port = agent.port;
    let listed: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 200 && !listed.some((v) => v.destroy_pending); i++) {
      listed = (await getJson(port, '/state')).volumes as Array<Record<string, unknown>>;
      if (!listed.some((v) => v.destroy_pending)) await new Promise((r) => setTimeout(r, 50));
    }
    expect(listed).toEqual([expect.objectContaining({ persistence_id: 'db', destroy_pending: true, tasks: ['sleeper'] })]);
    expect(fs.existsSync(volumeDir('eng', 'db'))).toBe(true);
    master.send({ kill: [{ framework_id: { value: 'fw' }, task_id: { value: 'sleeper' } }] });
    await master.waitForState('sleeper', 'TASK_KILLED');
    await master.waitFor(() => !fs.existsSync(volumeDir('eng', 'db')), 'the volume removed after its task ended');
  });

  it.each([
    ['its sandbox past its plain disk', 'dd if=/dev/zero of=big bs=1M count=4 && sleep 600', [scalar('disk', 1)], /sandbox .* uses \d+\.\d MB, above the task's disk of 1 MB/],
    ['its volume past the volume\'s size', 'dd if=/dev/zero of=data/big bs=1M count=4 && sleep 600', [scalar('disk', 100), volume('small', { size: 2, path: 'data' })], /persistent volume "small" \(.*volumes\/roles\/eng\/small\) uses \d+\.\d MB, above its size of 2 MB/],
  ])('--enforce-container-disk-quota: a task writing %s ends TASK_FAILED / REASON_CONTAINER_LIMITATION_DISK', async (_name, command, resources, message) => {
    agent = await start({ enforceContainerDiskQuota: true, containerDiskWatchIntervalMs: 200 });
    run(task('hog', command, resources));
    const failed = await master.waitForState('hog', 'TASK_FAILED', 1, 30_000);
    expect(failed.status?.reason).toBe(Reason.REASON_CONTAINER_LIMITATION_DISK);
    expect(failed.status?.message).toMatch(message);
  });

  it('without --enforce-container-disk-quota a task past its disk runs on', async () => {
    agent = await start();
    run(task('hog', 'dd if=/dev/zero of=big bs=1M count=4 && echo done', [scalar('disk', 1)]));
    await master.waitForState('hog', 'TASK_FINISHED');
  });
});
