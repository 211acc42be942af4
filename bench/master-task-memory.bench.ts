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
import { Master } from '../master/master';
import { DiscoveryFeed } from '../master/discovery/discovery-feed';
import { HierarchicalAllocator } from '../master/allocator/hierarchical-allocator';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { silentLogger } from '@meseta/runtime/log';
import { parseResources } from '@meseta/proto/resource-text';
import { newUpdateUuid } from '@meseta/proto/ids';
import { Source, TaskState, pb, type AgentToMaster, type Task } from '@meseta/proto/wire';
import { arg } from './support/bench-args';

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

function frameworkId(i: number): string {
  return `7d0c5e1a-2b3f-4c6d-8e9f-${String(i).padStart(12, '0')}-0000`;
}

/** The bytes agent `index` sends: a re-registration with its id and its running tasks. */
function registerBytes(index: number): Buffer {
  const fid = frameworkId(index % frameworksN);
  const now = Date.now() / 1000;
  const tasks: Task[] = [];
  for (let k = 0; k < tasksN; k++) {
    const taskId = { value: `scale-${index}-${k}` };
    tasks.push({
      name: `scale-job-${k}`, task_id: taskId, framework_id: { value: fid }, state: TaskState.TASK_RUNNING,
      resources: parseResources('cpus:0.1;mem:32'),
      statuses: [{ task_id: taskId, state: TaskState.TASK_RUNNING, source: Source.SOURCE_EXECUTOR, timestamp: now, uuid: newUpdateUuid() }],
    });
  }
  const msg: AgentToMaster = {
    register: {
      agent_info: { id: { value: `3f2a1c9e-5b7d-4e8f-9a0b-${String(index).padStart(12, '0')}-S0` }, hostname: `scale-agent-${index}`, port: 5051, resources: parseResources('cpus:8;mem:32768') },
      tasks,
      frameworks: tasks.length > 0 ? [{ id: { value: fid }, name: 'scale-bench', user: 'bench', roles: ['*'] }] : [],
      version: 'simulated-scale',
    },
  };
  return Buffer.from(pb.AgentToMaster.encode(msg).finish());
}

function heap(): { heap: number; rss: number; external: number } {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}

async function main(): Promise<void> {
  const clock = new ManualClock();
  const allocator = new HierarchicalAllocator({ clock: () => nowSeconds(clock) });
  const master = new Master(
    { id: 'm1', hostname: '127.0.0.1', port: 5050 },
    {
      offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 15, maxAgentPingTimeouts: 5, agentRemovalTimeoutSeconds: 600,
      frameworkHeartbeatSeconds: 15, allocationIntervalSeconds: 1, agentReregisterTimeoutSeconds: 600,
      maxCompletedTasksPerFramework: 100, maxStatusesPerTask: 20,
    },
    allocator, clock, silentLogger,
  );
  const sink = { send(): void {}, close(): void {} };
  const feed = withDiscovery ? new DiscoveryFeed(master) : undefined;
  if (feed) void feed.index;
  const before = heap();
  const t0 = process.cpuUsage();
  for (let a = 0; a < agentsN; a++) {
    const link = master.agentLinkOpened(sink);
    await link.onMessage(pb.AgentToMaster.decode(registerBytes(a)) as AgentToMaster);
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
