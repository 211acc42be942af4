/**
 * The cgroup limits of a container, from the resources of its task (pure):
 * cpus → CPU shares and a CFS quota, mem → a memory limit (swap included,
 * so no swap), and a pids limit (a `pids` scalar resource when the task
 * has one, else the containerizer's default).
 */
import type { Resource } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';

/** Limits of one container's cgroup; absent means unlimited. */
export interface ContainerLimits {
  cpuShares?: number;
  /** CFS period in microseconds (with {@link cpuQuotaUs}). */
  cpuPeriodUs?: number;
  /** CFS quota in microseconds per period. */
  cpuQuotaUs?: number;
  memoryBytes?: number;
  pids?: number;
}

/** CPU shares per cpu, as the kernel and Mesos count them. */
export const SHARES_PER_CPU = 1024;
/** The kernel's smallest share value. */
export const MIN_CPU_SHARES = 2;
/** CFS period used for every container (100 ms, as Mesos and Docker). */
export const CFS_PERIOD_US = 100_000;
/** The kernel's smallest CFS quota (1 ms). */
export const MIN_CFS_QUOTA_US = 1_000;
/** Smallest memory limit given to a container, so the runtime itself can start in it. */
export const MIN_MEMORY_BYTES = 4 * 1024 * 1024;
/** Default pids limit when the task names none. */
export const DEFAULT_PIDS_LIMIT = 4096;

/** Sum of the scalar resources called `name` (any role or reservation). */
export function scalarSum(resources: readonly Resource[] | null | undefined, name: string): number | undefined {
  let total: number | undefined;
  for (const r of resources ?? []) {
    if (r.name !== name || (r.type ?? ValueType.SCALAR) !== ValueType.SCALAR) continue;
    total = (total ?? 0) + Number(r.scalar?.value ?? 0);
  }
  return total;
}

/** CPU shares for `cpus` (at least {@link MIN_CPU_SHARES}). */
export function cpuShares(cpus: number): number {
  return Math.max(MIN_CPU_SHARES, Math.round(cpus * SHARES_PER_CPU));
}

/** CFS quota in microseconds per {@link CFS_PERIOD_US} for `cpus` (at least 1 ms). */
export function cfsQuotaUs(cpus: number): number {
  return Math.max(MIN_CFS_QUOTA_US, Math.round(cpus * CFS_PERIOD_US));
}

/** Bytes for `mem` megabytes (at least {@link MIN_MEMORY_BYTES}). */
export function memoryBytes(megabytes: number): number {
  return Math.max(MIN_MEMORY_BYTES, Math.round(megabytes * 1024 * 1024));
}

/**
 * The limits for a container running with `resources`. A resource that is
 * absent (or zero) leaves its limit unset, except pids, which falls back to
 * `defaultPids` (0: no limit).
 */
export function limitsFor(resources: readonly Resource[] | null | undefined, defaultPids: number = DEFAULT_PIDS_LIMIT): ContainerLimits {
  const limits: ContainerLimits = {};
  const cpus = scalarSum(resources, 'cpus');
  if (cpus !== undefined && cpus > 0) {
    limits.cpuShares = cpuShares(cpus);
    limits.cpuPeriodUs = CFS_PERIOD_US;
    limits.cpuQuotaUs = cfsQuotaUs(cpus);
  }
  const mem = scalarSum(resources, 'mem');
  if (mem !== undefined && mem > 0) limits.memoryBytes = memoryBytes(mem);
  const pids = scalarSum(resources, 'pids');
  if (pids !== undefined && pids > 0) limits.pids = Math.floor(pids);
  else if (defaultPids > 0) limits.pids = defaultPids;
  return limits;
}
