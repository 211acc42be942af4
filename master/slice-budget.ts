/**
 * When work cut into slices should stop for this turn of the event loop
 * (issue 11: the master's loop must never stall). The same shape as the
 * allocator's `PassBudget`: the worker asks {@link SliceBudget.exhausted}
 * every few items and, when it says yes, keeps its place and returns; its
 * driver continues it on a later turn (`setImmediate`). Pure callers and
 * tests count items ({@link countBudget}); the master reads a clock
 * ({@link timeBudget}).
 */

/** Milliseconds of work per slice unless told otherwise (the allocator's slices are 10 ms too). */
export const DEFAULT_SLICE_MS = 10;

/** When a slice of work should stop. */
export interface SliceBudget {
  /** True when the worker should keep its place and return. */
  exhausted(): boolean;
}

/** A budget of `ms` milliseconds from now, read on `now` (default `performance.now`). */
export function timeBudget(ms: number, now: () => number = () => performance.now()): SliceBudget {
  const deadline = now() + ms;
  return { exhausted: () => now() >= deadline };
}

/** A budget of `n` questions: the `n`-th call of `exhausted()` and every later one say yes (tests, pure callers). */
export function countBudget(n: number): SliceBudget {
  let asked = 0;
  return { exhausted: () => ++asked >= n };
}

/** Never exhausted: the rest of the work in this turn. */
export const WHOLE_TURN: SliceBudget = { exhausted: () => false };
