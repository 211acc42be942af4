/**
 * An agent's persistent volumes as the master knows them: they live in the
 * agent's total (the allocator's, kept in `agent.total`) beside its
 * reservations, and the registry keeps them in the agent's
 * `update_reservations` entry (`dynamicallyReserved` includes them). This
 * module answers "which volumes, used by whom" and tells the agent its set
 * (`MasterToAgent.volumes`: the full set, plus the destroyed ones whose
 * directories it removes) on registration and after every change.
 */
import type { Resource } from '@meseta/proto/wire';
import { volumeKey, volumeEntry, volumesOf, type VolumeEntry } from '@meseta/proto/volumes';
import type { AgentRecord, MasterToAgentPart } from './state';

/**
 * Destroyed volumes not yet told to their agent (it was disconnected):
 * sent with its next volumes message. In memory only: a master failover
 * forgets them, and the agent keeps those directories (see ARCHITECTURE).
 */
const untold = new WeakMap<AgentRecord, Resource[]>();

/** The agent's persistent volumes (unallocated form). */
export function agentVolumes(agent: AgentRecord): Resource[] {
  return volumesOf(agent.total);
}

/** Ids of the live tasks on the agent whose resources include `volume` (same role and persistence id). */
export function volumeUsers(agent: AgentRecord, volume: Resource): string[] {
  const key = volumeKey(volume);
  const out: string[] = [];
  for (const t of agent.tasks.values()) {
    if (t.resources.some((r) => r.disk?.persistence && volumeKey(r) === key)) out.push(t.taskId);
  }
  return out;
}

/** The agent's volumes as `/state` lists them: `{persistence_id, role, principal, container_path, mode, disk_mb, used_by_task_ids?}`. */
export function volumeEntries(agent: AgentRecord): VolumeEntry[] {
  const volumes = agentVolumes(agent);
  if (volumes.length === 0) return [];
  return volumes.map((v) => volumeEntry(v, volumeUsers(agent, v)));
}

/**
 * The `volumes` part of a MasterToAgent for this agent, or undefined when
 * there is nothing to say (no volumes, none destroyed): added to
 * `registered` so an agent learns its set when it (re-)registers.
 */
export function volumesPart(agent: AgentRecord, destroyed: readonly Resource[] = []): Pick<MasterToAgentPart, 'volumes'> | undefined {
  const pending = [...(untold.get(agent) ?? []), ...destroyed];
  const volumes = agentVolumes(agent);
  if (volumes.length === 0 && pending.length === 0) return undefined;
  return { volumes: { volumes, destroyed: pending } };
}

/** The agent's volume directories were told (the part went out on a live link): forget the destroyed ones. */
function told(agent: AgentRecord): void {
  untold.delete(agent);
}

/**
 * Tell the agent its volumes after a CREATE or DESTROY (`destroyed`: the
 * volumes just destroyed). When it is not connected the destroyed ones
 * wait for its next registration.
 */
export function sendVolumes(agent: AgentRecord, destroyed: readonly Resource[] = []): void {
  const part = volumesPart(agent, destroyed);
  if (!part) return;
  if (agent.status === 'ACTIVE' && agent.sink) {
    agent.sink.send(part);
    told(agent);
  } else if (part.volumes?.destroyed && part.volumes.destroyed.length > 0) {
    untold.set(agent, [...(part.volumes.destroyed as Resource[])]);
  }
}

/**
 * The `registered` answer with the agent's volumes beside it: the part to
 * send, and the destroyed ones are counted as told.
 */
export function withVolumes(agent: AgentRecord, part: MasterToAgentPart): MasterToAgentPart {
  const volumes = volumesPart(agent);
  if (!volumes) return part;
  told(agent);
  return { ...part, ...volumes };
}
