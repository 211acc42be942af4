/**
 * A Docker container's usage from the Engine's `GET /containers/<id>/stats`
 * answer (which the daemon reads from the container's cgroup). Pure.
 */
import type { CgroupUsage } from './cgroup-usage';

/** The parts of the stats answer we read. */
export interface DockerStats {
  cpu_stats?: { cpu_usage?: { usage_in_usermode?: number; usage_in_kernelmode?: number } };
  memory_stats?: { usage?: number; limit?: number; stats?: { rss?: number; total_rss?: number; anon?: number } };
}

/** Above this a limit means none (the daemon reports the host's memory, or 2^63 on cgroup v1). */
const UNLIMITED = 2 ** 62;

/** CPU seconds (nanoseconds in the answer), resident and total memory, the limit. */
export function dockerStatsUsage(stats: DockerStats): CgroupUsage {
  const usage: CgroupUsage = {};
  const cpu = stats.cpu_stats?.cpu_usage;
  if (typeof cpu?.usage_in_usermode === 'number') usage.cpusUserTimeSecs = cpu.usage_in_usermode / 1e9;
  if (typeof cpu?.usage_in_kernelmode === 'number') usage.cpusSystemTimeSecs = cpu.usage_in_kernelmode / 1e9;
  const memory = stats.memory_stats;
  const rss = memory?.stats?.total_rss ?? memory?.stats?.rss ?? memory?.stats?.anon ?? memory?.usage;
  if (typeof rss === 'number') usage.memRssBytes = rss;
  if (typeof memory?.usage === 'number') usage.memTotalBytes = memory.usage;
  if (typeof memory?.limit === 'number' && memory.limit > 0 && memory.limit < UNLIMITED) usage.memLimitBytes = memory.limit;
  return usage;
}
