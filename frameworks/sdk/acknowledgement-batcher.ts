/**
 * Acknowledgements gathered and sent in batches: a burst of updates read
 * from one EventBatch costs one ACKNOWLEDGE call, and while a batch is on
 * its way (at most `maxInFlight` at once) the acknowledgements that arrive
 * meanwhile wait and go together as the next batch once it settles. An
 * idle driver's acknowledgement still leaves at the end of its tick; a
 * busy one sends fewer, larger ACKNOWLEDGE calls instead of one per tick
 * (each unary gRPC call costs the framework and the master far more than
 * one more acknowledgement in a batch).
 *
 * {@link AcknowledgementBatcher.flush} sends at once whatever waits and
 * resolves once every batch handed to `send` so far has settled, those
 * already on their way included, so a driver that stops after it closes
 * nothing under an acknowledgement in flight.
 */
import type { TaskStatus } from '@meseta/proto/wire';

/** Queues acknowledgements and hands them to `send` in batches. */
export class AcknowledgementBatcher {
  private pending: TaskStatus[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Batches handed to `send` and not settled yet. */
  private readonly inFlight = new Set<Promise<void>>();

  /**
   * @param send delivers one batch; a rejection is the sender's to log, the
   *   batch is not retried (agents re-send unacknowledged updates)
   * @param maxInFlight batches sent on their own (not by {@link flush}) that
   *   may be on their way at once; more waits for one to settle
   */
  constructor(
    private readonly send: (statuses: TaskStatus[]) => Promise<void>,
    private readonly maxInFlight = 1,
  ) {
    if (!(maxInFlight >= 1)) throw new Error(`maxInFlight: must be >= 1, got ${maxInFlight}`);
  }

  /** How many acknowledgements wait for the next batch. */
  get size(): number {
    return this.pending.length;
  }

  /** How many batches are on their way. */
  get sending(): number {
    return this.inFlight.size;
  }

  /**
   * Queue one acknowledgement. It goes out at the end of this tick, or,
   * while `maxInFlight` batches are on their way, with the batch sent when
   * one of them settles (batching only: {@link flush} sends at once).
   */
  add(status: TaskStatus): void {
    this.pending.push(status);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0 || this.inFlight.size >= this.maxInFlight) return;
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
      void settled.then(() => {
        this.inFlight.delete(settled);
        // What arrived while this batch was on its way goes now, as one batch.
        this.schedule();
      });
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
