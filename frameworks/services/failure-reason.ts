/**
 * What an operator is told about an instance: its condition (never
 * "healthy" unless every task runs and passes its checks) and, when it
 * failed or is failing, the reason picked from what is known: the health
 * check's last message, the task's last status message and reason, and
 * the tail of its stderr. Pure: the stderr text is read elsewhere
 * (sandbox-tail.ts) and handed in.
 */

/** One task of an instance, as the scheduler keeps it. */
export interface TaskFacts {
  /** Latest state name, e.g. `TASK_FAILED`. */
  state: string;
  /** Latest health; undefined before the first check. */
  healthy?: boolean;
  hasHealthCheck: boolean;
  /** The latest status message (`Command exited with status 3`). */
  message?: string;
  /** The latest status reason by name (`REASON_COMMAND_EXECUTOR_FAILED`). */
  reason?: string;
  /** The message of the last failed health check. */
  healthMessage?: string;
}

/** What the operator sees of an instance. */
export type InstanceStatus = 'staging' | 'running' | 'healthy' | 'unhealthy' | 'killing' | 'failed' | 'finished' | 'killed' | 'lost';

/** Its condition and, when something is wrong, why. */
export interface InstanceCondition {
  status: InstanceStatus;
  reason?: string;
}

const FAILED_STATES = new Set(['TASK_FAILED', 'TASK_ERROR']);
const LOST_STATES = new Set(['TASK_LOST', 'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR', 'TASK_UNREACHABLE', 'TASK_UNKNOWN']);

/** Lines of a stderr tail shown at most, and characters. */
export const STDERR_TAIL_LINES = 5;
export const STDERR_TAIL_CHARS = 400;

/**
 * The last non-blank lines of `text` (at most `lines`, at most `chars`
 * characters, cut at the front), joined with ` ⏎ `; '' when there are none.
 */
export function stderrTail(text: string | undefined, lines = STDERR_TAIL_LINES, chars = STDERR_TAIL_CHARS): string {
  if (!text) return '';
  const kept = text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join(' ⏎ ');
  return kept.length > chars ? `…${kept.slice(kept.length - chars + 1)}` : kept;
}

/**
 * Why a task ended or is failing, in one line: the health check's message
 * when the instance was killed for failing it, else the status message
 * (or reason), with the state; then the stderr tail.
 * `TASK_FAILED: Command exited with status 3; stderr: Error: no config`.
 */
export function failureReason(task: TaskFacts, killReason?: string, stderr?: string): string {
  const parts: string[] = [];
  const unhealthy = killReason === 'unhealthy' || (task.healthy === false && !!task.healthMessage);
  if (unhealthy && task.healthMessage) parts.push(`unhealthy: ${task.healthMessage}`);
  else {
    const said = task.message || task.reason || '';
    parts.push(said ? `${task.state}: ${said}` : task.state);
  }
  const tail = stderrTail(stderr);
  if (tail) parts.push(`stderr: ${tail}`);
  return parts.join('; ');
}

/** The worst task: failed before lost before killed before finished before the rest. */
function worst(tasks: readonly TaskFacts[]): TaskFacts | undefined {
  const rank = (t: TaskFacts): number =>
    FAILED_STATES.has(t.state) ? 5 : LOST_STATES.has(t.state) ? 4 : t.state === 'TASK_KILLED' ? 3 : t.state === 'TASK_FINISHED' ? 2 : t.healthy === false ? 1 : 0;
  return [...tasks].sort((a, b) => rank(b) - rank(a))[0];
}

/**
 * The condition of a live or ended instance. An ended task decides it
 * (failed, lost, killed, finished, with the reason); then a kill in
 * flight; then a failing check; `healthy` only when every task runs and
 * every task with a check passes it (an instance without checks is
 * `running`). Pure.
 */
export function instanceCondition(tasks: readonly TaskFacts[], killReason?: string, stderr?: string): InstanceCondition {
  const bad = worst(tasks);
  if (!bad) return { status: 'staging' };
  if (FAILED_STATES.has(bad.state)) return { status: 'failed', reason: failureReason(bad, killReason, stderr) };
  if (LOST_STATES.has(bad.state)) return { status: 'lost', reason: failureReason(bad, killReason, stderr) };
  if (bad.state === 'TASK_KILLED') {
    if (killReason === 'unhealthy') return { status: 'failed', reason: failureReason(bad, killReason, stderr) };
    return { status: 'killed', reason: killReason ?? failureReason(bad, killReason) };
  }
  if (bad.state === 'TASK_FINISHED') {
    // A service that exits 0 has still stopped serving.
    return { status: 'finished', reason: failureReason(bad, killReason, stderr) };
  }
  if (killReason) {
    const because = bad.healthy === false && bad.healthMessage ? `${killReason}: ${bad.healthMessage}` : killReason;
    return { status: 'killing', reason: because };
  }
  if (bad.healthy === false && bad.state === 'TASK_RUNNING') return { status: 'unhealthy', reason: bad.healthMessage ?? bad.message ?? 'health check failing' };
  if (!tasks.every((t) => t.state === 'TASK_RUNNING')) return { status: 'staging' };
  const checked = tasks.filter((t) => t.hasHealthCheck);
  if (checked.length === 0) return { status: 'running' };
  if (checked.every((t) => t.healthy === true)) return { status: 'healthy' };
  return { status: 'running', reason: 'waiting for the first health check to pass' };
}
