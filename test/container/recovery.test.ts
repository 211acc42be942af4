/**
 * Containers outlive an agent restart: the agent checkpoints them, and when
 * it starts again on the same work dir it finds them — runc containers by
 * their PID 1 still in their cgroup, Docker containers by name and label —
 * adopts the running ones (kill works on them) and reports the ones that
 * ended meanwhile with their real exit codes. Pods too: their parent
 * containers are found again and their group's rules still hold.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MasterToAgent, TaskInfo } from '@meseta/proto/wire';
import { TaskState } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { silentLogger } from '@meseta/runtime/log';
import { isTerminal } from '@meseta/proto/task-state';
import { startAgent, type RunningAgent } from '../../agent';
import type { DockerEngine } from '../../agent/containerizers/docker-engine';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensureDockerDaemon, type DockerDaemon } from '../setup/docker';
import { FakeMaster } from '../unit/fixtures/agent-fake-master';
import { cleanUpAll, dockerTask, removeCgroupRoot, leftovers, NO_LEFTOVERS, stateOf, tarTask } from './container-agent';
import { engineAt, importImage, inspectContainer, removeImages } from './docker-helpers';
import { waitFor } from '../harness/wait-for';

let daemon: DockerDaemon;
let engine: DockerEngine;
let images: BusyboxImage;
let imageDir: string;
let workDir: string;
let master: FakeMaster;
let agent: RunningAgent | undefined;
const imageIds = new Set<string>();
const cgroupsRoot = `meseta-test-${randomBytes(4).toString('hex')}`;
const BUSYBOX = `meseta-test/busybox:recovery-${randomBytes(4).toString('hex')}`;
const FRAMEWORK = { id: { value: 'fw' }, name: 'keeper', checkpoint: true };

beforeAll(async () => {
  daemon = await ensureDockerDaemon();
  engine = engineAt(daemon.socket);
  imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-recovery-images-'));
  images = buildBusyboxImage(imageDir);
  imageIds.add(await importImage(engine, images.tar, BUSYBOX));
  workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-recovery-')));
  master = await FakeMaster.start();
  master.autoAck = true;
}, 180_000);

afterAll(
  () =>
    cleanUpAll(
      () => agent?.stop(),
      () => master?.stop(),
      () => fs.rmSync(workDir, { recursive: true, force: true }),
      () => removeCgroupRoot(cgroupsRoot),
      () => engine && removeImages(engine, imageIds),
      () => engine?.close(),
      () => daemon?.stop(),
      () => fs.rmSync(imageDir, { recursive: true, force: true }),
    ),
  60_000,
);

async function start(): Promise<RunningAgent> {
  agent = await startAgent({
    master: master.address,
    port: 0,
    workDir,
    hostname: 'recovering-agent',
    resources: 'cpus:16;mem:16384;disk:10000',
    containerizers: ['tar', 'docker'],
    dockerSocket: daemon.socket,
    cgroupsRoot,
    logger: silentLogger,
    reconnectMinMs: 50,
    reconnectMaxMs: 200,
  });
  await agent.registered();
  return agent;
}

const run = (...tasks: TaskInfo[]): MasterToAgent => ({ run: tasks.map((task) => ({ framework: FRAMEWORK, task })) });
const terminal = (taskId: string) =>
  master.waitFor(() => master.updatesFor(taskId).find((u) => isTerminal(u.status?.state)), `a terminal state of ${taskId} (got ${master.statesFor(taskId).join(',')})`, 30_000);

/** Whether a file `<containerId>/exit-status` (runc's launcher writes it when the container ends) is under `root`. */
function exitStatusRecorded(root: string, containerId: string): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      if (entry.name === containerId && fs.existsSync(path.join(full, 'exit-status'))) return true;
      stack.push(full);
    }
  }
  return false;
}

/** A task's container has ended with no agent watching: runc's launcher recorded its exit, or Docker says it exited. */
async function containerEnded(taskId: string): Promise<boolean> {
  const containerId = master.updatesFor(taskId)[0].status?.container_id?.value as string;
  if (exitStatusRecorded(workDir, containerId)) return true;
  const inspected = await inspectContainer(engine, `meseta-${containerId}`);
  return inspected?.State?.Running === false;
}

/** Wait until each task's container has ended while the agent is away. */
async function waitUntilEnded(taskIds: string[]): Promise<void> {
  for (const id of taskIds) await waitFor(() => containerEnded(id), 60_000, `the container of ${id} to end while the agent is away`, 200);
}

describe('an agent restarted on its work dir', () => {
  it('adopts its running tar and Docker containers, reports those that ended meanwhile, and can still kill them', async () => {
    await start();
    master.send(
      run(
        tarTask('tar-long', 'sleep 60', images.tar, { network: 'none' }),
        dockerTask('docker-long', 'sleep 60', BUSYBOX, { network: 'none' }),
        tarTask('tar-short', 'sleep 3; exit 2', images.tar),
        dockerTask('docker-short', 'sleep 3; exit 3', BUSYBOX),
      ),
    );
    for (const id of ['tar-long', 'docker-long', 'tar-short', 'docker-short']) await master.waitForState(id, 'TASK_RUNNING', 1, 60_000);
    const dockerLong = master.updatesFor('docker-long')[0].status?.container_id?.value as string;
    await agent!.stop({ killTasks: false }); // as a crash leaves them
    agent = undefined;
    await waitUntilEnded(['tar-short', 'docker-short']); // the short ones end while the agent is away

    await start();
    const register = master.registrations[master.registrations.length - 1];
    const states = new Map(register.tasks?.map((t) => [idOf(t.task_id), TaskState[t.state as number]]));
    expect(states.get('tar-long')).toBe('TASK_RUNNING');
    expect(states.get('docker-long')).toBe('TASK_RUNNING');

    const dockerShort = await terminal('docker-short');
    expect(stateOf(dockerShort)).toBe('TASK_FAILED');
    expect(dockerShort.status?.exit_code).toBe(3);
    const tarShort = await terminal('tar-short');
    expect(stateOf(tarShort)).toBe('TASK_FAILED');
    expect(tarShort.status?.exit_code).toBe(2); // recorded by runc's launcher while the agent was away

    master.send({ kill: ['tar-long', 'docker-long'].map((id) => ({ framework_id: FRAMEWORK.id, task_id: { value: id }, kill_policy: { grace_period: { nanoseconds: 0 } } })) });
    expect(stateOf(await terminal('tar-long'))).toBe('TASK_KILLED');
    expect(stateOf(await terminal('docker-long'))).toBe('TASK_KILLED');
    await master.waitFor(() => JSON.stringify(leftovers({ workDir, cgroupsRoot })) === JSON.stringify(NO_LEFTOVERS) || undefined, 'no leftovers', 10_000).catch(() => undefined);
    expect(leftovers({ workDir, cgroupsRoot })).toEqual(NO_LEFTOVERS);
    await waitFor(async () => (await inspectContainer(engine, `meseta-${dockerLong}`)) === undefined, 10_000, 'Docker to have removed the long container');
  });
});

/** A framework of its own, so the Docker containers it leaves (if any) are told apart from other runs'. */
const POD_FRAMEWORK = { id: { value: `pods-${randomBytes(4).toString('hex')}` }, name: 'pod-keeper', checkpoint: true };

const group = (...tasks: TaskInfo[]): MasterToAgent => ({
  run: [{ framework: POD_FRAMEWORK, executor: { executor_id: { value: `exec-${randomBytes(3).toString('hex')}` }, framework_id: POD_FRAMEWORK.id }, task_group: { tasks } }],
});

/** Containers of the pod framework Docker still has, pods' parents included. */
async function dockerContainersOfFramework(): Promise<string[]> {
  const filters = JSON.stringify({ label: [`meseta.framework_id=${POD_FRAMEWORK.id.value}`] });
  const listed = await engine.call<Array<{ Names?: string[] }>>('GET', '/containers/json', { query: { all: 1, filters } });
  return listed.body.flatMap((c) => c.Names ?? []);
}

describe('pods across an agent restart', () => {
  it('keeps their rules: a member that failed meanwhile takes the rest with it, a kill of one kills all, and nothing is left', async () => {
    await agent?.stop(); // the previous test's
    await start();
    master.send(group(tarTask('tar-pod-steady', 'sleep 60', images.tar), tarTask('tar-pod-failing', 'sleep 5; exit 5', images.tar)));
    master.send(group(dockerTask('docker-pod-steady', 'sleep 60', BUSYBOX), dockerTask('docker-pod-failing', 'sleep 5; exit 6', BUSYBOX)));
    master.send(group(tarTask('pod-a', 'sleep 60', images.tar), tarTask('pod-b', 'sleep 60', images.tar)));
    const all = ['tar-pod-steady', 'tar-pod-failing', 'docker-pod-steady', 'docker-pod-failing', 'pod-a', 'pod-b'];
    for (const id of all) await master.waitForState(id, 'TASK_RUNNING', 1, 60_000);
    await agent!.stop({ killTasks: false }); // as a crash leaves them
    agent = undefined;
    // Every "failing" member ends while the agent is away.
    await waitUntilEnded(['tar-pod-failing', 'docker-pod-failing']);
    for (const id of ['tar-pod-failing', 'docker-pod-failing']) expect(master.statesFor(id)).toEqual(['TASK_RUNNING']);

    await start();
    const [tarFailed, dockerFailed] = await Promise.all([terminal('tar-pod-failing'), terminal('docker-pod-failing')]);
    expect([stateOf(tarFailed), tarFailed.status?.exit_code]).toEqual(['TASK_FAILED', 5]);
    expect([stateOf(dockerFailed), dockerFailed.status?.exit_code]).toEqual(['TASK_FAILED', 6]);
    const [tarSteady, dockerSteady] = await Promise.all([terminal('tar-pod-steady'), terminal('docker-pod-steady')]);
    expect(stateOf(tarSteady)).toBe('TASK_KILLED');
    expect(tarSteady.status?.message).toContain("task tar-pod-failing of the group ended with TASK_FAILED: the group's policy kills the rest");
    expect(stateOf(dockerSteady)).toBe('TASK_KILLED');
    expect(dockerSteady.status?.message).toContain("task docker-pod-failing of the group ended with TASK_FAILED: the group's policy kills the rest");

    expect(master.statesFor('pod-b')).toEqual(['TASK_RUNNING']);
    master.send({ kill: [{ framework_id: POD_FRAMEWORK.id, task_id: { value: 'pod-a' }, kill_policy: { grace_period: { nanoseconds: 0 } } }] });
    const [endA, endB] = await Promise.all([terminal('pod-a'), terminal('pod-b')]);
    expect([stateOf(endA), stateOf(endB)]).toEqual(['TASK_KILLED', 'TASK_KILLED']);
    expect(endB.status?.message).toContain('task pod-a of the group was killed: the whole group is killed');

    await master.waitFor(() => JSON.stringify(leftovers({ workDir, cgroupsRoot })) === JSON.stringify(NO_LEFTOVERS) || undefined, 'no leftovers', 10_000).catch(() => undefined);
    expect(leftovers({ workDir, cgroupsRoot })).toEqual(NO_LEFTOVERS);
    await waitFor(async () => (await dockerContainersOfFramework()).length === 0, 10_000, 'no Docker container of the pod framework');
  });
});
