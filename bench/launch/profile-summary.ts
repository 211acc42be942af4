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
 *   node dist/bench/launch/profile-summary.js PROFILE.cpuprofile WINDOWS.json [--cluster plain] [--mode small] [--top 25]
 */
import * as fs from 'node:fs';
import { readProfile, tallyInWindows, topEntries, type TimeWindow } from '../support/cpu-profile';

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

function main(): void {
  const [profileFile, windowsFile] = process.argv.slice(2);
  if (!profileFile || !windowsFile) throw new Error('usage: profile-summary PROFILE.cpuprofile WINDOWS.json [--cluster plain] [--mode small] [--top 25]');
  const profile = readProfile(profileFile);
  const cluster = option('cluster', 'plain');
  const mode = option('mode', 'small');
  const top = Number(option('top', '25'));
  const windows = (JSON.parse(fs.readFileSync(windowsFile, 'utf8')) as { windows: Window[] }).windows.filter((w) => w.cluster === cluster && w.mode === mode && w.round >= 0);
  if (windows.length === 0) throw new Error(`no ${cluster}/${mode} rounds in ${windowsFile}`);
  const outside = windows.filter((w) => w.endMicros < profile.startTime || w.startMicros > profile.endTime);
  if (outside.length === windows.length) throw new Error(`no round falls inside the profile (${profile.startTime}–${profile.endTime} µs): another master's profile?`);
  const tally = tallyInWindows(profile, windows);
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
