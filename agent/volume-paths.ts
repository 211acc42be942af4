/**
 * Where an agent keeps its persistent volumes, and what a volume a task
 * names must be (pure: no I/O).
 *
 * Layout, as Mesos's agent: `<workDir>/volumes/roles/<role>/<persistence id>`,
 * beside (never inside) `frameworks/`, so a volume outlives its tasks, sandbox
 * garbage collection, agent restarts and framework failover.
 *
 * A hierarchical role is one directory, its `/` written as a space
 * (`eng/backend` → `volumes/roles/eng backend/<id>`), as Mesos encodes it.
 * Nested directories would let role `eng`'s volume `backend` be the folder
 * that holds role `eng/backend`'s volumes; a role may not contain a space
 * (see `roleProblem`) and an id may not contain `/`, so no two
 * (role, id) pairs share a directory and no volume lies inside another.
 */
import * as path from 'node:path';
import type { Resource } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { idCharactersProblem, roleProblem } from '@meseta/proto/resource-validation';

/** The folder under the work dir that holds every volume. */
export const VOLUMES_FOLDER = 'volumes';

/** A persistent volume as the agent keeps it: who owns it, its id, its size. */
export interface VolumeKey {
  /** The role whose reservation holds it (the last reservation's role). */
  role: string;
  /** `disk.persistence.id`: unique per agent and role. */
  id: string;
}

/** A volume named by a resource, with what the agent needs to keep and mount it. */
export interface VolumeSpec extends VolumeKey {
  /** Its size in MB (the resource's scalar): the disk quota of its directory. */
  sizeMb: number;
  principal?: string;
  /** `disk.volume.container_path`, when the resource says where a task sees it. */
  containerPath?: string;
  /** `disk.volume.mode` is RO. */
  readOnly: boolean;
}

/** The directory name of a role under `volumes/roles`: `/` written as a space. */
export function roleDirectoryName(role: string): string {
  return role.split('/').join(' ');
}

/** The volume's directory, relative to the work dir. */
export function volumeRelativeDir(key: VolumeKey): string {
  return path.posix.join(VOLUMES_FOLDER, 'roles', roleDirectoryName(key.role), key.id);
}

/** The volume's absolute directory under `workDir`. */
export function volumeDir(workDir: string, key: VolumeKey): string {
  return path.join(workDir, volumeRelativeDir(key));
}

/** A stable text key of a volume (role and id), for maps. */
export function volumeKeyText(key: VolumeKey): string {
  return `${key.role}\u0000${key.id}`;
}

/** The role a resource is reserved to: the last reservation's role, else Mesos's pre-refinement `role`. */
export function reservedRole(resource: Resource): string | undefined {
  const stack = resource.reservations ?? [];
  const last = stack.length > 0 ? stack[stack.length - 1] : undefined;
  const role = last?.role ?? resource.role ?? undefined;
  return role && role !== '*' ? role : undefined;
}

/** True when the resource is a persistent volume (disk with `disk.persistence`). */
export function isVolumeResource(resource: Resource): boolean {
  return resource.name === 'disk' && resource.disk?.persistence != null;
}

/**
 * The volume a resource names, or a problem naming the field (`field` is the
 * resource's own, e.g. `task.resources[2]`). Never throws.
 */
export function volumeSpecOf(resource: Resource, field: string): VolumeSpec | { problem: string } {
  const persistence = resource.disk?.persistence;
  if (!persistence) return { problem: `${field}.disk.persistence: required for a persistent volume` };
  const id = typeof persistence.id === 'string' ? persistence.id : '';
  if (id === '') return { problem: `${field}.disk.persistence.id: required (an empty id names no directory)` };
  const idProblem = idCharactersProblem(`${field}.disk.persistence.id`, id);
  if (idProblem) return { problem: idProblem };
  if (/\s/.test(id)) return { problem: `${field}.disk.persistence.id: ${JSON.stringify(id)} contains white space` };
  const role = reservedRole(resource);
  if (!role) return { problem: `${field}.reservations: a persistent volume must be on disk reserved to a role, not unreserved ("*")` };
  const problem = roleProblem(`${field}.reservations.role`, role);
  if (problem) return { problem };
  if (/\s/.test(role)) return { problem: `${field}.reservations.role: ${JSON.stringify(role)} contains white space` };
  if (role.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return { problem: `${field}.reservations.role: "${role}" has an empty, "." or ".." level` };
  }
  const size = resource.scalar?.value;
  if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0) {
    return { problem: `${field}.scalar.value: a persistent volume needs a size in MB above 0, got ${size ?? 'none'}` };
  }
  const spec: VolumeSpec = { role, id, sizeMb: size, readOnly: resource.disk?.volume?.mode === pb.Volume.Mode.RO };
  if (persistence.principal) spec.principal = persistence.principal;
  const containerPath = resource.disk?.volume?.container_path;
  if (typeof containerPath === 'string' && containerPath !== '') spec.containerPath = containerPath;
  return spec;
}

/** How a containerizer shows a volume to its task. */
export type MountStyle = 'sandbox-link' | 'bind';

/** Where a task sees one of its volumes. */
export interface VolumeMount {
  volume: VolumeSpec;
  /** The volume's directory on the host. */
  hostPath: string;
  /**
   * `sandbox-link`: the path relative to the sandbox where the link goes.
   * `bind`: the absolute path inside the container (a relative
   * `container_path` resolved under the container's sandbox mount).
   */
  target: string;
  readOnly: boolean;
}

/**
 * The task's volumes as mounts for one containerizer's style, or the first
 * problem naming the field. `sandbox-link` (posix: a symbolic link in the
 * sandbox, as Mesos's posix filesystem isolator) takes only relative paths;
 * `bind` (runc, Docker) takes relative ones under `containerSandbox` and
 * absolute ones in the image's root. `..`, NUL and the root are refused.
 */
export function volumeMounts(
  resources: readonly Resource[] | null | undefined,
  options: { workDir: string; style: MountStyle; containerSandbox: string; field?: string },
): VolumeMount[] | { problem: string } {
  const field = options.field ?? 'task.resources';
  const mounts: VolumeMount[] = [];
  const targets = new Map<string, string>();
  const list = resources ?? [];
  for (let i = 0; i < list.length; i++) {
    const resource = list[i];
    if (!isVolumeResource(resource)) continue;
    const at = `${field}[${i}]`;
    const spec = volumeSpecOf(resource, at);
    if ('problem' in spec) return spec;
    const pathField = `${at}.disk.volume.container_path`;
    const containerPath = spec.containerPath;
    if (!containerPath) return { problem: `${pathField}: required (where the task sees volume "${spec.id}")` };
    const problem = containerPathProblem(containerPath, pathField, options.style);
    if (problem) return { problem };
    if (options.style === 'sandbox-link' && spec.readOnly) {
      return { problem: `${at}.disk.volume.mode: RO needs a container with an image (a bind mount); a task without one sees its volume through a link in its sandbox, which cannot be read-only` };
    }
    const target = (options.style === 'bind' && !containerPath.startsWith('/')
      ? path.posix.join(options.containerSandbox, containerPath)
      : path.posix.normalize(containerPath)).replace(/\/+$/, '');
    const other = targets.get(target);
    if (other !== undefined) return { problem: `${pathField}: "${containerPath}" is also where ${other} is mounted` };
    targets.set(target, `volume "${spec.id}" (${at})`);
    mounts.push({ volume: spec, hostPath: volumeDir(options.workDir, spec), target, readOnly: spec.readOnly });
  }
  return mounts;
}

/** Why a volume's `container_path` cannot be used with this mount style; undefined when it can. */
export function containerPathProblem(containerPath: string, field: string, style: MountStyle): string | undefined {
  if (containerPath.includes('\u0000')) return `${field}: ${JSON.stringify(containerPath)} contains a NUL character`;
  if (containerPath.split('/').includes('..')) return `${field}: "${containerPath}" must not contain ".."`;
  if (containerPath.length > 4096) return `${field}: ${containerPath.length} characters, at most 4096`;
  const trimmed = containerPath.replace(/\/+$/, '');
  if (style === 'sandbox-link') {
    if (containerPath.startsWith('/')) {
      return `${field}: "${containerPath}" is absolute; a task without an image (posix) sees its volumes in its sandbox, so the path must be relative to the sandbox`;
    }
    if (trimmed === '' || path.posix.normalize(trimmed) === '.') return `${field}: "${containerPath}" names the sandbox itself`;
    return undefined;
  }
  if (trimmed === '') return `${field}: cannot be the container's root`;
  if (!containerPath.startsWith('/') && path.posix.normalize(trimmed) === '.') return `${field}: "${containerPath}" names the sandbox itself`;
  if (containerPath.includes(':')) return `${field}: "${containerPath}" must not contain ":"`;
  return undefined;
}

/** Bind mounts (host directory → absolute container path) for `bind` containerizers. */
export function persistentVolumeBinds(mounts: readonly VolumeMount[] | undefined): Array<{ source: string; destination: string; readOnly: boolean }> {
  return (mounts ?? []).map((m) => ({ source: m.hostPath, destination: m.target, readOnly: m.readOnly }));
}
