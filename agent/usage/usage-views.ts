/**
 * What the agent shows of its usage samples, all from the same rings (pure):
 * Mesos's `ResourceStatistics` (`/monitor/statistics`, GET_CONTAINERS),
 * Prometheus samples with per-task labels (`/metrics`), the compact report
 * for the master, and the chart series of `/api/v1/usage`.
 */
import type { v1 } from '@meseta/proto/wire';
import type { MetricSample } from '@meseta/runtime/prometheus-text';
import { type ContainerSeries, UsageSampler } from './usage-sampler';
import { cpuSeconds, usagePoints, type UsagePoint } from './usage-rates';

/** A container's latest statistics with Mesos's field names; undefined before its first sample. */
export function resourceStatistics(series: ContainerSeries): v1.IResourceStatistics | undefined {
  const latest = series.ring.latest();
  if (!latest) return undefined;
  const out: v1.IResourceStatistics = { timestamp: latest.timestamp };
  if (latest.cpusUserTimeSecs !== undefined) out.cpus_user_time_secs = latest.cpusUserTimeSecs;
  if (latest.cpusSystemTimeSecs !== undefined) out.cpus_system_time_secs = latest.cpusSystemTimeSecs;
  if (series.limits.cpus !== undefined) out.cpus_limit = series.limits.cpus;
  if (latest.memRssBytes !== undefined) out.mem_rss_bytes = Math.round(latest.memRssBytes);
  if (latest.memTotalBytes !== undefined) out.mem_total_bytes = Math.round(latest.memTotalBytes);
  const memLimit = series.last?.memLimitBytes ?? series.limits.memBytes;
  if (memLimit !== undefined) out.mem_limit_bytes = Math.round(memLimit);
  if (latest.diskUsedBytes !== undefined) out.disk_used_bytes = Math.round(latest.diskUsedBytes);
  if (series.limits.diskBytes !== undefined) out.disk_limit_bytes = series.limits.diskBytes;
  if (series.last?.processes !== undefined) out.processes = series.last.processes;
  return out;
}

/** One entry of Mesos's `/monitor/statistics` (an array of these). */
export interface MonitorEntry {
  executor_id: string;
  executor_name: string;
  framework_id: string;
  source: string;
  statistics: v1.IResourceStatistics;
}

/** `/monitor/statistics`: each running container measured at least once. */
export function monitorStatistics(running: readonly ContainerSeries[]): MonitorEntry[] {
  const out: MonitorEntry[] = [];
  for (const s of running) {
    const statistics = resourceStatistics(s);
    if (!statistics) continue;
    // A command task's executor is the task itself: Mesos names it by the task id.
    out.push({ executor_id: s.executorId || s.taskId, executor_name: s.executorName, framework_id: s.frameworkId, source: s.taskId, statistics });
  }
  return out;
}

/** Labels that identify a container's series in Prometheus. */
function labelsOf(s: ContainerSeries, agentId: string): Record<string, string> {
  return { agent_id: agentId, framework_id: s.frameworkId, task_id: s.taskId, executor_id: s.executorId || s.taskId, container_id: s.containerId };
}

/** Per-container samples for `/metrics`: counters of CPU seconds, gauges of memory, disk and limits. */
export function containerMetricSamples(running: readonly ContainerSeries[], agentId: string): MetricSample[] {
  const cpu: MetricSample[] = [];
  const rate: MetricSample[] = [];
  const cpuLimit: MetricSample[] = [];
  const mem: MetricSample[] = [];
  const memLimit: MetricSample[] = [];
  const disk: MetricSample[] = [];
  const diskLimit: MetricSample[] = [];
  for (const s of running) {
    const latest = s.ring.latest();
    if (!latest) continue;
    const labels = labelsOf(s, agentId);
    const seconds = cpuSeconds(latest);
    if (seconds !== undefined) cpu.push({ name: 'meseta_container_cpu_seconds_total', value: seconds, type: 'counter', help: 'CPU seconds (user + system) the container used', labels });
    const cores = UsageSampler.rate(s);
    if (cores !== undefined) rate.push({ name: 'meseta_container_cpu_usage_cores', value: cores, type: 'gauge', help: 'Cores the container used between the last two samples', labels });
    if (s.limits.cpus !== undefined) cpuLimit.push({ name: 'meseta_container_cpu_limit_cores', value: s.limits.cpus, type: 'gauge', help: 'Cores allocated to the container (its cpus resource)', labels });
    const m = latest.memRssBytes ?? latest.memTotalBytes;
    if (m !== undefined) mem.push({ name: 'meseta_container_memory_rss_bytes', value: m, type: 'gauge', help: 'Resident memory of the container', labels });
    const ml = s.last?.memLimitBytes ?? s.limits.memBytes;
    if (ml !== undefined) memLimit.push({ name: 'meseta_container_memory_limit_bytes', value: ml, type: 'gauge', help: 'Memory limit of the container (its mem resource, or the limit the kernel enforces)', labels });
    if (latest.diskUsedBytes !== undefined) disk.push({ name: 'meseta_container_disk_used_bytes', value: latest.diskUsedBytes, type: 'gauge', help: 'Bytes the container sandbox takes on disk', labels });
    if (s.limits.diskBytes !== undefined) diskLimit.push({ name: 'meseta_container_disk_limit_bytes', value: s.limits.diskBytes, type: 'gauge', help: 'Disk allocated to the container (its disk resource)', labels });
  }
  return [...cpu, ...rate, ...cpuLimit, ...mem, ...memLimit, ...disk, ...diskLimit];
}

/** What the report needs of the agent besides its containers. */
export interface AgentUsageTotals {
  tasksLaunching: number;
  tasksRunning: number;
  total: { cpus: number; mem: number; disk: number };
  allocated: { cpus: number; mem: number; disk: number };
}

const MB = 1024 * 1024;

/** The compact report for the master: one entry per measured container, and the agent's sums. */
export function usageReport(running: readonly ContainerSeries[], totals: AgentUsageTotals, now: number): v1.AgentToMaster.IUsage {
  const containers: v1.AgentToMaster.IContainerUsage[] = [];
  let cpus = 0;
  let mem = 0;
  let disk = 0;
  for (const s of running) {
    const latest = s.ring.latest();
    if (!latest) continue;
    const entry: v1.AgentToMaster.IContainerUsage = { task_id: { value: s.taskId }, framework_id: { value: s.frameworkId }, timestamp: latest.timestamp };
    const seconds = cpuSeconds(latest);
    if (seconds !== undefined) entry.cpus_time_secs = seconds;
    const cores = UsageSampler.rate(s);
    if (cores !== undefined) {
      entry.cpus_rate = Math.round(cores * 1e4) / 1e4;
      cpus += cores;
    }
    if (latest.memRssBytes !== undefined) entry.mem_rss_bytes = Math.round(latest.memRssBytes);
    if (latest.memTotalBytes !== undefined) entry.mem_total_bytes = Math.round(latest.memTotalBytes);
    mem += latest.memRssBytes ?? latest.memTotalBytes ?? 0;
    if (latest.diskUsedBytes !== undefined) {
      entry.disk_used_bytes = Math.round(latest.diskUsedBytes);
      disk += latest.diskUsedBytes;
    }
    containers.push(entry);
  }
  return {
    timestamp: now,
    containers,
    tasks_launching: totals.tasksLaunching,
    tasks_running: totals.tasksRunning,
    total_cpus: totals.total.cpus,
    total_mem_mb: totals.total.mem,
    total_disk_mb: totals.total.disk,
    allocated_cpus: totals.allocated.cpus,
    allocated_mem_mb: totals.allocated.mem,
    allocated_disk_mb: totals.allocated.disk,
    used_cpus: Math.round(cpus * 1e4) / 1e4,
    used_mem_mb: Math.round((mem / MB) * 1000) / 1000,
    used_disk_mb: Math.round((disk / MB) * 1000) / 1000,
  };
}

/** A usage chart's data: points of the last hour and the limits drawn beside them. */
export interface UsageSeriesJson {
  framework_id?: string;
  task_id?: string;
  container_id?: string;
  /** Seconds since the epoch when it ended (absent while running). */
  ended_at?: number;
  interval_seconds: number;
  limits: { cpus?: number; mem_bytes?: number; disk_bytes?: number };
  points: UsagePoint[];
}

/** A container's series as `/api/v1/usage` answers it. */
export function containerSeriesJson(s: ContainerSeries, intervalSeconds: number): UsageSeriesJson {
  const memLimit = s.last?.memLimitBytes ?? s.limits.memBytes;
  return {
    framework_id: s.frameworkId,
    task_id: s.taskId,
    container_id: s.containerId,
    ...(s.endedAt !== undefined ? { ended_at: s.endedAt } : {}),
    interval_seconds: intervalSeconds,
    limits: { cpus: s.limits.cpus, mem_bytes: memLimit, disk_bytes: s.limits.diskBytes },
    points: usagePoints(s.ring.toArray()),
  };
}
