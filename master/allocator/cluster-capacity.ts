/**
 * The largest agent of the cluster, per resource name and role: what a
 * "never fits" refusal is measured against (a task asking 64 cpus when no
 * agent has more than 16 waits forever). Kept incrementally as agents are
 * added and removed; no call walks the agents.
 *
 * What an agent gives a role is its unreserved resources plus those
 * reserved for that role. So each agent adds its unreserved amounts under
 * "*", and, for each role it has reservations for, unreserved plus reserved
 * under that role. The largest for role R is then the larger of the "*"
 * maximum and R's maximum: an agent without R's reservations gives R only
 * its unreserved amounts, which the "*" maximum already covers.
 */
import type { Resource } from '@meseta/proto/wire';
import { allocatableTo, quantities, reservationRole, UNRESERVED_ROLE } from '@meseta/proto/resources';
import { MinHeap } from '@meseta/runtime/min-heap';

/**
 * The maximum of a multiset of numbers under adds and removes: counts per
 * value, and a heap of values (largest first) with lazy deletion. Each
 * value sits in the heap at most once, and the heap is rebuilt when stale
 * entries outnumber live ones, so its size follows the distinct live values.
 */
class Maximum {
  private readonly counts = new Map<number, number>();
  private heap = new MinHeap<number>();
  private readonly inHeap = new Set<number>();

  get empty(): boolean {
    return this.counts.size === 0;
  }

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    if (this.inHeap.has(value)) return;
    this.inHeap.add(value);
    this.heap.push(-value, value);
  }

  remove(value: number): void {
    const count = this.counts.get(value);
    if (count === undefined) return;
    if (count > 1) this.counts.set(value, count - 1);
    else this.counts.delete(value);
    if (this.heap.size > 2 * this.counts.size + 16) this.rebuild();
  }

  /** The largest value present, or 0 when none is. */
  get max(): number {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined) return 0;
      if (this.counts.has(top)) return top;
      this.heap.pop();
      this.inHeap.delete(top);
    }
  }

  private rebuild(): void {
    this.heap = new MinHeap<number>();
    this.inHeap.clear();
    for (const value of this.counts.keys()) {
      this.heap.push(-value, value);
      this.inHeap.add(value);
    }
  }
}

/** What one agent contributed: role → resource name → amount. */
type Contribution = Map<string, Map<string, number>>;

/** Per role and resource name, the most one agent has; see the file comment. */
export class ClusterCapacity {
  /** role → resource name → maximum over agents. */
  private readonly maxima = new Map<string, Map<string, Maximum>>();
  private readonly agents = new Map<string, Contribution>();

  /** Count an agent with these total resources; a known id is replaced. */
  add(agentId: string, total: readonly Resource[]): void {
    this.remove(agentId);
    const contribution: Contribution = new Map();
    contribution.set(UNRESERVED_ROLE, quantities(allocatableTo(total, UNRESERVED_ROLE)));
    for (const role of new Set(total.map(reservationRole))) {
      if (role !== UNRESERVED_ROLE) contribution.set(role, quantities(allocatableTo(total, role)));
    }
    this.agents.set(agentId, contribution);
    for (const [role, amounts] of contribution) {
      let byName = this.maxima.get(role);
      if (!byName) {
        byName = new Map();
        this.maxima.set(role, byName);
      }
      for (const [name, amount] of amounts) {
        let maximum = byName.get(name);
        if (!maximum) {
          maximum = new Maximum();
          byName.set(name, maximum);
        }
        maximum.add(amount);
      }
    }
  }

  /** Stop counting an agent; a no-op for an unknown id. */
  remove(agentId: string): void {
    const contribution = this.agents.get(agentId);
    if (!contribution) return;
    this.agents.delete(agentId);
    for (const [role, amounts] of contribution) {
      const byName = this.maxima.get(role);
      if (!byName) continue;
      for (const [name, amount] of amounts) {
        const maximum = byName.get(name);
        if (!maximum) continue;
        maximum.remove(amount);
        if (maximum.empty) byName.delete(name);
      }
      if (byName.size === 0) this.maxima.delete(role);
    }
  }

  /** Per resource name, the most one agent has for `role` (names no agent has are absent). */
  largest(role: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, maximum] of this.maxima.get(UNRESERVED_ROLE) ?? []) out.set(name, maximum.max);
    if (role === UNRESERVED_ROLE) return out;
    for (const [name, maximum] of this.maxima.get(role) ?? []) out.set(name, Math.max(out.get(name) ?? 0, maximum.max));
    return out;
  }
}
