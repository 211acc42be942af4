/**
 * How a task is stopped: SIGTERM to its process group, SIGKILL after the
 * grace period if it is still there.
 */
import type { KillPolicy } from '@meseta/proto/wire';
import type { Containerizer, Termination } from './containerizer';
import { type Clock, systemClock } from '@meseta/runtime/clock';

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

/**
 * SIGTERM the container, SIGKILL it after `graceMs` if it has not ended,
 * and resolve with how it ended. A grace of 0 sends SIGKILL at once. Any
 * grace period works, however long (the clock chains timers past
 * `setTimeout`'s 24.8-day limit), so a task's 30-day grace period is 30 days.
 */
export async function killWithGrace(
  containerizer: Containerizer,
  containerId: string,
  graceMs: number,
  clock: Clock = systemClock,
): Promise<Termination> {
  const ended = containerizer.wait(containerId);
  if (graceMs <= 0) {
    containerizer.kill(containerId, 'SIGKILL');
    return ended;
  }
  containerizer.kill(containerId, 'SIGTERM');
  const timer = clock.after(graceMs, () => containerizer.kill(containerId, 'SIGKILL'));
  try {
    return await ended;
  } finally {
    timer.cancel();
  }
}
