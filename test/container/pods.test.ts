/**
 * Task groups as pods and debug sessions, for real: a parent container
 * holding the shared network, ipc and uts namespaces, each task nested with
 * its own root filesystem and limits (runc, and Docker joining
 * `container:<id>`); all-or-nothing launch, kill the rest, a kill of one
 * kills all, one status per task; `exec` into a running task.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DockerEngine } from '../../agent/containerizers/docker-engine';
import type { BusyboxImage } from '../setup/busybox-rootfs';
import { cgroupHierarchies, dockerTask, execInTask, leftovers, NO_LEFTOVERS, stateOf, tarTask, type ContainerAgent } from './container-agent';
import { waitFor } from '../harness/wait-for';
import { useDockerTestBed } from './docker-test-bed';
import { inspectContainer } from './docker-helpers';

let engine: DockerEngine;
let images: BusyboxImage;
let imageDir: string;
let test: ContainerAgent;
const BUSYBOX = `meseta-test/busybox:pods-${randomBytes(4).toString('hex')}`;

const bed = useDockerTestBed({ name: 'pod', busybox: BUSYBOX, containerizers: ['tar', 'docker', 'posix'] });
beforeAll(() => {
  ({ engine, images, imageDir, test } = bed);
});

let seq = 0;
const id = (name: string): string => `${name}-${++seq}`;

/** The memory limit file of a pod's cgroup (v1 `memory.limit_in_bytes`, v2 `memory.max`). */
function memoryLimitFile(cgroupsRoot: string, podId: string): string {
  for (const hierarchy of cgroupHierarchies()) {
    if (fs.existsSync(path.join(hierarchy, 'memory.limit_in_bytes'))) return path.join(hierarchy, cgroupsRoot, podId, 'memory.limit_in_bytes');
    const controllers = path.join(hierarchy, 'cgroup.controllers');
    if (fs.existsSync(controllers) && fs.readFileSync(controllers, 'utf8').includes('memory')) {
      return path.join(hierarchy, cgroupsRoot, podId, 'memory.max');
    }
  }
  throw new Error('no cgroup hierarchy with a memory controller is mounted');
}

const SERVER = 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /www';
const CLIENT = 'for i in $(seq 1 50); do wget -qO- http://127.0.0.1:8080/index.html && break; sleep 0.1; done';

describe('a task group of tar containers (pod)', () => {
  it('shares the network (only loopback with none), ipc and host name; members reach each other on 127.0.0.1', async () => {
    const server = id('server');
    const client = id('client');
    test.runGroup(
      [tarTask(server, SERVER, images.tar, { network: 'none' }), tarTask(client, `${CLIENT} && tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '`, images.tar, { network: 'none' })],
      { executor_id: { value: id('exec') }, container: { hostname: 'pod-host', network_infos: [{ mode: 1 }] } },
    );
    expect(stateOf(await test.terminal(client))).toBe('TASK_FINISHED');
    expect(test.sandboxFile(client, 'stdout')).toBe('hello from pod-host\nlo\n');
    // The server runs on; each task has its own statuses and the executor id.
    expect(test.master.statesFor(server)).toEqual(['TASK_RUNNING']);
    expect(test.master.updatesFor(client).every((u) => u.status?.executor_id?.value?.startsWith('exec-'))).toBe(true);
    // Each member's container is nested in the one pod: its container id names the parent.
    const [serverContainer, clientContainer] = [server, client].map((t) => test.master.updatesFor(t)[0].status?.container_id);
    expect(serverContainer?.parent?.value).toBeTruthy();
    expect(clientContainer?.parent?.value).toBe(serverContainer?.parent?.value);
    expect(clientContainer?.value).not.toBe(serverContainer?.value);
    test.kill(server, 0);
    expect(stateOf(await test.terminal(server))).toBe('TASK_KILLED');
  });

  it('gives each task its own root filesystem and limits inside the pod cgroup', async () => {
    const a = id('own-a');
    const b = id('own-b');
    // b looks for a's mark only once a has written it (the test says go in b's sandbox): an order, not a guess.
    test.runGroup([
      tarTask(a, 'echo a-was-here > /etc/mark && echo marked; sleep 30', images.tar, { mem: 40 }),
      tarTask(b, 'until [ -e /mnt/mesos/sandbox/go ]; do sleep 0.05; done; cat /etc/mark 2>&1; sleep 30', images.tar, { mem: 24 }),
    ]);
    const running = await test.master.waitForState(b, 'TASK_RUNNING', 1, 20_000);
    await test.master.waitFor(() => test.sandboxFile(a, 'stdout') === 'marked\n' || undefined, 'the first task to write its mark');
    fs.writeFileSync(path.join(test.workDir, 'frameworks', 'fw', 'tasks', b, 'runs', 'latest', 'go'), '');
    await test.master.waitFor(() => test.sandboxFile(b, 'stdout') !== '' || undefined, 'the second task to look for the mark');
    expect(test.sandboxFile(b, 'stdout')).toMatch(/No such file/);
    const member = running.status?.container_id?.value as string;
    const podDir = fs.readdirSync(path.join('/sys/fs/cgroup/memory', test.cgroupsRoot)).find((d) => fs.existsSync(path.join('/sys/fs/cgroup/memory', test.cgroupsRoot, d, member)));
    expect(podDir).toBeDefined();
    const limit = (container: string): string => fs.readFileSync(path.join('/sys/fs/cgroup/memory', test.cgroupsRoot, podDir as string, container, 'memory.limit_in_bytes'), 'utf8').trim();
    expect(limit(member)).toBe(String(24 << 20));
    expect(fs.readFileSync(path.join('/sys/fs/cgroup/memory', test.cgroupsRoot, podDir as string, 'memory.limit_in_bytes'), 'utf8').trim()).toBe(String(64 << 20));
    test.kill(a, 0); // a kill of one task kills the whole group
    const [endA, endB] = await Promise.all([test.terminal(a), test.terminal(b)]);
    expect([stateOf(endA), stateOf(endB)]).toEqual(['TASK_KILLED', 'TASK_KILLED']);
    expect(endB.status?.message).toContain(`task ${a} of the group was killed: the whole group is killed`);
  });

  it('kills the rest of the group when one task fails, each task with its own status', async () => {
    const steady = id('steady');
    const failing = id('failing');
    test.runGroup([tarTask(steady, 'sleep 30', images.tar), tarTask(failing, 'sleep 0.3; exit 3', images.tar)]);
    const [endSteady, endFailing] = await Promise.all([test.terminal(steady), test.terminal(failing)]);
    expect(stateOf(endFailing)).toBe('TASK_FAILED');
    expect(endFailing.status?.exit_code).toBe(3);
    expect(stateOf(endSteady)).toBe('TASK_KILLED');
    expect(endSteady.status?.message).toContain(`task ${failing} of the group ended with TASK_FAILED: the group's policy kills the rest`);
  });

  it('lets the others run on when one task finishes', async () => {
    const quick = id('quick');
    const slow = id('slow');
    // slow speaks only after quick has ended (the test drops a go file in its sandbox then).
    test.runGroup([tarTask(quick, 'true', images.tar), tarTask(slow, 'until [ -e /mnt/mesos/sandbox/go ]; do sleep 0.05; done; echo still-here', images.tar)]);
    const endQuick = await test.terminal(quick);
    expect(stateOf(endQuick)).toBe('TASK_FINISHED');
    await test.master.waitForState(slow, 'TASK_RUNNING', 1, 20_000);
    fs.writeFileSync(path.join(test.workDir, 'frameworks', 'fw', 'tasks', slow, 'runs', 'latest', 'go'), '');
    const endSlow = await test.terminal(slow);
    expect(stateOf(endSlow)).toBe('TASK_FINISHED');
    expect(test.sandboxFile(slow, 'stdout')).toBe('still-here\n');
  });

  it('launches all or nothing: one task that cannot start fails the group, and none runs', async () => {
    const good = id('good');
    const bad = id('bad');
    test.runGroup([tarTask(good, 'sleep 30', images.tar), tarTask(bad, 'true', path.join(imageDir, 'no-such-image.tar'))]);
    const [endGood, endBad] = await Promise.all([test.terminal(good), test.terminal(bad)]);
    expect(stateOf(endBad)).toBe('TASK_FAILED');
    expect(endBad.status?.message).toMatch(/no-such-image.tar" cannot be read/);
    expect(stateOf(endGood)).toBe('TASK_FAILED');
    expect(endGood.status?.message).toContain(`the group was not launched (all or nothing): task ${bad} could not start`);
    expect(test.master.statesFor(good)).toEqual(['TASK_FAILED']);
    expect(test.master.statesFor(bad)).toEqual(['TASK_FAILED']);
  });

  it('leaves no pod, member, cgroup or mount behind once the groups have ended', async () => {
    await test.master.waitFor(() => JSON.stringify(leftovers(test)) === JSON.stringify(NO_LEFTOVERS) || undefined, 'no leftovers', 10_000).catch(() => undefined);
    expect(leftovers(test)).toEqual(NO_LEFTOVERS);
  });
});

describe('a task group of Docker containers', () => {
  it("joins the parent's namespaces (container:<id>): members reach each other on 127.0.0.1 and share the host name", async () => {
    const server = id('dserver');
    const client = id('dclient');
    test.runGroup([dockerTask(server, SERVER, BUSYBOX, { network: 'none', hostname: 'dpod' }), dockerTask(client, CLIENT, BUSYBOX, { network: 'none' })]);
    expect(stateOf(await test.terminal(client, 60_000))).toBe('TASK_FINISHED');
    expect(test.sandboxFile(client, 'stdout')).toBe('hello from dpod\n');
    const serverRunning = test.master.updatesFor(server)[0];
    const inspected = await inspectContainer(engine, `meseta-${serverRunning.status?.container_id?.value}`);
    expect(inspected?.HostConfig?.NetworkMode).toMatch(/^container:[0-9a-f]{64}$/);
    expect(inspected?.HostConfig?.IpcMode).toBe(inspected?.HostConfig?.NetworkMode);
    // The group's limits sit on the pod's own cgroup, and each member is created under it.
    const podId = serverRunning.status?.container_id?.parent?.value as string;
    expect(inspected?.HostConfig?.CgroupParent).toBe(`/${test.cgroupsRoot}/${podId}`);
    const podMemory = memoryLimitFile(test.cgroupsRoot, podId);
    expect(Number(fs.readFileSync(podMemory, 'utf8').trim())).toBe(2 * (64 << 20));
    test.kill(server, 0);
    expect(stateOf(await test.terminal(server, 60_000))).toBe('TASK_KILLED');
    // ... and goes with the pod, from every hierarchy.
    const podFolders = (): string[] => cgroupHierarchies().map((h) => path.join(h, test.cgroupsRoot, podId)).filter((dir) => fs.existsSync(dir));
    await waitFor(() => podFolders().length === 0, 10_000, "the pod's cgroup to go from every hierarchy");
  });
});

describe('debug sessions (exec)', () => {
  it('runs a command in a running task: stdin in, stdout and stderr out, exit code back', async () => {
    const taskId = id('target');
    test.run(tarTask(taskId, 'echo ready > state; sleep 30', images.tar, { network: 'none', hostname: 'target-host' }));
    await test.master.waitForState(taskId, 'TASK_RUNNING', 1, 20_000);
    const result = await execInTask(
      test,
      taskId,
      ['sh', '-c', 'cat state; hostname; tr a-z A-Z; echo pid1=$(cat /proc/1/cmdline | tr "\\0" " ") >&2; exit 7'],
      'shout this\n',
    );
    expect(result).toEqual({ stdout: 'ready\ntarget-host\nSHOUT THIS\n', stderr: 'pid1=sleep 30\n', exitCode: 7 });
    const clean = await execInTask(test, taskId, ['true']);
    expect(clean.exitCode).toBe(0);
    test.kill(taskId, 0);
    await test.terminal(taskId);
  });

  it.each<[string, string, RegExp]>([
    ['an unknown task', 'nobody', /task nobody is not on this agent/],
    ['a task that has ended', 'ended', /task ended is TASK_FINISHED, not running/],
  ])('is refused for %s, saying why', async (_name, taskId, message) => {
    if (taskId === 'ended') {
      test.run(tarTask('ended', 'true', images.tar));
      await test.terminal('ended');
    }
    await expect(execInTask(test, taskId, ['true'])).rejects.toThrow(message);
  });
});
