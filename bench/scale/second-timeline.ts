/**
 * A per-second timeline of a phase of the scale harness: what went up in
 * each whole second since the phase began (agents back, the master's CPU,
 * the swarms' CPU, the machine's busy CPU), from samples taken whenever the
 * harness polls. What a sample saw since the one before goes to its own
 * second, or, when seconds passed without a sample (the harness itself was
 * slow), is spread evenly over them, so a late poll does not pile many
 * seconds into one.
 */
import * as fs from 'node:fs';

/** Counters sampled together (monotonic: totals so far). */
export interface TimelineSample {
  back: number;
  masterCpuMs: number;
  swarmCpuMs: number;
  machineBusyMs: number;
}

/** The machine's CPU time spent not idle so far, ms summed over cores (/proc/stat), or NaN. */
export function machineBusyMs(): number {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return ((total - idle) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** Per-second increments of {@link TimelineSample} since `start`. */
export class SecondTimeline {
  private readonly rows: TimelineSample[] = [];
  private last: TimelineSample;
  private lastSecond = 0;

  constructor(
    private readonly startedAt: number,
    first: TimelineSample,
  ) {
    this.last = first;
  }

  /** Record the counters as they are at `now` (ms). */
  sample(now: number, s: TimelineSample): void {
    const second = Math.floor((now - this.startedAt) / 1000);
    if (second < this.lastSecond) return;
    // What changed since the last sample happened after it: in this second, or spread over the seconds since.
    const from = second === this.lastSecond ? second : this.lastSecond + 1;
    const span = second - from + 1;
    const keys = Object.keys(s) as Array<keyof TimelineSample>;
    for (let k = from; k <= second; k++) {
      const row = (this.rows[k] ??= { back: 0, masterCpuMs: 0, swarmCpuMs: 0, machineBusyMs: 0 });
      for (const key of keys) row[key] += (s[key] - this.last[key]) / span;
    }
    this.last = s;
    this.lastSecond = second;
  }

  /** One row per second (fractions where a sample spanned seconds). */
  seconds(): TimelineSample[] {
    return this.rows.map((r) => r ?? { back: 0, masterCpuMs: 0, swarmCpuMs: 0, machineBusyMs: 0 });
  }
}
