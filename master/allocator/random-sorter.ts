/**
 * Weighted random order: each `sort()` draws a fresh permutation in which a
 * client of weight w comes before one of weight v with probability
 * w / (w + v) (Efraimidis–Spirakis weighted sampling without replacement).
 * Seedable, so a test or benchmark sees the same orders every run.
 *
 * Allocations are still tracked so that `share()` reports the same weighted
 * dominant share as the DRF sorter; they just do not influence the order.
 */
import type { Sorter } from './allocator';
import { applyQuantities, checkWeight, dominantShare, type Quantities } from './dominant-share';
import { seededRandom } from './seeded-random';

interface Client {
  weight: number;
  readonly allocated: Map<string, number>;
}

/** Options of {@link RandomSorter}. */
export interface RandomSorterOptions {
  /** Seed of the generator; the same seed and calls give the same orders. @default 1 */
  seed?: number;
  /** Or a source of floats in [0, 1) to use instead of the seeded one. */
  random?: () => number;
}

/** A {@link Sorter} that serves clients in weighted random order. */
export class RandomSorter implements Sorter {
  private readonly clients = new Map<string, Client>();
  private total: Quantities = new Map();
  private readonly random: () => number;

  constructor(options: RandomSorterOptions = {}) {
    this.random = options.random ?? seededRandom(options.seed ?? 1);
  }

  get size(): number {
    return this.clients.size;
  }

  add(client: string, weight = 1): void {
    if (this.clients.has(client)) return;
    checkWeight(weight);
    this.clients.set(client, { weight, allocated: new Map() });
  }

  remove(client: string): void {
    this.clients.delete(client);
  }

  updateWeight(client: string, weight: number): void {
    checkWeight(weight);
    const entry = this.clients.get(client);
    if (entry) entry.weight = weight;
  }

  allocated(client: string, resources: Quantities): void {
    const entry = this.clients.get(client);
    if (entry) applyQuantities(entry.allocated, resources, 1);
  }

  unallocated(client: string, resources: Quantities): void {
    const entry = this.clients.get(client);
    if (entry) applyQuantities(entry.allocated, resources, -1);
  }

  setTotal(total: Quantities): void {
    this.total = new Map(total);
  }

  allocation(client: string): Quantities {
    return this.clients.get(client)?.allocated ?? new Map();
  }

  share(client: string): number {
    const entry = this.clients.get(client);
    return entry ? dominantShare(entry.allocated, this.total, entry.weight) : 0;
  }

  /** A fresh weighted random permutation of the clients (a snapshot: safe to change the sorter meanwhile). */
  sort(): Iterable<string> {
    const keyed: Array<{ name: string; key: number }> = [];
    for (const [name, entry] of this.clients) {
      // Exponential clock with rate = weight: the smallest key goes first.
      keyed.push({ name, key: -Math.log(1 - this.random()) / entry.weight });
    }
    keyed.sort((a, b) => a.key - b.key);
    return keyed.map((k) => k.name);
  }
}
