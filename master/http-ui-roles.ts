/**
 * What the web UI's roles and agent pages fetch apart from the event stream
 * (the stream's first message stays the overview's figures): `GET
 * /api/v1/roles`, the role tree with weight, quota, allocated and reserved;
 * `GET /api/v1/agents/<id>/storage`, an agent's reservations and persistent
 * volumes. The row builders are pure.
 */
import type { Resource } from '@meseta/proto/wire';
import { formatResources, reservationKey, reservationRole, UNRESERVED_ROLE } from '@meseta/proto/resources';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import type { Master } from './master';
import type { RoleEntry } from './role-tree';
import { addScalars } from './cluster-sums';
import { roundAmounts } from './http-ui-view';
import { agentView, masterRoleTree } from './state-view';
import type { UiAgentStorage, UiReservation, UiRoleRow, UiRoleTree, UiVolume } from './http-ui-types';

/** One role of the tree as the roles page shows it; `share` its weighted dominant share. */
export function uiRoleRow(e: RoleEntry, share: number): UiRoleRow {
  return {
    name: e.name,
    ...(e.parent !== undefined ? { parent: e.parent } : {}),
    depth: e.name.split('/').length - 1,
    children: [...e.children],
    weight: e.weight,
    ...(e.quota ? { guarantee: { ...e.quota.guarantees }, limit: { ...e.quota.limits } } : {}),
    frameworks: [...e.frameworks],
    allocated: roundAmounts(addScalars({}, e.allocated)),
    reserved: roundAmounts(addScalars({}, e.reserved)),
    ...(e.allocatedSubtree ? { allocated_subtree: roundAmounts(addScalars({}, e.allocatedSubtree)) } : {}),
    ...(e.reservedSubtree ? { reserved_subtree: roundAmounts(addScalars({}, e.reservedSubtree)) } : {}),
    dominant_share: share,
  };
}

/** `GET /api/v1/roles`. */
export function uiRoleTree(master: Master): UiRoleTree {
  return { roles: masterRoleTree(master).map((e) => uiRoleRow(e, master.allocatorView.roleShare(e.name))) };
}

/**
 * An agent's reserved resources, one row per reservation (the whole stack:
 * type, roles, principal, labels), in role order. Persistent volumes stay
 * in their reservation's amounts (their disk is reserved disk).
 */
export function uiReservations(total: readonly Resource[]): UiReservation[] {
  const groups = new Map<string, Resource[]>();
  for (const r of total) {
    if (reservationRole(r) === UNRESERVED_ROLE) continue;
    const key = reservationKey(r);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const rows: UiReservation[] = [];
  for (const list of groups.values()) {
    const stack = list[0].reservations ?? [];
    const last = stack[stack.length - 1];
    const plain = list.map((r) => ({ ...r, reservations: [], disk: undefined }));
    rows.push({
      role: last?.role ?? '',
      type: (last?.type ?? 1) === DYNAMIC_RESERVATION ? 'DYNAMIC' : 'STATIC',
      ...(stack.length > 1 ? { refines: stack.slice(0, -1).map((s) => s.role ?? '') } : {}),
      ...(last?.principal ? { principal: last.principal } : {}),
      labels: (last?.labels?.labels ?? []).map((l) => (l.value === null || l.value === undefined ? { key: l.key ?? '' } : { key: l.key ?? '', value: l.value })),
      amounts: roundAmounts(addScalars({}, plain)),
      text: formatResources(plain),
    });
  }
  return rows.sort((a, b) => a.role.localeCompare(b.role) || (a.principal ?? '').localeCompare(b.principal ?? '') || a.text.localeCompare(b.text));
}

/**
 * Persistent volumes as the agent page lists them, read from the agent's
 * `/state` entry `volumes` (`{persistence_id, role, principal, container_path,
 * mode, disk_mb, used_by_task_ids?}`). Entries that do not have that shape
 * are left out; undefined when the state has no `volumes` list at all.
 */
export function uiVolumes(volumes: unknown): UiVolume[] | undefined {
  if (!Array.isArray(volumes)) return undefined;
  const out: UiVolume[] = [];
  for (const v of volumes as Array<Record<string, unknown>>) {
    if (typeof v !== 'object' || v === null) continue;
    if (typeof v.persistence_id !== 'string' || typeof v.role !== 'string') continue;
    const users = Array.isArray(v.used_by_task_ids) ? v.used_by_task_ids.filter((t): t is string => typeof t === 'string') : [];
    out.push({
      persistence_id: v.persistence_id,
      role: v.role,
      ...(typeof v.principal === 'string' && v.principal !== '' ? { principal: v.principal } : {}),
      container_path: typeof v.container_path === 'string' ? v.container_path : '',
      mode: v.mode === 'RO' || v.mode === 2 ? 'RO' : 'RW',
      disk_mb: typeof v.disk_mb === 'number' && Number.isFinite(v.disk_mb) ? v.disk_mb : 0,
      used_by_task_ids: users,
    });
  }
  return out.sort((a, b) => a.role.localeCompare(b.role) || a.persistence_id.localeCompare(b.persistence_id));
}

/** `GET /api/v1/agents/<id>/storage`; undefined for an agent the master does not know. */
export function uiAgentStorage(master: Master, agentId: string): UiAgentStorage | undefined {
  const a = master.agents.get(agentId);
  if (!a) return undefined;
  // The agent's state entry lists `volumes` only when it has some.
  const volumes = uiVolumes(agentView(master, a).volumes) ?? [];
  return { agent_id: agentId, reservations: uiReservations(a.total), volumes };
}

/** `/api/v1/agents/<id>/storage` → the agent id, or undefined for other paths. */
export function parseStoragePath(pathname: string): string | undefined {
  const m = /^\/api\/v1\/agents\/([^/]+)\/storage$/.exec(pathname);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}
