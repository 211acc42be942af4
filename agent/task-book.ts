/**
 * The agent's records: the tasks it runs (or ran and still reports), their
 * frameworks, recently completed tasks for `/state`, and the resources its
 * live tasks hold.
 */
import type { FrameworkInfo, Reason, Resource, StatusUpdate, Task, TaskInfo, TaskStatus, v1 } from '@meseta/proto/wire';
import { TaskState, enumName } from '@meseta/proto/wire';
import { isTerminal } from '@meseta/proto/task-state';
import { add, normalize, subtract } from '@meseta/proto/resources';
import type { Containerizer } from './containerizer';
import type { Sandbox } from './sandbox';

/** Completed tasks kept for `/state`. */
export const MAX_COMPLETED_TASKS = 1000;
/** Statuses kept per task. */
export const MAX_STATUSES_PER_TASK = 20;

/** Where a task is in its life on this agent. */
export type TaskPhase = 'launching' | 'running' | 'killing' | 'terminated';

/** A task the agent runs, or ran and still reports. */
export interface AgentTask {
  frameworkId: string;
  taskId: string;
  info: TaskInfo;
  executorId?: string;
  containerId: string;
  /** The parent container of its task group (pod), when it runs nested in one. */
  podId?: string;
  phase: TaskPhase;
  /** Latest state (TASK_STAGING until the first update). */
  state: TaskState;
  /** Recent statuses, oldest first. */
  statuses: TaskStatus[];
  sandbox?: Sandbox;
  containerizer?: Containerizer;
  pid?: number;
  /** Its CNI network and addresses (`container_status.network_infos` of its statuses), when it has one. */
  networkInfos?: v1.INetworkInfo[];
  /** The OS user it runs as when not the agent's (set at launch; not checkpointed). */
  user?: { uid: number; gid: number };
  killRequested: boolean;
  killReason?: Reason;
  /** Set when the agent ends it for passing a limit (its disk): it then ends TASK_FAILED with this reason and message. */
  limitation?: { reason: Reason; message: string };
}

/** A framework with tasks on this agent. */
export interface AgentFramework {
  id: string;
  info: FrameworkInfo;
  /** Ids of its tasks the book still holds. */
  tasks: Set<string>;
  shuttingDown: boolean;
}

/** Resources without reservations or allocation role, to compare amounts only. */
export function flatten(resources: readonly Resource[] | null | undefined): Resource[] {
  return normalize(
    (resources ?? []).map((r) => {
      const copy: Resource = { ...r };
      delete copy.reservations;
      delete copy.allocation_role;
      delete copy.disk; // a persistent volume's disk counts as disk
      delete copy.role;
      delete copy.reservation;
      return copy;
    }),
  );
}

function taskKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u0000${taskId}`;
}

/** Tasks and frameworks by id, with the resources live tasks hold. */
export class TaskBook {
  private readonly tasks = new Map<string, AgentTask>();
  private readonly frameworks = new Map<string, AgentFramework>();
  private readonly completedTasks: AgentTask[] = [];
  /** Tasks forgotten in each terminal state (`TASK_FINISHED`, …) since the agent started: Mesos's `slave/tasks_*` counters. */
  readonly ended = new Map<string, number>();
  /** Resources of every task not terminated (flattened), kept incrementally. */
  private usedResources: Resource[] = [];

  /** Every task held, in insertion order. */
  all(): AgentTask[] {
    return [...this.tasks.values()];
  }

  /** The tasks of one framework. */
  tasksOf(frameworkId: string): AgentTask[] {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return [];
    return [...framework.tasks].map((id) => this.tasks.get(taskKey(frameworkId, id))).filter((t): t is AgentTask => !!t);
  }

  /** A task by framework and id. */
  get(frameworkId: string, taskId: string): AgentTask | undefined {
    return this.tasks.get(taskKey(frameworkId, taskId));
  }

  /** A task by id, in the given framework or (framework empty) in any. */
  find(frameworkId: string, taskId: string): AgentTask | undefined {
    if (frameworkId) return this.get(frameworkId, taskId);
    for (const task of this.tasks.values()) if (task.taskId === taskId) return task;
    return undefined;
  }

  /** Add a new (launching) task; a terminal task with the same id is moved to the completed list. */
  add(task: AgentTask, framework: AgentFramework): void {
    const previous = this.get(task.frameworkId, task.taskId);
    if (previous) this.forget(previous);
    this.tasks.set(taskKey(task.frameworkId, task.taskId), task);
    if (task.phase !== 'terminated') this.usedResources = add(this.usedResources, flatten(task.info.resources));
    framework.tasks.add(task.taskId);
  }

  /** The task's resources are free again. Returns false when it was already terminated. */
  markTerminated(task: AgentTask): boolean {
    if (task.phase === 'terminated') return false;
    task.phase = 'terminated';
    this.usedResources = subtract(this.usedResources, flatten(task.info.resources));
    return true;
  }

  /** Drop a task (its updates are all acknowledged, or its framework is gone); it joins the completed list. */
  forget(task: AgentTask): void {
    if (this.tasks.get(taskKey(task.frameworkId, task.taskId)) !== task) return;
    this.markTerminated(task);
    this.tasks.delete(taskKey(task.frameworkId, task.taskId));
    this.completedTasks.push(task);
    if (this.completedTasks.length > MAX_COMPLETED_TASKS) this.completedTasks.shift();
    if (isTerminal(task.state)) {
      const state = enumName(TaskState, task.state);
      this.ended.set(state, (this.ended.get(state) ?? 0) + 1);
    }
    const framework = this.frameworks.get(task.frameworkId);
    if (!framework) return;
    framework.tasks.delete(task.taskId);
    if (framework.tasks.size === 0 && !framework.shuttingDown) this.frameworks.delete(framework.id);
  }

  /** The framework record, created or updated with the latest info. */
  upsertFramework(frameworkId: string, info: FrameworkInfo | null | undefined): AgentFramework {
    let framework = this.frameworks.get(frameworkId);
    if (!framework) {
      framework = { id: frameworkId, info: info ?? { id: { value: frameworkId } }, tasks: new Set(), shuttingDown: false };
      this.frameworks.set(frameworkId, framework);
    } else if (info) {
      framework.info = info;
    }
    return framework;
  }

  framework(frameworkId: string): AgentFramework | undefined {
    return this.frameworks.get(frameworkId);
  }

  /** Drop a framework and every task it still has. */
  removeFramework(frameworkId: string): void {
    for (const task of this.tasksOf(frameworkId)) this.forget(task);
    this.frameworks.delete(frameworkId);
  }

  /** Every framework's info. */
  frameworkInfos(): FrameworkInfo[] {
    return [...this.frameworks.values()].map((f) => f.info);
  }

  /** Forget everything (the agent starts over as a new agent). */
  clear(): void {
    this.tasks.clear();
    this.frameworks.clear();
    this.usedResources = [];
  }

  /** A custom executor started: its own resources count as used until it ends (as Mesos counts them with its tasks). */
  holdExecutor(resources: readonly Resource[] | null | undefined): void {
    this.usedResources = add(this.usedResources, flatten(resources));
  }

  /** A custom executor ended: its resources are free again. */
  releaseExecutor(resources: readonly Resource[] | null | undefined): void {
    this.usedResources = subtract(this.usedResources, flatten(resources));
  }

  /** Resources held by live tasks and custom executors (flattened). */
  used(): Resource[] {
    return this.usedResources;
  }

  /** What is left of `total` for new tasks (flattened). */
  remaining(total: readonly Resource[]): Resource[] {
    return subtract(flatten(total), this.usedResources);
  }

  /** Recently forgotten tasks, oldest first. */
  completed(): AgentTask[] {
    return [...this.completedTasks];
  }
}

/**
 * A task as the `register` message carries it: `state` is its latest state,
 * `status_update_state` / `status_update_uuid` the oldest unacknowledged
 * update (the one being resent), `statuses` its latest status.
 */
export function taskMessage(task: AgentTask, pendingHead: StatusUpdate | undefined, agentId: string | undefined): Task {
  const latest = task.statuses[task.statuses.length - 1];
  const message: Task = {
    name: task.info.name,
    task_id: { value: task.taskId },
    framework_id: { value: task.frameworkId },
    state: task.state,
    resources: task.info.resources,
    statuses: latest ? [latest] : [],
    labels: task.info.labels,
    discovery: task.info.discovery,
    container: task.info.container,
    health_check: task.info.health_check,
    kill_policy: task.info.kill_policy,
    command: task.info.command,
  };
  if (task.executorId) message.executor_id = { value: task.executorId };
  if (agentId) message.agent_id = { value: agentId };
  if (pendingHead?.status) {
    message.status_update_state = pendingHead.status.state;
    message.status_update_uuid = pendingHead.status.uuid;
  }
  return message;
}
