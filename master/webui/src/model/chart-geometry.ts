/**
 * Line charts over time as SVG geometry, pure: values in, path text out.
 * A series is a list of `[time, value]` with `null` for a gap (no sample:
 * the line breaks there instead of drawing a slope through missing data).
 */

/** One line of a chart. */
export interface ChartSeries {
  name: string;
  /** `[seconds since the epoch, value or null]`, in time order. */
  points: ReadonlyArray<readonly [number, number | null]>;
  /** `line` (measured), `limit` (dashed, e.g. the reservation), `area` (filled below, e.g. what is allocated). */
  kind: 'line' | 'limit' | 'area';
}

/** Where a chart's values land in its box. */
export interface ChartFrame {
  width: number;
  height: number;
  /** Time at the left and right edges. */
  from: number;
  to: number;
  /** Value at the top edge (the bottom is 0). */
  max: number;
}

/**
 * A "nice" top for values up to `peak`: 1, 2, 2.5 or 5 times a power of
 * ten, at least `peak` (and a little headroom), never 0.
 */
export function niceMax(peak: number): number {
  if (!Number.isFinite(peak) || peak <= 0) return 1;
  const target = peak * 1.05;
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= target) return step * power;
  return 10 * power;
}

/** The frame for these series over [from, to]: the top is a nice value above every point. */
export function chartFrame(series: readonly ChartSeries[], from: number, to: number, width: number, height: number): ChartFrame {
  let peak = 0;
  for (const s of series) for (const [, v] of s.points) if (v !== null && Number.isFinite(v) && v > peak) peak = v;
  return { width, height, from, to: to > from ? to : from + 1, max: niceMax(peak) };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** x and y of a point in the frame (clamped to the box). */
export function place(frame: ChartFrame, t: number, v: number): [number, number] {
  const x = ((t - frame.from) / (frame.to - frame.from)) * frame.width;
  const y = frame.height - (v / frame.max) * frame.height;
  return [round(Math.min(frame.width, Math.max(0, x))), round(Math.min(frame.height, Math.max(0, y)))];
}

/**
 * The runs of a series: consecutive points without a gap, each as SVG
 * coordinates; points outside [from, to] are left out.
 */
export function runsOf(frame: ChartFrame, points: ChartSeries['points']): Array<Array<[number, number]>> {
  const runs: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (const [t, v] of points) {
    if (t < frame.from || t > frame.to) continue;
    if (v === null || !Number.isFinite(v)) {
      if (current.length > 0) runs.push(current);
      current = [];
      continue;
    }
    current.push(place(frame, t, v));
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** SVG path text of a line (`M x y L x y …`, one `M` per run); a run of one point is a short dash. */
export function linePath(frame: ChartFrame, points: ChartSeries['points']): string {
  return runsOf(frame, points)
    .map((run) => {
      const [first, ...rest] = run;
      if (rest.length === 0) return `M${first[0]} ${first[1]}h1`;
      return `M${first[0]} ${first[1]}` + rest.map(([x, y]) => `L${x} ${y}`).join('');
    })
    .join('');
}

/** SVG path text of the area under a line, closed at the bottom, per run. */
export function areaPath(frame: ChartFrame, points: ChartSeries['points']): string {
  return runsOf(frame, points)
    .map((run) => {
      const first = run[0];
      const last = run[run.length - 1];
      return `M${first[0]} ${frame.height}` + run.map(([x, y]) => `L${x} ${y}`).join('') + `L${last[0]} ${frame.height}Z`;
    })
    .join('');
}

/** The newest value of a series that is not a gap. */
export function lastValue(points: ChartSeries['points']): number | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i][1];
    if (v !== null && Number.isFinite(v)) return v;
  }
  return undefined;
}

/** An hour, the longest window drawn. */
export const CHART_HOUR = 3600;
/** The narrowest window drawn: a young series fills the chart instead of sitting at its right edge. */
export const CHART_MIN_SPAN = 120;

/**
 * The window of a chart ending at `to`: the last hour, or from the first
 * point when the series is younger, and never narrower than {@link CHART_MIN_SPAN}.
 */
export function chartWindow(to: number, firstPoint: number | undefined): [number, number] {
  const from = Math.max(to - CHART_HOUR, Math.min(firstPoint ?? to - CHART_HOUR, to - CHART_MIN_SPAN));
  return [from, to];
}
