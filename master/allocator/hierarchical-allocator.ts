/**
 * The hierarchical DRF allocator, after Mesos's: for each agent with free
 * resources, roles are walked in role-sorter order and the frameworks of a
 * role in framework-sorter order; the first framework that is active, not
 * suppressed for that role and not filtered gets all of the agent's free
 * resources that role may use (unreserved ones and those reserved for the
 * role). Shares are updated after every grant, so the next agent goes to
 * whoever is now furthest behind.
 *
 * Decline filters hold resources, not agents (refused-filters.ts): a
 * framework that refused some of an agent's resources is passed over for
 * that agent only while what the agent would offer it is contained in what
 * it refused.
 *
 * It is incremental. A pass visits only "dirty" agents: added, re-activated,
 * or with recovered resources. Agents left with free resources nobody could
 * take are "parked" and not visited again until something could change the
 * answer: a framework becoming eligible (added, activated, revived,
 * unsuppressed, new role) wakes every parked agent; an expiring decline
 * filter wakes its agent; recovered resources make their agent dirty, so a
 * larger offer than the one refused is looked at. Filter expiries sit in a
 * min-heap, so a pass where nothing changed costs O(1) whatever the cluster
 * size. The largest agent per resource and role (for "never fits" refusals)
 * is kept in {@link ClusterCapacity}, updated as agents come and go.
 */
import type { InsufficientResource, Resource } from '@meseta/proto/wire';
import { add, allocatableTo, allocate, contains, normalize, quantities, reservationRole, shortfalls, subtract, unallocate } from '@meseta/proto/resources';
import type { Allocation, Allocator, AllocatorAgent, AllocatorFramework, PassBudget, RefuseFilter, Sorter } from './allocator';
import { applyQuantities, checkWeight, dominantShare } from './dominant-share';
import { DrfSorter } from './drf-sorter';
import { RoleTreeSorter } from './role-tree-sorter';
import { MinHeap } from '@meseta/runtime/min-heap';
import { allAllocatable, copyResources, hasAllocatable, heldPart, intersection, isWholeHolding, quantitiesByRole, withAllocationRoles } from './held-resources';
import { firstRole, type AgentState, type FrameworkState, type RefusedFilter } from './allocator-state';
import { addFilter, filterUntil, isRefused } from './refused-filters';
import { ClusterCapacity } from './cluster-capacity';
import { tighten, withinCaps, type RoleQuota } from './quota';
import { QuotaTree, type LimitRefusal } from './quota-tree';
import { reservedByRole, reservedQuantities, unreservedQuantities } from './reserved-quantities';
import type { Quantities } from './dominant-share';
import { isAllocatable, sameMinAllocatable, type MinAllocatable } from './min-allocatable';

/** Options of {@link HierarchicalAllocator}. */
export interface HierarchicalAllocatorOptions {
  /** Makes the sorter that orders roles. @default DRF along the role tree ({@link RoleTreeSorter}) */
  roleSorter?: () => Sorter;
  /** Makes the sorter that orders the frameworks of one role (one per role). @default DRF */
  frameworkSorter?: () => Sorter;
  /** Seconds since the epoch, for decline filters' expiry. @default Date.now() / 1000 */
  clock?: () => number;
  /**
   * The allocator-wide minimum allocatable resources (Mesos's
   * `--min_allocatable_resources`): alternatives, one of which an offer must
   * hold, for frameworks without their own entry for the role. @default none (anything is offered)
   */
  minAllocatableResources?: MinAllocatable;
}

/** The default {@link Allocator}: hierarchical weighted DRF, incremental. */
export class HierarchicalAllocator implements Allocator {
  private readonly frameworks = new Map<string, FrameworkState>();
  private readonly agents = new Map<string, AgentState>();
  /** Framework id → agents where it holds something not counted in the sorters (it is unknown or was removed). */
  private readonly untrackedHolders = new Map<string, Set<string>>();
  private readonly roleSorter: Sorter;
  private readonly frameworkSorters = new Map<string, Sorter>();
  private readonly makeFrameworkSorter: () => Sorter;
  private readonly roleWeights = new Map<string, number>();
  private readonly clock: () => number;
  private readonly minAllocatable: MinAllocatable | undefined;
  private readonly clusterTotal = new Map<string, number>();
  private totalChanged = false;
  /** Agents to visit in the next pass. */
  private dirty = new Set<AgentState>();
  /** The agents a pass cut by its budget has not looked at yet (the rest of the dirty set it took), in its order. */
  private pending: Iterator<AgentState> | undefined;
  /** Active agents with free resources nobody could take; woken by eligibility changes. */
  private readonly parked = new Set<AgentState>();
  private readonly filterExpiries = new MinHeap<RefusedFilter>();
  private readonly capacity = new ClusterCapacity();
  private visited = 0;
  /** A guarantee got resources this pass: agents held back for headroom may be given away next pass. */
  private guaranteeGranted = false;
  /** Quotas along the role tree and what each role's subtree consumes (allocated unreserved plus reserved). */
  private readonly quota = new QuotaTree();
  /** Unreserved resources every role holds together, by resource name. */
  private readonly totalAllocated = new Map<string, number>();
  /** Reserved resources of the active agents, by resource name (not free for the headroom). */
  private readonly activeReserved = new Map<string, number>();
  /** Reserved resources held by frameworks, by resource name. */
  private readonly allocatedReserved = new Map<string, number>();

  constructor(options: HierarchicalAllocatorOptions = {}) {
    this.roleSorter = (options.roleSorter ?? (() => new RoleTreeSorter()))();
    this.makeFrameworkSorter = options.frameworkSorter ?? (() => new DrfSorter());
    this.clock = options.clock ?? (() => Date.now() / 1000);
    this.minAllocatable = options.minAllocatableResources;
  }

  /** How many agents the last {@link allocate} call looked at (one slice of a cut pass; for tests and benchmarks). */
  get lastPassVisitedAgents(): number {
    return this.visited;
  }

  /** Agents waiting for the next pass (not those a cut pass has still to look at). */
  get dirtyAgentCount(): number {
    return this.dirty.size;
  }

  /** Adding a known id applies it as {@link updateFramework}. */
  addFramework(frameworkId: string, framework: AllocatorFramework): void {
    if (this.frameworks.has(frameworkId)) {
      this.updateFramework(frameworkId, framework);
      return;
    }
    const state: FrameworkState = {
      id: frameworkId,
      roles: new Set(framework.roles),
      suppressed: new Set(framework.suppressedRoles ?? []),
      active: framework.active ?? true,
      minAllocatable: framework.minAllocatableResources,
      filters: new Map(),
      allocatedByRole: new Map(),
    };
    this.frameworks.set(frameworkId, state);
    for (const role of state.roles) this.joinRole(frameworkId, role);
    for (const agentId of this.untrackedHolders.get(frameworkId) ?? []) {
      const agent = this.agents.get(agentId);
      if (agent) this.trackHolding(state, agent);
    }
    if (state.active) this.wakeParked();
  }

  /** Forgets the framework; anything it still holds stays off the free pools until recovered or the agent goes. */
  removeFramework(frameworkId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return;
    for (const [role, ledger] of framework.allocatedByRole) this.roleSorter.unallocated(role, ledger);
    const roles = new Set([...framework.roles, ...framework.allocatedByRole.keys()]);
    framework.allocatedByRole.clear();
    for (const role of roles) this.leaveRole(frameworkId, role);
    // Rare enough to scan every agent, which keeps the grant path free of a per-framework index.
    for (const agent of this.agents.values()) {
      const holding = agent.holdings.get(frameworkId);
      if (!holding) continue;
      holding.tracked = false;
      this.untrackedHoldersOf(frameworkId).add(agent.id);
    }
    this.frameworks.delete(frameworkId);
  }

  activateFramework(frameworkId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework || framework.active) return;
    framework.active = true;
    this.wakeParked();
  }

  deactivateFramework(frameworkId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (framework) framework.active = false;
  }

  /** Replaces roles and suppressed roles; `active`, when given, is applied too. */
  updateFramework(frameworkId: string, update: AllocatorFramework): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return;
    let eligibleMore = false;
    const roles = new Set(update.roles);
    for (const role of framework.roles) {
      if (roles.has(role)) continue;
      framework.roles.delete(role);
      if (!framework.allocatedByRole.has(role)) this.leaveRole(frameworkId, role);
    }
    for (const role of roles) {
      if (framework.roles.has(role)) continue;
      framework.roles.add(role);
      this.joinRole(frameworkId, role);
      eligibleMore = true;
    }
    const suppressed = new Set(update.suppressedRoles ?? []);
    for (const role of framework.suppressed) if (!suppressed.has(role)) eligibleMore = true;
    if (!sameMinAllocatable(framework.minAllocatable, update.minAllocatableResources)) {
      // A lower minimum may let it take what was left over: look at parked agents again.
      framework.minAllocatable = update.minAllocatableResources;
      eligibleMore = true;
    }
    framework.suppressed = suppressed;
    if (update.active !== undefined && update.active !== framework.active) {
      framework.active = update.active;
      if (update.active) eligibleMore = true;
    }
    if (eligibleMore && framework.active) this.wakeParked();
  }

  /** Adding a known id replaces that agent. */
  addAgent(agentId: string, agent: AllocatorAgent): void {
    if (this.agents.has(agentId)) this.removeAgent(agentId);
    const total = normalize(agent.total.some((r) => r.allocation_role) ? unallocate(agent.total) : agent.total);
    const state: AgentState = {
      id: agentId,
      hostname: agent.hostname,
      total,
      totalQuantities: quantities(total),
      free: total,
      freeQuantities: undefined,
      active: agent.active ?? true,
      holdings: new Map(),
    };
    const inUse: Resource[] = [];
    for (const [frameworkId, used] of agent.used ?? []) {
      const held = normalize(used);
      if (held.length === 0) continue;
      state.holdings.set(frameworkId, { resources: held, tracked: false });
      this.untrackedHoldersOf(frameworkId).add(agentId);
      inUse.push(...held);
    }
    // Fresh objects either way: `free` never shares entries with `total` (grants stamp them in place).
    state.free = inUse.length > 0 ? subtract(total, unallocate(inUse)) : copyResources(total, '');
    state.freeQuantities = inUse.length === 0 ? state.totalQuantities : undefined;
    this.agents.set(agentId, state);
    this.capacity.add(agentId, total);
    this.reserve(total, true, state.active, 1);
    for (const frameworkId of state.holdings.keys()) {
      const framework = this.frameworks.get(frameworkId);
      if (framework) this.trackHolding(framework, state);
    }
    if (state.active) {
      this.changeTotal(state.totalQuantities, 1);
      if (state.free.length > 0) this.dirty.add(state);
    }
  }

  removeAgent(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent) return;
    if (agent.active) this.changeTotal(agent.totalQuantities, -1);
    this.reserve(agent.total, true, agent.active, -1);
    for (const [frameworkId, holding] of agent.holdings) {
      const framework = this.frameworks.get(frameworkId);
      if (framework && holding.tracked) this.untrackAll(framework, holding.resources);
      if (!holding.tracked) this.dropUntrackedHolder(frameworkId, agentId);
    }
    for (const framework of this.frameworks.values()) framework.filters.delete(agentId);
    this.dirty.delete(agent);
    this.parked.delete(agent);
    this.agents.delete(agentId);
    this.capacity.remove(agentId);
  }

  activateAgent(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.active) return;
    agent.active = true;
    this.changeTotal(agent.totalQuantities, 1);
    this.reserve(agent.total, false, true, 1);
    if (agent.free.length > 0) this.dirty.add(agent);
  }

  deactivateAgent(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent || !agent.active) return;
    agent.active = false;
    this.changeTotal(agent.totalQuantities, -1);
    this.reserve(agent.total, false, true, -1);
    this.dirty.delete(agent);
    this.parked.delete(agent);
  }

  /**
   * Only what the framework holds on the agent comes back (anything else in
   * `resources` is ignored). Resources without `allocation_role`, or with a
   * role they are not held under, are matched to the role they were held
   * under. Works for a removed framework too.
   */
  recoverResources(frameworkId: string, agentId: string, resources: Resource[], filter?: RefuseFilter): void {
    const agent = this.agents.get(agentId);
    const holding = agent?.holdings.get(frameworkId);
    if (!agent || !holding) return;
    const framework = this.frameworks.get(frameworkId);
    if (framework && holding.tracked && isWholeHolding(resources, holding.resources)) {
      this.recoverWholeHolding(framework, agent, holding.resources, filter);
      return;
    }
    let returned: Resource[];
    if (framework && holding.tracked) {
      const wanted = withAllocationRoles(resources, holding.resources, firstRole(framework));
      returned = heldPart(holding.resources, wanted);
      if (returned.length > 0) {
        holding.resources = subtract(holding.resources, returned);
        this.untrackAll(framework, returned);
      }
    } else {
      const held = unallocate(holding.resources);
      returned = intersection(held, unallocate(resources));
      if (returned.length > 0) holding.resources = subtract(held, returned);
    }
    if (holding.resources.length === 0) {
      agent.holdings.delete(frameworkId);
      if (!holding.tracked) this.dropUntrackedHolder(frameworkId, agentId);
    }
    if (framework && filter) this.addFilters(framework, agentId, resources, holding.resources, filter);
    if (returned.length === 0) return;
    agent.free = add(agent.free, unallocate(returned));
    agent.freeQuantities = undefined;
    this.parked.delete(agent);
    if (agent.active) this.dirty.add(agent);
  }

  /**
   * {@link recoverResources} of everything the framework holds on the agent,
   * given back as it was held (a declined offer, the usual case): no
   * matching of kinds, no re-normalising; one filter for its one role.
   */
  private recoverWholeHolding(framework: FrameworkState, agent: AgentState, returned: Resource[], filter: RefuseFilter | undefined): void {
    agent.holdings.delete(framework.id);
    this.untrackAll(framework, returned);
    if (filter) {
      const until = filterUntil(this.clock(), filter.refuseSeconds);
      // Copies without a role (as `unallocate` gives, without deleting a property: objects keep their fast shape).
      if (until !== undefined) this.addFilterEntry(framework, agent.id, returned[0].allocation_role as string, copyResources(returned), until);
    }
    // `returned` is normalised (a holding), so its copies are a normalised free pool as they are.
    const unallocated = copyResources(returned, '');
    agent.free = agent.free.length === 0 ? unallocated : add(agent.free, unallocated);
    agent.freeQuantities = undefined;
    this.parked.delete(agent);
    if (agent.active) this.dirty.add(agent);
  }

  /** See {@link Allocator.updateAllocation}. */
  updateAllocation(frameworkId: string, agentId: string, role: string, conversion: { consumed: Resource[]; converted: Resource[] }): boolean {
    const agent = this.agents.get(agentId);
    const holding = agent?.holdings.get(frameworkId);
    if (!agent || !holding) return false;
    const consumed = normalize(conversion.consumed);
    const converted = normalize(conversion.converted);
    const consumedHeld = holding.tracked ? allocate(consumed, role) : consumed;
    const held = holding.tracked ? holding.resources : unallocate(holding.resources);
    if (!contains(held, consumedHeld) || !contains(agent.total, consumed)) return false;
    holding.resources = add(subtract(held, consumedHeld), holding.tracked ? allocate(converted, role) : converted);
    if (holding.tracked) {
      // Unreserved resources the framework held turned reserved (or back): quota counts them as reservations now.
      this.consume(role, quantities(consumed), consumed, -1);
      this.consume(role, quantities(converted), converted, 1);
    }
    this.convertTotal(agent, consumed, converted);
    return true;
  }

  /** See {@link Allocator.updateAvailable}. */
  updateAvailable(agentId: string, conversion: { consumed: Resource[]; converted: Resource[] }): InsufficientResource[] | undefined {
    const agent = this.agents.get(agentId);
    if (!agent) return undefined;
    const consumed = normalize(conversion.consumed);
    const converted = normalize(conversion.converted);
    const missing = shortfalls(agent.free, consumed);
    if (missing.length > 0) return missing;
    agent.free = copyResources(add(subtract(agent.free, consumed), converted), '');
    agent.freeQuantities = undefined;
    this.convertTotal(agent, consumed, converted);
    this.parked.delete(agent);
    if (agent.active) this.dirty.add(agent);
    return [];
  }

  /** See {@link Allocator.agentTotal}. */
  agentTotal(agentId: string): Resource[] | undefined {
    return this.agents.get(agentId)?.total;
  }

  /** The agent's total after a conversion; amounts by name are unchanged, so only the per-role capacity is recounted. */
  private convertTotal(agent: AgentState, consumed: Resource[], converted: Resource[]): void {
    this.reserve(agent.total, true, agent.active, -1);
    agent.total = add(subtract(agent.total, consumed), converted);
    this.reserve(agent.total, true, agent.active, 1);
    this.capacity.add(agent.id, agent.total);
  }

  suppressOffers(frameworkId: string, roles?: string[]): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return;
    for (const role of roles && roles.length > 0 ? roles : framework.roles) framework.suppressed.add(role);
  }

  reviveOffers(frameworkId: string, roles?: string[]): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return;
    let changed = framework.filters.size > 0;
    framework.filters.clear();
    for (const role of roles && roles.length > 0 ? roles : [...framework.suppressed]) {
      if (framework.suppressed.delete(role)) changed = true;
    }
    if (changed && framework.active) this.wakeParked();
  }

  /** Throws a RangeError unless the weight is a finite number above zero. */
  updateWeight(role: string, weight: number): void {
    checkWeight(weight);
    this.roleWeights.set(role, weight);
    this.roleSorter.updateWeight(role, weight);
  }

  /**
   * Set a role's quota (Mesos 1.9 semantics), or clear it with undefined.
   * Guarantees: while the role holds less than a guaranteed quantity, it is
   * offered first (before DRF order) up to what it lacks, and other roles'
   * offers leave enough free in the cluster to cover it. Limits: the role's
   * allocation plus what it is offered never goes past them (offers are cut
   * down; a range or set resource that does not fit is left out).
   * @throws RangeError naming the role, the resource and the value
   */
  updateQuota(role: string, quota: { guarantees?: Quantities; limits?: Quantities } | undefined): void {
    this.quota.set(role, quota);
    // More (or less) may be offered now: look at every parked agent again.
    this.wakeParked();
  }

  /** A role's quota, if set. */
  quotaOf(role: string): RoleQuota | undefined {
    return this.quota.get(role);
  }

  /**
   * A role's consumed quota, by resource name: what its subtree's frameworks
   * hold of unreserved resources plus everything reserved to its subtree on
   * registered agents, allocated or not (Mesos 1.9).
   */
  consumedBy(role: string): ReadonlyMap<string, number> {
    return this.quota.consumedBy(role);
  }

  /** See {@link Allocator.reserveProblems}. */
  reserveProblems(reserved: ReadonlyMap<string, Quantities>, heldBy?: string): LimitRefusal[] {
    return this.quota.pastLimits(reserved, heldBy);
  }

  /** True while a pass cut by its budget waits to be continued (see {@link allocate}). */
  get passPending(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Run a pass, or continue the one a `budget` cut. A cut pass goes on with
   * the agents it had not looked at yet, in the order it would have, before
   * a new pass takes the agents made dirty meanwhile; agents removed or
   * deactivated between the calls are passed over.
   */
  allocate(now: number, budget?: PassBudget): Allocation[] {
    this.publishTotal();
    this.expireFilters(now);
    const offers: Allocation[] = [];
    if (this.pending === undefined) {
      if (this.dirty.size === 0) {
        this.visited = 0;
        return offers;
      }
      this.pending = this.dirty.values();
      this.dirty = new Set();
    }
    this.visited = this.visitPending(this.pending, now, offers, budget);
    return offers;
  }

  /** Visit the pass's agents not yet looked at until the budget runs out; returns how many were looked at. */
  private visitPending(agents: Iterator<AgentState>, now: number, offers: Allocation[], budget: PassBudget | undefined): number {
    let visited = 0;
    for (let next = agents.next(); next.done !== true; next = agents.next()) {
      const agent = next.value;
      // Deactivated, removed (or replaced) since the pass began: nothing of it to offer.
      if (!agent.active || this.agents.get(agent.id) !== agent) continue;
      visited++;
      if (agent.free.length > 0) {
        this.allocateAgent(agent, now, offers);
        if (agent.free.length > 0) this.parked.add(agent);
      }
      if (budget !== undefined && budget.exhausted()) return visited;
    }
    this.pending = undefined;
    if (this.guaranteeGranted) {
      this.guaranteeGranted = false;
      this.wakeParked();
    }
    return visited;
  }

  nextFilterExpiry(): number | undefined {
    for (;;) {
      const next = this.filterExpiries.peek();
      if (next === undefined || this.isCurrentFilter(next)) return next?.until;
      this.filterExpiries.pop();
    }
  }

  /** Per resource name, the most one agent usable by `role` has in total (unreserved plus the role's reservations). */
  largestAgent(role: string): Map<string, number> {
    return this.capacity.largest(role);
  }

  /** Its dominant share of the cluster, all its roles together (unweighted). */
  frameworkShare(frameworkId: string): number {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return 0;
    const held = new Map<string, number>();
    for (const ledger of framework.allocatedByRole.values()) applyQuantities(held, ledger, 1);
    return dominantShare(held, this.clusterTotal, 1);
  }

  roleShare(role: string): number {
    this.publishTotal();
    return this.roleSorter.share(role);
  }

  /** Give the agent's free resources away, one grant per role at most. */
  private allocateAgent(agent: AgentState, now: number, offers: Allocation[]): void {
    if (this.quota.size > 0) {
      this.allocateUnderQuota(agent, now, offers);
      return;
    }
    let tried: string[] | undefined;
    for (;;) {
      let granted = false;
      for (const role of this.roleSorter.sort()) {
        if (tried !== undefined && tried.includes(role)) continue;
        if (!hasAllocatable(agent.free, role)) continue;
        (tried ??= []).push(role);
        const winner = this.firstEligible(role, agent, now);
        if (winner) {
          // The sorters change with the grant, so the walk starts over.
          this.grant(agent, winner, role, offers);
          granted = true;
          break;
        }
      }
      if (!granted || agent.free.length === 0) return;
    }
  }

  /**
   * The two stages of Mesos 1.9's quota allocation on one agent. Stage 1:
   * roles below a guarantee, in DRF order, each offered what it lacks of its
   * guaranteed resources (and of the others what leaves room for everyone's
   * unmet guarantees). Stage 2: every role in DRF order, each offer cut to
   * its limits and to what leaves room for other roles' unmet guarantees.
   */
  private allocateUnderQuota(agent: AgentState, now: number, offers: Allocation[]): void {
    for (const stage of [1, 2] as const) {
      if (stage === 1 && !this.quota.anyLacking()) continue;
      const tried: string[] = [];
      for (;;) {
        let granted = false;
        for (const role of this.roleSorter.sort()) {
          if (tried.includes(role) || !hasAllocatable(agent.free, role)) continue;
          const offer = stage === 1 ? this.guaranteedOffer(role, agent) : this.cappedOffer(role, agent);
          if (offer === undefined) continue;
          tried.push(role);
          if (offer.length === 0) continue;
          const winner = this.firstEligible(role, agent, now, offer);
          if (!winner) continue;
          this.grantPart(agent, winner, role, offer, offers);
          if (stage === 1) this.guaranteeGranted = true;
          granted = true;
          break;
        }
        if (!granted || agent.free.length === 0) break;
      }
      if (agent.free.length === 0) return;
    }
  }

  /**
   * Stage 1's offer to `role`: undefined when neither it nor an ancestor
   * lacks a guarantee. Of the names lacking, up to the most any role on its
   * line lacks; of the others, what leaves room for the other guarantees;
   * all within the limits along its line. Reserved resources are not cut.
   */
  private guaranteedOffer(role: string, agent: AgentState): Resource[] | undefined {
    const lacking = this.quota.lackOnLine(role);
    if (lacking === undefined) return undefined;
    if (this.fitsWhole(role, agent, lacking)) return agent.free;
    const others = this.headroomCaps(role);
    for (const name of lacking.keys()) others.delete(name);
    const room = this.quota.limitRoomOnLine(role);
    // `lacking`, `others` and `room` are fresh maps of ours: narrowed in place.
    const caps = tighten(tighten(lacking, others), room ?? EMPTY);
    const offer = withinCaps(allocatableTo(agent.free, role), caps);
    // Only worth it when it brings some unreserved part of what the line lacks.
    return offer.some((r) => lacking.has(r.name ?? '') && (r.reservations?.length ?? 0) === 0) ? offer : [];
  }

  /** Stage 2's offer to `role`: the agent's resources it may use, within the limits along its line and others' headroom. */
  private cappedOffer(role: string, agent: AgentState): Resource[] {
    if (this.fitsWhole(role, agent, undefined)) return agent.free;
    const room = this.quota.limitRoomOnLine(role);
    const headroom = this.headroomCaps(role);
    const caps = room === undefined ? headroom : tighten(room, headroom);
    const available = allocatableTo(agent.free, role);
    return caps.size === 0 ? available : withinCaps(available, caps);
  }

  /**
   * True when all of the agent's free resources, none reserved, may go to
   * `role` uncut: within the limits on its line and the headroom, and in
   * stage 1 (`lacking` given) within what the line lacks and holding some of
   * it. The offer is then the free list itself and takes the in-place grant;
   * the check allocates nothing on the usual path.
   */
  private fitsWhole(role: string, agent: AgentState, lacking: Map<string, number> | undefined): boolean {
    const free = agent.free;
    for (let i = 0; i < free.length; i++) if ((free[i].reservations?.length ?? 0) > 0) return false;
    const amounts = (agent.freeQuantities ??= quantities(free));
    if (!this.quota.fitsLimits(role, amounts)) return false;
    if (lacking !== undefined) {
      let brings = false;
      for (const [name, lack] of lacking) {
        const amount = amounts.get(name) ?? 0;
        if (amount > lack) return false;
        if (amount > 0) brings = true;
      }
      if (!brings) return false;
    }
    const required = this.quota.requiredHeadroom();
    if (required.size === 0) return true;
    let own: Map<string, number> | undefined | null = null;
    for (const [name, needed] of required) {
      const amount = amounts.get(name) ?? 0;
      if (amount <= 0 || lacking?.has(name)) continue;
      if (own === null) own = this.quota.headroomLack(role);
      const others = needed - (own?.get(name) ?? 0);
      if (others > 0 && amount > this.freeUnreserved(name) - others) return false;
    }
    return true;
  }

  /**
   * How much unreserved of each resource `role` may still be given: what is
   * free and unreserved in the cluster less what guarantees other than those
   * a grant to `role` fills still lack (only names some guarantee lacks are
   * capped).
   */
  private headroomCaps(role: string): Map<string, number> {
    const required = this.quota.requiredHeadroom();
    const caps = new Map<string, number>();
    if (required.size === 0) return caps;
    const ownLack = this.quota.headroomLack(role);
    for (const [name, amount] of required) {
      const others = amount - (ownLack?.get(name) ?? 0);
      if (others <= 0) continue;
      caps.set(name, Math.max(0, this.freeUnreserved(name) - others));
    }
    return caps;
  }

  /** Unreserved `name` on active agents that nobody holds. */
  private freeUnreserved(name: string): number {
    const reservedFree = (this.activeReserved.get(name) ?? 0) - (this.allocatedReserved.get(name) ?? 0);
    return (this.clusterTotal.get(name) ?? 0) - (this.totalAllocated.get(name) ?? 0) - Math.max(0, reservedFree);
  }

  /** Grant part of the agent's free resources (`given`, within `agent.free`); merged into this pass's offer to the same framework there. */
  private grantPart(agent: AgentState, framework: FrameworkState, role: string, given: Resource[], offers: Allocation[]): void {
    const last = offers[offers.length - 1];
    if ((last === undefined || last.agentId !== agent.id) && given.length === agent.free.length && given.every((r, i) => r === agent.free[i]) && allAllocatable(agent.free, role)) {
      // Nothing was cut and nothing was offered from this agent yet: the plain grant, in place.
      this.grant(agent, framework, role, offers);
      return;
    }
    const part = normalize(copyResources(given, ''));
    agent.free = subtract(agent.free, part);
    agent.freeQuantities = undefined;
    const held = copyResources(part, role);
    const holding = agent.holdings.get(framework.id);
    if (holding) holding.resources = add(holding.resources, held);
    else agent.holdings.set(framework.id, { resources: held, tracked: true });
    this.track(framework, role, quantities(part), part);
    for (let i = offers.length - 1; i >= 0 && offers[i].agentId === agent.id; i--) {
      const earlier = offers[i];
      if (earlier.frameworkId !== framework.id || earlier.role !== role) continue;
      earlier.resources = add(earlier.resources, copyResources(part, role));
      return;
    }
    offers.push({ frameworkId: framework.id, agentId: agent.id, role, resources: copyResources(part, role) });
  }

  /**
   * The first framework of the role, in sorter order, that may be offered
   * the agent's resources for the role (`cut`: the quota path's offer, when
   * it is less than all of them): active, not suppressed, not filtered, and
   * the offer holds its minimum allocatable resources.
   */
  private firstEligible(role: string, agent: AgentState, now: number, cut?: Resource[]): FrameworkState | undefined {
    const sorter = this.frameworkSorters.get(role);
    if (!sorter) return undefined;
    let offered: Resource[] | undefined;
    let amounts: Quantities | undefined;
    for (const frameworkId of sorter.sort()) {
      const framework = this.frameworks.get(frameworkId);
      if (!framework || !framework.active || !framework.roles.has(role) || framework.suppressed.has(role)) continue;
      if (framework.minAllocatable !== undefined || this.minAllocatable !== undefined) {
        amounts ??= this.offerAmounts(agent, role, cut);
        if (!isAllocatable(amounts, role, framework.minAllocatable, this.minAllocatable)) continue;
      }
      if (framework.filters.size > 0) {
        const filters = framework.filters.get(agent.id);
        if (filters !== undefined) {
          // What grant() would offer this role: compared only when a filter exists.
          offered ??= allAllocatable(agent.free, role) ? agent.free : allocatableTo(agent.free, role);
          const refused = isRefused(filters, role, offered, now);
          if (filters.length === 0) framework.filters.delete(agent.id);
          if (refused) continue;
        }
      }
      return framework;
    }
    return undefined;
  }

  /** Quantities of what the role would be offered on the agent (`cut`, else all it may use there). */
  private offerAmounts(agent: AgentState, role: string, cut: Resource[] | undefined): Quantities {
    if (cut !== undefined) return quantities(cut);
    if (allAllocatable(agent.free, role)) return agent.freeQuantities ?? quantities(agent.free);
    return quantities(allocatableTo(agent.free, role));
  }

  /** Filter what was refused, one filter per role it was allocated to. */
  private addFilters(framework: FrameworkState, agentId: string, refused: Resource[], held: Resource[], filter: RefuseFilter): void {
    const until = filterUntil(this.clock(), filter.refuseSeconds);
    if (until === undefined) return;
    const labelled = withAllocationRoles(refused, held, firstRole(framework));
    for (const role of new Set(labelled.map((r) => r.allocation_role ?? ''))) {
      const resources = normalize(unallocate(labelled.filter((r) => (r.allocation_role ?? '') === role)));
      this.addFilterEntry(framework, agentId, role, resources, until);
    }
  }

  /** Filter `resources` (normalised, unallocated) for `role` on the agent until `until`. */
  private addFilterEntry(framework: FrameworkState, agentId: string, role: string, resources: Resource[], until: number): void {
    let list = framework.filters.get(agentId);
    if (!list) {
      list = [];
      framework.filters.set(agentId, list);
    }
    const entry: RefusedFilter = { frameworkId: framework.id, agentId, role, resources, until };
    if (addFilter(list, entry) && until !== Infinity) this.filterExpiries.push(until, entry);
    if (list.length === 0) framework.filters.delete(agentId);
  }

  private grant(agent: AgentState, framework: FrameworkState, role: string, offers: Allocation[]): void {
    const all = allAllocatable(agent.free, role);
    const given = all ? agent.free : allocatableTo(agent.free, role);
    const amounts = (all ? agent.freeQuantities : undefined) ?? quantities(given);
    agent.free = all ? [] : agent.free.filter((r) => !given.includes(r));
    agent.freeQuantities = undefined;
    const offered = copyResources(given, role);
    // `given` entries came out of the free pool and belong to no one else: stamp them in place.
    for (const resource of given) resource.allocation_role = role;
    const holding = agent.holdings.get(framework.id);
    if (holding) holding.resources = add(holding.resources, given);
    else agent.holdings.set(framework.id, { resources: given, tracked: true });
    this.track(framework, role, amounts, given);
    offers.push({ frameworkId: framework.id, agentId: agent.id, role, resources: offered });
  }

  /** Count a holding found at agent registration (or kept across framework removal) in the sorters. */
  private trackHolding(framework: FrameworkState, agent: AgentState): void {
    const holding = agent.holdings.get(framework.id);
    if (!holding || holding.tracked) return;
    holding.resources = normalize(withAllocationRoles(holding.resources, [], firstRole(framework)));
    holding.tracked = true;
    this.dropUntrackedHolder(framework.id, agent.id);
    for (const [role, amounts] of quantitiesByRole(holding.resources)) this.track(framework, role, amounts, holding.resources.filter((r) => (r.allocation_role || reservationRole(r)) === role));
  }

  /** Count a grant of `resources` (whose quantities are `amounts`) to the framework under `role`. */
  private track(framework: FrameworkState, role: string, amounts: Map<string, number>, resources: readonly Resource[]): void {
    let ledger = framework.allocatedByRole.get(role);
    if (!ledger) {
      ledger = new Map();
      framework.allocatedByRole.set(role, ledger);
      this.joinRole(framework.id, role);
    }
    applyQuantities(ledger, amounts, 1);
    this.consume(role, amounts, resources, 1);
    this.frameworkSorters.get(role)?.allocated(framework.id, amounts);
    this.roleSorter.allocated(role, amounts);
  }

  private untrackAll(framework: FrameworkState, resources: readonly Resource[]): void {
    for (const [role, amounts] of quantitiesByRole(resources)) {
      const ledger = framework.allocatedByRole.get(role);
      if (!ledger) continue;
      applyQuantities(ledger, amounts, -1);
      this.consume(role, amounts, resources.filter((r) => (r.allocation_role || reservationRole(r)) === role), -1);
      this.frameworkSorters.get(role)?.unallocated(framework.id, amounts);
      this.roleSorter.unallocated(role, amounts);
      if (ledger.size > 0) continue;
      framework.allocatedByRole.delete(role);
      if (!framework.roles.has(role)) this.leaveRole(framework.id, role);
    }
  }

  /**
   * What a grant or recovery changes of quota consumption: only unreserved
   * resources count as allocated (reserved ones count as reservations,
   * allocated or not: see {@link reserve}).
   */
  private consume(role: string, amounts: Quantities, resources: readonly Resource[], sign: 1 | -1): void {
    let unreserved = amounts;
    if (resources.some((r) => (r.reservations?.length ?? 0) > 0)) {
      unreserved = unreservedQuantities(resources);
      applyQuantities(this.allocatedReserved, reservedQuantities(resources), sign);
    }
    this.quota.consume(role, unreserved, sign);
    applyQuantities(this.totalAllocated, unreserved, sign);
  }

  /**
   * Count (`sign` 1) or stop counting (-1) the reservations in an agent's
   * total: toward their roles' quota when `quota` (every registered agent's),
   * as not free for the headroom when `active` (active agents' only).
   */
  private reserve(total: readonly Resource[], quota: boolean, active: boolean, sign: 1 | -1): void {
    if (!total.some((r) => (r.reservations?.length ?? 0) > 0)) return;
    for (const [role, amounts] of reservedByRole(total)) {
      if (quota) this.quota.consume(role, amounts, sign);
      if (active) applyQuantities(this.activeReserved, amounts, sign);
    }
  }

  private joinRole(frameworkId: string, role: string): void {
    let sorter = this.frameworkSorters.get(role);
    if (!sorter) {
      sorter = this.makeFrameworkSorter();
      sorter.setTotal(this.clusterTotal);
      this.frameworkSorters.set(role, sorter);
      this.roleSorter.add(role, this.roleWeights.get(role) ?? 1);
    }
    sorter.add(frameworkId);
  }

  private leaveRole(frameworkId: string, role: string): void {
    const sorter = this.frameworkSorters.get(role);
    if (!sorter) return;
    sorter.remove(frameworkId);
    if (sorter.size > 0) return;
    this.frameworkSorters.delete(role);
    this.roleSorter.remove(role);
  }

  private untrackedHoldersOf(frameworkId: string): Set<string> {
    let agents = this.untrackedHolders.get(frameworkId);
    if (!agents) {
      agents = new Set();
      this.untrackedHolders.set(frameworkId, agents);
    }
    return agents;
  }

  private dropUntrackedHolder(frameworkId: string, agentId: string): void {
    const agents = this.untrackedHolders.get(frameworkId);
    if (!agents) return;
    agents.delete(agentId);
    if (agents.size === 0) this.untrackedHolders.delete(frameworkId);
  }

  private wakeParked(): void {
    for (const agent of this.parked) this.dirty.add(agent);
    this.parked.clear();
  }

  private changeTotal(amounts: Map<string, number>, sign: 1 | -1): void {
    applyQuantities(this.clusterTotal, amounts, sign);
    this.totalChanged = true;
  }

  /** Tell the sorters the cluster total once per pass, not once per agent change. */
  private publishTotal(): void {
    if (!this.totalChanged) return;
    this.totalChanged = false;
    this.roleSorter.setTotal(this.clusterTotal);
    for (const sorter of this.frameworkSorters.values()) sorter.setTotal(this.clusterTotal);
  }

  private isCurrentFilter(filter: RefusedFilter): boolean {
    return this.frameworks.get(filter.frameworkId)?.filters.get(filter.agentId)?.includes(filter) === true;
  }

  /** Drop filters that ended by `now` and wake their agents if they were parked. */
  private expireFilters(now: number): void {
    for (;;) {
      const at = this.filterExpiries.peekKey();
      if (at === undefined || at > now) return;
      const filter = this.filterExpiries.pop() as RefusedFilter;
      if (!this.isCurrentFilter(filter)) continue;
      const framework = this.frameworks.get(filter.frameworkId) as FrameworkState;
      const list = framework.filters.get(filter.agentId) as RefusedFilter[];
      list.splice(list.indexOf(filter), 1);
      if (list.length === 0) framework.filters.delete(filter.agentId);
      const agent = this.agents.get(filter.agentId);
      if (agent && this.parked.delete(agent)) this.dirty.add(agent);
    }
  }
}

const EMPTY: ReadonlyMap<string, number> = new Map();
