/**
 * Fixed-bucket latency histograms for the scale harness: each swarm process
 * counts its agents' waits (e.g. from a `register` written to the answer
 * `registered`) into the same buckets, the harness adds the swarms' counts
 * and reads quantiles as bucket upper bounds. Pure; no I/O.
 */

/** Upper bounds of the buckets, ms; a last bucket holds everything above. */
export const LATENCY_BOUNDS_MS: readonly number[] = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 15_000, 30_000, 60_000, 120_000];

/** A histogram: one count per bound of {@link LATENCY_BOUNDS_MS}, then the overflow bucket. */
export type LatencyCounts = number[];

/** An empty histogram. */
export function emptyLatency(): LatencyCounts {
  return new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
}

/** Count one wait of `ms` (negative or NaN counts as 0). */
export function recordLatency(counts: LatencyCounts, ms: number): void {
  const v = Number.isFinite(ms) && ms > 0 ? ms : ms === Infinity ? Infinity : 0;
  let i = 0;
  while (i < LATENCY_BOUNDS_MS.length && v > LATENCY_BOUNDS_MS[i]) i++;
  counts[i]++;
}

/** `into` += `from`, bucket by bucket (histograms of other lengths are refused). */
export function addLatency(into: LatencyCounts, from: LatencyCounts): void {
  if (from.length !== into.length) throw new Error(`latency histogram: expected ${into.length} buckets, got ${from.length}`);
  for (let i = 0; i < from.length; i++) into[i] += from[i];
}

/**
 * The upper bound (ms) of the bucket holding quantile `q` (0 < q ≤ 1);
 * Infinity when it is the overflow bucket, undefined for an empty histogram.
 */
export function latencyQuantile(counts: LatencyCounts, q: number): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= rank) return i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : Infinity;
  }
  return Infinity;
}

/** `p50 ≤ 250 ms, p90 ≤ 1 s, p99 ≤ 5 s, max ≤ 10 s (n)`, or `none` for an empty histogram. */
export function latencyText(counts: LatencyCounts): string {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 'none';
  const show = (ms: number | undefined): string =>
    ms === undefined ? '-' : ms === Infinity ? `> ${LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1] / 1000} s` : ms >= 1000 ? `≤ ${ms / 1000} s` : `≤ ${ms} ms`;
  return `p50 ${show(latencyQuantile(counts, 0.5))}, p90 ${show(latencyQuantile(counts, 0.9))}, p99 ${show(latencyQuantile(counts, 0.99))}, max ${show(latencyQuantile(counts, 1))} (${total})`;
}
