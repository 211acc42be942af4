/**
 * The last hour of one container's usage samples: a fixed-size ring of
 * numbers (no objects per sample), oldest overwritten first. Pure.
 *
 * At the default 10 s interval an hour is 360 samples; a sample is six
 * numbers (8 bytes each), so a container's hour costs about 17 KiB.
 */

/** One measurement of a container; counters are cumulative, the rest instantaneous. */
export interface UsageSample {
  /** Seconds since the epoch. */
  timestamp: number;
  /** CPU seconds in user mode since the container started (counter). */
  cpusUserTimeSecs?: number;
  /** CPU seconds in kernel mode since the container started (counter). */
  cpusSystemTimeSecs?: number;
  /** Resident memory (anonymous pages; cgroup `rss`/`anon`, /proc RSS). */
  memRssBytes?: number;
  /** Memory charged to the container, page cache included (cgroup usage), when known. */
  memTotalBytes?: number;
  /** Bytes the sandbox takes on disk. */
  diskUsedBytes?: number;
}

const FIELDS = ['timestamp', 'cpusUserTimeSecs', 'cpusSystemTimeSecs', 'memRssBytes', 'memTotalBytes', 'diskUsedBytes'] as const;
const WIDTH = FIELDS.length;

/** A ring of at most `capacity` samples in time order. */
export class UsageRing {
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity: ${capacity} is not a whole number of at least 1`);
    this.values = new Float64Array(capacity * WIDTH);
  }

  /** Samples held. */
  get size(): number {
    return this.count;
  }

  /**
   * Append a sample. One not later than the newest held (a clock step
   * back, a repeat) is refused: returns false and nothing changes.
   */
  push(sample: UsageSample): boolean {
    if (!Number.isFinite(sample.timestamp)) return false;
    if (this.count > 0 && sample.timestamp <= this.values[this.slot(this.count - 1)]) return false;
    let base: number;
    if (this.count < this.capacity) {
      base = this.slot(this.count);
      this.count++;
    } else {
      base = this.slot(0); // the oldest goes
      this.start = (this.start + 1) % this.capacity;
    }
    for (let f = 0; f < WIDTH; f++) {
      const v = sample[FIELDS[f]];
      this.values[base + f] = v === undefined || !Number.isFinite(v) ? NaN : v;
    }
    return true;
  }

  /** The `i`-th sample, oldest first (0 ≤ i < size). */
  at(i: number): UsageSample | undefined {
    if (i < 0 || i >= this.count || !Number.isInteger(i)) return undefined;
    const base = this.slot(i);
    const out: UsageSample = { timestamp: this.values[base] };
    for (let f = 1; f < WIDTH; f++) {
      const v = this.values[base + f];
      if (!Number.isNaN(v)) out[FIELDS[f]] = v;
    }
    return out;
  }

  /** The newest sample. */
  latest(): UsageSample | undefined {
    return this.at(this.count - 1);
  }

  /** The sample before the newest. */
  previous(): UsageSample | undefined {
    return this.at(this.count - 2);
  }

  /** Samples, oldest first, taken at or after `since` (seconds since the epoch; all without). */
  toArray(since = -Infinity): UsageSample[] {
    const out: UsageSample[] = [];
    for (let i = 0; i < this.count; i++) {
      if (this.values[this.slot(i)] < since) continue;
      out.push(this.at(i) as UsageSample);
    }
    return out;
  }

  /** Offset in `values` of the `i`-th sample, oldest first. */
  private slot(i: number): number {
    return ((this.start + i) % this.capacity) * WIDTH;
  }
}
