/** The host's figures Mesos's `/metrics/snapshot` lists under `system/`, read from `node:os`. */
import * as os from 'node:os';

/** CPUs, load averages and memory of this host now (the shape of `SystemFigures` in `@meseta/proto/mesos-metrics`). */
export function readSystemFigures(): { cpus: number; load1: number; load5: number; load15: number; memTotalBytes: number; memFreeBytes: number } {
  const [load1, load5, load15] = os.loadavg();
  return { cpus: os.cpus().length, load1, load5, load15, memTotalBytes: os.totalmem(), memFreeBytes: os.freemem() };
}
