/**
 * Work done a slice per turn of the event loop, each slice cut by time as
 * well as by count: the caller counts every item and yields to the loop
 * when {@link TurnSlices.spent} says so. A count alone lets a slice's cost
 * grow with what each item costs (2,000 agent rows are 2 ms on a quiet
 * master and 60 ms on a busy one), and the event-loop delay is the sum of
 * every slice that lands in one turn. Pure: the clock is injected.
 */

/** Milliseconds of work per slice unless told otherwise. */
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
