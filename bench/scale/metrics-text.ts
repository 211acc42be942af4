/**
 * Reading the master's /metrics text in the scale harness: samples by name
 * and labels, and a phase's event-loop delay from the difference of two
 * scrapes of the cumulative histogram. Pure; no I/O.
 */

/** `name{labels}` → value, as written in the text (labels as they appear). */
export type MetricValues = Map<string, number>;

/** Parse Prometheus text: every sample line into the map; comments skipped. */
export function parseMetrics(text: string): MetricValues {
  const out: MetricValues = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    if (space < 0) continue;
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

/** Sum of every sample of `name` (any labels). */
export function sumOf(values: MetricValues, name: string): number {
  let total = 0;
  for (const [key, v] of values) if (key === name || key.startsWith(`${name}{`)) total += v;
  return total;
}

/** A phase's event-loop delay: samples, quantile upper bound and the highest non-empty bucket, seconds. */
export interface DelaySummary {
  samples: number;
  /** The upper bound of the bucket holding the 99th percentile sample (Infinity: above the last bound). */
  p99: number;
  /** The upper bound of the highest bucket that gained samples. */
  maxBound: number;
  /** Mean delay, seconds. */
  mean: number;
}

const BUCKET = 'meseta_master_event_loop_delay_seconds_bucket{le="';

function buckets(values: MetricValues): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [key, v] of values) {
    if (!key.startsWith(BUCKET)) continue;
    const le = key.slice(BUCKET.length, key.length - 2);
    out.push([le === '+Inf' ? Infinity : Number(le), v]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The delay between two scrapes (`before` may be empty: since start); undefined when the master has no such histogram. */
export function delayBetween(before: MetricValues, after: MetricValues, quantile = 0.99): DelaySummary | undefined {
  const b = new Map(buckets(before));
  const a = buckets(after);
  if (a.length === 0) return undefined;
  const diff = a.map(([le, v]) => [le, v - (b.get(le) ?? 0)] as const);
  const total = diff[diff.length - 1][1];
  const sum = (after.get('meseta_master_event_loop_delay_seconds_sum') ?? 0) - (before.get('meseta_master_event_loop_delay_seconds_sum') ?? 0);
  if (total <= 0) return { samples: 0, p99: 0, maxBound: 0, mean: 0 };
  const p99 = diff.find(([, n]) => n >= quantile * total)?.[0] ?? Infinity;
  const maxBound = diff.find(([, n]) => n >= total)?.[0] ?? Infinity;
  return { samples: total, p99, maxBound, mean: sum / total };
}
