/**
 * Coalesces items queued in the same tick into one stream message, and
 * holds further items while the stream is not draining. One grpc-js stream
 * moves only ~13k messages/s, so every hot stream writes through this.
 */

/** The part of a grpc-js writable stream the writer needs. */
export interface WritableLike<M> {
  write(message: M): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Batches items of type T into stream messages of type M. */
export class BatchingWriter<T, M> {
  private queue: T[] = [];
  private scheduled = false;
  private waitingForDrain = false;
  private closed = false;
  /** Set by `finish`: resolved once the queue is written. */
  private finished?: () => void;

  constructor(
    private readonly stream: WritableLike<M>,
    /** Build one message from a batch. */
    private readonly toMessage: (items: T[]) => M,
    /** Largest batch in one message. @default 5000 */
    private readonly maxBatch = 5000,
  ) {}

  /** Queue an item; it is written with the others of this tick. */
  push(item: T): void {
    if (this.closed || this.finished) return;
    this.queue.push(item);
    this.schedule();
  }

  /** Items waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Drop what is queued and write nothing more. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.finished?.();
    this.finished = undefined;
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
      } catch {
        this.close();
        return;
      }
      if (!ok) {
        this.waitingForDrain = true;
        this.stream.once('drain', () => {
          this.waitingForDrain = false;
          if (this.queue.length > 0) this.schedule();
          else this.finishIfEmpty();
        });
      }
    }
    this.finishIfEmpty();
  }

  private finishIfEmpty(): void {
    if (!this.finished || this.queue.length > 0 || this.waitingForDrain) return;
    this.closed = true;
    const resolve = this.finished;
    this.finished = undefined;
    resolve();
  }
}
