/**
 * When allocation passes run: every `allocationIntervalSeconds`, soon after
 * something changed (coalesced: many changes in one turn of the event loop
 * make one pass), and when the allocator's next refuse filter expires. A
 * pass is cut into slices of about {@link DEFAULT_SLICE_MS} of work, one per
 * turn of the event loop; each slice's offers are sent as it ends.
 */
import type { Allocator } from './allocator/allocator';
import { type Clock, type TimerHandle, nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import type { MasterMetrics } from './metrics';
import type { OfferBook } from './offer-book';
import { DEFAULT_SLICE_MS, timeBudget } from './turn-slices';


/** Runs allocation passes and sends the offers they decide on. */
export class AllocationTiming {
  private scheduled = false;
  private stopped = false;
  private periodic?: TimerHandle;
  private filterTimer?: TimerHandle;
  /** Allocator time of the pass in progress, over its slices so far. */
  private passSeconds = 0;

  constructor(
    private readonly allocator: Allocator,
    private readonly offerBook: OfferBook,
    private readonly clock: Clock,
    private readonly metrics: MasterMetrics,
    private readonly intervalSeconds: number,
    /** Milliseconds of allocator work per slice of a pass (see {@link run}). */
    private readonly sliceMs = DEFAULT_SLICE_MS,
  ) {}

  /** Start the periodic passes. */
  start(): void {
    this.periodic = this.clock.every(secondsToMs(this.intervalSeconds), () => this.run());
  }

  /**
   * Run a pass once the current turn of the event loop is done. This is a
   * coalescing point, not an ordering one: nothing waits on it, and every
   * change made in this turn is seen by that one pass.
   */
  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
    });
  }

  /**
   * Run a pass now, or its next slice, and send the offers it decides on. A
   * slice stops after {@link sliceMs} of allocator work; the rest of the pass
   * runs on the next turn of the event loop, so a pass over tens of thousands
   * of agents never holds the loop for long. A pass counts once in
   * `allocationRuns`, when its last slice is done; `lastAllocationSeconds` is
   * all of its slices together.
   */
  run(): void {
    if (this.stopped) return;
    const started = performance.now();
    const allocations = this.allocator.allocate(nowSeconds(this.clock), timeBudget(this.sliceMs));
    this.passSeconds += (performance.now() - started) / 1000;
    if (this.allocator.passPending !== true) {
      this.metrics.allocationRuns++;
      this.metrics.lastAllocationSeconds = this.passSeconds;
      this.passSeconds = 0;
    }
    if (allocations.length > 0) this.offerBook.offer(allocations);
    if (this.allocator.passPending === true) this.schedule();
    const next = this.allocator.nextFilterExpiry();
    this.filterTimer?.cancel();
    this.filterTimer = undefined;
    if (next !== undefined) {
      this.filterTimer = this.clock.after(secondsToMs(Math.max(0.01, next - nowSeconds(this.clock))), () => this.run());
    }
  }

  /** Stop every timer; later calls do nothing. */
  stop(): void {
    this.stopped = true;
    this.periodic?.cancel();
    this.filterTimer?.cancel();
  }
}
