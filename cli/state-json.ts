/**
 * The master's state as its HTTP `/state` serves it (and `meseta state`
 * prints it): Mesos-style JSON with snake_case fields, enum values by name
 * and fields left out when unset. The types name only what the CLI reads.
 *
 * The read-only verbs work on this form so they need no protobuf code at
 * run time. Two facts of the wire contract are restated here by name —
 * which task states are terminal, and how scalar amounts add up — and a
 * unit test checks both against `proto/src` for every value.
 */

/** `{ value }` id wrappers (AgentID, FrameworkID, TaskID). */
export interface IdJson {
  value?: string;
}

/** A resource; `type` is `SCALAR`, `RANGES`, `SET` or `TEXT`, absent meaning SCALAR. */
export interface ResourceJson {
  name?: string;
  type?: string;
  scalar?: { value?: number };
  [field: string]: unknown;
}

/** AgentInfo. */
export interface AgentInfoJson {
  id?: IdJson;
  hostname?: string;
  /** Absent means the contract's default, {@link DEFAULT_AGENT_PORT}. */
  port?: number;
  resources?: ResourceJson[];
  [field: string]: unknown;
}

/** AgentState: `status` is ACTIVE, DISCONNECTED, UNREACHABLE or GONE (absent: ACTIVE). */
export interface AgentStateJson {
  agent_info?: AgentInfoJson;
  status?: string;
  total_resources?: ResourceJson[];
  allocated_resources?: ResourceJson[];
  address?: { hostname?: string; ip?: string; port?: number };
  [field: string]: unknown;
}

/** FrameworkState. */
export interface FrameworkStateJson {
  framework_info?: { id?: IdJson; name?: string; role?: string; roles?: string[]; [field: string]: unknown };
  active?: boolean;
  connected?: boolean;
  allocated_resources?: ResourceJson[];
  dominant_share?: number;
  [field: string]: unknown;
}

/** Task: `state` by name (absent: TASK_STARTING, the enum's first value). */
export interface TaskJson {
  task_id?: IdJson;
  name?: string;
  framework_id?: IdJson;
  agent_id?: IdJson;
  state?: string;
  resources?: ResourceJson[];
  [field: string]: unknown;
}

/** ClusterState, the body of `/state`. */
export interface ClusterStateJson {
  master_info?: Record<string, unknown>;
  agents?: AgentStateJson[];
  frameworks?: FrameworkStateJson[];
  completed_frameworks?: FrameworkStateJson[];
  tasks?: TaskJson[];
  completed_tasks?: TaskJson[];
  [field: string]: unknown;
}

/** `AgentInfo.port`'s default in the contract (`[default = 5051]`). */
export const DEFAULT_AGENT_PORT = 5051;

/** Task states after which a task never runs again (TASK_UNREACHABLE is not one). */
export const TERMINAL_TASK_STATES: ReadonlySet<string> = new Set([
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
  'TASK_LOST',
]);

/** The state of a task, by name, with the contract's default for an absent one. */
export function taskStateName(task: TaskJson): string {
  return task.state ?? 'TASK_STARTING';
}

/** True when the task has ended for good. */
export function isTerminalTask(task: TaskJson): boolean {
  return TERMINAL_TASK_STATES.has(taskStateName(task));
}

/** `{ value }` to its string, '' when absent. */
export function idText(id: IdJson | undefined): string {
  return id?.value ?? '';
}

/**
 * The amount of the scalar resource `name` across roles and reservations,
 * rounded to thousandths as the resource arithmetic rounds every sum.
 */
export function scalarAmount(resources: readonly ResourceJson[] | undefined, name: string): number {
  let total = 0;
  for (const r of resources ?? []) {
    if (r.name !== name || (r.type ?? 'SCALAR') !== 'SCALAR') continue;
    total = Math.round((total + (r.scalar?.value ?? 0)) * 1000) / 1000;
  }
  return total;
}
