/**
 * The master's cost of agents' usage reports (issue 15), in one process,
 * side by side with its baseline: decoding the same `AgentToMaster` bytes
 * (what the link does for any message, so the least a report can cost)
 * against decoding them and taking them into `ClusterUsage` (the master's
 * work for a report: validation, lookups of each task on its agent, the
 * incremental sums). Also the heap the latest reports hold at the end.
 *
 * What is real: the master's code (`master/cluster-usage.ts`) and the
 * protobuf codec. What is simulated: the agents and their task records
 * (plain objects as the master keeps them; their own memory is not counted).
 * The baseline is ours (decode only).
 *
 *   npm run build && flock /tmp/meseta-bench.lock node --expose-gc dist/bench/usage-book.bench.js [--agents 50000] [--tasks 10] [--rounds 5]
 */
import { pb } from '@meseta/proto/wire';
import type { v1 } from '@meseta/proto/wire';
import { ClusterUsage } from '../master/cluster-usage';
import type { AgentRecord, TaskRecord } from '../master/state';
import { arg, median } from './support/bench-args';

const agentsN = arg('agents', 50000);
const tasksN = arg('tasks', 10);
const rounds = arg('rounds', 5);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (the heap figure needs it)');

const agents: AgentRecord[] = [];
const frames: Uint8Array[] = [];
for (let a = 0; a < agentsN; a++) {
  const tasks = new Map<string, TaskRecord>();
  const containers: v1.AgentToMaster.IContainerUsage[] = [];
  for (let t = 0; t < tasksN; t++) {
    const taskId = `task-${a}-${t}`;
    tasks.set(`fw/${taskId}`, { frameworkId: 'fw', taskId, agentId: `agent-${a}` } as TaskRecord);
    containers.push({ task_id: { value: taskId }, framework_id: { value: 'fw' }, cpus_time_secs: 1234.56, cpus_rate: 0.25, mem_rss_bytes: 31_457_280, mem_total_bytes: 41_943_040, disk_used_bytes: 1_048_576, timestamp: 1_800_000_000.5 });
  }
  agents.push({ id: `agent-${a}`, tasks } as unknown as AgentRecord);
  const usage: v1.AgentToMaster.IUsage = {
    timestamp: 1_800_000_000.5, containers, tasks_launching: 0, tasks_running: tasksN,
    total_cpus: 16, total_mem_mb: 65536, total_disk_mb: 1_000_000, allocated_cpus: tasksN, allocated_mem_mb: 640, allocated_disk_mb: 100,
    used_cpus: tasksN * 0.25, used_mem_mb: 300, used_disk_mb: 10,
  };
  frames.push(pb.AgentToMaster.encode({ usage }).finish());
}
const bytes = frames.reduce((n, f) => n + f.length, 0);

function timed(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const decodeMs: number[] = [];
const takeMs: number[] = [];
const book = new ClusterUsage();
gc();
const heapBefore = process.memoryUsage().heapUsed;
for (let r = 0; r < rounds; r++) {
  decodeMs.push(timed(() => {
    for (let i = 0; i < agentsN; i++) pb.AgentToMaster.decode(frames[i]);
  }));
  takeMs.push(timed(() => {
    for (let i = 0; i < agentsN; i++) book.report(agents[i], pb.AgentToMaster.decode(frames[i]).usage as v1.AgentToMaster.IUsage, 1000 + r);
  }));
}
gc();
const heapAfter = process.memoryUsage().heapUsed;
const sampleMs = timed(() => {
  // Within the stale age of the last round's reports (at 1000 + rounds), as on a live master.
  for (let i = 0; i < 360; i++) book.sample(1000 + rounds + i * 0.1, { launched: i, ended: i });
});

const perReport = (ms: number): string => `${((ms * 1000) / agentsN).toFixed(1)} µs`;
const d = median(decodeMs);
const t = median(takeMs);
console.log(`${agentsN} agents × ${tasksN} tasks, ${(bytes / agentsN).toFixed(0)} bytes a report, median of ${rounds} rounds`);
console.log(`baseline, decode only:          ${d.toFixed(0)} ms a round, ${perReport(d)} a report`);
console.log(`decode + ClusterUsage.report:   ${t.toFixed(0)} ms a round, ${perReport(t)} a report (${perReport(t - d)} above decoding)`);
console.log(`at one report a minute per agent: ${((t / 60_000) * 100).toFixed(2)} % of one core`);
console.log(`heap held by the latest reports: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MiB (task records not counted)`);
console.log(`360 cluster points: ${sampleMs.toFixed(1)} ms`);
