/**
 * The master's `/metrics` usage part at scale (issue 11), in one process,
 * side by side with its baseline: the export as it was until 3a4bef0 (one
 * line per task and measure, four per task, then the whole text rendered
 * in one block; re-stated here as `perTaskBaseline`, our own earlier code)
 * against today's `usageMetricSamples` (per-framework sums only). For each:
 * the longest event-loop delay while the answer is made (perf_hooks'
 * histogram, 1 ms resolution: the longest synchronous block), the wall
 * time and the text's size. Rounds alternate the two.
 *
 * What is real: the master's usage book (`master/cluster-usage.ts`), the
 * sums and the Prometheus renderer. What is simulated: the agents (their
 * reports taken into the book directly) and the `Master` (only the
 * `usage`, `agents` and `frameworks` the code reads). Not over HTTP.
 *
 *   npm run build && flock /tmp/meseta-bench.lock node dist/bench/master-metrics.bench.js [--agents 50000] [--tasks 10] [--frameworks 100] [--rounds 3] [--no-baseline]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ClusterUsage } from '../master/cluster-usage';
import { usageMetricSamples } from '../master/master-usage';
import type { Master } from '../master/master';
import type { AgentRecord, TaskRecord } from '../master/state';
import { type MetricSample, renderPrometheus } from '@meseta/runtime/prometheus-text';
import { arg, median } from './support/bench-args';

const agentsN = arg('agents', 50000);
const tasksN = arg('tasks', 10);
const frameworksN = arg('frameworks', 100);
const rounds = arg('rounds', 3);
/** `--no-baseline`: today's export alone (the baseline's garbage, hundreds of MB, otherwise collects during it). */
const withBaseline = !process.argv.includes('--no-baseline');

const usage = new ClusterUsage();
const agents = new Map<string, { status: string }>();
for (let a = 0; a < agentsN; a++) {
  const agentId = `3f2a1c9e-5b7d-4e8f-9a0b-${String(a).padStart(12, '0')}-S${a}`;
  const tasks = new Map<string, TaskRecord>();
  const containers = [];
  for (let t = 0; t < tasksN; t++) {
    const frameworkId = `7d0c5e1a-2b3f-4c6d-8e9f-${String((a * tasksN + t) % frameworksN).padStart(12, '0')}-0000`;
    const taskId = `service-${a}-${t}.6b1e4a2c-9d3f-11ef-8c5a-0242ac120002`;
    tasks.set(`${frameworkId}/${taskId}`, { frameworkId, taskId, agentId } as TaskRecord);
    containers.push({ task_id: { value: taskId }, framework_id: { value: frameworkId }, cpus_time_secs: 1234.56 + t, cpus_rate: 0.25, mem_rss_bytes: 31_457_280, disk_used_bytes: 1_048_576, timestamp: 1 });
  }
  usage.report({ id: agentId, tasks } as unknown as AgentRecord, {
    timestamp: 1, containers, tasks_launching: 0, tasks_running: tasksN,
    total_cpus: 16, total_mem_mb: 65536, total_disk_mb: 1_000_000, allocated_cpus: tasksN, allocated_mem_mb: 640, allocated_disk_mb: 100, used_cpus: tasksN * 0.25, used_mem_mb: 300, used_disk_mb: 10,
  }, 1);
  agents.set(agentId, { status: 'ACTIVE' });
}
const whole = { usage, agents, frameworks: new Map() } as unknown as Master;

/** Our own earlier export (per task, then per framework), as it was before 3a4bef0, for the whole master. */
async function perTaskBaseline(m: Master, slice = 5000): Promise<MetricSample[]> {
  const cpu: MetricSample[] = [];
  const cores: MetricSample[] = [];
  const mem: MetricSample[] = [];
  const disk: MetricSample[] = [];
  const byFramework = new Map<string, { cores: number; mem: number; disk: number }>();
  let n = 0;
  for (const u of m.usage.tasks((agentId) => m.agents.get(agentId)?.status === 'ACTIVE')) {
    if (++n % slice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const t = u.task;
    const labels = { framework_id: t.frameworkId, task_id: t.taskId, agent_id: t.agentId };
    const sums = byFramework.get(t.frameworkId) ?? { cores: 0, mem: 0, disk: 0 };
    byFramework.set(t.frameworkId, sums);
    if (u.cpuSeconds !== undefined) cpu.push({ name: 'meseta_container_cpu_seconds_total', value: u.cpuSeconds, type: 'counter', help: 'CPU seconds (user + system) the task container used, as its agent last reported', labels });
    if (u.cpuCores !== undefined) {
      cores.push({ name: 'meseta_container_cpu_usage_cores', value: u.cpuCores, type: 'gauge', help: 'Cores the task container used between its agent last two samples', labels });
      sums.cores += u.cpuCores;
    }
    if (u.memBytes !== undefined) {
      mem.push({ name: 'meseta_container_memory_rss_bytes', value: u.memBytes, type: 'gauge', help: 'Resident memory of the task container', labels });
      sums.mem += u.memBytes;
    }
    if (u.diskBytes !== undefined) {
      disk.push({ name: 'meseta_container_disk_used_bytes', value: u.diskBytes, type: 'gauge', help: 'Bytes the task sandbox takes on disk', labels });
      sums.disk += u.diskBytes;
    }
  }
  const frameworks: MetricSample[] = [];
  for (const [frameworkId, s] of byFramework) {
    const labels = { framework_id: frameworkId };
    frameworks.push({ name: 'meseta_framework_cpu_usage_cores', value: s.cores, type: 'gauge', help: 'Cores the framework tasks used (sum of their latest reports)', labels });
    frameworks.push({ name: 'meseta_framework_memory_rss_bytes', value: s.mem, type: 'gauge', help: 'Resident memory of the framework tasks', labels });
    frameworks.push({ name: 'meseta_framework_disk_used_bytes', value: s.disk, type: 'gauge', help: 'Sandbox bytes of the framework tasks', labels });
  }
  return [...cpu, ...cores, ...mem, ...disk, ...frameworks];
}

interface Run { wallMs: number; longestBlockMs: number; bytes: number }

async function measure(make: () => Promise<MetricSample[]>): Promise<Run> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const start = process.hrtime.bigint();
  const text = renderPrometheus(await make());
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  await new Promise<void>((resolve) => setImmediate(resolve)); // let the histogram see the last block
  await new Promise<void>((resolve) => setTimeout(resolve, 5));
  h.disable();
  return { wallMs, longestBlockMs: h.max / 1e6, bytes: Buffer.byteLength(text) };
}

async function main(): Promise<void> {
  const before: Run[] = [];
  const after: Run[] = [];
  for (let r = 0; r < rounds; r++) {
    if (withBaseline) before.push(await measure(() => perTaskBaseline(whole)));
    after.push(await measure(() => usageMetricSamples(whole, whole)));
  }
  const line = (name: string, runs: Run[]): string =>
    `${name}: longest block ${median(runs.map((x) => x.longestBlockMs)).toFixed(0)} ms (max ${Math.max(...runs.map((x) => x.longestBlockMs)).toFixed(0)}), wall ${median(runs.map((x) => x.wallMs)).toFixed(0)} ms, ${(runs[0].bytes / 1e6).toFixed(2)} MB`;
  console.log(`${agentsN} agents × ${tasksN} tasks, ${frameworksN} frameworks, median of ${rounds} alternating rounds`);
  if (withBaseline) console.log(line('baseline (ours, before 3a4bef0): per-task lines', before));
  console.log(line('now: per-framework sums only            ', after));
}

void main();
