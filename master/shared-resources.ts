/**
 * One shared list for identical resource lists held by many tasks (issue
 * 11: 500,000 tasks of a few shapes each had their own copies). A list is
 * keyed by what it holds: each element's kind (plain object or decoded
 * message) and content, so a shared list answers every reader exactly as
 * the task's own copy did. Shared lists are read-only: callers that change
 * resources copy them first (`add`, `allocate`, `normalize` all do).
 *
 * Keys are cheap for what agents send (issue 11, cold registration): a
 * decoded `Resource` of plain fields and a scalar is keyed by its own
 * fields in order, without `toJSON` (which builds a converted copy of the
 * message); anything else by its JSON, as before. A list's normalised,
 * unallocated form is made once per shared list ({@link SharedResources.normalized}).
 *
 * Cheaper still for a run of equal lists (an agent's tasks mostly have one
 * shape): a list is first compared field by field with the list shared
 * last ({@link sameFastResource}), and only keyed when they differ.
 */
import { pb } from '@meseta/proto/wire';
import type { Resource } from './state-types';

/** Past this many distinct lists the table starts again (ports and volumes make lists unique; they are not worth keeping). */
export const SHARED_RESOURCE_LISTS_MAX = 4096;

const RESOURCE_PROTO: object = pb.Resource.prototype;
const SCALAR_PROTO: object = pb.Value.Scalar.prototype;

/** A finite number other than -0 as text (injective on those); undefined for anything else. */
function numberKey(n: number): string | undefined {
  return Number.isFinite(n) && !Object.is(n, -0) ? String(n) : undefined;
}

/** A decoded scalar holding at most a number `value`, as text; undefined for anything else. */
function scalarKey(v: object): string | undefined {
  if (Object.getPrototypeOf(v) !== SCALAR_PROTO) return undefined;
  const s = v as { value?: unknown; $unknowns?: unknown };
  if (s.$unknowns !== undefined) return undefined;
  const keys = Object.keys(v);
  if (keys.length === 0) return 'S';
  if (keys.length !== 1 || keys[0] !== 'value' || typeof s.value !== 'number') return undefined;
  const n = numberKey(s.value);
  return n === undefined ? undefined : 'S' + n;
}

/**
 * The key of a decoded `Resource` whose own fields are strings, numbers,
 * booleans, empty lists and a scalar: each field's name and value in
 * order. Two resources with the same key have the same own fields with the
 * same values, so every reader (JSON, protobuf, field reads) sees them
 * alike. Undefined for anything else (the caller keys it by its JSON).
 */
export function fastResourceKey(r: object): string | undefined {
  if (Object.getPrototypeOf(r) !== RESOURCE_PROTO) return undefined;
  const fields = r as Record<string, unknown>;
  if (fields.$unknowns !== undefined) return undefined;
  let key = 'f';
  for (const k of Object.keys(r)) {
    const v = fields[k];
    let part: string | undefined;
    switch (typeof v) {
      case 'string':
        part = JSON.stringify(v);
        break;
      case 'number':
        part = numberKey(v);
        part = part === undefined ? undefined : 'n' + part;
        break;
      case 'boolean':
        part = v ? 'T' : 'F';
        break;
      case 'object':
        if (v === null) part = undefined;
        else if (Array.isArray(v)) part = v.length === 0 ? '[]' : undefined;
        else part = scalarKey(v);
        break;
      default:
        part = undefined;
    }
    if (part === undefined) return undefined;
    key += k + '=' + part + ';';
  }
  return key;
}

/** True when `v` is a number {@link numberKey} keys (finite, not -0). */
function keyableNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0);
}

/** True when two decoded scalars both have a {@link scalarKey} and it is the same. */
function sameScalar(a: object, b: object): boolean {
  if (Object.getPrototypeOf(a) !== SCALAR_PROTO || Object.getPrototypeOf(b) !== SCALAR_PROTO) return false;
  const sa = a as { value?: unknown; $unknowns?: unknown };
  const sb = b as { value?: unknown; $unknowns?: unknown };
  if (sa.$unknowns !== undefined || sb.$unknowns !== undefined) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length === 0 || kb.length === 0) return ka.length === 0 && kb.length === 0;
  return ka.length === 1 && kb.length === 1 && ka[0] === 'value' && kb[0] === 'value' && keyableNumber(sa.value) && keyableNumber(sb.value) && sa.value === sb.value;
}

/**
 * True when `a` and `b` both have a {@link fastResourceKey} and it is the
 * same, compared field by field without building either key (no string per
 * resource). False says nothing: the caller keys them.
 */
export function sameFastResource(a: object, b: object): boolean {
  if (Object.getPrototypeOf(a) !== RESOURCE_PROTO || Object.getPrototypeOf(b) !== RESOURCE_PROTO) return false;
  const fa = a as Record<string, unknown>;
  const fb = b as Record<string, unknown>;
  if (fa.$unknowns !== undefined || fb.$unknowns !== undefined) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i]) return false;
    const va = fa[k];
    const vb = fb[k];
    switch (typeof va) {
      case 'string':
      case 'boolean':
        if (va !== vb) return false;
        break;
      case 'number':
        if (!keyableNumber(va) || !keyableNumber(vb) || va !== vb) return false;
        break;
      case 'object':
        if (va === null || vb === null || typeof vb !== 'object') return false;
        if (Array.isArray(va) || Array.isArray(vb)) {
          if (!Array.isArray(va) || !Array.isArray(vb) || va.length !== 0 || vb.length !== 0) return false;
        } else if (!sameScalar(va, vb)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when two lists hold, in order, resources of the same {@link fastResourceKey}. */
function sameFastList(a: readonly Resource[], b: readonly Resource[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameFastResource(a[i], b[i])) return false;
  return true;
}

/** The key of a list: its elements' kinds and contents, in order. */
export function resourceListKey(list: readonly Resource[]): string {
  let key = '';
  for (const r of list) {
    if (Object.getPrototypeOf(r) === Object.prototype) {
      key += 'o' + JSON.stringify(r) + '\n';
      continue;
    }
    const fast = fastResourceKey(r);
    key += (fast ?? 'm' + JSON.stringify(r)) + '\n';
  }
  return key;
}

/** A table of shared resource lists. */
export class SharedResources {
  private readonly lists = new Map<string, Resource[]>();
  /** A shared list's normalised, unallocated form, itself shared (lists are read-only, so it stays right). */
  private readonly normalizedOf = new WeakMap<Resource[], Resource[]>();
  /** The list {@link share} gave out last (still in the table). */
  private last?: Resource[];

  constructor(private readonly max = SHARED_RESOURCE_LISTS_MAX) {}

  /** The shared list equal to `list` (`list` itself the first time it is seen). */
  share(list: Resource[]): Resource[] {
    if (list.length === 0) return list;
    const last = this.last;
    if (last !== undefined && sameFastList(last, list)) return last;
    const key = resourceListKey(list);
    const known = this.lists.get(key);
    if (known) return (this.last = known);
    if (this.lists.size >= this.max) this.lists.clear();
    this.lists.set(key, list);
    return (this.last = list);
  }

  /**
   * `normalize(shared)` (a pure function of its list) shared, made once per
   * shared list: `shared` must be a list this table gave out (or an empty one).
   */
  normalized(shared: Resource[], normalize: (list: readonly Resource[]) => Resource[]): Resource[] {
    if (shared.length === 0) return this.share(normalize(shared));
    const known = this.normalizedOf.get(shared);
    if (known) return known;
    const made = this.share(normalize(shared));
    this.normalizedOf.set(shared, made);
    return made;
  }

  /** Distinct lists held now. */
  get size(): number {
    return this.lists.size;
  }
}
