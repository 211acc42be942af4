/**
 * The agent's answer to the master's `reconcile[]`: report the latest state
 * of the listed tasks (none listed: every task of the framework, or of all
 * frameworks).
 *
 * - A task with unacknowledged updates has its pending head resent at once
 *   (with its uuid, backoff reset): the master uses `reconcile` so that a
 *   framework that comes back gets what it missed without waiting.
 * - A task without pending updates is answered with its latest status,
 *   reason REASON_RECONCILIATION and no uuid (nothing to acknowledge).
 * - A listed task the agent does not know is answered TASK_LOST
 *   (TASK_DROPPED for partition-aware frameworks), no uuid.
 */
import type { FrameworkInfo, StatusUpdate, TaskStatus, v1 } from '@meseta/proto/wire';
import { Source } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import type { AgentTask } from './task-book';
import { AgentReasons, newTaskStatus, statusUpdate, unknownTaskState } from './task-status';

/** What reconciliation reads from the agent. */
export interface ReconcileContext {
  agentId?: string;
  find(frameworkId: string, taskId: string): AgentTask | undefined;
  all(): AgentTask[];
  framework(frameworkId: string): FrameworkInfo | undefined;
  /** Resend pending heads now; returns how many there were. */
  redeliver(frameworkId?: string, taskId?: string): number;
}

function withoutUuid(status: TaskStatus, agentId: string | undefined): TaskStatus {
  const copy: TaskStatus = { ...status, reason: AgentReasons.reconciliation };
  delete copy.uuid;
  if (agentId) copy.agent_id = { value: agentId };
  return copy;
}

/** The uuid-less answers to send once; pending updates are redelivered through `context.redeliver`. */
export function reconciliationAnswers(reconcile: v1.MasterToAgent.IReconcile, context: ReconcileContext): StatusUpdate[] {
  const frameworkId = idOf(reconcile.framework_id);
  const ids = (reconcile.task_ids ?? []).map(idOf).filter((id) => id !== '');
  const answers: StatusUpdate[] = [];
  const answer = (task: AgentTask): void => {
    if (context.redeliver(task.frameworkId, task.taskId) > 0) return;
    const latest = task.statuses[task.statuses.length - 1];
    const status = latest ?? newTaskStatus({ taskId: task.taskId, state: task.state, source: Source.SOURCE_AGENT, executorId: task.executorId });
    answers.push(statusUpdate(task.frameworkId, withoutUuid(status, context.agentId)));
  };
  if (ids.length === 0) {
    context.redeliver(frameworkId || undefined); // refusals of tasks the agent never tracked, too
    for (const task of context.all()) if (!frameworkId || task.frameworkId === frameworkId) answer(task);
    return answers;
  }
  for (const id of ids) {
    const task = context.find(frameworkId, id);
    if (task) {
      answer(task);
      continue;
    }
    if (context.redeliver(frameworkId, id) > 0) continue; // a refusal still unacknowledged
    const status = newTaskStatus({
      taskId: id,
      state: unknownTaskState(context.framework(frameworkId)),
      source: Source.SOURCE_AGENT,
      message: `task ${id} is unknown to this agent`,
    });
    answers.push(statusUpdate(frameworkId, withoutUuid(status, context.agentId)));
  }
  return answers;
}
