/**
 * Quantities of the reserved and unreserved parts of a resource list, as
 * quota counts them (Mesos 1.9): unreserved resources count toward a role
 * while its frameworks hold them, reserved ones toward the role they are
 * reserved to (the innermost reservation), held or not. Pure.
 */
import type { Resource } from '@meseta/proto/wire';
import { quantities, reservationRole } from '@meseta/proto/resources';

function isReserved(resource: Resource): boolean {
  return (resource.reservations?.length ?? 0) > 0;
}

/** Quantities of the resources without a reservation. */
export function unreservedQuantities(resources: readonly Resource[]): Map<string, number> {
  return quantities(resources.filter((r) => !isReserved(r)));
}

/** Quantities of the reserved resources, whoever they are reserved to. */
export function reservedQuantities(resources: readonly Resource[]): Map<string, number> {
  return quantities(resources.filter(isReserved));
}

/** Quantities of the reserved resources grouped by the role they are reserved to. */
export function reservedByRole(resources: readonly Resource[]): Map<string, Map<string, number>> {
  return quantitiesGroupedBy(resources, (r) => (isReserved(r) ? reservationRole(r) : undefined));
}

/** Quantities (as `quantities()` counts them) of the resources grouped by `keyOf`; a resource it gives no key is left out. */
export function quantitiesGroupedBy(resources: readonly Resource[], keyOf: (resource: Resource) => string | undefined): Map<string, Map<string, number>> {
  const groups = new Map<string, Resource[]>();
  for (const resource of resources) {
    const key = keyOf(resource);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(resource);
    else groups.set(key, [resource]);
  }
  const out = new Map<string, Map<string, number>>();
  for (const [key, group] of groups) out.set(key, quantities(group));
  return out;
}
