/**
 * Persistent volumes in real containers (issue 14): a tar (runc) task and
 * a Docker task see the agent's volume directory as a bind mount at their
 * `disk.volume.container_path` (relative: under the sandbox mount;
 * absolute: in the image's root), read-write or read-only per mode; what one
 * task writes the next one reads; a task of a runc task group (pod) sees its
 * own volume. Busybox built locally, the test dockerd, an in-test master.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Resource, TaskInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { BusyboxImage } from '../setup/busybox-rootfs';
import { dockerTask, stateOf, tarTask, type ContainerAgent } from './container-agent';
import { useDockerTestBed } from './docker-test-bed';

let images: BusyboxImage;
let test: ContainerAgent;
const suffix = randomBytes(4).toString('hex');
const BUSYBOX = `meseta-test/busybox-volumes:${suffix}`;

const bed = useDockerTestBed({ name: 'volumes', busybox: BUSYBOX, containerizers: ['docker', 'tar', 'posix'] });
beforeAll(() => {
  ({ images, test } = bed);
});

let seq = 0;
const id = (name: string): string => `${name}-${++seq}`;

function volume(persistenceId: string, containerPath: string, mode = pb.Volume.Mode.RW): Resource {
  return {
    name: 'disk', type: pb.Value.Type.SCALAR, scalar: { value: 16 },
    reservations: [{ type: pb.Resource.ReservationInfo.Type.DYNAMIC, role: 'eng', principal: 'ops' }],
    disk: { persistence: { id: persistenceId, principal: 'ops' }, volume: { container_path: containerPath, mode } },
  } as Resource;
}
const withVolume = (task: TaskInfo, v: Resource): TaskInfo => ({ ...task, resources: [...(task.resources ?? []), v] });
const volumeDir = (persistenceId: string): string => path.join(test.workDir, 'volumes', 'roles', 'eng', persistenceId);

async function runToEnd(task: TaskInfo): Promise<{ state: string; stdout: string; message: string }> {
  test.run(task);
  const end = await test.terminal(task.task_id!.value!, 60_000);
  let stdout = '';
  try {
    stdout = test.sandboxFile(task.task_id!.value!, 'stdout');
  } catch {
    // no sandbox output
  }
  return { state: stateOf(end), stdout, message: end.status?.message ?? '' };
}

describe.each([
  ['tar (runc)', (taskId: string, command: string) => tarTask(taskId, command, images.tar)],
  ['Docker', (taskId: string, command: string) => dockerTask(taskId, command, BUSYBOX)],
])('a persistent volume in a %s container', (kind, build) => {
  const vid = `${kind.split(' ')[0]}-data`;

  it('a relative container path is a bind mount under the sandbox: written by one task, read back by the next', async () => {
    const writer = await runToEnd(withVolume(build(id('writer'), 'echo 1 > /mnt/mesos/sandbox/data/counter && echo wrote'), volume(vid, 'data')));
    expect([writer.state, writer.stdout, writer.message]).toEqual(['TASK_FINISHED', 'wrote\n', expect.any(String)]);
    expect(fs.readFileSync(path.join(volumeDir(vid), 'counter'), 'utf8')).toBe('1\n');
    const reader = await runToEnd(withVolume(build(id('reader'), 'cat data/counter'), volume(vid, 'data')));
    expect([reader.state, reader.stdout]).toEqual(['TASK_FINISHED', '1\n']);
  });

  it('an absolute container path is in the image root; RO refuses writes', async () => {
    const reader = await runToEnd(withVolume(build(id('ro'), 'cat /srv/db/counter; touch /srv/db/nope 2>/dev/null && echo writable || echo read-only'), volume(vid, '/srv/db', pb.Volume.Mode.RO)));
    expect([reader.state, reader.stdout]).toEqual(['TASK_FINISHED', '1\nread-only\n']);
    expect(fs.readdirSync(volumeDir(vid))).toEqual(['counter']);
  });
});

describe('a persistent volume in a task group (runc pod)', () => {
  it('the member that carries the volume sees it', async () => {
    const a = withVolume(tarTask(id('member-a'), 'echo from-a > /mnt/mesos/sandbox/vol/file && cat /mnt/mesos/sandbox/vol/file', images.tar), volume('pod-data', 'vol'));
    const b = tarTask(id('member-b'), 'test -e /mnt/mesos/sandbox/vol && echo has-vol || echo no-vol', images.tar);
    test.runGroup([a, b]);
    const [endA, endB] = await Promise.all([test.terminal(a.task_id!.value!, 60_000), test.terminal(b.task_id!.value!, 60_000)]);
    expect([stateOf(endA), stateOf(endB)]).toEqual(['TASK_FINISHED', 'TASK_FINISHED']);
    expect(test.sandboxFile(a.task_id!.value!, 'stdout')).toBe('from-a\n');
    expect(test.sandboxFile(b.task_id!.value!, 'stdout')).toBe('no-vol\n');
    expect(fs.readFileSync(path.join(volumeDir('pod-data'), 'file'), 'utf8')).toBe('from-a\n');
  });
});
