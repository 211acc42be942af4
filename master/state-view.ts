/**
 * Read-only views of the master's state for the Operator API, `/state`
 * and `/metrics`. Built from the master's records on request; nothing
 * here changes state.
 */
import type { Master } from './master';
import type { AgentDrain, AgentRecord, FrameworkRecord, TaskRecord } from './state';
import type { AgentState, ClusterState, FrameworkState, Resource, Task, v1 } from '@meseta/proto/wire';
import { pb, TaskState } from '@meseta/proto/wire';
import { add } from '@meseta/proto/resources';
import { schedulerCallsReceivedSamples, type MetricSample } from './metrics';
import { eventLoopDelaySamples } from './event-loop-delay';
import { reservedByRole, roleTree, type RoleEntry } from './role-tree';
import { volumeEntries } from './agent-volumes';
import { ResourceAmounts } from './resource-amounts';
import type { MetricFigures, MetricSums } from './metric-sums';

const AGENT_STATUS = pb.AgentState.Status;

/** A task as the state views show it. */
export function taskView(t: TaskRecord): Task {
  return { ...t.task, statuses: t.statuses };
}

/** An agent as the state views show it. */
export function agentView(master: Master, a: AgentRecord): AgentState {
  const allocated = add([], [...a.tasks.values()].flatMap((t) => t.resources));
  const offered = add([], [...a.offers].flatMap((id) => master.offers.get(id)?.resources ?? []));
  return {
    agent_info: a.info,
    status: AGENT_STATUS[a.status],
    registered_time: a.registeredTime,
    reregistered_time: a.reregisteredTime,
    unreachable_time: a.unreachableTime,
    total_resources: a.total,
    allocated_resources: allocated,
    offered_resources: offered,
    version: a.version,
    address: { hostname: a.info.hostname ?? '', ip: a.info.ip || a.info.hostname || '', port: a.info.port ?? 5051 },
    ...(a.deactivated ? { deactivated: true } : {}),
    ...(a.drain ? { drain_info: drainInfoView(a.drain) } : {}),
    ...volumesView(a),
  };
}

/** The agent's persistent volumes for its state entry; nothing when it has none (the common case costs one scan of its total). */
function volumesView(a: AgentRecord): Pick<AgentState, 'volumes'> {
  if (!a.total.some((r) => r.disk?.persistence)) return {};
  return { volumes: volumeEntries(a) };
}

/** An agent's drain as the Operator API and /state show it. */
export function drainInfoView(d: AgentDrain): v1.IAgentDrainInfo {
  return {
    state: d.state === 'DRAINED' ? pb.AgentDrainInfo.State.DRAINED : pb.AgentDrainInfo.State.DRAINING,
    mark_gone: d.markGone,
    since: d.since,
    ...(d.maxGracePeriodSeconds !== undefined ? { max_grace_period: { nanoseconds: Math.round(d.maxGracePeriodSeconds * 1e9) } } : {}),
  };
}

/** The resources a framework's live tasks hold (what `allocated_resources` shows). */
export function frameworkAllocated(f: FrameworkRecord): Resource[] {
  return add([], [...f.tasks.values()].flatMap((t) => t.resources));
}

/** A framework as the state views show it; `allocated` when already summed. */
export function frameworkView(master: Master, f: FrameworkRecord, allocated = frameworkAllocated(f)): FrameworkState {
  const offers = [...f.offers].map((id) => master.offers.get(id)).filter((o) => o !== undefined);
  return {
    framework_info: f.info,
    active: f.active,
    connected: f.connected,
    recovered: f.recovered,
    registered_time: f.registeredTime,
    reregistered_time: f.reregisteredTime,
    unregistered_time: f.unregisteredTime,
    allocated_resources: allocated,
    offered_resources: add([], offers.flatMap((o) => o.resources)),
    dominant_share: master.allocatorView.frameworkShare(f.id),
    suppressed: f.suppressedRoles.size > 0 && f.roles.every((r) => f.suppressedRoles.has(r)),
    offers: offers.map((o) => o.offer),
    recent_declines: [...f.recentDeclines],
    failover_deadline: f.failoverDeadline,
  };
}

/** Agents whose reservations count toward their roles: those not unreachable or gone. */
export function countsReservations(a: AgentRecord): boolean {
  return a.status !== 'UNREACHABLE' && a.status !== 'GONE';
}

/**
 * The master's roles as a tree (`role-tree.ts`): `allocated` gives what a
 * framework's live tasks hold when the caller summed it already; `totals`
 * the agents' totals when the caller walked them already.
 */
export function masterRoleTree(
  master: Master,
  allocated: (f: FrameworkRecord) => Resource[] = frameworkAllocated,
  totals: Iterable<readonly Resource[]> = [...master.agents.values()].filter(countsReservations).map((a) => a.total),
): RoleEntry[] {
  return roleTree({
    frameworks: [...master.frameworks.values()].map((f) =>
      f.roles.length > 1 ? { id: f.id, roles: f.roles, allocated: [], allocatedByRole: allocatedByRole(f) } : { id: f.id, roles: f.roles, allocated: allocated(f) }),
    reserved: reservedByRole(totals),
    weights: master.weights.all,
    quotas: master.quotas.all,
  });
}

/** What a framework's live tasks hold, by the role each was offered for. */
export function allocatedByRole(f: FrameworkRecord): Map<string, Resource[]> {
  const parts = new Map<string, Resource[]>();
  for (const t of f.tasks.values()) {
    const list = parts.get(t.role);
    if (list) list.push(...t.resources);
    else parts.set(t.role, [...t.resources]);
  }
  return new Map([...parts].map(([role, list]) => [role, add([], list)]));
}

/** A role of the tree as /state and GET_STATE's `roles` show it. */
export function roleStateView(master: Master, e: RoleEntry): v1.IRoleState {
  return {
    name: e.name,
    weight: e.weight,
    frameworks: e.frameworks.map((value) => ({ value })),
    allocated_resources: e.allocated,
    dominant_share: master.allocatorView.roleShare(e.name),
    ...(e.quota ? { quota: { role: e.name, guarantees: e.quota.guarantees, limits: e.quota.limits } } : {}),
    reserved_resources: e.reserved,
    ...(e.parent !== undefined ? { parent: e.parent } : {}),
    children: e.children,
  };
}

/** The whole cluster as the Operator API's GET_STATE returns it. */
export function clusterState(master: Master): ClusterState {
  const frameworks = [...master.frameworks.values()];
  return {
    master_info: master.info,
    start_time: master.startTime,
    elected_time: master.startTime,
    agents: [...master.agents.values()].map((a) => agentView(master, a)),
    frameworks: frameworks.map((f) => frameworkView(master, f)),
    completed_frameworks: master.completedFrameworks.map((f) => frameworkView(master, f)),
    tasks: frameworks.flatMap((f) => [...f.tasks.values()].map(taskView)),
    completed_tasks: [...frameworks, ...master.completedFrameworks].flatMap((f) => f.completedTasks.map(taskView)),
    offers: [...master.offers.values()].map((o) => o.offer),
    roles: masterRoleTree(master).map((e) => roleStateView(master, e)),
  };
}

/** What /metrics sums over agents, offers, frameworks and tasks. */
interface MetricTally {
  byStatus: Map<string, number>;
  total: ResourceAmounts;
  used: ResourceAmounts;
  offered: ResourceAmounts;
  connected: number;
  disconnected: number;
  tasksByState: Map<string, number>;
}

/** Sum into `t`, yielding after each agent, offer, framework and task (so a caller can pause between). */
function* tallySteps(master: Master, t: MetricTally): Generator<void> {
  for (const a of master.agents.values()) {
    t.byStatus.set(a.status, (t.byStatus.get(a.status) ?? 0) + 1);
    if (a.status === 'ACTIVE') {
      t.total.add(a.total);
      for (const x of a.tasks.values()) t.used.add(x.resources);
    }
    yield;
  }
  for (const o of master.offers.values()) {
    t.offered.add(o.resources);
    yield;
  }
  for (const f of master.frameworks.values()) {
    if (f.connected) t.connected++;
    else t.disconnected++;
    for (const x of f.tasks.values()) {
      const s = pb.TaskState[x.task.state ?? TaskState.TASK_STAGING] ?? 'TASK_UNKNOWN';
      t.tasksByState.set(s, (t.tasksByState.get(s) ?? 0) + 1);
      yield;
    }
  }
}

function emptyTally(): MetricTally {
  return { byStatus: new Map(), total: new ResourceAmounts(), used: new ResourceAmounts(), offered: new ResourceAmounts(), connected: 0, disconnected: 0, tasksByState: new Map() };
}

/** Gauges and counters for /metrics. */
export function metricSamples(master: Master): MetricSample[] {
  const tally = emptyTally();
  const steps = tallySteps(master, tally);
  while (!steps.next().done);
  return samplesOf(master, tally);
}

/**
 * {@link metricSamples}, summed `slice` entries per turn of the event loop
 * (the same samples; each entry counted as it was when reached).
 */
export async function metricSamplesSliced(master: Master, slice = 5000): Promise<MetricSample[]> {
  const tally = emptyTally();
  const steps = tallySteps(master, tally);
  for (let n = 1; !steps.next().done; n++) {
    if (n % slice === 0) await master.turnGate.nextTurn();
  }
  return samplesOf(master, tally);
}

function samplesOf(master: Master, tally: MetricTally): MetricSample[] {
  const { byStatus, total, used, offered, connected, disconnected, tasksByState } = tally;
  return renderMetricSamples(master, {
    byStatus: Object.fromEntries(byStatus), total: Object.fromEntries(total.amounts()), used: Object.fromEntries(used.amounts()),
    offered: Object.fromEntries(offered.amounts()), tasksByState: [...tasksByState],
  }, { connected, disconnected });
}

/** Frameworks by connection (a walk of the frameworks, not of their tasks). */
function frameworkConnections(master: Master): { connected: number; disconnected: number } {
  let connected = 0;
  let disconnected = 0;
  for (const f of master.frameworks.values()) {
    if (f.connected) connected++;
    else disconnected++;
  }
  return { connected, disconnected };
}

/**
 * The `/metrics` samples from figures kept as the cluster changes
 * ({@link MetricSums}): no walk of agents, offers or tasks per read.
 */
export async function metricSamplesKept(master: Master, sums: MetricSums): Promise<MetricSample[]> {
  return renderMetricSamples(master, await sums.figures(), frameworkConnections(master));
}

function renderMetricSamples(master: Master, figures: MetricFigures, frameworks: { connected: number; disconnected: number }): MetricSample[] {
  const m = master.metrics;
  const samples: MetricSample[] = [];
  const gauge = (name: string, value: number, help: string, labels?: Record<string, string>): void => {
    samples.push({ name, value, help, type: 'gauge', labels });
  };
  const counter = (name: string, value: number, help: string, labels?: Record<string, string>): void => {
    samples.push({ name, value, help, type: 'counter', labels });
  };
  const { byStatus, total: tq, used: uq, offered: oq, tasksByState } = figures;
  for (const status of ['ACTIVE', 'DISCONNECTED', 'UNREACHABLE', 'GONE']) {
    gauge('meseta_master_agents', byStatus[status] ?? 0, 'Agents by status', { status: status.toLowerCase() });
  }
  gauge('meseta_master_frameworks', frameworks.connected, 'Frameworks by connection', { status: 'connected' });
  gauge('meseta_master_frameworks', frameworks.disconnected, 'Frameworks by connection', { status: 'disconnected' });
  for (const [state, n] of tasksByState) gauge('meseta_master_tasks', n, 'Live tasks by state', { state: state.toLowerCase() });
  for (const name of ['cpus', 'mem', 'disk', 'gpus']) {
    gauge('meseta_master_resources_total', tq[name] ?? 0, 'Resources of active agents', { resource: name });
    gauge('meseta_master_resources_used', uq[name] ?? 0, 'Resources used by tasks', { resource: name });
    gauge('meseta_master_resources_offered', oq[name] ?? 0, 'Resources in outstanding offers', { resource: name });
  }
  gauge('meseta_master_outstanding_offers', master.offers.size, 'Offers not yet accepted, declined or rescinded');
  counter('meseta_master_tasks_launched_total', m.tasksLaunched, 'Tasks sent to agents');
  counter('meseta_master_tasks_refused_total', m.tasksRefused, 'Tasks refused at ACCEPT (TASK_ERROR / TASK_DROPPED)');
  counter('meseta_master_tasks_finished_total', m.tasksFinished, 'Tasks that ended TASK_FINISHED');
  counter('meseta_master_tasks_failed_total', m.tasksFailed, 'Tasks that ended TASK_FAILED');
  counter('meseta_master_tasks_killed_total', m.tasksKilled, 'Tasks that ended TASK_KILLED');
  counter('meseta_master_tasks_lost_total', m.tasksLost, 'Tasks that ended lost, gone, dropped or in error');
  counter('meseta_master_status_updates_total', m.statusUpdates, 'Status updates received from agents');
  counter('meseta_master_acknowledgements_total', m.acknowledgements, 'Acknowledgements received from frameworks');
  counter('meseta_master_offers_sent_total', m.offersSent, 'Offers sent');
  counter('meseta_master_offers_declined_total', m.offersDeclined, 'Offers declined');
  counter('meseta_master_offers_rescinded_total', m.offersRescinded, 'Offers rescinded');
  counter('meseta_master_agents_unreachable_total', m.agentsUnreachable, 'Times an agent was marked unreachable');
  counter('meseta_master_register_resends_ignored_total', m.registerResendsIgnored, 'Registers resent on a link whose first register was still being admitted');
  counter('meseta_master_reregistrations_without_write_total', m.reregistrationsWithoutWrite, 'Re-registrations of agents the registry already held admitted and unchanged (no registry write)');
    counter('meseta_master_registration_retries_matched_total', m.registrationRetriesMatched, 'Registrations without an id answered with the id of an abandoned earlier attempt from the same address');
  counter('meseta_master_allocation_runs_total', m.allocationRuns, 'Allocation passes');
  gauge('meseta_master_allocation_last_seconds', m.lastAllocationSeconds, 'Duration of the last allocation pass');
  for (const [type, n] of m.calls) counter('meseta_master_calls_total', n, 'Scheduler API calls by type', { type: type.toLowerCase() });
  samples.push(...schedulerCallsReceivedSamples(m));
  gauge('meseta_master_uptime_seconds', Date.now() / 1000 - master.startTime, 'Seconds since the master started');
  samples.push(...eventLoopDelaySamples());
  return samples;
}

/** Cluster totals for the status page: total / used / offered cpus, mem, disk. */
export function clusterTotals(master: Master): Array<{ name: string; total: number; used: number; offered: number }> {
  const samples = metricSamples(master);
  const pick = (metric: string, name: string): number =>
    samples.find((s) => s.name === metric && s.labels?.resource === name)?.value ?? 0;
  return ['cpus', 'mem', 'disk'].map((name) => ({
    name,
    total: pick('meseta_master_resources_total', name),
    used: pick('meseta_master_resources_used', name),
    offered: pick('meseta_master_resources_offered', name),
  }));
}

