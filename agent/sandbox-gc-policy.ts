/**
 * The pure rules of sandbox garbage collection (Mesos's `--gc_delay` and
 * `--gc_disk_headroom`): how old a completed sandbox may grow at a given
 * disk usage, which runs are completed and due, and how a `/files` path
 * maps to a collected run. No I/O, no clock.
 *
 * Mesos's rule: a completed sandbox is removed `gc_delay` after it was
 * scheduled, and every disk check prunes those older than
 * `gc_delay × max(0, 1 − gc_disk_headroom − usage)`: the fuller the disk,
 * the shorter the wait; at `usage ≥ 1 − headroom` every completed sandbox
 * goes at the next check.
 */

/** A week: Mesos's default `--gc_delay`. */
export const DEFAULT_GC_DELAY_MS = 7 * 24 * 3600 * 1000;
/** Mesos's default `--gc_disk_headroom`. */
export const DEFAULT_GC_DISK_HEADROOM = 0.1;
/** Mesos's default `--disk_watch_interval` (one minute). */
export const DEFAULT_DISK_WATCH_INTERVAL_MS = 60 * 1000;

/**
 * How long a completed sandbox may be kept at disk usage `usage` (a
 * fraction, 0..1): `delay × max(0, 1 − headroom − usage)`.
 */
export function gcAgeMs(delayMs: number, headroom: number, usage: number): number {
  return delayMs * Math.max(0, 1 - headroom - usage);
}

/** Problems with a headroom fraction, or undefined: a number in [0, 1]. */
export function headroomProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return `"${value}" is not a number`;
  if (value < 0 || value > 1) return `${value} must lie between 0 and 1 (a fraction of the disk)`;
  return undefined;
}

/** One sandbox run found on disk. */
export interface SandboxRun {
  /** `<framework>/tasks/<task>/runs/<container>` or `<framework>/executors/<executor>/runs/<container>`, under the sandboxes folder. */
  key: string;
  frameworkId: string;
  /** `tasks` or `executors`. */
  kind: 'tasks' | 'executors';
  /** The task or executor id. */
  ownerId: string;
  containerId: string;
}

/** The run a sandbox folder key names, or undefined when it is not one. */
export function sandboxRunOf(key: string): SandboxRun | undefined {
  const parts = key.split('/');
  if (parts.length !== 5 || parts[3] !== 'runs') return undefined;
  const [frameworkId, kind, ownerId, , containerId] = parts;
  if (kind !== 'tasks' && kind !== 'executors') return undefined;
  if (parts.some((p) => p === '' || p === '.' || p === '..') || containerId === 'latest' || containerId.startsWith('.')) return undefined;
  return { key, frameworkId, kind, ownerId, containerId };
}

/** What the collector knows of a run when it decides. */
export interface RunFacts {
  run: SandboxRun;
  /** True while the agent tracks its task or executor (running, or ended with unacknowledged updates). */
  inUse: boolean;
  /** When it was first seen completed (ms), or undefined when not yet. */
  completedAt?: number;
}

/** A decision for one run. */
export type RunVerdict = 'keep-in-use' | 'keep-young' | 'collect';

/**
 * Whether to collect a run now: never one in use; a completed one once
 * `now − completedAt ≥ maxAgeMs`.
 */
export function runVerdict(facts: RunFacts, now: number, maxAgeMs: number): RunVerdict {
  if (facts.inUse || facts.completedAt === undefined) return facts.inUse ? 'keep-in-use' : 'keep-young';
  return now - facts.completedAt >= maxAgeMs ? 'collect' : 'keep-young';
}

/**
 * The run keys a `/files` path (under the sandboxes folder, e.g.
 * `F/tasks/T/runs/latest/stdout`) may name: the run itself, or, through the
 * `latest` link, the owner's (`F/tasks/T`). Undefined: not inside a run.
 */
export function collectedLookupKey(pathUnderSandboxes: string): string | undefined {
  const parts = pathUnderSandboxes.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length < 5 || parts[3] !== 'runs' || (parts[1] !== 'tasks' && parts[1] !== 'executors')) return undefined;
  if (parts[4] === 'latest') return parts.slice(0, 3).join('/');
  return parts.slice(0, 5).join('/');
}

/** The message for a read of a collected sandbox. */
export function collectedMessage(requested: string, at: number): string {
  return `path "${requested}": the sandbox was garbage-collected at ${new Date(at).toISOString()} (completed sandboxes are removed after --gc-delay, sooner as the disk fills)`;
}
