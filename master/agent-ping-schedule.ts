/**
 * When each active agent is due its next heartbeat from the master: one
 * ping interval after it registered or was last pinged. Pings are so spread
 * over the interval as the registrations were, as Mesos pings each agent on
 * a timer of its own, instead of going to the whole cluster in one burst
 * every interval: at 40,000 agents that burst (40,000 writes, then 40,000
 * answers to read) stalled a failover's re-registrations for seconds every
 * 15 s (bench/RESULTS.md, "Scale"). An agent that was just answered
 * `registered` is not pinged before an interval has passed: it has just
 * heard from the master.
 *
 * Pure: times are the caller's seconds; no timers. Entries are kept in the
 * order they were added, which is their due order as long as `now` never
 * goes back; an entry whose agent moved to another link (or left) is
 * dropped when it comes up.
 */

/** What the schedule needs of an agent: the link it is on now. */
export interface PingTarget {
  readonly linkId: number;
}

interface Entry<A> {
  readonly agent: A;
  /** The link the agent was on when the entry was made. */
  readonly linkId: number;
  /** When the agent last heard from the master (registered or pinged), seconds. */
  readonly at: number;
}

/** What {@link AgentPingSchedule.takeDue} found. */
export interface DuePings<A> {
  /** Agents to ping now (their entries are removed; add them again once pinged). */
  agents: A[];
  /** More entries may be due: call again (after yielding to the event loop). */
  more: boolean;
}

/** Entries removed from the front before the array is compacted. */
const COMPACT_AFTER = 4096;

/** Per-agent ping times, in due order; see the module comment. */
export class AgentPingSchedule<A extends PingTarget> {
  private entries: Array<Entry<A>> = [];
  private head = 0;

  /** Entries held (stale ones included until they come up). */
  get size(): number {
    return this.entries.length - this.head;
  }

  /** `agent` heard from the master at `now` (it was answered `registered`, or pinged). */
  add(agent: A, now: number): void {
    this.entries.push({ agent, linkId: agent.linkId, at: now });
  }

  /**
   * Remove the entries due at `now` (added at least `intervalSeconds` ago),
   * looking at `limit` entries at most, and return the agents among them
   * that `current` still accepts (active on the link the entry was made
   * for); the others are dropped.
   */
  takeDue(now: number, intervalSeconds: number, limit: number, current: (agent: A, linkId: number) => boolean): DuePings<A> {
    const agents: A[] = [];
    let looked = 0;
    while (this.head < this.entries.length && looked < limit) {
      const e = this.entries[this.head];
      if (e.at + intervalSeconds > now) break;
      this.head++;
      looked++;
      if (current(e.agent, e.linkId)) agents.push(e.agent);
    }
    const more = this.head < this.entries.length && this.entries[this.head].at + intervalSeconds <= now;
    this.compact();
    return { agents, more };
  }

  private compact(): void {
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
