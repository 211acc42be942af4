/**
 * Rates from cumulative counters, and the points a chart draws: CPU cores
 * used between two samples, memory and disk as they were. Pure.
 */
import type { UsageSample } from './usage-ring';

/** User + system CPU seconds of a sample, or undefined when it has neither. */
export function cpuSeconds(sample: UsageSample): number | undefined {
  const { cpusUserTimeSecs: user, cpusSystemTimeSecs: system } = sample;
  if (user === undefined && system === undefined) return undefined;
  return (user ?? 0) + (system ?? 0);
}

/**
 * Average cores used between `previous` and `current`: Δ(cpu seconds) / Δt.
 * Undefined when either lacks CPU times, time did not move forward, or the
 * counter went down (the container's processes were replaced: a restart
 * of the counter is no negative usage).
 */
export function cpuRate(previous: UsageSample | undefined, current: UsageSample | undefined): number | undefined {
  if (!previous || !current) return undefined;
  const a = cpuSeconds(previous);
  const b = cpuSeconds(current);
  const dt = current.timestamp - previous.timestamp;
  if (a === undefined || b === undefined || !(dt > 0)) return undefined;
  const used = b - a;
  if (used < 0) return undefined;
  return used / dt;
}

/** One point of a usage chart. */
export interface UsagePoint {
  /** Seconds since the epoch. */
  t: number;
  /** Cores used since the previous point (null for the first, or after a counter reset). */
  cpus: number | null;
  /** Resident memory in bytes (null when not measured). */
  mem: number | null;
  /** Sandbox bytes on disk (null when not measured). */
  disk: number | null;
}

/** Chart points from samples in time order (the first sample gives no CPU rate). */
export function usagePoints(samples: readonly UsageSample[]): UsagePoint[] {
  const out: UsagePoint[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const rate = i > 0 ? cpuRate(samples[i - 1], s) : undefined;
    out.push({
      t: s.timestamp,
      cpus: rate === undefined ? null : round(rate, 4),
      mem: s.memRssBytes ?? s.memTotalBytes ?? null,
      disk: s.diskUsedBytes ?? null,
    });
  }
  return out;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
