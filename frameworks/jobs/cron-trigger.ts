/**
 * Firing cron jobs on an injectable clock: each scheduled job has a timer
 * for its next fire time; when it fires, the concurrency policy decides:
 * `allow` starts another run beside running ones, `forbid` skips the fire
 * while a run is active, `replace` stops the active runs and starts a new
 * one. Fires missed while the framework was down are not replayed; the
 * schedule continues from now.
 */
import type { Clock } from '@meseta/runtime/clock';
import { type CronSchedule, nextFire, parseCron } from './cron';

/** What happens to a fire when runs of the job are still active. */
export type ConcurrencyPolicy = 'allow' | 'forbid' | 'replace';

/** The decision for one fire. */
export type FireDecision = { start: true; replace: string[] } | { start: false; reason: string };

/** Decide a fire given the job's active runs. Pure. */
export function decideFire(policy: ConcurrencyPolicy, activeRunIds: readonly string[]): FireDecision {
  if (activeRunIds.length === 0 || policy === 'allow') return { start: true, replace: [] };
  if (policy === 'forbid') return { start: false, reason: `skipped: ${activeRunIds.length} run(s) still active and concurrencyPolicy is forbid` };
  return { start: true, replace: [...activeRunIds] };
}

/** What the trigger asks of its owner. */
export interface CronTriggerHooks {
  /** Active (unfinished) runs of the job. */
  activeRuns(jobId: string): string[];
  /** Start a run (after stopping `replace`), for the fire scheduled at `scheduledAt`. */
  fire(jobId: string, scheduledAt: number, replace: string[]): void;
  /** A fire was skipped. */
  skipped(jobId: string, scheduledAt: number, reason: string): void;
}

/** Timers for every scheduled job. */
export class CronTrigger {
  private readonly timers = new Map<string, { cancel: () => void; schedule: CronSchedule; policy: ConcurrencyPolicy; next?: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly hooks: CronTriggerHooks,
  ) {}

  /** Start (or restart) firing `jobId` on `cron`. @throws CronError for a bad expression. */
  schedule(jobId: string, cron: string, policy: ConcurrencyPolicy): void {
    this.unschedule(jobId);
    const entry = { cancel: () => undefined, schedule: parseCron(cron), policy, next: undefined as number | undefined };
    this.timers.set(jobId, entry);
    this.arm(jobId);
  }

  /** Stop firing a job. */
  unschedule(jobId: string): void {
    this.timers.get(jobId)?.cancel();
    this.timers.delete(jobId);
  }

  /** The next fire time of a job (ms), if scheduled. */
  nextFireAt(jobId: string): number | undefined {
    return this.timers.get(jobId)?.next;
  }

  /** Stop every timer. */
  stop(): void {
    for (const id of [...this.timers.keys()]) this.unschedule(id);
  }

  private arm(jobId: string, after?: number): void {
    const entry = this.timers.get(jobId);
    if (!entry) return;
    const now = this.clock.now();
    const at = nextFire(entry.schedule, Math.max(now, after ?? now));
    entry.next = at;
    if (at === undefined) return;
    const timer = this.clock.after(at - now, () => {
      if (this.timers.get(jobId) !== entry) return;
      const decision = decideFire(entry.policy, this.hooks.activeRuns(jobId));
      if (decision.start) this.hooks.fire(jobId, at, decision.replace);
      else this.hooks.skipped(jobId, at, decision.reason);
      this.arm(jobId, at); // a timer firing a little early must not fire the same time twice
    });
    entry.cancel = () => timer.cancel();
  }
}
