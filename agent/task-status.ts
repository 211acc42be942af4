/**
 * Building the TaskStatus values the agent sends, and the pure rules that
 * choose their state: how a container's end maps to a terminal state, what
 * an unknown task is called for a given framework.
 */
import type { FrameworkInfo, Reason, StatusUpdate, TaskState, TaskStatus, v1 } from '@meseta/proto/wire';
import { pb, Reason as Reasons, TaskState as States } from '@meseta/proto/wire';
import { newUpdateUuid, nowSeconds } from '@meseta/proto/ids';
import type { Termination } from './containerizer';
import { signalNumber } from './containerizer';

/** Who made a status: the agent itself or the (command) executor running the task. */
export type StatusSource = v1.TaskStatus.Source;

/** The fields a new status is made of. */
export interface StatusFields {
  taskId: string;
  state: TaskState;
  source: StatusSource;
  agentId?: string;
  executorId?: string;
  containerId?: string;
  /** The pod (parent container) the task's container is nested in. */
  parentContainerId?: string;
  reason?: Reason;
  message?: string;
  exitCode?: number;
  signal?: NodeJS.Signals;
}

/**
 * A status with a fresh uuid and timestamp. Every status the agent sends
 * has task_id, state, agent_id (when known), timestamp, uuid, source, and
 * executor_id when the task has an executor.
 */
export function newTaskStatus(
  fields: StatusFields,
  timestamp: number = nowSeconds(),
  uuid: Uint8Array = newUpdateUuid(),
): TaskStatus {
  const status: TaskStatus = {
    task_id: { value: fields.taskId },
    state: fields.state,
    source: fields.source,
    timestamp,
    uuid,
  };
  if (fields.agentId) status.agent_id = { value: fields.agentId };
  if (fields.executorId) status.executor_id = { value: fields.executorId };
  if (fields.containerId) {
    status.container_id = fields.parentContainerId ? { value: fields.containerId, parent: { value: fields.parentContainerId } } : { value: fields.containerId };
  }
  if (fields.reason !== undefined) status.reason = fields.reason;
  if (fields.message) status.message = fields.message;
  if (fields.exitCode !== undefined) status.exit_code = fields.exitCode;
  const signal = signalNumber(fields.signal);
  if (signal !== undefined) status.signal = signal;
  return status;
}

/** Wrap a status for the link. */
export function statusUpdate(frameworkId: string, status: TaskStatus): StatusUpdate {
  const update: StatusUpdate = { framework_id: { value: frameworkId }, status };
  if (status.executor_id) update.executor_id = status.executor_id;
  return update;
}

/** True when the framework declared this capability. */
export function hasCapability(
  framework: FrameworkInfo | null | undefined,
  type: v1.FrameworkInfo.Capability.Type,
): boolean {
  return (framework?.capabilities ?? []).some((c) => c.type === type);
}

/** How the agent names a task it does not know: TASK_DROPPED for partition-aware frameworks, else TASK_LOST (as Mesos). */
export function unknownTaskState(framework: FrameworkInfo | null | undefined): TaskState {
  return hasCapability(framework, pb.FrameworkInfo.Capability.Type.PARTITION_AWARE) ? States.TASK_DROPPED : States.TASK_LOST;
}

/** The terminal state, reason and message for a container that ended. */
export interface TerminalOutcome {
  state: TaskState;
  reason?: Reason;
  message: string;
  exitCode?: number;
  signal?: NodeJS.Signals;
}

/**
 * Map a container's end to the task's terminal state: TASK_KILLED when the
 * agent killed it (with `killReason` if given), TASK_FAILED with the
 * containerizer's reason when it set one (a limit), TASK_FINISHED on exit
 * 0, else TASK_FAILED (`Command exited with status N` / `... signal S`).
 */
export function terminalOutcome(termination: Termination, killed: boolean, killReason?: Reason): TerminalOutcome {
  const base = { message: termination.message, exitCode: termination.exitCode, signal: termination.signal };
  if (killed) return { ...base, state: States.TASK_KILLED, reason: killReason };
  if (termination.reason !== undefined) return { ...base, state: States.TASK_FAILED, reason: termination.reason };
  if (termination.exitCode === 0 && !termination.signal) return { ...base, state: States.TASK_FINISHED };
  return { ...base, state: States.TASK_FAILED };
}

/** Reasons the agent uses, re-exported for its modules. */
export const AgentReasons = {
  launchFailed: Reasons.REASON_CONTAINER_LAUNCH_FAILED,
  taskInvalid: Reasons.REASON_TASK_INVALID,
  taskGroupInvalid: Reasons.REASON_TASK_GROUP_INVALID,
  taskUnknown: Reasons.REASON_TASK_UNKNOWN,
  killedDuringLaunch: Reasons.REASON_TASK_KILLED_DURING_LAUNCH,
  frameworkRemoved: Reasons.REASON_FRAMEWORK_REMOVED,
  reconciliation: Reasons.REASON_RECONCILIATION,
  resourcesUnknown: Reasons.REASON_RESOURCES_UNKNOWN,
  agentRestarted: Reasons.REASON_AGENT_RESTARTED,
  executorTerminated: Reasons.REASON_EXECUTOR_TERMINATED,
} as const;
