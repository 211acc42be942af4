/**
 * Mesos's `/master/roles` (`/roles`, `.json`): every role the master lists
 * (`role-tree.ts`) as Mesos writes it: `name`, `weight`, `quota` (when set:
 * `role`, `guarantee`, `limit`, singular as Mesos keeps them for older
 * clients, and `consumed`: what the role's tasks hold), `resources`
 * (allocated plus offered), `allocated`, `offered`, `reserved`,
 * `frameworks` (ids). Meseta adds `parent` and `children` beside them.
 * Pure over the tree and the offered resources by role.
 */
import type { Resource } from '@meseta/proto/wire';
import { mesosResources, type MesosResources } from '@meseta/proto/mesos-json';
import { add, quantities } from '@meseta/proto/resources';
import type { RoleEntry } from './role-tree';

/** One role as `/master/roles` lists it. */
export interface MesosRoleJson {
  name: string;
  weight: number;
  quota?: { role: string; guarantee: Record<string, number>; limit: Record<string, number>; consumed: Record<string, number> };
  resources: MesosResources;
  allocated: MesosResources;
  offered: MesosResources;
  reserved: MesosResources;
  frameworks: string[];
  /** Meseta's own: the role above (absent for a top-level role). */
  parent?: string;
  /** Meseta's own: the listed roles directly under it. */
  children: string[];
}

/** `/master/roles`: `{roles: [...]}` from the role tree and what is offered to each role. */
export function mesosRoles(tree: readonly RoleEntry[], offeredByRole: ReadonlyMap<string, readonly Resource[]>): { roles: MesosRoleJson[] } {
  return {
    roles: tree.map((e) => {
      const offered = [...(offeredByRole.get(e.name) ?? [])];
      return {
        name: e.name,
        weight: e.weight,
        ...(e.quota ? { quota: { role: e.name, guarantee: { ...e.quota.guarantees }, limit: { ...e.quota.limits }, consumed: Object.fromEntries(quantities(e.allocated)) } } : {}),
        resources: mesosResources(add(e.allocated, offered)),
        allocated: mesosResources(e.allocated),
        offered: mesosResources(offered),
        reserved: mesosResources(e.reserved),
        frameworks: [...e.frameworks],
        ...(e.parent !== undefined ? { parent: e.parent } : {}),
        children: [...e.children],
      };
    }),
  };
}

/** Offered resources by the role each offer was made for. */
export function offeredByRole(offers: Iterable<{ role: string; resources: readonly Resource[] }>): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const o of offers) {
    const list = out.get(o.role);
    if (list) list.push(...o.resources);
    else out.set(o.role, [...o.resources]);
  }
  return out;
}
