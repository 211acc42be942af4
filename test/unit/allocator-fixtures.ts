/** Shared set-up for the allocator tests: an allocator on a settable clock and compact offer summaries. */
import type { Allocation } from '../../master/allocator/allocator';
import { HierarchicalAllocator, type HierarchicalAllocatorOptions } from '../../master/allocator/hierarchical-allocator';
import { formatResources } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';

/** The test clock, seconds since the epoch. */
export const clock = { now: 1000 };

/** An allocator whose filters read {@link clock}. */
export function newAllocator(options: HierarchicalAllocatorOptions = {}): HierarchicalAllocator {
  clock.now = 1000;
  return new HierarchicalAllocator({ clock: () => clock.now, ...options });
}

/** Add agents `a1..aN`, each with `resources` (Mesos text form). */
export function addAgents(allocator: HierarchicalAllocator, count: number, resources = 'cpus:4;mem:4096'): void {
  for (let i = 1; i <= count; i++) allocator.addAgent(`a${i}`, { hostname: `host${i}`, total: parseResources(resources) });
}

/** `framework@agent` for each offer, in order. */
export function who(offers: Allocation[]): string[] {
  return offers.map((o) => `${o.frameworkId}@${o.agentId}`);
}

/** `framework@agent(role) resources` for each offer, in order. */
export function describeOffers(offers: Allocation[]): string[] {
  return offers.map((o) => `${o.frameworkId}@${o.agentId}(${o.role}) ${formatResources(o.resources)}`);
}

/** Run a pass at the clock's time. */
export function pass(allocator: HierarchicalAllocator): Allocation[] {
  return allocator.allocate(clock.now);
}
