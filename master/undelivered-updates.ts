/**
 * Which agents sent a status update the master could not forward because
 * its framework had no stream (disconnected, or not re-subscribed yet after
 * a master failover). When that framework subscribes, the master asks these
 * agents too to resend at once, not only the agents of the tasks it knows:
 * otherwise such an update (a refusal of a task the master never learned of)
 * would come again only on the agent's resend backoff.
 *
 * Pure and bounded: at most `maxFrameworks` frameworks are remembered, the
 * least recently noted forgotten first (their agents still resend on backoff).
 */
export class UndeliveredUpdates {
  private readonly byFramework = new Map<string, Set<string>>();

  /** @param maxFrameworks how many frameworks to remember @default 10000 */
  constructor(readonly maxFrameworks = 10_000) {}

  /** An update of `frameworkId` from `agentId` was not forwarded. */
  note(frameworkId: string, agentId: string): void {
    let agents = this.byFramework.get(frameworkId);
    if (agents) this.byFramework.delete(frameworkId);
    else agents = new Set();
    agents.add(agentId);
    this.byFramework.set(frameworkId, agents);
    while (this.byFramework.size > this.maxFrameworks) {
      this.byFramework.delete(this.byFramework.keys().next().value as string);
    }
  }

  /** The agents noted for `frameworkId` (then forgotten): the framework has a stream again. */
  take(frameworkId: string): string[] {
    const agents = this.byFramework.get(frameworkId);
    this.byFramework.delete(frameworkId);
    return agents ? [...agents] : [];
  }

  /** How many frameworks are remembered. */
  get size(): number {
    return this.byFramework.size;
  }
}
