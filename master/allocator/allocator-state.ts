/**
 * What the hierarchical allocator keeps per framework and per agent. Plain
 * records; the allocator owns and mutates them.
 */
import type { Resource } from '@meseta/proto/wire';
import { UNRESERVED_ROLE } from '@meseta/proto/resources';
import type { MinAllocatableByRole } from './min-allocatable';

/** A framework as the allocator sees it. */
export interface FrameworkState {
  readonly id: string;
  /** Roles it subscribes with. */
  roles: Set<string>;
  suppressed: Set<string>;
  active: boolean;
  /** Decline filters by agent id (a short list each: one per refusal no other one covers). */
  readonly filters: Map<string, RefusedFilter[]>;
  /** Its own minimum allocatable resources by role (min-allocatable.ts), if any. */
  minAllocatable: MinAllocatableByRole | undefined;
  /** What the sorters were told it holds, by role. */
  readonly allocatedByRole: Map<string, Map<string, number>>;
}

/** What one framework holds on one agent. */
export interface Holding {
  /** Stamped with `allocation_role` while tracked. */
  resources: Resource[];
  /** True while counted in the sorters (false while the framework is unknown). */
  tracked: boolean;
}

/** An agent as the allocator sees it. */
export interface AgentState {
  readonly id: string;
  readonly hostname: string;
  /** Replaced (never mutated in place) when a reservation converts part of it. */
  total: Resource[];
  readonly totalQuantities: Map<string, number>;
  /** Not offered and not in use; never carries `allocation_role`. */
  free: Resource[];
  /** `quantities(free)` when known (read-only: it may be shared with `totalQuantities`). */
  freeQuantities: Map<string, number> | undefined;
  active: boolean;
  readonly holdings: Map<string, Holding>;
}

/**
 * A decline filter, Mesos's RefusedOfferFilter: until `until`, the framework
 * is not offered, on that agent and for that role, anything these resources
 * contain. An offer holding more than was refused (something else was freed
 * on the agent) goes through.
 */
export interface RefusedFilter {
  readonly frameworkId: string;
  readonly agentId: string;
  /** The role the refused resources were allocated to. */
  readonly role: string;
  /** What was refused, unallocated and normalised. */
  readonly resources: Resource[];
  /** Seconds since the epoch when it ends; Infinity: until the framework revives. */
  readonly until: number;
}

/** The role a framework's unlabelled resources are counted under: its first role. */
export function firstRole(framework: FrameworkState): string {
  for (const role of framework.roles) return role;
  return UNRESERVED_ROLE;
}
