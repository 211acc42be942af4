import { LATENCY_BOUNDS_MS, addLatency, emptyLatency, latencyQuantile, latencyText, recordLatency } from '../../bench/scale/latency-buckets';

/** A histogram holding these waits (ms). */
function of(waits: number[]): number[] {
  const h = emptyLatency();
  for (const w of waits) recordLatency(h, w);
  return h;
}

describe('scale harness latency histograms', () => {
  it.each([
    ['a wait on a bound lands in that bound', 10, 0],
    ['just above a bound lands in the next', 10.5, 1],
    ['zero lands in the first', 0, 0],
    ['a negative wait counts as 0', -5, 0],
    ['NaN counts as 0', NaN, 0],
    ['above the last bound lands in the overflow bucket', 1e9, LATENCY_BOUNDS_MS.length],
    ['Infinity lands in the overflow bucket', Infinity, LATENCY_BOUNDS_MS.length],
  ])('%s', (_why, ms, bucket) => {
    const h = of([ms]);
    expect(h.indexOf(1)).toBe(bucket);
    expect(h.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it.each([
    ['empty: no quantile', [], 0.5, undefined],
    ['one wait: every quantile is its bucket', [300], 0.99, 500],
    ['p50 of 100 waits of 5 ms and 1 of 20 s', [...new Array<number>(100).fill(5), 20_000], 0.5, 10],
    ['max of the same is the 20 s bucket', [...new Array<number>(100).fill(5), 20_000], 1, 30_000],
    ['p99 of 99 fast and 1 slow is still fast', [...new Array<number>(99).fill(5), 20_000], 0.99, 10],
    ['the overflow bucket reads as Infinity', [1e9], 0.5, Infinity],
  ])('%s', (_why, waits, q, expected) => {
    expect(latencyQuantile(of(waits), q)).toBe(expected);
  });

  it('adds histograms bucket by bucket and refuses another shape, naming both lengths', () => {
    const a = of([5, 300]);
    addLatency(a, of([5, 70_000]));
    expect(latencyQuantile(a, 0.5)).toBe(10);
    expect(a.reduce((x, y) => x + y, 0)).toBe(4);
    expect(() => addLatency(a, [1, 2])).toThrow(`latency histogram: expected ${LATENCY_BOUNDS_MS.length + 1} buckets, got 2`);
  });

  it('reads as text with units', () => {
    expect(latencyText(emptyLatency())).toBe('none');
    expect(latencyText(of([5, 5, 3_000, 1e9]))).toBe('p50 ≤ 10 ms, p90 > 120 s, p99 > 120 s, max > 120 s (4)');
  });
});
