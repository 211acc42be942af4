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
import type { MasterContext } from './master-context';
import { persistReservations } from './agent-reservations';
import { forgetDestroyed, untoldDestroyed } from './volume-destroys';

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
 * The `volumes` part of a MasterToAgent for this agent (its set, and the
 * destroyed volumes it has not been told of: `volume-destroys.ts`), or
 * undefined when there is nothing to say: added to `registered` so an
 * agent learns its set when it (re-)registers.
 */
export function volumesPart(agent: AgentRecord): Pick<MasterToAgentPart, 'volumes'> | undefined {
  const destroyed = untoldDestroyed(agent);
  const volumes = agentVolumes(agent);
  if (volumes.length === 0 && destroyed.length === 0) return undefined;
  return { volumes: { volumes, destroyed } };
}

/**
 * The agent's volume directories were told (the part went out on a live
 * link): forget the destroyed ones, and rewrite its registry entry without
 * them (a failed write is logged; the agent is only told again).
 */
function told(ctx: MasterContext, agent: AgentRecord): void {
  if (forgetDestroyed(agent)) void persistReservations(ctx, agent);
}

/**
 * Tell the agent its volumes after a CREATE or DESTROY (the destroyed ones
 * noted with `noteDestroyed` before the registry write). When it is not
 * connected the destroyed ones wait, in its registry entry, for its next
 * registration (also with the next leader).
 */
export function sendVolumes(ctx: MasterContext, agent: AgentRecord): void {
  if (agent.status !== 'ACTIVE' || !agent.sink) return;
  const part = volumesPart(agent);
  if (!part) return;
  agent.sink.send(part);
  told(ctx, agent);
}

/**
 * The `registered` answer with the agent's volumes beside it: the part to
 * send, and the destroyed ones are counted as told.
 */
export function withVolumes(ctx: MasterContext, agent: AgentRecord, part: MasterToAgentPart): MasterToAgentPart {
  const volumes = volumesPart(agent);
  if (!volumes) return part;
  told(ctx, agent);
  return { ...part, ...volumes };
}
