/**
 * Answers to a RECONCILE call, as data. Pure: the master's records come in
 * through lookups, the statuses to send come out.
 *
 * - Implicit (no tasks named): the latest state of every live task.
 * - Explicit: each named task's latest state; for a task the master does not
 *   know, TASK_UNREACHABLE / TASK_GONE when its agent is so, nothing while
 *   the agent has not re-registered yet (right after a failover), and
 *   otherwise TASK_UNKNOWN (TASK_LOST for frameworks that are not
 *   partition-aware), as Mesos answers.
 *
 * Every answer has reason REASON_RECONCILIATION and no uuid (it is not
 * acknowledged).
 */
import type { TaskStatus } from '@meseta/proto/wire';
import { Reason, Source, TaskState } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import type { AgentStatus, TaskRecord } from './state';

function has(message: object | undefined, field: string): boolean {
  return message !== undefined && Object.prototype.hasOwnProperty.call(message, field);
}

/** What reconciliation needs to know about one framework and the agents. */
export interface ReconcileView {
  partitionAware: boolean;
  liveTask(taskId: string): TaskRecord | undefined;
  /** The newest completed task with this id. */
  completedTask(taskId: string): TaskRecord | undefined;
  liveTasks(): Iterable<TaskRecord>;
  agentStatus(agentId: string): AgentStatus | undefined;
}

/** The statuses answering a RECONCILE call that names `wanted` (empty: implicit). */
export function reconciliationAnswers(
  view: ReconcileView,
  wanted: ReadonlyArray<{ task_id?: { value?: string | null } | null; agent_id?: { value?: string | null } | null }>,
  now: number,
): TaskStatus[] {
  const out: TaskStatus[] = [];
  const base = { source: Source.SOURCE_MASTER, reason: Reason.REASON_RECONCILIATION, timestamp: now };
  const latest = (t: TaskRecord): TaskStatus => ({
    ...base,
    task_id: { value: t.taskId },
    agent_id: { value: t.agentId },
    state: t.latest?.state ?? t.task.state ?? TaskState.TASK_STAGING,
    message: 'Reconciliation: latest task state',
    // Decoded messages read absent fields as defaults: copy only what was set.
    healthy: has(t.latest, 'healthy') ? t.latest!.healthy : undefined,
    exit_code: has(t.latest, 'exit_code') ? t.latest!.exit_code : undefined,
  });
  if (wanted.length === 0) {
    for (const t of view.liveTasks()) out.push(latest(t));
    return out;
  }
  for (const w of wanted) {
    const taskId = idOf(w.task_id);
    const live = view.liveTask(taskId);
    if (live) {
      if (view.agentStatus(live.agentId) === 'UNREACHABLE') {
        out.push({ ...base, task_id: { value: taskId }, agent_id: { value: live.agentId }, state: TaskState.TASK_UNREACHABLE, message: 'Reconciliation: agent is unreachable' });
      } else {
        out.push(latest(live));
      }
      continue;
    }
    const completed = view.completedTask(taskId);
    if (completed) {
      out.push(latest(completed));
      continue;
    }
    const agentId = idOf(w.agent_id);
    const agentStatus = agentId ? view.agentStatus(agentId) : undefined;
    // The agent has not (re-)registered yet: its tasks are not known yet, so say nothing.
    if (agentStatus === 'DISCONNECTED') continue;
    let state: TaskState = view.partitionAware ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST;
    let message = 'Reconciliation: task is unknown to the master';
    if (agentStatus === 'UNREACHABLE') {
      state = TaskState.TASK_UNREACHABLE;
      message = 'Reconciliation: agent is unreachable';
    } else if (agentStatus === 'GONE') {
      state = view.partitionAware ? TaskState.TASK_GONE : TaskState.TASK_LOST;
      message = 'Reconciliation: agent is gone';
    }
    out.push({ ...base, task_id: { value: taskId }, agent_id: agentId ? { value: agentId } : undefined, state, message });
  }
  return out;
}
