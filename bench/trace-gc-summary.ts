/**
 * Garbage collection in a master's log (issue 11): the `--trace-gc` lines a
 * master started with `--master-node-args '--trace-gc'` wrote, summed per
 * kind for its whole life and, for a `--mixed` scale run, for the cold
 * start and the mixed phase (windows from the master's own log lines;
 * bench/scale/trace-gc.ts). Pauses are the main thread's.
 *
 *   node dist/bench/trace-gc-summary.js MASTER_LOG [--from-ms N --to-ms M]
 */
import * as fs from 'node:fs';
import { mixedPhaseWindows, parseTraceGcLine, summarizeGc, type GcEvent } from './scale/trace-gc';

const file = process.argv[2];
if (!file || file.startsWith('--')) {
  process.stderr.write('usage: node dist/bench/trace-gc-summary.js MASTER_LOG [--from-ms N --to-ms M]\n');
  process.exit(2);
}
const flag = (name: string): number | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};
const text = fs.readFileSync(file, 'utf8');
const events = text.split('\n').map(parseTraceGcLine).filter((e): e is GcEvent => e !== undefined);

function print(title: string, from: number, to: number): void {
  console.log(`${title} (${from === 0 ? 'start' : `${(from / 1000).toFixed(1)} s`} → ${to === Infinity ? 'end' : `${(to / 1000).toFixed(1)} s`})`);
  const sums = summarizeGc(events, from, to);
  if (sums.size === 0) console.log('  no collections');
  for (const [kind, s] of sums) {
    console.log(`  ${kind}: ${s.count}, pauses ${s.pauseMs.toFixed(0)} ms in all (median ${s.medianPauseMs.toFixed(1)}, max ${s.maxPauseMs.toFixed(1)} ms; over 50 ms ${s.over50}, over 100 ms ${s.over100})${s.incrementalMs > 0 ? `, incremental marking steps ${s.incrementalMs.toFixed(0)} ms` : ''}`);
  }
}

const from = flag('from-ms');
const to = flag('to-ms');
if (from !== undefined || to !== undefined) {
  print('window', from ?? 0, to ?? Infinity);
} else {
  print('whole run', 0, Infinity);
  const phases = mixedPhaseWindows(text);
  if (phases) {
    print('cold start (to the launcher\'s subscription)', ...phases.cold);
    print('mixed phase (launcher subscribed → disconnected)', ...phases.mixed);
  }
}
