/**
 * The master's side of usage beyond its book (`cluster-usage.ts`): how often
 * the cluster series gets a point, the task counters a point reads, and the
 * per-task and per-framework samples of `/metrics`.
 */
import type { MetricSample } from '@meseta/runtime/prometheus-text';
import type { Master } from './master';
import type { MasterMetrics } from './metrics';

/** Seconds between points of the cluster series (an hour is 360 points). */
export const CLUSTER_USAGE_INTERVAL_SECONDS = 10;

/** Tasks sent to agents, and tasks that ended in any terminal state, so far. */
export function usageCounters(metrics: MasterMetrics): { launched: number; ended: number } {
  let ended = 0;
  for (const n of metrics.tasksEnded.values()) ended += n;
  return { launched: metrics.tasksLaunched, ended };
}

/**
 * `/metrics` samples of usage, from each active agent's latest report:
 * per task (`task_id`, `framework_id`, `agent_id` labels) and per framework
 * (sums). Over a viewer's filtered `view`, only the tasks it may see.
 * Yields to the event loop every `slice` tasks: at 500,000 tasks this is
 * a few million lines, so a scraper of a big cluster reads the agents'
 * own `/metrics` instead (see ARCHITECTURE.md).
 */
export async function usageMetricSamples(view: Master, whole: Master, slice = 5000): Promise<MetricSample[]> {
  const visibleFrameworks = view === whole ? undefined : view.frameworks;
  const visibleAgents = view === whole ? undefined : view.agents;
  const cpu: MetricSample[] = [];
  const cores: MetricSample[] = [];
  const mem: MetricSample[] = [];
  const disk: MetricSample[] = [];
  const byFramework = new Map<string, { cores: number; mem: number; disk: number; cpu: number }>();
  let n = 0;
  for (const u of whole.usage.tasks((agentId) => whole.agents.get(agentId)?.status === 'ACTIVE' && (!visibleAgents || visibleAgents.has(agentId)))) {
    if (++n % slice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const t = u.task;
    if (visibleFrameworks && visibleFrameworks.get(t.frameworkId)?.tasks.has(t.taskId) !== true) continue;
    const labels = { framework_id: t.frameworkId, task_id: t.taskId, agent_id: t.agentId };
    const sums = byFramework.get(t.frameworkId) ?? { cores: 0, mem: 0, disk: 0, cpu: 0 };
    byFramework.set(t.frameworkId, sums);
    if (u.cpuSeconds !== undefined) {
      cpu.push({ name: 'meseta_container_cpu_seconds_total', value: u.cpuSeconds, type: 'counter', help: 'CPU seconds (user + system) the task container used, as its agent last reported', labels });
      sums.cpu += u.cpuSeconds;
    }
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
  const usage = whole.usage;
  const cluster: MetricSample[] = [
    { name: 'meseta_master_usage_reporting_agents', value: usage.reporting, type: 'gauge', help: 'Agents whose latest usage report counts (reported within the stale age)' },
    { name: 'meseta_master_usage_reports_refused_total', value: usage.refusedReports, type: 'counter', help: 'Usage reports refused as malformed' },
    { name: 'meseta_master_usage_unknown_task_entries_total', value: usage.unknownTaskEntries, type: 'counter', help: 'Usage entries for tasks the master does not hold on that agent (dropped)' },
  ];
  return [...cpu, ...cores, ...mem, ...disk, ...frameworks, ...cluster];
}
