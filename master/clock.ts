/**
 * Time as the master sees it, behind an interface so unit tests can drive
 * timeouts (offer timeout, agent ping timeout, failover timeout) by hand.
 */

/** A cancellable timer handle. */
export interface TimerHandle {
  cancel(): void;
}

/** What the master needs of time. */
export interface Clock {
  /** Seconds since the epoch. */
  now(): number;
  /** Run `fn` after `seconds`. */
  after(seconds: number, fn: () => void): TimerHandle;
  /** Run `fn` every `seconds` until cancelled. */
  every(seconds: number, fn: () => void): TimerHandle;
}

/** The real clock. Timers are unref'd so they never keep a process alive. */
export const systemClock: Clock = {
  now: () => Date.now() / 1000,
  after(seconds, fn) {
    const t = setTimeout(fn, Math.max(0, seconds * 1000));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
  every(seconds, fn) {
    const t = setInterval(fn, Math.max(1, seconds * 1000));
    t.unref();
    return { cancel: () => clearInterval(t) };
  },
};

/**
 * A clock that moves only when told to: the in-memory stand-in for unit
 * tests. `advance(seconds)` fires every timer that falls due, in order.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: Array<{ at: number; fn: () => void; every?: number; id: number }> = [];
  private nextId = 1;

  constructor(start = 1_700_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  after(seconds: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.current + Math.max(0, seconds), fn, id });
    return { cancel: () => this.cancel(id) };
  }

  every(seconds: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.current + seconds, fn, every: seconds, id });
    return { cancel: () => this.cancel(id) };
  }

  /** Move time forward, firing due timers in time order. */
  advance(seconds: number): void {
    const target = this.current + seconds;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.current = next.at;
      if (next.every !== undefined) next.at += next.every;
      else this.timers.shift();
      next.fn();
    }
    this.current = target;
  }

  private cancel(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }
}
