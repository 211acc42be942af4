/**
 * What the master knows of usage: each agent's latest report (one entry
 * per task it measured: CPU seconds and cores, memory, disk) and the
 * cluster's sums, kept incrementally, and the cluster series of the last
 * hour that the overview charts (allocation and usage over time, task
 * launch and finish rates, pending tasks). No I/O.
 *
 * Cost: a report costs its own size (its tasks, looked up by key on the
 * agent); a cluster point costs O(1) (sums kept as reports come, expired
 * agents found from the front of a Map ordered by report time). Nothing
 * walks the cluster per report or per point. The master keeps no history
 * per agent or per task: the agents keep their own hour, and the master
 * relays it when a page asks (`http-usage.ts`).
 *
 * Memory: per reporting agent one record with its sums and, per task in its
 * report, a reference to the master's own task record plus four numbers in
 * a Float64Array: about 1.1 KB per agent of 10 tasks, 53 MiB at 50,000
 * agents × 10 tasks (`bench/usage-book.bench.ts`); the cluster series is 360 points.
 */
import type { v1 } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { type AgentRecord, type TaskRecord, taskKey } from './state';

/** Most containers one report may carry (more are refused with the report). */
export const MAX_REPORTED_CONTAINERS = 10_000;

/** Most stale reports one {@link ClusterUsage.expire} drops (a cluster point every 10 s drops 30,000 a minute). */
export const MAX_EXPIRED_PER_CALL = 5000;

/** Numbers kept per task entry. */
const W = 4; // cpu seconds, cores, memory bytes, disk bytes

/** An agent's sums as its report gave them. */
export interface AgentUsageSums {
  totalCpus: number;
  totalMemMb: number;
  totalDiskMb: number;
  allocatedCpus: number;
  allocatedMemMb: number;
  allocatedDiskMb: number;
  usedCpus: number;
  usedMemMb: number;
  usedDiskMb: number;
  launching: number;
  running: number;
}

const SUM_KEYS: ReadonlyArray<keyof AgentUsageSums> = [
  'totalCpus', 'totalMemMb', 'totalDiskMb', 'allocatedCpus', 'allocatedMemMb', 'allocatedDiskMb', 'usedCpus', 'usedMemMb', 'usedDiskMb', 'launching', 'running',
];

/** One agent's latest report. */
interface AgentUsageState {
  agentId: string;
  /** Master time of the report, seconds. */
  at: number;
  /** The agent's time of its report, seconds. */
  reportedAt: number;
  tasks: TaskRecord[];
  values: Float64Array;
  sums: AgentUsageSums;
}

/** A task's latest usage as its agent reported it. */
export interface TaskUsage {
  task: TaskRecord;
  cpuSeconds?: number;
  cpuCores?: number;
  memBytes?: number;
  diskBytes?: number;
}

/** One point of the cluster series. */
export interface ClusterUsagePoint {
  /** Seconds since the epoch. */
  t: number;
  /** Agents whose reports the sums hold. */
  agents: number;
  total: { cpus: number; mem: number; disk: number };
  allocated: { cpus: number; mem: number; disk: number };
  used: { cpus: number; mem: number; disk: number };
  /** Tasks agents reported launching (pending) and running. */
  pending: number;
  running: number;
  /** Tasks sent to agents and tasks that ended, per minute, since the previous point (null for the first). */
  launched_per_minute: number | null;
  ended_per_minute: number | null;
}

/** Why a report was refused (it changes nothing then). */
export class UsageReportError extends Error {}

function finiteOrNaN(value: number | Long | null | undefined, field: string): number {
  if (value === null || value === undefined) return NaN;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageReportError(`${field}: ${String(value)} is not a number of zero or more`);
  return n;
}

type Long = { toNumber(): number };

function sumsOf(u: v1.AgentToMaster.IUsage): AgentUsageSums {
  const n = (v: number | null | undefined, field: string): number => {
    const x = finiteOrNaN(v, `usage.${field}`);
    return Number.isNaN(x) ? 0 : x;
  };
  return {
    totalCpus: n(u.total_cpus, 'total_cpus'), totalMemMb: n(u.total_mem_mb, 'total_mem_mb'), totalDiskMb: n(u.total_disk_mb, 'total_disk_mb'),
    allocatedCpus: n(u.allocated_cpus, 'allocated_cpus'), allocatedMemMb: n(u.allocated_mem_mb, 'allocated_mem_mb'), allocatedDiskMb: n(u.allocated_disk_mb, 'allocated_disk_mb'),
    usedCpus: n(u.used_cpus, 'used_cpus'), usedMemMb: n(u.used_mem_mb, 'used_mem_mb'), usedDiskMb: n(u.used_disk_mb, 'used_disk_mb'),
    launching: n(u.tasks_launching, 'tasks_launching'), running: n(u.tasks_running, 'tasks_running'),
  };
}

/** Options of {@link ClusterUsage}. */
export interface ClusterUsageOptions {
  /** Seconds after which an agent's report no longer counts (it stopped reporting). @default 180 */
  staleAfterSeconds?: number;
  /** Points the cluster series keeps. @default 360 (an hour at 10 s) */
  points?: number;
}

/** The master's usage book. */
export class ClusterUsage {
  /** By agent id, oldest report first (a report moves its agent to the end). */
  private readonly agents = new Map<string, AgentUsageState>();
  private readonly sums: AgentUsageSums = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as unknown as AgentUsageSums;
  private readonly series: ClusterUsagePoint[] = [];
  private last?: { t: number; launched: number; ended: number };
  private readonly staleAfter: number;
  private readonly maxPoints: number;
  /** Reports refused as malformed (logged by the caller). */
  refusedReports = 0;
  /** Report entries for tasks the master does not have on that agent (dropped). */
  unknownTaskEntries = 0;

  constructor(options: ClusterUsageOptions = {}) {
    this.staleAfter = options.staleAfterSeconds ?? 180;
    this.maxPoints = options.points ?? 360;
  }

  /**
   * Take an agent's report at master time `now` (seconds). Entries for
   * tasks the master does not hold on that agent are dropped (an agent
   * reports only its own tasks). Throws {@link UsageReportError} naming the
   * field when the report is malformed; the previous report then stands.
   */
  report(agent: AgentRecord, usage: v1.AgentToMaster.IUsage, now: number): void {
    const containers = usage.containers ?? [];
    if (containers.length > MAX_REPORTED_CONTAINERS) {
      throw new UsageReportError(`usage.containers: ${containers.length} entries, more than ${MAX_REPORTED_CONTAINERS}`);
    }
    const sums = sumsOf(usage);
    const tasks: TaskRecord[] = [];
    const values = new Float64Array(containers.length * W);
    containers.forEach((c, i) => {
      const field = `usage.containers[${i}]`;
      const cpu = finiteOrNaN(c.cpus_time_secs, `${field}.cpus_time_secs`);
      const cores = finiteOrNaN(c.cpus_rate, `${field}.cpus_rate`);
      const mem = finiteOrNaN(c.mem_rss_bytes as number | null | undefined, `${field}.mem_rss_bytes`);
      const memTotal = finiteOrNaN(c.mem_total_bytes as number | null | undefined, `${field}.mem_total_bytes`);
      const disk = finiteOrNaN(c.disk_used_bytes as number | null | undefined, `${field}.disk_used_bytes`);
      const record = agent.tasks.get(taskKey(idOf(c.framework_id), idOf(c.task_id)));
      if (!record) {
        this.unknownTaskEntries++;
        return;
      }
      const at = tasks.length * W;
      tasks.push(record);
      values[at] = cpu;
      values[at + 1] = cores;
      values[at + 2] = Number.isNaN(mem) ? memTotal : mem;
      values[at + 3] = disk;
    });
    const reportedAt = finiteOrNaN(usage.timestamp, 'usage.timestamp');
    this.remove(agent.id);
    const state: AgentUsageState = { agentId: agent.id, at: now, reportedAt: Number.isNaN(reportedAt) ? now : reportedAt, tasks, values: values.subarray(0, tasks.length * W), sums };
    this.agents.set(agent.id, state);
    for (const k of SUM_KEYS) this.sums[k] += sums[k];
  }

  /** Forget an agent's report (it was removed). A no-op for an agent without one. */
  remove(agentId: string): void {
    const old = this.agents.get(agentId);
    if (!old) return;
    this.agents.delete(agentId);
    for (const k of SUM_KEYS) this.sums[k] -= old.sums[k];
  }

  /**
   * Drop reports older than the stale age at `now`, oldest first, at most
   * `max` of them (the rest go at the next call: when every agent stops
   * reporting at once, a partition, no single call walks them all).
   */
  expire(now: number, max = MAX_EXPIRED_PER_CALL): void {
    let dropped = 0;
    for (const [id, state] of this.agents) {
      if (now - state.at <= this.staleAfter || dropped >= max) break;
      this.remove(id);
      dropped++;
    }
  }

  /** Agents whose report counts now. */
  get reporting(): number {
    return this.agents.size;
  }

  /**
   * Append a cluster point at `now` from the sums and the master's task
   * counters (sent to agents, ended in any terminal state).
   */
  sample(now: number, counters: { launched: number; ended: number }): ClusterUsagePoint {
    this.expire(now);
    const s = this.sums;
    const r = (x: number, d = 3): number => Math.round(Math.max(0, x) * 10 ** d) / 10 ** d;
    const per = (delta: number): number | null => {
      if (!this.last || now <= this.last.t || delta < 0) return null;
      return r((delta * 60) / (now - this.last.t), 2);
    };
    const point: ClusterUsagePoint = {
      t: now,
      agents: this.agents.size,
      total: { cpus: r(s.totalCpus), mem: r(s.totalMemMb), disk: r(s.totalDiskMb) },
      allocated: { cpus: r(s.allocatedCpus), mem: r(s.allocatedMemMb), disk: r(s.allocatedDiskMb) },
      used: { cpus: r(s.usedCpus, 4), mem: r(s.usedMemMb), disk: r(s.usedDiskMb) },
      pending: Math.round(Math.max(0, s.launching)),
      running: Math.round(Math.max(0, s.running)),
      launched_per_minute: per(counters.launched - (this.last?.launched ?? 0)),
      ended_per_minute: per(counters.ended - (this.last?.ended ?? 0)),
    };
    this.last = { t: now, launched: counters.launched, ended: counters.ended };
    if (this.series.length > 0 && this.series[this.series.length - 1].t >= now) return point;
    this.series.push(point);
    if (this.series.length > this.maxPoints) this.series.splice(0, this.series.length - this.maxPoints);
    return point;
  }

  /** The cluster series, oldest first. */
  clusterSeries(): readonly ClusterUsagePoint[] {
    return this.series;
  }

  /** An agent's latest sums, when it reported. */
  agentSums(agentId: string): (AgentUsageSums & { at: number }) | undefined {
    const state = this.agents.get(agentId);
    return state && { ...state.sums, at: state.reportedAt };
  }

  /** Every task entry of the agents `include` accepts (e.g. active ones), agent by agent. */
  *tasks(include: (agentId: string) => boolean = () => true): Generator<TaskUsage> {
    for (const state of this.agents.values()) {
      if (!include(state.agentId)) continue;
      for (let i = 0; i < state.tasks.length; i++) {
        const v = (k: number): number | undefined => {
          const x = state.values[i * W + k];
          return Number.isNaN(x) ? undefined : x;
        };
        yield { task: state.tasks[i], cpuSeconds: v(0), cpuCores: v(1), memBytes: v(2), diskBytes: v(3) };
      }
    }
  }
}
