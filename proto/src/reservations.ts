/**
 * Dynamic reservations as pure transforms over resource lists (Mesos's
 * RESERVE and UNRESERVE, with refinements for hierarchical roles).
 *
 * A RESERVE names resources as they will be: each carries its reservation
 * stack with the new DYNAMIC reservation last. What it consumes is the same
 * resource with that last entry popped (unreserved, or reserved for the
 * parent role in a refinement). UNRESERVE names resources as they are and
 * gives back the popped form. Both work on the unallocated form (no
 * `allocation_role`); callers strip it first. Pure, no I/O.
 */
import type { InsufficientResource, Resource } from './wire';
import { add, isRoleOrDescendant, normalizeUnallocated, shortfalls, subtract, UNRESERVED_ROLE } from './resources';

/** ReservationInfo.Type.DYNAMIC. */
export const DYNAMIC_RESERVATION = 2;
/** ReservationInfo.Type.STATIC. */
export const STATIC_RESERVATION = 1;

/** Who asks for a reservation: a framework (its offer's role and its principal) or an operator (its principal). */
export interface ReservationActor {
  /** The role the offer is allocated to; the new reservation must be for it or a role under it. Unset for operators. */
  role?: string;
  /** The caller's principal; when set, a RESERVE's reservation must name the same one. */
  principal?: string;
}

/** A refused RESERVE or UNRESERVE: the field, the problem, and for resources not there, what was asked and what there is. */
export interface ReservationRefusal {
  message: string;
  shortfalls?: InsufficientResource[];
}

/** What a RESERVE or UNRESERVE turns into: `consumed` leaves the pool, `converted` enters it. */
export interface ReservationConversion {
  consumed: Resource[];
  converted: Resource[];
}

/** The resource with its last reservation popped (Mesos's `popReservation`); a copy. */
export function popReservation(resource: Resource): Resource {
  const copy: Resource = { ...resource };
  const stack = resource.reservations ?? [];
  if (stack.length <= 1) delete copy.reservations;
  else copy.reservations = stack.slice(0, -1).map((r) => ({ ...r }));
  return copy;
}

function describe(resource: Resource): string {
  return resource.name ?? '(no name)';
}

/**
 * Shape checks of a RESERVE's resources, before they are compared with any
 * pool: each carries a stack whose last entry is a DYNAMIC reservation for a
 * role (a refinement's role lies strictly under the previous entry's),
 * for the actor's role or one under it, with the actor's principal.
 * Returns the first problem, naming the field (`field[i].reservations[k].role`).
 */
export function reserveProblem(resources: readonly Resource[] | null | undefined, actor: ReservationActor, field: string): string | undefined {
  const list = resources ?? [];
  if (list.length === 0) return `${field}: required (the resources to reserve, each with its reservation)`;
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const at = `${field}[${i}]`;
    if (!r.name) return `${at}.name: required`;
    const stack = r.reservations ?? [];
    if (stack.length === 0) return `${at}.reservations: required (a RESERVE names the reservation to add, last in the stack)`;
    const k = stack.length - 1;
    const last = stack[k];
    if (last.type !== DYNAMIC_RESERVATION) return `${at}.reservations[${k}].type: must be DYNAMIC for a RESERVE, got ${last.type ?? 'none'}`;
    const role = last.role ?? '';
    if (!role || role === UNRESERVED_ROLE) return `${at}.reservations[${k}].role: required (a role other than "*")`;
    if (k > 0) {
      const parent = stack[k - 1].role ?? '';
      if (role === parent || !isRoleOrDescendant(role, parent)) {
        return `${at}.reservations[${k}].role: "${role}" must lie under "${parent}", the role of the reservation it refines`;
      }
    }
    if (actor.role !== undefined && !isRoleOrDescendant(role, actor.role)) {
      return `${at}.reservations[${k}].role: "${role}" is not the framework's role "${actor.role}" or a role under it`;
    }
    if (actor.principal) {
      if (!last.principal) return `${at}.reservations[${k}].principal: required, the caller's principal "${actor.principal}"`;
      if (last.principal !== actor.principal) {
        return `${at}.reservations[${k}].principal: "${last.principal}" does not match the caller's principal "${actor.principal}"`;
      }
    }
    if (r.disk?.persistence) return `${at}.disk.persistence: a RESERVE cannot carry a persistent volume (reserve the disk, then CREATE the volume)`;
  }
  return undefined;
}

/**
 * Shape checks of an UNRESERVE's resources: each must be dynamically
 * reserved (static reservations are the agent's `--resources`) and carry no
 * persistent volume. Returns the first problem, naming the field.
 */
export function unreserveProblem(resources: readonly Resource[] | null | undefined, field: string): string | undefined {
  const list = resources ?? [];
  if (list.length === 0) return `${field}: required (the reserved resources to give back)`;
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const at = `${field}[${i}]`;
    if (!r.name) return `${at}.name: required`;
    const stack = r.reservations ?? [];
    if (stack.length === 0) return `${at}.reservations: ${describe(r)} is not reserved, so there is nothing to unreserve`;
    const k = stack.length - 1;
    if (stack[k].type !== DYNAMIC_RESERVATION) {
      return `${at}.reservations[${k}].type: only a DYNAMIC reservation can be unreserved (a static one is set by the agent's --resources), got ${stack[k].type ?? 'none'}`;
    }
    if (r.disk?.persistence) return `${at}.disk.persistence: destroy the persistent volume before unreserving its disk`;
  }
  return undefined;
}

function conversion(pool: readonly Resource[], consumed: Resource[], converted: Resource[], what: string, field: string): ReservationConversion | ReservationRefusal {
  const missing = shortfalls(pool, consumed);
  if (missing.length > 0) {
    return { message: `${field}: ${what} not all there: ${missing.map((m) => m.message).join('; ')}`, shortfalls: missing };
  }
  return { consumed, converted };
}

/**
 * The conversion a RESERVE makes of `pool` (unallocated form): it consumes
 * the popped form of its resources, which must all be in the pool, and
 * adds them reserved. Call {@link reserveProblem} first.
 */
export function planReserve(pool: readonly Resource[], resources: readonly Resource[], field: string): ReservationConversion | ReservationRefusal {
  const converted = normalizeUnallocated(resources);
  const consumed = normalizeUnallocated(converted.map(popReservation));
  return conversion(pool, consumed, converted, 'the resources to reserve are', field);
}

/**
 * The conversion an UNRESERVE makes of `pool` (unallocated form): it
 * consumes the reserved resources as named, which must all be in the pool,
 * and gives back their popped form. Call {@link unreserveProblem} first.
 */
export function planUnreserve(pool: readonly Resource[], resources: readonly Resource[], field: string): ReservationConversion | ReservationRefusal {
  const consumed = normalizeUnallocated(resources);
  const converted = normalizeUnallocated(consumed.map(popReservation));
  return conversion(pool, consumed, converted, 'the reserved resources are', field);
}

/** True when the plan was refused. */
export function isRefusal(x: ReservationConversion | ReservationRefusal): x is ReservationRefusal {
  return (x as ReservationRefusal).message !== undefined;
}

/** `pool - consumed + converted`, as a new normalised list. */
export function applyConversion(pool: readonly Resource[], c: ReservationConversion): Resource[] {
  return add(subtract(pool, c.consumed), c.converted);
}

/**
 * What the registry keeps per agent: the dynamically reserved resources of a
 * list, and every persistent volume (also one made on statically reserved disk).
 */
export function dynamicallyReserved(resources: readonly Resource[]): Resource[] {
  return resources.filter((r) => {
    const stack = r.reservations;
    return (!!stack && stack.length > 0 && stack[stack.length - 1].type === DYNAMIC_RESERVATION) || (r.name === 'disk' && r.disk?.persistence != null);
  });
}
