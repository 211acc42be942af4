/**
 * Event-loop stalls as the master's health check sees them: a check that
 * runs later than its interval means the master itself was busy, and
 * whatever agents sent meanwhile is still unread in the sockets (timers
 * run before the poll phase reads them). Silence during a stall is the
 * master's, not the agent's, so it is not counted against the agent. Pure:
 * the caller passes the times.
 */

/** Stalls seen by a periodic check, kept for `keepSeconds`. */
export class LoopStalls {
  private stalls: Array<{ end: number; seconds: number }> = [];
  private last?: number;

  constructor(
    /** Seconds between two checks when the loop is responsive. */
    private readonly intervalSeconds: number,
    /** Stalls older than this are forgotten (the longest silence that matters). */
    private readonly keepSeconds: number,
    /** Lateness up to this is timer jitter, not a stall. @default 0.05 */
    private readonly slackSeconds = 0.05,
  ) {}

  /** The check ran at `now` (seconds); returns how late it was (0 when on time). */
  tick(now: number): number {
    let late = 0;
    if (this.last !== undefined) {
      late = now - this.last - this.intervalSeconds;
      if (late > this.slackSeconds) this.stalls.push({ end: now, seconds: late });
      else late = 0;
    }
    this.last = now;
    while (this.stalls.length > 0 && this.stalls[0].end < now - this.keepSeconds) this.stalls.shift();
    return late;
  }

  /** Seconds the loop was stalled after `since` (seconds). */
  stalledSince(since: number): number {
    let total = 0;
    for (const s of this.stalls) if (s.end > since) total += Math.min(s.seconds, s.end - since);
    return total;
  }
}
