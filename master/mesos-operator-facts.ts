/**
 * What the master's operator API (`/api/v1`) tells of the master itself:
 * GET_FLAGS (its address and tunables, named as `meseta master`'s flags
 * without the dashes; durations in seconds) and GET_METRICS (the snapshot
 * `/metrics/snapshot` serves, Mesos's metric names). Over the master's
 * records (and, for metrics, the machine's load and memory).
 */
import type { v1 } from '@meseta/proto/wire';
import type { Master } from './master';
import { readSystemFigures } from '@meseta/runtime/system-figures';
import type { SystemFigures } from '@meseta/proto/mesos-metrics';
import { masterMetricsSnapshot } from './mesos-metrics';

/** The master's flags as GET_FLAGS lists them, sorted by name. */
export function masterFlags(master: Master): v1.IFlag[] {
  const c = master.configuration;
  const flags: Record<string, string | number | undefined> = {
    ip: master.info.address?.ip ?? undefined,
    port: master.info.port ?? undefined,
    hostname: master.info.hostname ?? undefined,
    offer_timeout: c.offerTimeoutSeconds,
    agent_ping_timeout: c.agentPingTimeoutSeconds,
    max_agent_ping_timeouts: c.maxAgentPingTimeouts,
    agent_removal_timeout: c.agentRemovalTimeoutSeconds,
    agent_reregister_timeout: c.agentReregisterTimeoutSeconds,
    framework_heartbeat: c.frameworkHeartbeatSeconds,
    allocation_interval: c.allocationIntervalSeconds,
    launch_report_timeout: c.launchReportTimeoutSeconds,
    max_completed_tasks_per_framework: c.maxCompletedTasksPerFramework,
    max_completed_frameworks: c.maxCompletedFrameworks,
  };
  return Object.entries(flags)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({ name, value: String(value) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The master's metrics as GET_METRICS lists them: those of `/metrics/snapshot`, Mesos's names (`master/tasks_running`, ...). */
export function masterMetrics(master: Master, now = Date.now() / 1000, system: SystemFigures = readSystemFigures()): v1.IMetric[] {
  const snapshot = masterMetricsSnapshot({ source: master, counters: master.metrics, now, system });
  return Object.entries(snapshot).map(([name, value]) => ({ name, value }));
}
