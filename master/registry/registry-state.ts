/**
 * What must survive a master restart or failover: admitted agents (and
 * those marked unreachable or gone), framework infos, and the settings
 * later features add (weights, quotas, maintenance). Pure: parsing,
 * serialising and the mutations the master makes.
 *
 * Task state is not here: a new leader rebuilds it from re-registering
 * agents, as Mesos does.
 */
import type { AgentInfo, FrameworkInfo } from '@meseta/proto/wire';
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';

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
}

/** A framework the registry knows. */
export interface RegistryFramework {
  id: string;
  info: FrameworkInfo;
  registeredTime: number;
}

/** The whole registry. */
export interface RegistryState {
  agents: Map<string, RegistryAgent>;
  frameworks: Map<string, RegistryFramework>;
  weights: Map<string, number>;
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
  return { agents: new Map(), frameworks: new Map(), weights: new Map() };
}

/** Serialise to bytes (JSON with Mesos field names). */
export function serializeRegistry(state: RegistryState): Buffer {
  const doc = {
    format: MAGIC,
    version: REGISTRY_FORMAT_VERSION,
    agents: [...state.agents.values()].map((a) => ({
      id: a.id,
      status: a.status,
      since: a.since,
      info: pb.AgentInfo.toObject(pb.AgentInfo.fromObject(a.info as Record<string, unknown>), JSON_OPTIONS),
    })),
    frameworks: [...state.frameworks.values()].map((f) => ({
      id: f.id,
      registered_time: f.registeredTime,
      info: pb.FrameworkInfo.toObject(pb.FrameworkInfo.fromObject(f.info as Record<string, unknown>), JSON_OPTIONS),
    })),
    weights: Object.fromEntries(state.weights),
  };
  return Buffer.from(JSON.stringify(doc));
}

/** Parse bytes written by {@link serializeRegistry}; throws RegistryError naming the problem. */
export function parseRegistry(bytes: Buffer, where: string): RegistryState {
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
  const state = emptyRegistry();
  try {
    for (const a of (doc.agents as Array<Record<string, unknown>>) ?? []) {
      const info = pb.AgentInfo.fromObject(a.info as Record<string, unknown>);
      state.agents.set(String(a.id), { id: String(a.id), status: a.status as RegistryAgent['status'], since: Number(a.since ?? 0), info });
    }
    for (const f of (doc.frameworks as Array<Record<string, unknown>>) ?? []) {
      const info = pb.FrameworkInfo.fromObject(f.info as Record<string, unknown>);
      state.frameworks.set(String(f.id), { id: String(f.id), registeredTime: Number(f.registered_time ?? 0), info });
    }
    for (const [role, w] of Object.entries((doc.weights as Record<string, number>) ?? {})) state.weights.set(role, Number(w));
  } catch (e) {
    throw new RegistryError(where, `is corrupt (${(e as Error).message})`);
  }
  return state;
}

/** A change to the registry; returns false when it changed nothing (no write needed). */
export type RegistryMutation = (state: RegistryState) => boolean;

/** Admit or re-admit an agent. */
export function admitAgent(id: string, info: AgentInfo, now: number): RegistryMutation {
  return (s) => {
    const existing = s.agents.get(id);
    if (existing && existing.status === 'ADMITTED' && JSON.stringify(existing.info) === JSON.stringify(info)) return false;
    s.agents.set(id, { id, info, status: 'ADMITTED', since: now });
    return true;
  };
}

/** Mark an agent unreachable. */
export function markAgentUnreachable(id: string, now: number): RegistryMutation {
  return (s) => {
    const a = s.agents.get(id);
    if (!a || a.status !== 'ADMITTED') return false;
    a.status = 'UNREACHABLE';
    a.since = now;
    return true;
  };
}

/** Mark an agent gone; the oldest gone agents are forgotten past {@link MAX_GONE_AGENTS}. */
export function markAgentGone(id: string, now: number): RegistryMutation {
  return (s) => {
    const a = s.agents.get(id);
    if (!a || a.status === 'GONE') return false;
    a.status = 'GONE';
    a.since = now;
    const gone = [...s.agents.values()].filter((x) => x.status === 'GONE').sort((x, y) => x.since - y.since);
    for (const old of gone.slice(0, Math.max(0, gone.length - MAX_GONE_AGENTS))) s.agents.delete(old.id);
    return true;
  };
}

/** Add or update a framework. */
export function putFramework(id: string, info: FrameworkInfo, now: number): RegistryMutation {
  return (s) => {
    const existing = s.frameworks.get(id);
    if (existing && JSON.stringify(existing.info) === JSON.stringify(info)) return false;
    s.frameworks.set(id, { id, info, registeredTime: existing?.registeredTime ?? now });
    return true;
  };
}

/** Forget a framework (torn down or failed over too late). */
export function removeFramework(id: string): RegistryMutation {
  return (s) => s.frameworks.delete(id);
}
