/**
 * The one priority queue of the codebase: a binary heap ({@link BinaryHeap})
 * ordered by a caller's `before(a, b)`, and {@link MinHeap}, the common case
 * of items keyed by a number (a due time) on top of it.
 *
 * Cost: push, pop, update and removeAt O(log n); peek O(1); heapify O(n).
 * A caller that must find an item again (to re-position it when its order
 * changed, or to remove it) passes `moved`, which is told every item's new
 * position; callers that cancel without that use lazy deletion (mark the
 * item dead, skip it when it surfaces).
 */

/** How a {@link BinaryHeap} orders and tracks its items. */
export interface HeapOrder<T> {
  /** True when `a` must leave before `b`. Must be a strict order. */
  before(a: T, b: T): boolean;
  /** Told each time an item lands at a new position (for {@link BinaryHeap.update} and {@link BinaryHeap.removeAt}). */
  moved?(item: T, index: number): void;
}

/** A binary min-heap under a caller's order. */
export class BinaryHeap<T> {
  private readonly heap: T[] = [];

  constructor(private readonly order: HeapOrder<T>) {}

  /** Number of items. */
  get size(): number {
    return this.heap.length;
  }

  /** The items in heap order (position 0 leaves first; children of i at 2i+1, 2i+2). Read only. */
  get items(): readonly T[] {
    return this.heap;
  }

  /** The first item, without removing it. */
  peek(): T | undefined {
    return this.heap[0];
  }

  /** Add `item`. */
  push(item: T): void {
    this.heap.push(item);
    this.siftUp(this.heap.length - 1);
  }

  /** Remove and return the first item. */
  pop(): T | undefined {
    if (this.heap.length === 0) return undefined;
    return this.removeAt(0);
  }

  /** Remove and return the item at `index`. */
  removeAt(index: number): T {
    const heap = this.heap;
    const item = heap[index];
    const last = heap.pop() as T;
    if (index < heap.length) {
      heap[index] = last;
      this.order.moved?.(last, index);
      this.update(index);
    }
    return item;
  }

  /** Restore the order after the item at `index` changed how it compares. */
  update(index: number): void {
    if (this.siftUp(index) === index) this.siftDown(index);
  }

  /** Restore the order of every item after many changed at once. */
  heapify(): void {
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** Remove every item. */
  clear(): void {
    this.heap.length = 0;
  }

  /** Move the item at `index` up to where it belongs; returns its new position. */
  private siftUp(index: number): number {
    const heap = this.heap;
    const { before, moved } = this.order;
    const item = heap[index];
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex];
      if (!before(item, parent)) break;
      heap[index] = parent;
      moved?.(parent, index);
      index = parentIndex;
    }
    heap[index] = item;
    moved?.(item, index);
    return index;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const { before, moved } = this.order;
    const length = heap.length;
    const item = heap[index];
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && before(heap[right], heap[left]) ? right : left;
      if (!before(heap[child], item)) break;
      heap[index] = heap[child];
      moved?.(heap[index], index);
      index = child;
    }
    heap[index] = item;
    moved?.(item, index);
  }
}

interface Entry<T> {
  key: number;
  seq: number;
  item: T;
}

const keyOrder: HeapOrder<Entry<unknown>> = {
  before: (a, b) => a.key < b.key || (a.key === b.key && a.seq < b.seq),
};

/** Items ordered by a numeric key, smallest first; equal keys leave first in, first out. */
export class MinHeap<T> {
  private readonly heap = new BinaryHeap<Entry<T>>(keyOrder as HeapOrder<Entry<T>>);
  private seq = 0;

  /** Number of queued items (lazily deleted ones included until they are popped). */
  get size(): number {
    return this.heap.size;
  }

  /** Queue `item` under `key`. */
  push(key: number, item: T): void {
    this.heap.push({ key, seq: this.seq++, item });
  }

  /** The smallest key, or undefined when empty. */
  peekKey(): number | undefined {
    return this.heap.peek()?.key;
  }

  /** The item with the smallest key, without removing it. */
  peek(): T | undefined {
    return this.heap.peek()?.item;
  }

  /** Remove and return the item with the smallest key. */
  pop(): T | undefined {
    return this.heap.pop()?.item;
  }

  /** Remove every item. */
  clear(): void {
    this.heap.clear();
  }
}
