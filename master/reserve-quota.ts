/**
 * The quota check of a RESERVE (Mesos 1.9 counts reservations toward
 * quota): reserving may not take a role, or any role above it, past its
 * quota limit. Called by the operator's RESERVE_RESOURCES and by an
 * ACCEPT's RESERVE; the refusal names the role, the resource, what is asked,
 * what the role consumes and the limit.
 */
import type { InsufficientResource, Resource } from '@meseta/proto/wire';
import type { Allocator } from './allocator/allocator';
import { reservedByRole } from './allocator/reserved-quantities';

/** A RESERVE refused for quota: the message (naming `field`) and one refusal per role and resource as data. */
export interface ReserveQuotaRefusal {
  message: string;
  refusals: InsufficientResource[];
}

/**
 * Check that reserving `reserved` (the resources as they will be, with
 * their reservations) keeps every role within its limit. `heldBy`: the
 * role the resources were offered to, whose line counts them already.
 * Undefined when it fits (or the allocator has no quota).
 */
export function reserveQuotaProblem(allocator: Pick<Allocator, 'reserveProblems'>, reserved: readonly Resource[], field: string, heldBy?: string): ReserveQuotaRefusal | undefined {
  if (!allocator.reserveProblems) return undefined;
  const byRole = reservedByRole(reserved);
  if (byRole.size === 0) return undefined;
  const past = allocator.reserveProblems(byRole, heldBy);
  if (past.length === 0) return undefined;
  const parts = past.map((p) => `role '${p.role}' ${p.resource}: asked ${p.asked}, consumes ${p.consumed}, limit ${p.limit}`);
  return {
    message: `${field}: reserving would pass the quota limit of ${parts.join('; ')} (reservations count toward quota)`,
    refusals: past.map((p) => ({ name: p.resource, requested: p.asked, available: Math.max(0, p.limit - p.consumed), message: `role '${p.role}' ${p.resource}: asked ${p.asked}, consumes ${p.consumed}, limit ${p.limit}` })),
  };
}
