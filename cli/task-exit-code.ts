/**
 * What `meseta run` exits with, from the task's last status, and how it
 * prints a status. Pure.
 *
 * | last state                 | exit code                                      |
 * |----------------------------|------------------------------------------------|
 * | TASK_FINISHED              | 0                                              |
 * | TASK_FAILED                | the task's `exit_code`; else 128 + `signal`; else 1 |
 * | TASK_KILLED                | 128 + `signal` when known; else 137 (as SIGKILL) |
 * | any other (ERROR, LOST, DROPPED, GONE, ...) | 1                             |
 *
 * `meseta run` itself exits 130 when interrupted (Ctrl-C), after killing the task.
 */
import type { TaskStatus } from '@meseta/proto/wire';
import { enumName, pb, TaskState } from '@meseta/proto/wire';
import { isTerminal } from '@meseta/proto/task-state';

/** Exit code of `meseta run` after Ctrl-C. */
export const INTERRUPTED_EXIT_CODE = 130;
/** Exit code for a killed task whose signal is unknown: 128 + SIGKILL. */
export const KILLED_EXIT_CODE = 137;

/** The exit code `meseta run` leaves with for a task that ended with `status`. */
export function taskExitCode(status: TaskStatus): number {
  const signalled = status.signal ? 128 + status.signal : undefined;
  switch (status.state) {
    case TaskState.TASK_FINISHED:
      return 0;
    case TaskState.TASK_FAILED:
      if (status.exit_code) return status.exit_code & 0xff || 1;
      return signalled ?? 1;
    case TaskState.TASK_KILLED:
      return signalled ?? KILLED_EXIT_CODE;
    default:
      return 1;
  }
}

/**
 * One status as a line: `TASK_FAILED: Command exited with status 3`, with
 * the reason added for failures (`(REASON_TASK_INVALID)`).
 */
export function formatStatus(status: TaskStatus): string {
  const state = enumName(pb.TaskState, status.state);
  const message = status.message ? `: ${status.message}` : '';
  const failed = isTerminal(status.state) && status.state !== TaskState.TASK_FINISHED;
  // Decoded messages carry defaults on their prototype: only a reason the sender set counts.
  const hasReason = Object.prototype.hasOwnProperty.call(status, 'reason') && status.reason !== null && status.reason !== undefined;
  const reason = failed && hasReason ? ` (${enumName(pb.TaskStatus.Reason, status.reason)})` : '';
  return `${state}${message}${reason}`;
}
