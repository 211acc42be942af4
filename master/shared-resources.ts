/**
 * One shared list for identical resource lists held by many tasks (issue
 * 11: 500,000 tasks of a few shapes each had their own copies). A list is
 * keyed by what it serialises to (its JSON, with each element's kind:
 * plain object or decoded message), so a shared list answers every reader
 * exactly as the task's own copy did. Shared lists are read-only: callers
 * that change resources copy them first (`add`, `allocate`, `normalize`
 * all do).
 */
import type { Resource } from './state-types';

/** Past this many distinct lists the table starts again (ports and volumes make lists unique; they are not worth keeping). */
export const SHARED_RESOURCE_LISTS_MAX = 4096;

/** The key of a list: its elements' kinds and JSON, in order. */
export function resourceListKey(list: readonly Resource[]): string {
  let key = '';
  for (const r of list) key += (Object.getPrototypeOf(r) === Object.prototype ? 'o' : 'm') + JSON.stringify(r) + '\n';
  return key;
}

/** A table of shared resource lists. */
export class SharedResources {
  private readonly lists = new Map<string, Resource[]>();

  constructor(private readonly max = SHARED_RESOURCE_LISTS_MAX) {}

  /** The shared list equal to `list` (`list` itself the first time it is seen). */
  share(list: Resource[]): Resource[] {
    if (list.length === 0) return list;
    const key = resourceListKey(list);
    const known = this.lists.get(key);
    if (known) return known;
    if (this.lists.size >= this.max) this.lists.clear();
    this.lists.set(key, list);
    return list;
  }

  /** Distinct lists held now. */
  get size(): number {
    return this.lists.size;
  }
}
