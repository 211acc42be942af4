/**
 * The master's event-loop delay as a Prometheus histogram for /metrics:
 * `meseta_master_event_loop_delay_seconds_bucket{le=...}`, `_sum`, `_count`
 * (cumulative since start, so a reader takes the difference of two scrapes
 * to get a phase's distribution) and `meseta_master_event_loop_delay_max_seconds`.
 *
 * Measured by `perf_hooks.monitorEventLoopDelay` (a libuv timer every 10 ms
 * recording how late it fired); once a second its samples are folded into
 * the buckets from its percentile points and it is reset.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { MetricSample } from './metrics';

/** Upper bounds of the buckets, seconds. */
export const EVENT_LOOP_DELAY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/** Cumulative counts per bucket (one more than the bounds: the last is +Inf), sum and max. */
export interface DelayHistogram {
  buckets: number[];
  sum: number;
  max: number;
}

/**
 * Add `count` samples described by percentile points ([percent, seconds],
 * ascending) to `into`: each bucket gains the share of samples at or below
 * its bound, taken from the highest percentile point whose value fits.
 */
export function foldDelaySamples(into: DelayHistogram, count: number, points: ReadonlyArray<readonly [number, number]>, meanSeconds: number, maxSeconds: number): void {
  if (count <= 0) return;
  EVENT_LOOP_DELAY_BUCKETS.forEach((bound, i) => {
    let percent = 0;
    for (const [p, v] of points) if (v <= bound && p > percent) percent = p;
    into.buckets[i] += Math.round((count * percent) / 100);
  });
  into.buckets[EVENT_LOOP_DELAY_BUCKETS.length] += count;
  into.sum += meanSeconds * count;
  into.max = Math.max(into.max, maxSeconds);
}

let monitor: IntervalHistogram | undefined;
const histogram: DelayHistogram = { buckets: new Array<number>(EVENT_LOOP_DELAY_BUCKETS.length + 1).fill(0), sum: 0, max: 0 };

function fold(): void {
  if (!monitor) return;
  const h = monitor;
  if (h.count > 0) {
    const points = [...h.percentiles].map(([p, ns]) => [p, ns / 1e9] as const);
    foldDelaySamples(histogram, h.count, points, h.mean / 1e9, h.max / 1e9);
  }
  h.reset();
}

/** Start measuring (idempotent); the timer does not keep the process alive. */
export function startEventLoopDelayMonitor(): void {
  if (monitor) return;
  monitor = monitorEventLoopDelay({ resolution: 10 });
  monitor.enable();
  setInterval(fold, 1000).unref();
}

// Measure from the moment the master's code is loaded.
startEventLoopDelayMonitor();

/** The histogram's samples for /metrics (folding what was measured since the last second first). */
export function eventLoopDelaySamples(): MetricSample[] {
  fold();
  const name = 'meseta_master_event_loop_delay_seconds';
  const help = 'Event-loop delay of the master (perf_hooks.monitorEventLoopDelay, 10 ms resolution), cumulative since start';
  const samples: MetricSample[] = EVENT_LOOP_DELAY_BUCKETS.map((le, i) => ({ name: `${name}_bucket`, value: histogram.buckets[i], help, type: 'counter', labels: { le: String(le) } }));
  samples.push({ name: `${name}_bucket`, value: histogram.buckets[EVENT_LOOP_DELAY_BUCKETS.length], help, type: 'counter', labels: { le: '+Inf' } });
  samples.push({ name: `${name}_sum`, value: histogram.sum, help: 'Sum of the event-loop delay samples, seconds', type: 'counter' });
  samples.push({ name: `${name}_count`, value: histogram.buckets[EVENT_LOOP_DELAY_BUCKETS.length], help: 'Event-loop delay samples', type: 'counter' });
  samples.push({ name: 'meseta_master_event_loop_delay_max_seconds', value: histogram.max, help: 'Longest event-loop delay since start, seconds', type: 'gauge' });
  return samples;
}
