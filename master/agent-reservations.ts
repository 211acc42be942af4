/**
 * An agent's dynamic reservations across master failovers and agent
 * re-registrations. The registry keeps, per agent, the dynamically reserved
 * resources (one `update_reservations` entry per agent, written when they
 * change); when the agent (re-)registers with its unreserved `--resources`,
 * the master applies them again to what it reports. An agent restarted
 * under a new id starts without reservations, as in Mesos.
 */
import type { InsufficientResource, Resource } from '@meseta/proto/wire';
import { normalize, shortfalls } from '@meseta/proto/resources';
import { applyConversion, DYNAMIC_RESERVATION, dynamicallyReserved, popReservation } from '@meseta/proto/reservations';
import type { MasterContext } from './master-context';
import type { AgentRecord } from './state';
import { deferredMutation } from './registry/registry-state';
import { untoldDestroyed } from './volume-destroys';

/** The agent's total with the stored reservations applied, and those that no longer fit (the agent shrank). */
export interface ReservedTotal {
  total: Resource[];
  dropped: Array<{ resource: Resource; shortfalls: InsufficientResource[] }>;
}

/**
 * Apply stored reservations to what an agent reports (pure). Each stored
 * entry converts what it was carved from; one that does not fit in what is left is
 * dropped and reported, the others still apply. Costs the size of the
 * agent's resources.
 */
export function applyStoredReservations(reported: readonly Resource[], stored: readonly Resource[] | undefined): ReservedTotal {
  let total = normalize(reported);
  const dropped: ReservedTotal['dropped'] = [];
  if (!stored || stored.length === 0) return { total, dropped };
  // Already there (the agent reports them, or a known agent came back): nothing to convert.
  const missing = normalize(stored).filter((r) => shortfalls(total, [r]).length > 0);
  // Each stored entry is a final state: it is carved from what the agent reports (unreserved, or
  // its static reservation), every dynamic entry of its stack at once (a refinement of "eng" to
  // "eng/be" is stored as its own entry beside what is left of "eng").
  for (const r of missing) {
    const consumed = [withoutDynamic(r)];
    const lacking = shortfalls(total, consumed);
    if (lacking.length > 0) {
      dropped.push({ resource: r, shortfalls: lacking });
      continue;
    }
    total = applyConversion(total, { consumed, converted: [r] });
  }
  return { total, dropped };
}

/** The resource as the agent reports it: its stack without the dynamic entries (a static reservation stays). */
function withoutDynamic(resource: Resource): Resource {
  const stack = resource.reservations ?? [];
  let keep = 0;
  while (keep < stack.length && stack[keep].type !== DYNAMIC_RESERVATION) keep++;
  let out = resource;
  while ((out.reservations?.length ?? 0) > keep) out = popReservation(out);
  // A persistent volume is carved from plain (reserved) disk.
  if (out.disk) {
    out = { ...out };
    delete out.disk;
  }
  return out;
}

/**
 * Write the agent's dynamic reservations to the registry (one entry for the
 * agent, with the destroyed volumes it has not been told of yet);
 * `agent.reservations` follows once durable. Resolves true once the
 * reservations in `agent.total` at the time of the call are durable, false
 * when the write failed (logged).
 *
 * Writes coalesce: the entry is made from `agent.total` when the registrar
 * begins the write, so every change made before then (many ACCEPTs and
 * operator calls on the agent) shares one queued write and one entry, and
 * the registrar groups the entries of many agents into one durable write.
 */
export function persistReservations(ctx: MasterContext, agent: AgentRecord): Promise<boolean> {
  if (agent.reservationsWrite) return agent.reservationsWrite;
  let written: Resource[] | undefined;
  const take = (): Resource[] => {
    // Begun: a later change queues a write of its own.
    if (agent.reservationsWrite === queued) delete agent.reservationsWrite;
    return (written = dynamicallyReserved(agent.total));
  };
  const mutation = deferredMutation(() => {
    const destroyed = untoldDestroyed(agent);
    return { op: 'update_reservations', id: agent.id, resources: take(), ...(destroyed.length > 0 ? { destroyed } : {}) };
  });
  const queued: Promise<boolean> = ctx.durable
    .commit(mutation, 'agent reservations', { agent: agent.id }, () => {
      // No registrar (memory): nothing took the entry; it is what the agent holds now.
      const reservations = written ?? take();
      if (reservations.length > 0) agent.reservations = reservations;
      else delete agent.reservations;
    })
    .then(
      () => true,
      (e: unknown) => {
        if (agent.reservationsWrite === queued) delete agent.reservationsWrite;
        ctx.log.warn('registry write of reservations failed', { agent: agent.id, error: (e as Error).message });
        return false;
      },
    );
  agent.reservationsWrite = queued;
  return queued;
}
