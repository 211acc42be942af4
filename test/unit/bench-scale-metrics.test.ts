import { delayBetween, parseMetrics, sumOf } from '../../bench/scale/metrics-text';
import { EVENT_LOOP_DELAY_BUCKETS, eventLoopDelaySamples, foldDelaySamples, type DelayHistogram } from '../../master/event-loop-delay';
import { renderPrometheus } from '../../master/metrics';

const empty = (): DelayHistogram => ({ buckets: new Array<number>(EVENT_LOOP_DELAY_BUCKETS.length + 1).fill(0), sum: 0, max: 0 });

/** /metrics text holding a delay histogram with these cumulative bucket counts. */
function text(buckets: number[], sum: number): string {
  const h = empty();
  h.buckets = buckets;
  h.sum = sum;
  return EVENT_LOOP_DELAY_BUCKETS.map((le, i) => `meseta_master_event_loop_delay_seconds_bucket{le="${le}"} ${buckets[i]}`)
    .concat([`meseta_master_event_loop_delay_seconds_bucket{le="+Inf"} ${buckets[buckets.length - 1]}`, `meseta_master_event_loop_delay_seconds_sum ${sum}`])
    .join('\n');
}

describe('folding event-loop delay samples into buckets', () => {
  it.each([
    ['all samples under 5 ms land in every bucket', [[0, 0.001], [100, 0.004]], [100, 100, 100]],
    ['a tail above 100 ms is kept out of the lower buckets', [[0, 0.001], [99, 0.004], [100, 0.3]], [99, 99, 99]],
    ['half the samples at most 8 ms, the rest up to 20 ms: the 10 ms bucket holds half, the 5 ms one none (it counts only percentile points at or under its bound)', [[0, 0.001], [50, 0.008], [100, 0.02]], [0, 50, 100]],
  ] as Array<[string, Array<[number, number]>, number[]]>)('%s', (_name, points, firstThree) => {
    const h = empty();
    foldDelaySamples(h, 100, points, 0.01, points[points.length - 1][1]);
    expect(h.buckets.slice(0, 3)).toEqual(firstThree);
    expect(h.buckets[EVENT_LOOP_DELAY_BUCKETS.length]).toBe(100);
    expect(h.sum).toBeCloseTo(1);
  });

  it('the master renders the histogram as cumulative buckets with +Inf equal to the count', () => {
    const values = parseMetrics(renderPrometheus(eventLoopDelaySamples()));
    expect(values.get('meseta_master_event_loop_delay_seconds_bucket{le="+Inf"}')).toBe(values.get('meseta_master_event_loop_delay_seconds_count'));
    expect(values.has('meseta_master_event_loop_delay_max_seconds')).toBe(true);
  });
});

describe('a phase\'s delay from two scrapes', () => {
  const zeros = new Array<number>(EVENT_LOOP_DELAY_BUCKETS.length + 1).fill(0);
  it.each([
    ['every new sample under 5 ms gives a p99 of 5 ms', [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 0.005, 0.005],
    ['2 % of samples at 0.5 s put the p99 in the 0.5 s bucket', [980, 980, 980, 980, 980, 980, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 0.5, 0.5],
    ['one sample of a 6 s stall in 1000 leaves the p99 low but shows in the max', [999, 999, 999, 999, 999, 999, 999, 999, 999, 999, 1000, 1000, 1000], 0.005, 10],
  ] as Array<[string, number[], number, number]>)('%s', (_name, after, p99, maxBound) => {
    const before = parseMetrics(text(zeros.map(() => 10), 0.01));
    const now = parseMetrics(text(after.map((n) => n + 10), 5));
    const d = delayBetween(before, now)!;
    expect(d.samples).toBe(after[after.length - 1]);
    expect(d.p99).toBe(p99);
    expect(d.maxBound).toBe(maxBound);
  });

  it('a master without the histogram gives no figure', () => {
    expect(delayBetween(new Map(), parseMetrics('meseta_master_agents{status="active"} 3\n'))).toBeUndefined();
  });

  it('sums every labelled sample of a metric', () => {
    expect(sumOf(parseMetrics('m{state="a"} 2\nm{state="b"} 3\nmm 7\n'), 'm')).toBe(5);
  });
});
