/**
 * Container disk quota (`--enforce-container-disk-quota`, Mesos's `disk/du`
 * isolator): every `--container-disk-watch-interval` each running task's
 * sandbox and persistent volumes are measured as `du` counts them
 * (`usage/sandbox-disk.ts`; links are never followed, so a posix task's
 * volume link does not count toward its sandbox) and a task past a limit
 * (`disk-quota.ts`) is handed to `onViolation`, which ends it TASK_FAILED
 * with REASON_CONTAINER_LIMITATION_DISK.
 */
import type { Clock, TimerHandle } from '@meseta/runtime/clock';
import type { Logger } from '@meseta/runtime/log';
import { type DiskLimit, diskLimitViolation, type DiskMeasurement } from './disk-quota';
import type { DiskUsage } from './usage/sandbox-disk';

/** Mesos's `--container_disk_watch_interval` default. */
export const DEFAULT_CONTAINER_DISK_WATCH_INTERVAL_MS = 15_000;

/** A running task to check, with its limits. */
export interface WatchedTask {
  /** For the log and `onViolation`. */
  key: string;
  limits: DiskLimit[];
}

/** What the watch needs. */
export interface DiskWatchOptions {
  intervalMs: number;
  clock: Clock;
  logger: Logger;
  /** The running tasks now. */
  tasks(): WatchedTask[];
  /** Bytes under a directory (undefined: unreadable, not counted). */
  measure(dir: string): Promise<DiskUsage | undefined>;
  /** A task is past a limit: `message` names the path, the MB used and the limit. */
  onViolation(key: string, message: string): void;
}

/** The periodic check of every running task's disk. */
export class DiskWatch {
  private timer?: TimerHandle;
  private checking?: Promise<void>;

  constructor(private readonly options: DiskWatchOptions) {}

  /** Check every interval (the first one an interval from now). */
  start(): void {
    this.options.logger.info('container disk quota enforced', { container_disk_watch_interval_ms: this.options.intervalMs });
    this.timer = this.options.clock.every(this.options.intervalMs, () => void this.check());
  }

  /** Stop checking; resolves after a check under way. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.checking;
  }

  /** One round (one at a time; never rejects). */
  check(): Promise<void> {
    this.checking ??= this.checkOnce()
      .catch((e: Error) => this.options.logger.warn('container disk check failed', { error: e.message }))
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const measured = new Map<string, number | undefined>(); // a volume two tasks share is measured once a round
    for (const task of this.options.tasks()) {
      const measurements: DiskMeasurement[] = [];
      for (const limit of task.limits) {
        if (!measured.has(limit.path)) measured.set(limit.path, (await this.options.measure(limit.path))?.bytes);
        const bytes = measured.get(limit.path);
        if (bytes !== undefined) measurements.push({ limit, usedBytes: bytes });
      }
      const violation = diskLimitViolation(measurements);
      if (violation) {
        this.options.logger.warn('task past its disk limit: killing it', { task: task.key, message: violation });
        this.options.onViolation(task.key, violation);
      }
    }
  }
}
