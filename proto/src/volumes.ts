/**
 * Persistent volumes as pure transforms over resource lists (Mesos's CREATE
 * and DESTROY). A CREATE turns reserved disk into a volume of the same size
 * (the disk with `disk.persistence` and `disk.volume`); a DESTROY turns it
 * back into reserved disk (the reservation stays until an UNRESERVE). Both
 * come out as a {@link ReservationConversion}, so the allocator and the
 * registry treat them as they treat RESERVE and UNRESERVE. Pure, no I/O.
 */
import type { Resource } from './wire';
import { isPersistentVolume, normalizeUnallocated, reservationRole, shortfalls, UNRESERVED_ROLE } from './resources';
import type { ReservationConversion, ReservationRefusal } from './reservations';

/** Volume.Mode.RW, the default. */
export const VOLUME_RW = 1;
/** Volume.Mode.RO. */
export const VOLUME_RO = 2;

/** Who asks: a framework (its principal) or an operator (its principal). */
export interface VolumeActor {
  /** The caller's principal; a volume's `disk.persistence.principal`, when set, must be it. */
  principal?: string;
}

/** A refused CREATE or DESTROY: the message names the field; `in_use_by` lists the live tasks that use a volume. */
export interface VolumeRefusal extends ReservationRefusal {
  in_use_by?: string[];
}

/** A volume's identity on an agent: its role and persistence id. */
export function volumeKey(resource: Resource): string {
  return `${reservationRole(resource)}\u0000${resource.disk?.persistence?.id ?? ''}`;
}

/** The persistent volumes of a list (an agent's total, a task's resources). */
export function volumesOf(resources: readonly Resource[] | null | undefined): Resource[] {
  return (resources ?? []).filter(isPersistentVolume);
}

/** The resource without its disk info: the reserved disk a volume is made of. A copy. */
export function withoutDisk(resource: Resource): Resource {
  const copy: Resource = { ...resource };
  delete copy.disk;
  return copy;
}

/** Why a persistence id cannot be a directory name, or undefined. */
export function persistenceIdProblem(id: string | null | undefined): string | undefined {
  if (!id) return 'required (the volume\'s id, unique per agent and role)';
  if (id.length > 128) return `at most 128 characters, got ${id.length}`;
  if (!/^[\x21-\x7e]+$/.test(id)) return `"${printable(id)}" must be printable ASCII without spaces (it names a directory)`;
  if (id.includes('/') || id.includes('\\')) return `"${id}" must not contain "/" or "\\" (it names one directory)`;
  if (id === '.' || id.includes('..')) return `"${id}" must not be "." or contain ".."`;
  return undefined;
}

/** Why a volume's container path is unusable, or undefined. Relative paths lie under the sandbox. */
export function containerPathProblem(path: string | null | undefined): string | undefined {
  if (!path) return 'required (where the task sees the volume; a relative path lies under the sandbox)';
  if (path.length > 1024) return `at most 1024 characters, got ${path.length}`;
  if (!/^[\x20-\x7e]+$/.test(path)) return `"${printable(path)}" must be printable ASCII`;
  if (path.split('/').some((segment) => segment === '..')) return `"${path}" must not contain a ".." segment`;
  if (path.split('/').every((segment) => segment === '' || segment === '.')) return `"${path}" names no directory`;
  return undefined;
}

function printable(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/**
 * Shape checks of a CREATE's volumes before they meet any pool: each is
 * `disk`, reserved for a role (dynamically, or statically to a role other
 * than "*"), with a safe `disk.persistence.id`, a `disk.volume` with a
 * container path and mode RW or RO, no host path, a principal matching the
 * caller's when set, and no id twice for one role. Returns the first
 * problem, naming the field (`field[i].disk.persistence.id: ...`).
 */
export function createProblem(volumes: readonly Resource[] | null | undefined, actor: VolumeActor, field: string): string | undefined {
  const list = volumes ?? [];
  if (list.length === 0) return `${field}: required (the volumes to create, each reserved disk with disk.persistence and disk.volume)`;
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const at = `${field}[${i}]`;
    if (r.name !== 'disk') return `${at}.name: a persistent volume is made of disk, got "${r.name ?? ''}"`;
    const size = r.scalar?.value;
    if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0) return `${at}.scalar.value: the volume's size in MB must be a positive number, got ${size ?? 'none'}`;
    if (reservationRole(r) === UNRESERVED_ROLE) return `${at}.reservations: a volume needs reserved disk (RESERVE it for a role first, or reserve it statically on the agent)`;
    const persistence = r.disk?.persistence;
    if (!persistence) return `${at}.disk.persistence: required (the volume's id)`;
    const idProblem = persistenceIdProblem(persistence.id);
    if (idProblem) return `${at}.disk.persistence.id: ${idProblem}`;
    if (actor.principal && persistence.principal && persistence.principal !== actor.principal) {
      return `${at}.disk.persistence.principal: "${persistence.principal}" does not match the caller's principal "${actor.principal}"`;
    }
    const volume = r.disk?.volume;
    if (!volume) return `${at}.disk.volume: required (container_path and mode)`;
    const pathProblem = containerPathProblem(volume.container_path);
    if (pathProblem) return `${at}.disk.volume.container_path: ${pathProblem}`;
    if (volume.host_path) return `${at}.disk.volume.host_path: must be unset (the agent chooses where a persistent volume lives)`;
    if (volume.mode !== undefined && volume.mode !== null && volume.mode !== VOLUME_RW && volume.mode !== VOLUME_RO) {
      return `${at}.disk.volume.mode: must be RW or RO, got ${volume.mode}`;
    }
    const key = volumeKey(r);
    if (seen.has(key)) return `${at}.disk.persistence.id: "${persistence.id}" is named twice for role "${reservationRole(r)}" in this CREATE`;
    seen.add(key);
  }
  return undefined;
}

/** The volume as it is kept: mode RW when unset, the principal the caller's when unset. */
function asCreated(r: Resource, actor: VolumeActor): Resource {
  const disk = r.disk ?? {};
  const persistence = { ...disk.persistence };
  if (!persistence.principal && actor.principal) persistence.principal = actor.principal;
  const volume = { ...disk.volume, mode: disk.volume?.mode || VOLUME_RW };
  return { ...r, disk: { persistence, volume } };
}

/**
 * The conversion a CREATE makes of `pool` (unallocated form: an offer, or an
 * agent's free resources): the reserved disk leaves, the volumes enter.
 * `existing` holds the agent's volumes (all of them, offered or not): an id
 * already there for the same role is refused. Call {@link createProblem} first.
 */
export function planCreate(pool: readonly Resource[], volumes: readonly Resource[], existing: readonly Resource[], actor: VolumeActor, field: string): ReservationConversion | VolumeRefusal {
  const known = new Set(existing.map(volumeKey));
  for (let i = 0; i < volumes.length; i++) {
    if (known.has(volumeKey(volumes[i]))) {
      return { message: `${field}[${i}].disk.persistence.id: "${volumes[i].disk?.persistence?.id}" is already a volume for role "${reservationRole(volumes[i])}" on this agent` };
    }
  }
  const converted = normalizeUnallocated(volumes.map((v) => asCreated(v, actor)));
  const consumed = normalizeUnallocated(volumes.map(withoutDisk));
  const missing = shortfalls(pool, consumed);
  if (missing.length > 0) return { message: `${field}: the reserved disk for the volumes is not all there: ${missing.map((m) => m.message).join('; ')}`, shortfalls: missing };
  return { consumed, converted };
}

/**
 * Shape checks of a DESTROY's volumes: each is `disk` with a
 * `disk.persistence.id`, reserved, named once. Returns the first problem,
 * naming the field.
 */
export function destroyProblem(volumes: readonly Resource[] | null | undefined, field: string): string | undefined {
  const list = volumes ?? [];
  if (list.length === 0) return `${field}: required (the volumes to destroy, as offered)`;
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const at = `${field}[${i}]`;
    if (r.name !== 'disk') return `${at}.name: a persistent volume is disk, got "${r.name ?? ''}"`;
    if (reservationRole(r) === UNRESERVED_ROLE) return `${at}.reservations: a volume is always reserved; name its reservation as offered`;
    const idProblem = persistenceIdProblem(r.disk?.persistence?.id);
    if (idProblem) return `${at}.disk.persistence.id: ${idProblem}`;
    const key = volumeKey(r);
    if (seen.has(key)) return `${at}.disk.persistence.id: "${r.disk?.persistence?.id}" is named twice in this DESTROY`;
    seen.add(key);
  }
  return undefined;
}

/**
 * The conversion a DESTROY makes of `pool`: each volume must be one the
 * agent has (`existing`), named whole, used by no live task (`usedBy`
 * gives the task ids using it), and in the pool; it turns back into
 * reserved disk. Call {@link destroyProblem} first.
 */
export function planDestroy(
  pool: readonly Resource[],
  volumes: readonly Resource[],
  existing: readonly Resource[],
  usedBy: (volume: Resource) => readonly string[],
  field: string,
): ReservationConversion | VolumeRefusal {
  const byKey = new Map(normalizeUnallocated(existing).map((v) => [volumeKey(v), v]));
  const consumed: Resource[] = [];
  for (let i = 0; i < volumes.length; i++) {
    const at = `${field}[${i}]`;
    const asked = volumes[i];
    const id = asked.disk?.persistence?.id;
    const role = reservationRole(asked);
    const known = byKey.get(volumeKey(asked));
    if (!known) return { message: `${at}.disk.persistence.id: no volume "${id}" for role "${role}" on this agent` };
    const users = usedBy(known);
    if (users.length > 0) {
      return { message: `${at}: volume "${id}" is in use by task${users.length > 1 ? 's' : ''} ${users.join(', ')} (kill ${users.length > 1 ? 'them' : 'it'} first)`, in_use_by: [...users] };
    }
    const size = known.scalar?.value ?? 0;
    if (asked.scalar?.value !== undefined && asked.scalar?.value !== null && asked.scalar.value !== size) {
      return {
        message: `${at}.scalar.value: a volume is destroyed whole: asked ${asked.scalar.value}, volume "${id}" holds ${size}`,
        shortfalls: [{ name: 'disk', requested: asked.scalar.value, available: size, message: `disk: asked ${asked.scalar.value}, volume holds ${size}` }],
      };
    }
    consumed.push(known);
  }
  const missing = shortfalls(pool, consumed);
  if (missing.length > 0) return { message: `${field}: the volumes are not all there: ${missing.map((m) => m.message).join('; ')}`, shortfalls: missing };
  return { consumed, converted: normalizeUnallocated(consumed.map(withoutDisk)) };
}

/**
 * Why a task's use of volumes is refused, or undefined: a task uses a
 * volume whole (as Mesos), so each volume among its resources must be
 * in `pool` with the same size. `field` names the task's resources.
 */
export function launchVolumesProblem(taskResources: readonly Resource[] | null | undefined, pool: readonly Resource[], field: string): string | undefined {
  const list = taskResources ?? [];
  if (!list.some(isPersistentVolume)) return undefined;
  const byKey = new Map(volumesOf(pool).map((v) => [volumeKey(v), v]));
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!isPersistentVolume(r)) continue;
    const id = r.disk?.persistence?.id;
    const pathProblem = containerPathProblem(r.disk?.volume?.container_path);
    if (pathProblem) return `${field}[${i}].disk.volume.container_path: ${pathProblem}`;
    const there = byKey.get(volumeKey(r));
    if (!there) return `${field}[${i}].disk.persistence.id: volume "${id}" for role "${reservationRole(r)}" is not in the offer`;
    const size = there.scalar?.value ?? 0;
    if ((r.scalar?.value ?? 0) !== size) return `${field}[${i}].scalar.value: a task uses a volume whole: asked ${r.scalar?.value ?? 0}, volume "${id}" holds ${size}`;
  }
  return undefined;
}

/** One volume as `/state` lists it beside the agent's resources. */
export interface VolumeEntry {
  persistence_id: string;
  role: string;
  principal?: string;
  container_path: string;
  mode: 'RW' | 'RO';
  disk_mb: number;
  used_by_task_ids?: string[];
}

/** The `/state` entry of a volume; `usedBy` lists the live tasks using it (omitted when none). */
export function volumeEntry(volume: Resource, usedBy: readonly string[] = []): VolumeEntry {
  const entry: VolumeEntry = {
    persistence_id: volume.disk?.persistence?.id ?? '',
    role: reservationRole(volume),
    container_path: volume.disk?.volume?.container_path ?? '',
    mode: volume.disk?.volume?.mode === VOLUME_RO ? 'RO' : 'RW',
    disk_mb: volume.scalar?.value ?? 0,
  };
  if (volume.disk?.persistence?.principal) entry.principal = volume.disk.persistence.principal;
  if (usedBy.length > 0) entry.used_by_task_ids = [...usedBy];
  return entry;
}

/** What changed between two sets of an agent's volumes (by role and persistence id), or undefined when nothing did. */
export function volumesChange(before: readonly Resource[], after: readonly Resource[]): { created: Resource[]; destroyed: Resource[] } | undefined {
  const was = new Set(before.map(volumeKey));
  const is = new Set(after.map(volumeKey));
  const created = after.filter((v) => !was.has(volumeKey(v)));
  const destroyed = before.filter((v) => !is.has(volumeKey(v)));
  return created.length === 0 && destroyed.length === 0 ? undefined : { created, destroyed };
}
