/**
 * `/state`'s entries serialised in one process, side by side in one run:
 * the old path (protobufjs `fromObject` + `toObject` + `JSON.stringify`,
 * what 628d2ea did per entry) and `ProtoJsonWriter` (master/proto-json.ts).
 * Simulated: the records are built here in the shape the master keeps (a
 * task with its resources and two statuses as the agents report them; an
 * agent's AgentState view). Real: the code that writes them. CPU time of
 * this process, no I/O.
 *
 *   node dist/bench/state-entry-json.bench.js [--entries 200000] [--rounds 3]
 */
import { loadavg } from 'node:os';
import { pb, TaskState, ValueType } from '@meseta/proto/wire';
import { ProtoJsonWriter, protobufJson, type GeneratedCodec } from '../master/proto-json';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const entries = arg('entries', 200_000);
const rounds = arg('rounds', 3);

const scalar = (name: string, value: number) => ({ name, type: ValueType.SCALAR, scalar: { value } });
function task(i: number): Record<string, unknown> {
  const id = { value: `task-${i}` };
  const status = (state: number, t: number) => ({ task_id: id, state, agent_id: { value: `agent-${i % 50000}` }, timestamp: 1765000000 + t + i / 1e3, uuid: Uint8Array.from([i & 255, 1, 2, 3]), source: 1 });
  return {
    name: `web-${i}`, task_id: id, framework_id: { value: 'framework-1' }, agent_id: { value: `agent-${i % 50000}` }, state: TaskState.TASK_RUNNING,
    resources: [scalar('cpus', 0.1), scalar('mem', 32)], command: { value: 'sleep 3600', shell: true },
    statuses: [status(TaskState.TASK_STARTING, 1), status(TaskState.TASK_RUNNING, 2)],
  };
}
function agent(i: number): Record<string, unknown> {
  const total = [scalar('cpus', 4), scalar('mem', 8192), { name: 'ports', type: ValueType.RANGES, ranges: { range: [{ begin: 31000, end: 32000 }] } }];
  return {
    agent_info: { hostname: `host-${i}`, port: 5051, id: { value: `agent-${i}` }, resources: total, attributes: [{ name: 'rack', type: ValueType.TEXT, text: { value: `r${i % 40}` } }] },
    total_resources: total, allocated_resources: [scalar('cpus', 1), scalar('mem', 320)], offered_resources: [], status: pb.AgentState.Status.ACTIVE,
    registered_time: 1765000000 + i, version: '0.1.0', active: true,
  };
}

function time(label: string, values: unknown[], write: (v: unknown) => string): { ms: number; bytes: number } {
  const start = process.cpuUsage();
  let bytes = 0;
  for (const v of values) bytes += write(v).length;
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  console.log(`  ${label}: ${ms.toFixed(0)} ms CPU, ${(ms * 1000 / values.length).toFixed(2)} µs per entry, ${(bytes / 1e6).toFixed(1)} MB`);
  return { ms, bytes };
}

console.log(`state entries as JSON: ${entries} tasks and ${Math.round(entries / 10)} agents, ${rounds} rounds; Node ${process.version}; load average ${loadavg().map((x: number) => x.toFixed(2)).join(' / ')}`);
const tasks = Array.from({ length: entries }, (_, i) => task(i));
const agents = Array.from({ length: Math.round(entries / 10) }, (_, i) => agent(i));
const taskWriter = new ProtoJsonWriter('Task');
const agentWriter = new ProtoJsonWriter('AgentState');
for (let r = 1; r <= rounds; r++) {
  console.log(`round ${r}`);
  const oldTasks = time('tasks, protobufjs copies', tasks, (v) => protobufJson(pb.Task as unknown as GeneratedCodec, v));
  const newTasks = time('tasks, ProtoJsonWriter   ', tasks, (v) => taskWriter.write(v));
  const oldAgents = time('agents, protobufjs copies', agents, (v) => protobufJson(pb.AgentState as unknown as GeneratedCodec, v));
  const newAgents = time('agents, ProtoJsonWriter   ', agents, (v) => agentWriter.write(v));
  if (oldTasks.bytes !== newTasks.bytes || oldAgents.bytes !== newAgents.bytes) throw new Error('the two paths wrote different lengths');
  console.log(`  ratio new/old: tasks ${(newTasks.ms / oldTasks.ms).toFixed(2)}, agents ${(newAgents.ms / oldAgents.ms).toFixed(2)}`);
}
console.log(`fallbacks to the old path: tasks ${taskWriter.fallbacks}, agents ${agentWriter.fallbacks}`);
