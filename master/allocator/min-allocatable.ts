/**
 * Minimum allocatable resources (Mesos 1.7+ `OfferFilters`): the smallest
 * offers a framework wants for a role. Resources are allocatable to it when
 * they hold at least one of the role's entries wholly (every named quantity
 * of that entry); a framework without an entry for the role falls back to
 * the allocator-wide minimum, and with neither anything is allocatable.
 * Pure: no I/O.
 */
import type { FrameworkInfo } from '@meseta/proto/wire';
import type { Quantities } from './dominant-share';

/** Alternatives: allocatable when any one is contained. An empty list allows anything. */
export type MinAllocatable = readonly Quantities[];

/** Per role, the framework's alternatives (Mesos's `Framework::minAllocatableResources`). */
export type MinAllocatableByRole = ReadonlyMap<string, MinAllocatable>;

/** True when `offered` (quantities by name) holds every quantity of `entry`. O(entry size). */
export function holds(offered: Quantities, entry: Quantities): boolean {
  for (const [name, amount] of entry) {
    if ((offered.get(name) ?? 0) < amount) return false;
  }
  return true;
}

/**
 * Whether `offered` may be offered to a framework for `role`: its own entry
 * for the role if it has one, else `fallback` (the allocator-wide minimum);
 * no minimum, or an empty list, allows anything. O(entries).
 */
export function isAllocatable(offered: Quantities, role: string, own: MinAllocatableByRole | undefined, fallback: MinAllocatable | undefined): boolean {
  const mins = own?.get(role) ?? fallback;
  if (mins === undefined || mins.length === 0) return true;
  for (const entry of mins) if (holds(offered, entry)) return true;
  return false;
}

/**
 * The per-role minimums a FrameworkInfo asks for (`offer_filters[role]
 * .min_allocatable_resources.quantities`). A role whose filters have no
 * `min_allocatable_resources` is left out (it gets the fallback), as in
 * Mesos. Undefined when no role has one. Expects a validated FrameworkInfo.
 */
export function minAllocatableOf(info: FrameworkInfo | null | undefined): Map<string, MinAllocatable> | undefined {
  const filters = info?.offer_filters;
  if (!filters) return undefined;
  let out: Map<string, MinAllocatable> | undefined;
  for (const [role, filter] of Object.entries(filters)) {
    const min = filter?.min_allocatable_resources;
    if (!min) continue;
    const entries = (min.quantities ?? []).map((q) => {
      const entry = new Map<string, number>();
      for (const [name, scalar] of Object.entries(q?.quantities ?? {})) entry.set(name, scalar?.value ?? 0);
      return entry;
    });
    (out ??= new Map()).set(role, entries);
  }
  return out;
}

/** Equal per-role minimums (to tell whether an update changed them). */
export function sameMinAllocatable(a: MinAllocatableByRole | undefined, b: MinAllocatableByRole | undefined): boolean {
  if ((a?.size ?? 0) !== (b?.size ?? 0)) return false;
  for (const [role, entries] of a ?? []) {
    const other = b?.get(role);
    if (!other || other.length !== entries.length) return false;
    for (let i = 0; i < entries.length; i++) {
      if (entries[i].size !== other[i].size) return false;
      for (const [name, amount] of entries[i]) if (other[i].get(name) !== amount) return false;
    }
  }
  return true;
}

/**
 * Mesos's `--min_allocatable_resources` text: sets separated by `|` (any
 * one), quantities within a set by `;` (all of them), each `name:amount`
 * (`disk:1|cpus:1;mem:32`). Ranges and sets count their items
 * (`ports:[1-5]` is 5). Empty text gives an empty list (anything is offered).
 * @throws RangeError naming the flag and the bad part
 */
export function parseMinAllocatable(text: string, flag = '--min-allocatable-resources'): Quantities[] {
  if (text.trim() === '') return [];
  return text.split('|').map((set) => {
    const entry = new Map<string, number>();
    for (const part of set.split(';')) {
      const match = /^\s*([^:\s]+)\s*:\s*(.+?)\s*$/.exec(part);
      if (!match) throw new RangeError(`${flag}: "${part}" must look like name:amount (e.g. cpus:0.01|mem:32)`);
      const [, name, raw] = match;
      const amount = countOf(raw);
      if (amount === undefined || !Number.isFinite(amount) || amount < 0) throw new RangeError(`${flag}: ${name}: "${raw}" is not a finite amount, zero or more`);
      if (entry.has(name)) throw new RangeError(`${flag}: ${name} is given twice in "${set}"`);
      entry.set(name, amount);
    }
    return entry;
  });
}

/** A scalar, the size of `[a-b,c-d]` ranges, or the number of `{x,y}` items. */
function countOf(raw: string): number | undefined {
  if (/^\[.*\]$/.test(raw)) {
    let size = 0;
    for (const range of raw.slice(1, -1).split(',')) {
      const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(range);
      if (!m || Number(m[2]) < Number(m[1])) return undefined;
      size += Number(m[2]) - Number(m[1]) + 1;
    }
    return size;
  }
  if (/^\{.*\}$/.test(raw)) return raw.slice(1, -1).split(',').filter((s) => s.trim() !== '').length;
  return /^[0-9.eE+-]+$/.test(raw) ? Number(raw) : undefined;
}
