/**
 * The master's CPU per agent re-registering after a failover (issue 11), in
 * one process: a real `Master` recovers `--agents` agents from a registry
 * state built as the file registry loads it (`AgentInfo.fromObject` of its
 * JSON form), its UI event stream subscribed as in `meseta master`, then
 * each agent re-registers with its id and `--tasks` running tasks, the
 * bytes decoded with the codec the master's transports use
 * (`pb.AgentToMaster.decode`), as the scale harness's simulated agents send
 * them (same info, same tasks, statuses without uuid). A logger formats
 * every line into a sink that drops it.
 *
 * What is real: the master's code from the link's `onMessage` inward,
 * decoding included. What is simulated: the agents (no sockets; each link's
 * sink drops what the master sends), the clock (a manual one: no timer
 * runs, so no allocation pass or ping), and the log's destination. Not
 * counted: accepting connections, framing and socket writes (the scale
 * bench's end-to-end figure holds them).
 *
 *   npm run build && node dist/bench/reregistration-cpu.bench.js [--agents 20000] [--tasks 10] [--rounds 5]
 */
import { Master } from '../master/master';
import { UiEventStream } from '../master/http-events';
import { HierarchicalAllocator } from '../master/allocator/hierarchical-allocator';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { createLogger } from '@meseta/runtime/log';
import { parseResources } from '@meseta/proto/resource-text';
import { Source, TaskState, pb, type AgentInfo, type AgentToMaster, type Task } from '@meseta/proto/wire';
import { emptyRegistry } from '../master/registry/registry-state';
import { arg, median } from './support/bench-args';

const agentsN = arg('agents', 20000);
const tasksN = arg('tasks', 10);
const rounds = arg('rounds', 5);
const FRAMEWORK_ID = 'scale-bench-framework';
const RESOURCES = parseResources('cpus:16;mem:65536;disk:500000;ports:[31000-32000]');

const agentId = (i: number): string => `3f2a1c9e-5b7d-4e8f-9a0b-${String(i).padStart(12, '0')}-S0`;
const infoOf = (i: number, withId: boolean): AgentInfo => ({ ...(withId ? { id: { value: agentId(i) } } : {}), hostname: `scale-agent-${i}`, port: 5051, resources: RESOURCES });

/** The bytes agent `index` sends after a failover: a re-registration with its id and its running tasks. */
function registerBytes(index: number): Buffer {
  const now = Date.now() / 1000;
  const tasks: Task[] = [];
  for (let k = 0; k < tasksN; k++) {
    const taskId = { value: `scale-${index}-${k}` };
    tasks.push({
      name: `scale-job-${k}`, task_id: taskId, framework_id: { value: FRAMEWORK_ID }, state: TaskState.TASK_RUNNING,
      resources: parseResources('cpus:0.1;mem:32'),
      statuses: [{ task_id: taskId, state: TaskState.TASK_RUNNING, source: Source.SOURCE_EXECUTOR, timestamp: now }],
    });
  }
  const msg: AgentToMaster = {
    register: {
      agent_info: infoOf(index, true), tasks,
      frameworks: tasks.length > 0 ? [{ id: { value: FRAMEWORK_ID }, name: 'scale-bench', user: 'bench', roles: ['*'] }] : [],
      version: 'simulated-scale',
    },
  };
  return Buffer.from(pb.AgentToMaster.encode(msg).finish());
}

/** One round: a new master recovers every agent, then each re-registers. Returns the CPU ms of the re-registrations. */
async function round(bytes: Buffer[]): Promise<number> {
  const clock = new ManualClock();
  const allocator = new HierarchicalAllocator({ clock: () => nowSeconds(clock) });
  let logged = 0;
  const log = createLogger('master', 'info', (line) => {
    logged += line.length;
  });
  const master = new Master(
    { id: 'm1', hostname: '127.0.0.1', port: 5050 },
    {
      offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 15, maxAgentPingTimeouts: 5, agentRemovalTimeoutSeconds: 600,
      frameworkHeartbeatSeconds: 15, allocationIntervalSeconds: 1, agentReregisterTimeoutSeconds: 600,
      maxCompletedTasksPerFramework: 100, maxStatusesPerTask: 20,
    },
    allocator, clock, log,
  );
  const registry = emptyRegistry();
  const since = nowSeconds(clock);
  for (let i = 0; i < agentsN; i++) {
    // As the file registry holds it: JSON, read back with fromObject.
    const json = pb.AgentInfo.toObject(pb.AgentInfo.fromObject(infoOf(i, true) as Record<string, unknown>), { longs: String, enums: String, bytes: String });
    registry.agents.set(agentId(i), { id: agentId(i), status: 'ADMITTED', since, info: pb.AgentInfo.fromObject(json) });
  }
  master.recover(registry);
  const ui = new UiEventStream(master);
  const sink = { send(): void {}, close(): void {} };
  const t0 = process.cpuUsage();
  for (let a = 0; a < agentsN; a++) {
    const link = master.agentLinkOpened(sink);
    await link.onMessage(pb.AgentToMaster.decode(bytes[a]) as AgentToMaster);
  }
  const cpu = process.cpuUsage(t0);
  let active = 0;
  let held = 0;
  for (const agent of master.agents.values()) {
    if (agent.status === 'ACTIVE' && !agent.recovered) active++;
    held += agent.tasks.size;
  }
  if (active !== agentsN || held !== agentsN * tasksN) throw new Error(`expected ${agentsN} active agents and ${agentsN * tasksN} tasks, master holds ${active} and ${held}`);
  if (logged === 0) throw new Error('nothing logged');
  ui.close();
  master.stop();
  return (cpu.user + cpu.system) / 1000;
}

async function main(): Promise<void> {
  const bytes: Buffer[] = [];
  for (let a = 0; a < agentsN; a++) bytes.push(registerBytes(a));
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const m = await round(bytes);
    ms.push(m);
    process.stdout.write(`round ${r + 1}: ${m.toFixed(0)} ms, ${((m * 1000) / agentsN).toFixed(1)} µs per agent\n`);
  }
  const med = median(ms);
  process.stdout.write(`agents ${agentsN} × ${tasksN} tasks, ${rounds} rounds: median ${med.toFixed(0)} ms of CPU, ${((med * 1000) / agentsN).toFixed(1)} µs per re-registered agent (min ${((Math.min(...ms) * 1000) / agentsN).toFixed(1)}, max ${((Math.max(...ms) * 1000) / agentsN).toFixed(1)})\n`);
}

void main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
