/**
 * Disk limits of a task and the check against them (pure), as Mesos's
 * `disk/du` isolator: the sandbox is held to the task's plain disk (its
 * `disk` resources without a persistent volume); each persistent volume is
 * held to its own size. A task with no plain disk has no sandbox limit.
 */
import type { Resource } from '@meseta/proto/wire';
import { isVolumeResource, volumeDir, volumeSpecOf } from './volume-paths';

const MB = 1024 * 1024;

/** One path of a task and the most it may hold. */
export interface DiskLimit {
  kind: 'sandbox' | 'volume';
  /** The directory measured. */
  path: string;
  limitMb: number;
  /** The volume's persistence id (kind `volume`). */
  volumeId?: string;
}

/** The limits of a task whose sandbox is `sandboxDir` (undefined: none). */
export function taskDiskLimits(resources: readonly Resource[] | null | undefined, sandboxDir: string | undefined, workDir: string): DiskLimit[] {
  const limits: DiskLimit[] = [];
  let plain = 0;
  let hasPlain = false;
  for (const [i, resource] of (resources ?? []).entries()) {
    if (resource.name !== 'disk') continue;
    if (isVolumeResource(resource)) {
      const spec = volumeSpecOf(resource, `task.resources[${i}]`);
      if ('problem' in spec) continue; // refused at launch; nothing to measure
      limits.push({ kind: 'volume', path: volumeDir(workDir, spec), limitMb: spec.sizeMb, volumeId: spec.id });
      continue;
    }
    const value = resource.scalar?.value;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      plain += value;
      hasPlain = true;
    }
  }
  if (hasPlain && sandboxDir) limits.unshift({ kind: 'sandbox', path: sandboxDir, limitMb: plain });
  return limits;
}

/** What a measurement found for one limit. */
export interface DiskMeasurement {
  limit: DiskLimit;
  usedBytes: number;
}

/** MB with one decimal, for messages. */
function mb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

/**
 * The first limit a task is past, as a message naming the path, what it
 * uses and its limit (in MB); undefined when every path is within its limit.
 */
export function diskLimitViolation(measurements: readonly DiskMeasurement[]): string | undefined {
  for (const { limit, usedBytes } of measurements) {
    if (usedBytes <= limit.limitMb * MB) continue;
    const what = limit.kind === 'sandbox'
      ? `sandbox ${limit.path} uses ${mb(usedBytes)} MB, above the task's disk of ${limit.limitMb} MB`
      : `persistent volume "${limit.volumeId}" (${limit.path}) uses ${mb(usedBytes)} MB, above its size of ${limit.limitMb} MB`;
    return `Disk usage exceeded its limit: ${what}`;
  }
  return undefined;
}
