/**
 * Node's `--trace-gc` lines, as a master started with
 * `--master-node-args '--trace-gc'` writes them into its log, read back:
 * one event per collection (its kind, when, its pause on the main thread,
 * incremental marking steps before a mark-compact) and sums per kind over a
 * window of the process's life. Pure: the caller reads the log.
 *
 * A line looks like (V8 11, Node 20):
 * `[pid:0x...]   22003 ms: Mark-Compact 55.9 (113.9) -> 43.4 (183.9) MB, 145.77 / 0.02 ms  (+ 225.3 ms in 20 steps since start of marking, ...) ...`
 * `[pid:0x...]    1064 ms: Scavenge 21.9 (33.2) -> 17.0 (35.5) MB, 6.44 / 0.00 ms  (average mu = ...) allocation failure;`
 * The time is ms since the isolate started (≈ process uptime); the first of
 * the two pause figures is the main thread's pause.
 */

/** The collector kinds told apart. */
export type GcKind = 'Scavenge' | 'Mark-Compact' | 'Minor Mark-Compact';

/** One collection. */
export interface GcEvent {
  kind: GcKind;
  /** ms since the isolate started. */
  atMs: number;
  /** The main thread's pause (ms). */
  pauseMs: number;
  /** Incremental marking steps on the main thread before this mark-compact (ms; 0 when none are printed). */
  incrementalMs: number;
  /** The heap's used size after it (MB). */
  heapAfterMb: number;
}

/** Sums for one kind over a window. */
export interface GcSummary {
  count: number;
  pauseMs: number;
  medianPauseMs: number;
  maxPauseMs: number;
  /** Collections whose pause was over 50 ms, and over 100 ms. */
  over50: number;
  over100: number;
  incrementalMs: number;
}

const LINE = /\]\s+(\d+(?:\.\d+)?) ms: (Scavenge|Minor Mark-Compact|Mark-Compact)(?: \([a-z ]+\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms(?:\s+\(\+ ([\d.]+) ms in \d+ steps)?/;

/** The collection a `--trace-gc` line reports, or undefined for any other line. */
export function parseTraceGcLine(line: string): GcEvent | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  return { kind: m[2] as GcKind, atMs: Number(m[1]), heapAfterMb: Number(m[3]), pauseMs: Number(m[4]), incrementalMs: m[5] === undefined ? 0 : Number(m[5]) };
}

/** Sums per kind of the events with `fromMs <= atMs < toMs` (kinds with none are left out). */
export function summarizeGc(events: readonly GcEvent[], fromMs = 0, toMs = Infinity): Map<GcKind, GcSummary> {
  const byKind = new Map<GcKind, GcEvent[]>();
  for (const e of events) {
    if (e.atMs < fromMs || e.atMs >= toMs) continue;
    const list = byKind.get(e.kind) ?? [];
    list.push(e);
    byKind.set(e.kind, list);
  }
  const out = new Map<GcKind, GcSummary>();
  for (const [kind, list] of byKind) {
    const pauses = list.map((e) => e.pauseMs).sort((a, b) => a - b);
    const mid = pauses.length / 2;
    out.set(kind, {
      count: list.length,
      pauseMs: pauses.reduce((s, p) => s + p, 0),
      medianPauseMs: pauses.length % 2 ? pauses[Math.floor(mid)] : (pauses[mid - 1] + pauses[mid]) / 2,
      maxPauseMs: pauses[pauses.length - 1],
      over50: pauses.filter((p) => p > 50).length,
      over100: pauses.filter((p) => p > 100).length,
      incrementalMs: list.reduce((s, e) => s + e.incrementalMs, 0),
    });
  }
  return out;
}

/** A master log's phases of a `--mixed` scale run, in ms since the isolate started (as `--trace-gc` counts). */
export interface MixedPhaseWindows {
  /** From the start to the launcher's subscription: the cold start and its `/state` reads. */
  cold: [number, number];
  /** From the launcher's `framework subscribed` to its `framework disconnected`. */
  mixed: [number, number];
}

/**
 * The phases of a `--mixed` run from the master's log lines: its `master
 * started ... process_uptime_ms=N` line ties the log's clock to the
 * isolate's; undefined when a line is missing.
 */
export function mixedPhaseWindows(log: string): MixedPhaseWindows | undefined {
  const started = /^(\S+) .*\bmaster started\b.*\bprocess_uptime_ms=(\d+)/m.exec(log);
  const subscribed = /^(\S+) .*\bframework subscribed\b/m.exec(log);
  const disconnected = /^(\S+) .*\bframework disconnected\b/m.exec(log);
  if (!started || !subscribed || !disconnected) return undefined;
  const zero = Date.parse(started[1]) - Number(started[2]);
  const at = (iso: string): number => Date.parse(iso) - zero;
  if ([zero, at(subscribed[1]), at(disconnected[1])].some(Number.isNaN)) return undefined;
  return { cold: [0, at(subscribed[1])], mixed: [at(subscribed[1]), at(disconnected[1])] };
}
