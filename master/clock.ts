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
