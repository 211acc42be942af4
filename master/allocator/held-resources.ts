/**
 * Helpers for what a framework holds on an agent (offered or in use):
 * resources carry the role they were allocated to in `allocation_role`,
 * and recovering must give back exactly what was held, never more.
 */
import type { Resource } from '@meseta/proto/wire';
import { add, isAllocatableTo, reservationRole, subtract, unallocate, UNRESERVED_ROLE } from '@meseta/proto/resources';
import { quantitiesGroupedBy } from './reserved-quantities';

/**
 * Copies of `resources` with `allocation_role` filled in where missing: the
 * role under which `held` has a resource of that name and reservation role;
 * else a reserved resource's reservation role, else `fallbackRole`.
 */
export function withAllocationRoles(resources: readonly Resource[], held: readonly Resource[], fallbackRole: string): Resource[] {
  return resources.map((resource) => {
    if (resource.allocation_role) return resource;
    const owner = reservationRole(resource);
    // Reserved for "eng" may be held under "eng/backend": ask `held` first, then the reservation's role.
    const match = held.find((h) => h.name === resource.name && h.allocation_role && reservationRole(h) === owner);
    const role = match?.allocation_role ?? (owner !== UNRESERVED_ROLE ? owner : fallbackRole);
    return { ...resource, allocation_role: role };
  });
}

/** What `held` and `wanted` have in common, kind by kind (`held - (held - wanted)`). */
export function intersection(held: readonly Resource[], wanted: readonly Resource[]): Resource[] {
  return subtract(held, subtract(held, wanted));
}

/**
 * The part of `wanted` that `held` holds: matched under the `allocation_role`
 * it names first, then, for what is left, under any other role `held` has it
 * under (so a caller that labels a task's resources with the wrong role
 * still gets them back rather than leaking them). Returns resources of `held`.
 */
export function heldPart(held: readonly Resource[], wanted: readonly Resource[]): Resource[] {
  let returned = intersection(held, wanted);
  let unmatched = unallocate(subtract(wanted, returned));
  if (unmatched.length === 0) return returned;
  let rest = subtract(held, returned);
  for (const role of new Set(rest.map((r) => r.allocation_role ?? ''))) {
    if (unmatched.length === 0 || role === '') break;
    const more = intersection(rest, copyResources(unmatched, role));
    if (more.length === 0) continue;
    returned = add(returned, more);
    rest = subtract(rest, more);
    unmatched = subtract(unmatched, unallocate(more));
  }
  return returned;
}

/** Quantities (as `quantities()` counts them) grouped by `allocation_role`. */
export function quantitiesByRole(resources: readonly Resource[]): Map<string, Map<string, number>> {
  return quantitiesGroupedBy(resources, (r) => r.allocation_role || reservationRole(r));
}

/** True when all of `free` may go to `role` (then there is nothing to filter out). */
export function allAllocatable(free: readonly Resource[], role: string): boolean {
  for (const resource of free) {
    if (!isAllocatableTo(resource, role)) return false;
  }
  return true;
}

/** True when some of `free` may go to `role`: unreserved, or reserved for it or an ancestor of it. */
export function hasAllocatable(free: readonly Resource[], role: string): boolean {
  for (const resource of free) {
    if (isAllocatableTo(resource, role)) return true;
  }
  return false;
}

/**
 * Fresh copies of already-normalised resources, stamped with
 * `allocation_role` when one is given: equal to `allocate()` from
 * resources.ts (or to a plain clone) for normalised input, which the agent's
 * free pool always is, without normalising again. The allocator makes one
 * per offer, so this is on the hot path. Without a role the copies still
 * carry an `allocation_role` property, set to undefined: stamping them later
 * then keeps their shape, which measurably speeds up a full pass.
 */
export function copyResources(resources: readonly Resource[], allocationRole?: string): Resource[] {
  const out: Resource[] = new Array(resources.length);
  for (let i = 0; i < resources.length; i++) {
    const source = resources[i];
    const name = source.name;
    const type = source.type;
    // One literal per value type, with every property up front, so that no copy grows a property store.
    let copy: Resource;
    if (source.scalar) copy = { name, type, allocation_role: allocationRole, scalar: { value: source.scalar.value } };
    else if (source.ranges) {
      const spans = source.ranges.range ?? [];
      const range = new Array(spans.length);
      for (let j = 0; j < spans.length; j++) range[j] = { begin: spans[j].begin, end: spans[j].end };
      copy = { name, type, allocation_role: allocationRole, ranges: { range } };
    } else if (source.set) copy = { name, type, allocation_role: allocationRole, set: { item: [...(source.set.item ?? [])] } };
    else copy = { name, type, allocation_role: allocationRole };
    if (source.reservations && source.reservations.length > 0) copy.reservations = source.reservations.map((x) => ({ ...x }));
    // A persistent volume keeps its persistence id and container path in offers.
    if (source.disk) copy.disk = { ...(source.disk.persistence ? { persistence: { ...source.disk.persistence } } : {}), ...(source.disk.volume ? { volume: { ...source.disk.volume } } : {}) };
    out[i] = copy;
  }
  return out;
}

/**
 * True when `wanted` is exactly `held`, entry by entry in the same order,
 * all of one `allocation_role` and none reserved or a volume: a whole
 * holding given back as it was offered (a declined offer), which recovering
 * may then take without matching kinds. False means only "not this simple
 * case", never "not held".
 */
export function isWholeHolding(wanted: readonly Resource[], held: readonly Resource[]): boolean {
  if (wanted.length !== held.length || held.length === 0) return false;
  const role = held[0].allocation_role;
  if (!role) return false;
  for (let i = 0; i < held.length; i++) {
    const w = wanted[i];
    const h = held[i];
    if (w.name !== h.name || (w.type ?? 0) !== (h.type ?? 0) || w.allocation_role !== role || h.allocation_role !== role) return false;
    if ((w.reservations?.length ?? 0) > 0 || (h.reservations?.length ?? 0) > 0 || w.disk != null || h.disk != null) return false;
    if (!sameValue(w, h)) return false;
  }
  return true;
}

function sameValue(a: Resource, b: Resource): boolean {
  if (a.scalar || b.scalar) return a.scalar != null && b.scalar != null && a.scalar.value === b.scalar.value && !a.ranges && !a.set;
  if (a.ranges || b.ranges) {
    const x = a.ranges?.range ?? [];
    const y = b.ranges?.range ?? [];
    if (a.ranges == null || b.ranges == null || x.length !== y.length || a.set) return false;
    for (let i = 0; i < x.length; i++) if (Number(x[i].begin) !== Number(y[i].begin) || Number(x[i].end) !== Number(y[i].end)) return false;
    return true;
  }
  if (a.set || b.set) {
    const x = a.set?.item ?? [];
    const y = b.set?.item ?? [];
    if (a.set == null || b.set == null || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  return true;
}
