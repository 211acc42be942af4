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
  const groups = new Map<string, Resource[]>();
  for (const resource of resources) {
    if (!isReserved(resource)) continue;
    const role = reservationRole(resource);
    const group = groups.get(role);
    if (group) group.push(resource);
    else groups.set(role, [resource]);
  }
  const out = new Map<string, Map<string, number>>();
  for (const [role, group] of groups) out.set(role, quantities(group));
  return out;
}
