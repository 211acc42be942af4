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
import { Master } from '../master/master';
import { HierarchicalAllocator } from '../master/allocator/hierarchical-allocator';
import { writeStateJson, type TextSink } from '../master/state-stream';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { silentLogger } from '@meseta/runtime/log';
import { parseResources } from '@meseta/proto/resource-text';
import { newUpdateUuid } from '@meseta/proto/ids';
import { Source, TaskState, pb, type AgentToMaster, type Task } from '@meseta/proto/wire';
import { arg } from './support/bench-args';

const agentsN = arg('agents', 20000);
const tasksN = arg('tasks', 10);
const frameworksN = arg('frameworks', 10);
const rounds = arg('rounds', 5);

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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
  const link = { send(): void {}, close(): void {} };
  for (let a = 0; a < agentsN; a++) await master.agentLinkOpened(link).onMessage(pb.AgentToMaster.decode(registerBytes(a)) as AgentToMaster);
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
