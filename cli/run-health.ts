/**
 * `meseta run`'s health-check flags (pure): `--health-check
 * http:PORT[/path]` or `tcp:PORT`, checked by the agent (a task on a CNI
 * network from inside its network namespace, on its own address; PORT is
 * then the container's), and `--health-interval DURATION` (the first check
 * after one interval, then one every interval; each may take as long).
 */
import type { HealthCheck } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { parseDurationSeconds } from '@meseta/runtime/duration';
import { UsageError } from './cli-error';

/** The flags read here. */
export interface RunHealthFlags {
  healthCheck?: string;
  healthInterval?: string;
}

/** The task's HealthCheck from the flags; undefined when `--health-check` is not given. */
export function runHealthCheck(flags: RunHealthFlags): HealthCheck | undefined {
  if (flags.healthCheck === undefined) {
    if (flags.healthInterval !== undefined) throw new UsageError('--health-interval: needs --health-check');
    return undefined;
  }
  const text = flags.healthCheck.trim();
  const match = /^(http|tcp):(\d{1,5})(\/.*)?$/i.exec(text);
  if (!match) throw new UsageError(`--health-check: "${flags.healthCheck}" is not http:PORT[/path] or tcp:PORT`);
  const kind = match[1].toLowerCase();
  const port = Number(match[2]);
  if (port < 1 || port > 65535) throw new UsageError(`--health-check: port ${port} is not 1-65535`);
  if (kind === 'tcp' && match[3] !== undefined) throw new UsageError(`--health-check: a tcp check has no path ("${match[3]}")`);
  let interval = 10;
  if (flags.healthInterval !== undefined) {
    let seconds = NaN;
    try {
      seconds = parseDurationSeconds(flags.healthInterval);
    } catch {
      // reported below
    }
    if (!(seconds >= 0.001) || seconds > 86400) throw new UsageError(`--health-interval: "${flags.healthInterval}" is not a duration from 1ms to 1d, such as 2s`);
    interval = seconds;
  }
  const timing = { delay_seconds: interval, interval_seconds: interval, timeout_seconds: interval, grace_period_seconds: Math.max(10, interval * 3), consecutive_failures: 3 };
  if (kind === 'tcp') return { type: pb.HealthCheck.Type.TCP, tcp: { port }, ...timing };
  return { type: pb.HealthCheck.Type.HTTP, http: { port, path: match[3] ?? '/' }, ...timing };
}
