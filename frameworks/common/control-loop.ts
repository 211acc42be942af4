/**
 * The frameworks' control loop: every change (an update, an offer, a
 * command, a timer) calls `kick()`, and kicks that come together are
 * coalesced into one pass on the next turn of the event loop. A periodic
 * tick kicks too, so work that waits only on time (back-off, deadlines,
 * leases) is picked up without a change to wake it.
 */
import type { Logger } from '@meseta/runtime/log';
import { type Clock, type TimerHandle, repeatAfter } from '@meseta/runtime/clock';

/** How the loop runs. */
export interface ControlLoopOptions {
  clock: Clock;
  /** How often a pass runs without being kicked (ms). */
  tickMs: number;
  /** One pass; what it throws is logged as 'control loop failed'. */
  pass(): void;
  logger: Logger;
}

/** A coalescing, ticking control loop. */
export class ControlLoop {
  private kicked = false;
  private ticker: TimerHandle | undefined;

  constructor(private readonly options: ControlLoopOptions) {}

  /** Start the periodic tick. */
  start(): void {
    this.ticker = repeatAfter(this.options.clock, this.options.tickMs, () => this.kick());
  }

  /** Stop the periodic tick (a pass already asked for still runs). */
  stop(): void {
    this.ticker?.cancel();
  }

  /** Ask for a pass soon (coalesced). */
  kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      try {
        this.options.pass();
      } catch (e) {
        this.options.logger.error('control loop failed', { error: e as Error });
      }
    });
  }
}
