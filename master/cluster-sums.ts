/**
 * Incremental sums over the cluster's agents: how many agents are in each
 * status, what active agents hold in total and allocate, live tasks by
 * state, and what each framework's live tasks hold. Every live task sits on
 * one agent, so each agent contributes one {@link AgentShare}; replacing an
 * agent's share subtracts the old one and adds the new, so a change costs
 * the size of one share (a few resources, a few states, a few frameworks),
 * never the size of the cluster.
 *
 * Amounts are kept as whole thousandths (Mesos's own fixed point for scalar
 * resources), so adding and subtracting a share any number of times leaves
 * no drift. Pure: no I/O, no master; `http-ui-sums.ts` feeds it.
 * {@link OfferedTotals} sums what outstanding offers hold with no record per
 * offer (the offer book keeps one, `/metrics` reads it).
 */
import { ValueType, type Resource } from '@meseta/proto/wire';
import type { UiResources } from './http-ui-types';

/** One agent's contribution to the sums. */
export interface AgentShare {
  /** `ACTIVE`, `DISCONNECTED`, `UNREACHABLE` or `GONE`. */
  status: string;
  /** Scalar totals of the agent (counted in the cluster's totals only while ACTIVE). */
  total: UiResources;
  /** Scalars its live tasks hold (counted in the cluster's allocation only while ACTIVE). */
  allocated: UiResources;
  /** Its live tasks by state name (`TASK_RUNNING`: 10). */
  tasks: Record<string, number>;
  /** Scalars its live tasks hold, by framework id (counted whatever the agent's status). */
  byFramework: Record<string, UiResources>;
}

/** Scalar amounts as whole thousandths. */
type Fixed = Map<string, number>;

const toFixed = (amount: number): number => Math.round(amount * 1000);

/**
 * Add the scalar amounts of `resources` into `into` (same-named scalars
 * summed; ranges and sets are not amounts); returns `into`. Sums are not
 * rounded: the UI's views finish with `roundAmounts` (http-ui-view.ts).
 */
export function addScalars(into: UiResources, resources: readonly Resource[] | null | undefined): UiResources {
  if (!resources) return into;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if ((r.type ?? ValueType.SCALAR) !== ValueType.SCALAR) continue;
    const name = r.name ?? '';
    into[name] = (into[name] ?? 0) + (r.scalar?.value ?? 0);
  }
  return into;
}

function addInto(into: Fixed, amounts: UiResources, sign: 1 | -1): void {
  for (const name in amounts) {
    const next = (into.get(name) ?? 0) + sign * toFixed(amounts[name]);
    if (next === 0) into.delete(name);
    else into.set(name, next);
  }
}

function countInto(into: Map<string, number>, counts: Record<string, number>, sign: 1 | -1): void {
  for (const key in counts) {
    const next = (into.get(key) ?? 0) + sign * counts[key];
    if (next === 0) into.delete(key);
    else into.set(key, next);
  }
}

function asAmounts(fixed: Fixed | undefined): UiResources {
  const out: UiResources = {};
  if (fixed) for (const [name, v] of fixed) out[name] = v / 1000;
  return out;
}

/** The sums of every agent's share. */
export class ClusterSums {
  private readonly shares = new Map<string, AgentShare>();
  private readonly statuses = new Map<string, number>();
  private readonly total: Fixed = new Map();
  private readonly allocated: Fixed = new Map();
  private readonly tasks = new Map<string, number>();
  private readonly frameworks = new Map<string, Fixed>();

  /** Agents with a share. */
  get size(): number {
    return this.shares.size;
  }

  /** Set an agent's share (replacing its previous one); `undefined` removes it. */
  set(agentId: string, share: AgentShare | undefined): void {
    const before = this.shares.get(agentId);
    if (before) this.apply(before, -1);
    if (share) {
      this.shares.set(agentId, share);
      this.apply(share, 1);
    } else this.shares.delete(agentId);
  }

  /** The share last set for an agent. */
  get(agentId: string): AgentShare | undefined {
    return this.shares.get(agentId);
  }

  /** Agent ids with a share (to drop those the master forgot). */
  agentIds(): IterableIterator<string> {
    return this.shares.keys();
  }

  /** Agents by status; statuses without agents are left out. */
  agentsByStatus(): Record<string, number> {
    return Object.fromEntries(this.statuses);
  }

  /** What active agents hold in total and what their live tasks hold. */
  activeResources(): { total: UiResources; allocated: UiResources } {
    return { total: asAmounts(this.total), allocated: asAmounts(this.allocated) };
  }

  /** Live tasks by state name; states without tasks are left out. */
  liveTasksByState(): Record<string, number> {
    return Object.fromEntries(this.tasks);
  }

  /** Live tasks on all agents. */
  liveTasks(): number {
    let n = 0;
    for (const c of this.tasks.values()) n += c;
    return n;
  }

  /** What a framework's live tasks hold ({} when none). */
  frameworkAllocated(frameworkId: string): UiResources {
    return asAmounts(this.frameworks.get(frameworkId));
  }

  private apply(share: AgentShare, sign: 1 | -1): void {
    countInto(this.statuses, { [share.status]: 1 }, sign);
    if (share.status === 'ACTIVE') {
      addInto(this.total, share.total, sign);
      addInto(this.allocated, share.allocated, sign);
    }
    countInto(this.tasks, share.tasks, sign);
    for (const fid in share.byFramework) {
      let f = this.frameworks.get(fid);
      if (!f) this.frameworks.set(fid, (f = new Map()));
      addInto(f, share.byFramework[fid], sign);
      if (f.size === 0) this.frameworks.delete(fid);
    }
  }
}

/** Sums of offered scalars, kept as offers come and go (an offer never changes). */
export class OfferedSums {
  private readonly offers = new Map<string, UiResources>();
  private readonly sum: Fixed = new Map();

  /** Count an offer; a second add of the same id is ignored. */
  add(offerId: string, amounts: UiResources): void {
    if (this.offers.has(offerId)) return;
    this.offers.set(offerId, amounts);
    addInto(this.sum, amounts, 1);
  }

  /** Forget an offer; unknown ids are ignored. */
  remove(offerId: string): void {
    const amounts = this.offers.get(offerId);
    if (!amounts) return;
    this.offers.delete(offerId);
    addInto(this.sum, amounts, -1);
  }

  /** Offers counted. */
  get size(): number {
    return this.offers.size;
  }

  /** True when the offer is counted. */
  has(offerId: string): boolean {
    return this.offers.has(offerId);
  }

  /** Ids of the offers counted (safe to remove while iterating). */
  ids(): IterableIterator<string> {
    return this.offers.keys();
  }

  /** What outstanding offers hold. */
  amounts(): UiResources {
    return asAmounts(this.sum);
  }
}

/**
 * What outstanding offers hold, with no record per offer: the owner (the
 * offer book) adds an offer's resources when it makes the offer and takes
 * the same list out when it forgets it, so a read costs the resource names,
 * never the offers. Each offer counts as {@link OfferedSums} counts it (its
 * scalars summed, then to whole thousandths), so both give the same figures
 * over the same offers. An offer's resources must not change while counted.
 */
export class OfferedTotals {
  private readonly sum: Fixed = new Map();
  private counted = 0;

  /** Count an offer's resources. */
  add(resources: readonly Resource[] | null | undefined): void {
    addInto(this.sum, addScalars({}, resources), 1);
    this.counted++;
  }

  /** Take out the resources of an offer counted before (the same list). */
  remove(resources: readonly Resource[] | null | undefined): void {
    addInto(this.sum, addScalars({}, resources), -1);
    this.counted--;
  }

  /** Offers counted. */
  get size(): number {
    return this.counted;
  }

  /** What the counted offers hold. */
  amounts(): UiResources {
    return asAmounts(this.sum);
  }
}
