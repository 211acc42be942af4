/**
 * The master's memory per task (issue 11), in one process: a real `Master`
 * (its agent lifecycle, task book, allocator, discovery) takes `--agents`
 * registrations of `--tasks` running tasks each, every one encoded as the
 * wire carries it and decoded with the same codec the master's transports
 * use (`pb.AgentToMaster.decode` of a Buffer), as agents re-registering with
 * a restarted master (the scale harness's cold start). The heap and RSS are
 * read after a forced full GC before and after; bytes per task is the heap
 * growth over the tasks held. `--empty` registers the same agents without
 * tasks (what the agents alone cost; subtract it for the tasks' share).
 * `--discovery` reads the master's discovery feed before the agents come
 * (as a watcher, the DNS server or ZooKeeper publishing does; every master
 * before da53aa8 built it at start), so each running task is also an
 * endpoint in its index; without it the feed is never built, as in a
 * master nobody asks for endpoints. `--discovery-late` reads it first after
 * the agents registered and prints how long that first read took (one
 * synchronous build of the index over every running task).
 *
 * What is real: the master's code from the link's `onMessage` inward, and
 * V8's heap. What is simulated: the agents (no sockets; each link's sink
 * drops what the master sends) and the clock (a manual one, no timers run).
 * Each task's status carries a 16-byte uuid, as a real agent's report does
 * (the scale harness's simulated agents send none).
 *
 *   npm run build && node --expose-gc dist/bench/master-task-memory.bench.js [--agents 10000] [--tasks 10] [--frameworks 10] [--empty] [--discovery | --discovery-late] [--snapshot FILE]
 */
import { writeHeapSnapshot } from 'node:v8';
import { DiscoveryFeed } from '../master/discovery/discovery-feed';
import { pb, type AgentToMaster } from '@meseta/proto/wire';
import { arg } from './support/bench-args';
import { oneProcessMaster, reregisterBytes } from './support/one-process-master';

const agentsN = arg('agents', 10000);
const tasksN = process.argv.includes('--empty') ? 0 : arg('tasks', 10);
const frameworksN = arg('frameworks', 10);
const withDiscovery = process.argv.includes('--discovery');
const discoveryLate = process.argv.includes('--discovery-late');
const snapshotAt = (() => {
  const i = process.argv.indexOf('--snapshot');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('run with node --expose-gc\n');
  process.exit(2);
}

function heap(): { heap: number; rss: number; external: number } {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}

async function main(): Promise<void> {
  const master = oneProcessMaster();
  const sink = { send(): void {}, close(): void {} };
  const feed = withDiscovery ? new DiscoveryFeed(master) : undefined;
  if (feed) void feed.index;
  const before = heap();
  const t0 = process.cpuUsage();
  for (let a = 0; a < agentsN; a++) {
    const link = master.agentLinkOpened(sink);
    await link.onMessage(pb.AgentToMaster.decode(reregisterBytes(a, tasksN, frameworksN)) as AgentToMaster);
  }
  feed?.flush();
  let lateRead = '';
  if (discoveryLate) {
    const late = new DiscoveryFeed(master);
    const t = process.hrtime.bigint();
    const endpoints = late.index.size;
    lateRead = `discovery feed read first after registering: ${endpoints} endpoints built in ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms (one turn of the event loop)\n`;
    late.stop();
  }
  const cpu = process.cpuUsage(t0);
  const after = heap();
  let held = 0;
  for (const agent of master.agents.values()) held += agent.tasks.size;
  if (master.agents.size !== agentsN || held !== agentsN * tasksN) throw new Error(`expected ${agentsN} agents and ${agentsN * tasksN} tasks, master holds ${master.agents.size} and ${held}`);
  if (snapshotAt) writeHeapSnapshot(snapshotAt);
  const mb = (n: number) => (n / 1048576).toFixed(1);
  const per = (n: number) => (held > 0 ? (n / held).toFixed(0) : '—');
  process.stdout.write(
    `agents ${agentsN}, tasks ${held} (${tasksN} each), frameworks ${frameworksN}, discovery feed ${feed ? `read first (${feed.index.size} endpoints)` : 'never read'}\n` +
    `heap: ${mb(before.heap)} -> ${mb(after.heap)} MB (+${mb(after.heap - before.heap)} MB; ${per(after.heap - before.heap)} B per task incl. its agent's share; ${((after.heap - before.heap) / agentsN).toFixed(0)} B per agent)\n` +
    `external+arrayBuffers: ${mb(before.external)} -> ${mb(after.external)} MB (${per(after.external - before.external)} B per task)\n` +
    `rss: ${mb(before.rss)} -> ${mb(after.rss)} MB\n` +
    `cpu (user+system) registering: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms\n` + lateRead,
  );
  feed?.stop();
  master.stop();
}

void main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
