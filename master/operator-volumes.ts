/**
 * The operator's CREATE_VOLUMES / DESTROY_VOLUMES on one agent: the volumes
 * are checked as a framework's CREATE / DESTROY are, made of (or given back
 * to) the agent's free reserved disk (its offers are rescinded first when
 * they hold it), converted in the allocator and the master's record of the
 * agent, written to the registry, and told to the agent; answered once
 * durable.
 */
import type { Resource } from '@meseta/proto/wire';
import { isRefusal } from '@meseta/proto/reservations';
import { createProblem, destroyProblem, planCreate, planDestroy, volumesChange, type VolumeRefusal } from '@meseta/proto/volumes';
import type { MasterContext } from './master-context';
import { persistReservations } from './agent-reservations';
import { convertibleTotal, convertOnAgent, registeredAgent, type AgentChangeError } from './operator-agent-change';
import { agentVolumes, sendVolumes, volumeUsers } from './agent-volumes';
import { noteDestroyed } from './volume-destroys';
import type { Master } from './master';
import { ReservationError } from './operator-reservations';
import { OperatorActionError, type OperatorAuthority } from './operator-actions';

/** A refused operator volume call: a ReservationError, with the live tasks using the volume when that is why. */
export class VolumeError extends ReservationError {
  constructor(
    kind: ReservationError['kind'],
    message: string,
    refusal?: VolumeRefusal,
  ) {
    super(kind, message, refusal?.shortfalls ?? []);
    this.name = 'VolumeError';
    if (refusal?.in_use_by) this.inUseBy = refusal.in_use_by;
  }
  /** Ids of the live tasks that use the volume (a DESTROY refused). */
  inUseBy: string[] = [];
}

/** Operator persistent volumes on the master's agents. */
export class OperatorVolumes {
  constructor(private readonly ctx: MasterContext) {}

  /**
   * Create (or destroy) `volumes` on the agent. `field` names the call's
   * volume list in refusals; `principal` is the caller's (a volume's
   * `disk.persistence.principal` must be it when both are set; unset, the
   * volume records the caller's). Rejects with a VolumeError.
   */
  async apply(kind: 'create' | 'destroy', agentId: string, volumes: readonly Resource[], field: string, agentField: string, principal?: string): Promise<Resource[]> {
    const { ctx } = this;
    const fail: AgentChangeError = (k, message, shortfalls) => new VolumeError(k, message, shortfalls && { message: '', shortfalls });
    const agent = registeredAgent(ctx, agentId, agentField, fail);
    const problem = kind === 'create' ? createProblem(volumes, { principal }, field) : destroyProblem(volumes, field);
    if (problem) throw new VolumeError('invalid', problem);
    const total = convertibleTotal(ctx, agentId, 'persistent volumes', fail);
    const existing = agentVolumes(agent);
    const plan = kind === 'create' ? planCreate(total, volumes, existing, { principal }, field) : planDestroy(total, volumes, existing, (v) => volumeUsers(agent, v), field);
    if (isRefusal(plan)) {
      const refusal = plan as VolumeRefusal;
      throw new VolumeError(refusal.in_use_by ? 'unavailable' : refusal.shortfalls ? 'unavailable' : 'invalid', refusal.message.replace(/offer holds/g, 'agent has').replace('on this agent', `on agent ${agentId}`), refusal);
    }
    convertOnAgent(ctx, agent, agentId, plan, field, fail);
    ctx.log.info(kind === 'create' ? 'persistent volumes created by the operator' : 'persistent volumes destroyed by the operator', {
      agent: agentId,
      principal: principal ?? '',
      volumes: plan.converted.concat(plan.consumed).filter((r) => r.disk?.persistence).map((r) => r.disk?.persistence?.id ?? ''),
    });
    ctx.scheduleAllocation();
    const changed = volumesChange(existing, agentVolumes(agent));
    // Kept until the agent hears of them, in its registry entry too (a failover does not forget them).
    if (changed) noteDestroyed(agent, changed.destroyed);
    const durable = await persistReservations(ctx, agent);
    // Told once durable either way: in force on this master, as the answer says.
    if (changed) sendVolumes(ctx, agent);
    if (!durable) {
      throw new VolumeError('failed', `agent ${agentId}: the registry write of its volumes failed (in force on this master until it restarts; see its log)`);
    }
    return agentVolumes(agent);
  }
}

/**
 * An operator's CREATE_VOLUMES / DESTROY_VOLUMES (gRPC Operator API and
 * Mesos's `POST /api/v1`): the ACL (`create_volume` on each volume's role;
 * `destroy_volume` on each volume's creator principal, as the agent has it)
 * is checked before anything changes. `prefix` names the call's body
 * (`create_volumes`). Resolves with the agent's volumes as they are now.
 * Rejects with an OperatorActionError.
 */
export async function volumesByOperator(
  master: Pick<Master, 'volumes' | 'agents'>,
  authority: OperatorAuthority,
  kind: 'create' | 'destroy',
  agentId: string,
  volumes: readonly Resource[],
  prefix: string,
): Promise<Resource[]> {
  const agent = master.agents.get(agentId);
  const known = agent ? agentVolumes(agent) : [];
  for (const v of volumes) {
    const role = v.reservations?.[v.reservations.length - 1]?.role ?? '';
    let denied;
    if (kind === 'create') denied = authority.check('create_volume', role);
    else {
      const id = v.disk?.persistence?.id;
      const creator = known.find((k) => k.disk?.persistence?.id === id && k.reservations?.[k.reservations.length - 1]?.role === role)?.disk?.persistence?.principal;
      denied = authority.check('destroy_volume', creator ?? v.disk?.persistence?.principal ?? '');
    }
    if (denied) throw new OperatorActionError('denied', denied.message);
  }
  try {
    return await master.volumes.apply(kind, agentId, volumes, `${prefix}.volumes`, `${prefix}.agent_id`, authority.principal);
  } catch (e) {
    if (e instanceof ReservationError) {
      throw new OperatorActionError(e.kind === 'not_found' ? 'not_found' : e.kind === 'failed' ? 'failed' : e.kind === 'unavailable' ? 'conflict' : 'invalid', e.message);
    }
    throw new OperatorActionError('failed', (e as Error).message);
  }
}
