/**
 * Acknowledgements gathered during one tick and sent as one batch: a burst
 * of updates read from one EventBatch costs one ACKNOWLEDGE call.
 */
import type { TaskStatus } from '../../proto/src/wire';

/** Queues acknowledgements and hands them to `send` once per tick. */
export class AcknowledgementBatcher {
  private pending: TaskStatus[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  /**
   * @param send delivers one batch; a rejection is the sender's to log, the
   *   batch is not retried (agents re-send unacknowledged updates)
   */
  constructor(private readonly send: (statuses: TaskStatus[]) => Promise<void>) {}

  /** How many acknowledgements wait for the next flush. */
  get size(): number {
    return this.pending.length;
  }

  /** Queue one acknowledgement; the batch goes out on the next tick. */
  add(status: TaskStatus): void {
    this.pending.push(status);
    if (this.scheduled) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.flush().catch(() => undefined);
    });
  }

  /** Send what is queued now. */
  async flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    await this.send(batch);
  }

  /** Drop what is queued. */
  clear(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.pending = [];
  }
}
