/**
 * Acknowledgements gathered during one tick and sent as one batch: a burst
 * of updates read from one EventBatch costs one ACKNOWLEDGE call.
 *
 * {@link AcknowledgementBatcher.flush} resolves once every batch handed to
 * `send` so far has settled, those already on their way included, so a
 * driver that stops after it closes nothing under an acknowledgement in
 * flight.
 */
import type { TaskStatus } from '@meseta/proto/wire';

/** Queues acknowledgements and hands them to `send` once per tick. */
export class AcknowledgementBatcher {
  private pending: TaskStatus[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Batches handed to `send` and not settled yet. */
  private readonly inFlight = new Set<Promise<void>>();

  /**
   * @param send delivers one batch; a rejection is the sender's to log, the
   *   batch is not retried (agents re-send unacknowledged updates)
   */
  constructor(private readonly send: (statuses: TaskStatus[]) => Promise<void>) {}

  /** How many acknowledgements wait for the next flush. */
  get size(): number {
    return this.pending.length;
  }

  /** Queue one acknowledgement; the batch goes out at the end of this tick (batching only: {@link flush} sends at once). */
  add(status: TaskStatus): void {
    this.pending.push(status);
    if (this.scheduled) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      // The sender logs a failed batch; the agent re-sends its updates and they are acknowledged then.
      this.flush().catch(() => undefined);
    });
  }

  /**
   * Send what is queued now, and resolve once it and every earlier batch
   * have settled. Rejects when this flush's own batch failed.
   */
  async flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const earlier = [...this.inFlight];
    const batch = this.pending;
    this.pending = [];
    let own: Promise<void> | undefined;
    if (batch.length > 0) {
      own = this.send(batch);
      const settled = own.then(
        () => undefined,
        () => undefined,
      );
      this.inFlight.add(settled);
      void settled.then(() => this.inFlight.delete(settled));
    }
    await Promise.all(earlier);
    await own;
  }

  /** Drop what is queued (batches already sent still settle). */
  clear(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.pending = [];
  }
}
