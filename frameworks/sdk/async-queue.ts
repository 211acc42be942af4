/**
 * An unbounded push queue read with `for await`: the consumer waits while
 * it is empty, iteration ends after `end()` and throws after `fail()`.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private finished = false;
  private failure: { error: unknown } | undefined;

  /** True once `end()` or `fail()` was called. */
  get closed(): boolean {
    return this.finished || this.failure !== undefined;
  }

  /** Add an item; ignored after the queue closed. */
  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  /** End iteration after the queued items. */
  end(): void {
    if (this.closed) return;
    this.finished = true;
    this.wake();
  }

  /** Make iteration throw `error` after the queued items. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = { error };
    this.wake();
  }

  private wake(): void {
    if (!this.waiting || this.items.length > 0) return;
    const w = this.waiting;
    this.waiting = undefined;
    if (this.failure) w.reject(this.failure.error);
    else w.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
        if (this.failure) return Promise.reject(this.failure.error);
        if (this.finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
      return: () => {
        this.end();
        this.items.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
