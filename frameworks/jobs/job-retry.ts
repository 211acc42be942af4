/**
 * What happens after a job attempt ends: success, another attempt after an
 * exponential back-off, or the run fails (out of retries, or past its
 * deadline). Pure.
 */

/** How a job retries. */
export interface RetryPolicy {
  /** Attempts after the first. @default 0 */
  maxRetries: number;
  /** Wait before the first retry. @default 1 */
  backoffSeconds: number;
  /** Each further retry waits this many times longer. @default 2 */
  backoffFactor: number;
  /** Longest wait. @default 60 */
  maxBackoffSeconds: number;
}

/** The wait before retry number `retry` (1 for the first retry), in ms. */
export function retryDelayMs(retry: number, policy: RetryPolicy): number {
  if (retry <= 0) return 0;
  return Math.min(policy.maxBackoffSeconds, policy.backoffSeconds * policy.backoffFactor ** (retry - 1)) * 1000;
}

/** How an attempt ended. */
export type AttemptOutcome = 'succeeded' | 'failed';

/** The run's next step. */
export type RunStep =
  | { status: 'succeeded' }
  | { status: 'failed'; reason: string }
  | { status: 'retry'; at: number; retry: number };

/** Decide after attempt number `attempts` (1-based) ended with `outcome` at `now`. */
export function afterAttempt(outcome: AttemptOutcome, attempts: number, policy: RetryPolicy, now: number, deadlineAt?: number): RunStep {
  if (outcome === 'succeeded') return { status: 'succeeded' };
  const retry = attempts; // the next attempt is retry number `attempts`
  if (retry > policy.maxRetries) return { status: 'failed', reason: `failed ${attempts} time(s); no retries left (maxRetries ${policy.maxRetries})` };
  const at = now + retryDelayMs(retry, policy);
  if (deadlineAt !== undefined && at >= deadlineAt) return { status: 'failed', reason: `the next retry would start after the deadline` };
  return { status: 'retry', at, retry };
}
