/**
 * When allocation passes run: every `allocationIntervalSeconds`, soon after
 * something changed (coalesced: many changes in one turn of the event loop
 * make one pass), and when the allocator's next refuse filter expires.
 */
import type { Allocator } from './allocator/allocator';
import { type Clock, type TimerHandle, nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import type { MasterMetrics } from './metrics';
import type { OfferBook } from './offer-book';

/** Runs allocation passes and sends the offers they decide on. */
export class AllocationTiming {
  private scheduled = false;
  private stopped = false;
  private periodic?: TimerHandle;
  private filterTimer?: TimerHandle;

  constructor(
    private readonly allocator: Allocator,
    private readonly offerBook: OfferBook,
    private readonly clock: Clock,
    private readonly metrics: MasterMetrics,
    private readonly intervalSeconds: number,
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

  /** Run a pass now and send the offers it decides on. */
  run(): void {
    if (this.stopped) return;
    const started = process.hrtime.bigint();
    const allocations = this.allocator.allocate(nowSeconds(this.clock));
    this.metrics.allocationRuns++;
    this.metrics.lastAllocationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (allocations.length > 0) this.offerBook.offer(allocations);
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
