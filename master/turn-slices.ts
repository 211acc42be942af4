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
 * - {@link TurnGate}: one per master, the turns those slices run in: one
 *   `setImmediate` chain hands them out in FIFO order until one budget per
 *   turn ({@link TURN_BUDGET_MS}), shared by every deferrable job, is spent,
 *   instead of each job taking its own slice in the same turn.
 * Pure: the clock (and the gate's turn scheduler) is injected.
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

  /** This slice's milliseconds: `budgetMs` as capped when the slice started. */
  private sliceMs: number;

  constructor(
    /** Milliseconds of work after which the slice is spent. */
    private readonly budgetMs = DEFAULT_TURN_BUDGET_MS,
    /** Items after which the slice is spent, whatever the time. */
    private readonly maxItems = Number.POSITIVE_INFINITY,
    /** Milliseconds, monotonic. @default performance.now */
    private readonly now: () => number = () => performance.now(),
    /** What a slice of `budgetMs` may take when it starts (a {@link TurnGate}'s {@link TurnGate.sliceMs}). @default no cap */
    private readonly cap: (ms: number) => number = (ms) => ms,
  ) {
    this.started = now();
    this.sliceMs = cap(budgetMs);
  }

  /** Count one item done; true when the slice is spent: yield to the event loop, then {@link restart}. */
  spent(): boolean {
    return ++this.items >= this.maxItems || this.now() - this.started >= this.sliceMs;
  }

  /** True when the slice is spent by time alone (no item counted). */
  overTime(): boolean {
    return this.now() - this.started >= this.sliceMs;
  }

  /** A new slice starts now (after the yield). */
  restart(): void {
    this.items = 0;
    this.started = this.now();
    this.sliceMs = this.cap(this.budgetMs);
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

/**
 * Milliseconds of deferrable work per turn of the event loop, every job of a
 * {@link TurnGate} together. Each job used to take its own slice per turn
 * (allocation 10 ms, `/state` 8 ms, the UI stream 5 ms, ...) and in the
 * 50,000-agent mixed phase they landed in the same turn and added up, on top
 * of the poll phase's I/O and GC (issue 11, S5's E5); 10 ms keeps the sum of
 * the check phase near one job's slice, so a turn's delay is set by I/O and
 * GC, not by how many jobs are active.
 */
export const TURN_BUDGET_MS = 10;

/** With less than this many milliseconds left, a turn hands out no further slice (it would do little but read the clock). */
export const MIN_SLICE_MS = 1;

/** Tunables and seams of a {@link TurnGate}. */
export interface TurnGateOptions {
  /** Milliseconds of slices per turn, all jobs together. @default TURN_BUDGET_MS */
  budgetMs?: number;
  /** Milliseconds, monotonic. @default performance.now */
  now?: () => number;
  /** Run `turn` once on a later turn of the event loop; returns its cancel. @default setImmediate */
  schedule?: (turn: () => void) => () => void;
  /** Run `next` once every microtask queued so far (and the ones those queue) has run. @default a microtask that queues a `process.nextTick` */
  afterMicrotasks?: (next: () => void) => void;
  /** What a job given to {@link TurnGate.later} threw. @default console.error */
  onError?: (error: unknown) => void;
}

type Waiter = { readonly run: () => void } | { readonly resolve: () => void };

/**
 * One scheduler of the deferrable work of a master: one `setImmediate` chain
 * in place of each job's own. Each turn it hands slices to the jobs waiting
 * since before the turn began, first come first served, until the turn's
 * budget ({@link TURN_BUDGET_MS}) is spent; the rest wait for the next turn,
 * ahead of jobs that come later, and at least one job runs per turn, so no
 * job starves. A job reads its slice through {@link sliceMs}, {@link budget}
 * or {@link slices}: its own milliseconds, capped by what the turn has left.
 * Two shapes: a callback ({@link later}, in place of `setImmediate(fn)`) and
 * a promise ({@link nextTurn}, in place of `new Promise(r => setImmediate(r))`):
 * a promise's slice is its continuation, so the gate hands out the next slice
 * only after the microtasks it queued have run (and their time is counted).
 * Pure but for its default seams (clock, `setImmediate`, microtasks).
 */
export class TurnGate {
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly schedule: (turn: () => void) => () => void;
  private readonly afterMicrotasks: (next: () => void) => void;
  private readonly onError: (error: unknown) => void;
  private waiting: Waiter[] = [];
  private head = 0;
  private cancelTurn?: () => void;
  /** When the turn in progress is spent; undefined between turns. */
  private turnEnd?: number;
  /** Waiters of the turn in progress not handed a slice yet (those queued before it began). */
  private dueThisTurn = 0;
  private handedThisTurn = 0;
  private stopped = false;

  constructor(options: TurnGateOptions = {}) {
    this.budgetMs = options.budgetMs ?? TURN_BUDGET_MS;
    this.now = options.now ?? (() => performance.now());
    this.schedule = options.schedule ?? ((turn) => {
      const handle = setImmediate(turn);
      return () => clearImmediate(handle);
    });
    this.afterMicrotasks = options.afterMicrotasks ?? ((next) => queueMicrotask(() => process.nextTick(next)));
    this.onError = options.onError ?? ((error) => console.error('turn gate: a job failed', error));
  }

  /** Jobs waiting for a slice. */
  get size(): number {
    return this.waiting.length - this.head;
  }

  /** Run `job` in a slice of a later turn. After {@link stop}, it is dropped. */
  later(job: () => void): void {
    if (this.stopped) return;
    this.waiting.push({ run: job });
    this.arm();
  }

  /**
   * Resolves in a slice of a later turn: the caller's continuation is its
   * slice. After {@link stop} it resolves on a plain `setImmediate`, so a
   * job still in progress (a read) finishes, ungated.
   */
  nextTurn(): Promise<void> {
    if (this.stopped) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      this.waiting.push({ resolve });
      this.arm();
    });
  }

  /**
   * Milliseconds a slice of up to `ms` may take if it starts now: `ms`, capped
   * by what the gate's turn in progress has left (at least 0); `ms` outside
   * the gate's turns (an I/O callback, a timer).
   */
  sliceMs(ms: number): number {
    if (this.turnEnd === undefined) return ms;
    return Math.max(0, Math.min(ms, this.turnEnd - this.now()));
  }

  /** A {@link SliceBudget} of {@link sliceMs}(`ms`) from now. */
  budget(ms: number): SliceBudget {
    return timeBudget(this.sliceMs(ms), this.now);
  }

  /** A {@link TurnSlices} of `ms` and `maxItems` whose every slice is capped by the turn it starts in. */
  slices(ms: number, maxItems = Number.POSITIVE_INFINITY): TurnSlices {
    return new TurnSlices(ms, maxItems, this.now, (m) => this.sliceMs(m));
  }

  /** For the master's shutdown: no turn stays scheduled, queued callbacks are dropped, waiting promises resolve. */
  stop(): void {
    this.stopped = true;
    this.cancelTurn?.();
    this.cancelTurn = undefined;
    const left = this.waiting.slice(this.head);
    this.waiting = [];
    this.head = 0;
    for (const w of left) if ('resolve' in w) w.resolve();
  }

  private arm(): void {
    if (this.cancelTurn !== undefined || this.stopped) return;
    this.cancelTurn = this.schedule(() => {
      this.cancelTurn = undefined;
      this.turn();
    });
  }

  private turn(): void {
    this.turnEnd = this.now() + this.budgetMs;
    this.dueThisTurn = this.size;
    this.handedThisTurn = 0;
    this.step();
  }

  /** Hand out slices until the turn is spent; a promise's slice goes on in microtasks, and the turn with it. */
  private step(): void {
    while (!this.stopped && this.dueThisTurn > 0 && (this.handedThisTurn === 0 || this.turnEnd! - this.now() >= MIN_SLICE_MS)) {
      const waiter = this.waiting[this.head++]!;
      this.dueThisTurn--;
      this.handedThisTurn++;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      if ('run' in waiter) {
        try {
          waiter.run();
        } catch (error) {
          this.onError(error);
        }
        continue;
      }
      waiter.resolve();
      this.afterMicrotasks(() => this.step());
      return;
    }
    this.turnEnd = undefined;
    this.dueThisTurn = 0;
    if (this.size > 0) this.arm();
  }
}
