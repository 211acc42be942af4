/**
 * Coalesces items queued in the same tick into one stream message, and
 * holds further items while the stream is not draining. One grpc-js stream
 * moves only ~13k messages/s, so every hot stream writes through this: the
 * master's event streams to frameworks and links to agents, the answers of
 * a Scheduler `Calls` stream, and the SDK's side of that stream.
 */

/** The part of a grpc-js writable stream the writer needs. */
export interface WritableLike<M> {
  write(message: M): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Options of {@link BatchingWriter}. */
export interface BatchingWriterOptions {
  /** Largest batch in one message. @default 5000 */
  maxBatch?: number;
  /**
   * Called each time the writer has written what it held and is not waiting
   * for `drain` (after a flush, after a `drain` that left nothing queued):
   * the moment a caller can resume reading, or end its stream.
   */
  written?: () => void;
  /**
   * Called if the stream's `write` throws, before the writer closes itself
   * (a caller may `close()` it here to take the items it still held).
   */
  writeFailed?: (error: unknown) => void;
}

/** Batches items of type T into stream messages of type M. */
export class BatchingWriter<T, M> {
  private queue: T[] = [];
  private scheduled = false;
  private waitingForDrain = false;
  private closed = false;
  /** Set by `finish`: resolved once the queue is written. */
  private finished?: () => void;
  private readonly maxBatch: number;

  constructor(
    private readonly stream: WritableLike<M>,
    /**
     * Build one message from a batch; called once per message, just before
     * it is written (a caller may note what it sends here).
     */
    private readonly toMessage: (items: T[]) => M,
    private readonly options: BatchingWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 5000;
  }

  /** Queue an item; it is written with the others of this tick. A no-op once closed or finishing. */
  push(item: T): void {
    if (this.closed || this.finished) return;
    this.queue.push(item);
    this.schedule();
  }

  /** Items waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Nothing queued, no write scheduled, not waiting for `drain`: everything pushed is written (or dropped by `close`). */
  get idle(): boolean {
    return this.closed || (this.queue.length === 0 && !this.scheduled && !this.waitingForDrain);
  }

  /** Write nothing more; returns the items it held unwritten (none on a second call). */
  close(): T[] {
    this.closed = true;
    const dropped = this.queue;
    this.queue = [];
    this.finished?.();
    this.finished = undefined;
    return dropped;
  }

  /**
   * Write what is queued now (waiting for drain where the stream asks),
   * then take nothing more. Resolves once everything queued before the
   * call is written (or the writer was closed), so a caller can end the
   * stream after its last message instead of guessing how many ticks that takes.
   */
  finish(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const done = new Promise<void>((resolve) => {
      this.finished = resolve;
    });
    if (!this.waitingForDrain) this.flush();
    return done;
  }

  private schedule(): void {
    if (this.scheduled || this.waitingForDrain) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    while (!this.closed && this.queue.length > 0 && !this.waitingForDrain) {
      const batch = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
      this.queue = batch === this.queue ? [] : this.queue.slice(this.maxBatch);
      let ok = true;
      try {
        ok = this.stream.write(this.toMessage(batch));
      } catch (e) {
        this.options.writeFailed?.(e);
        this.close();
        return;
      }
      if (!ok) {
        this.waitingForDrain = true;
        this.stream.once('drain', () => this.drained());
      }
    }
    if (this.closed || this.waitingForDrain) return;
    this.finishIfEmpty();
    this.options.written?.();
  }

  private drained(): void {
    this.waitingForDrain = false;
    if (this.closed) return;
    // What waited for the drain goes out at once: it is from earlier ticks.
    if (this.queue.length > 0) {
      this.flush();
      return;
    }
    this.finishIfEmpty();
    this.options.written?.();
  }

  private finishIfEmpty(): void {
    if (!this.finished || this.queue.length > 0 || this.waitingForDrain) return;
    this.closed = true;
    const resolve = this.finished;
    this.finished = undefined;
    resolve();
  }
}
