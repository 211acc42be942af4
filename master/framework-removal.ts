/**
 * A walk over a live collection a slice at a time, for a framework's
 * removal (issue 11: a framework with 100,000 tasks held the master's event
 * loop for 0.4–0.9 s in one turn, and rescinding its thousands of offers
 * tens of milliseconds more). The walk follows the collection with its own
 * iterator, so it keeps its place between turns: an item that leaves
 * meanwhile (a task that ended by itself, its agent removed; an offer
 * already taken back) is not met; one added meanwhile (an agent
 * re-registering with a task of the framework) is met before the walk ends.
 * Each item met is handed once to `each`, which may remove it from the
 * collection.
 */
import type { SliceBudget } from './turn-slices';

/** Items handed over between two looks at the budget unless told otherwise. */
export const REMOVAL_CHECK_EVERY = 16;

/** One walk over the items of a live collection. */
export class SlicedWalk<T> {
  private readonly items: Iterator<T>;
  private finished = false;
  /** Items handed to `each` so far. */
  visited = 0;

  constructor(
    /** The collection's own iterator (a Map's or Set's `values()`): it sees what is added and removed meanwhile. */
    items: Iterator<T>,
    private readonly each: (item: T) => void,
    /** Items handed over between two looks at the budget. @default 16 */
    private readonly checkEvery = REMOVAL_CHECK_EVERY,
  ) {
    this.items = items;
  }

  /** True once every item was handed over. */
  get done(): boolean {
    return this.finished;
  }

  /** Hand items over until `budget` is exhausted or none is left; true when none is left. */
  step(budget: SliceBudget): boolean {
    let sinceLook = 0;
    while (!this.finished) {
      const next = this.items.next();
      if (next.done) {
        this.finished = true;
        break;
      }
      this.each(next.value);
      this.visited++;
      if (++sinceLook >= this.checkEvery) {
        sinceLook = 0;
        if (budget.exhausted()) return false;
      }
    }
    return true;
  }
}
