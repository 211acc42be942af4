/**
 * The operator's RESERVE_RESOURCES / UNRESERVE_RESOURCES on one agent: the
 * resources are checked as a framework's RESERVE / UNRESERVE are (without a
 * framework role: any role), taken from the agent's free resources (its
 * offers are rescinded first when they hold what is asked), converted in the
 * allocator and the master's record of the agent, and written to the
 * registry; answered once durable.
 */
import type { InsufficientResource, Resource } from '@meseta/proto/wire';
import { isRefusal, planReserve, planUnreserve, reserveProblem, unreserveProblem } from '@meseta/proto/reservations';
import type { MasterContext } from './master-context';
import { persistReservations } from './agent-reservations';
import { convertibleTotal, convertOnAgent, registeredAgent, type AgentChangeError } from './operator-agent-change';
import { reserveQuotaProblem } from './reserve-quota';
import type { Master } from './master';
import { OperatorActionError, type OperatorAuthority } from './operator-actions';

/** Why an operator reservation was refused: `invalid` input, `not_found` agent, resources `unavailable` (with the shortfalls as data), or the registry write `failed`. */
export class ReservationError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'unavailable' | 'failed',
    message: string,
    readonly shortfalls: InsufficientResource[] = [],
  ) {
    super(message);
    this.name = 'ReservationError';
  }
}

/** Operator reservations on the master's agents. */
export class OperatorReservations {
  constructor(private readonly ctx: MasterContext) {}

  /**
   * Reserve (or unreserve) `resources` on the agent. `field` names the
   * call's resource list in refusals; `principal` is the caller's (a
   * reservation must name it when set). Rejects with a ReservationError.
   */
  async apply(kind: 'reserve' | 'unreserve', agentId: string, resources: readonly Resource[], field: string, agentField: string, principal?: string): Promise<Resource[]> {
    const { ctx } = this;
    const fail: AgentChangeError = (k, message, shortfalls) => new ReservationError(k, message, shortfalls);
    const agent = registeredAgent(ctx, agentId, agentField, fail);
    const problem = kind === 'reserve' ? reserveProblem(resources, { principal }, field) : unreserveProblem(resources, field);
    if (problem) throw new ReservationError('invalid', problem);
    const total = convertibleTotal(ctx, agentId, 'reservations', fail);
    const plan = kind === 'reserve' ? planReserve(total, resources, field) : planUnreserve(total, resources, field);
    if (isRefusal(plan)) throw new ReservationError('unavailable', plan.message.replace(/offer holds/g, 'agent has'), plan.shortfalls);
    const overQuota = kind === 'reserve' ? reserveQuotaProblem(ctx.allocator, plan.converted, field) : undefined;
    if (overQuota) throw new ReservationError('invalid', overQuota.message, overQuota.refusals);
    convertOnAgent(ctx, agent, agentId, plan, field, fail);
    ctx.log.info(kind === 'reserve' ? 'resources reserved by the operator' : 'resources unreserved by the operator', { agent: agentId, principal: principal ?? '' });
    const durable = await persistReservations(ctx, agent);
    // An allocation pass is asked for only once durable (one on the master's own timer may come sooner).
    ctx.scheduleAllocation();
    if (!durable) {
      throw new ReservationError('failed', `agent ${agentId}: the registry write of its reservations failed (in force on this master until it restarts; see its log)`);
    }
    return plan.converted;
  }
}

/**
 * An operator's RESERVE_RESOURCES / UNRESERVE_RESOURCES (gRPC Operator API
 * and Mesos's `POST /api/v1`): the ACL (`reserve_resources` on each role
 * reserved for; `unreserve_resources` on each reservation's principal) is
 * checked before anything changes. `prefix` names the call's body
 * (`reserve_resources`). Rejects with an OperatorActionError.
 */
export async function reserveByOperator(
  master: Pick<Master, 'reservations'>,
  authority: OperatorAuthority,
  kind: 'reserve' | 'unreserve',
  agentId: string,
  resources: readonly Resource[],
  prefix: string,
): Promise<Resource[]> {
  for (const r of resources) {
    const top = r.reservations?.[r.reservations.length - 1];
    const denied = kind === 'reserve' ? authority.check('reserve_resources', top?.role ?? '') : authority.check('unreserve_resources', top?.principal ?? '');
    if (denied) throw new OperatorActionError('denied', denied.message);
  }
  try {
    return await master.reservations.apply(kind, agentId, resources, `${prefix}.resources`, `${prefix}.agent_id`, authority.principal);
  } catch (e) {
    // Resources not there (the agent lacks them, or tasks use them): Mesos answers 409 Conflict.
    if (e instanceof ReservationError) throw new OperatorActionError(e.kind === 'unavailable' ? 'conflict' : e.kind, e.message);
    throw new OperatorActionError('failed', (e as Error).message);
  }
}
