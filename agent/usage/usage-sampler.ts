/**
 * The agent's usage sampler: every `--usage-interval` it measures each
 * running task's container (CPU, memory through its containerizer: cgroups
 * for runc and Docker, /proc for posix; disk by walking its sandbox) and
 * appends the sample to that container's ring of the last hour. The agent's
 * own series (sums over its containers per round) sits beside them.
 *
 * Cost per round is bounded: containers are measured a few at a time, each
 * with a handful of asynchronous reads (posix tasks share one /proc scan),
 * a sandbox walk stops at its entry cap, and a round that is still running
 * when the next is due makes that one skip. Nothing here blocks the loop.
 */
import type { Clock, TimerHandle } from '@meseta/runtime/clock';
import type { Logger } from '@meseta/runtime/log';
import type { Resource } from '@meseta/proto/wire';
import { quantities } from '@meseta/proto/resources';
import type { Containerizer, ContainerUsage } from '../containerizer';
import { UsageRing } from './usage-ring';
import { cpuRate, cpuSeconds, type UsagePoint } from './usage-rates';
import type { DiskUsage } from './sandbox-disk';
import { isVolumeResource } from '../volume-paths';

/** A container to measure, as the agent's task book knows it. */
export interface UsageTarget {
  containerId: string;
  frameworkId: string;
  taskId: string;
  /** The task's executor id ('' for a command task, as Mesos's JSON has it). */
  executorId: string;
  executorName: string;
  sandboxDir?: string;
  containerizer?: Containerizer;
  /** The task's resources: its cpus, mem and disk are its limits. */
  resources: readonly Resource[] | null | undefined;
}

/** A task's limits as its resources give them. */
export interface UsageLimits {
  cpus?: number;
  memBytes?: number;
  diskBytes?: number;
}

/** One container's series and what is known of it. */
export interface ContainerSeries {
  containerId: string;
  frameworkId: string;
  taskId: string;
  executorId: string;
  executorName: string;
  limits: UsageLimits;
  ring: UsageRing;
  /** The latest measurement with what the ring does not keep (kernel limit, processes). */
  last?: ContainerUsage & { diskUsedBytes?: number; diskComplete?: boolean };
  /** Set once the container is no longer running (seconds since the epoch). */
  endedAt?: number;
}

/** Options of {@link UsageSampler}. */
export interface UsageSamplerOptions {
  /** Milliseconds between rounds (`--usage-interval`). */
  intervalMs: number;
  /** How much history each ring keeps. @default one hour */
  historyMs?: number;
  /** The running containers now. */
  targets(): UsageTarget[];
  /** Bytes a sandbox takes (`sandbox-disk.ts`). */
  disk(dir: string): Promise<DiskUsage | undefined>;
  clock: Clock;
  logger: Logger;
  /** Series of ended containers kept for their task pages. @default 100 */
  keepEnded?: number;
  /** Containers measured at once. @default 4 */
  concurrency?: number;
  /** What the agent's tasks hold now, recorded with each of the agent's own points. @default not recorded */
  allocated?(): { cpus: number; memBytes: number; diskBytes: number };
}

/** A point of the agent's own series: its containers' sums and what its tasks held. */
export interface AgentUsagePoint extends UsagePoint {
  allocated?: { cpus: number; mem: number; disk: number };
}

/**
 * The limits in a task's resources (mem and disk in MB, as resources count
 * them). The disk limit is the plain disk, the sandbox's: persistent volumes
 * are not in the sandbox measured and each has its own size.
 */
export function limitsOf(resources: readonly Resource[] | null | undefined): UsageLimits {
  const q = quantities((resources ?? []).filter((r) => !isVolumeResource(r)));
  const out: UsageLimits = {};
  if (q.has('cpus')) out.cpus = q.get('cpus');
  if (q.has('mem')) out.memBytes = Math.round((q.get('mem') as number) * 1024 * 1024);
  if (q.has('disk')) out.diskBytes = Math.round((q.get('disk') as number) * 1024 * 1024);
  return out;
}

/** Samples in an hour at `intervalMs`, at least 2 (a rate needs two). */
export function ringCapacity(intervalMs: number, historyMs = 3_600_000): number {
  return Math.max(2, Math.ceil(historyMs / Math.max(1, intervalMs)));
}

/** Measures containers on an interval and keeps their last hour. */
export class UsageSampler {
  private readonly live = new Map<string, ContainerSeries>();
  /** Ended containers, oldest first (a Map keeps insertion order). */
  private readonly ended = new Map<string, ContainerSeries>();
  private readonly agentPoints: AgentUsagePoint[] = [];
  private readonly capacity: number;
  private timer?: TimerHandle;
  private round?: Promise<void>;
  /** Rounds skipped because the previous one was still running. */
  skippedRounds = 0;

  constructor(private readonly options: UsageSamplerOptions) {
    this.capacity = ringCapacity(options.intervalMs, options.historyMs);
  }

  /** Sample now, then every interval. */
  start(): void {
    if (this.timer) return;
    void this.sampleOnce();
    this.timer = this.options.clock.every(this.options.intervalMs, () => void this.sampleOnce());
  }

  /** Stop sampling; resolves once a round under way has ended. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.round;
  }

  /** One round (skipped while the previous one runs). Never rejects. */
  sampleOnce(): Promise<void> {
    if (this.round) {
      this.skippedRounds++;
      return this.round;
    }
    this.round = this.measureAll()
      .catch((e: unknown) => this.options.logger.warn('usage round failed', { error: (e as Error).message }))
      .finally(() => {
        this.round = undefined;
      });
    return this.round;
  }

  /** A container's series, running or recently ended. */
  series(containerId: string): ContainerSeries | undefined {
    return this.live.get(containerId) ?? this.ended.get(containerId);
  }

  /** The newest series of a task (a relaunched task id has several containers; the running one first). */
  seriesOfTask(frameworkId: string, taskId: string): ContainerSeries | undefined {
    for (const s of this.live.values()) if (s.taskId === taskId && (frameworkId === '' || s.frameworkId === frameworkId)) return s;
    let found: ContainerSeries | undefined;
    for (const s of this.ended.values()) if (s.taskId === taskId && (frameworkId === '' || s.frameworkId === frameworkId)) found = s;
    return found;
  }

  /** Series of the running containers. */
  running(): ContainerSeries[] {
    return [...this.live.values()];
  }

  /** The agent's own points (sums over its containers per round), oldest first. */
  agentSeries(): readonly AgentUsagePoint[] {
    return this.agentPoints;
  }

  /** Cores a series used between its last two samples. */
  static rate(series: ContainerSeries): number | undefined {
    return cpuRate(series.ring.previous(), series.ring.latest());
  }

  private async measureAll(): Promise<void> {
    const targets = this.options.targets();
    const current = new Set<string>();
    for (const t of targets) {
      current.add(t.containerId);
      if (!this.live.has(t.containerId)) {
        this.live.set(t.containerId, {
          containerId: t.containerId, frameworkId: t.frameworkId, taskId: t.taskId, executorId: t.executorId, executorName: t.executorName,
          limits: limitsOf(t.resources), ring: new UsageRing(this.capacity),
        });
      }
    }
    const now = this.options.clock.now() / 1000;
    for (const [id, series] of this.live) {
      if (current.has(id)) continue;
      this.live.delete(id);
      series.endedAt = now;
      this.ended.set(id, series);
    }
    const keep = this.options.keepEnded ?? 100;
    for (const id of this.ended.keys()) {
      if (this.ended.size <= keep) break;
      this.ended.delete(id);
    }
    const queue = [...targets];
    const workers = Array.from({ length: Math.min(this.options.concurrency ?? 4, queue.length) }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) await this.measure(t);
    });
    await Promise.all(workers);
    this.addAgentPoint(now);
  }

  private async measure(target: UsageTarget): Promise<void> {
    const series = this.live.get(target.containerId);
    if (!series) return;
    const [usage, disk] = await Promise.all([
      target.containerizer?.usage?.(target.containerId).catch(() => undefined),
      target.sandboxDir ? this.options.disk(target.sandboxDir).catch(() => undefined) : undefined,
    ]);
    if (!usage && !disk) return;
    const timestamp = usage?.timestamp ?? this.options.clock.now() / 1000;
    series.ring.push({
      timestamp,
      cpusUserTimeSecs: usage?.cpusUserTimeSecs,
      cpusSystemTimeSecs: usage?.cpusSystemTimeSecs,
      memRssBytes: usage?.memRssBytes,
      memTotalBytes: usage?.memTotalBytes,
      diskUsedBytes: disk?.bytes,
    });
    series.last = { ...(usage ?? { timestamp }), diskUsedBytes: disk?.bytes, diskComplete: disk?.complete };
  }

  private addAgentPoint(t: number): void {
    let cpus: number | null = null;
    let mem: number | null = null;
    let disk: number | null = null;
    for (const s of this.live.values()) {
      const latest = s.ring.latest();
      if (!latest) continue;
      const rate = UsageSampler.rate(s);
      if (rate !== undefined) cpus = (cpus ?? 0) + rate;
      const m = latest.memRssBytes ?? latest.memTotalBytes;
      if (m !== undefined) mem = (mem ?? 0) + m;
      if (latest.diskUsedBytes !== undefined) disk = (disk ?? 0) + latest.diskUsedBytes;
    }
    if (this.agentPoints.length > 0 && t <= this.agentPoints[this.agentPoints.length - 1].t) return;
    const point: AgentUsagePoint = { t, cpus: cpus === null ? null : Math.round(cpus * 1e4) / 1e4, mem, disk };
    const held = this.options.allocated?.();
    if (held) point.allocated = { cpus: held.cpus, mem: held.memBytes, disk: held.diskBytes };
    this.agentPoints.push(point);
    if (this.agentPoints.length > this.capacity) this.agentPoints.splice(0, this.agentPoints.length - this.capacity);
  }
}

export { cpuSeconds };
