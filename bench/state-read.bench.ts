/**
 * `GET /state`'s writer alone, in one process (issue 11): a real `Master`
 * takes `--agents` re-registrations of `--tasks` running tasks each (decoded
 * from the bytes a swarm agent sends, as master-task-memory.bench.ts does),
 * then `writeStateJson` writes the whole document `--rounds` times to a sink
 * that only counts bytes; each read's wall time and this process's CPU are
 * printed, and the median. What is real: the master's records and the
 * /state writer (slices, yields, byte chunks). Simulated: agents (no
 * sockets), the clock, the response (no socket; never full).
 *
 *   npx tsc -b && node dist/bench/state-read.bench.js [--agents 20000] [--tasks 10] [--frameworks 10] [--rounds 5]
 */
import { writeStateJson, type TextSink } from '../master/state-stream';
import { arg, median } from './support/bench-args';
import { oneProcessMaster, reregisterAgents } from './support/one-process-master';

const agentsN = arg('agents', 20000);
const tasksN = arg('tasks', 10);
const frameworksN = arg('frameworks', 10);
const rounds = arg('rounds', 5);

/** A response that is never full and only counts what it was given. */
class CountingSink implements TextSink {
  bytes = 0;
  write(chunk: string | Uint8Array): boolean {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return true;
  }
  once(): this {
    return this;
  }
}

async function main(): Promise<void> {
  const master = oneProcessMaster();
  await reregisterAgents(master, agentsN, tasksN, frameworksN);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const sink = new CountingSink();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await writeStateJson(master, sink);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    walls.push(wall);
    cpus.push((c.user + c.system) / 1000);
    process.stdout.write(`read ${r + 1}: ${wall.toFixed(0)} ms wall, ${cpus[r].toFixed(0)} ms cpu, ${(sink.bytes / 1048576).toFixed(1)} MB\n`);
  }
  process.stdout.write(`agents ${agentsN} x ${tasksN} tasks: median ${median(walls).toFixed(0)} ms wall, ${median(cpus).toFixed(0)} ms cpu per read\n`);
  master.stop();
}

void main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
