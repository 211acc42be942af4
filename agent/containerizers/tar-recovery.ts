/**
 * Finding runc containers again after an agent restart (helpers of the tar
 * containerizer): what it checkpoints about a container, whether that
 * container's PID 1 still lives (its pid still names a process in the
 * container's cgroup, so a recycled pid is never taken for it). Waiting
 * for an adopted container's end is `../exit-watch.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the tar containerizer checkpoints about a container. */
export interface TarCheckpoint {
  pid: number;
  /** cgroup folder relative to the cgroups root (`<id>` or `<podId>/<id>`). */
  cgroup: string;
  /** The pod it is nested in. */
  parent?: string;
  /** Digest of its image in the store (leased again when it is adopted). */
  image?: string;
  /** Digests of its registry image's layers (leased again when it is adopted). */
  layers?: string[];
}

/** Read a checkpoint record's data; undefined when it is not one of ours. */
export function tarCheckpointOf(data: Record<string, unknown> | undefined): TarCheckpoint | undefined {
  if (!data || typeof data.pid !== 'number' || typeof data.cgroup !== 'string') return undefined;
  return {
    pid: data.pid,
    cgroup: data.cgroup,
    parent: typeof data.parent === 'string' ? data.parent : undefined,
    image: typeof data.image === 'string' ? data.image : undefined,
    layers: Array.isArray(data.layers) && data.layers.every((l) => typeof l === 'string') ? (data.layers as string[]) : undefined,
  };
}

/** The init pid runc recorded for container `id`, if runc still has its state. */
export function runcStatePid(runcRoot: string, id: string): number | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(path.join(runcRoot, id, 'state.json'), 'utf8')) as { init_process_pid?: number };
    return typeof state.init_process_pid === 'number' && state.init_process_pid > 0 ? state.init_process_pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True while `pid` is a process inside the cgroup folder `cgroupPath`
 * (`/meseta/<id>`) in any hierarchy: the container's PID 1, not a process
 * that got its pid later.
 */
export function pidInCgroup(pid: number, cgroupPath: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8');
  } catch {
    return false;
  }
  const prefix = cgroupPath.endsWith('/') ? cgroupPath : `${cgroupPath}/`;
  return text.split('\n').some((line) => {
    const at = line.indexOf(':', line.indexOf(':') + 1);
    const where = line.slice(at + 1);
    return where === cgroupPath || where.startsWith(prefix);
  });
}
