/**
 * Pieces of Mesos's `/metrics/snapshot` that master and agent share: the
 * `system/*` figures of the host and the `<prefix>/<resource>_total|used|percent`
 * triples. Names and meanings are Mesos's (percent is a fraction of 1, as
 * Mesos reports it). Pure.
 */
import type { Resource } from './wire';
import { quantities } from './resources';

/** The host's figures Mesos lists under `system/` (read with `node:os`, `runtime/system-figures.ts`). */
export interface SystemFigures {
  cpus: number;
  load1: number;
  load5: number;
  load15: number;
  memTotalBytes: number;
  memFreeBytes: number;
}

/** `system/*` metrics (master and agent list them alike). */
export function systemMetrics(s: SystemFigures): Record<string, number> {
  return {
    'system/cpus_total': s.cpus,
    'system/load_1min': s.load1,
    'system/load_5min': s.load5,
    'system/load_15min': s.load15,
    'system/mem_total_bytes': s.memTotalBytes,
    'system/mem_free_bytes': s.memFreeBytes,
  };
}

/** `<prefix>/<name>_total`, `_used`, `_percent` for cpus, gpus, mem, disk. */
export function resourceMetrics(prefix: string, total: readonly Resource[], used: readonly Resource[]): Record<string, number> {
  const t = quantities(total);
  const u = quantities(used);
  const out: Record<string, number> = {};
  for (const name of ['cpus', 'gpus', 'mem', 'disk']) {
    const totalOf = t.get(name) ?? 0;
    const usedOf = u.get(name) ?? 0;
    out[`${prefix}/${name}_total`] = totalOf;
    out[`${prefix}/${name}_used`] = usedOf;
    out[`${prefix}/${name}_percent`] = totalOf > 0 ? usedOf / totalOf : 0;
  }
  return out;
}
