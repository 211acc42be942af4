/**
 * Which task states a framework counts as over. Besides the states after
 * which a task never runs again, TASK_UNREACHABLE and TASK_UNKNOWN count
 * too: the frameworks replace such a task (or give its work to another)
 * rather than wait for its agent to come back.
 */

const ENDED: ReadonlySet<string> = new Set([
  'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED',
  'TASK_UNREACHABLE', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR', 'TASK_UNKNOWN',
]);

/** True once the framework counts a task in this state (its name, e.g. 'TASK_LOST') as over. */
export function isEndedState(state: string): boolean {
  return ENDED.has(state);
}
