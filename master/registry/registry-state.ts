/**
 * What must survive a master restart or failover: admitted agents (and
 * those marked unreachable or gone), framework infos, and the settings
 * later features add (weights, quotas, maintenance). Pure: parsing,
 * serialising and the mutations the master makes.
 *
 * Task state is not here: a new leader rebuilds it from re-registering
 * agents, as Mesos does.
 */
import type { AgentInfo, FrameworkInfo, Resource } from '@meseta/proto/wire';
import type { AgentDrain } from '../state';
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';
import type { Machine, MaintenanceScheduleSpec } from '../maintenance-rules';

/** The registry format this code writes. A newer one is refused. */
export const REGISTRY_FORMAT_VERSION = 1;
const MAGIC = 'meseta-registry';
/** Gone agents remembered (so they cannot come back under their old id). */
export const MAX_GONE_AGENTS = 1000;

/** An agent the registry knows. */
export interface RegistryAgent {
  id: string;
  info: AgentInfo;
  status: 'ADMITTED' | 'UNREACHABLE' | 'GONE';
  /** Seconds since the epoch of the last status change. */
  since: number;
  /** The principal that registered it (authenticated clusters): only it may re-register this id. */
  principal?: string;
  /** The operator stopped offers of it (DEACTIVATE_AGENT, DRAIN_AGENT). */
  deactivated?: boolean;
  /** Its drain, while draining or drained. */
  drain?: AgentDrain;
  /**
   * Its dynamic reservations (each resource with its whole reservation
   * stack, unallocated): applied to what the agent reports when it
   * (re-)registers. Absent: none.
   */
  reservations?: Resource[];
  /**
   * Persistent volumes destroyed while the agent could not be told (it was
   * disconnected): sent with its next volumes message, so that its
   * directories go even after a master failover. Absent: none.
   */
  destroyedVolumes?: Resource[];
}

/** A framework the registry knows. */
export interface RegistryFramework {
  id: string;
  info: FrameworkInfo;
  registeredTime: number;
}

/** A role's quota as stored. */
export interface StoredQuota {
  guarantees: Record<string, number>;
  limits: Record<string, number>;
}

/** A machine brought DOWN, and since when (seconds since the epoch). */
export interface StoredDownMachine extends Machine {
  since: number;
}

/** The maintenance schedule and the machines DOWN. */
export interface StoredMaintenance {
  schedule: MaintenanceScheduleSpec;
  down: StoredDownMachine[];
}

/** The whole registry. */
export interface RegistryState {
  agents: Map<string, RegistryAgent>;
  frameworks: Map<string, RegistryFramework>;
  weights: Map<string, number>;
  /** Role quotas (guarantees and limits by resource name); absent in registries written before quota. */
  quotas: Map<string, StoredQuota>;
  /** The maintenance schedule and DOWN machines; absent when there are none. */
  maintenance?: StoredMaintenance;
  /**
   * The generation of the mutation log that follows this snapshot (file
   * store): a log of another generation was already compacted into it.
   * Absent in registries written before the log existed (generation 0).
   */
  logGeneration?: number;
}

/** Raised for a registry that must not be used: corrupt, or from a newer version. */
export class RegistryError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`registry at ${where} ${problem}; refusing to start rather than start empty`);
    this.name = 'RegistryError';
  }
}

/** An empty registry. */
export function emptyRegistry(): RegistryState {
  return { agents: new Map(), frameworks: new Map(), weights: new Map(), quotas: new Map() };
}

function agentJson(info: AgentInfo): unknown {
  return pb.AgentInfo.toObject(pb.AgentInfo.fromObject(info as Record<string, unknown>), JSON_OPTIONS);
}

function frameworkJson(info: FrameworkInfo): unknown {
  return pb.FrameworkInfo.toObject(pb.FrameworkInfo.fromObject(info as Record<string, unknown>), JSON_OPTIONS);
}

function resourcesJson(resources: readonly Resource[]): unknown[] {
  return resources.map((r) => pb.Resource.toObject(pb.Resource.fromObject(r as Record<string, unknown>), JSON_OPTIONS));
}

function agentEntry(a: RegistryAgent): string {
  const reservations = a.reservations && a.reservations.length > 0 ? resourcesJson(a.reservations) : undefined;
  const destroyed = a.destroyedVolumes && a.destroyedVolumes.length > 0 ? resourcesJson(a.destroyedVolumes) : undefined;
  return JSON.stringify({ id: a.id, status: a.status, since: a.since, info: agentJson(a.info), principal: a.principal, deactivated: a.deactivated || undefined, drain: a.drain, reservations, destroyed_volumes: destroyed });
}

function frameworkEntry(f: RegistryFramework): string {
  return JSON.stringify({ id: f.id, registered_time: f.registeredTime, info: frameworkJson(f.info) });
}

/**
 * The registry as JSON text in pieces of at most `slice` entries, in
 * order; joined they are {@link serializeRegistry}'s bytes. Lets a large
 * registry be written without one long synchronous block.
 */
export function* registryPieces(state: RegistryState, slice = 1000): Generator<string> {
  const generation = state.logGeneration === undefined ? '' : `,"log_generation":${state.logGeneration}`;
  yield `{"format":"${MAGIC}","version":${REGISTRY_FORMAT_VERSION}${generation},"agents":[`;
  let parts: string[] = [];
  let first = true;
  const flush = (): string => {
    const out = (first ? '' : ',') + parts.join(',');
    first = false;
    parts = [];
    return out;
  };
  for (const a of state.agents.values()) {
    parts.push(agentEntry(a));
    if (parts.length >= slice) yield flush();
  }
  if (parts.length > 0) yield flush();
  yield '],"frameworks":[';
  first = true;
  for (const f of state.frameworks.values()) {
    parts.push(frameworkEntry(f));
    if (parts.length >= slice) yield flush();
  }
  if (parts.length > 0) yield flush();
  const quotas = state.quotas.size > 0 ? `,"quotas":${JSON.stringify(Object.fromEntries(state.quotas))}` : '';
  const maintenance = state.maintenance ? `,"maintenance":${JSON.stringify(state.maintenance)}` : '';
  yield `],"weights":${JSON.stringify(Object.fromEntries(state.weights))}${quotas}${maintenance}}`;
}

/** Serialise to bytes (JSON with Mesos field names). */
export function serializeRegistry(state: RegistryState): Buffer {
  return Buffer.from([...registryPieces(state, Number.MAX_SAFE_INTEGER)].join(''));
}

/** Gives the event loop a turn between two slices of a long load (`setImmediate` in the master). */
export type YieldTurn = () => Promise<void>;

/** Registry entries read between two turns by {@link parseRegistryInSlices}. @default */
export const REGISTRY_LOAD_SLICE = 500;

/** The JSON document of a registry, its header checked. */
function registryDocument(bytes: Buffer, where: string): Record<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new RegistryError(where, `is corrupt (not valid JSON: ${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || doc.format !== MAGIC) throw new RegistryError(where, 'is corrupt (not a Meseta registry)');
  const version = doc.version;
  if (typeof version !== 'number') throw new RegistryError(where, 'is corrupt (no version)');
  if (version > REGISTRY_FORMAT_VERSION) {
    throw new RegistryError(where, `is from a newer Meseta (format ${version}, this master reads up to ${REGISTRY_FORMAT_VERSION})`);
  }
  return doc;
}

/** `doc[field]` as a list of entries (absent: none). */
function entriesOf(doc: Record<string, unknown>, field: 'agents' | 'frameworks', where: string): Array<Record<string, unknown>> {
  const list = doc[field] ?? [];
  if (!Array.isArray(list)) throw new RegistryError(where, `is corrupt (${field} is not a list)`);
  return list as Array<Record<string, unknown>>;
}

function readAgent(state: RegistryState, a: Record<string, unknown>): void {
  const info = pb.AgentInfo.fromObject(a.info as Record<string, unknown>);
  state.agents.set(String(a.id), { id: String(a.id), status: a.status as RegistryAgent['status'], since: Number(a.since ?? 0), info, ...principalOf(a), ...operatorStateOf(a), ...reservationsOf(a), ...destroyedVolumesOf(a.destroyed_volumes) });
}

function readFramework(state: RegistryState, f: Record<string, unknown>): void {
  const info = pb.FrameworkInfo.fromObject(f.info as Record<string, unknown>);
  state.frameworks.set(String(f.id), { id: String(f.id), registeredTime: Number(f.registered_time ?? 0), info });
}

/** Weights, quotas, maintenance and the log generation. */
function readSettings(state: RegistryState, doc: Record<string, unknown>): void {
  for (const [role, w] of Object.entries(weightsOf(doc.weights ?? {}))) state.weights.set(role, w);
  for (const [role, quota] of Object.entries((doc.quotas as Record<string, unknown>) ?? {})) state.quotas.set(role, quotaOf(role, quota));
  if (doc.maintenance !== undefined) state.maintenance = maintenanceOf(doc.maintenance);
  if (typeof doc.log_generation === 'number') state.logGeneration = doc.log_generation;
}

/** Run `read`; any error it throws becomes a RegistryError naming `where`. */
function asCorrupt(where: string, read: () => void): void {
  try {
    read();
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    throw new RegistryError(where, `is corrupt (${(e as Error).message})`);
  }
}

/** Parse bytes written by {@link serializeRegistry}; throws RegistryError naming the problem. */
export function parseRegistry(bytes: Buffer, where: string): RegistryState {
  const doc = registryDocument(bytes, where);
  const state = emptyRegistry();
  asCorrupt(where, () => {
    for (const a of entriesOf(doc, 'agents', where)) readAgent(state, a);
    for (const f of entriesOf(doc, 'frameworks', where)) readFramework(state, f);
    readSettings(state, doc);
  });
  return state;
}

/**
 * {@link parseRegistry} without one long block: the entries are decoded
 * `slice` at a time with `yieldTurn` between slices, so a master loading
 * tens of thousands of agents still accepts connections and answers the
 * links it holds meanwhile. The JSON text itself is still parsed in one
 * step (`JSON.parse`); the per-entry protobuf decoding after it was most of
 * the load. Same result and same errors as {@link parseRegistry}.
 */
export async function parseRegistryInSlices(bytes: Buffer, where: string, yieldTurn: YieldTurn, slice = REGISTRY_LOAD_SLICE): Promise<RegistryState> {
  const doc = registryDocument(bytes, where);
  await yieldTurn();
  const state = emptyRegistry();
  const step = Math.max(1, slice);
  const agents = entriesOf(doc, 'agents', where);
  for (let i = 0; i < agents.length; i += step) {
    asCorrupt(where, () => {
      for (const a of agents.slice(i, i + step)) readAgent(state, a);
    });
    await yieldTurn();
  }
  const frameworks = entriesOf(doc, 'frameworks', where);
  for (let i = 0; i < frameworks.length; i += step) {
    asCorrupt(where, () => {
      for (const f of frameworks.slice(i, i + step)) readFramework(state, f);
    });
    await yieldTurn();
  }
  asCorrupt(where, () => readSettings(state, doc));
  return state;
}

/**
 * A change to the registry as data: what the file store's log records and
 * replays. Each kind is what one of the mutation makers below does.
 */
export type RegistryOp =
  | { op: 'admit_agent'; id: string; info: AgentInfo; since: number; principal?: string }
  | { op: 'agent_unreachable'; id: string; since: number }
  | { op: 'agent_gone'; id: string; since: number }
  | { op: 'agent_operator_state'; id: string; deactivated: boolean; drain?: AgentDrain }
  | { op: 'update_reservations'; id: string; resources: Resource[]; destroyed?: Resource[] }
  | { op: 'put_framework'; id: string; info: FrameworkInfo; now: number }
  | { op: 'remove_framework'; id: string }
  | { op: 'update_weights'; weights: Record<string, number> }
  | { op: 'update_quota'; role: string; quota?: StoredQuota }
  | { op: 'update_maintenance'; maintenance: StoredMaintenance };

/**
 * A change to the registry; returns false when it changed nothing (no
 * write needed). Made by the functions below, it carries its {@link RegistryOp}
 * (so it can be logged); one without (a test's own) makes the registrar
 * write a whole snapshot.
 */
export type RegistryMutation = ((state: RegistryState) => boolean) & { readonly op?: RegistryOp };

function mutation(op: RegistryOp): RegistryMutation {
  return Object.assign((s: RegistryState) => applyRegistryOp(s, op), { op });
}

/**
 * A change whose op is made only when the registrar applies it (at the
 * start of the write that carries it), so it writes the latest value of
 * what it describes: callers that queue behind it before that write begins
 * share it (one entry per agent however many operations changed it).
 */
export function deferredMutation(make: () => RegistryOp): RegistryMutation {
  let made: RegistryOp | undefined;
  const apply = (s: RegistryState): boolean => applyRegistryOp(s, (made = make()));
  return Object.defineProperty(apply, 'op', { get: () => made, enumerable: true }) as RegistryMutation;
}

/** Apply one change; false when it changed nothing. */
export function applyRegistryOp(s: RegistryState, op: RegistryOp): boolean {
  switch (op.op) {
    case 'admit_agent': {
      const existing = s.agents.get(op.id);
      const principal = op.principal ?? existing?.principal;
      if (existing && existing.status === 'ADMITTED' && existing.principal === principal && JSON.stringify(existing.info) === JSON.stringify(op.info)) return false;
      // What the operator set (deactivated, drained) outlives re-admissions.
      const kept = existing
        ? {
            ...operatorStateOf(existing as unknown as Record<string, unknown>),
            ...(existing.reservations ? { reservations: existing.reservations } : {}),
            ...(existing.destroyedVolumes ? { destroyedVolumes: existing.destroyedVolumes } : {}),
          }
        : {};
      s.agents.set(op.id, { id: op.id, info: op.info, status: 'ADMITTED', since: op.since, ...(principal !== undefined ? { principal } : {}), ...kept });
      return true;
    }
    case 'agent_unreachable': {
      const a = s.agents.get(op.id);
      if (!a || a.status !== 'ADMITTED') return false;
      a.status = 'UNREACHABLE';
      a.since = op.since;
      return true;
    }
    case 'agent_gone': {
      const a = s.agents.get(op.id);
      if (!a || a.status === 'GONE') return false;
      a.status = 'GONE';
      a.since = op.since;
      const gone = [...s.agents.values()].filter((x) => x.status === 'GONE').sort((x, y) => x.since - y.since);
      for (const old of gone.slice(0, Math.max(0, gone.length - MAX_GONE_AGENTS))) s.agents.delete(old.id);
      return true;
    }
    case 'agent_operator_state': {
      const a = s.agents.get(op.id);
      if (!a || a.status === 'GONE') return false;
      if (Boolean(a.deactivated) === op.deactivated && JSON.stringify(a.drain) === JSON.stringify(op.drain)) return false;
      if (op.deactivated) a.deactivated = true;
      else delete a.deactivated;
      if (op.drain) a.drain = { ...op.drain };
      else delete a.drain;
      return true;
    }
    case 'update_reservations': {
      const a = s.agents.get(op.id);
      if (!a || a.status === 'GONE') return false;
      const destroyed = op.destroyed ?? [];
      if (JSON.stringify(a.reservations ?? []) === JSON.stringify(op.resources) && JSON.stringify(a.destroyedVolumes ?? []) === JSON.stringify(destroyed)) return false;
      if (op.resources.length > 0) a.reservations = op.resources.map((r) => ({ ...r }));
      else delete a.reservations;
      if (destroyed.length > 0) a.destroyedVolumes = destroyed.map((r) => ({ ...r }));
      else delete a.destroyedVolumes;
      return true;
    }
    case 'put_framework': {
      const existing = s.frameworks.get(op.id);
      if (existing && JSON.stringify(existing.info) === JSON.stringify(op.info)) return false;
      s.frameworks.set(op.id, { id: op.id, info: op.info, registeredTime: existing?.registeredTime ?? op.now });
      return true;
    }
    case 'remove_framework':
      return s.frameworks.delete(op.id);
    case 'update_weights': {
      let changed = false;
      for (const [role, weight] of Object.entries(op.weights)) {
        if (s.weights.get(role) === weight) continue;
        s.weights.set(role, weight);
        changed = true;
      }
      return changed;
    }
    case 'update_maintenance': {
      const empty = op.maintenance.schedule.windows.length === 0 && op.maintenance.down.length === 0;
      if (JSON.stringify(s.maintenance) === JSON.stringify(empty ? undefined : op.maintenance)) return false;
      if (empty) delete s.maintenance;
      else s.maintenance = maintenanceOf(JSON.parse(JSON.stringify(op.maintenance)));
      return true;
    }
    case 'update_quota': {
      const existing = s.quotas.get(op.role);
      if (!op.quota) return s.quotas.delete(op.role);
      if (existing && JSON.stringify(existing) === JSON.stringify(op.quota)) return false;
      s.quotas.set(op.role, { guarantees: { ...op.quota.guarantees }, limits: { ...op.quota.limits } });
      return true;
    }
  }
}

/** An op as JSON (infos with Mesos field names), for the log. */
export function encodeRegistryOp(op: RegistryOp): unknown {
  if (op.op === 'admit_agent') return { ...op, info: agentJson(op.info) };
  if (op.op === 'put_framework') return { ...op, info: frameworkJson(op.info) };
  if (op.op === 'update_reservations') {
    const { destroyed, ...rest } = op;
    return { ...rest, resources: resourcesJson(op.resources), ...(destroyed && destroyed.length > 0 ? { destroyed: resourcesJson(destroyed) } : {}) };
  }
  return op;
}

/** Read an op written by {@link encodeRegistryOp}; throws on anything else. */
export function decodeRegistryOp(value: unknown): RegistryOp {
  const o = value as Record<string, unknown>;
  if (typeof o === 'object' && o !== null && o.op === 'update_weights') return { op: 'update_weights', weights: weightsOf(o.weights) };
  if (typeof o === 'object' && o !== null && o.op === 'update_maintenance') return { op: 'update_maintenance', maintenance: maintenanceOf(o.maintenance) };
  if (typeof o === 'object' && o !== null && o.op === 'update_quota') {
    if (typeof o.role !== 'string') throw new Error('an update_quota record without a role');
    return { op: 'update_quota', role: o.role, ...(o.quota !== undefined ? { quota: quotaOf(o.role, o.quota) } : {}) };
  }
  if (typeof o !== 'object' || o === null || typeof o.id !== 'string') throw new Error('a log record without an id');
  const id = o.id;
  switch (o.op) {
    case 'admit_agent':
      return { op: 'admit_agent', id, since: Number(o.since), info: pb.AgentInfo.fromObject(o.info as Record<string, unknown>), ...principalOf(o) };
    case 'agent_unreachable':
    case 'agent_gone':
      return { op: o.op, id, since: Number(o.since) };
    case 'agent_operator_state':
      return { op: 'agent_operator_state', id, deactivated: o.deactivated === true, ...(drainOf(o.drain) ? { drain: drainOf(o.drain) } : {}) };
    case 'put_framework':
      return { op: 'put_framework', id, now: Number(o.now), info: pb.FrameworkInfo.fromObject(o.info as Record<string, unknown>) };
    case 'remove_framework':
      return { op: 'remove_framework', id };
    case 'update_reservations': {
      const destroyed = destroyedVolumesOf(o.destroyed).destroyedVolumes;
      return { op: 'update_reservations', id, resources: reservationsOf({ reservations: o.resources ?? [] }).reservations ?? [], ...(destroyed ? { destroyed } : {}) };
    }
    default:
      throw new Error(`a log record of unknown kind ${JSON.stringify(o.op)}`);
  }
}

/** Role weights as stored: every value a positive finite number, or an Error naming the role. */
function weightsOf(v: unknown): Record<string, number> {
  if (typeof v !== 'object' || v === null) throw new Error('an update_weights record without weights');
  const out: Record<string, number> = {};
  for (const [role, w] of Object.entries(v as Record<string, unknown>)) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) throw new Error(`an update_weights record with weight ${JSON.stringify(w)} for role '${role}'`);
    out[role] = w;
  }
  return out;
}

/** Quantities as stored: each a finite number of at least 0, or an Error naming the role and resource. */
function amountsOf(role: string, kind: string, v: unknown): Record<string, number> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null) throw new Error(`the quota of role '${role}' has ${kind} that are not an object`);
  const out: Record<string, number> = {};
  for (const [name, amount] of Object.entries(v as Record<string, unknown>)) {
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) throw new Error(`the quota of role '${role}' has ${kind} ${JSON.stringify(amount)} of ${name}`);
    out[name] = amount;
  }
  return out;
}

/** A stored quota, checked. */
function quotaOf(role: string, v: unknown): StoredQuota {
  if (typeof v !== 'object' || v === null) throw new Error(`the quota of role '${role}' is not an object`);
  const q = v as Record<string, unknown>;
  return { guarantees: amountsOf(role, 'guarantees', q.guarantees), limits: amountsOf(role, 'limits', q.limits) };
}

/** Stored machines, checked: each a hostname and/or ip string. */
function machinesOf(v: unknown, what: string): Machine[] {
  if (!Array.isArray(v)) throw new Error(`the maintenance ${what} is not a list`);
  return v.map((m) => {
    const o = m as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.hostname !== 'string' || typeof o.ip !== 'string' || (!o.hostname && !o.ip)) {
      throw new Error(`the maintenance ${what} holds ${JSON.stringify(m)}, not a machine`);
    }
    return { hostname: o.hostname, ip: o.ip };
  });
}

/** Stored maintenance, checked. */
function maintenanceOf(v: unknown): StoredMaintenance {
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) throw new Error('the maintenance record is not an object');
  const schedule = o.schedule as Record<string, unknown> | undefined;
  if (typeof schedule !== 'object' || schedule === null || !Array.isArray(schedule.windows)) throw new Error('the maintenance schedule has no windows list');
  const windows = (schedule.windows as Array<Record<string, unknown>>).map((w) => {
    if (typeof w.startSeconds !== 'number') throw new Error('a maintenance window without a start');
    return { machines: machinesOf(w.machines, 'window'), startSeconds: w.startSeconds, ...(typeof w.durationSeconds === 'number' ? { durationSeconds: w.durationSeconds } : {}) };
  });
  const downList = Array.isArray(o.down) ? (o.down as Array<Record<string, unknown>>) : [];
  const down = machinesOf(downList, 'DOWN list').map((m, i) => ({ ...m, since: Number(downList[i]!.since ?? 0) }));
  return { schedule: { windows }, down };
}

/** Replace the maintenance schedule and the DOWN machines. */
export function updateMaintenance(maintenance: StoredMaintenance): RegistryMutation {
  return mutation({ op: 'update_maintenance', maintenance });
}

/** Set a role's quota, or remove it (undefined). */
export function updateQuota(role: string, quota: StoredQuota | undefined): RegistryMutation {
  return mutation({ op: 'update_quota', role, ...(quota ? { quota } : {}) });
}

/** Set the weights of these roles (others keep theirs). */
export function updateWeights(weights: Record<string, number>): RegistryMutation {
  return mutation({ op: 'update_weights', weights: { ...weights } });
}

/** Admit or re-admit an agent (with the principal that registered it, on an authenticated cluster). */
export function admitAgent(id: string, info: AgentInfo, now: number, principal?: string): RegistryMutation {
  return mutation({ op: 'admit_agent', id, info, since: now, ...(principal !== undefined ? { principal } : {}) });
}

/** `{ principal }` when a stored record carries one (records from before authentication do not). */
function principalOf(o: Record<string, unknown>): { principal?: string } {
  return typeof o.principal === 'string' ? { principal: o.principal } : {};
}

/** A drain as stored, or undefined for anything else. */
function drainOf(v: unknown): AgentDrain | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const d = v as Record<string, unknown>;
  if (d.state !== 'DRAINING' && d.state !== 'DRAINED') return undefined;
  const drain: AgentDrain = { state: d.state, markGone: d.markGone === true, since: Number(d.since ?? 0) };
  if (typeof d.maxGracePeriodSeconds === 'number') drain.maxGracePeriodSeconds = d.maxGracePeriodSeconds;
  return drain;
}

/** `{ deactivated, drain }` as a stored record carries them (records before draining do not). */
function operatorStateOf(o: Record<string, unknown>): Pick<RegistryAgent, 'deactivated' | 'drain'> {
  const drain = drainOf(o.drain);
  return { ...(o.deactivated === true ? { deactivated: true } : {}), ...(drain ? { drain } : {}) };
}

/** Stored reservations as read back: protobuf-checked resources, or an Error. */
function reservationsOf(o: Record<string, unknown>): Pick<RegistryAgent, 'reservations'> {
  const v = o.reservations;
  if (v === undefined || v === null) return {};
  if (!Array.isArray(v)) throw new Error('an agent whose reservations are not a list');
  const list = v.map((r) => pb.Resource.toObject(pb.Resource.fromObject(r as Record<string, unknown>), { ...JSON_OPTIONS, enums: Number, longs: Number }) as Resource);
  return list.length > 0 ? { reservations: list } : {};
}

/** Stored destroyed volumes as read back: protobuf-checked disk resources each with a persistence id, or an Error. */
function destroyedVolumesOf(v: unknown): Pick<RegistryAgent, 'destroyedVolumes'> {
  if (v === undefined || v === null) return {};
  if (!Array.isArray(v)) throw new Error('an agent whose destroyed volumes are not a list');
  const list = v.map((r, i) => {
    const resource = pb.Resource.toObject(pb.Resource.fromObject(r as Record<string, unknown>), { ...JSON_OPTIONS, enums: Number, longs: Number }) as Resource;
    if (!resource.disk?.persistence?.id) throw new Error(`an agent whose destroyed volume ${i} has no persistence id`);
    return resource;
  });
  return list.length > 0 ? { destroyedVolumes: list } : {};
}

/**
 * Set an agent's dynamic reservations (all of them, unallocated; an empty
 * list clears them) and the volumes destroyed that it has not been told of
 * (`destroyed`; absent or empty: none).
 */
export function updateReservations(id: string, resources: Resource[], destroyed: Resource[] = []): RegistryMutation {
  return mutation({ op: 'update_reservations', id, resources, ...(destroyed.length > 0 ? { destroyed } : {}) });
}

/** Set what the operator decided of an agent: deactivated (no offers) and its drain. */
export function setAgentOperatorState(id: string, deactivated: boolean, drain?: AgentDrain): RegistryMutation {
  return mutation({ op: 'agent_operator_state', id, deactivated, ...(drain ? { drain } : {}) });
}

/** Mark an agent unreachable. */
export function markAgentUnreachable(id: string, now: number): RegistryMutation {
  return mutation({ op: 'agent_unreachable', id, since: now });
}

/** Mark an agent gone; the oldest gone agents are forgotten past {@link MAX_GONE_AGENTS}. */
export function markAgentGone(id: string, now: number): RegistryMutation {
  return mutation({ op: 'agent_gone', id, since: now });
}

/** Add or update a framework. */
export function putFramework(id: string, info: FrameworkInfo, now: number): RegistryMutation {
  return mutation({ op: 'put_framework', id, info, now });
}

/** Forget a framework (torn down or failed over too late). */
export function removeFramework(id: string): RegistryMutation {
  return mutation({ op: 'remove_framework', id });
}
