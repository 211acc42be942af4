/**
 * What the operator's reservation and volume calls on one agent share: the
 * agent looked up (refused when it is not registered here), the allocator's
 * support checked, and a conversion put in force in the allocator (the
 * agent's offers rescinded first when they hold what it needs). Each caller
 * builds its own error, so its kinds and messages stay its own.
 */
import type { InsufficientResource, Resource } from '@meseta/proto/wire';
import type { ReservationConversion } from '@meseta/proto/reservations';
import type { MasterContext } from './master-context';
import type { AgentRecord } from './state';

/** Why an operator change on an agent was refused, as ReservationError's kinds. */
export type AgentChangeKind = 'invalid' | 'not_found' | 'unavailable' | 'failed';

/** Builds the caller's error: its kind, message and (when resources fell short) the shortfalls. */
export type AgentChangeError = (kind: AgentChangeKind, message: string, shortfalls?: InsufficientResource[]) => Error;

/**
 * The registered agent `agentId` names; `agentField` names the call's agent
 * id in refusals. Throws `invalid` when it is empty, `not_found` when the
 * agent is unknown, gone, or not re-registered since a failover.
 */
export function registeredAgent(ctx: MasterContext, agentId: string, agentField: string, fail: AgentChangeError): AgentRecord {
  if (!agentId) throw fail('invalid', `${agentField}: required`);
  const agent = ctx.agents.get(agentId);
  if (!agent || agent.status === 'GONE' || agent.recovered) {
    throw fail('not_found', `${agentField}: agent ${agentId} is not registered with this master${agent?.recovered ? ' (not re-registered since the failover yet; retry)' : ''}`);
  }
  return agent;
}

/**
 * The agent's total as the allocator has it. Throws `unavailable` ("this
 * master's allocator does not support <what>") when the allocator cannot
 * convert resources on an agent.
 */
export function convertibleTotal(ctx: MasterContext, agentId: string, what: string, fail: AgentChangeError): Resource[] {
  const total = ctx.allocator.agentTotal?.(agentId);
  if (!total || !ctx.allocator.updateAvailable) throw fail('unavailable', `this master's allocator does not support ${what}`);
  return total;
}

/**
 * Puts `plan` in force in the allocator and the master's record of the
 * agent's total. When the agent's free resources fall short and it has
 * offers out, they are rescinded and the conversion tried again; still
 * short, throws `unavailable` naming `field` and what tasks hold, with the
 * shortfalls.
 */
export function convertOnAgent(ctx: MasterContext, agent: AgentRecord, agentId: string, plan: ReservationConversion, field: string, fail: AgentChangeError): void {
  let missing = ctx.allocator.updateAvailable?.(agentId, plan) ?? [];
  if (missing.length > 0 && agent.offers.size > 0) {
    // Offered right now: take the offers back, then convert.
    ctx.offerBook.rescindAllOn(agent);
    missing = ctx.allocator.updateAvailable?.(agentId, plan) ?? [];
  }
  if (missing.length > 0) {
    const what = missing.map((m) => (m.message ?? '').replace('offer holds', 'free')).join('; ');
    throw fail('unavailable', `${field}: in use by tasks on agent ${agentId}: ${what}`, missing);
  }
  agent.total = ctx.allocator.agentTotal?.(agentId) ?? agent.total;
}
