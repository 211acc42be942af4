/**
 * Agents by the address they serve on (`ip:port`, or `hostname:port`
 * without an ip), so that a registration finds the agents it replaces
 * without walking every agent: O(agents at that address), not O(cluster).
 */
import type { AgentInfo } from '@meseta/proto/wire';

/** What the index needs of an agent record. */
export interface AddressedAgent {
  readonly id: string;
  readonly info: AgentInfo;
}

/** The address key of an agent: `ip:port`, or `hostname:port` without an ip. */
export function agentAddress(info: AgentInfo): string {
  return `${info.ip || info.hostname}:${info.port}`;
}

/** Agents by address. `set` after an agent's info changed; `delete` once it is gone. */
export class AgentAddressIndex<A extends AddressedAgent> {
  private readonly byAddress = new Map<string, Map<string, A>>();
  private readonly addressOf = new Map<string, string>();
  /** Records looked at by {@link at} since the index was made (for tests that count work). */
  visits = 0;

  /** Index (or re-index) the agent under its current address. */
  set(agent: A): void {
    const address = agentAddress(agent.info);
    const before = this.addressOf.get(agent.id);
    if (before !== undefined && before !== address) this.delete(agent.id);
    let here = this.byAddress.get(address);
    if (!here) this.byAddress.set(address, (here = new Map()));
    here.set(agent.id, agent);
    this.addressOf.set(agent.id, address);
  }

  /** Forget the agent (it is gone). A no-op for an agent not indexed. */
  delete(agentId: string): void {
    const address = this.addressOf.get(agentId);
    if (address === undefined) return;
    this.addressOf.delete(agentId);
    const here = this.byAddress.get(address);
    here?.delete(agentId);
    if (here?.size === 0) this.byAddress.delete(address);
  }

  /** The agents indexed at `address`. */
  at(address: string): A[] {
    const here = this.byAddress.get(address);
    if (!here) return [];
    this.visits += here.size;
    return [...here.values()];
  }

  /** Agents indexed. */
  get size(): number {
    return this.addressOf.size;
  }
}
