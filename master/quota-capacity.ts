/**
 * Mesos's quota capacity check (pure): an UPDATE_QUOTA without `force` is
 * refused when the guarantees of all roles, with the update applied, ask
 * for more of a resource than the cluster has outside static reservations.
 * Only roles without an ancestor holding a quota count (a child's guarantee
 * sits inside its parent's). Limits are not checked.
 */
import type { Resource } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';
import { STATIC_RESERVATION } from '@meseta/proto/reservations';
import type { StoredQuota } from './registry/registry-state';
import { parentRole } from './role-tree';

/**
 * What the check measures against: the scalars of active agents outside
 * static reservations (unreserved and dynamically reserved), by name.
 * Costs the agents' resource lists.
 */
export function clusterQuotaCapacity(agents: Iterable<{ status: string; total: readonly Resource[] }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of agents) {
    if (a.status !== 'ACTIVE') continue;
    for (const r of a.total) {
      if ((r.type ?? ValueType.SCALAR) !== ValueType.SCALAR) continue;
      const first = r.reservations?.[0];
      if (first !== undefined && (first.type ?? STATIC_RESERVATION) === STATIC_RESERVATION) continue;
      const name = r.name ?? '';
      out.set(name, (out.get(name) ?? 0) + (r.scalar?.value ?? 0));
    }
  }
  return out;
}

/** A resource the guarantees ask for beyond the cluster's capacity. */
export interface QuotaOvercommit {
  resource: string;
  /** The guarantees of all roles together, with the update. */
  asked: number;
  /** What the cluster has (unreserved and dynamically reserved, on active agents). */
  available: number;
}

/**
 * The resources the guarantees overcommit once `updates` are applied to
 * `current` (an update with no guarantees and no limits removes the role's
 * quota); empty when they fit.
 */
export function quotaOvercommits(
  current: ReadonlyMap<string, StoredQuota>,
  updates: ReadonlyArray<{ role: string; guarantees: Record<string, number>; limits: Record<string, number> }>,
  capacity: ReadonlyMap<string, number>,
): QuotaOvercommit[] {
  const quotas = new Map(current);
  for (const u of updates) {
    if (Object.keys(u.guarantees).length === 0 && Object.keys(u.limits).length === 0) quotas.delete(u.role);
    else quotas.set(u.role, { guarantees: u.guarantees, limits: u.limits });
  }
  const asked = new Map<string, number>();
  for (const [role, q] of quotas) {
    if (hasQuotaAncestor(role, quotas)) continue;
    for (const [name, amount] of Object.entries(q.guarantees)) asked.set(name, (asked.get(name) ?? 0) + amount);
  }
  const out: QuotaOvercommit[] = [];
  for (const [resource, total] of [...asked].sort(([a], [b]) => a.localeCompare(b))) {
    const available = capacity.get(resource) ?? 0;
    // Whole thousandths, as Mesos keeps scalars: 0.1 + 0.2 fits in 0.3.
    if (Math.round(total * 1000) > Math.round(available * 1000)) out.push({ resource, asked: round(total), available: round(available) });
  }
  return out;
}

/**
 * True when `updates` raise some role's guarantee of some resource above
 * what `current` holds (a new role with a guarantee raises it); lowering or
 * removing guarantees, or changing only limits, does not.
 */
export function raisesGuarantees(
  current: ReadonlyMap<string, StoredQuota>,
  updates: ReadonlyArray<{ role: string; guarantees: Record<string, number> }>,
): boolean {
  for (const u of updates) {
    const before = current.get(u.role)?.guarantees ?? {};
    for (const [name, amount] of Object.entries(u.guarantees)) if (amount > (before[name] ?? 0)) return true;
  }
  return false;
}

/** The refusal's text: each resource with asked and available, then how to force it (`hint`). */
export function overcommitMessage(field: string, overcommits: readonly QuotaOvercommit[], hint = 'set force: true to set them anyway'): string {
  const items = overcommits.map((o) => `${o.resource}: all roles' guarantees would be ${o.asked}, the cluster has ${o.available}`);
  return `${field}: the guarantees exceed the cluster's capacity (${items.join('; ')}); ${hint}`;
}

function hasQuotaAncestor(role: string, quotas: ReadonlyMap<string, StoredQuota>): boolean {
  for (let p = parentRole(role); p !== undefined; p = parentRole(p)) if (quotas.has(p)) return true;
  return false;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
