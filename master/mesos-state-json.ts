/**
 * The master's state in Mesos's own JSON shape, for the tools written
 * against Mesos (mesos-dns, marathon-lb-style load balancers, Prometheus
 * exporters): `/master/state` (and `/state.json`, `/master/state.json`),
 * `/master/state-summary`, `/master/slaves`, `/master/frameworks`,
 * `/master/tasks`. Field names follow Mesos, "slave" included where Mesos's
 * JSON says so (a wire fact); ids are strings, resources maps
 * (`mesos-json.ts`), times seconds since the epoch.
 *
 * Pure: builders read the master's records through {@link MesosStateSource}
 * (a `Master`, or the filtered view a restricted viewer gets) and return
 * plain values or {@link StreamedObject}s whose big lists are walked only
 * while the answer is written (`json-slices.ts`).
 *
 * Not ours to show (Mesos has them, we do not keep them): framework `pid`
 * (only libprocess-driver frameworks have one), ExecutorInfo details beyond
 * the ids the tasks carry, `git_*` and `build_*`, `log_dir`.
 */
import type { FrameworkInfo, MasterInfo, Resource, Task } from '@meseta/proto/wire';
import { JSON_OPTIONS, pb, TaskState, ValueType } from '@meseta/proto/wire';
import { roundScalar } from '@meseta/proto/resources';
import {
  MESOS_SUMMARY_STATES, mesosAttributes, mesosCapabilities, mesosIpNumber, mesosLabels, mesosReservedResources, mesosResources,
  mesosStatus, mesosTaskState, mesosUnreservedResources,
} from '@meseta/proto/mesos-json';
import type { AgentRecord, FrameworkRecord, OfferRecord, TaskRecord } from './state';
import { StreamedObject } from './json-slices';

/** What the builders read of the master (a `Master` or a viewer's filtered view). */
export interface MesosStateSource {
  readonly info: MasterInfo;
  readonly startTime: number;
  readonly electedTime: number;
  readonly agents: ReadonlyMap<string, AgentRecord>;
  readonly frameworks: ReadonlyMap<string, FrameworkRecord>;
  readonly completedFrameworks: readonly FrameworkRecord[];
  readonly offers: ReadonlyMap<string, OfferRecord>;
}

/** The master's own address: `{ip, port}` from its MasterInfo. */
function masterAddress(info: MasterInfo): { ip: string; port: number; hostname: string } {
  const ip = info.address?.ip || info.hostname || '';
  return { ip, port: info.address?.port ?? info.port ?? 5050, hostname: info.hostname || ip };
}

/** `master@ip:port`, as Mesos names a master's process. */
export function masterPid(info: MasterInfo): string {
  const { ip, port } = masterAddress(info);
  return `master@${ip}:${port}`;
}

/** MasterInfo as Mesos's `leader_info` writes it (`ip` packed as Mesos packs it). */
export function mesosMasterInfo(info: MasterInfo): Record<string, unknown> {
  const { ip, port, hostname } = masterAddress(info);
  const out: Record<string, unknown> = { id: info.id ?? '', pid: masterPid(info), port, hostname, version: info.version ?? '' };
  const packed = mesosIpNumber(ip);
  if (packed !== undefined) out.ip = packed;
  out.address = { hostname, ip, port };
  return out;
}

/** The address an agent's tasks and files are reached at (its `--ip`, else its hostname). */
export function agentIp(a: Pick<AgentRecord, 'info'>): string {
  return a.info.ip || a.info.hostname || '';
}

/** `slave(1)@ip:port`, as Mesos names an agent's process (tools take the address from it). */
export function agentPid(a: Pick<AgentRecord, 'info'>): string {
  return `slave(1)@${agentIp(a)}:${a.info.port ?? 5051}`;
}

/**
 * The resources of several records as one list, not normalised: the
 * `mesosResources` maps sum it in one pass (resource `add` coalesces ranges
 * at every step: quadratic in a framework's tasks).
 */
function sum(records: Iterable<{ resources: Resource[] }>): Resource[] {
  const all: Resource[] = [];
  for (const r of records) for (const x of r.resources) all.push(x);
  return all;
}

/** True when the task's container has its own network (`none`): no address to give. */
function ownNetwork(task: Task): boolean {
  return (task.container?.network_infos ?? []).some((n) => n.mode === pb.NetworkInfo.Mode.NONE);
}

/** Mesos lists a `container` only for Docker and Mesos (image) containers; a plain process has none. */
function containerJson(task: Task): unknown {
  const c = task.container;
  if (!c || (c.type !== pb.ContainerInfo.Type.DOCKER && c.type !== pb.ContainerInfo.Type.MESOS)) return undefined;
  return pb.ContainerInfo.toObject(pb.ContainerInfo.fromObject(c as Record<string, unknown>), JSON_OPTIONS);
}

/**
 * DiscoveryInfo as Mesos writes it (the message as JSON: `ports.ports[]`,
 * `labels.labels[]`; `visibility` always there, as Mesos requires it).
 */
export function mesosDiscovery(discovery: NonNullable<Task['discovery']>): Record<string, unknown> {
  const json = pb.DiscoveryInfo.toObject(pb.DiscoveryInfo.fromObject(discovery as Record<string, unknown>), JSON_OPTIONS) as Record<string, unknown>;
  return { visibility: 'FRAMEWORK', ...json };
}

/**
 * The statuses Mesos would list: the updates the task's agent (or the
 * master, for lost or unreachable tasks) sent. Our master also records the
 * TASK_STAGING it starts every launched task in; Mesos has no such status.
 */
export function mesosStatuses(t: Pick<TaskRecord, 'statuses'>): TaskRecord['statuses'] {
  return t.statuses.filter((s) => s.state !== TaskState.TASK_STAGING);
}

/** One task as Mesos's endpoints list it; `agents` gives its agent's address for `container_status`. */
export function mesosTask(t: TaskRecord, agents: ReadonlyMap<string, AgentRecord>): Record<string, unknown> {
  const task = t.task;
  const agent = agents.get(t.agentId);
  const ip = agent && !ownNetwork(task) ? agentIp(agent) : undefined;
  const out: Record<string, unknown> = {
    id: t.taskId,
    name: task.name ?? '',
    framework_id: t.frameworkId,
    executor_id: task.executor_id?.value ?? '',
    slave_id: t.agentId,
    state: mesosTaskState(task.state),
    resources: mesosResources(t.resources),
    role: t.role,
    statuses: mesosStatuses(t).map((s) => mesosStatus(s, ip)),
  };
  if (task.labels?.labels?.length) out.labels = mesosLabels(task.labels);
  if (task.discovery) out.discovery = mesosDiscovery(task.discovery);
  const container = containerJson(task);
  if (container) out.container = container;
  if (task.user) out.user = task.user;
  return out;
}

/** An offer as Mesos lists it. */
export function mesosOffer(o: OfferRecord): Record<string, unknown> {
  return { id: o.id, framework_id: o.frameworkId, slave_id: o.agentId, resources: mesosResources(o.resources) };
}

/** An agent as `/master/state`'s and `/master/slaves`' `slaves[]` list it. */
export function mesosAgent(a: AgentRecord, offers: ReadonlyMap<string, OfferRecord>): Record<string, unknown> {
  const offered: OfferRecord[] = [];
  for (const id of a.offers) {
    const o = offers.get(id);
    if (o) offered.push(o);
  }
  const out: Record<string, unknown> = {
    id: a.id,
    pid: agentPid(a),
    hostname: a.info.hostname ?? '',
    port: a.info.port ?? 5051,
    registered_time: a.registeredTime,
    resources: mesosResources(a.total),
    used_resources: mesosResources(sum(a.tasks.values())),
    offered_resources: mesosResources(sum(offered)),
    reserved_resources: mesosReservedResources(a.total),
    reserved_resources_full: mesosReservedResourcesFull(a.total),
    unreserved_resources: mesosUnreservedResources(a.total),
    attributes: mesosAttributes(a.info.attributes),
    active: a.status === 'ACTIVE',
    version: a.version,
  };
  if (a.reregisteredTime !== undefined) out.reregistered_time = a.reregisteredTime;
  return out;
}

/**
 * Reserved resources by role as whole Resource messages (Mesos's
 * `reserved_resources_full`): what `reserved_resources` sums, with each
 * reservation and a persistent volume's `disk.persistence` and `disk.volume`.
 */
export function mesosReservedResourcesFull(total: readonly Resource[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const r of total) {
    const stack = r.reservations;
    if (!stack || stack.length === 0) continue;
    const role = stack[stack.length - 1].role || '*';
    if (role === '*') continue;
    (out[role] ??= []).push(pb.Resource.toObject(pb.Resource.fromObject(r as Record<string, unknown>), JSON_OPTIONS));
  }
  return out;
}

/** An agent known only from the registry (after a failover, not re-registered yet): `recovered_slaves[]`. */
export function mesosRecoveredAgent(a: AgentRecord): Record<string, unknown> {
  return {
    id: a.id, hostname: a.info.hostname ?? '', port: a.info.port ?? 5051,
    resources: mesosResources(a.total), attributes: mesosAttributes(a.info.attributes),
  };
}

/** Agents Mesos lists in `slaves[]`: registered (active or with its link down), not unreachable, gone or only recovered. */
export function listedAgent(a: AgentRecord): boolean {
  return !a.recovered && (a.status === 'ACTIVE' || a.status === 'DISCONNECTED');
}

function roleOf(info: FrameworkInfo, roles: readonly string[]): string {
  return roles[0] ?? info.role ?? '*';
}

function* taskRecords(records: Iterable<TaskRecord>, agents: ReadonlyMap<string, AgentRecord>, unreachable: boolean): Generator<unknown> {
  for (const t of records) {
    if ((t.task.state === TaskState.TASK_UNREACHABLE) === unreachable) yield mesosTask(t, agents);
  }
}

/** The executors a framework's live tasks name (custom executors; command tasks have none), once per agent. */
function* executorsOf(f: FrameworkRecord): Generator<unknown> {
  const seen = new Set<string>();
  for (const t of f.tasks.values()) {
    const id = t.task.executor_id?.value;
    if (!id) continue;
    const key = `${t.agentId}\u0000${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield { executor_id: id, framework_id: f.id, slave_id: t.agentId };
  }
}

/**
 * A framework as Mesos lists it, its tasks (live, unreachable, completed),
 * offers and executors as lazily walked lists.
 */
export function mesosFramework(f: FrameworkRecord, source: Pick<MesosStateSource, 'agents' | 'offers'>): StreamedObject {
  const offers: OfferRecord[] = [];
  for (const id of f.offers) {
    const o = source.offers.get(id);
    if (o) offers.push(o);
  }
  const offered = sum(offers);
  const info = f.info;
  // What the live tasks hold, summed once (a slice at a time when written by writeStreamedJson).
  let used: Resource[] | undefined;
  const prepare = async (pause: () => Promise<void>): Promise<void> => {
    used ??= await compactSum(f.tasks.values(), pause);
  };
  const make = (): Record<string, unknown> => {
    used ??= compactSumNow(f.tasks.values());
    return frameworkFields(f, info, used, offered);
  };
  return new StreamedObject(make, [
    ['tasks', { [Symbol.iterator]: () => taskRecords(f.tasks.values(), source.agents, false) }],
    ['unreachable_tasks', { [Symbol.iterator]: () => taskRecords(f.tasks.values(), source.agents, true) }],
    ['completed_tasks', { [Symbol.iterator]: () => taskRecords(f.completedTasks, source.agents, false) }],
    ['offers', offers.map(mesosOffer)],
    ['executors', { [Symbol.iterator]: () => executorsOf(f) }],
  ], prepare);
}

/** A framework's plain fields as Mesos lists them, given what its live tasks and offers hold. */
function frameworkFields(f: FrameworkRecord, info: FrameworkRecord['info'], used: Resource[], offered: Resource[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    id: f.id,
    name: info.name ?? '',
    hostname: info.hostname ?? '',
    user: info.user ?? '',
    role: roleOf(info, f.roles),
    roles: [...f.roles],
    principal: info.principal ?? '',
    webui_url: info.webui_url ?? '',
    capabilities: mesosCapabilities(info.capabilities),
    checkpoint: info.checkpoint ?? false,
    failover_timeout: info.failover_timeout ?? 0,
    active: f.active,
    connected: f.connected,
    recovered: f.recovered,
    registered_time: f.registeredTime,
    unregistered_time: f.unregisteredTime ?? 0,
    resources: mesosResources([...used, ...offered]),
    used_resources: mesosResources(used),
    offered_resources: mesosResources(offered),
  };
  if (f.reregisteredTime !== undefined) fields.reregistered_time = f.reregisteredTime;
  if (info.labels?.labels?.length) fields.labels = mesosLabels(info.labels);
  return fields;
}

/**
 * The resources of many records as a short list that `mesosResources`
 * reads to the same result as the long one: scalars added in order with
 * the same rounding at each step (one resource per name, in the order
 * names first appear), ranges and sets kept as they are, in order. Yields
 * after each record (so a caller may pause), returns the list.
 */
function* compactSteps(records: Iterable<{ resources: Resource[] }>): Generator<void, Resource[]> {
  const scalars = new Map<string, number>();
  const others: Resource[] = [];
  for (const r of records) {
    for (const x of r.resources) {
      if (x.type === ValueType.RANGES || x.type === ValueType.SET) others.push(x);
      else {
        const name = x.name ?? '';
        scalars.set(name, roundScalar((scalars.get(name) ?? 0) + (x.scalar?.value ?? 0)));
      }
    }
    yield;
  }
  const out: Resource[] = [];
  for (const [name, value] of scalars) out.push({ name, type: ValueType.SCALAR, scalar: { value } });
  return [...out, ...others];
}

/** {@link compactSteps}, awaiting `pause` every 2,000 records. */
async function compactSum(records: Iterable<{ resources: Resource[] }>, pause: () => Promise<void>): Promise<Resource[]> {
  const steps = compactSteps(records);
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (n % 2000 === 0) await pause();
  }
}

/** {@link compactSteps} in one go. */
function compactSumNow(records: Iterable<{ resources: Resource[] }>): Resource[] {
  const steps = compactSteps(records);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function* mapped<T>(items: Iterable<T>, keep: (item: T) => boolean, build: (item: T) => unknown): Generator<unknown> {
  for (const item of items) if (keep(item)) yield build(item);
}

/** A lazy iterable (walked when written, not when built). */
function lazy(make: () => Iterator<unknown>): Iterable<unknown> {
  return { [Symbol.iterator]: make };
}

/** `/master/slaves`: registered agents and those known only from the registry. */
export function mesosSlaves(source: MesosStateSource): StreamedObject {
  return new StreamedObject({}, [
    ['slaves', lazy(() => mapped(source.agents.values(), listedAgent, (a) => mesosAgent(a, source.offers)))],
    ['recovered_slaves', lazy(() => mapped(source.agents.values(), (a) => a.recovered === true, mesosRecoveredAgent))],
  ]);
}

/** `/master/frameworks`, all of them or the one `frameworkId` names (none when unknown, as Mesos). */
export function mesosFrameworks(source: MesosStateSource, frameworkId?: string): StreamedObject {
  const wanted = (f: FrameworkRecord): boolean => frameworkId === undefined || f.id === frameworkId;
  return new StreamedObject({}, [
    ['frameworks', lazy(() => mapped(source.frameworks.values(), wanted, (f) => mesosFramework(f, source)))],
    ['completed_frameworks', lazy(() => mapped(source.completedFrameworks, wanted, (f) => mesosFramework(f, source)))],
    ['unregistered_frameworks', []],
  ]);
}

/** What `/master/state` says about the master itself beyond its records. */
export interface MesosMasterMeta {
  /** The master's flags, as Mesos lists them (names to text). */
  flags: Record<string, string>;
}

/** `/master/state` (`/state.json`, `/master/state.json`): the whole cluster as Mesos writes it. */
export function mesosState(source: MesosStateSource, meta: MesosMasterMeta): StreamedObject {
  let activated = 0;
  let deactivated = 0;
  let unreachable = 0;
  for (const a of source.agents.values()) {
    if (a.recovered) continue;
    if (a.status === 'ACTIVE') activated++;
    else if (a.status === 'DISCONNECTED') deactivated++;
    else if (a.status === 'UNREACHABLE') unreachable++;
  }
  const info = source.info;
  const { hostname } = masterAddress(info);
  const pid = masterPid(info);
  return new StreamedObject(
    {
      version: info.version ?? '',
      start_time: source.startTime,
      elected_time: source.electedTime,
      id: info.id ?? '',
      pid,
      hostname,
      activated_slaves: activated,
      deactivated_slaves: deactivated,
      unreachable_slaves: unreachable,
      // Only the leader serves this document (a standby redirects to it).
      leader: pid,
      leader_info: mesosMasterInfo(info),
      flags: meta.flags,
    },
    [
      ...mesosSlaves(source).lists,
      ...mesosFrameworks(source).lists,
      ['orphan_tasks', []],
    ],
  );
}

/** Counts by task state (`TASK_RUNNING: 3, …`), the states Mesos's summary lists, 0 when none. */
function stateCounts(tasks: Iterable<TaskRecord>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(MESOS_SUMMARY_STATES.map((s) => [s, 0]));
  for (const t of tasks) {
    const name = mesosTaskState(t.task.state);
    if (name in out) out[name]++;
  }
  return out;
}

/**
 * `/master/state-summary`: agents and frameworks without their tasks, with
 * counts of tasks by state (live and the completed ones the master keeps)
 * and which frameworks run on which agents.
 */
export function mesosStateSummary(source: MesosStateSource): StreamedObject {
  const { hostname } = masterAddress(source.info);
  // Completed tasks by agent and the frameworks on each agent: one walk (a slice at a time when written).
  type AgentEntry = { completed: TaskRecord[]; frameworks: Set<string> };
  let byAgent: Map<string, AgentEntry> | undefined;
  function* indexSteps(into: Map<string, AgentEntry>): Generator<void> {
    const entry = (id: string): AgentEntry => {
      let e = into.get(id);
      if (!e) into.set(id, (e = { completed: [], frameworks: new Set() }));
      return e;
    };
    for (const f of [...source.frameworks.values(), ...source.completedFrameworks]) {
      for (const t of f.completedTasks) {
        const e = entry(t.agentId);
        e.completed.push(t);
        e.frameworks.add(f.id);
      }
      for (const t of f.tasks.values()) {
        entry(t.agentId).frameworks.add(f.id);
        yield;
      }
    }
  }
  const agentIndex = (): Map<string, AgentEntry> => {
    if (!byAgent) {
      const index = new Map<string, AgentEntry>();
      for (const _ of indexSteps(index));
      byAgent = index;
    }
    return byAgent;
  };
  const agentSummary = (a: AgentRecord): unknown => {
    const e = agentIndex().get(a.id);
    return {
      ...mesosAgent(a, source.offers),
      ...stateCounts([...a.tasks.values(), ...(e?.completed ?? [])]),
      framework_ids: [...(e?.frameworks ?? [])],
    };
  };
  // A framework's counts by state and the agents it runs on, over its (possibly 500,000) tasks.
  const frameworkFigures = function* (f: FrameworkRecord, out: { counts: Record<string, number>; agents: Set<string> }): Generator<void> {
    const counts: Record<string, number> = Object.fromEntries(MESOS_SUMMARY_STATES.map((st) => [st, 0]));
    for (const t of [...f.tasks.values(), ...f.completedTasks]) {
      const name = mesosTaskState(t.task.state);
      if (name in counts) counts[name]++;
      out.agents.add(t.agentId);
      yield;
    }
    out.counts = counts;
  };
  const frameworkSummary = (f: FrameworkRecord): StreamedObject => {
    const framework = mesosFramework(f, source);
    const figures = { counts: {} as Record<string, number>, agents: new Set<string>() };
    let counted = false;
    const fields = (): Record<string, unknown> => {
      if (!counted) {
        for (const _ of frameworkFigures(f, figures));
        counted = true;
      }
      return { ...framework.fields, ...figures.counts, slave_ids: [...figures.agents] };
    };
    const prepare = async (pause: () => Promise<void>): Promise<void> => {
      await framework.prepare?.(pause);
      let n = 0;
      for (const _ of frameworkFigures(f, figures)) if (++n % 2000 === 0) await pause();
      counted = true;
    };
    return new StreamedObject(fields, [], prepare);
  };
  const prepare = async (pause: () => Promise<void>): Promise<void> => {
    if (byAgent) return;
    const index = new Map<string, AgentEntry>();
    let n = 0;
    for (const _ of indexSteps(index)) if (++n % 2000 === 0) await pause();
    byAgent = index;
  };
  return new StreamedObject({ hostname }, [
    ['slaves', lazy(() => mapped(source.agents.values(), listedAgent, agentSummary))],
    ['frameworks', lazy(() => mapped(source.frameworks.values(), () => true, frameworkSummary))],
  ], prepare);
}

/** The query of `/master/tasks`, checked. */
export interface TasksQuery {
  limit: number;
  offset: number;
  order: 'asc' | 'des';
  frameworkId?: string;
  taskId?: string;
}

/** Mesos's default page of `/master/tasks`. */
export const DEFAULT_TASKS_LIMIT = 100;

function wholeParam(params: URLSearchParams, name: string, fallback: number): number | string {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text)) return `${name}: "${text}" is not a whole number of zero or more`;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return `${name}: "${text}" is too large`;
  return n;
}

/** Read `limit` (default 100), `offset` (0), `order` (`asc` or `des`, default `des`), `framework_id`, `task_id`; an error names the field. */
export function parseTasksQuery(params: URLSearchParams): TasksQuery | { error: string } {
  const limit = wholeParam(params, 'limit', DEFAULT_TASKS_LIMIT);
  if (typeof limit === 'string') return { error: limit };
  const offset = wholeParam(params, 'offset', 0);
  if (typeof offset === 'string') return { error: offset };
  const order = params.get('order') || 'des';
  if (order !== 'asc' && order !== 'des') return { error: `order: "${order}" must be "asc" or "des"` };
  const out: TasksQuery = { limit, offset, order };
  const frameworkId = params.get('framework_id');
  if (frameworkId) out.frameworkId = frameworkId;
  const taskId = params.get('task_id');
  if (taskId) out.taskId = taskId;
  return out;
}

/**
 * `/master/tasks`: live, unreachable and completed tasks of live and
 * completed frameworks, ordered as Mesos orders them (by the first status's
 * timestamp; tasks without a status first when ascending), then paged.
 */
export function mesosTasks(source: MesosStateSource, query: TasksQuery): { tasks: unknown[] } {
  const picked: TaskRecord[] = [];
  const keep = (t: TaskRecord): boolean => query.taskId === undefined || t.taskId === query.taskId;
  for (const f of [...source.frameworks.values(), ...source.completedFrameworks]) {
    if (query.frameworkId !== undefined && f.id !== query.frameworkId) continue;
    for (const t of f.tasks.values()) if (keep(t)) picked.push(t);
    for (const t of f.completedTasks) if (keep(t)) picked.push(t);
  }
  const first = (t: TaskRecord): number => mesosStatuses(t)[0]?.timestamp ?? -Infinity;
  const sign = query.order === 'asc' ? 1 : -1;
  picked.sort((a, b) => sign * (first(a) - first(b) || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0)));
  return { tasks: picked.slice(query.offset, query.offset + query.limit).map((t) => mesosTask(t, source.agents)) };
}

/** The master settings `/master/state` and `/master/flags` list. */
export interface MasterFlagValues {
  ip: string;
  port: number;
  hostname: string;
  zk?: string;
  workDir?: string;
  offerTimeoutSeconds: number;
  agentPingTimeoutSeconds: number;
  maxAgentPingTimeouts: number;
  agentRemovalTimeoutSeconds: number;
  agentReregisterTimeoutSeconds: number;
  maxCompletedTasksPerFramework: number;
  maxCompletedFrameworks?: number;
  authenticated: boolean;
  acls: boolean;
  /** `--weights`, when given. */
  weights?: ReadonlyArray<{ role: string; weight: number }>;
}

/** The master's flags as Mesos lists them: Mesos's names and units (`15secs`), values as text; a ZooKeeper URL without its credentials. */
export function mesosMasterFlags(f: MasterFlagValues): Record<string, string> {
  const secs = (n: number): string => `${n}secs`;
  const out: Record<string, string> = {
    ip: f.ip,
    port: String(f.port),
    hostname: f.hostname,
    registry: f.zk ? 'zookeeper' : f.workDir ? 'file' : 'in_memory',
    offer_timeout: secs(f.offerTimeoutSeconds),
    agent_ping_timeout: secs(f.agentPingTimeoutSeconds),
    max_agent_ping_timeouts: String(f.maxAgentPingTimeouts),
    agent_removal_timeout: secs(f.agentRemovalTimeoutSeconds),
    agent_reregister_timeout: secs(f.agentReregisterTimeoutSeconds),
    max_completed_tasks_per_framework: String(f.maxCompletedTasksPerFramework),
    authenticate_frameworks: String(f.authenticated),
    authenticate_agents: String(f.authenticated),
    authenticate_http_readonly: String(f.authenticated),
    authenticate_http_readwrite: String(f.authenticated),
    authorizers: f.acls ? 'local' : '',
  };
  if (f.maxCompletedFrameworks !== undefined) out.max_completed_frameworks = String(f.maxCompletedFrameworks);
  if (f.zk) out.zk = f.zk.replace(/^zk:\/\/[^@/]*@/, 'zk://');
  if (f.workDir) out.work_dir = f.workDir;
  if (f.weights && f.weights.length > 0) out.weights = f.weights.map((w) => `${w.role}=${w.weight}`).join(',');
  return out;
}
