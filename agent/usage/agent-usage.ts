/**
 * The agent's usage: the sampler over its running tasks, the report to the
 * master every `--usage-report-interval`, and what the HTTP endpoints read
 * (`/metrics`, `/monitor/statistics`, `/api/v1/usage`).
 */
import type { Clock, TimerHandle } from '@meseta/runtime/clock';
import type { Logger } from '@meseta/runtime/log';
import type { MetricSample } from '@meseta/runtime/prometheus-text';
import { quantities } from '@meseta/proto/resources';
import type { v1 } from '@meseta/proto/wire';
import type { AgentSnapshot, AgentTask } from '../agent';
import { sandboxDiskUsage } from './sandbox-disk';
import { type ContainerSeries, UsageSampler, type UsageTarget } from './usage-sampler';
import { containerMetricSamples, containerSeriesJson, monitorStatistics, type MonitorEntry, usageReport, type UsageSeriesJson } from './usage-views';

const MB = 1024 * 1024;

/** Default milliseconds between samples (`--usage-interval`). */
export const DEFAULT_USAGE_INTERVAL_MS = 10_000;
/** Default milliseconds between reports to the master (`--usage-report-interval`). */
export const DEFAULT_USAGE_REPORT_INTERVAL_MS = 60_000;

/** Options of {@link AgentUsage}. */
export interface AgentUsageOptions {
  snapshot(): AgentSnapshot;
  /** Where reports go (the master link); skipped while it is not registered. */
  send(usage: v1.AgentToMaster.IUsage): void;
  isRegistered(): boolean;
  intervalMs?: number;
  reportIntervalMs?: number;
  clock: Clock;
  logger: Logger;
}

/** The task's container to measure, when it has one running. */
export function usageTarget(t: AgentTask): UsageTarget | undefined {
  if (t.phase !== 'running' && t.phase !== 'killing') return undefined;
  return {
    containerId: t.containerId, frameworkId: t.frameworkId, taskId: t.taskId,
    executorId: t.executorId ?? '', executorName: t.info.executor?.name ?? `Command Executor (Task: ${t.taskId})`,
    sandboxDir: t.sandbox?.dir, containerizer: t.containerizer, resources: t.info.resources,
  };
}

/** Samples, keeps and reports the agent's containers' usage. */
export class AgentUsage {
  readonly sampler: UsageSampler;
  readonly intervalMs: number;
  readonly reportIntervalMs: number;
  private reportTimer?: TimerHandle;
  reportsSent = 0;

  constructor(private readonly options: AgentUsageOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_USAGE_INTERVAL_MS;
    this.reportIntervalMs = options.reportIntervalMs ?? DEFAULT_USAGE_REPORT_INTERVAL_MS;
    this.sampler = new UsageSampler({
      intervalMs: this.intervalMs,
      targets: () => options.snapshot().tasks.map(usageTarget).filter((t): t is UsageTarget => t !== undefined),
      disk: (dir) => sandboxDiskUsage(dir),
      allocated: () => {
        const used = quantities(options.snapshot().usedResources);
        return { cpus: used.get('cpus') ?? 0, memBytes: (used.get('mem') ?? 0) * MB, diskBytes: (used.get('disk') ?? 0) * MB };
      },
      clock: options.clock,
      logger: options.logger,
    });
  }

  start(): void {
    this.sampler.start();
    this.reportTimer = this.options.clock.every(this.reportIntervalMs, () => this.report());
  }

  async stop(): Promise<void> {
    this.reportTimer?.cancel();
    await this.sampler.stop();
  }

  /** Send the latest usage to the master (when registered). */
  report(): void {
    if (!this.options.isRegistered()) return;
    const snapshot = this.options.snapshot();
    let launching = 0;
    let running = 0;
    for (const t of snapshot.tasks) {
      if (t.phase === 'launching') launching++;
      else if (t.phase === 'running' || t.phase === 'killing') running++;
    }
    const q = (r: AgentSnapshot['resources']) => {
      const m = quantities(r);
      return { cpus: m.get('cpus') ?? 0, mem: m.get('mem') ?? 0, disk: m.get('disk') ?? 0 };
    };
    this.options.send(usageReport(this.sampler.running(), { tasksLaunching: launching, tasksRunning: running, total: q(snapshot.resources), allocated: q(snapshot.usedResources) }, this.options.clock.now() / 1000));
    this.reportsSent++;
  }

  /** `/monitor/statistics`. */
  monitorStatistics(): MonitorEntry[] {
    return monitorStatistics(this.sampler.running());
  }

  /** The latest sample of a running container, for GET_CONTAINERS. */
  series(containerId: string): ContainerSeries | undefined {
    return this.sampler.series(containerId);
  }

  /** Per-container `/metrics` samples. */
  metricSamples(agentId: string): MetricSample[] {
    return [
      ...containerMetricSamples(this.sampler.running(), agentId),
      { name: 'meseta_agent_usage_rounds_skipped_total', value: this.sampler.skippedRounds, type: 'counter', help: 'Usage rounds skipped because the previous one was still measuring' },
      { name: 'meseta_agent_usage_reports_total', value: this.reportsSent, type: 'counter', help: 'Usage reports sent to the master' },
    ];
  }

  /** The chart series of one task (its newest container), or undefined when none was measured. */
  taskSeries(frameworkId: string, taskId: string): UsageSeriesJson | undefined {
    const s = this.sampler.seriesOfTask(frameworkId, taskId);
    return s && containerSeriesJson(s, this.intervalMs / 1000);
  }

  /** The agent's own chart series: sums over its containers, with its resources and what its tasks hold as limits. */
  agentSeries(): UsageSeriesJson & { allocated: { cpus: number; mem_bytes: number; disk_bytes: number } } {
    const snapshot = this.options.snapshot();
    const total = quantities(snapshot.resources);
    const used = quantities(snapshot.usedResources);
    return {
      interval_seconds: this.intervalMs / 1000,
      limits: { cpus: total.get('cpus') ?? 0, mem_bytes: (total.get('mem') ?? 0) * MB, disk_bytes: (total.get('disk') ?? 0) * MB },
      allocated: { cpus: used.get('cpus') ?? 0, mem_bytes: (used.get('mem') ?? 0) * MB, disk_bytes: (used.get('disk') ?? 0) * MB },
      points: [...this.sampler.agentSeries()],
    };
  }
}
