/**
 * The master's in-memory records of frameworks, agents, offers and tasks.
 * Plain data; the behaviour lives in master.ts.
 */
import type {
  AgentInfo, DeclineRecordLike, Event, FrameworkInfo, MasterToAgentPart, Offer, Resource, Task, TaskStatus,
} from './state-types';
import type { TimerHandle } from '../runtime/clock';

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
  offers: Set<string>;
  /** Live tasks by task id. */
  tasks: Map<string, TaskRecord>;
  /** Terminal tasks, newest last, bounded. */
  completedTasks: TaskRecord[];
  recentDeclines: DeclineRecordLike[];
  suppressedRoles: Set<string>;
}

export type AgentStatus = 'ACTIVE' | 'DISCONNECTED' | 'UNREACHABLE' | 'GONE';

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
  removalTimer?: TimerHandle;
  /** Known only from the registry after a failover; not re-registered yet (and not in the allocator). */
  recovered?: boolean;
  /** A recovered agent must re-register before this time (seconds since the epoch). */
  deadline?: number;
}

export interface TaskRecord {
  task: Task;
  frameworkId: string;
  agentId: string;
  taskId: string;
  /** Unallocated resources the task holds. */
  resources: Resource[];
  statuses: TaskStatus[];
  latest?: TaskStatus;
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
