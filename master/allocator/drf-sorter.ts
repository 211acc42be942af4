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
import { BinaryHeap, type HeapOrder } from '@meseta/runtime/min-heap';
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

const NOTHING: Quantities = new Map();

function before(a: Client, b: Client): boolean {
  return a.share < b.share || (a.share === b.share && a.seq < b.seq);
}

/** Lowest share first, each client told its position (so a change re-positions it in place). */
const clientOrder: HeapOrder<Client> = {
  before,
  moved: (client, index) => {
    client.index = index;
  },
};

/** The default {@link Sorter}: weighted DRF kept in a binary heap. */
export class DrfSorter implements Sorter {
  private readonly clients = new Map<string, Client>();
  private readonly heap = new BinaryHeap<Client>(clientOrder);
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
    const entry: Client = { name: client, seq: this.nextSeq++, weight, share: 0, allocated: new Map(), index: -1 };
    this.clients.set(client, entry);
    this.version++;
    // While stale, shares are recomputed and the heap rebuilt on the next read anyway.
    this.heap.push(entry);
  }

  remove(client: string): void {
    const entry = this.clients.get(client);
    if (!entry) return;
    this.clients.delete(client);
    this.version++;
    this.heap.removeAt(entry.index);
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

  allocation(client: string): Quantities {
    return this.clients.get(client)?.allocated ?? NOTHING;
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
    return new HeapWalk(this.heap.items, this);
  }

  private changed(entry: Client): void {
    this.version++;
    if (this.stale) return;
    entry.share = dominantShare(entry.allocated, this.total, entry.weight);
    this.heap.update(entry.index);
  }

  /** Recompute every share and rebuild the heap after the total changed. */
  private refresh(): void {
    if (!this.stale) return;
    for (const entry of this.heap.items) entry.share = dominantShare(entry.allocated, this.total, entry.weight);
    this.heap.heapify();
    this.stale = false;
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
  private frontier: BinaryHeap<number> | undefined;
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
      frontier = this.frontier = new BinaryHeap<number>({ before: (a, b) => before(heap[a], heap[b]) });
      this.enter(1);
      this.enter(2);
    }
    const position = frontier.pop();
    if (position === undefined) return this.yielding(undefined);
    this.enter(2 * position + 1);
    this.enter(2 * position + 2);
    return this.yielding(heap[position].name);
  }

  private enter(position: number): void {
    if (position < this.heap.length) this.frontier!.push(position);
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
}
