/**
 * An agent speaks only for its own tasks: on an authenticated cluster a
 * status update is accepted from an agent only for a task the master has
 * on that agent (live, or finished there and kept in its framework's
 * history). Updates for frameworks the master does not have go nowhere
 * and pass (the master tells the agent to shut a removed one down). Pure
 * over the records.
 */
import type { StatusUpdate } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { type AgentRecord, type FrameworkRecord, taskKey } from '../state';

/**
 * Why `agent` may not report `update`, or undefined when the task is on it.
 * Refused: a task live on another agent, a finished task that ran on
 * another agent, and a task the master does not know at all (an agent
 * learns its tasks from the master, and re-registration reports the rest).
 */
export function foreignUpdateProblem(agent: Pick<AgentRecord, 'id' | 'tasks'>, fw: Pick<FrameworkRecord, 'tasks' | 'completedTasks'> | undefined, update: StatusUpdate): string | undefined {
  const fid = idOf(update.framework_id);
  const tid = idOf(update.status?.task_id);
  if (agent.tasks.has(taskKey(fid, tid))) return undefined;
  // No such framework: nobody hears the update (a removed framework's agent is told to shut it down).
  if (!fw) return undefined;
  const live = fw.tasks.get(tid);
  if (live) return `task ${tid} of framework ${fid} runs on agent ${live.agentId}, not on agent ${agent.id}`;
  const done = fw.completedTasks.find((t) => t.taskId === tid);
  if (done) return done.agentId === agent.id ? undefined : `task ${tid} of framework ${fid} ran on agent ${done.agentId}, not on agent ${agent.id}`;
  return `task ${tid} of framework ${fid} is not on agent ${agent.id} (the master does not know it)`;
}
