/**
 * Changes in the cluster as they happen, for live views (the web UI's
 * server-sent events, an operator event stream). Modelled on the Mesos
 * operator API events. Publishing with no subscriber costs one check.
 */

/** One change. Ids only: a subscriber reads details from the state view. */
export type ClusterEvent =
  | { type: 'AGENT_ADDED' | 'AGENT_UPDATED' | 'AGENT_REMOVED'; agentId: string; status: string; hostname: string }
  | { type: 'FRAMEWORK_ADDED' | 'FRAMEWORK_UPDATED' | 'FRAMEWORK_REMOVED'; frameworkId: string; name: string }
  | { type: 'TASK_ADDED' | 'TASK_UPDATED'; frameworkId: string; taskId: string; agentId: string; state: string; message?: string }
  | {
      type: 'OFFERS_CHANGED';
      /** Ids of the offers made, when the publisher names them. */
      added?: readonly string[];
      /** Ids of the offers taken back (accepted, declined, rescinded), when the publisher names them. */
      removed?: readonly string[];
    }
  | { type: 'ROLES_CHANGED'; roles: string[] }
  | { type: 'DECLINE'; frameworkId: string; agentId: string; refusals: string[] };

/** The agent whose row an event changes (an agent's own event, or one of its tasks'), or undefined. */
export function agentTouchedBy(event: ClusterEvent): string | undefined {
  switch (event.type) {
    case 'AGENT_ADDED':
    case 'AGENT_UPDATED':
    case 'AGENT_REMOVED':
    case 'TASK_ADDED':
    case 'TASK_UPDATED':
      return event.agentId;
    default:
      return undefined;
  }
}

/** A subscriber; it must not throw (errors are swallowed and logged by nobody). */
export type ClusterEventListener = (event: ClusterEvent) => void;

/** Fan-out of cluster events to subscribers. */
export class ClusterEvents {
  private readonly listeners = new Set<ClusterEventListener>();

  /** Subscribe; returns the unsubscribe function. */
  subscribe(listener: ClusterEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True when someone listens (so callers can skip building events). */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Deliver an event to every subscriber. */
  publish(event: ClusterEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken subscriber never breaks the master.
      }
    }
  }
}
