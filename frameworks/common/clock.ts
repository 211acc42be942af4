/**
 * Time as the frameworks see it, injectable: the system clock in
 * production, a manual clock in tests (cron schedules, back-off, leases,
 * autoscaler cool-downs are all checked against it).
 */

/** Milliseconds since the epoch, and timers on the same time line. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Call `fn` after `ms` milliseconds; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The real clock; its timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/**
 * Call `fn` every `ms` milliseconds on `clock` (the first time after `ms`),
 * each timer set when the previous call returns.
 * @returns a function that cancels the timer waiting now.
 */
export function repeatEvery(clock: Clock, ms: number, fn: () => void): () => void {
  let cancel: () => void = () => undefined;
  const schedule = (): void => {
    cancel = clock.setTimer(() => {
      fn();
      schedule();
    }, ms);
  };
  schedule();
  return () => cancel();
}

/** A clock that moves only when told to; timers fire in time order during {@link advance}. */
export class ManualClock implements Clock {
  private timers: Array<{ at: number; seq: number; fn: () => void }> = [];
  private seq = 0;

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const entry = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(entry);
    return () => {
      this.timers = this.timers.filter((t) => t !== entry);
    };
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = end;
  }

  /** Set the time (forward only), firing timers on the way. */
  set(ms: number): void {
    this.advance(Math.max(0, ms - this.current));
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }
}
