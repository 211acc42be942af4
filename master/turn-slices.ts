/**
 * Long jobs cut into slices, one slice per turn of the event loop (issue 11:
 * the master's loop must never stall). Two shapes of the one idea:
 * - {@link SliceBudget}: the worker asks {@link SliceBudget.exhausted} every
 *   few items and, when it says yes, keeps its place and returns; its driver
 *   continues it on a later turn (`setImmediate`). Pure callers and tests
 *   count items ({@link countBudget}); the master reads a clock
 *   ({@link timeBudget}). The allocator's `PassBudget` has the same shape.
 * - {@link TurnSlices}: a reusable cutter that counts every item and is cut by
 *   time as well as by count. A count alone lets a slice's cost grow with what
 *   each item costs (2,000 agent rows are 2 ms on a quiet master and 60 ms on
 *   a busy one), and the event-loop delay is the sum of every slice that lands
 *   in one turn.
 * - {@link SlicedWalk}: a walk over a live collection that keeps its place
 *   between slices, for a {@link SliceBudget}.
 * Pure: the clock is injected.
 */

/** Milliseconds of work per slice unless told otherwise (allocation passes, the discovery feed's first build, framework removal). */
export const DEFAULT_SLICE_MS = 10;

/** When a slice of work should stop. */
export interface SliceBudget {
  /** True when the worker should keep its place and return. */
  exhausted(): boolean;
}

/** A budget of `ms` milliseconds from now, read on `now` (default `performance.now`). */
export function timeBudget(ms: number, now: () => number = () => performance.now()): SliceBudget {
  const deadline = now() + ms;
  return { exhausted: () => now() >= deadline };
}

/** A budget of `n` questions: the `n`-th call of `exhausted()` and every later one say yes (tests, pure callers). */
export function countBudget(n: number): SliceBudget {
  let asked = 0;
  return { exhausted: () => ++asked >= n };
}

/** Never exhausted: the rest of the work in this turn. */
export const WHOLE_TURN: SliceBudget = { exhausted: () => false };

/** Milliseconds of work per {@link TurnSlices} slice unless told otherwise (the UI stream's rows and deltas). */
export const DEFAULT_TURN_BUDGET_MS = 5;

/** Cuts a long job into slices of at most `budgetMs` (and at most `maxItems` items). */
export class TurnSlices {
  private started: number;
  private items = 0;

  constructor(
    /** Milliseconds of work after which the slice is spent. */
    private readonly budgetMs = DEFAULT_TURN_BUDGET_MS,
    /** Items after which the slice is spent, whatever the time. */
    private readonly maxItems = Number.POSITIVE_INFINITY,
    /** Milliseconds, monotonic. @default performance.now */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Count one item done; true when the slice is spent: yield to the event loop, then {@link restart}. */
  spent(): boolean {
    return ++this.items >= this.maxItems || this.now() - this.started >= this.budgetMs;
  }

  /** True when the slice is spent by time alone (no item counted). */
  overTime(): boolean {
    return this.now() - this.started >= this.budgetMs;
  }

  /** A new slice starts now (after the yield). */
  restart(): void {
    this.items = 0;
    this.started = this.now();
  }
}

/** Items handed over between two looks at the budget unless told otherwise (a look reads the clock). */
export const WALK_CHECK_EVERY = 16;

/**
 * A walk over a live collection a slice at a time: it follows the
 * collection with its own iterator (a Map's or Set's `values()`, or a
 * generator over such iterators), so it keeps its place between turns: an
 * item that leaves meanwhile is not met, one added meanwhile ahead of it is
 * met before the walk ends. Each item met is handed once to `each`, which
 * may remove it from the collection. Used by a framework's removal (its
 * offers, then its tasks) and the discovery feed's first build (every task).
 */
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
    private readonly checkEvery = WALK_CHECK_EVERY,
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
