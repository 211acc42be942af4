/**
 * Text of the roles page's tree and of an agent's and a task's reservations
 * and volumes. Pure (no DOM), unit-tested in test/unit/webui-roles-view.test.ts.
 * Nothing set or held shows a dash, never a zero that looks like a figure.
 */
import type { UiReservation, UiResources, UiRoleRow, UiVolume } from '../../../http-ui-types';
import { formatMegabytes, formatNumber, formatResourceList } from './format';

/** What an empty cell shows. */
export const NONE = '–';

/** One row of the roles table, as text. */
export interface RoleTableRow {
  name: string;
  /** The last segment of the name (`backend` for `eng/backend`), shown indented under its parent. */
  label: string;
  depth: number;
  weight: string;
  guarantee: string;
  limit: string;
  allocated: string;
  reserved: string;
  /** A role with children: what it and its subtree hold, as text. */
  allocated_subtree?: string;
  /** A role with children: what is reserved to it and its subtree, as text. */
  reserved_subtree?: string;
  frameworks: string[];
  dominant_share: number;
}

/** A quota's amounts, or a dash when the role has no quota or the quota says nothing. */
export function quotaText(amounts: UiResources | undefined): string {
  return amounts ? formatResourceList(amounts) : NONE;
}

/** The roles table in tree order (the master sends parents right before their subtrees). */
export function roleTableRows(roles: readonly UiRoleRow[]): RoleTableRow[] {
  return roles.map((r) => ({
    name: r.name,
    label: r.depth > 0 ? r.name.slice(r.name.lastIndexOf('/') + 1) : r.name,
    depth: r.depth,
    weight: formatNumber(r.weight, 3),
    guarantee: quotaText(r.guarantee),
    limit: quotaText(r.limit),
    allocated: formatResourceList(r.allocated),
    reserved: formatResourceList(r.reserved),
    ...(r.allocated_subtree ? { allocated_subtree: formatResourceList(r.allocated_subtree) } : {}),
    ...(r.reserved_subtree ? { reserved_subtree: formatResourceList(r.reserved_subtree) } : {}),
    frameworks: r.frameworks,
    dominant_share: r.dominant_share,
  }));
}

/** Labels as `k=v, k2`, or a dash. */
export function labelsText(labels: ReadonlyArray<{ key: string; value?: string }>): string {
  if (labels.length === 0) return NONE;
  return labels.map((l) => (l.value === undefined ? l.key : `${l.key}=${l.value}`)).join(', ');
}

/** One reservation row of the agent page. */
export interface ReservationTableRow {
  key: string;
  /** `eng/backend` (refining `eng`) when the reservation refines others. */
  role: string;
  type: string;
  principal: string;
  labels: string;
  resources: string;
}

/** The agent page's reservations table. */
export function reservationTableRows(reservations: readonly UiReservation[]): ReservationTableRow[] {
  return reservations.map((r, i) => ({
    key: `${i}:${r.role}:${r.principal ?? ''}:${r.text}`,
    role: r.refines && r.refines.length > 0 ? `${r.role} (refines ${r.refines.join(' → ')})` : r.role,
    type: r.type === 'DYNAMIC' ? 'dynamic' : 'static',
    principal: r.principal ?? NONE,
    labels: labelsText(r.labels),
    resources: r.text.split(';').join('; ') || NONE,
  }));
}

/** One volume row of the agent page. */
export interface VolumeTableRow {
  key: string;
  persistence_id: string;
  role: string;
  size: string;
  container_path: string;
  mode: string;
  principal: string;
  used_by: string[];
}

/** The agent page's volumes table. */
export function volumeTableRows(volumes: readonly UiVolume[]): VolumeTableRow[] {
  return volumes.map((v) => ({
    key: `${v.role}:${v.persistence_id}`,
    persistence_id: v.persistence_id,
    role: v.role,
    size: formatMegabytes(v.disk_mb),
    container_path: v.container_path || NONE,
    mode: v.mode,
    principal: v.principal ?? NONE,
    used_by: v.used_by_task_ids,
  }));
}

/** A volume a task mounts, from its resources (Mesos JSON of the Task). */
export interface TaskVolumeRow {
  persistence_id: string;
  container_path: string;
  mode: string;
  size: string;
  role: string;
}

/** The parts of a resource in a Task's JSON that a volume row reads. */
interface ResourceJson {
  role?: unknown;
  scalar?: { value?: unknown } | null;
  reservations?: Array<{ role?: unknown } | null> | null;
  disk?: { persistence?: { id?: unknown } | null; volume?: { container_path?: unknown; mode?: unknown } | null } | null;
}

/** The persistent volumes among a task's resources (disk with `disk.persistence`). */
export function taskVolumes(task: Record<string, unknown>): TaskVolumeRow[] {
  const resources = Array.isArray(task.resources) ? (task.resources as Array<ResourceJson | null>) : [];
  const out: TaskVolumeRow[] = [];
  for (const r of resources) {
    const id = r?.disk?.persistence?.id;
    if (!r || typeof id !== 'string' || id === '') continue;
    const stack = Array.isArray(r.reservations) ? r.reservations : [];
    const last = stack[stack.length - 1]?.role;
    const role = typeof last === 'string' ? last : typeof r.role === 'string' ? r.role : '';
    const path = r.disk?.volume?.container_path;
    const mode = r.disk?.volume?.mode;
    const size = r.scalar?.value;
    out.push({
      persistence_id: id,
      container_path: typeof path === 'string' && path !== '' ? path : NONE,
      mode: mode === 'RO' || mode === 2 ? 'RO' : 'RW',
      size: formatMegabytes(typeof size === 'number' ? size : 0),
      role: role || NONE,
    });
  }
  return out;
}

/**
 * A framework's offer filters as one line per role: `web: cpus 2 · mem 1 GB
 * or disk 1 GB` (an offer must hold one of the sets); undefined when it set none.
 */
export function offerFiltersText(filters: ReadonlyArray<{ role: string; min_allocatable: UiResources[] }> | undefined): string[] | undefined {
  if (!filters || filters.length === 0) return undefined;
  return filters.map((f) => `${f.role}: ${f.min_allocatable.length === 0 ? 'anything (no minimum)' : f.min_allocatable.map((set) => formatResourceList(set)).join(' or ')}`);
}
