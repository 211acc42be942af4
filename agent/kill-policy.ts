/**
 * How a task is stopped: SIGTERM to its process group, SIGKILL after the
 * grace period if it is still there.
 */
import type { KillPolicy } from '../proto/src/wire';
import type { Containerizer, Termination } from './containerizer';

/** Grace period when neither the kill nor the task names one (Mesos: 3 s). */
export const DEFAULT_KILL_GRACE_MS = 3000;

function policyMs(policy: KillPolicy | null | undefined): number | undefined {
  const ns = policy?.grace_period?.nanoseconds;
  if (ns === null || ns === undefined) return undefined;
  const n = Number(ns);
  if (!Number.isFinite(n)) return undefined;
  return Math.max(0, n / 1e6);
}

/**
 * The grace period in milliseconds: the kill call's policy wins over the
 * task's, which wins over {@link DEFAULT_KILL_GRACE_MS}. Negative values
 * count as 0.
 */
export function gracePeriodMs(
  killCallPolicy: KillPolicy | null | undefined,
  taskPolicy: KillPolicy | null | undefined,
  defaultMs: number = DEFAULT_KILL_GRACE_MS,
): number {
  return policyMs(killCallPolicy) ?? policyMs(taskPolicy) ?? defaultMs;
}

/** Timer functions, injectable for tests. */
export interface KillTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: KillTimers = {
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * SIGTERM the container, SIGKILL it after `graceMs` if it has not ended,
 * and resolve with how it ended. A grace of 0 sends SIGKILL at once.
 */
export async function killWithGrace(
  containerizer: Containerizer,
  containerId: string,
  graceMs: number,
  timers: KillTimers = REAL_TIMERS,
): Promise<Termination> {
  const ended = containerizer.wait(containerId);
  if (graceMs <= 0) {
    containerizer.kill(containerId, 'SIGKILL');
    return ended;
  }
  containerizer.kill(containerId, 'SIGTERM');
  const timer = timers.setTimeout(() => containerizer.kill(containerId, 'SIGKILL'), graceMs);
  try {
    return await ended;
  } finally {
    timers.clearTimeout(timer);
  }
}
