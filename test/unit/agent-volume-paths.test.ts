/**
 * Persistent volumes on the agent (pure parts): where a volume lives, what a
 * volume resource must be, where a task sees it per containerizer style, and
 * the disk limits and their check. Bad input is data, never a throw.
 */
import type { Resource } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { containerPathProblem, reservedRole, roleDirectoryName, volumeDir, volumeMounts, volumeRelativeDir, volumeSpecOf } from '../../agent/volume-paths';
import { diskLimitViolation, taskDiskLimits } from '../../agent/disk-quota';

const WORK = '/var/lib/meseta';
const MB = 1024 * 1024;

function volume(id: unknown, options: { role?: string; size?: number; path?: string; mode?: number; principal?: string } = {}): Resource {
  const r: Resource = {
    name: 'disk', type: pb.Value.Type.SCALAR, scalar: { value: options.size ?? 64 },
    reservations: options.role === '*' ? [] : [{ type: pb.Resource.ReservationInfo.Type.DYNAMIC, role: options.role ?? 'eng' }],
    disk: { persistence: { id: id as string, principal: options.principal }, volume: options.path === undefined ? undefined : { container_path: options.path, mode: options.mode ?? pb.Volume.Mode.RW } },
  } as Resource;
  return r;
}
const plainDisk = (mb: number): Resource => ({ name: 'disk', type: pb.Value.Type.SCALAR, scalar: { value: mb } } as Resource);

describe('volume directory layout', () => {
  it.each([
    ['a flat role', 'eng', 'db', 'volumes/roles/eng/db'],
    ['a hierarchical role is one folder, its / written as a space', 'eng/backend', 'db', 'volumes/roles/eng backend/db'],
    ['three levels', 'a/b/c', 'x', 'volumes/roles/a b c/x'],
  ])('%s', (_name, role, id, expected) => {
    expect(volumeRelativeDir({ role, id })).toBe(expected);
    expect(volumeDir(WORK, { role, id })).toBe(`${WORK}/${expected}`);
  });

  it('role eng\'s volume "backend" and role eng/backend\'s volumes never share or nest directories', () => {
    const parent = volumeDir(WORK, { role: 'eng', id: 'backend' });
    const child = volumeDir(WORK, { role: 'eng/backend', id: 'x' });
    expect(child.startsWith(`${parent}/`)).toBe(false);
    expect(parent).not.toBe(child);
    expect(roleDirectoryName('eng/backend')).not.toBe(roleDirectoryName('eng'));
  });

  it.each([
    ['the last reservation\'s role', { reservations: [{ role: 'eng' }, { role: 'eng/backend' }] }, 'eng/backend'],
    ['Mesos\'s pre-refinement role', { role: 'ops' }, 'ops'],
    ['unreserved', { role: '*' }, undefined],
    ['nothing', {}, undefined],
  ])('reservedRole: %s', (_name, fields, expected) => {
    expect(reservedRole({ name: 'disk', ...fields } as Resource)).toBe(expected);
  });
});

describe('a volume resource', () => {
  it.each([
    ['an empty id', volume(''), 'task.resources[0].disk.persistence.id: required (an empty id names no directory)'],
    ['no id at all', volume(undefined), 'task.resources[0].disk.persistence.id: required'],
    ['an id with /', volume('a/b'), 'task.resources[0].disk.persistence.id'],
    ['an id of ..', volume('..'), 'not "." or ".."'],
    ['an id with NUL', volume('a\u0000b'), 'control characters'],
    ['an id with a space', volume('a b'), 'contains white space'],
    ['an id that is not a string', volume(42), 'task.resources[0].disk.persistence.id: required'],
    ['unreserved disk', volume('db', { role: '*' }), 'task.resources[0].reservations: a persistent volume must be on disk reserved to a role'],
    ['a role with ..', volume('db', { role: 'eng/..' }), 'task.resources[0].reservations.role'],
    ['size 0', volume('db', { size: 0 }), 'task.resources[0].scalar.value: a persistent volume needs a size in MB above 0, got 0'],
    ['a NaN size', volume('db', { size: NaN }), 'got NaN'],
  ])('refuses %s, naming the field', (_name, resource, message) => {
    const spec = volumeSpecOf(resource, 'task.resources[0]');
    expect(spec).toHaveProperty('problem');
    expect((spec as { problem: string }).problem).toContain(message);
  });

  it('reads role, id, size, principal, container path and mode', () => {
    expect(volumeSpecOf(volume('db', { role: 'eng/backend', size: 100, path: 'data', mode: pb.Volume.Mode.RO, principal: 'ops' }), 'r')).toEqual({
      role: 'eng/backend', id: 'db', sizeMb: 100, principal: 'ops', containerPath: 'data', readOnly: true,
    });
  });
});

describe('where a task sees its volumes', () => {
  const link = { workDir: WORK, style: 'sandbox-link' as const, containerSandbox: '/mnt/mesos/sandbox' };
  const bind = { ...link, style: 'bind' as const };

  it.each([
    ['posix: a relative path is a link in the sandbox', link, 'data', 'data'],
    ['posix: a nested relative path', link, 'var/db/', 'var/db'],
    ['bind: a relative path under the sandbox mount', bind, 'data', '/mnt/mesos/sandbox/data'],
    ['bind: an absolute path in the image root', bind, '/var/lib/db', '/var/lib/db'],
  ])('%s', (_name, options, containerPath, target) => {
    const mounts = volumeMounts([plainDisk(10), volume('db', { path: containerPath })], options);
    expect(mounts).toEqual([expect.objectContaining({ target, hostPath: `${WORK}/volumes/roles/eng/db`, readOnly: false })]);
  });

  it.each([
    ['posix: an absolute path', link, '/data', 'task.resources[0].disk.volume.container_path: "/data" is absolute; a task without an image (posix) sees its volumes in its sandbox'],
    ['posix: the sandbox itself', link, '.', 'names the sandbox itself'],
    ['posix: climbing out', link, '../other', 'must not contain ".."'],
    ['bind: the root', bind, '/', 'cannot be the container\'s root'],
    ['bind: a colon', bind, '/a:b', 'must not contain ":"'],
    ['bind: NUL', bind, 'a\u0000b', 'contains a NUL character'],
    ['no container path', bind, undefined, 'task.resources[0].disk.volume.container_path: required'],
  ])('refuses %s', (_name, options, containerPath, message) => {
    const mounts = volumeMounts([volume('db', { path: containerPath })], options);
    expect(mounts).toHaveProperty('problem');
    expect((mounts as { problem: string }).problem).toContain(message);
  });

  it('refuses two volumes at one path, naming both', () => {
    const mounts = volumeMounts([volume('a', { path: 'data' }), volume('b', { path: 'data/' })], bind);
    expect((mounts as { problem: string }).problem).toBe('task.resources[1].disk.volume.container_path: "data/" is also where volume "a" (task.resources[0]) is mounted');
  });

  it('passes RO through for bind mounts', () => {
    const mounts = volumeMounts([volume('db', { path: '/db', mode: pb.Volume.Mode.RO })], bind);
    expect(mounts).toEqual([expect.objectContaining({ readOnly: true })]);
  });

  it('containerPathProblem: undefined for a good path', () => {
    expect(containerPathProblem('data', 'f', 'sandbox-link')).toBeUndefined();
    expect(containerPathProblem('/data', 'f', 'bind')).toBeUndefined();
  });
});

describe('disk limits', () => {
  it('holds the sandbox to the plain disk and each volume to its own size', () => {
    const limits = taskDiskLimits([plainDisk(10), plainDisk(5), volume('db', { size: 64, path: 'data' }), { name: 'cpus', scalar: { value: 1 } } as Resource], '/sb', WORK);
    expect(limits).toEqual([
      { kind: 'sandbox', path: '/sb', limitMb: 15 },
      { kind: 'volume', path: `${WORK}/volumes/roles/eng/db`, limitMb: 64, volumeId: 'db' },
    ]);
  });

  it('a task without plain disk has no sandbox limit; a bad volume is not measured', () => {
    expect(taskDiskLimits([volume(''), { name: 'mem', scalar: { value: 32 } } as Resource], '/sb', WORK)).toEqual([]);
  });

  const sandbox = { kind: 'sandbox' as const, path: '/sb', limitMb: 10 };
  const vol = { kind: 'volume' as const, path: '/v', limitMb: 64, volumeId: 'db' };
  it.each([
    ['within every limit', [{ limit: sandbox, usedBytes: 10 * MB }, { limit: vol, usedBytes: 1 }], undefined],
    ['the sandbox over', [{ limit: sandbox, usedBytes: 12.5 * MB }], 'Disk usage exceeded its limit: sandbox /sb uses 12.5 MB, above the task\'s disk of 10 MB'],
    ['a volume over', [{ limit: sandbox, usedBytes: 0 }, { limit: vol, usedBytes: 70 * MB }], 'Disk usage exceeded its limit: persistent volume "db" (/v) uses 70.0 MB, above its size of 64 MB'],
  ])('%s', (_name, measurements, expected) => {
    expect(diskLimitViolation(measurements)).toBe(expected);
  });
});
