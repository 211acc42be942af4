/**
 * Where the master's time went during the launch bench's rounds: reads a
 * V8 CPU profile of the master (`--master-node-args '--cpu-prof
 * --cpu-prof-dir=DIR'`) and the bench's `--windows-file`, keeps the samples
 * taken inside the rounds (both on the monotonic clock, in µs), and prints
 * the functions with the most self and inclusive time, per task launched
 * (warm-up rounds left out). The profiler samples wall time, so on a loaded
 * machine its µs include time the master waited for a core: read the shares,
 * and the bench's /proc CPU time per task for the absolute cost.
 *
 * Several profiles, comma-separated, are summed: the framework processes
 * of one cluster (`--framework-node-args '--cpu-prof --cpu-prof-dir=DIR'`;
 * the windows file names their pids under `frameworkProcs`), whose rounds'
 * tasks are the sum of theirs.
 *
 *   node dist/bench/launch/profile-summary.js PROFILE.cpuprofile[,PROFILE2...] WINDOWS.json [--cluster plain] [--mode small] [--top 25]
 */
import * as fs from 'node:fs';
import { readProfile, tallyInWindows, topEntries, type TimeWindow, type WindowedTally } from '../support/cpu-profile';

/** A round the bench recorded. */
interface Window extends TimeWindow {
  cluster: string;
  mode: string;
  round: number;
  tasks: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function addMaps(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** Two processes' tallies as one (busy runs left out). */
function addTally<W>(a: WindowedTally<W>, b: WindowedTally<W>): WindowedTally<W> {
  return {
    self: addMaps(a.self, b.self),
    inclusive: addMaps(a.inclusive, b.inclusive),
    sampledMicros: a.sampledMicros + b.sampledMicros,
    idleMicros: a.idleMicros + b.idleMicros,
    gcMicros: a.gcMicros + b.gcMicros,
    busyRuns: [],
  };
}

function main(): void {
  const [profileFiles, windowsFile] = process.argv.slice(2);
  if (!profileFiles || !windowsFile) throw new Error('usage: profile-summary PROFILE.cpuprofile[,PROFILE2...] WINDOWS.json [--cluster plain] [--mode small] [--top 25]');
  const cluster = option('cluster', 'plain');
  const mode = option('mode', 'small');
  const top = Number(option('top', '25'));
  const windows = (JSON.parse(fs.readFileSync(windowsFile, 'utf8')) as { windows: Window[] }).windows.filter((w) => w.cluster === cluster && w.mode === mode && w.round >= 0);
  if (windows.length === 0) throw new Error(`no ${cluster}/${mode} rounds in ${windowsFile}`);
  const tallies = profileFiles.split(',').map((file) => {
    const profile = readProfile(file);
    const outside = windows.filter((w) => w.endMicros < profile.startTime || w.startMicros > profile.endTime);
    if (outside.length === windows.length) throw new Error(`no round falls inside ${file} (${profile.startTime}–${profile.endTime} µs): another process's profile?`);
    return tallyInWindows(profile, windows);
  });
  const tally = tallies.reduce(addTally);
  const tasks = windows.reduce((a, w) => a + w.tasks, 0);
  const wall = windows.reduce((a, w) => a + (w.endMicros - w.startMicros), 0);
  const { sampledMicros: total, idleMicros: idle } = tally;
  console.log(`${cluster}/${mode}: ${windows.length} rounds, ${tasks} tasks, ${(wall / 1000).toFixed(0)} ms in rounds, ${(total / 1000).toFixed(0)} ms sampled, idle ${((idle / Math.max(1, total)) * 100).toFixed(0)} %, busy ${((total - idle) / tasks).toFixed(1)} µs/task`);
  const print = (title: string, m: Map<string, number>): void => {
    console.log(`\n${title}`);
    console.log('| µs/task | share of busy | function |');
    console.log('|---|---|---|');
    for (const [name, us] of topEntries(m, top)) console.log(`| ${(us / tasks).toFixed(1)} | ${((us / Math.max(1, total - idle)) * 100).toFixed(1)} % | ${name} |`);
  };
  print('self time', tally.self);
  print('inclusive time', tally.inclusive);
}

main();
