/**
 * The master's in-memory records of frameworks, agents, offers and tasks.
 * Plain data; the behaviour lives in the master's modules (see master.ts).
 */
import type {
  AgentInfo, DeclineRecordLike, Event, FrameworkInfo, MasterToAgentPart, Offer, Resource, Task, TaskStatus,
} from './state-types';
import type { TimerHandle } from '@meseta/runtime/clock';
import type { BoundedHistory } from './bounded-history';

export type { DeclineRecordLike, MasterToAgentPart } from './state-types';

/** Where a framework's events go (its subscription stream). */
export interface FrameworkSink {
  send(event: Event): void;
  /** End the stream, optionally after an ERROR event with this message. */
  close(error?: string): void;
}

/** Where an agent's commands go (its link stream). */
export interface AgentSink {
  send(part: MasterToAgentPart): void;
  close(): void;
}

export interface FrameworkRecord {
  id: string;
  info: FrameworkInfo;
  roles: string[];
  sink?: FrameworkSink;
  streamId?: string;
  connected: boolean;
  active: boolean;
  /** Known only from agents' reports (master restarted); not subscribed yet. */
  recovered: boolean;
  registeredTime: number;
  reregisteredTime?: number;
  unregisteredTime?: number;
  failoverTimer?: TimerHandle;
  failoverDeadline?: number;
  /** Set while the registry write removing it is in flight: calls and re-subscriptions are refused. */
  removing?: boolean;
  offers: Set<string>;
  /** Live tasks by task id. */
  tasks: Map<string, TaskRecord>;
  /** Terminal tasks, newest last, bounded in count and bytes (a view of `completedHistory`). */
  readonly completedTasks: readonly TaskRecord[];
  /** Recent declines, newest last, bounded in count and bytes (a view of `declineHistory`). */
  readonly recentDeclines: readonly DeclineRecordLike[];
  completedHistory: BoundedHistory<TaskRecord>;
  declineHistory: BoundedHistory<DeclineRecordLike>;
  suppressedRoles: Set<string>;
}

/** A custom executor running on an agent, as the master accounts for it. */
export interface ExecutorRecord {
  frameworkId: string;
  executorId: string;
  /** Its own resources, unallocated form. */
  resources: Resource[];
  /** The role they were allocated to. */
  role: string;
}

export type AgentStatus = 'ACTIVE' | 'DISCONNECTED' | 'UNREACHABLE' | 'GONE';

/** An agent's drain (the operator's DRAIN_AGENT), as the master and the registry keep it. */
export interface AgentDrain {
  /** DRAINING while tasks are left on it, then DRAINED. */
  state: 'DRAINING' | 'DRAINED';
  /** Caps each task's kill-policy grace period; absent: the tasks' own. */
  maxGracePeriodSeconds?: number;
  /** Mark the agent gone once drained. */
  markGone: boolean;
  /** When the drain began (seconds since the epoch). */
  since: number;
}

export interface AgentRecord {
  id: string;
  info: AgentInfo;
  total: Resource[];
  status: AgentStatus;
  sink?: AgentSink;
  /** Identifies the current link so a stale stream's close is ignored. */
  linkId: number;
  registeredTime: number;
  reregisteredTime?: number;
  unreachableTime?: number;
  lastSeen: number;
  version: string;
  offers: Set<string>;
  /** Live tasks on this agent, keyed `${frameworkId}/${taskId}`. */
  tasks: Map<string, TaskRecord>;
  /**
   * Custom executors the master launched here and has not heard the end of,
   * keyed `${frameworkId}/${executorId}`: their own resources stay allocated
   * until the agent reports them exited. Absent: none.
   */
  executors?: Map<string, ExecutorRecord>;
  removalTimer?: TimerHandle;
  /**
   * Set while the registry write marking it unreachable is in flight (Mesos's
   * `markingUnreachable`); a re-registration meanwhile clears it, cancelling
   * the transition.
   */
  markingUnreachable?: object;
  /** Set while the registry write marking it gone is in flight: re-registration is refused (retry). */
  markingGone?: boolean;
  /** Known only from the registry after a failover; not re-registered yet (and not in the allocator). */
  recovered?: boolean;
  /**
   * The host its current link comes from (the peer of its AgentLink
   * stream, `link-peer.ts`), set when the master answers `registered`.
   * The files relay calls this host, not the declared `info.hostname`.
   */
  linkPeerHost?: string;
  /**
   * The principal that registered it (authenticated clusters): only that
   * principal may re-register this id. Kept in the registry, so it holds
   * across master failovers (an agent admitted before authentication was
   * turned on is claimed by its first authenticated re-registration).
   */
  principal?: string;
  /** A recovered agent must re-register before this time (seconds since the epoch). */
  deadline?: number;
  /**
   * Its link closed before `registered` was sent: the agent never learned
   * this id, so its next registration without an id (same address) is
   * answered with it instead of admitting the agent twice.
   */
  neverAcknowledged?: boolean;
  /** No offers of it (DEACTIVATE_AGENT or DRAIN_AGENT); kept in the registry. */
  deactivated?: boolean;
  /** Set while draining or drained; kept in the registry. */
  drain?: AgentDrain;
  /**
   * Its dynamic reservations as the registry holds them (applied to what
   * the agent reports when it re-registers, `agent-reservations.ts`). Absent: none.
   */
  reservations?: Resource[];
  /**
   * Persistent volumes destroyed that it has not been told of yet
   * (`volume-destroys.ts`); written with its reservations so they survive
   * a master failover. Absent: none.
   */
  destroyedVolumes?: Resource[];
  /**
   * The registry write of its reservations that is queued and not begun
   * yet: later changes share it (`persistReservations`). Absent: none queued.
   */
  reservationsWrite?: Promise<boolean>;
}

/**
 * Where a kill of a task stands: none asked; asked while its agent was
 * away (sent when the agent re-registers, as Mesos does); sent to the agent.
 */
export type TaskKillState =
  | { phase: 'none' }
  | { phase: 'pending'; policy?: Task['kill_policy'] }
  | { phase: 'sent'; at: number };

export interface TaskRecord {
  task: Task;
  frameworkId: string;
  agentId: string;
  taskId: string;
  /** Unallocated resources the task holds. */
  resources: Resource[];
  /** The role its resources are allocated to (the offer's role). */
  role: string;
  /** Status history, oldest first; an update resent with the same uuid is recorded once. */
  statuses: TaskStatus[];
  latest?: TaskStatus;
  kill: TaskKillState;
  /**
   * Seconds since the epoch when the master sent the launch, until the agent
   * reports the task (an update, or the task in its re-registration); a
   * launch never reported is swept as lost. Undefined once reported, and for
   * tasks learned from an agent.
   */
  awaitingReportSince?: number;
}

export interface OfferRecord {
  id: string;
  offer: Offer;
  frameworkId: string;
  agentId: string;
  role: string;
  /** Unallocated form. */
  resources: Resource[];
  createdAt: number;
  timer?: TimerHandle;
}

/** Key of a task on an agent. */
export function taskKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}/${taskId}`;
}
