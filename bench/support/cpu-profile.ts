/**
 * Reading a V8 CPU profile of the master (`--master-node-args '--cpu-prof
 * --cpu-prof-dir=DIR'`) for the time windows a bench recorded (rounds, page
 * loads; both on the monotonic clock, in µs): the self and inclusive time
 * of each function inside them, idle and GC time, and the longest runs of
 * samples with no idle between them. The profiler samples wall time: on a
 * loaded machine its figures include time the master waited for a core, so
 * read the shares.
 */
import * as fs from 'node:fs';

/** One node of the profile's call tree. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** What `--cpu-prof` writes. */
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A span a bench recorded, in µs of the monotonic clock. */
export interface TimeWindow {
  startMicros: number;
  endMicros: number;
}

/** Read a `.cpuprofile` file. */
export function readProfile(file: string): Profile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
}

/** A function's name and where it is, short enough for a table. */
export function profileLabel(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules)\//, '$1/');
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/** A busy stretch: samples with no idle one between them, inside one window. */
export interface BusyRun<W> {
  window: W;
  startMicros: number;
  micros: number;
}

/** The profile's time inside the windows, in µs. */
export interface WindowedTally<W> {
  /** Self time by function label (idle, program and GC included under their own labels). */
  self: Map<string, number>;
  /** Inclusive time by function label (each label counted once per sample; the root and idle left out). */
  inclusive: Map<string, number>;
  sampledMicros: number;
  idleMicros: number;
  gcMicros: number;
  /** Longest first. */
  busyRuns: Array<BusyRun<W>>;
}

const NOT_A_CALLER = new Set(['(root)', '(idle)', '(program)', '(garbage collector)']);

/** Tally the samples that fall inside `windows`. */
export function tallyInWindows<W extends TimeWindow>(profile: Profile, windows: readonly W[]): WindowedTally<W> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const tally: WindowedTally<W> = { self: new Map(), inclusive: new Map(), sampledMicros: 0, idleMicros: 0, gcMicros: 0, busyRuns: [] };
  let run: BusyRun<W> | undefined;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const window = windows.find((w) => t >= w.startMicros && t <= w.endMicros);
    if (!window) {
      run = undefined;
      continue;
    }
    const weight = profile.timeDeltas[i + 1] ?? 0;
    const leaf = byId.get(profile.samples[i])!;
    const name = leaf.callFrame.functionName;
    tally.sampledMicros += weight;
    tally.self.set(profileLabel(leaf), (tally.self.get(profileLabel(leaf)) ?? 0) + weight);
    if (name === '(idle)') {
      tally.idleMicros += weight;
      run = undefined;
      continue;
    }
    if (name === '(garbage collector)') tally.gcMicros += weight;
    if (!run || run.window !== window) tally.busyRuns.push((run = { window, startMicros: t, micros: 0 }));
    run.micros += weight;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      const label = profileLabel(node);
      if (seen.has(label) || NOT_A_CALLER.has(node.callFrame.functionName)) continue;
      seen.add(label);
      tally.inclusive.set(label, (tally.inclusive.get(label) ?? 0) + weight);
    }
  }
  tally.busyRuns.sort((a, b) => b.micros - a.micros);
  return tally;
}

/** The `top` entries of a tally map, largest first, without idle and root. */
export function topEntries(m: Map<string, number>, top: number): Array<[string, number]> {
  return [...m.entries()].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, top);
}
