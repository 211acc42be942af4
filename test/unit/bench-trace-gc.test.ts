import { mixedPhaseWindows, parseTraceGcLine, summarizeGc, type GcEvent } from '../../bench/scale/trace-gc';

describe('the scale harness reads --trace-gc lines', () => {
  it.each([
    [
      'a scavenge: its time, pause and heap after',
      '[10104:0x20382790]     1064 ms: Scavenge 21.9 (33.2) -> 17.0 (35.5) MB, 6.44 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ',
      { kind: 'Scavenge', atMs: 1064, pauseMs: 6.44, incrementalMs: 0, heapAfterMb: 17 },
    ],
    [
      'a mark-compact with its incremental steps',
      '[10104:0x20382790]    22003 ms: Mark-Compact 55.9 (113.9) -> 43.4 (183.9) MB, 145.77 / 0.02 ms  (+ 225.3 ms in 20 steps since start of marking, biggest step 85.0 ms, walltime since start of marking 464 ms) (average mu = 0.969, current mu = 0.945) finalize incremental marking via task; GC in old space requested',
      { kind: 'Mark-Compact', atMs: 22003, pauseMs: 145.77, incrementalMs: 225.3, heapAfterMb: 43.4 },
    ],
    [
      'a mark-compact of a shrinking heap ("reduce")',
      '[1:0x1]  5000 ms: Mark-Compact (reduce) 900.1 (950.0) -> 800.0 (940.0) MB, 80.50 / 0.00 ms  (average mu = 0.9) memory reducer',
      { kind: 'Mark-Compact', atMs: 5000, pauseMs: 80.5, incrementalMs: 0, heapAfterMb: 800 },
    ],
    [
      'pooled pages printed before the pause',
      '[1:0x1]  77 ms: Scavenge 3.1 (4.0) -> 2.9 (5.0) MB, pooled: 0.0 MB, 1.25 / 0.00 ms  (average mu = 1.0) allocation failure;',
      { kind: 'Scavenge', atMs: 77, pauseMs: 1.25, incrementalMs: 0, heapAfterMb: 2.9 },
    ],
    ['a log line of the master', '2026-12-06T22:34:10.767Z INFO master master started address=127.0.0.1:41057 process_uptime_ms=1220', undefined],
    ['an empty line', '', undefined],
  ])('%s', (_why, line, expected) => {
    expect(parseTraceGcLine(line)).toEqual(expected);
  });

  const ev = (kind: GcEvent['kind'], atMs: number, pauseMs: number, incrementalMs = 0): GcEvent => ({ kind, atMs, pauseMs, incrementalMs, heapAfterMb: 1 });
  const events = [ev('Scavenge', 10, 4), ev('Scavenge', 20, 120), ev('Scavenge', 30, 60), ev('Scavenge', 40, 10), ev('Mark-Compact', 35, 90, 25)];

  it.each([
    ['the whole life', 0, Infinity, { Scavenge: { count: 4, pauseMs: 194, medianPauseMs: 35, maxPauseMs: 120, over50: 2, over100: 1, incrementalMs: 0 }, 'Mark-Compact': { count: 1, pauseMs: 90, medianPauseMs: 90, maxPauseMs: 90, over50: 1, over100: 0, incrementalMs: 25 } }],
    ['a window takes its start and leaves its end out', 20, 35, { Scavenge: { count: 2, pauseMs: 180, medianPauseMs: 90, maxPauseMs: 120, over50: 2, over100: 1, incrementalMs: 0 } }],
    ['an empty window', 100, 200, {}],
  ])('sums per kind over %s', (_why, from, to, expected) => {
    expect(Object.fromEntries(summarizeGc(events, from, to))).toEqual(expected);
  });

  it('finds a mixed run\'s phases on the isolate\'s clock from the master\'s log', () => {
    const log = [
      '2026-12-06T22:34:10.767Z INFO master master started address=127.0.0.1:41057 hostname=vm port_bound_early=true process_uptime_ms=1220',
      '[10104:0x1]  2000 ms: Scavenge 1.0 (2.0) -> 1.0 (2.0) MB, 1.00 / 0.00 ms  allocation failure;',
      '2026-12-06T22:35:41.215Z INFO master framework subscribed framework=f name=scale-bench-launcher roles=*',
      '2026-12-06T22:36:23.314Z INFO master framework disconnected framework=f failover_timeout=0',
    ].join('\n');
    expect(mixedPhaseWindows(log)).toEqual({ cold: [0, 91668], mixed: [91668, 133767] });
  });

  it.each([
    ['no start line', '2026-12-06T22:35:41.215Z INFO master framework subscribed\n2026-12-06T22:36:23.314Z INFO master framework disconnected'],
    ['no launcher', '2026-12-06T22:34:10.767Z INFO master master started process_uptime_ms=1220'],
  ])('finds no phases with %s', (_why, log) => {
    expect(mixedPhaseWindows(log)).toBeUndefined();
  });
});
