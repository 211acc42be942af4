/**
 * What an agent offers: detected host resources, overridden per name by
 * `--resources`.
 *
 * Detection follows the Mesos agent's rule:
 * - `cpus`: the number of logical CPUs.
 * - `mem`: total memory in MiB; when there is more than 1 GiB, 1 GiB is left
 *   to the host (total − 1024), otherwise all of it is used.
 * - `disk`: available space of the work dir's file system in MiB; when there
 *   is more than 10 GiB, 5 GiB is left to the host (available − 5120),
 *   otherwise all of it is used.
 * - `ports`: `[31000-32000]`.
 *
 * A name given in `--resources` (under any role) replaces the detected
 * value of that name entirely, as in Mesos.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Resource } from '@meseta/proto/wire';
import { normalize, ranges, scalar } from '@meseta/proto/resources';
import { parseResources, ResourceTextError } from '@meseta/proto/resource-text';

/** Facts about the host that the defaults are computed from. */
export interface HostFacts {
  /** Logical CPUs. */
  cpus: number;
  /** Total memory in bytes. */
  memoryBytes: number;
  /** Available bytes on the work dir's file system; undefined when unknown. */
  diskAvailableBytes?: number;
}

const MIB = 1024 * 1024;
/** Memory left to the host when it has more than this much (MiB). */
export const MEMORY_HEADROOM_MIB = 1024;
/** Disk left to the host when it has more than {@link DISK_HEADROOM_THRESHOLD_MIB} (MiB). */
export const DISK_HEADROOM_MIB = 5 * 1024;
/** Disk above which {@link DISK_HEADROOM_MIB} is kept back (MiB). */
export const DISK_HEADROOM_THRESHOLD_MIB = 10 * 1024;
/** Disk used when the file system cannot be measured (MiB), as Mesos. */
export const DEFAULT_DISK_MIB = 10 * 1024;
/** The default port range an agent offers. */
export const DEFAULT_PORTS: [number, number] = [31000, 32000];

/** Memory an agent offers for a host with `memoryBytes` of RAM (MiB, whole). */
export function offeredMemoryMib(memoryBytes: number): number {
  const total = Math.floor(memoryBytes / MIB);
  return total > MEMORY_HEADROOM_MIB ? total - MEMORY_HEADROOM_MIB : total;
}

/** Disk an agent offers when `availableBytes` are free (MiB, whole). */
export function offeredDiskMib(availableBytes: number | undefined): number {
  if (availableBytes === undefined) return DEFAULT_DISK_MIB;
  const free = Math.floor(availableBytes / MIB);
  return free > DISK_HEADROOM_THRESHOLD_MIB ? free - DISK_HEADROOM_MIB : free;
}

/** The detected resources of a host: cpus, mem, disk and ports. */
export function detectedResources(facts: HostFacts): Resource[] {
  return [
    scalar('cpus', Math.max(1, facts.cpus)),
    scalar('mem', offeredMemoryMib(facts.memoryBytes)),
    scalar('disk', offeredDiskMib(facts.diskAvailableBytes)),
    ranges('ports', [DEFAULT_PORTS]),
  ];
}

/**
 * Merge detected and configured resources: every name present in
 * `configured` (under any role) replaces the detected entries of that name;
 * other detected names are kept. Returns a normalised list.
 */
export function mergeResources(detected: readonly Resource[], configured: readonly Resource[]): Resource[] {
  const overridden = new Set(configured.map((r) => r.name ?? ''));
  return normalize([...detected.filter((r) => !overridden.has(r.name ?? '')), ...configured]);
}

/** Raised when `--resources` or `--attributes` cannot be read; the agent refuses to start. */
export class AgentFlagError extends Error {
  constructor(
    /** The flag, e.g. `--resources`. */
    readonly flag: string,
    /** What is wrong, naming the entry. */
    readonly problem: string,
  ) {
    super(`${flag}: ${problem}`);
    this.name = 'AgentFlagError';
  }
}

/** Parse `--resources` text, turning a parse error into an {@link AgentFlagError}. */
export function parseResourceFlag(text: string | undefined): Resource[] {
  if (text === undefined || text.trim() === '') return [];
  try {
    return parseResources(text);
  } catch (e) {
    if (e instanceof ResourceTextError) throw new AgentFlagError('--resources', e.message);
    throw e;
  }
}

/** Measure the host: CPUs, memory and the free space of `workDir`'s file system. */
export async function detectHostFacts(workDir: string): Promise<HostFacts> {
  let diskAvailableBytes: number | undefined;
  try {
    const stats = await fs.promises.statfs(workDir);
    diskAvailableBytes = Number(stats.bavail) * Number(stats.bsize);
  } catch {
    diskAvailableBytes = undefined;
  }
  return { cpus: os.cpus().length, memoryBytes: os.totalmem(), diskAvailableBytes };
}

/**
 * The resources an agent offers: detection merged with `--resources`.
 * Throws {@link AgentFlagError} naming the bad entry.
 */
export async function agentResources(resourcesText: string | undefined, workDir: string): Promise<Resource[]> {
  const configured = parseResourceFlag(resourcesText);
  return mergeResources(detectedResources(await detectHostFacts(workDir)), configured);
}
