/**
 * The master's side of usage beyond its book (`cluster-usage.ts`): how often
 * the cluster series gets a point, the task counters a point reads, and the
 * per-framework usage samples of `/metrics`.
 */
import type { MetricSample } from '@meseta/runtime/prometheus-text';
import type { TaskUsage } from './cluster-usage';
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

/** One framework's sums over its tasks' latest usage entries. */
export interface FrameworkUsageSums {
  /** Tasks with an entry in their agent's latest report. */
  tasks: number;
  cores: number;
  mem: number;
  disk: number;
}

/**
 * Sum task usage entries by framework: pure, one step per entry (the
 * generator yields after each so a caller can pause between), entries
 * `keep` refuses left out. A number missing from an entry adds nothing.
 */
export function* sumUsageByFramework(
  entries: Iterable<TaskUsage>,
  into: Map<string, FrameworkUsageSums>,
  keep: (u: TaskUsage) => boolean = () => true,
): Generator<void> {
  for (const u of entries) {
    if (keep(u)) {
      const id = u.task.frameworkId;
      let sums = into.get(id);
      if (!sums) {
        sums = { tasks: 0, cores: 0, mem: 0, disk: 0 };
        into.set(id, sums);
      }
      sums.tasks++;
      sums.cores += u.cpuCores ?? 0;
      sums.mem += u.memBytes ?? 0;
      sums.disk += u.diskBytes ?? 0;
    }
    yield;
  }
}

/**
 * `/metrics` samples of per-framework sums, in the map's order. The
 * master exports no per-task usage: at 500,000 tasks that was millions of
 * lines; each agent's own `/metrics` has its tasks (see ARCHITECTURE.md).
 */
export function frameworkUsageSamples(byFramework: ReadonlyMap<string, FrameworkUsageSums>): MetricSample[] {
  const tasks: MetricSample[] = [];
  const cores: MetricSample[] = [];
  const mem: MetricSample[] = [];
  const disk: MetricSample[] = [];
  for (const [frameworkId, s] of byFramework) {
    const labels = { framework_id: frameworkId };
    tasks.push({ name: 'meseta_framework_reported_tasks', value: s.tasks, type: 'gauge', help: 'Tasks of the framework with an entry in their agent latest usage report', labels });
    cores.push({ name: 'meseta_framework_cpu_usage_cores', value: s.cores, type: 'gauge', help: 'Cores the framework tasks used (sum of their latest reports)', labels });
    mem.push({ name: 'meseta_framework_memory_rss_bytes', value: s.mem, type: 'gauge', help: 'Resident memory of the framework tasks', labels });
    disk.push({ name: 'meseta_framework_disk_used_bytes', value: s.disk, type: 'gauge', help: 'Sandbox bytes of the framework tasks', labels });
  }
  return [...tasks, ...cores, ...mem, ...disk];
}

/**
 * `/metrics` samples of usage, from each active agent's latest report:
 * per framework (sums of its tasks' entries; over a viewer's filtered
 * `view`, only the tasks it may see) and the book's own counters. No
 * per-task lines: those are on each agent's `/metrics`. Yields to the
 * event loop every `slice` task entries.
 */
export async function usageMetricSamples(view: Master, whole: Master, slice = 5000): Promise<MetricSample[]> {
  const visibleFrameworks = view === whole ? undefined : view.frameworks;
  const visibleAgents = view === whole ? undefined : view.agents;
  const byFramework = new Map<string, FrameworkUsageSums>();
  const entries = whole.usage.tasks((agentId) => whole.agents.get(agentId)?.status === 'ACTIVE' && (!visibleAgents || visibleAgents.has(agentId)));
  const keep = visibleFrameworks ? (u: TaskUsage) => visibleFrameworks.get(u.task.frameworkId)?.tasks.has(u.task.taskId) === true : undefined;
  const steps = sumUsageByFramework(entries, byFramework, keep);
  for (let n = 1; !steps.next().done; n++) {
    if (n % slice === 0) await whole.turnGate.nextTurn();
  }
  const usage = whole.usage;
  const cluster: MetricSample[] = [
    { name: 'meseta_master_usage_reporting_agents', value: usage.reporting, type: 'gauge', help: 'Agents whose latest usage report counts (reported within the stale age)' },
    { name: 'meseta_master_usage_reports_refused_total', value: usage.refusedReports, type: 'counter', help: 'Usage reports refused as malformed' },
    { name: 'meseta_master_usage_unknown_task_entries_total', value: usage.unknownTaskEntries, type: 'counter', help: 'Usage entries for tasks the master does not hold on that agent (dropped)' },
  ];
  return [...frameworkUsageSamples(byFramework), ...cluster];
}
