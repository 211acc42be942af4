/**
 * What the hierarchical allocator keeps per framework and per agent. Plain
 * records; the allocator owns and mutates them.
 */
import type { Resource } from '../../proto/src/wire';
import { UNRESERVED_ROLE } from '../../proto/src/resources';

/** A framework as the allocator sees it. */
export interface FrameworkState {
  readonly id: string;
  /** Roles it subscribes with. */
  roles: Set<string>;
  suppressed: Set<string>;
  active: boolean;
  /** Decline filters: agent id → seconds-since-epoch when the filter ends. */
  readonly filters: Map<string, number>;
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
  readonly total: Resource[];
  readonly totalQuantities: Map<string, number>;
  /** Not offered and not in use; never carries `allocation_role`. */
  free: Resource[];
  /** `quantities(free)` when known (read-only: it may be shared with `totalQuantities`). */
  freeQuantities: Map<string, number> | undefined;
  active: boolean;
  readonly holdings: Map<string, Holding>;
}

/** One decline filter, as queued for expiry. */
export interface FilterKey {
  readonly frameworkId: string;
  readonly agentId: string;
  readonly at: number;
}

/** The role a framework's unlabelled resources are counted under: its first role. */
export function firstRole(framework: FrameworkState): string {
  for (const role of framework.roles) return role;
  return UNRESERVED_ROLE;
}
