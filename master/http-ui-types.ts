/**
 * The web UI's wire model: what `GET /api/v1/events` (server-sent events)
 * sends, a first {@link UiSnapshot} and then {@link UiDelta}s. Compact rows
 * made for tables and charts (a task is ~200 bytes, not its whole TaskInfo;
 * `GET /api/v1/tasks/<framework>/<task>` gives the whole task).
 *
 * Types only: the browser bundle (master/webui) shares this file.
 */
import type { PackedTasks } from './http-ui-pack';

/** Scalar amounts by resource name: `{ cpus: 2, mem: 1024, disk: 4096 }`. */
export type UiResources = Record<string, number>;

/** Agent statuses, as the master keeps them. */
export type UiAgentStatus = 'ACTIVE' | 'DISCONNECTED' | 'UNREACHABLE' | 'GONE';

/** One agent row. Times are seconds since the epoch. */
export interface UiAgent {
  id: string;
  hostname: string;
  /** The agent's own HTTP/gRPC port. */
  port: number;
  status: UiAgentStatus;
  version: string;
  registered_time: number;
  reregistered_time?: number;
  unreachable_time?: number;
  total: UiResources;
  allocated: UiResources;
  offered: UiResources;
  /** All total resources as text, ranges included: `cpus:4;mem:1024;ports:[31000-32000]`. */
  resources_text: string;
  /** Attributes as `name → text`. */
  attributes: Record<string, string>;
  /** Live tasks on the agent. */
  task_count: number;
  /** What the operator set: no offers (DEACTIVATED), or its drain. Absent: neither. */
  operator_state?: 'DEACTIVATED' | 'DRAINING' | 'DRAINED';
}

/**
 * Whether waiting can help (`InsufficientResource.Code`, as judged by the
 * master): `NEVER`, larger than any agent of the role has in total;
 * `NOT_NOW`, an agent is large enough and the cluster is busy.
 */
export type UiRefusalCode = 'NEVER' | 'NOT_NOW';

/** One reason a task did not fit an offer, as the framework declared it. */
export interface UiRefusal {
  resource: string;
  requested: number;
  available: number;
  /** The framework's wording, e.g. `cpus: asked 4, largest offer 2`. */
  message: string;
  /** The pending task it is about, when the framework said. */
  task_id?: string;
  /** Never fits, or not now; absent when unknown (e.g. a placement constraint). */
  code?: UiRefusalCode;
}

/** One declined offer and why. */
export interface UiDecline {
  offer_id: string;
  agent_id: string;
  timestamp: number;
  refuse_seconds: number;
  refusals: UiRefusal[];
}

/** One framework row (live or completed). */
export interface UiFramework {
  id: string;
  name: string;
  user: string;
  hostname: string;
  principal: string;
  webui_url: string;
  roles: string[];
  capabilities: string[];
  active: boolean;
  connected: boolean;
  /** Known only from agents' reports after a master restart. */
  recovered: boolean;
  suppressed: boolean;
  /** Removed (torn down or failed over too late). */
  completed: boolean;
  registered_time: number;
  reregistered_time?: number;
  unregistered_time?: number;
  failover_timeout: number;
  /** When a disconnected framework will be removed (seconds since the epoch). */
  failover_deadline?: number;
  allocated: UiResources;
  offered: UiResources;
  dominant_share: number;
  task_count: number;
  offer_count: number;
  /** Recent declines, newest last. */
  declines: UiDecline[];
  /**
   * Its offer filters (FrameworkInfo.offer_filters): per role, the sets of
   * minimum quantities an offer must hold one of. Absent when it set none.
   */
  offer_filters?: Array<{ role: string; min_allocatable: UiResources[] }>;
}

/** One task row (live or completed). */
export interface UiTask {
  id: string;
  name: string;
  framework_id: string;
  agent_id: string;
  /** `TASK_RUNNING`, ... */
  state: string;
  resources: UiResources;
  /** `MESOS`, `DOCKER`, or '' for a plain command. */
  container: string;
  executor_id: string;
  /** Time of the first status (staging). */
  started: number;
  /** Time of the latest status. */
  updated: number;
  /** Message of the latest status. */
  message: string;
  /** Reason of the latest status, e.g. `REASON_COMMAND_EXECUTOR_FAILED`. */
  reason: string;
  /** Terminal and moved to the completed tasks. */
  completed: boolean;
}

/** One outstanding offer. */
export interface UiOffer {
  id: string;
  framework_id: string;
  agent_id: string;
  hostname: string;
  resources: UiResources;
  resources_text: string;
  /** When it was made (seconds since the epoch). */
  created: number;
}

/** One role. */
export interface UiRole {
  name: string;
  weight: number;
  frameworks: string[];
  allocated: UiResources;
  dominant_share: number;
}

/** One role of the roles page's tree (`GET /api/v1/roles`). */
export interface UiRoleRow {
  name: string;
  /** The role above; absent for a top-level role. */
  parent?: string;
  /** Levels below the top (`eng/backend`: 1). */
  depth: number;
  children: string[];
  weight: number;
  /** Absent when the role has no quota. */
  guarantee?: UiResources;
  /** Absent when the role has no quota. */
  limit?: UiResources;
  frameworks: string[];
  /** What its frameworks' tasks hold. */
  allocated: UiResources;
  /** What is reserved to it on the agents (its own, not its children's). */
  reserved: UiResources;
  /** A role with children: what its and its descendants' frameworks hold. */
  allocated_subtree?: UiResources;
  /** A role with children: what is reserved to it and its descendants. */
  reserved_subtree?: UiResources;
  dominant_share: number;
}

/** `GET /api/v1/roles`: the roles page's data, apart from the event stream. */
export interface UiRoleTree {
  roles: UiRoleRow[];
}

/** One reservation on an agent: its reservation stack's innermost entry and what it holds. */
export interface UiReservation {
  role: string;
  type: 'STATIC' | 'DYNAMIC';
  /** The roles it refines, outermost first (a reservation to `eng/be` refining one to `eng`). */
  refines?: string[];
  principal?: string;
  labels: Array<{ key: string; value?: string }>;
  /** Scalar amounts by resource name. */
  amounts: UiResources;
  /** Every resource as text (`cpus:1;ports:[31000-31005]`). */
  text: string;
}

/** A persistent volume on an agent (from the agent's `volumes` in `/state`). */
export interface UiVolume {
  persistence_id: string;
  role: string;
  principal?: string;
  container_path: string;
  mode: 'RW' | 'RO';
  disk_mb: number;
  used_by_task_ids: string[];
}

/** `GET /api/v1/agents/<id>/storage`: an agent's reservations and persistent volumes. */
export interface UiAgentStorage {
  agent_id: string;
  reservations: UiReservation[];
  volumes: UiVolume[];
}

/** Something that happened, for the overview's recent events. */
export interface UiEvent {
  /** Increasing number, unique per master run. */
  seq: number;
  time: number;
  /** The cluster event type: `AGENT_ADDED`, `TASK_UPDATED`, `DECLINE`, ... */
  type: string;
  severity: 'info' | 'warning' | 'error';
  agent_id?: string;
  framework_id?: string;
  task_id?: string;
  /** Human text, e.g. `agent web-1 is UNREACHABLE`. */
  text: string;
}

/** Master identity and counters. */
export interface UiSummary {
  master_id: string;
  hostname: string;
  port: number;
  version: string;
  /** This master is the leader (there is one master). */
  leader: string;
  start_time: number;
  elected_time: number;
  /** The master's clock when this was sent (to show ages without skew). */
  server_time: number;
  /** Counters from /metrics: `tasks_launched`, `tasks_failed`, `offers_declined`, ... */
  counters: Record<string, number>;
  /** Tasks the master knows, counted on the master (so the overview needs no task rows). */
  tasks: UiTaskCounts;
  /** Outstanding offers. */
  offers: number;
  /** Agents by status and the cluster's resources, summed on the master (so the overview needs no agent rows). */
  agents: UiAgentCounts;
}

/**
 * Agents by status and the scalars of the cluster, for the overview: what
 * active agents have in total and what their live tasks hold, and what
 * outstanding offers hold. Amounts are exact to 0.001 (Mesos's fixed point).
 */
export interface UiAgentCounts {
  /** `ACTIVE`: 49,990, `GONE`: 10, …; statuses without agents are left out. */
  by_status: Record<string, number>;
  total: UiResources;
  allocated: UiResources;
  offered: UiResources;
}

/** Task counts for the overview. */
export interface UiTaskCounts {
  /** Tasks not yet terminal. */
  live: number;
  /** Terminal tasks the master still keeps. */
  completed: number;
  /** Live and completed tasks by state. */
  by_state: Record<string, number>;
}

/**
 * The first message of the stream: everything but the agent, offer and
 * task rows, which follow at once in `agents` messages ({@link UiAgentChunk}),
 * an `offers` message ({@link UiOffers}) and `tasks` messages
 * ({@link UiTaskChunk}), so the overview can show from a few KB before
 * 50,000 agent rows and 500,000 task rows have been read.
 * (`GET /api/v1/snapshot` carries every row in its one document.)
 */
export interface UiSnapshot {
  summary: UiSummary;
  /** Agent rows carried in this message (none on the event stream: they follow in `agents` messages). */
  agents: UiAgent[];
  /** How many agent rows this message and the `agents` messages after it carry in all. */
  agent_count?: number;
  frameworks: UiFramework[];
  /** How many task rows the `tasks` messages after this one carry in all. */
  task_count: number;
  roles: UiRole[];
  events: UiEvent[];
}

/** Part of the snapshot's agent rows (the messages right after it). */
export interface UiAgentChunk {
  agents: UiAgent[];
  /** Rows still to come in later chunks; 0 in the last one. */
  remaining: number;
}

/** The snapshot's outstanding offers (the message after its agent rows). */
export interface UiOffers {
  offers: UiOffer[];
}

/** Part of the snapshot's task rows (live and completed), packed: ~60 bytes a task instead of ~330. */
export interface UiTaskChunk {
  tasks: PackedTasks;
  /** Rows still to come in later chunks; 0 in the last one. */
  remaining: number;
}

/** `GET /api/v1/snapshot`: the snapshot with all its task rows in one document. */
export interface UiFullSnapshot extends UiSnapshot {
  offers: UiOffer[];
  tasks: PackedTasks;
}

/** What changed since the previous message. Absent fields mean no change. */
export interface UiDelta {
  summary: UiSummary;
  /** Agents added or changed (whole rows). */
  agents?: UiAgent[];
  agents_removed?: string[];
  /** Frameworks added or changed; a removed framework comes back with `completed: true`. */
  frameworks?: UiFramework[];
  frameworks_removed?: string[];
  /** Tasks added or changed; a finished task comes back with `completed: true`. */
  tasks?: UiTask[];
  offers?: UiOffer[];
  offers_removed?: string[];
  /** When set, the whole list of roles. */
  roles?: UiRole[];
  /** New events, oldest first. */
  events?: UiEvent[];
}

/** A task's full record for its page (`GET /api/v1/tasks/<framework>/<task>`). */
export interface UiTaskDetail {
  /** The Task message as Mesos JSON (TaskInfo fields, statuses with history). */
  task: Record<string, unknown>;
  completed: boolean;
  /** Where the task's sandbox is on its agent, for `/files` (`frameworks/<f>/tasks/<t>/runs/latest`). */
  sandbox_path: string;
  agent?: { id: string; hostname: string; port: number; status: UiAgentStatus };
}

/** A directory entry from the agent's `/files/browse`. */
export interface UiFileEntry {
  path: string;
  name: string;
  size: number;
  mode: string;
  mtime: number;
  is_dir: boolean;
}

/** A piece of a file from the agent's `/files/read`. */
export interface UiFileChunk {
  data: string;
  offset: number;
}

/** An error body from any `/api/v1` endpoint. */
export interface UiError {
  error: string;
}
