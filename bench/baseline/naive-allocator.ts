/**
 * Baseline for the allocation benchmark: the same hierarchical DRF policy
 * as master/allocator/hierarchical-allocator.ts, done the obvious way. Every
 * pass visits every agent, recomputes the cluster total, and for each agent
 * with free resources recomputes every role's and every framework's share
 * and fully re-sorts them. No dirty set, no heap, no parked agents.
 *
 * It exists only to be measured against; the master never uses it.
 */
import type { Resource } from '@meseta/proto/wire';
import { add, allocatableTo, allocate, normalize, quantities, subtract, unallocate, UNRESERVED_ROLE } from '@meseta/proto/resources';
import type { Allocation, Allocator, AllocatorAgent, AllocatorFramework, RefuseFilter } from '../../master/allocator/allocator';
import { applyQuantities, dominantShare } from '../../master/allocator/dominant-share';

interface NaiveFramework {
  roles: string[];
  suppressed: Set<string>;
  active: boolean;
  filters: Map<string, number>;
  /** Quantities held, by role. */
  held: Map<string, Map<string, number>>;
}

interface NaiveAgent {
  total: Resource[];
  free: Resource[];
  active: boolean;
  /** Framework id → what it holds here, stamped with allocation_role. */
  holdings: Map<string, Resource[]>;
}

/** Non-incremental hierarchical DRF: visits every agent and re-sorts everyone for each. */
export class NaiveAllocator implements Allocator {
  private readonly frameworks = new Map<string, NaiveFramework>();
  private readonly agents = new Map<string, NaiveAgent>();
  private readonly weights = new Map<string, number>();
  private total = new Map<string, number>();
  /** Agents looked at by the last pass. */
  lastPassVisitedAgents = 0;

  constructor(private readonly clock: () => number = () => Date.now() / 1000) {}

  addFramework(id: string, framework: AllocatorFramework): void {
    this.frameworks.set(id, {
      roles: [...framework.roles],
      suppressed: new Set(framework.suppressedRoles ?? []),
      active: framework.active ?? true,
      filters: this.frameworks.get(id)?.filters ?? new Map(),
      held: this.frameworks.get(id)?.held ?? new Map(),
    });
  }
  removeFramework(id: string): void {
    this.frameworks.delete(id);
  }
  activateFramework(id: string): void {
    const f = this.frameworks.get(id);
    if (f) f.active = true;
  }
  deactivateFramework(id: string): void {
    const f = this.frameworks.get(id);
    if (f) f.active = false;
  }
  updateFramework(id: string, framework: AllocatorFramework): void {
    const f = this.frameworks.get(id);
    if (!f) return;
    f.roles = [...framework.roles];
    f.suppressed = new Set(framework.suppressedRoles ?? []);
    if (framework.active !== undefined) f.active = framework.active;
  }

  addAgent(id: string, agent: AllocatorAgent): void {
    const total = normalize(unallocate(agent.total));
    this.agents.set(id, { total, free: subtract(total, []), active: agent.active ?? true, holdings: new Map() });
  }
  removeAgent(id: string): void {
    this.agents.delete(id);
  }
  activateAgent(id: string): void {
    const a = this.agents.get(id);
    if (a) a.active = true;
  }
  deactivateAgent(id: string): void {
    const a = this.agents.get(id);
    if (a) a.active = false;
  }

  recoverResources(frameworkId: string, agentId: string, resources: Resource[], filter?: RefuseFilter): void {
    const agent = this.agents.get(agentId);
    const held = agent?.holdings.get(frameworkId);
    if (!agent || !held) return;
    const returned = subtract(held, subtract(held, resources));
    agent.holdings.set(frameworkId, subtract(held, returned));
    agent.free = add(agent.free, unallocate(returned));
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return;
    for (const resource of returned) {
      const ledger = framework.held.get(resource.allocation_role ?? UNRESERVED_ROLE);
      if (ledger) applyQuantities(ledger, quantities([resource]), -1);
    }
    if (filter && filter.refuseSeconds > 0) framework.filters.set(agentId, this.clock() + filter.refuseSeconds);
  }

  suppressOffers(id: string, roles?: string[]): void {
    const f = this.frameworks.get(id);
    if (f) for (const role of roles?.length ? roles : f.roles) f.suppressed.add(role);
  }
  reviveOffers(id: string, roles?: string[]): void {
    const f = this.frameworks.get(id);
    if (!f) return;
    f.filters.clear();
    for (const role of roles?.length ? roles : [...f.suppressed]) f.suppressed.delete(role);
  }
  updateWeight(role: string, weight: number): void {
    this.weights.set(role, weight);
  }

  allocate(now: number): Allocation[] {
    this.total = new Map();
    for (const agent of this.agents.values()) if (agent.active) applyQuantities(this.total, quantities(agent.total), 1);
    const offers: Allocation[] = [];
    let visited = 0;
    for (const [agentId, agent] of this.agents) {
      if (!agent.active) continue;
      visited++;
      if (agent.free.length === 0) continue;
      for (const role of this.sortedRoles()) {
        const given = allocatableTo(agent.free, role);
        if (given.length === 0) continue;
        for (const [frameworkId, framework] of this.sortedFrameworks(role)) {
          if (!framework.active || framework.suppressed.has(role)) continue;
          if ((framework.filters.get(agentId) ?? -Infinity) > now) continue;
          agent.free = agent.free.filter((r) => !given.includes(r));
          const offered = allocate(given, role);
          agent.holdings.set(frameworkId, add(agent.holdings.get(frameworkId) ?? [], offered));
          let ledger = framework.held.get(role);
          if (!ledger) framework.held.set(role, (ledger = new Map()));
          applyQuantities(ledger, quantities(offered), 1);
          offers.push({ frameworkId, agentId, role, resources: offered });
          break;
        }
      }
    }
    this.lastPassVisitedAgents = visited;
    return offers;
  }

  /** Walks every agent (the baseline keeps no index). */
  largestAgent(role: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const agent of this.agents.values()) {
      for (const [name, amount] of quantities(allocatableTo(agent.total, role))) out.set(name, Math.max(out.get(name) ?? 0, amount));
    }
    return out;
  }

  nextFilterExpiry(): number | undefined {
    let next: number | undefined;
    for (const f of this.frameworks.values()) for (const at of f.filters.values()) if (next === undefined || at < next) next = at;
    return next;
  }

  frameworkShare(id: string): number {
    const held = new Map<string, number>();
    for (const ledger of this.frameworks.get(id)?.held.values() ?? []) applyQuantities(held, ledger, 1);
    return dominantShare(held, this.total, 1);
  }

  roleShare(role: string): number {
    const held = new Map<string, number>();
    for (const f of this.frameworks.values()) {
      const ledger = f.held.get(role);
      if (ledger) applyQuantities(held, ledger, 1);
    }
    return dominantShare(held, this.total, this.weights.get(role) ?? 1);
  }

  /** Every role anyone subscribes to, re-sorted from scratch by weighted share. */
  private sortedRoles(): string[] {
    const roles = new Set<string>();
    for (const f of this.frameworks.values()) for (const role of f.roles) roles.add(role);
    const shares = [...roles].map((role) => ({ role, share: this.roleShare(role) }));
    shares.sort((a, b) => a.share - b.share);
    return shares.map((s) => s.role);
  }

  /** The role's frameworks, re-sorted from scratch by share (stable: ties keep insertion order). */
  private sortedFrameworks(role: string): Array<[string, NaiveFramework]> {
    const members: Array<{ id: string; framework: NaiveFramework; share: number }> = [];
    for (const [id, framework] of this.frameworks) {
      if (!framework.roles.includes(role)) continue;
      members.push({ id, framework, share: dominantShare(framework.held.get(role) ?? new Map(), this.total, 1) });
    }
    members.sort((a, b) => a.share - b.share);
    return members.map((m) => [m.id, m.framework]);
  }
}
