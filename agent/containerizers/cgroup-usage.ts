/**
 * A container's CPU and memory read from its cgroup's files, as text in,
 * numbers out (pure; `cgroups.ts` reads the files). cgroup v1: `cpuacct.stat`
 * (USER_HZ ticks), `memory.stat` (`total_rss`, `total_cache`),
 * `memory.usage_in_bytes`, `memory.limit_in_bytes`; v2: `cpu.stat`
 * (microseconds), `memory.stat` (`anon`), `memory.current`, `memory.max`.
 */

/** CPU and memory of one cgroup (its subtree). */
export interface CgroupUsage {
  cpusUserTimeSecs?: number;
  cpusSystemTimeSecs?: number;
  /** Anonymous resident memory (v1 `total_rss`, v2 `anon`). */
  memRssBytes?: number;
  /** Everything charged to the cgroup, page cache included. */
  memTotalBytes?: number;
  /** The memory limit; absent when there is none. */
  memLimitBytes?: number;
}

/** Above this a v1 limit means "no limit" (the kernel writes 2^63 rounded down to a page). */
const V1_UNLIMITED = 2 ** 62;

/** The number after `key ` on its own line of a flat keyed file (`user 123`), or undefined. */
export function keyedValue(text: string | undefined, key: string): number | undefined {
  if (!text) return undefined;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0 || line.slice(0, space) !== key) continue;
    const value = Number(line.slice(space + 1).trim());
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

function single(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '' || !/^\d+$/.test(t)) return undefined;
  return Number(t);
}

/** The files of a v1 container cgroup (undefined when missing). */
export interface CgroupV1Files {
  cpuacctStat?: string;
  memoryStat?: string;
  memoryUsage?: string;
  memoryLimit?: string;
}

/** Usage from cgroup v1 files; `ticksPerSecond` is USER_HZ (100). */
export function cgroupV1Usage(files: CgroupV1Files, ticksPerSecond = 100): CgroupUsage {
  const usage: CgroupUsage = {};
  const user = keyedValue(files.cpuacctStat, 'user');
  const system = keyedValue(files.cpuacctStat, 'system');
  if (user !== undefined) usage.cpusUserTimeSecs = user / ticksPerSecond;
  if (system !== undefined) usage.cpusSystemTimeSecs = system / ticksPerSecond;
  const rss = keyedValue(files.memoryStat, 'total_rss') ?? keyedValue(files.memoryStat, 'rss');
  if (rss !== undefined) usage.memRssBytes = rss;
  const total = single(files.memoryUsage);
  if (total !== undefined) usage.memTotalBytes = total;
  const limit = single(files.memoryLimit);
  if (limit !== undefined && limit < V1_UNLIMITED) usage.memLimitBytes = limit;
  return usage;
}

/** The files of a v2 container cgroup (undefined when missing). */
export interface CgroupV2Files {
  cpuStat?: string;
  memoryStat?: string;
  memoryCurrent?: string;
  memoryMax?: string;
}

/** Usage from cgroup v2 files (`memory.max` is `max` without a limit). */
export function cgroupV2Usage(files: CgroupV2Files): CgroupUsage {
  const usage: CgroupUsage = {};
  const user = keyedValue(files.cpuStat, 'user_usec');
  const system = keyedValue(files.cpuStat, 'system_usec');
  if (user !== undefined) usage.cpusUserTimeSecs = user / 1e6;
  if (system !== undefined) usage.cpusSystemTimeSecs = system / 1e6;
  const anon = keyedValue(files.memoryStat, 'anon');
  const current = single(files.memoryCurrent);
  if (anon !== undefined) usage.memRssBytes = anon;
  else if (current !== undefined) usage.memRssBytes = current;
  if (current !== undefined) usage.memTotalBytes = current;
  const limit = single(files.memoryMax);
  if (limit !== undefined) usage.memLimitBytes = limit;
  return usage;
}
