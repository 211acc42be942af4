/**
 * Time, behind one interface for the whole project, so unit tests drive
 * every timeout (offer timeout, agent ping timeout, failover timeout, cron
 * schedules, back-off, leases) by hand.
 *
 * One unit everywhere: milliseconds. Code that speaks seconds on the wire
 * (Mesos's `timestamp`, `refuse_seconds`, `failover_timeout`) converts at
 * its edge with {@link nowSeconds} and `seconds * 1000`.
 *
 * Timers work at any duration: Node's `setTimeout` fires at once past
 * 2^31-1 ms (24.8 days); {@link systemClock} chains shorter timers up to the
 * deadline instead, so a 30-day failover timeout waits 30 days.
 */

import { MinHeap } from './min-heap';

/** A cancellable timer. Cancelling twice, or after it fired, is a no-op. */
export interface TimerHandle {
  cancel(): void;
}

/** What the project needs of time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Call `fn` once after `ms` milliseconds (negative counts as 0; any length works). */
  after(ms: number, fn: () => void): TimerHandle;
  /** Call `fn` every `ms` milliseconds (the first time after `ms`) until cancelled. */
  every(ms: number, fn: () => void): TimerHandle;
}

/** The longest delay Node's timers take; longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The clock's time in seconds since the epoch, as Mesos's wire fields carry it. */
export function nowSeconds(clock: Clock): number {
  return clock.now() / 1000;
}

/**
 * A duration in seconds from outside (a flag, a FrameworkInfo field) as
 * milliseconds a timer can take: NaN and negatives become 0, infinity the
 * largest finite value.
 */
export function secondsToMs(seconds: number): number {
  if (!(seconds > 0)) return 0;
  return Math.min(seconds * 1000, Number.MAX_SAFE_INTEGER);
}

/** The real clock. Timers are unref'd so they never keep a process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const deadline = Date.now() + Math.max(0, ms);
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const left = deadline - Date.now();
      timer = setTimeout(left > MAX_TIMER_MS ? arm : fn, Math.min(Math.max(0, left), MAX_TIMER_MS));
      timer.unref();
    };
    arm();
    return { cancel: () => clearTimeout(timer) };
  },
  every(ms, fn) {
    const period = Math.max(1, ms);
    if (period > MAX_TIMER_MS) return repeatAfter(systemClock, period, fn);
    const t = setInterval(fn, period);
    t.unref();
    return { cancel: () => clearInterval(t) };
  },
};

/**
 * Call `fn` every `ms` milliseconds on `clock`, each timer set when the
 * previous call returns (so a slow `fn` never overlaps itself).
 */
export function repeatAfter(clock: Clock, ms: number, fn: () => void): TimerHandle {
  let current: TimerHandle | undefined;
  let cancelled = false;
  const schedule = (): void => {
    current = clock.after(ms, () => {
      fn();
      if (!cancelled) schedule();
    });
  };
  schedule();
  return {
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}

interface ManualTimer {
  at: number;
  fn: () => void;
  period?: number;
  live: boolean;
}

/**
 * A clock that moves only when told to: the in-memory stand-in for unit
 * tests. {@link advance} fires every timer that falls due, in time order
 * (timers due at the same instant in the order they were set), with
 * `now()` reading each timer's own due time while it runs.
 */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new MinHeap<ManualTimer>();
  private live = 0;

  /** @param start milliseconds since the epoch. @default 0 */
  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  after(ms: number, fn: () => void): TimerHandle {
    return this.add({ at: this.current + Math.max(0, ms), fn, live: true });
  }

  every(ms: number, fn: () => void): TimerHandle {
    const period = Math.max(1, ms);
    return this.add({ at: this.current + period, fn, period, live: true });
  }

  /** Move time forward by `ms`, firing due timers in time order. */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const next = this.timers.peek();
      if (!next || next.at > target) break;
      this.timers.pop();
      if (!next.live) continue;
      this.current = Math.max(this.current, next.at);
      if (next.period !== undefined) {
        next.at += next.period;
        this.timers.push(next.at, next);
      } else {
        next.live = false;
        this.live--;
      }
      next.fn();
    }
    this.current = target;
  }

  /** Set the time (forward only), firing timers on the way. */
  set(ms: number): void {
    this.advance(Math.max(0, ms - this.current));
  }

  /** Timers set and neither fired (one-shot) nor cancelled. */
  get pending(): number {
    return this.live;
  }

  /** When the earliest live timer falls due, or undefined when none is set. */
  nextDueAt(): number | undefined {
    for (;;) {
      const next = this.timers.peek();
      if (!next) return undefined;
      if (next.live) return next.at;
      this.timers.pop();
    }
  }

  private add(timer: ManualTimer): TimerHandle {
    this.timers.push(timer.at, timer);
    this.live++;
    return {
      cancel: () => {
        if (!timer.live) return;
        timer.live = false;
        this.live--;
      },
    };
  }
}
