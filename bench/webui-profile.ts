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

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface Window {
  agents: number;
  round: number;
  startMicros: number;
  endMicros: number;
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
const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as Profile;
const agents = option('agents', '');
const windows = (JSON.parse(fs.readFileSync(windowsFile, 'utf8')) as Window[]).filter((w) => !agents || String(w.agents) === agents);
const top = Number(option('top', '25'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode): string => {
  const file = n.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
};
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let inside = 0;
let idle = 0;
let gc = 0;
const busyRuns: Array<{ startMicros: number; ms: number; round: number }> = [];
let run: { startMicros: number; ms: number; round: number } | undefined;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const w = windows.find((x) => t >= x.startMicros && t <= x.endMicros);
  if (!w) {
    run = undefined;
    continue;
  }
  const node = byId.get(profile.samples[i])!;
  inside += dt;
  const name = node.callFrame.functionName;
  if (name === '(idle)') {
    idle += dt;
    run = undefined;
    continue;
  }
  if (name === '(garbage collector)') gc += dt;
  if (!run || run.round !== w.round) busyRuns.push((run = { startMicros: t, ms: 0, round: w.round }));
  run.ms += dt;
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const l = label(byId.get(id)!);
    if (seen.has(l) || IDLE.has(byId.get(id)!.callFrame.functionName) || byId.get(id)!.callFrame.functionName === '(root)') continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
  }
}
const rounds = windows.length;
console.log(`${rounds} page loads${agents ? ` at ${agents} agents` : ''}: ${inside.toFixed(0)} ms of profile inside them, ${idle.toFixed(0)} ms idle, ${gc.toFixed(0)} ms GC`);
const busy = busyRuns.sort((a, b) => b.ms - a.ms).slice(0, 8);
console.log(`longest busy stretches (no idle sample between): ${busy.map((b) => `${b.ms.toFixed(0)} ms (round ${b.round})`).join(', ')}`);
const print = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title} (ms per page load, share of busy time)`);
  const busyMs = inside - idle;
  for (const [l, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${(v / rounds).toFixed(1).padStart(8)}  ${((100 * v) / busyMs).toFixed(1).padStart(5)} %  ${l}`);
};
print('self time', self);
print('inclusive time', inclusive);
