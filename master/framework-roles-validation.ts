/**
 * Checks of a FrameworkInfo's roles and offer filters, as Mesos's master
 * makes them (Mesos 1.7+). Pure: each returns a problem text naming the
 * field, or undefined.
 *
 * - MULTI_ROLE: a framework with the capability uses `roles` and must not
 *   set `role`; one without it uses `role` and must not set `roles` (Mesos
 *   cannot tell an empty `roles` from an unset `role`, hence the
 *   capability). `roles` must not repeat a role.
 * - A framework that had MULTI_ROLE cannot drop it on re-subscription or
 *   UPDATE_FRAMEWORK.
 * - `offer_filters`: keys must be roles of the framework; every
 *   `min_allocatable_resources` entry names at least one resource and every
 *   quantity is a finite number, zero or more.
 */
import type { FrameworkInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';

const MULTI_ROLE = pb.FrameworkInfo.Capability.Type.MULTI_ROLE;

/** Whether the FrameworkInfo announces the MULTI_ROLE capability. */
export function hasMultiRole(info: FrameworkInfo | null | undefined): boolean {
  return (info?.capabilities ?? []).some((c) => c?.type === MULTI_ROLE || (c?.type as unknown) === 'MULTI_ROLE');
}

/** Whether `role` was set (a decoded message reads an unset `role` as its default "*" from the prototype). */
function setsRole(info: FrameworkInfo): boolean {
  return Object.prototype.hasOwnProperty.call(info, 'role') && info.role !== undefined && info.role !== null;
}

/** The roles the framework subscribes with: `roles` with MULTI_ROLE (none when empty, as in Mesos: it is offered nothing), else `role` (default "*"). */
export function rolesOf(info: FrameworkInfo): string[] {
  if (hasMultiRole(info)) return [...(info.roles ?? [])];
  return [info.role || '*'];
}

/** `role` / `roles` against the MULTI_ROLE capability; duplicate roles. `field` names the FrameworkInfo. */
export function multiRoleProblem(info: FrameworkInfo, field: string): string | undefined {
  const roles = info.roles ?? [];
  if (hasMultiRole(info)) {
    if (setsRole(info)) return `${field}.role: must not be set when the framework has the MULTI_ROLE capability (use roles)`;
  } else if (roles.length > 0) {
    return `${field}.roles: must not be set without the MULTI_ROLE capability (${roles.length} role${roles.length === 1 ? '' : 's'} given; use role, or add MULTI_ROLE to capabilities)`;
  }
  const seen = new Set<string>();
  for (let i = 0; i < roles.length; i++) {
    if (seen.has(roles[i])) return `${field}.roles[${i}]: "${roles[i]}" is listed twice`;
    seen.add(roles[i]);
  }
  return undefined;
}

/** A framework that had MULTI_ROLE (`before`) and drops it in `after`. */
export function multiRoleRemovedProblem(before: FrameworkInfo, after: FrameworkInfo, field: string): string | undefined {
  if (hasMultiRole(before) && !hasMultiRole(after)) return `${field}.capabilities: the MULTI_ROLE capability cannot be removed once the framework has it`;
  return undefined;
}

/** `offer_filters`: known roles, entries not empty, quantities finite and not negative. */
export function offerFiltersProblem(info: FrameworkInfo, field: string): string | undefined {
  const filters = info.offer_filters;
  if (!filters) return undefined;
  const roles = new Set(rolesOf(info));
  for (const [role, filter] of Object.entries(filters)) {
    const at = `${field}.offer_filters["${role}"]`;
    if (!roles.has(role)) return `${at}: "${role}" is not one of the framework's roles (${[...roles].join(', ') || 'none'})`;
    const entries = filter?.min_allocatable_resources?.quantities ?? [];
    for (let i = 0; i < entries.length; i++) {
      const where = `${at}.min_allocatable_resources.quantities[${i}]`;
      const quantities = Object.entries(entries[i]?.quantities ?? {});
      if (quantities.length === 0) return `${where}: names no resource (give at least one quantity, e.g. cpus)`;
      for (const [name, scalar] of quantities) {
        const value = scalar?.value;
        if (name === '') return `${where}.quantities: a resource name is empty`;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          return `${where}.quantities["${name}"].value: must be a finite number, zero or more, got ${value === undefined || value === null ? '(missing)' : String(value)}`;
        }
      }
    }
  }
  return undefined;
}
