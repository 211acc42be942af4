/**
 * What the web UI's first message needs, kept between snapshots so a new
 * browser does not make the master rebuild 50,000 agent rows and sum
 * 500,000 tasks in one block: each agent's row as JSON text, each
 * framework's allocated resources, and the task counts. An entry is rebuilt
 * when a cluster event touched it (the same events the deltas follow) or
 * when its key (status, times, task and offer counts) no longer matches the
 * record; everything else is reused. Read-only towards the master.
 */
import type { ClusterEvent } from './cluster-events';
import type { Master } from './master';
import type { AgentRecord, FrameworkRecord } from './state';
import type { UiResources, UiTaskCounts } from './http-ui-types';
import { addScalars, roundAmounts, uiAgent, uiTaskCounts } from './http-ui-view';

/** What makes a cached agent row stale even without an event naming it. */
function agentKey(a: AgentRecord): string {
  return `${a.status}|${a.version}|${a.registeredTime}|${a.reregisteredTime ?? ''}|${a.unreachableTime ?? ''}|${a.tasks.size}|${a.offers.size}|${a.deactivated ? 'D' : ''}${a.drain?.state ?? ''}`;
}

/** The cache; one per event stream, fed every cluster event. */
export class UiRowCache {
  private readonly agentRows = new Map<string, { key: string; json: string }>();
  private readonly staleAgents = new Set<string>();
  private readonly allocated = new Map<string, { tasks: number; amounts: UiResources }>();
  private readonly staleFrameworks = new Set<string>();
  private counts?: UiTaskCounts;
  /** Rows rebuilt and reused by the last {@link agentRowsJson}, for tests and metrics. */
  lastRebuilt = 0;
  lastReused = 0;

  /** Mark what an event touches as stale. */
  note(event: ClusterEvent): void {
    switch (event.type) {
      case 'AGENT_ADDED':
      case 'AGENT_UPDATED':
      case 'AGENT_REMOVED':
        this.staleAgents.add(event.agentId);
        this.counts = undefined;
        return;
      case 'FRAMEWORK_ADDED':
      case 'FRAMEWORK_UPDATED':
      case 'FRAMEWORK_REMOVED':
        this.staleFrameworks.add(event.frameworkId);
        this.counts = undefined;
        return;
      case 'TASK_ADDED':
      case 'TASK_UPDATED':
        this.staleAgents.add(event.agentId);
        this.staleFrameworks.add(event.frameworkId);
        this.counts = undefined;
        return;
      default:
        return;
    }
  }

  /** An agent's offered resources moved (offers are diffed by the stream, not announced per agent). */
  touchAgent(agentId: string): void {
    this.staleAgents.add(agentId);
  }

  /** Every agent's row as JSON text, in the master's order; stale rows rebuilt, rows of removed agents dropped. */
  agentRowsJson(master: Master): string[] {
    const out: string[] = [];
    let rebuilt = 0;
    for (const a of master.agents.values()) {
      const key = agentKey(a);
      let row = this.agentRows.get(a.id);
      if (!row || row.key !== key || this.staleAgents.has(a.id)) {
        row = { key, json: JSON.stringify(uiAgent(master, a)) };
        this.agentRows.set(a.id, row);
        rebuilt++;
      }
      out.push(row.json);
    }
    this.staleAgents.clear();
    if (this.agentRows.size > master.agents.size) {
      for (const id of this.agentRows.keys()) if (!master.agents.has(id)) this.agentRows.delete(id);
    }
    this.lastRebuilt = rebuilt;
    this.lastReused = out.length - rebuilt;
    return out;
  }

  /** What a framework's live tasks hold, rounded; summed again only when its tasks changed. */
  frameworkAllocated(fw: FrameworkRecord): UiResources {
    const cached = this.allocated.get(fw.id);
    if (cached && cached.tasks === fw.tasks.size && !this.staleFrameworks.has(fw.id)) return cached.amounts;
    const amounts: UiResources = {};
    for (const t of fw.tasks.values()) addScalars(amounts, t.resources);
    const entry = { tasks: fw.tasks.size, amounts: roundAmounts(amounts) };
    this.allocated.set(fw.id, entry);
    this.staleFrameworks.delete(fw.id);
    return entry.amounts;
  }

  /** Live and completed tasks by state; counted again only after a task, agent or framework event. */
  taskCounts(master: Master): UiTaskCounts {
    this.counts ??= uiTaskCounts(master);
    return this.counts;
  }

  /** Forget frameworks the master no longer knows (live or completed). */
  prune(master: Master): void {
    if (this.allocated.size <= master.frameworks.size + master.completedFrameworks.length) return;
    const known = new Set([...master.frameworks.keys(), ...master.completedFrameworks.map((f) => f.id)]);
    for (const id of this.allocated.keys()) if (!known.has(id)) this.allocated.delete(id);
  }
}
