/**
 * The allocator: a self-contained policy object that decides which
 * framework is offered which agent's free resources. It does no I/O and
 * never calls the master; the master feeds it facts and asks it for the
 * next offers with {@link Allocator.allocate}.
 *
 * Every mutator is idempotent where stated and never throws on unknown ids
 * (it is a no-op), so a master racing with disconnections cannot crash it.
 */
import type { InsufficientResource, Resource } from '@meseta/proto/wire';

/** What the allocator knows of a framework. */
export interface AllocatorFramework {
  /** Roles the framework subscribes with (at least one). */
  roles: string[];
  /** Roles for which it wants no offers right now. */
  suppressedRoles?: string[];
  /** False while the framework is disconnected: it gets no offers. @default true */
  active?: boolean;
  /**
   * Per role, the smallest offers it wants (FrameworkInfo.offer_filters'
   * min_allocatable_resources): resources of an agent are offered for that
   * role only when they hold one of the entries. Roles without an entry get
   * the allocator-wide minimum. Replaced whole by an update.
   */
  minAllocatableResources?: ReadonlyMap<string, ReadonlyArray<ReadonlyMap<string, number>>>;
}

/** What the allocator knows of an agent. */
export interface AllocatorAgent {
  hostname: string;
  /** Everything the agent has, reservations included. */
  total: Resource[];
  /** Resources already in use, per framework id (tasks running on re-registration). */
  used?: Map<string, Resource[]>;
  /** False while disconnected or unreachable: its resources are not offered. @default true */
  active?: boolean;
}

/** One offer the allocator decided on: all of `resources` from one agent to one framework. */
export interface Allocation {
  frameworkId: string;
  agentId: string;
  /** The role the resources are allocated to. */
  role: string;
  resources: Resource[];
}

/**
 * When a sliced allocation pass should stop for now (see {@link Allocator.allocate}).
 * Asked after each agent the pass looked at; pure callers count, the master reads a clock.
 */
export interface PassBudget {
  /** True when the pass should return what it has and continue on the next call. */
  exhausted(): boolean;
}

/**
 * A decline filter: for a while, do not offer this framework, on this agent,
 * anything contained in the resources it refused (an offer holding more
 * goes through). Mesos's RefusedOfferFilter.
 */
export interface RefuseFilter {
  /**
   * Seconds from now; 0 or less (or NaN) sets no filter. Any size works: a
   * value too large to be a time (e.g. 1e300) lasts until the framework revives.
   */
  refuseSeconds: number;
}

/** Order in which clients (roles, or frameworks within a role) are served. */
export interface Sorter {
  /** Add a client; a no-op if it is already in the sort. */
  add(client: string, weight?: number): void;
  /** Remove a client; a no-op if it is not in the sort. */
  remove(client: string): void;
  /** Change a client's weight. */
  updateWeight(client: string, weight: number): void;
  /** Record that `resources` were allocated to (positive) or recovered from (negative) the client. */
  allocated(client: string, resources: ReadonlyMap<string, number>): void;
  unallocated(client: string, resources: ReadonlyMap<string, number>): void;
  /** Tell the sorter the cluster total, per resource name, that shares are computed against. */
  setTotal(total: ReadonlyMap<string, number>): void;
  /**
   * Clients in the order they should be served (lowest weighted dominant share first).
   * The order may be produced lazily: after changing the sorter (e.g. `allocated`),
   * call `sort()` again rather than going on with an earlier walk.
   */
  sort(): Iterable<string>;
  /** A client's weighted dominant share (0 when unknown). */
  share(client: string): number;
  /** What the client was told it holds, by name (read-only; empty when unknown). */
  allocation(client: string): ReadonlyMap<string, number>;
  /** Number of clients. */
  readonly size: number;
}

/** The allocator the master drives. */
export interface Allocator {
  addFramework(frameworkId: string, framework: AllocatorFramework): void;
  /** Removes the framework and forgets what it held (the master recovers its resources first). */
  removeFramework(frameworkId: string): void;
  activateFramework(frameworkId: string): void;
  deactivateFramework(frameworkId: string): void;
  /** Replace the roles / suppressed roles of a re-subscribing framework. */
  updateFramework(frameworkId: string, framework: AllocatorFramework): void;

  addAgent(agentId: string, agent: AllocatorAgent): void;
  removeAgent(agentId: string): void;
  activateAgent(agentId: string): void;
  deactivateAgent(agentId: string): void;

  /**
   * Resources go back to the agent's free pool: a declined or rescinded
   * offer, the unused part of an accepted one, or a finished task's.
   * With a filter, the framework is not offered, on that agent within
   * `refuseSeconds` (unless it revives), anything these resources contain.
   */
  recoverResources(frameworkId: string, agentId: string, resources: Resource[], filter?: RefuseFilter): void;

  /** Stop offering the framework resources for these roles (all its roles when empty). */
  suppressOffers(frameworkId: string, roles?: string[]): void;
  /** Clear all its filters and unsuppress these roles (all when empty). */
  reviveOffers(frameworkId: string, roles?: string[]): void;

  /** Set a role's weight (default 1). */
  updateWeight(role: string, weight: number): void;

  /**
   * Set a role's quota (guarantees and limits by resource name), or clear it
   * with undefined. Optional: an allocator without it has no quota.
   * @throws RangeError for a quota it cannot take (e.g. a guarantee above its limit)
   */
  updateQuota?(role: string, quota: { guarantees?: ReadonlyMap<string, number>; limits?: ReadonlyMap<string, number> } | undefined): void;

  /**
   * Apply RESERVE / UNRESERVE conversions to resources the framework holds
   * on the agent (an accepted offer): `consumed` (unallocated form) leaves
   * both the agent's total and the framework's holding, `converted` enters
   * both, allocated to `role`. Amounts by name do not change, so shares do
   * not. Returns false, changing nothing, when the holding or the total does
   * not contain `consumed` (the caller checked it against the offer).
   * Costs the size of the agent's resources, never a walk of the cluster.
   */
  updateAllocation?(frameworkId: string, agentId: string, role: string, conversion: { consumed: Resource[]; converted: Resource[] }): boolean;

  /**
   * Apply a conversion (an operator's RESERVE / UNRESERVE) to the agent's
   * free resources and total: `consumed` must be free (rescind offers
   * first). Returns what `consumed` lacks of the free pool (empty: applied),
   * or undefined for an unknown agent.
   */
  updateAvailable?(agentId: string, conversion: { consumed: Resource[]; converted: Resource[] }): InsufficientResource[] | undefined;

  /**
   * The quota limits that reserving more would pass (Mesos 1.9 counts
   * reservations toward quota): `reserved` by the role it is reserved to;
   * `heldBy`, for resources offered to a role (an ACCEPT's RESERVE), skips
   * the limits of that role's line, which counts them already. Each entry
   * names the role, the resource, what the role consumes, what is asked
   * and the limit; empty when it fits. Costs the roles' depth.
   */
  reserveProblems?(reserved: ReadonlyMap<string, ReadonlyMap<string, number>>, heldBy?: string): Array<{ role: string; resource: string; consumed: number; asked: number; limit: number }>;

  /** The agent's total as the allocator holds it (reservations included), or undefined for an unknown agent. */
  agentTotal?(agentId: string): Resource[] | undefined;

  /**
   * Run an allocation pass and return the offers to make. Only agents whose
   * free resources changed, frameworks that became eligible, and filters
   * that expired since the last pass are considered, so the cost grows with
   * what changed rather than with the cluster size. `now` is seconds since
   * the epoch (injectable clock).
   *
   * With a `budget`, the pass may stop early once the budget says so and
   * return the offers made so far; the next call continues the same pass
   * where it stopped (same order, same fairness) before starting a new one,
   * so offers of one pass may arrive over several calls. `passPending`
   * tells whether a pass was cut and waits to be continued.
   */
  allocate(now: number, budget?: PassBudget): Allocation[];

  /** True while a pass cut by its {@link PassBudget} waits to be continued by the next {@link allocate}. */
  readonly passPending?: boolean;

  /**
   * Seconds-since-epoch when the next filter expires (to schedule a pass), or
   * undefined. Filters that last until revive have no expiry.
   */
  nextFilterExpiry(): number | undefined;

  /**
   * Per resource name, the most that any one registered agent (active or
   * not) has in total for `role`: its unreserved resources plus those
   * reserved for the role. A request larger than this never fits. Kept as
   * agents are added and removed, so a call costs the number of resource
   * names, not agents. Ranges count their size and sets their items.
   */
  largestAgent(role: string): Map<string, number>;

  /** A framework's dominant share within its role(s), for the UI. */
  frameworkShare(frameworkId: string): number;
  /** A role's weighted dominant share, for the UI. */
  roleShare(role: string): number;
}
