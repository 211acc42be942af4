/**
 * A min-heap of timed items: the allocator keeps decline filters here so
 * that each pass finds the expired ones in O(k log n) instead of scanning
 * every filter.
 */

interface Timed<T> {
  at: number;
  item: T;
}

/** Items ordered by the time they fall due, earliest first. */
export class ExpiryQueue<T> {
  private readonly heap: Array<Timed<T>> = [];

  /** Number of queued items (stale ones included until they are popped). */
  get size(): number {
    return this.heap.length;
  }

  /** Queue `item` to fall due at `at`. */
  push(at: number, item: T): void {
    const heap = this.heap;
    const entry = { at, item };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].at <= at) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  /** When the earliest item falls due, or undefined when empty. */
  peekTime(): number | undefined {
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  /** The earliest item, without removing it. */
  peek(): T | undefined {
    return this.heap.length > 0 ? this.heap[0].item : undefined;
  }

  /** Remove and return the earliest item. */
  pop(): T | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop() as Timed<T>;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && heap[right].at < heap[left].at ? right : left;
        if (heap[child].at >= last.at) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top.item;
  }
}
