/**
 * The one priority queue of the codebase: a binary min-heap of items keyed
 * by a number (a due time, a share). Items with equal keys leave in the
 * order they came (first in, first out), so timers due at the same instant
 * fire in the order they were set.
 *
 * Cost: push and pop O(log n), peek O(1). There is no removal by item:
 * callers that cancel use lazy deletion (mark the item dead, skip it when
 * it surfaces), which keeps every operation logarithmic.
 */

interface Entry<T> {
  key: number;
  seq: number;
  item: T;
}

/** Items ordered by their key, smallest first; ties leave first in, first out. */
export class MinHeap<T> {
  private readonly heap: Array<Entry<T>> = [];
  private seq = 0;

  /** Number of queued items (lazily deleted ones included until they are popped). */
  get size(): number {
    return this.heap.length;
  }

  /** Queue `item` under `key`. */
  push(key: number, item: T): void {
    const heap = this.heap;
    const entry: Entry<T> = { key, seq: this.seq++, item };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  /** The smallest key, or undefined when empty. */
  peekKey(): number | undefined {
    return this.heap.length > 0 ? this.heap[0].key : undefined;
  }

  /** The item with the smallest key, without removing it. */
  peek(): T | undefined {
    return this.heap.length > 0 ? this.heap[0].item : undefined;
  }

  /** Remove and return the item with the smallest key. */
  pop(): T | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && before(heap[right], heap[left]) ? right : left;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top.item;
  }

  /** Remove every item. */
  clear(): void {
    this.heap.length = 0;
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}
