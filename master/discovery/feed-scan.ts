/**
 * The walk over a master's tasks that fills a discovery feed's index the
 * first time it is read, a slice at a time (issue 11: at 500,000 running
 * tasks one walk in one turn held the event loop for seconds).
 *
 * It walks the master's live maps (frameworks, then each one's tasks) with
 * their own iterators, so it keeps its place between turns: a framework or
 * task added meanwhile is met later or not at all, one removed before it is
 * met is not met. Whatever changes behind it is the feed's to re-read (its
 * events mark it), so the walk only has to read each task it meets as it is
 * then.
 */
import type { FrameworkRecord, TaskRecord } from '../state';
import type { SliceBudget } from '../turn-slices';

/** Tasks read between two looks at the budget unless told otherwise (a look reads the clock). */
export const SCAN_CHECK_EVERY = 16;

/** One walk over every task of `frameworks`. */
export class FeedScan {
  private readonly frameworks: Iterator<FrameworkRecord>;
  private tasks?: Iterator<TaskRecord>;
  private fw?: FrameworkRecord;
  private finished = false;
  /** Tasks read so far. */
  visited = 0;

  constructor(
    frameworks: ReadonlyMap<string, FrameworkRecord>,
    /** Reads one task (of `fw`) into the index. */
    private readonly read: (fw: FrameworkRecord, task: TaskRecord) => void,
    /** Tasks read between two looks at the budget. @default 16 */
    private readonly checkEvery = SCAN_CHECK_EVERY,
  ) {
    this.frameworks = frameworks.values();
  }

  /** True once every task was read. */
  get done(): boolean {
    return this.finished;
  }

  /** Read tasks until `budget` is exhausted or none is left; true when none is left. */
  step(budget: SliceBudget): boolean {
    let sinceLook = 0;
    while (!this.finished) {
      if (!this.tasks) {
        const next = this.frameworks.next();
        if (next.done) {
          this.finished = true;
          break;
        }
        this.fw = next.value;
        this.tasks = next.value.tasks.values();
      }
      const t = this.tasks.next();
      if (t.done) {
        this.tasks = undefined;
        this.fw = undefined;
        continue;
      }
      this.read(this.fw!, t.value);
      this.visited++;
      if (++sinceLook >= this.checkEvery) {
        sinceLook = 0;
        if (budget.exhausted()) return false;
      }
    }
    return true;
  }
}
