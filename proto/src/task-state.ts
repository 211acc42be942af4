/** Facts about task states that every side must agree on. */
import { TaskState } from './wire';

const TERMINAL: ReadonlySet<number> = new Set([
  TaskState.TASK_FINISHED,
  TaskState.TASK_FAILED,
  TaskState.TASK_KILLED,
  TaskState.TASK_ERROR,
  TaskState.TASK_DROPPED,
  TaskState.TASK_GONE,
  TaskState.TASK_GONE_BY_OPERATOR,
  TaskState.TASK_LOST,
]);

/**
 * True when a task in this state will never run again. TASK_UNREACHABLE is
 * not terminal: the agent may come back with the task still running.
 */
export function isTerminal(state: number | null | undefined): boolean {
  return state !== null && state !== undefined && TERMINAL.has(state);
}
