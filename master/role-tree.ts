/**
 * The roles the master shows, as a tree (pure): every role a framework
 * subscribed with, a weight or quota was set for, or resources are reserved
 * to, plus every ancestor of those (`eng` is listed when only `eng/backend`
 * has frameworks, as Mesos lists it). Each entry carries its weight, quota,
 * frameworks, what its tasks hold and what is reserved to it, its parent
 * and its children. `/state` roles, GET_ROLES, `/master/roles` and the UI's
 * roles page are all built from {@link roleTree}.
 *
 * `allocated` and `reserved` are the role's own: `allocated` is what the
 * tasks of its frameworks hold (a framework of several roles counted by the
 * role each task was offered for), `reserved` what is reserved with it as
 * the innermost reservation role. A role with children also carries
 * `allocatedSubtree` / `reservedSubtree`: its own plus every descendant's.
 */
import type { Resource } from '@meseta/proto/wire';
import { add, normalize, reservationRole, UNRESERVED_ROLE } from '@meseta/proto/resources';
import type { StoredQuota } from './registry/registry-state';

/** One framework as the role tree needs it. */
export interface RoleFramework {
  id: string;
  roles: readonly string[];
  /** What its live tasks hold (a framework of one role). */
  allocated: readonly Resource[];
  /**
   * What its live tasks hold by the role they were offered for (a framework
   * of several roles); when given, `allocated` is not read. A role its tasks
   * still hold after the framework left it lists the framework too, as Mesos
   * tracks a framework in a role while it has resources there.
   */
  allocatedByRole?: ReadonlyMap<string, readonly Resource[]>;
}

/** What the tree is built from. */
export interface RoleFacts {
  frameworks: Iterable<RoleFramework>;
  /** Reserved resources by role ({@link reservedByRole}). */
  reserved: ReadonlyMap<string, readonly Resource[]>;
  /** Weights set (others weigh 1). */
  weights: ReadonlyMap<string, number>;
  quotas: ReadonlyMap<string, StoredQuota>;
}

/** One role of the tree. */
export interface RoleEntry {
  name: string;
  /** The role above it; undefined for a top-level role. */
  parent?: string;
  /** Listed roles directly under it, by name. */
  children: string[];
  weight: number;
  /** Its quota when one is set. */
  quota?: StoredQuota;
  /** Ids of the frameworks subscribed with it. */
  frameworks: string[];
  /** What its frameworks' tasks hold. */
  allocated: Resource[];
  /** What is reserved to it (its own reservations, not its children's). */
  reserved: Resource[];
  /** A role with children: what its and its descendants' frameworks hold. */
  allocatedSubtree?: Resource[];
  /** A role with children: what is reserved to it and to its descendants. */
  reservedSubtree?: Resource[];
}

/** The role above `role` (`eng` for `eng/backend`); undefined for a top-level role and `*`. */
export function parentRole(role: string): string | undefined {
  const at = role.lastIndexOf('/');
  return at > 0 ? role.slice(0, at) : undefined;
}

/**
 * Sum reserved resources by their innermost reservation role, over each
 * agent's total. Unreserved resources are left out. Costs the resources
 * walked.
 */
export function reservedByRole(totals: Iterable<readonly Resource[] | undefined>): Map<string, Resource[]> {
  const parts = new Map<string, Resource[]>();
  for (const total of totals) {
    for (const r of total ?? []) {
      const role = reservationRole(r);
      if (role === UNRESERVED_ROLE) continue;
      const list = parts.get(role);
      if (list) list.push(r);
      else parts.set(role, [r]);
    }
  }
  const out = new Map<string, Resource[]>();
  for (const [role, list] of parts) out.set(role, normalize(list));
  return out;
}

/** The roles to show, sorted by name so that a parent comes right before its subtree. */
export function roleTree(facts: RoleFacts): RoleEntry[] {
  const entries = new Map<string, RoleEntry>();
  const entry = (name: string): RoleEntry => {
    let e = entries.get(name);
    if (!e) {
      const quota = facts.quotas.get(name);
      e = { name, children: [], weight: facts.weights.get(name) ?? 1, frameworks: [], allocated: [], reserved: [...(facts.reserved.get(name) ?? [])] };
      if (quota) e.quota = quota;
      entries.set(name, e);
    }
    return e;
  };
  for (const f of facts.frameworks) {
    const byRole = f.allocatedByRole;
    const roles = byRole ? new Set([...f.roles, ...byRole.keys()]) : f.roles;
    for (const role of roles) {
      const e = entry(role);
      e.frameworks.push(f.id);
      e.allocated = add(e.allocated, byRole ? (byRole.get(role) ?? []) : f.allocated);
    }
  }
  for (const role of facts.weights.keys()) entry(role);
  for (const role of facts.quotas.keys()) entry(role);
  for (const role of facts.reserved.keys()) entry(role);
  // Ancestors of every listed role, so that the tree has no holes.
  for (const name of [...entries.keys()]) {
    for (let p = parentRole(name); p !== undefined && !entries.has(p); p = parentRole(p)) entry(p);
  }
  const sorted = [...entries.values()].sort((a, b) => compareRoles(a.name, b.name));
  for (const e of sorted) {
    const p = parentRole(e.name);
    if (p === undefined) continue;
    e.parent = p;
    entries.get(p)?.children.push(e.name);
  }
  // Subtree sums, deepest first: each role adds its own and its subtree's to its parent's.
  const subtree = new Map<string, { allocated: Resource[]; reserved: Resource[] }>();
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i];
    const below = subtree.get(e.name);
    const allocated = below ? add(below.allocated, e.allocated) : e.allocated;
    const reserved = below ? add(below.reserved, e.reserved) : e.reserved;
    if (e.children.length > 0) {
      e.allocatedSubtree = allocated;
      e.reservedSubtree = reserved;
    }
    if (e.parent === undefined) continue;
    const up = subtree.get(e.parent);
    if (up) {
      up.allocated = add(up.allocated, allocated);
      up.reserved = add(up.reserved, reserved);
    } else subtree.set(e.parent, { allocated: [...allocated], reserved: [...reserved] });
  }
  return sorted;
}

/**
 * Role order for a tree: by path segments, so `eng/backend` follows `eng`
 * before `eng-ops` (plain string order would put `eng-ops` between them).
 */
export function compareRoles(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}
