/**
 * What `/metrics` sums over the cluster, kept up to date as the cluster
 * changes instead of walked per read (at 50,000 agents and 500,000 tasks a
 * walk per read took seconds of the master's loop): agents by status, the
 * scalars active agents hold in total and their live tasks use, live tasks
 * by state, and the scalars outstanding offers hold.
 *
 * Each agent contributes one share ({@link ClusterSums}), recomputed when a
 * cluster event names the agent (its own events and its tasks'); a read
 * recomputes only the agents named since the last one (a slice per turn of
 * the event loop when many). What offers hold is the offer book's own sum
 * (`OfferBook.offered`, kept as offers are made and forgotten), read
 * without a walk of the offers. The figures equal a fresh
 * walk of the master's records ({@link metricSamples} in state-view.ts,
 * kept as the reference), as the unit table in test/unit/metric-sums.test.ts
 * checks after random sequences of agent, task and offer events.
 * Read-only towards the master.
 */
import { pb, TaskState } from '@meseta/proto/wire';
import type { Master } from './master';
import type { AgentRecord } from './state';
import type { UiResources } from './http-ui-types';
import { ClusterSums, addScalars, type AgentShare } from './cluster-sums';
import { agentTouchedBy, type ClusterEvent } from './cluster-events';


/** The name `/metrics` gives a task state (`TASK_RUNNING`), as the walk names it. */
export function metricStateName(state: number | null | undefined): string {
  return pb.TaskState[state ?? TaskState.TASK_STAGING] ?? 'TASK_UNKNOWN';
}

/** Scalars of an agent's total, per total list (it changes only when the agent re-registers). */
const totals = new WeakMap<object, UiResources>();

/** One agent's share of the `/metrics` figures, from its record now. Costs its own tasks. */
export function metricShare(agent: AgentRecord): AgentShare {
  let total = totals.get(agent.total);
  if (!total) {
    total = {};
    addScalars(total, agent.total);
    totals.set(agent.total, total);
  }
  const allocated: UiResources = {};
  const tasks: Record<string, number> = {};
  for (const t of agent.tasks.values()) {
    addScalars(allocated, t.resources);
    const state = metricStateName(t.task.state);
    tasks[state] = (tasks[state] ?? 0) + 1;
  }
  return { status: agent.status, total, allocated, tasks, byFramework: {} };
}

/** The figures a `/metrics` read renders. */
export interface MetricFigures {
  /** Agents by status; statuses without agents are left out. */
  byStatus: Record<string, number>;
  /** Scalars of active agents. */
  total: UiResources;
  /** Scalars live tasks on active agents hold. */
  used: UiResources;
  /** Scalars outstanding offers hold. */
  offered: UiResources;
  /** Live tasks by state name (`TASK_RUNNING`), states in TaskState's number order; states without tasks left out. */
  tasksByState: Array<[string, number]>;
}

/** Task state names in the order their numbers run (so the samples come out in a stable order). */
const STATE_ORDER = new Map(
  Object.values(TaskState)
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b)
    .map((n, i) => [metricStateName(n), i]),
);

/** The `/metrics` figures of one master, fed every cluster event. */
export class MetricSums {
  private readonly sums = new ClusterSums();
  /** Agents whose share is to be recomputed. */
  private readonly stale = new Set<string>();
  private readonly unsubscribe: () => void;
  private settling?: Promise<void>;
  /** Shares recomputed so far, for tests. */
  recomputed = 0;

  /** Start with every agent the master knows marked stale, and follow its events. */
  constructor(private readonly master: Master) {
    for (const id of master.agents.keys()) this.stale.add(id);
    this.unsubscribe = master.events.subscribe((event) => this.note(event));
  }

  /** Stop following the master's events. */
  close(): void {
    this.unsubscribe();
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
   * The figures now: every stale share recomputed first (`slice` per turn
   * of the event loop), agents the master knows without a share found (a
   * walk of agent ids, in slices, only when the counts disagree); what
   * offers hold read from the offer book's sum. Concurrent reads share one pass.
   */
  async figures(slice = 2000): Promise<MetricFigures> {
    await this.settle(slice);
    const { total, allocated } = this.sums.activeResources();
    const byState = this.sums.liveTasksByState();
    const tasksByState = Object.entries(byState).sort(([a], [b]) => (STATE_ORDER.get(a) ?? 99) - (STATE_ORDER.get(b) ?? 99) || (a < b ? -1 : a > b ? 1 : 0));
    return { byStatus: this.sums.agentsByStatus(), total, used: allocated, offered: this.master.offerBook.offered.amounts(), tasksByState };
  }

  private settle(slice: number): Promise<void> {
    if (this.settling) return this.settling;
    const needsWalk = this.sums.size + this.stale.size < this.master.agents.size || this.sums.size > this.master.agents.size;
    // Few stale shares and nothing to look for: at once (no pass to share).
    if (!needsWalk && this.stale.size <= slice) {
      this.refresh(slice);
      return Promise.resolve();
    }
    const pass = (async () => {
      if (needsWalk) await this.reconcile(slice);
      while (this.stale.size > 0) {
        this.refresh(slice);
        if (this.stale.size > 0) await this.master.turnGate.nextTurn();
      }
    })();
    // Concurrent reads share this pass until it ends (cleared below, also when it failed).
    this.settling = pass;
    void pass.finally(() => {
      if (this.settling === pass) this.settling = undefined;
    }).catch(() => undefined);
    return pass;
  }

  /** Recompute up to `limit` stale shares (an agent the master no longer knows loses its share). */
  private refresh(limit: number): void {
    let n = 0;
    for (const id of this.stale) {
      if (n++ >= limit) return;
      this.stale.delete(id);
      const agent = this.master.agents.get(id);
      this.sums.set(id, agent ? metricShare(agent) : undefined);
      this.recomputed++;
    }
  }

  private async reconcile(slice: number): Promise<void> {
    let n = 0;
    for (const id of this.master.agents.keys()) {
      if (!this.sums.get(id)) this.stale.add(id);
      if (++n % slice === 0) await this.master.turnGate.nextTurn();
    }
    for (const id of [...this.sums.agentIds()]) {
      if (!this.master.agents.has(id)) this.stale.add(id);
      if (++n % slice === 0) await this.master.turnGate.nextTurn();
    }
  }
}
