import { areaPath, chartFrame, chartWindow, lastValue, linePath, niceMax, place, runsOf, type ChartFrame } from '../../master/webui/src/model/chart-geometry';

describe('niceMax', () => {
  it.each([
    [0, 1],
    [-5, 1],
    [NaN, 1],
    [1, 2],
    [0.93, 1],
    [1.9, 2],
    [2.2, 2.5],
    [3, 5],
    [7, 10],
    [0.012, 0.02],
    [130e6, 200e6],
  ])('niceMax(%p) = %p', (peak, top) => {
    expect(niceMax(peak)).toBeCloseTo(top, 12);
  });
});

describe('line geometry', () => {
  const frame: ChartFrame = { width: 100, height: 50, from: 0, to: 100, max: 10 };

  it.each([
    ['the bottom left', 0, 0, [0, 50]],
    ['the top right', 100, 10, [100, 0]],
    ['the middle', 50, 5, [50, 25]],
    ['a value over the top is clamped', 50, 20, [50, 0]],
    ['a time before the left edge is clamped', -10, 5, [0, 25]],
  ])('place: %s', (_what, t, v, xy) => {
    expect(place(frame, t, v)).toEqual(xy);
  });

  it.each([
    ['one run', [[0, 0], [50, 5], [100, 10]], 'M0 50L50 25L100 0'],
    ['a gap breaks the line', [[0, 0], [10, null], [20, 2], [30, 4]], 'M0 50h1M20 40L30 30'],
    ['points outside the window are left out', [[-5, 1], [10, 2], [200, 3]], 'M10 40h1'],
    ['nothing to draw', [[0, null]], ''],
  ] as const)('linePath: %s', (_what, points, path) => {
    expect(linePath(frame, points)).toBe(path);
  });

  it('areaPath closes each run at the bottom', () => {
    expect(areaPath(frame, [[0, 10], [100, 10]])).toBe('M0 50L0 0L100 0L100 50Z');
    expect(runsOf(frame, [[0, 1], [1, null], [2, 1]])).toHaveLength(2);
  });

  it('chartFrame tops every series, limits included', () => {
    expect(chartFrame([
      { name: 'used', kind: 'line', points: [[0, 0.4], [10, 0.9]] },
      { name: 'limit', kind: 'limit', points: [[0, 1.5], [10, 1.5]] },
    ], 0, 10, 300, 80)).toEqual({ width: 300, height: 80, from: 0, to: 10, max: 2 });
    expect(chartFrame([], 5, 5, 1, 1).to).toBe(6);
  });

  it('lastValue skips trailing gaps', () => {
    expect(lastValue([[0, 1], [1, 2], [2, null]])).toBe(2);
    expect(lastValue([[0, null]])).toBeUndefined();
  });
});

describe('chartWindow', () => {
  it.each([
    ['no points: the last hour', 10_000, undefined, [6_400, 10_000]],
    ['an hour and more of points: the last hour', 10_000, 1_000, [6_400, 10_000]],
    ['a 20-minute-old series: from its first point', 10_000, 8_800, [8_800, 10_000]],
    ['a 10-second-old series: the narrowest window', 10_000, 9_990, [9_880, 10_000]],
  ])('%s', (_what, to, first, window) => {
    expect(chartWindow(to, first)).toEqual(window);
  });
});
