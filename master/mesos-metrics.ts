/**
 * `/metrics/snapshot` on the master: a flat JSON object of Mesos's metric
 * names (`master/tasks_running`, `master/cpus_total`, `master/elected`, …)
 * with Mesos's meaning, for exporters and dashboards written against
 * Mesos. "slave" stays in the names where Mesos has it (a wire fact).
 *
 * Only what the master really measures is listed: no constant zeros for
 * things it does not count (Mesos's event queue, registrar timings,
 * per-reason task counters, dropped messages are absent). Pure: the
 * counters, the clock and the host's figures come in as arguments.
 */
import { roundScalar, scalar } from '@meseta/proto/resources';
import { type SystemFigures, resourceMetrics, systemMetrics } from '@meseta/proto/mesos-metrics';
import { type Resource, ValueType } from '@meseta/proto/wire';
import { mesosTaskState } from '@meseta/proto/mesos-json';
import type { MasterMetrics } from './metrics';
import type { MesosStateSource } from './mesos-state-json';
import { listedAgent } from './mesos-state-json';

/** Live task states Mesos reports as gauges. */
const LIVE_STATES = ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_UNREACHABLE'] as const;
/** Terminal states Mesos counts (counters since the master started). */
const ENDED_STATES = ['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR'] as const;

/** Our Scheduler API calls as the `master/messages_*` counters Mesos keeps for them. */
const CALL_MESSAGES: ReadonlyArray<readonly [string, string]> = [
  ['ACCEPT', 'master/messages_launch_tasks'],
  ['DECLINE', 'master/messages_decline_offers'],
  ['REVIVE', 'master/messages_revive_offers'],
  ['SUPPRESS', 'master/messages_suppress_offers'],
  ['RECONCILE', 'master/messages_reconcile_tasks'],
  ['KILL', 'master/messages_kill_task'],
  ['MESSAGE', 'master/messages_framework_to_executor'],
  ['TEARDOWN', 'master/messages_unregister_framework'],
  ['REQUEST', 'master/messages_resource_request'],
];

/** What one walk over agents, frameworks and tasks sums. */
interface Tally {
  agents: Record<'ACTIVE' | 'DISCONNECTED' | 'UNREACHABLE', number>;
  /** Scalar totals by resource name (only scalars are reported). */
  total: Map<string, number>;
  used: Map<string, number>;
  frameworks: { connected: number; disconnected: number; active: number; inactive: number };
  live: Map<string, number>;
}

function addScalars(into: Map<string, number>, resources: readonly Resource[]): void {
  for (const r of resources) {
    if (r.type !== undefined && r.type !== null && r.type !== ValueType.SCALAR) continue;
    const name = r.name ?? '';
    into.set(name, (into.get(name) ?? 0) + (r.scalar?.value ?? 0));
  }
}

/** Scalar sums as resources, for `resourceMetrics`. */
function asResources(sums: Map<string, number>): Resource[] {
  return [...sums].map(([name, value]) => scalar(name, roundScalar(value)));
}

/** Sum into `t`, yielding after each agent and task (so a caller can pause between). */
function* tallySteps(source: MesosStateSource, t: Tally): Generator<void> {
  for (const a of source.agents.values()) {
    if (!a.recovered && (a.status === 'ACTIVE' || a.status === 'DISCONNECTED' || a.status === 'UNREACHABLE')) t.agents[a.status]++;
    if (listedAgent(a)) {
      addScalars(t.total, a.total);
      for (const task of a.tasks.values()) addScalars(t.used, task.resources);
    }
    yield;
  }
  for (const f of source.frameworks.values()) {
    if (f.connected) t.frameworks.connected++;
    else t.frameworks.disconnected++;
    if (f.active) t.frameworks.active++;
    else t.frameworks.inactive++;
    for (const task of f.tasks.values()) {
      const name = mesosTaskState(task.task.state);
      t.live.set(name, (t.live.get(name) ?? 0) + 1);
      yield;
    }
  }
}

/** What the master's snapshot needs besides its records. */
export interface MasterMetricsInput {
  source: MesosStateSource;
  counters: Pick<MasterMetrics, 'tasksEnded' | 'calls' | 'acknowledgements' | 'statusUpdates'>;
  /** Seconds since the epoch. */
  now: number;
  system: SystemFigures;
}

function emptyTally(): Tally {
  return {
    agents: { ACTIVE: 0, DISCONNECTED: 0, UNREACHABLE: 0 },
    total: new Map(),
    used: new Map(),
    frameworks: { connected: 0, disconnected: 0, active: 0, inactive: 0 },
    live: new Map(),
  };
}

function snapshotOf(input: MasterMetricsInput, t: Tally): Record<string, number> {
  const { counters, source } = input;
  const out: Record<string, number> = {
    'master/elected': 1,
    'master/uptime_secs': Math.max(0, input.now - source.startTime),
    'master/slaves_active': t.agents.ACTIVE,
    'master/slaves_inactive': t.agents.DISCONNECTED,
    'master/slaves_connected': t.agents.ACTIVE,
    'master/slaves_disconnected': t.agents.DISCONNECTED,
    'master/slaves_unreachable': t.agents.UNREACHABLE,
    'master/frameworks_connected': t.frameworks.connected,
    'master/frameworks_disconnected': t.frameworks.disconnected,
    'master/frameworks_active': t.frameworks.active,
    'master/frameworks_inactive': t.frameworks.inactive,
    'master/outstanding_offers': source.offers.size,
  };
  for (const s of LIVE_STATES) out[`master/tasks_${s.slice(5).toLowerCase()}`] = t.live.get(s) ?? 0;
  for (const s of ENDED_STATES) out[`master/tasks_${s.slice(5).toLowerCase()}`] = counters.tasksEnded.get(s) ?? 0;
  Object.assign(out, resourceMetrics('master', asResources(t.total), asResources(t.used)));
  for (const [call, name] of CALL_MESSAGES) out[name] = counters.calls.get(call) ?? 0;
  out['master/messages_status_update_acknowledgement'] = counters.acknowledgements;
  out['master/messages_status_update'] = counters.statusUpdates;
  Object.assign(out, systemMetrics(input.system));
  return out;
}

/** The leading master's `/metrics/snapshot` (every agent and task walked at once). */
export function masterMetricsSnapshot(input: MasterMetricsInput): Record<string, number> {
  const t = emptyTally();
  const steps = tallySteps(input.source, t);
  while (!steps.next().done);
  return snapshotOf(input, t);
}

/** {@link masterMetricsSnapshot}, walked `slice` entries per turn of the event loop. */
export async function masterMetricsSnapshotSliced(input: MasterMetricsInput, slice = 5000): Promise<Record<string, number>> {
  const t = emptyTally();
  const steps = tallySteps(input.source, t);
  for (let n = 1; !steps.next().done; n++) {
    if (n % slice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return snapshotOf(input, t);
}

/** A standby master's `/metrics/snapshot`: it holds no cluster state, only that it does not lead. */
export function standbyMetricsSnapshot(startTime: number, now: number, system: SystemFigures): Record<string, number> {
  return { 'master/elected': 0, 'master/uptime_secs': Math.max(0, now - startTime), ...systemMetrics(system) };
}
