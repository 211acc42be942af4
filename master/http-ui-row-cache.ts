/**
 * The web UI's agent rows, kept between snapshots as JSON text so a new
 * browser does not make the master rebuild 50,000 agent rows: a row is
 * rebuilt when a cluster event touched its agent (the same events the
 * deltas follow) or when its key (status, times, task and offer counts) no
 * longer matches the record; everything else is reused. The stream reads
 * the rows a slice at a time ({@link UiRowCache.rowJson}). The cluster-wide
 * figures (task counts, framework allocations) are kept by
 * `http-ui-sums.ts`. Read-only towards the master.
 */
import { agentTouchedBy, type ClusterEvent } from './cluster-events';
import type { Master } from './master';
import type { AgentRecord } from './state';
import { uiAgent } from './http-ui-view';

/** What makes a cached agent row stale even without an event naming it. */
function agentKey(a: AgentRecord): string {
  return `${a.status}|${a.version}|${a.registeredTime}|${a.reregisteredTime ?? ''}|${a.unreachableTime ?? ''}|${a.tasks.size}|${a.offers.size}|${a.deactivated ? 'D' : ''}${a.drain?.state ?? ''}`;
}

/** The cache; one per event stream, fed every cluster event. */
export class UiRowCache {
  private readonly agentRows = new Map<string, { key: string; json: string }>();
  private readonly staleAgents = new Set<string>();
  /** Rows rebuilt and reused since the last {@link countsTaken}, for tests and metrics. */
  lastRebuilt = 0;
  lastReused = 0;

  /** Mark what an event touches as stale. */
  note(event: ClusterEvent): void {
    const agentId = agentTouchedBy(event);
    if (agentId !== undefined) this.staleAgents.add(agentId);
  }

  /** An agent's offered resources moved (offers are diffed by the stream, not announced per agent). */
  touchAgent(agentId: string): void {
    this.staleAgents.add(agentId);
  }

  /** One agent's row as JSON text, rebuilt when stale. */
  rowJson(master: Master, a: AgentRecord): string {
    const key = agentKey(a);
    let row = this.agentRows.get(a.id);
    if (!row || row.key !== key || this.staleAgents.has(a.id)) {
      row = { key, json: JSON.stringify(uiAgent(master, a)) };
      this.agentRows.set(a.id, row);
      this.staleAgents.delete(a.id);
      this.lastRebuilt++;
    } else this.lastReused++;
    return row.json;
  }

  /** Start counting rebuilt and reused rows afresh. */
  countsTaken(): void {
    this.lastRebuilt = 0;
    this.lastReused = 0;
  }

  /** Forget rows of agents the master no longer knows. */
  prune(master: Master): void {
    if (this.agentRows.size <= master.agents.size) return;
    for (const id of this.agentRows.keys()) if (!master.agents.has(id)) this.agentRows.delete(id);
  }

  /** Every agent's row as JSON text, in the master's order, in one go (tests, small clusters). */
  agentRowsJson(master: Master): string[] {
    this.countsTaken();
    const out: string[] = [];
    for (const a of master.agents.values()) out.push(this.rowJson(master, a));
    this.prune(master);
    return out;
  }
}
