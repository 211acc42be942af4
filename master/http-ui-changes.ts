/**
 * Pure bookkeeping behind the web UI's event stream: which entities changed
 * since the last delta ({@link ChangeTracker}), which cluster events are worth
 * showing an operator ({@link uiEventOf}), and a bounded list of them
 * ({@link RecentEvents}). No I/O; the stream in http-events.ts drives it.
 */
import type { ClusterEvent } from './cluster-events';
import type { UiEvent } from './http-ui-types';

/** What changed since the last {@link ChangeTracker.take}. */
export interface Changes {
  agents: Set<string>;
  frameworks: Set<string>;
  /** Every framework's row may have changed (e.g. shares moved because an agent came or went). */
  allFrameworks: boolean;
  /** Task ids by framework id. */
  tasks: Map<string, Set<string>>;
  /** Offers were made, accepted, declined or rescinded; the stream diffs them. */
  offers: boolean;
  /** Roles need recomputing (some framework or allocation changed). */
  roles: boolean;
}

function emptyChanges(): Changes {
  return { agents: new Set(), frameworks: new Set(), allFrameworks: false, tasks: new Map(), offers: false, roles: false };
}

/** Collects the ids touched by cluster events, to send each changed entity once per delta. */
export class ChangeTracker {
  private changes = emptyChanges();
  private count = 0;

  /** Record what an event touches. */
  note(event: ClusterEvent): void {
    this.count++;
    const c = this.changes;
    switch (event.type) {
      case 'AGENT_ADDED':
      case 'AGENT_UPDATED':
      case 'AGENT_REMOVED':
        c.agents.add(event.agentId);
        c.allFrameworks = true;
        c.roles = true;
        return;
      case 'FRAMEWORK_ADDED':
      case 'FRAMEWORK_UPDATED':
      case 'FRAMEWORK_REMOVED':
        c.frameworks.add(event.frameworkId);
        c.roles = true;
        return;
      case 'TASK_ADDED':
      case 'TASK_UPDATED': {
        let ids = c.tasks.get(event.frameworkId);
        if (!ids) c.tasks.set(event.frameworkId, (ids = new Set()));
        ids.add(event.taskId);
        c.agents.add(event.agentId);
        c.frameworks.add(event.frameworkId);
        c.roles = true;
        return;
      }
      case 'ROLES_CHANGED':
        c.roles = true;
        return;
      case 'OFFERS_CHANGED':
        c.offers = true;
        return;
      case 'DECLINE':
        c.frameworks.add(event.frameworkId);
        return;
    }
  }

  /** Mark an agent and a framework changed (their offered resources moved). */
  touch(agentId: string, frameworkId: string): void {
    this.count++;
    this.changes.agents.add(agentId);
    this.changes.frameworks.add(frameworkId);
  }

  /** True when nothing was noted since the last take. */
  get empty(): boolean {
    return this.count === 0;
  }

  /** Everything noted so far; starts afresh. */
  take(): Changes {
    const out = this.changes;
    this.changes = emptyChanges();
    this.count = 0;
    return out;
  }
}

/** Add the changes of `from` to `into` (for a client that missed some deltas); returns `into`. */
export function mergeChanges(into: Changes, from: Changes): Changes {
  for (const id of from.agents) into.agents.add(id);
  for (const id of from.frameworks) into.frameworks.add(id);
  for (const [fid, ids] of from.tasks) {
    let mine = into.tasks.get(fid);
    if (!mine) into.tasks.set(fid, (mine = new Set()));
    for (const id of ids) mine.add(id);
  }
  into.allFrameworks ||= from.allFrameworks;
  into.offers ||= from.offers;
  into.roles ||= from.roles;
  return into;
}

/** Nothing changed. */
export function noChanges(): Changes {
  return emptyChanges();
}

/** Ids in `current` but not in `previous` (added) and the other way round (removed). */
export function diffIds<T>(previous: ReadonlyMap<string, T>, current: ReadonlyMap<string, unknown>): { added: string[]; removed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  for (const id of current.keys()) if (!previous.has(id)) added.push(id);
  for (const id of previous.keys()) if (!current.has(id)) removed.push(id);
  return { added, removed };
}

/** Task states an operator wants to hear about, with how loudly. */
const NOTABLE_TASK_STATES: Record<string, UiEvent['severity']> = {
  TASK_FAILED: 'error',
  TASK_ERROR: 'error',
  TASK_LOST: 'error',
  TASK_DROPPED: 'warning',
  TASK_GONE: 'error',
  TASK_GONE_BY_OPERATOR: 'warning',
  TASK_UNREACHABLE: 'warning',
  TASK_KILLED: 'info',
};

/** What {@link uiEventOf} may look up about the cluster at the time of the event. */
export interface EventContext {
  /** The framework's name and whether it is connected now, if it is known. */
  framework(id: string): { name: string; connected: boolean } | undefined;
  /** A task's name, if it is known. */
  taskName(frameworkId: string, taskId: string): string | undefined;
  /** An agent's `host:port`, if it is known. */
  agentAddress(agentId: string): string | undefined;
}

/**
 * The operator-facing form of a cluster event, or undefined for the
 * chatter (offers made and declined, tasks starting or finishing well).
 */
export function uiEventOf(event: ClusterEvent, seq: number, time: number, context: EventContext): UiEvent | undefined {
  const agent = (id: string, hostname: string): string => context.agentAddress(id) ?? hostname;
  switch (event.type) {
    case 'AGENT_ADDED':
      return { seq, time, type: event.type, severity: 'info', agent_id: event.agentId, text: `agent ${agent(event.agentId, event.hostname)} registered` };
    case 'AGENT_UPDATED': {
      const severity = event.status === 'ACTIVE' ? 'info' : event.status === 'DISCONNECTED' ? 'warning' : 'error';
      const what = event.status === 'ACTIVE' ? 'is active again' : `is ${event.status.toLowerCase()}`;
      return { seq, time, type: event.type, severity, agent_id: event.agentId, text: `agent ${agent(event.agentId, event.hostname)} ${what}` };
    }
    case 'AGENT_REMOVED':
      return { seq, time, type: event.type, severity: 'error', agent_id: event.agentId, text: `agent ${agent(event.agentId, event.hostname)} is gone` };
    case 'FRAMEWORK_ADDED':
      return { seq, time, type: event.type, severity: 'info', framework_id: event.frameworkId, text: `framework ${event.name} subscribed` };
    case 'FRAMEWORK_UPDATED': {
      const connected = context.framework(event.frameworkId)?.connected ?? false;
      return {
        seq, time, type: event.type, severity: connected ? 'info' : 'warning', framework_id: event.frameworkId,
        text: `framework ${event.name} ${connected ? 're-subscribed' : 'disconnected'}`,
      };
    }
    case 'FRAMEWORK_REMOVED':
      return { seq, time, type: event.type, severity: 'warning', framework_id: event.frameworkId, text: `framework ${event.name} removed` };
    case 'TASK_UPDATED': {
      const severity = NOTABLE_TASK_STATES[event.state];
      if (!severity) return undefined;
      const name = context.taskName(event.frameworkId, event.taskId);
      const label = name && name !== event.taskId ? `${event.taskId} (${name})` : event.taskId;
      return {
        seq, time, type: event.type, severity, framework_id: event.frameworkId, agent_id: event.agentId, task_id: event.taskId,
        text: `task ${label} ${event.state.replace(/^TASK_/, '').toLowerCase().replace(/_/g, ' ')}${event.message ? `: ${event.message}` : ''}`,
      };
    }
    default:
      return undefined;
  }
}

/** The newest events, at most `capacity` of them, oldest first. */
export class RecentEvents {
  private readonly items: UiEvent[] = [];

  constructor(readonly capacity: number) {}

  /** Keep an event, forgetting the oldest beyond capacity. */
  push(event: UiEvent): void {
    this.items.push(event);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  /** Events with `seq` greater than `afterSeq`, oldest first. */
  since(afterSeq: number): UiEvent[] {
    let i = this.items.length;
    while (i > 0 && this.items[i - 1].seq > afterSeq) i--;
    return this.items.slice(i);
  }

  /** All kept events, oldest first. */
  all(): UiEvent[] {
    return [...this.items];
  }
}
