/**
 * When allocation passes run: every `allocationIntervalSeconds`, soon after
 * something changed (coalesced: many changes in one turn of the event loop
 * make one pass), and when the allocator's next refuse filter expires. A
 * pass is cut into slices of about {@link DEFAULT_SLICE_MS} of work, one per
 * turn of the master's {@link TurnGate} (capped by what that turn has left);
 * each slice's offers are made and sent as it ends, within the slice: the
 * allocator gets the share of it that its offers leave (measured).
 */
import type { Allocator } from './allocator/allocator';
import { type Clock, type TimerHandle, nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import type { MasterMetrics } from './metrics';
import type { OfferBook } from './offer-book';
import { DEFAULT_SLICE_MS, TurnGate, timeBudget } from './turn-slices';

/** The least share of a slice the allocator gets, however costly its offers were. */
const MIN_ALLOCATE_SHARE = 0.25;
/** How fast the measured share follows the last slices (weight of the newest). */
const SHARE_WEIGHT = 0.2;


/** Runs allocation passes and sends the offers they decide on. */
export class AllocationTiming {
  private scheduled = false;
  private stopped = false;
  private periodic?: TimerHandle;
  private filterTimer?: TimerHandle;
  /** Allocator time of the pass in progress, over its slices so far. */
  private passSeconds = 0;
  /**
   * Share of a slice the allocator's own work gets; the rest is for making
   * and sending the offers it decided on (in the 50,000-agent mixed phase
   * those took about half as long again as the pass: a 10 ms slice ran
   * 15–37 ms). Follows allocator ms ÷ (allocator + offers) ms of the last slices.
   */
  private allocateShare = 1;

  constructor(
    private readonly allocator: Allocator,
    private readonly offerBook: OfferBook,
    private readonly clock: Clock,
    private readonly metrics: MasterMetrics,
    private readonly intervalSeconds: number,
    /** Milliseconds of work per slice of a pass, its offers included (see {@link run}). */
    private readonly sliceMs = DEFAULT_SLICE_MS,
    /** The turns a cut pass goes on in. @default a gate of its own */
    private readonly gate: TurnGate = new TurnGate(),
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
    this.gate.later(() => {
      this.scheduled = false;
      this.run();
    });
  }

  /**
   * Run a pass now, or its next slice, and send the offers it decides on. A
   * slice stops after about {@link sliceMs} (or what the gate's turn has
   * left) of allocator work and offers together; the rest of the pass runs
   * on a later turn, so a pass over tens of thousands of agents never holds
   * the loop for long. A pass counts once in
   * `allocationRuns`, when its last slice is done; `lastAllocationSeconds` is
   * all of its slices together.
   */
  run(): void {
    if (this.stopped) return;
    const started = performance.now();
    const allocations = this.allocator.allocate(nowSeconds(this.clock), timeBudget(this.gate.sliceMs(this.sliceMs) * this.allocateShare));
    const allocated = performance.now();
    this.passSeconds += (allocated - started) / 1000;
    if (this.allocator.passPending !== true) {
      this.metrics.allocationRuns++;
      this.metrics.lastAllocationSeconds = this.passSeconds;
      this.passSeconds = 0;
    }
    if (allocations.length > 0) {
      this.offerBook.offer(allocations);
      this.learnShare(allocated - started, performance.now() - allocated);
    }
    if (this.allocator.passPending === true) this.schedule();
    const next = this.allocator.nextFilterExpiry();
    this.filterTimer?.cancel();
    this.filterTimer = undefined;
    if (next !== undefined) {
      this.filterTimer = this.clock.after(secondsToMs(Math.max(0.01, next - nowSeconds(this.clock))), () => this.run());
    }
  }

  /** Follow the allocator's share of the last slices' time (allocator `allocateMs`, offers `offerMs`). */
  private learnShare(allocateMs: number, offerMs: number): void {
    if (allocateMs + offerMs <= 0) return;
    const share = allocateMs / (allocateMs + offerMs);
    this.allocateShare = Math.max(MIN_ALLOCATE_SHARE, Math.min(1, this.allocateShare + SHARE_WEIGHT * (share - this.allocateShare)));
  }

  /** Stop every timer; later calls do nothing. */
  stop(): void {
    this.stopped = true;
    this.periodic?.cancel();
    this.filterTimer?.cancel();
  }
}
