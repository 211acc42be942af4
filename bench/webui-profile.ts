/**
 * Where the master's time went while the web UI bench's pages loaded: reads
 * a V8 CPU profile of the master (`--master-node-args '--cpu-prof
 * --cpu-prof-dir=DIR'`) and the bench's `--windows-file`, keeps the samples
 * inside the page loads (both on the monotonic clock, µs) and prints the
 * functions with the most self and inclusive time, and the longest runs of
 * samples without idle between them (the master's longest busy stretches).
 * The profiler samples wall time: on a loaded machine its ms include time
 * the master waited for a core, so read the shares.
 *
 *   node dist/bench/webui-profile.js PROFILE.cpuprofile WINDOWS.json [--agents 50000] [--top 25]
 */
import * as fs from 'node:fs';
import { readProfile, tallyInWindows, topEntries, type TimeWindow } from './support/cpu-profile';

/** A page load the bench recorded. */
interface Window extends TimeWindow {
  agents: number;
  round: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const [profileFile, windowsFile] = process.argv.slice(2);
if (!profileFile || !windowsFile) {
  console.error('usage: node dist/bench/webui-profile.js PROFILE.cpuprofile WINDOWS.json [--agents N] [--top 25]');
  process.exit(2);
}
const agents = option('agents', '');
const windows = (JSON.parse(fs.readFileSync(windowsFile, 'utf8')) as Window[]).filter((w) => !agents || String(w.agents) === agents);
const top = Number(option('top', '25'));
const tally = tallyInWindows(readProfile(profileFile), windows);
const ms = (us: number): string => (us / 1000).toFixed(0);
const rounds = windows.length;
console.log(`${rounds} page loads${agents ? ` at ${agents} agents` : ''}: ${ms(tally.sampledMicros)} ms of profile inside them, ${ms(tally.idleMicros)} ms idle, ${ms(tally.gcMicros)} ms GC`);
console.log(`longest busy stretches (no idle sample between): ${tally.busyRuns.slice(0, 8).map((b) => `${ms(b.micros)} ms (round ${b.window.round})`).join(', ')}`);
const print = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title} (ms per page load, share of busy time)`);
  const busy = tally.sampledMicros - tally.idleMicros;
  for (const [l, v] of topEntries(m, top)) console.log(`  ${(v / 1000 / rounds).toFixed(1).padStart(8)}  ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${l}`);
};
print('self time', tally.self);
print('inclusive time', tally.inclusive);
