/**
 * Weighted dominant resource fairness: clients are served lowest weighted
 * dominant share first (share = max over resource names of allocated /
 * total, divided by the weight), ties broken by insertion order.
 *
 * Clients live in a binary min-heap with each client's heap position kept on
 * the client, so an allocation change re-positions one client in O(log n)
 * and `sort()` never re-sorts everyone: it walks the heap lazily, paying
 * O(log k) for each of the first k clients the caller actually looks at.
 * A change of cluster total changes every share; that marks the heap stale
 * and it is rebuilt in O(n) on the next read, so many total changes in a row
 * (agents registering) cost one rebuild.
 */
import type { Sorter } from './allocator';
import { applyQuantities, checkWeight, dominantShare, type Quantities } from './dominant-share';

interface Client {
  readonly name: string;
  /** Insertion order, the tie-break. */
  readonly seq: number;
  weight: number;
  /** Weighted dominant share; valid unless the sorter is stale. */
  share: number;
  readonly allocated: Map<string, number>;
  /** Position in the heap array. */
  index: number;
}

function before(a: Client, b: Client): boolean {
  return a.share < b.share || (a.share === b.share && a.seq < b.seq);
}

/** The default {@link Sorter}: weighted DRF kept in a binary heap. */
export class DrfSorter implements Sorter {
  private readonly clients = new Map<string, Client>();
  private readonly heap: Client[] = [];
  private total: Quantities = new Map();
  /** True when shares must be recomputed and the heap rebuilt (the total changed). */
  private stale = false;
  private nextSeq = 0;
  /** Bumped on every change, so an order being walked can tell it is out of date. */
  private version = 0;

  get size(): number {
    return this.clients.size;
  }

  /** How many changes the sorter has seen; a walk of its order is valid while this stays put. */
  get changes(): number {
    return this.version;
  }

  add(client: string, weight = 1): void {
    if (this.clients.has(client)) return;
    checkWeight(weight);
    const entry: Client = { name: client, seq: this.nextSeq++, weight, share: 0, allocated: new Map(), index: this.heap.length };
    this.clients.set(client, entry);
    this.heap.push(entry);
    this.version++;
    if (!this.stale) this.siftUp(entry.index);
  }

  remove(client: string): void {
    const entry = this.clients.get(client);
    if (!entry) return;
    this.clients.delete(client);
    this.version++;
    const last = this.heap.pop() as Client;
    if (last === entry) return;
    this.heap[entry.index] = last;
    last.index = entry.index;
    if (!this.stale) this.restore(last);
  }

  updateWeight(client: string, weight: number): void {
    checkWeight(weight);
    const entry = this.clients.get(client);
    if (!entry) return;
    entry.weight = weight;
    this.changed(entry);
  }

  allocated(client: string, resources: Quantities): void {
    const entry = this.clients.get(client);
    if (!entry) return;
    applyQuantities(entry.allocated, resources, 1);
    this.changed(entry);
  }

  unallocated(client: string, resources: Quantities): void {
    const entry = this.clients.get(client);
    if (!entry) return;
    applyQuantities(entry.allocated, resources, -1);
    this.changed(entry);
  }

  setTotal(total: Quantities): void {
    this.total = new Map(total);
    this.stale = true;
    this.version++;
  }

  share(client: string): number {
    const entry = this.clients.get(client);
    if (!entry) return 0;
    this.refresh();
    return entry.share;
  }

  /**
   * Clients lowest share first. The order is produced lazily from the heap;
   * changing the sorter while walking it makes the walk throw, so call
   * `sort()` again after a change.
   */
  sort(): Iterable<string> {
    this.refresh();
    return new HeapWalk(this.heap, this);
  }

  private changed(entry: Client): void {
    this.version++;
    if (this.stale) return;
    entry.share = dominantShare(entry.allocated, this.total, entry.weight);
    this.restore(entry);
  }

  /** Recompute every share and rebuild the heap after the total changed. */
  private refresh(): void {
    if (!this.stale) return;
    for (const entry of this.heap) entry.share = dominantShare(entry.allocated, this.total, entry.weight);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
    this.stale = false;
  }

  private restore(entry: Client): void {
    const index = entry.index;
    this.siftUp(index);
    if (entry.index === index) this.siftDown(index);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index];
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex];
      if (!before(entry, parent)) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = entry;
    entry.index = index;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const entry = heap[index];
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && before(heap[right], heap[left]) ? right : left;
      if (!before(heap[child], entry)) break;
      heap[index] = heap[child];
      heap[index].index = index;
      index = child;
    }
    heap[index] = entry;
    entry.index = index;
  }
}

/**
 * A lazy in-order walk of a binary heap: the root first, then a second small
 * heap (the frontier) of heap positions yields the next smallest, so the
 * first k clients cost O(k log k). A class rather than a generator, with one
 * reused result object: the allocator starts a walk per agent, so this is on
 * the hot path, and the usual first step allocates nothing but the walk.
 */
class HeapWalk implements IterableIterator<string> {
  private readonly result = { done: false, value: '' };
  /** Heap positions not yet yielded whose parents were; undefined until the second step. */
  private frontier: number[] | undefined;
  private started = false;

  private readonly changes: number;

  constructor(
    private readonly heap: readonly Client[],
    private readonly sorter: { readonly changes: number },
  ) {
    this.changes = sorter.changes;
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }

  next(): IteratorResult<string> {
    const heap = this.heap;
    if (!this.started) {
      this.started = true;
      return this.yielding(heap.length > 0 ? heap[0].name : undefined);
    }
    if (this.sorter.changes !== this.changes) throw new Error('DrfSorter changed while its order was being walked; call sort() again');
    let frontier = this.frontier;
    if (frontier === undefined) {
      frontier = this.frontier = [];
      this.push(1);
      this.push(2);
    }
    if (frontier.length === 0) return this.yielding(undefined);
    const position = this.pop();
    this.push(2 * position + 1);
    this.push(2 * position + 2);
    return this.yielding(heap[position].name);
  }

  private yielding(name: string | undefined): IteratorResult<string> {
    if (name === undefined) {
      this.result.done = true;
      this.result.value = '';
    } else {
      this.result.value = name;
    }
    return this.result as IteratorResult<string>;
  }

  private push(position: number): void {
    const heap = this.heap;
    const frontier = this.frontier as number[];
    if (position >= heap.length) return;
    let i = frontier.length;
    frontier.push(position);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[frontier[i]], heap[frontier[parent]])) break;
      [frontier[i], frontier[parent]] = [frontier[parent], frontier[i]];
      i = parent;
    }
  }

  private pop(): number {
    const heap = this.heap;
    const frontier = this.frontier as number[];
    const top = frontier[0];
    const last = frontier.pop() as number;
    if (frontier.length > 0) {
      frontier[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < frontier.length && before(heap[frontier[left]], heap[frontier[least]])) least = left;
        if (right < frontier.length && before(heap[frontier[right]], heap[frontier[least]])) least = right;
        if (least === i) break;
        [frontier[i], frontier[least]] = [frontier[least], frontier[i]];
        i = least;
      }
    }
    return top;
  }
}
