/**
 * Restart back-off for crash-looping instances: each failure in a row
 * doubles (by `factor`) the wait before the app's next launch, up to
 * `maxSeconds`; an instance that stays up long enough resets it. Pure.
 */
import type { BackoffPolicy } from './app-definition';

/** The back-off state of one app. */
export interface BackoffState {
  /** Failures in a row. */
  failures: number;
  /** No launch before this time (ms since the epoch). */
  delayUntil: number;
}

/** The wait after the `failures`-th failure in a row (1-based), in seconds. */
export function restartDelaySeconds(failures: number, policy: BackoffPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(policy.maxSeconds, policy.initialSeconds * policy.factor ** (failures - 1));
}

/** The state after an instance failed at `now`. */
export function afterFailure(state: BackoffState, policy: BackoffPolicy, now: number): BackoffState {
  const failures = state.failures + 1;
  return { failures, delayUntil: now + restartDelaySeconds(failures, policy) * 1000 };
}

/** The state after an instance proved itself healthy (or ran long enough): no delay. */
export function afterSuccess(): BackoffState {
  return { failures: 0, delayUntil: 0 };
}

/** Milliseconds to wait before launching at `now` (0: go). */
export function launchDelayMs(state: BackoffState | undefined, now: number): number {
  return state ? Math.max(0, state.delayUntil - now) : 0;
}
