/**
 * The docker containerizer for real: a private dockerd (or the suite's),
 * busybox imported locally (no registry), tasks launched through an agent
 * and asserted from inside the container and from Docker's own view.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Reason } from '@meseta/proto/wire';
import type { DockerEngine } from '../../agent/containerizers/docker-engine';
import type { BusyboxImage } from '../setup/busybox-rootfs';
import { dockerTask, execInTask, execOnTerminal, stateOf, type ContainerAgent } from './container-agent';
import { waitFor } from '../harness/wait-for';
import { useDockerTestBed } from './docker-test-bed';
import { importImage, imageId, inspectContainer, removeImages, saveImage } from './docker-helpers';

let engine: DockerEngine;
let images: BusyboxImage;
let imageDir: string;
let test: ContainerAgent;
const suffix = randomBytes(4).toString('hex');
const BUSYBOX = `meseta-test/busybox:${suffix}`;

const bed = useDockerTestBed({ name: 'docker', busybox: BUSYBOX, containerizers: ['docker', 'posix'] });
beforeAll(() => {
  ({ engine, images, imageDir, test } = bed);
});

let seq = 0;
const id = (name: string): string => `${name}-${++seq}`;

async function runToEnd(taskId: string, command: string | undefined, image = BUSYBOX, extra: Parameters<typeof dockerTask>[3] = {}) {
  test.run(dockerTask(taskId, command, image, extra));
  const end = await test.terminal(taskId, 60_000);
  const read = (file: string): string => {
    try {
      return test.sandboxFile(taskId, file);
    } catch {
      return '';
    }
  };
  return { end, state: stateOf(end), stdout: read('stdout'), stderr: read('stderr') };
}

describe('a task in a Docker container', () => {
  it('runs as PID 1 with its host name, the sandbox as working directory, and its output in the sandbox files', async () => {
    const taskId = id('pid1');
    const result = await runToEnd(taskId, 'echo "pid=$$ host=$(hostname) cwd=$(pwd) sandbox=$MESOS_SANDBOX task=$MESOS_TASK_ID"; echo to-stderr >&2; echo note > note', BUSYBOX, { hostname: 'dock-one' });
    expect(result.state).toBe('TASK_FINISHED');
    expect(test.master.statesFor(taskId)).toEqual(['TASK_RUNNING', 'TASK_FINISHED']);
    expect(result.stdout).toBe(`pid=1 host=dock-one cwd=/mnt/mesos/sandbox sandbox=/mnt/mesos/sandbox task=${taskId}\n`);
    expect(result.stderr).toBe('to-stderr\n');
    expect(test.sandboxFile(taskId, 'note')).toBe('note\n');
  });

  it('runs as its command user (looked up on the host, given to Docker as uid:gid) in a sandbox that user owns', async () => {
    const taskId = id('user');
    const task = dockerTask(taskId, 'id -u; id -g; touch mine && echo sandbox-writable', BUSYBOX);
    task.command!.user = 'nobody';
    test.run(task);
    const end = await test.terminal(taskId, 60_000);
    expect(stateOf(end)).toBe('TASK_FINISHED');
    expect(test.sandboxFile(taskId, 'stdout')).toBe('65534\n65534\nsandbox-writable\n');

    // A debug session enters as the task's user too (Docker's exec takes the container's User).
    const sleeper = id('user-exec');
    const long = dockerTask(sleeper, 'sleep 30', BUSYBOX);
    long.command!.user = 'nobody';
    test.run(long);
    await test.master.waitForState(sleeper, 'TASK_RUNNING', 1, 60_000);
    expect((await execInTask(test, sleeper, ['id', '-u'])).stdout).toBe('65534\n');
    test.kill(sleeper, 0);
    expect(stateOf(await test.terminal(sleeper, 60_000))).toBe('TASK_KILLED');
  });

  it('is created with labels naming agent, framework, task and container, and with its limits', async () => {
    const taskId = id('labels');
    test.run(dockerTask(taskId, 'sleep 30', BUSYBOX, { cpus: 0.25, mem: 48, network: 'none' }));
    const running = await test.master.waitForState(taskId, 'TASK_RUNNING', 1, 60_000);
    const containerId = running.status?.container_id?.value as string;
    const inspected = await inspectContainer(engine, `meseta-${containerId}`);
    expect(inspected?.Config?.Labels).toEqual({
      'meseta.agent_id': 'agent-1',
      'meseta.framework_id': 'fw',
      'meseta.task_id': taskId,
      'meseta.container_id': containerId,
    });
    expect(inspected?.HostConfig).toMatchObject({ CpuShares: 256, CpuQuota: 25_000, CpuPeriod: 100_000, Memory: 48 << 20, MemorySwap: 48 << 20, NetworkMode: 'none' });
    test.kill(taskId, 0);
    expect(stateOf(await test.terminal(taskId))).toBe('TASK_KILLED');
    expect(await waitGone(`meseta-${containerId}`)).toBe(true);
  });

  it('sees only loopback with network none, and the host interfaces with network host', async () => {
    const none = await runToEnd(id('none'), "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '", BUSYBOX, { network: 'none' });
    expect(none.stdout.trim().split('\n')).toEqual(['lo']);
    const host = await runToEnd(id('host'), "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort", BUSYBOX, { network: 'host' });
    const hostInterfaces = fs.readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2).map((l) => l.split(':')[0].trim()).filter(Boolean).sort();
    expect(host.stdout.trim().split('\n')).toEqual(hostInterfaces);
  });

  it('is killed past its memory limit and reported with REASON_CONTAINER_LIMITATION_MEMORY', async () => {
    const result = await runToEnd(id('oom'), 'x=a; while true; do x=$x$x; done', BUSYBOX, { mem: 32 });
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LIMITATION_MEMORY);
    expect(result.end.status?.message).toMatch(/Memory limit exceeded/);
  });

  it('fails, naming the image, the registry and why, when its image is not there, no tarball is given and the pull fails', async () => {
    const result = await runToEnd(id('missing'), 'true', `meseta-test/absent:${suffix}`);
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    // The daemon tries Docker Hub: refused (no such repository) or unreachable (no network), either way said so.
    expect(result.end.status?.message).toMatch(new RegExp(`^image docker.io/meseta-test/absent:${suffix} could not be pulled from registry docker.io: (not found|unauthorized|registry unreachable): `));
  });

  it('loads its image from a root filesystem tarball (import) when the image is not there', async () => {
    const name = `meseta-test/imported:${suffix}`;
    const result = await runToEnd(id('import'), 'echo imported', name, { imageUri: images.tarXz });
    expect(result.state).toBe('TASK_FINISHED');
    expect(result.stdout).toBe('imported\n');
    bed.imageIds.add(await imageId(engine, name));
  });

  it('loads its image from a docker save tarball when the image is not there', async () => {
    const name = `meseta-test/saved:${suffix}`;
    const source = await importImage(engine, images.tar, name);
    const file = path.join(imageDir, 'saved.tar');
    await saveImage(engine, name, file);
    await removeImages(engine, [source]);
    const result = await runToEnd(id('load'), 'echo loaded', name, { imageUri: `file://${file}` });
    expect(result.state).toBe('TASK_FINISHED');
    expect(result.stdout).toBe('loaded\n');
    bed.imageIds.add(await imageId(engine, name));
  });

  it('refuses a corrupt image tarball with TASK_FAILED saying why', async () => {
    const file = path.join(imageDir, 'corrupt.tar');
    fs.writeFileSync(file, 'not a tarball at all'.repeat(40));
    const result = await runToEnd(id('corrupt'), 'true', `meseta-test/corrupt:${suffix}`, { imageUri: file });
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.message).toMatch(/is corrupt/);
  });

  it('streams a debug session into a running container and returns its exit code', async () => {
    const taskId = id('exec');
    test.run(dockerTask(taskId, 'echo running > marker; sleep 30', BUSYBOX, { network: 'none' }));
    await test.master.waitForState(taskId, 'TASK_RUNNING', 1, 60_000);
    const result = await execInTask(test, taskId, ['sh', '-c', 'cat marker; tr a-z A-Z; echo pid1=$(cat /proc/1/cmdline | tr "\\0" " ") >&2; exit 5'], 'hello from stdin\n');
    expect(result).toEqual({ stdout: 'running\nHELLO FROM STDIN\n', stderr: 'pid1=sleep 30\n', exitCode: 5 });
    test.kill(taskId, 0);
    await test.terminal(taskId);
  });

  it('opens a debug session on a terminal: the command sees a tty of the asked size', async () => {
    const taskId = id('tty');
    test.run(dockerTask(taskId, 'sleep 30', BUSYBOX, { network: 'none' }));
    await test.master.waitForState(taskId, 'TASK_RUNNING', 1, 60_000);
    const result = await execOnTerminal(test, taskId, 'echo hello-$((6*7)) size=$(stty size)\nexit 3\n');
    expect(result.stdout).toMatch(/hello-42 size=24 80/);
    expect(result.exitCode).toBe(3);
    test.kill(taskId, 0);
    await test.terminal(taskId);
  });

  it('removes the containers of ended tasks', async () => {
    const ids = [id('gone'), id('gone')];
    test.run(...ids.map((taskId) => dockerTask(taskId, 'true', BUSYBOX)));
    const ends = await Promise.all(ids.map((taskId) => test.terminal(taskId, 60_000)));
    expect(ends.map(stateOf)).toEqual(['TASK_FINISHED', 'TASK_FINISHED']);
    for (const end of ends) expect(await waitGone(`meseta-${end.status?.container_id?.value}`)).toBe(true);
  });
});

/** True once Docker has no container by that name (within 10 s). */
async function waitGone(reference: string): Promise<boolean> {
  return waitFor(async () => !(await inspectContainer(engine, reference)), 10_000, `Docker to have no container ${reference}`).catch(() => false);
}
