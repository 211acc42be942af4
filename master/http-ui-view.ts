/**
 * The master's records as the web UI's compact rows ({@link UiAgent},
 * {@link UiTask}, ...). Read-only: nothing here changes the master. Each
 * builder handles one entity so the event stream can send only what
 * changed; {@link uiSnapshot} builds them all.
 */
import type { Master } from './master';
import type { AgentRecord, FrameworkRecord, OfferRecord, TaskRecord } from './state';
import type { InsufficientResource, Resource, TaskStatus } from '@meseta/proto/wire';
import { JSON_OPTIONS, Reason, ValueType, enumName, pb } from '@meseta/proto/wire';
import { formatResources } from '@meseta/proto/resources';
import { attributeText } from '@meseta/proto/resource-text';
import { idOf } from '@meseta/proto/ids';
import { RefusalCode } from '@meseta/proto/refusal-code';
import { TaskPacker, type PackedTasks } from './http-ui-pack';
import { uiAgentCounts } from './agent-share';
import { addScalars } from './cluster-sums';
import type {
  UiAgent, UiAgentCounts, UiDecline, UiFramework, UiFullSnapshot, UiOffer, UiRefusal, UiResources, UiRole, UiSnapshot, UiSummary, UiTask, UiTaskCounts,
  UiTaskDetail,
} from './http-ui-types';

/** Round to 1e-6 so sums of fractions read well (0.1 + 0.2 = 0.3). */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Round every amount to 1e-6, so sums of fractions read well (0.1 + 0.2 = 0.3). */
export function roundAmounts(amounts: UiResources): UiResources {
  for (const name in amounts) amounts[name] = round(amounts[name]);
  return amounts;
}

/** Scalar amounts of a resource list: `{ cpus: 2, mem: 1024 }`. */
export function scalarAmounts(resources: readonly Resource[] | null | undefined): UiResources {
  return roundAmounts(addScalars({}, resources));
}

/**
 * What an agent row shows of its registration, which changes only when it re-registers: by its
 * info (one object per agent), for the total list it was made from (a total may be shared by
 * agents of one shape, `recovered-totals.ts`, so it is not the key).
 */
const agentStatics = new WeakMap<object, { of: readonly Resource[]; total: UiResources; text: string; attributes: Record<string, string> }>();

function staticsOf(agent: AgentRecord): { total: UiResources; text: string; attributes: Record<string, string> } {
  let statics = agentStatics.get(agent.info);
  if (!statics || statics.of !== agent.total) {
    const attributes: Record<string, string> = {};
    for (const a of agent.info.attributes ?? []) attributes[a.name ?? ''] = attributeText(a);
    statics = { of: agent.total, total: scalarAmounts(agent.total), text: formatResources(agent.total), attributes };
    agentStatics.set(agent.info, statics);
  }
  return statics;
}

/** One agent as a row. */
export function uiAgent(master: Master, agent: AgentRecord): UiAgent {
  const allocated: UiResources = {};
  for (const t of agent.tasks.values()) addScalars(allocated, t.resources);
  const offered: UiResources = {};
  for (const id of agent.offers) addScalars(offered, master.offers.get(id)?.resources);
  const statics = staticsOf(agent);
  return {
    id: agent.id,
    hostname: agent.info.hostname ?? '',
    port: agent.info.port ?? 0,
    status: agent.status,
    version: agent.version,
    registered_time: agent.registeredTime,
    reregistered_time: agent.reregisteredTime,
    unreachable_time: agent.unreachableTime,
    total: statics.total,
    allocated: roundAmounts(allocated),
    offered: roundAmounts(offered),
    resources_text: statics.text,
    attributes: statics.attributes,
    task_count: agent.tasks.size,
    ...(agent.drain ? { operator_state: agent.drain.state } : agent.deactivated ? { operator_state: 'DEACTIVATED' as const } : {}),
  };
}

function sumTaskResources(fw: FrameworkRecord): UiResources {
  const sum: UiResources = {};
  for (const t of fw.tasks.values()) addScalars(sum, t.resources);
  return sum;
}

function uiDeclines(fw: FrameworkRecord): UiDecline[] {
  return fw.recentDeclines.map((d) => ({
    offer_id: idOf(d.offer_id),
    agent_id: idOf(d.agent_id),
    timestamp: d.timestamp ?? 0,
    refuse_seconds: d.refuse_seconds ?? 0,
    refusals: (d.refusals ?? []).map(uiRefusal),
  }));
}

/** One recorded refusal as the UI shows it: the message stays, the code says never fits or not now. */
export function uiRefusal(r: InsufficientResource): UiRefusal {
  const row: UiRefusal = {
    resource: r.name ?? '',
    requested: r.requested ?? 0,
    available: r.available ?? 0,
    message: r.message || `${r.name ?? '?'}: asked ${r.requested ?? 0}, offer holds ${r.available ?? 0}`,
    task_id: idOf(r.task_id) || undefined,
  };
  if (r.code === RefusalCode.NEVER) row.code = 'NEVER';
  else if (r.code === RefusalCode.NOT_NOW) row.code = 'NOT_NOW';
  return row;
}

/**
 * One framework as a row; `completed` for removed frameworks. `allocated`,
 * when given, is what its live tasks hold, already summed and rounded (the
 * event stream keeps it, see http-ui-row-cache.ts); otherwise it is summed here.
 */
export function uiFramework(master: Master, fw: FrameworkRecord, completed: boolean, allocated?: UiResources, offeredNow?: UiResources): UiFramework {
  allocated ??= roundAmounts(sumTaskResources(fw));
  let offered = offeredNow;
  if (!offered) {
    offered = {};
    for (const id of fw.offers) addScalars(offered, master.offers.get(id)?.resources);
  }
  const info = fw.info;
  return {
    id: fw.id,
    name: info.name ?? '',
    user: info.user ?? '',
    hostname: info.hostname ?? '',
    principal: info.principal ?? '',
    webui_url: info.webui_url ?? '',
    roles: [...fw.roles],
    capabilities: (info.capabilities ?? []).map((c) => enumName(pb.FrameworkInfo.Capability.Type, c.type)),
    active: fw.active,
    connected: fw.connected,
    recovered: fw.recovered,
    suppressed: fw.suppressedRoles.size > 0 && fw.roles.every((r) => fw.suppressedRoles.has(r)),
    completed,
    registered_time: fw.registeredTime,
    reregistered_time: fw.reregisteredTime,
    unregistered_time: fw.unregisteredTime,
    failover_timeout: info.failover_timeout ?? 0,
    failover_deadline: fw.failoverDeadline,
    allocated,
    offered: roundAmounts(offered),
    dominant_share: completed ? 0 : master.allocatorView.frameworkShare(fw.id),
    task_count: fw.tasks.size,
    offer_count: fw.offers.size,
    declines: uiDeclines(fw),
    ...uiOfferFilters(info),
  };
}

/** A framework's offer filters as the UI shows them; nothing when it set none. */
export function uiOfferFilters(info: FrameworkRecord['info']): Pick<UiFramework, 'offer_filters'> {
  const filters = info.offer_filters;
  if (!filters) return {};
  const out = Object.entries(filters).map(([role, f]) => ({
    role,
    min_allocatable: (f?.min_allocatable_resources?.quantities ?? []).map((entry) =>
      Object.fromEntries(Object.entries(entry?.quantities ?? {}).map(([name, s]) => [name, s?.value ?? 0]))),
  }));
  return out.length > 0 ? { offer_filters: out.sort((a, b) => a.role.localeCompare(b.role)) } : {};
}

/** One task as a row. */
export function uiTask(record: TaskRecord, completed: boolean): UiTask {
  return buildTaskRow(record, completed);
}

/** The reason of a status, when it really has one (decoded messages carry defaults on their prototype). */
function reasonOf(status: TaskStatus | undefined): string {
  return status && Object.prototype.hasOwnProperty.call(status, 'reason') && status.reason !== null && status.reason !== undefined
    ? enumName(Reason, status.reason)
    : '';
}

/** Add a task record to a packer, with the same fields {@link uiTask} gives. */
export function packTaskRecord(packer: TaskPacker, record: TaskRecord, completed: boolean): void {
  const t = record.task;
  const first = record.statuses[0];
  const latest = record.latest ?? record.statuses[record.statuses.length - 1];
  packer.addFields(
    record.taskId,
    t.name ?? '',
    record.frameworkId,
    record.agentId,
    enumName(pb.TaskState, t.state),
    first?.timestamp ?? 0,
    latest?.timestamp ?? first?.timestamp ?? 0,
    completed,
    (add) => {
      for (const r of record.resources) if ((r.type ?? ValueType.SCALAR) === ValueType.SCALAR) add(r.name ?? '', r.scalar?.value ?? 0);
    },
    t.container ? enumName(pb.ContainerInfo.Type, t.container.type ?? 0) : '',
    idOf(t.executor_id),
    latest?.message ?? '',
    reasonOf(latest),
  );
}

/** Call `visit` for every task record, live ones of each framework first, then its completed ones. */
export function forEachTaskRecord(master: Master, visit: (record: TaskRecord, completed: boolean) => void): void {
  for (const { fw } of allFrameworks(master)) {
    for (const t of fw.tasks.values()) visit(t, false);
    for (const t of fw.completedTasks) visit(t, true);
  }
}

function buildTaskRow(record: TaskRecord, completed: boolean): UiTask {
  const t = record.task;
  const first = record.statuses[0];
  const latest = record.latest ?? record.statuses[record.statuses.length - 1];
  return {
    id: record.taskId,
    name: t.name ?? '',
    framework_id: record.frameworkId,
    agent_id: record.agentId,
    state: enumName(pb.TaskState, t.state),
    resources: scalarAmounts(record.resources),
    container: t.container ? enumName(pb.ContainerInfo.Type, t.container.type ?? 0) : '',
    executor_id: idOf(t.executor_id),
    started: first?.timestamp ?? 0,
    updated: latest?.timestamp ?? first?.timestamp ?? 0,
    message: latest?.message ?? '',
    reason: reasonOf(latest),
    completed,
  };
}

/** Offer rows built so far: an offer never changes. */
const offerRows = new WeakMap<OfferRecord, UiOffer>();

/** One outstanding offer as a row. */
export function uiOffer(offer: OfferRecord): UiOffer {
  let row = offerRows.get(offer);
  if (!row) offerRows.set(offer, (row = buildOfferRow(offer)));
  return row;
}

function buildOfferRow(offer: OfferRecord): UiOffer {
  return {
    id: offer.id,
    framework_id: offer.frameworkId,
    agent_id: offer.agentId,
    hostname: offer.offer.hostname ?? '',
    resources: scalarAmounts(offer.resources),
    resources_text: formatResources(offer.resources),
    created: offer.createdAt,
  };
}

/**
 * Roles from the live frameworks' rows: each role sums the allocation of
 * the frameworks in it (as `/state` does), with its DRF share.
 */
export function uiRoles(master: Master, frameworks: Iterable<UiFramework>): UiRole[] {
  const roles = new Map<string, UiRole>();
  for (const f of frameworks) {
    if (f.completed) continue;
    for (const name of f.roles) {
      let role = roles.get(name);
      if (!role) roles.set(name, (role = { name, weight: master.weights.of(name), frameworks: [], allocated: {}, dominant_share: 0 }));
      role.frameworks.push(f.id);
      for (const [resource, amount] of Object.entries(f.allocated)) {
        role.allocated[resource] = round((role.allocated[resource] ?? 0) + amount);
      }
    }
  }
  for (const [name, weight] of master.weights.all) if (!roles.has(name)) roles.set(name, { name, weight, frameworks: [], allocated: {}, dominant_share: 0 });
  for (const role of roles.values()) role.dominant_share = master.allocatorView.roleShare(role.name);
  return [...roles.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Live and completed tasks by state, counted over the master's records. */
export function uiTaskCounts(master: Master): UiTaskCounts {
  // Task states are small numbers: count in an array, name them once at the end.
  const byNumber: number[] = [];
  let live = 0;
  let completed = 0;
  for (const { fw } of allFrameworks(master)) {
    for (const t of fw.tasks.values()) {
      const n = t.task.state ?? 0;
      byNumber[n] = (byNumber[n] ?? 0) + 1;
    }
    for (const t of fw.completedTasks) {
      const n = t.task.state ?? 0;
      byNumber[n] = (byNumber[n] ?? 0) + 1;
    }
    live += fw.tasks.size;
    completed += fw.completedTasks.length;
  }
  const byState: Record<string, number> = {};
  byNumber.forEach((c, n) => {
    if (c) byState[enumName(pb.TaskState, n)] = c;
  });
  return { live, completed, by_state: byState };
}

/**
 * Master identity and counters, stamped with the master's clock. Task and
 * agent figures are summed here when not given (a walk of the cluster; the
 * event stream keeps them, see http-ui-sums.ts).
 */
export function uiSummary(master: Master, now: number, tasks: UiTaskCounts = uiTaskCounts(master), agents: UiAgentCounts = uiAgentCounts(master)): UiSummary {
  const m = master.metrics;
  return {
    master_id: master.info.id ?? '',
    hostname: master.info.hostname ?? '',
    port: master.info.port ?? 0,
    version: master.info.version ?? '',
    leader: `${master.info.hostname ?? ''}:${master.info.port ?? 0}`,
    start_time: master.startTime,
    elected_time: master.startTime,
    server_time: now,
    counters: {
      agents_registered: m.agentsRegistered,
      agents_unreachable: m.agentsUnreachable,
      frameworks_subscribed: m.frameworksSubscribed,
      tasks_launched: m.tasksLaunched,
      tasks_refused: m.tasksRefused,
      tasks_finished: m.tasksFinished,
      tasks_failed: m.tasksFailed,
      tasks_killed: m.tasksKilled,
      tasks_lost: m.tasksLost,
      status_updates: m.statusUpdates,
      offers_sent: m.offersSent,
      offers_declined: m.offersDeclined,
      offers_rescinded: m.offersRescinded,
      allocation_runs: m.allocationRuns,
    },
    tasks,
    offers: master.offers.size,
    agents,
  };
}

/** Every framework record with whether it is completed, live ones first. */
export function allFrameworks(master: Master): Array<{ fw: FrameworkRecord; completed: boolean }> {
  return [
    ...[...master.frameworks.values()].map((fw) => ({ fw, completed: false })),
    ...master.completedFrameworks.map((fw) => ({ fw, completed: true })),
  ];
}

/** Every task row: live tasks, then completed ones. */
export function allTasks(master: Master): UiTask[] {
  const out: UiTask[] = [];
  forEachTaskRecord(master, (record, completed) => out.push(uiTask(record, completed)));
  return out;
}

/** Every task row, packed (see http-ui-pack.ts). */
export function packedTasks(master: Master, now: number): PackedTasks {
  const packer = new TaskPacker(now);
  forEachTaskRecord(master, (record, completed) => packTaskRecord(packer, record, completed));
  return packer.done();
}

/**
 * The whole cluster but its task rows, as the UI's first message;
 * `events` is filled by the caller. The rows are {@link allTasks}.
 */
export function uiSnapshot(master: Master, now: number): UiSnapshot {
  const frameworks = allFrameworks(master).map(({ fw, completed }) => uiFramework(master, fw, completed));
  const tasks = uiTaskCounts(master);
  const agents = [...master.agents.values()].map((a) => uiAgent(master, a));
  return {
    summary: uiSummary(master, now, tasks),
    agents,
    agent_count: agents.length,
    frameworks,
    task_count: tasks.live + tasks.completed,
    roles: uiRoles(master, frameworks),
    events: [],
  };
}

/** The snapshot with all task rows packed in it (`GET /api/v1/snapshot`). */
export function uiFullSnapshot(master: Master, now: number): UiFullSnapshot {
  return { ...uiSnapshot(master, now), offers: [...master.offers.values()].map(uiOffer), tasks: packedTasks(master, now) };
}

/** A live or completed task record by framework and task id. */
export function findTask(master: Master, frameworkId: string, taskId: string): { record: TaskRecord; completed: boolean } | undefined {
  const fw = master.frameworks.get(frameworkId) ?? master.completedFrameworks.find((f) => f.id === frameworkId);
  if (!fw) return undefined;
  const live = fw.tasks.get(taskId);
  if (live) return { record: live, completed: false };
  for (let i = fw.completedTasks.length - 1; i >= 0; i--) {
    if (fw.completedTasks[i].taskId === taskId) return { record: fw.completedTasks[i], completed: true };
  }
  return undefined;
}

/** Where a task's sandbox is on its agent, relative to the agent's work dir (the agent's layout). */
export function sandboxPath(frameworkId: string, taskId: string): string {
  return `frameworks/${frameworkId}/tasks/${taskId}/runs/latest`;
}

/** The task page's data: the whole Task as Mesos JSON, its sandbox and agent. */
export function uiTaskDetail(master: Master, frameworkId: string, taskId: string): UiTaskDetail | undefined {
  const found = findTask(master, frameworkId, taskId);
  if (!found) return undefined;
  const { record, completed } = found;
  const message = pb.Task.fromObject({ ...record.task, statuses: record.statuses } as Record<string, unknown>);
  const agent = master.agents.get(record.agentId);
  return {
    task: pb.Task.toObject(message, JSON_OPTIONS) as Record<string, unknown>,
    completed,
    sandbox_path: sandboxPath(frameworkId, taskId),
    agent: agent ? { id: agent.id, hostname: agent.info.hostname ?? '', port: agent.info.port ?? 0, status: agent.status } : undefined,
  };
}
