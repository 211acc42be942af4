/** Reconnect delays: exponential growth with jitter, bounded. */

/**
 * The delay before reconnect attempt `attempt` (0 for the first): the
 * exponential step `initialMs × 2^attempt` capped at `maxMs`, then jittered
 * uniformly into its upper half so that many frameworks restarted together
 * do not reconnect in lock step.
 *
 * @param random a number in [0, 1), `Math.random()` unless a test fixes it
 */
export function backoffDelayMs(attempt: number, initialMs: number, maxMs: number, random: number = Math.random()): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (step / 2) * random);
}
