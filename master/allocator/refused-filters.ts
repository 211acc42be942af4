/**
 * Decline filters on resources, not agents (Mesos's RefusedOfferFilter).
 * A DECLINE, or the unused part of an ACCEPT, refuses some resources of one
 * agent for `refuse_seconds`. While the filter lasts, the framework is not
 * offered, on that agent and for that role, anything contained in what it
 * refused; an offer that holds more (a task ended and freed resources) is
 * sent, because the framework may want the larger one.
 *
 * Pure helpers over the short per-(framework, agent) filter list the
 * allocator keeps; the allocator owns expiry (a MinHeap) and waking agents.
 */
import type { Resource } from '@meseta/proto/wire';
import { contains } from '@meseta/proto/resources';
import type { RefusedFilter } from './allocator-state';

/**
 * The latest expiry kept as a time; anything later means "until revive".
 * Past it, seconds-since-epoch times in milliseconds stop being exact integers.
 */
export const LATEST_FILTER_EXPIRY = Number.MAX_SAFE_INTEGER / 1000;

/**
 * When a filter set at `now` for `refuseSeconds` ends: undefined for no
 * filter (0, negative or NaN), Infinity ("until revive") when the end is
 * past {@link LATEST_FILTER_EXPIRY} (huge values and infinity never overflow).
 */
export function filterUntil(now: number, refuseSeconds: number): number | undefined {
  if (!(refuseSeconds > 0)) return undefined;
  const until = now + refuseSeconds;
  return until < LATEST_FILTER_EXPIRY ? until : Infinity;
}

/**
 * Add `filter` to `list` (in place). A filter that an existing one already
 * covers (same role, holds at least as much, lasts at least as long) is not
 * added; existing ones the new filter covers are dropped. Returns whether it
 * was added (then its expiry must be queued).
 */
export function addFilter(list: RefusedFilter[], filter: RefusedFilter): boolean {
  if (filter.resources.length === 0) return false;
  for (const f of list) {
    if (f.role === filter.role && f.until >= filter.until && contains(f.resources, filter.resources)) return false;
  }
  for (let i = list.length - 1; i >= 0; i--) {
    const f = list[i];
    if (f.role === filter.role && f.until <= filter.until && contains(filter.resources, f.resources)) list.splice(i, 1);
  }
  list.push(filter);
  return true;
}

/**
 * True when a filter of `list` still holds at `now` for an offer of
 * `offered` (unallocated) to `role`: the offer is contained in what was
 * refused. Filters found expired are removed from the list (in place).
 */
export function isRefused(list: RefusedFilter[], role: string, offered: readonly Resource[], now: number): boolean {
  let refused = false;
  for (let i = list.length - 1; i >= 0; i--) {
    const f = list[i];
    if (f.until <= now) {
      list.splice(i, 1);
      continue;
    }
    if (!refused && f.role === role && contains(f.resources, offered)) refused = true;
  }
  return refused;
}
