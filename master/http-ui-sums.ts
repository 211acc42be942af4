/**
 * The web UI's cluster-wide figures, kept up to date as the cluster
 * changes instead of summed over 50,000 agents and 500,000 tasks per
 * message: agents by status, what active agents hold and allocate, what
 * outstanding offers hold, live and completed tasks by state, and what each
 * framework's live tasks hold. Each agent's share ({@link ClusterSums}) is
 * recomputed when a cluster event names the agent (its own events, and
 * those of tasks on it); completed tasks are counted per framework from its
 * (bounded) history when that history changed. Read-only towards the master.
 */
import { agentTouchedBy, type ClusterEvent } from './cluster-events';
import type { Master } from './master';
import type { FrameworkRecord, TaskRecord } from './state';
import type { UiAgentCounts, UiResources, UiTaskCounts } from './http-ui-types';
import { ClusterSums, OfferedSums } from './cluster-sums';
import { agentCountsOf, agentShare, taskStateName } from './agent-share';
import { roundAmounts, uiOffer } from './http-ui-view';


/** Completed tasks of one framework by state, with what the count was taken from. */
interface CompletedCount {
  length: number;
  last: TaskRecord | undefined;
  byState: Record<string, number>;
}

/** The figures; one per event stream, fed every cluster event. */
export class UiClusterSums {
  private readonly sums = new ClusterSums();
  private readonly offered = new OfferedSums();
  /** Offers by framework, and each counted offer's framework. */
  private readonly offeredByFramework = new Map<string, OfferedSums>();
  private readonly offerFramework = new Map<string, string>();
  /** Agents whose share is to be recomputed. */
  private readonly stale = new Set<string>();
  private readonly completed = new Map<string, CompletedCount>();
  private settling?: Promise<void>;
  /** Shares recomputed so far, for tests. */
  recomputed = 0;

  /** Start with every agent the master knows marked stale. */
  constructor(master: Master) {
    for (const id of master.agents.keys()) this.stale.add(id);
  }

  /** Mark the agent an event names as stale. */
  note(event: ClusterEvent): void {
    const agentId = agentTouchedBy(event);
    if (agentId !== undefined) this.stale.add(agentId);
  }

  /** Agents waiting for their share to be recomputed. */
  get pending(): number {
    return this.stale.size;
  }

  /**
   * Recompute up to `limit` stale shares (an agent the master no longer
   * knows loses its share), stopping early once `stop` says so (asked after
   * each share: a time budget). Costs the stale agents' tasks, not the cluster's.
   */
  refresh(master: Master, limit = Infinity, stop?: () => boolean): void {
    let n = 0;
    for (const id of this.stale) {
      if (n++ >= limit) return;
      this.stale.delete(id);
      const agent = master.agents.get(id);
      this.sums.set(id, agent ? agentShare(agent) : undefined);
      this.recomputed++;
      if (stop?.()) return;
    }
  }

  /**
   * Recompute the shares stale now, a slice per turn of the event loop (at
   * most `slice` shares and `budgetMs` of work each). Agents that turn stale
   * meanwhile are left for later, so a busy cluster never keeps it going.
   */
  async refreshSliced(master: Master, slice = 2000, budgetMs?: number): Promise<void> {
    let left = this.stale.size;
    while (left > 0 && this.stale.size > 0) {
      const before = this.stale.size;
      const slices = budgetMs === undefined ? undefined : master.turnGate.slices(budgetMs);
      this.refresh(master, Math.min(slice, left), slices ? () => slices.overTime() : undefined);
      left -= Math.max(1, before - this.stale.size);
      if (left > 0 && this.stale.size > 0) await master.turnGate.nextTurn();
    }
  }

  /**
   * Recompute every stale share now when that is at most `slice` of them
   * and every agent the master knows has a share; false (nothing done) when
   * it would take longer: then {@link settle}.
   */
  settleNow(master: Master, slice = 2000): boolean {
    if (this.settling || this.stale.size > slice) return false;
    let known = this.sums.size;
    for (const id of this.stale) if (!this.sums.get(id) && master.agents.has(id)) known++;
    else if (this.sums.get(id) && !master.agents.has(id)) known--;
    if (known !== master.agents.size) return false;
    this.refresh(master);
    return true;
  }

  /**
   * Recompute every stale share, `slice` per turn of the event loop (and at
   * most `budgetMs` of work per turn when given), and
   * make sure every agent the master knows has one (a walk of the agents,
   * in slices, only when the counts disagree). Concurrent callers share one pass.
   */
  settle(master: Master, slice = 2000, budgetMs?: number): Promise<void> {
    if (this.settleNow(master, slice)) return Promise.resolve();
    this.settling ??= (async () => {
      try {
        await this.reconcile(master, slice);
        while (this.stale.size > 0) {
          const slices = budgetMs === undefined ? undefined : master.turnGate.slices(budgetMs);
          this.refresh(master, slice, slices ? () => slices.overTime() : undefined);
          if (this.stale.size > 0) await master.turnGate.nextTurn();
        }
      } finally {
        this.settling = undefined;
      }
    })();
    return this.settling;
  }

  private async reconcile(master: Master, slice: number): Promise<void> {
    let n = 0;
    for (const id of master.agents.keys()) {
      if (!this.sums.get(id)) this.stale.add(id);
      if (++n % slice === 0) await master.turnGate.nextTurn();
    }
    for (const id of [...this.sums.agentIds()]) {
      if (!master.agents.has(id)) this.stale.add(id);
      if (++n % slice === 0) await master.turnGate.nextTurn();
    }
  }

  /** Offers made and gone (the stream diffs them); what they hold is summed, in all and per framework. */
  offersChanged(master: Master, added: Iterable<string>, removed: Iterable<string>): void {
    for (const id of removed) {
      this.offered.remove(id);
      const fid = this.offerFramework.get(id);
      if (fid === undefined) continue;
      this.offerFramework.delete(id);
      const sums = this.offeredByFramework.get(fid);
      sums?.remove(id);
      if (sums && sums.size === 0) this.offeredByFramework.delete(fid);
    }
    for (const id of added) {
      const offer = master.offers.get(id);
      if (!offer) continue;
      const amounts = uiOffer(offer).resources;
      this.offered.add(id, amounts);
      this.offerFramework.set(id, offer.frameworkId);
      let sums = this.offeredByFramework.get(offer.frameworkId);
      if (!sums) this.offeredByFramework.set(offer.frameworkId, (sums = new OfferedSums()));
      sums.add(id, amounts);
    }
  }

  /** What a framework's outstanding offers hold, rounded, as of the last {@link offersChanged}. */
  frameworkOffered(fw: FrameworkRecord): UiResources {
    return roundAmounts(this.offeredByFramework.get(fw.id)?.amounts() ?? {});
  }

  /** Agents by status, and the scalars of active agents: total, allocated; and what offers hold. */
  agentCounts(): UiAgentCounts {
    return agentCountsOf(this.sums, this.offered);
  }

  /** What a framework's live tasks hold, rounded. */
  frameworkAllocated(fw: FrameworkRecord): UiResources {
    return roundAmounts(this.sums.frameworkAllocated(fw.id));
  }

  /**
   * Live tasks by state from the agents' shares; completed ones counted per
   * framework, again only for a framework whose history changed since.
   */
  taskCounts(master: Master): UiTaskCounts {
    const byState = this.sums.liveTasksByState();
    const live = this.sums.liveTasks();
    let completed = 0;
    const seen = new Set<string>();
    const count = (fw: FrameworkRecord): void => {
      seen.add(fw.id);
      const list = fw.completedTasks;
      const last = list.length > 0 ? list[list.length - 1] : undefined;
      let c = this.completed.get(fw.id);
      if (!c || c.length !== list.length || c.last !== last) {
        const counts: Record<string, number> = {};
        for (const t of list) {
          const s = taskStateName(t.task.state ?? 0);
          counts[s] = (counts[s] ?? 0) + 1;
        }
        this.completed.set(fw.id, (c = { length: list.length, last, byState: counts }));
      }
      completed += c.length;
      for (const s in c.byState) byState[s] = (byState[s] ?? 0) + c.byState[s];
    };
    for (const fw of master.frameworks.values()) count(fw);
    for (const fw of master.completedFrameworks) count(fw);
    if (this.completed.size > seen.size) for (const id of this.completed.keys()) if (!seen.has(id)) this.completed.delete(id);
    return { live, completed, by_state: byState };
  }
}
