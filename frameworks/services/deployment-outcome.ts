/**
 * When a deployment ends, and how: the rule, as a pure function of what
 * the scheduler knows about the app's instances now.
 *
 * - **Succeeded**: the plan reached its target (every live instance is of
 *   the new version, none left to stop) and each wanted instance has
 *   *proven* itself: its health check passed, or (without a check) it has
 *   been running for the framework's health window (`--stable-after`,
 *   5 s by default). An instance that is merely TASK_RUNNING does not count,
 *   so an app that crashes a second after it starts never "succeeds".
 * - **Failed in a row**: `upgradeStrategy.rollbackAfterFailures` (N)
 *   instances of the new version ended without ever proving themselves,
 *   with no instance proving itself in between (one that does resets the
 *   count). A deploy or restart with a previous version is then rolled back
 *   (status `rolled-back`); anything else (a first deploy, a scale, a
 *   rollback) ends `failed`. Either way the message carries the last
 *   instance's failure reason. The app itself keeps trying with back-off.
 * - Otherwise it keeps running, and `progress` says what it waits for.
 *
 * A destroy launches nothing, so failures never end it; it succeeds when
 * no instance is left.
 */
import type { DeploymentKind } from './services-state';

/** What the rule looks at. */
export interface OutcomeFacts {
  kind: DeploymentKind;
  /** The version being rolled out. */
  toVersion: string;
  /** Instances wanted. */
  instances: number;
  /** The app has a version to roll back to. */
  hasPrevious: boolean;
  /** The plan is at its target: only new instances, all running, none to stop. */
  planDone: boolean;
  /** Live instances of the new version that proved themselves and are healthy now. */
  proven: number;
  /** New-version instances that ended unproven since the last one proved itself. */
  failuresInRow: number;
  /** `upgradeStrategy.rollbackAfterFailures`. */
  failureLimit: number;
  /** Why the last of those failed (see failure-reason.ts). */
  lastFailure?: string;
}

/** What to do with the deployment. */
export type Outcome =
  | { status: 'running'; progress: string }
  | { status: 'succeeded'; message: string }
  | { status: 'failed'; message: string }
  | { status: 'rolled-back'; message: string };

/** The rule above. Pure. */
export function deploymentOutcome(f: OutcomeFacts): Outcome {
  const last = f.lastFailure ? `; last: ${f.lastFailure}` : '';
  if (f.kind !== 'destroy' && f.failuresInRow >= f.failureLimit && f.failureLimit > 0) {
    const what = `${f.failuresInRow} instance(s) of ${f.toVersion} failed in a row before becoming healthy${last}`;
    if ((f.kind === 'deploy' || f.kind === 'restart') && f.hasPrevious) return { status: 'rolled-back', message: `${what}: rolling back` };
    return { status: 'failed', message: what };
  }
  if (f.planDone && f.proven >= f.instances) {
    return { status: 'succeeded', message: f.kind === 'destroy' ? 'no instance left' : `${f.proven} healthy instance(s) of ${f.toVersion}` };
  }
  const parts = [f.kind === 'destroy' ? 'stopping instances' : `${Math.min(f.proven, f.instances)}/${f.instances} instance(s) of ${f.toVersion} healthy`];
  if (f.failuresInRow > 0 && f.kind !== 'destroy') parts.push(`${f.failuresInRow}/${f.failureLimit} failed in a row${last}`);
  return { status: 'running', progress: parts.join('; ') };
}
