/**
 * Resource arithmetic: the Mesos `Resources` algebra over plain message
 * objects. Master, agent and SDK all use these functions, so "does this
 * task fit in that offer" has exactly one answer everywhere.
 *
 * Two resources are the same kind when they share name, type, allocation
 * role and their whole reservation stack (each entry's type, role, principal
 * and labels): cpus dynamically reserved for "eng" by principal "ops" are not
 * the same kind as cpus statically reserved for "eng". Unreserved resources
 * (no stack) are keyed by name and type alone, as cheaply as ever. A
 * persistent volume (disk with `disk.persistence`) is a kind of its own per
 * persistence id, so it never merges with plain disk or another volume. Scalars are
 * kept in fixed point with three decimals, as Mesos does, so that repeated
 * additions and subtractions never drift.
 */
import type { InsufficientResource, Labels, Range, Resource } from './wire';
import { ValueType } from './wire';

/** The role of unreserved resources. */
export const UNRESERVED_ROLE = '*';

/** Round a scalar to the three decimals Mesos keeps. */
export function roundScalar(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The role that owns a resource: its innermost reservation, or "*". */
export function reservationRole(resource: Resource): string {
  const stack = resource.reservations;
  if (!stack || stack.length === 0) return UNRESERVED_ROLE;
  return stack[stack.length - 1].role || UNRESERVED_ROLE;
}

/** STATIC, the type a reservation without one is read as (the agent's `--resources` and Mesos's old `role` form). */
const STATIC_TYPE = 1;

function labelsKey(labels: Labels | null | undefined): string {
  const list = labels?.labels;
  if (!list || list.length === 0) return '';
  const pairs = list.map((l) => `${l.key ?? ''}\u0003${l.value ?? ''}`);
  if (pairs.length > 1) pairs.sort();
  return pairs.join('\u0004');
}

/**
 * The whole identity of a resource's reservation stack as one string: ""
 * when unreserved, else every entry's type, role, principal and labels
 * (labels compared as a set, as Mesos compares them). A missing type reads as
 * STATIC.
 */
export function reservationKey(resource: Resource): string {
  const stack = resource.reservations;
  if (!stack || stack.length === 0) return '';
  let key = '';
  for (const r of stack) {
    key += `\u0001${r.type || STATIC_TYPE}\u0002${r.role ?? ''}\u0002${r.principal ?? ''}\u0002${labelsKey(r.labels)}`;
  }
  return key;
}

function kindKey(resource: Resource): string {
  const stack = resource.reservations;
  const reservation = !stack || stack.length === 0 ? UNRESERVED_ROLE : reservationKey(resource);
  const key = `${resource.name}\u0000${resource.type ?? 0}\u0000${reservation}\u0000${resource.allocation_role ?? ''}`;
  // A persistent volume is its own kind, one per persistence id (as Mesos
  // compares DiskInfo: the persistence id, not the volume's container path).
  const persistence = resource.disk?.persistence;
  return persistence ? `${key}\u0005${persistence.id ?? ''}` : key;
}

/** True when the resource is a persistent volume: disk with `disk.persistence`. */
export function isPersistentVolume(resource: Resource): boolean {
  return resource.name === 'disk' && resource.disk?.persistence != null;
}

function cloneDisk(disk: NonNullable<Resource['disk']>): NonNullable<Resource['disk']> {
  const copy: NonNullable<Resource['disk']> = {};
  if (disk.persistence) copy.persistence = { ...disk.persistence };
  if (disk.volume) copy.volume = { ...disk.volume };
  return copy;
}

/** True when `role` is `ancestor` or lies under it in the role tree (`eng/backend` under `eng`). */
export function isRoleOrDescendant(role: string, ancestor: string): boolean {
  return role === ancestor || (role.length > ancestor.length && role.startsWith(ancestor) && role.charCodeAt(ancestor.length) === 47 /* / */);
}

/** Build an unreserved scalar resource. */
export function scalar(name: string, value: number, role?: string): Resource {
  return withRole({ name, type: ValueType.SCALAR, scalar: { value } }, role);
}

/** Build an unreserved ranges resource, e.g. `ranges('ports', [[31000, 32000]])`. */
export function ranges(name: string, spans: Array<[number, number]>, role?: string): Resource {
  return withRole(
    { name, type: ValueType.RANGES, ranges: { range: spans.map(([begin, end]) => ({ begin, end })) } },
    role,
  );
}

/** Build an unreserved set resource. */
export function set(name: string, items: string[], role?: string): Resource {
  return withRole({ name, type: ValueType.SET, set: { item: [...items] } }, role);
}

function withRole(resource: Resource, role: string | undefined): Resource {
  if (role && role !== UNRESERVED_ROLE) {
    resource.reservations = [{ type: 1 /* STATIC */, role }];
  }
  return resource;
}

/** Sort, merge overlapping and adjacent spans. Returns a new array. */
export function coalesceRanges(spans: readonly Range[]): Range[] {
  // The common case (a resource of one span, e.g. an agent's ports) without the sort's copies.
  if (spans.length <= 1) {
    if (spans.length === 0) return [];
    const begin = Number(spans[0].begin ?? 0);
    const end = Number(spans[0].end ?? 0);
    return end >= begin ? [{ begin, end }] : [];
  }
  const sorted = spans
    .map((r) => ({ begin: Number(r.begin ?? 0), end: Number(r.end ?? 0) }))
    .filter((r) => r.end >= r.begin)
    .sort((a, b) => a.begin - b.begin);
  const out: Array<{ begin: number; end: number }> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.begin <= last.end + 1) {
      if (r.end > last.end) last.end = r.end;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

/** Remove `minus` from `from`; both may be uncoalesced. */
export function subtractRanges(from: readonly Range[], minus: readonly Range[]): Range[] {
  let current = coalesceRanges(from) as Array<{ begin: number; end: number }>;
  for (const m of coalesceRanges(minus)) {
    const mb = Number(m.begin);
    const me = Number(m.end);
    const next: Array<{ begin: number; end: number }> = [];
    for (const r of current) {
      if (me < r.begin || mb > r.end) {
        next.push(r);
        continue;
      }
      if (mb > r.begin) next.push({ begin: r.begin, end: mb - 1 });
      if (me < r.end) next.push({ begin: me + 1, end: r.end });
    }
    current = next;
  }
  return current;
}

/** True when every span of `inner` lies inside `outer`. */
export function rangesContain(outer: readonly Range[], inner: readonly Range[]): boolean {
  return subtractRanges(inner, outer).length === 0;
}

/** Number of values covered by the spans (e.g. how many ports). */
export function rangesSize(spans: readonly Range[]): number {
  let n = 0;
  for (const r of coalesceRanges(spans)) n += Number(r.end) - Number(r.begin) + 1;
  return n;
}

function isEmptyResource(r: Resource): boolean {
  switch (r.type ?? ValueType.SCALAR) {
    case ValueType.SCALAR:
      return roundScalar(r.scalar?.value ?? 0) <= 0;
    case ValueType.RANGES:
      return (r.ranges?.range?.length ?? 0) === 0;
    case ValueType.SET:
      return (r.set?.item?.length ?? 0) === 0;
    default:
      return true;
  }
}

function cloneResource(r: Resource): Resource {
  const copy: Resource = { name: r.name, type: r.type ?? ValueType.SCALAR };
  if (r.reservations && r.reservations.length > 0) copy.reservations = r.reservations.map((x) => ({ ...x }));
  if (r.allocation_role) copy.allocation_role = r.allocation_role;
  if (r.disk) copy.disk = cloneDisk(r.disk);
  switch (copy.type) {
    case ValueType.SCALAR:
      copy.scalar = { value: roundScalar(r.scalar?.value ?? 0) };
      break;
    case ValueType.RANGES:
      copy.ranges = { range: coalesceRanges(r.ranges?.range ?? []) };
      break;
    case ValueType.SET:
      copy.set = { item: [...new Set(r.set?.item ?? [])].sort() };
      break;
  }
  return copy;
}

function combine(into: Resource, add: Resource): void {
  switch (into.type) {
    case ValueType.SCALAR:
      into.scalar = { value: roundScalar((into.scalar?.value ?? 0) + (add.scalar?.value ?? 0)) };
      break;
    case ValueType.RANGES:
      into.ranges = { range: coalesceRanges([...(into.ranges?.range ?? []), ...(add.ranges?.range ?? [])]) };
      break;
    case ValueType.SET:
      into.set = { item: [...new Set([...(into.set?.item ?? []), ...(add.set?.item ?? [])])].sort() };
      break;
  }
}

function remove(from: Resource, minus: Resource): void {
  switch (from.type) {
    case ValueType.SCALAR:
      from.scalar = { value: roundScalar((from.scalar?.value ?? 0) - (minus.scalar?.value ?? 0)) };
      break;
    case ValueType.RANGES:
      from.ranges = { range: subtractRanges(from.ranges?.range ?? [], minus.ranges?.range ?? []) };
      break;
    case ValueType.SET: {
      const drop = new Set(minus.set?.item ?? []);
      from.set = { item: (from.set?.item ?? []).filter((i) => !drop.has(i)) };
      break;
    }
  }
}

/**
 * Normalise a resource list: one entry per kind, scalars rounded, ranges
 * coalesced, sets deduplicated, empty entries dropped. Returns a new list.
 */
export function normalize(resources: readonly Resource[] | null | undefined): Resource[] {
  return add(resources ?? [], []);
}

/** `a + b`, as a new normalised list. */
export function add(a: readonly Resource[], b: readonly Resource[]): Resource[] {
  const byKind = new Map<string, Resource>();
  for (const list of [a, b]) {
    for (const r of list) {
      const key = kindKey(r);
      const existing = byKind.get(key);
      if (existing) combine(existing, r);
      else byKind.set(key, cloneResource(r));
    }
  }
  const out: Resource[] = [];
  for (const r of byKind.values()) if (!isEmptyResource(r)) out.push(r);
  return out;
}

/** `unallocate(normalize(resources))` in one copy: normalised, then without `allocation_role`. */
export function normalizeUnallocated(resources: readonly Resource[] | null | undefined): Resource[] {
  const out = normalize(resources);
  // Fresh copies of our own: dropping the field in place changes no caller's objects.
  for (const r of out) if (r.allocation_role !== undefined) delete r.allocation_role;
  return out;
}

/**
 * `a - b`, as a new normalised list. Kinds of `b` missing from `a` are
 * ignored and scalars never go below zero; use {@link contains} first when
 * `b` must be wholly inside `a`.
 */
export function subtract(a: readonly Resource[], b: readonly Resource[]): Resource[] {
  const byKind = new Map<string, Resource>();
  for (const r of a) {
    const key = kindKey(r);
    const existing = byKind.get(key);
    if (existing) combine(existing, r);
    else byKind.set(key, cloneResource(r));
  }
  for (const r of b) {
    const existing = byKind.get(kindKey(r));
    if (existing) remove(existing, r);
  }
  return [...byKind.values()].filter((r) => !isEmptyResource(r));
}

/** True when `outer` holds at least everything in `inner`, kind by kind. */
export function contains(outer: readonly Resource[], inner: readonly Resource[]): boolean {
  return shortfalls(outer, inner).length === 0;
}

/**
 * What `needed` asks for that `available` does not hold, one entry per
 * resource name, as data: name, how much was asked, how much was there.
 * Empty when it fits. Reservations are honoured: a resource reserved for
 * one role does not satisfy a request for another.
 */
export function shortfalls(available: readonly Resource[], needed: readonly Resource[]): InsufficientResource[] {
  return shortfallsIn(haveByKind(available), normalize(needed));
}

/** {@link shortfalls} of `wanted` (normalised) against `have` (by kind; an empty entry counts as absent, as it reads 0). */
function shortfallsIn(have: ReadonlyMap<string, Resource>, wanted: readonly Resource[], keys?: readonly string[]): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  for (let w = 0; w < wanted.length; w++) {
    const want = wanted[w];
    const got = have.get(keys ? keys[w] : kindKey(want));
    const name = want.name ?? '';
    const role = reservationRole(want);
    const suffix = role === UNRESERVED_ROLE ? '' : ` reserved for role "${role}"`;
    switch (want.type) {
      case ValueType.SCALAR: {
        const asked = want.scalar?.value ?? 0;
        // As normalised: rounded, and an entry of zero or less counts as absent.
        const there = Math.max(0, roundScalar(got?.scalar?.value ?? 0));
        if (roundScalar(asked - there) > 0) {
          out.push({ name, requested: asked, available: there, message: `${name}: asked ${asked}, offer holds ${there}${suffix}` });
        }
        break;
      }
      case ValueType.RANGES: {
        const missing = subtractRanges(want.ranges?.range ?? [], got?.ranges?.range ?? []);
        if (missing.length > 0) {
          out.push({
            name,
            requested: rangesSize(want.ranges?.range ?? []),
            available: rangesSize(got?.ranges?.range ?? []),
            message: `${name}: asked ${formatRanges(want.ranges?.range ?? [])}, offer lacks ${formatRanges(missing)}${suffix}`,
          });
        }
        break;
      }
      case ValueType.SET: {
        const haveItems = new Set(got?.set?.item ?? []);
        const missing = (want.set?.item ?? []).filter((i) => !haveItems.has(i));
        if (missing.length > 0) {
          out.push({
            name,
            requested: want.set?.item?.length ?? 0,
            available: haveItems.size,
            message: `${name}: asked {${(want.set?.item ?? []).join(',')}}, offer lacks {${missing.join(',')}}${suffix}`,
          });
        }
        break;
      }
    }
  }
  return out;
}

/** True when `want` (one normalised entry) is wholly inside `got` (the same kind, or absent): {@link shortfalls} finds nothing for it. */
function covers(got: Resource | undefined, want: Resource): boolean {
  switch (want.type) {
    case ValueType.SCALAR:
      return roundScalar((want.scalar?.value ?? 0) - Math.max(0, roundScalar(got?.scalar?.value ?? 0))) <= 0;
    case ValueType.RANGES:
      return subtractRanges(want.ranges?.range ?? [], got?.ranges?.range ?? []).length === 0;
    case ValueType.SET: {
      const items = want.set?.item ?? [];
      if (items.length === 0) return true;
      const haveItems = new Set(got?.set?.item ?? []);
      return items.every((i) => haveItems.has(i));
    }
    default:
      return true;
  }
}

/**
 * What remains of an offer while an ACCEPT takes task after task out of it:
 * {@link shortfalls} then {@link subtract} per task, without a new list, a
 * map and a copy of every entry per task. Holds its own copies (one per
 * kind, as `subtract` makes them) and changes them in place; {@link list}
 * gives what `subtract` would have given after the same takes.
 */
export class ResourcePool {
  private readonly byKind = new Map<string, Resource>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      const key = kindKey(r);
      const existing = this.byKind.get(key);
      if (existing) combine(existing, r);
      else this.byKind.set(key, cloneResource(r));
    }
  }

  /**
   * Take `needed` (normalised: one entry per kind, as `normalize` and
   * `normalizeUnallocated` give) when all of it is there, and return `[]`;
   * else take nothing and return what it lacks, as `shortfalls(list(), needed)` does.
   */
  take(needed: readonly Resource[]): InsufficientResource[] {
    const keys = needed.map(kindKey);
    for (let i = 0; i < needed.length; i++) {
      if (!covers(this.byKind.get(keys[i]), needed[i])) return shortfallsIn(this.byKind, needed, keys);
    }
    for (let i = 0; i < needed.length; i++) {
      const existing = this.byKind.get(keys[i]);
      if (existing) remove(existing, needed[i]);
    }
    return [];
  }

  /** What remains, normalised (empty entries left out); the pool must not be used after. */
  list(): Resource[] {
    const out: Resource[] = [];
    for (const r of this.byKind.values()) if (!isEmptyResource(r)) out.push(r);
    return out;
  }
}

/**
 * `available` by kind for {@link shortfalls}. A list with one entry per kind
 * (an offer, what remains of one: already normalised) is read as it is;
 * otherwise it is normalised first. Either way a scalar is read rounded and
 * ranges are compared span by span, so both give the same answers.
 */
function haveByKind(available: readonly Resource[]): Map<string, Resource> {
  const have = new Map<string, Resource>();
  for (const r of available) {
    const key = kindKey(r);
    if (have.has(key)) {
      have.clear();
      for (const n of normalize(available)) have.set(kindKey(n), n);
      return have;
    }
    have.set(key, r);
  }
  return have;
}

/**
 * Scalar totals by name, across roles. Ranges count their size and sets
 * their items, which is what the DRF share of e.g. ports means.
 */
export function quantities(resources: readonly Resource[] | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources ?? []) {
    const name = r.name ?? '';
    let amount = 0;
    switch (r.type ?? ValueType.SCALAR) {
      case ValueType.SCALAR:
        amount = r.scalar?.value ?? 0;
        break;
      case ValueType.RANGES:
        amount = rangesSize(r.ranges?.range ?? []);
        break;
      case ValueType.SET:
        amount = r.set?.item?.length ?? 0;
        break;
    }
    out.set(name, roundScalar((out.get(name) ?? 0) + amount));
  }
  return out;
}

/** The scalar amount of one named resource across roles (0 when absent). */
export function scalarOf(resources: readonly Resource[] | null | undefined, name: string): number {
  return quantities((resources ?? []).filter((r) => r.name === name)).get(name) ?? 0;
}

/** True when a framework of `role` may be offered `resource`: unreserved, reserved for `role`, or for an ancestor of it (Mesos's isAllocatableTo). */
export function isAllocatableTo(resource: Resource, role: string): boolean {
  const owner = reservationRole(resource);
  return owner === UNRESERVED_ROLE || isRoleOrDescendant(role, owner);
}

/** Only the resources that role `role` may use: unreserved ones, its reservations and its ancestors' (`eng` reservations to `eng/backend`). */
export function allocatableTo(resources: readonly Resource[], role: string): Resource[] {
  return resources.filter((r) => isAllocatableTo(r, role));
}

/** Copy of the list with `allocation_role` set, as resources inside an offer carry it. */
export function allocate(resources: readonly Resource[], role: string): Resource[] {
  return resources.map((r) => {
    const copy = cloneResource(r);
    copy.allocation_role = role;
    return copy;
  });
}

/** Copy of the list without `allocation_role`, to compare with agent totals. */
export function unallocate(resources: readonly Resource[]): Resource[] {
  return resources.map((r) => {
    const copy = cloneResource(r);
    delete copy.allocation_role;
    return copy;
  });
}

/** `[31000-32000,33000-33000]` */
export function formatRanges(spans: readonly Range[]): string {
  return `[${coalesceRanges(spans)
    .map((r) => `${r.begin}-${r.end}`)
    .join(',')}]`;
}

/** Mesos text form, e.g. `cpus:2;mem:1024;ports:[31000-32000];disk(ops):10;disk(ops)[db:data]:5` (a volume shows `[id:container_path]`). */
export function formatResources(resources: readonly Resource[] | null | undefined): string {
  return normalize(resources)
    .map((r) => {
      const role = reservationRole(r);
      const persistence = r.disk?.persistence;
      const volume = persistence ? `[${persistence.id ?? ''}${r.disk?.volume?.container_path ? `:${r.disk.volume.container_path}` : ''}]` : '';
      const name = (role === UNRESERVED_ROLE ? r.name : `${r.name}(${role})`) + volume;
      switch (r.type) {
        case ValueType.RANGES:
          return `${name}:${formatRanges(r.ranges?.range ?? [])}`;
        case ValueType.SET:
          return `${name}:{${(r.set?.item ?? []).join(',')}}`;
        default:
          return `${name}:${r.scalar?.value ?? 0}`;
      }
    })
    .join(';');
}
