/**
 * The pure parts of `meseta logs`: finding a task, its framework and its
 * agent in the master's `/state`, saying why its sandbox cannot be read,
 * the line printed when a followed task ends, and what a read answered.
 * No I/O.
 */
import type { ClusterStateJson, TaskJson } from './state-json';
import { idText, isTerminalTask, taskStateName } from './state-json';
import { agentAddressText } from './operate-views';

/** Where a task's logs are, or why they cannot be read. */
export type LogSource =
  | { taskId: string; frameworkId: string; agentId: string; agentName: string; state: string; ended: boolean; task: TaskJson }
  | { problem: string };

/** The sandbox-relative path of a task's stdout or stderr (its latest run). */
export function logPath(frameworkId: string, taskId: string, stream: 'stdout' | 'stderr'): string {
  return `frameworks/${frameworkId}/tasks/${taskId}/runs/latest/${stream}`;
}

/**
 * The task `taskId` (of `frameworkId` when given; live tasks before
 * completed ones, the latest completed one first) and its agent.
 */
export function findLogSource(taskId: string, state: ClusterStateJson, frameworkId?: string): LogSource {
  const matches = (tasks: TaskJson[] | undefined): TaskJson[] =>
    (tasks ?? []).filter((t) => idText(t.task_id) === taskId && (!frameworkId || idText(t.framework_id) === frameworkId));
  const live = matches(state.tasks);
  const done = matches(state.completed_tasks).reverse();
  const frameworks = new Set([...live, ...done].map((t) => idText(t.framework_id)));
  if (frameworks.size > 1 && !frameworkId) {
    return { problem: `task ${taskId} exists in ${frameworks.size} frameworks (${[...frameworks].join(', ')}); give --framework <id>` };
  }
  const task = live[0] ?? done[0];
  if (!task) {
    const where = frameworkId ? ` in framework ${frameworkId}` : '';
    return { problem: `no task ${taskId}${where} is known to the master (running or recently completed); see meseta tasks --all` };
  }
  const agentId = idText(task.agent_id);
  const agent = (state.agents ?? []).find((a) => idText(a.agent_info?.id) === agentId);
  const agentName = agent ? `${agentAddressText(agent)} (${agentId})` : agentId;
  if (!agent || agent.status === 'GONE') {
    return { problem: `task ${taskId} ran on agent ${agentName}, which is gone: its sandbox cannot be read` };
  }
  if (agent.status === 'DISCONNECTED' || agent.status === 'UNREACHABLE') {
    return { problem: `task ${taskId} runs on agent ${agentName}, which is ${agent.status.toLowerCase()}: its sandbox can be read once the agent is connected again` };
  }
  return { taskId, frameworkId: idText(task.framework_id), agentId, agentName, state: taskStateName(task), ended: isTerminalTask(task), task };
}

/** The line `logs -f` ends with: how the task ended (state, exit code, message). */
export function endLine(taskId: string, task: TaskJson): string {
  const statuses = (task.statuses as Array<{ state?: string; message?: string; exit_code?: number }> | undefined) ?? [];
  const last = [...statuses].reverse().find((s) => s.state === task.state) ?? statuses.at(-1);
  const exit = typeof last?.exit_code === 'number' ? ` (exit code ${last.exit_code})` : '';
  const message = last?.message ? `: ${last.message}` : '';
  return `task ${taskId} ended ${taskStateName(task)}${exit}${message}`;
}

/**
 * What to print of a read and the next offset. The agent decodes each read
 * as UTF-8, so a character cut at the end of a read comes back as U+FFFD:
 * that tail is left for the next read (unless the file is finished).
 */
export function takeRead(data: string, offset: number, final: boolean): { text: string; next: number } {
  let text = data;
  if (!final) {
    let cut = 0;
    while (cut < 3 && text.endsWith('\uFFFD')) {
      text = text.slice(0, -1);
      cut++;
    }
  }
  return { text, next: offset + Buffer.byteLength(text, 'utf8') };
}

/**
 * The message for a failed read through the master's files proxy, from the
 * CLI's error text (`… answered HTTP 404: …`). Undefined: not a proxy refusal.
 */
export function readProblem(message: string, taskId: string, agentName: string, stream: string): string | undefined {
  const m = /answered HTTP (\d{3})(?::\s*(.*))?$/s.exec(message);
  if (!m) return undefined;
  const status = Number(m[1]);
  const why = m[2] ? ` (${m[2].trim()})` : '';
  if (status === 404) return `the ${stream} of task ${taskId} is not on agent ${agentName}: its sandbox was removed or never created${why}`;
  if (status === 410 && /garbage-collected/.test(m[2] ?? '')) {
    const at = /garbage-collected at (\S+?)\s/.exec(m[2] ?? '')?.[1];
    return `the sandbox of task ${taskId} on agent ${agentName} was garbage-collected${at ? ` at ${at}` : ''}: its ${stream} is no longer kept (completed sandboxes are removed after the agent's --gc-delay, sooner as its disk fills)`;
  }
  if (status === 410) return `task ${taskId} ran on agent ${agentName}, which is gone: its sandbox cannot be read`;
  if (status === 503) return `agent ${agentName} is not connected: the sandbox of task ${taskId} can be read once it is${why}`;
  if (status === 403) return `reading the sandbox of task ${taskId} was refused${why}`;
  return `reading the ${stream} of task ${taskId} from agent ${agentName} failed: HTTP ${status}${why}`;
}
