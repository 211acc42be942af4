/**
 * Where a debug session (`meseta.v1.Operator/Exec`) must go: the agent that
 * runs the named task, found in the master's state. Pure over that state,
 * so the refusals can be tested as a table: each says which task, which
 * framework and why, and carries the gRPC status the caller gets.
 */
import { status } from '@grpc/grpc-js';
import { enumName, pb, type TaskState } from '@meseta/proto/wire';
import { isTerminal } from '@meseta/proto/task-state';
import type { AgentRecord, FrameworkRecord } from './state';

/** The agent to open the session on. */
export interface ExecRoute {
  frameworkId: string;
  agentId: string;
  /** `ip:port` the agent advertised. */
  agentAddress: string;
}

/** Why no session can be opened, as a gRPC status and a sentence. */
export interface ExecRefusal {
  code: status;
  details: string;
}

/** What {@link routeExec} reads: the master's frameworks and agents. */
export interface ExecRouteState {
  frameworks: ReadonlyMap<string, Pick<FrameworkRecord, 'tasks' | 'completedTasks'>>;
  /** Frameworks already removed: a task of one has ended with it (and is named so, not called unknown). */
  completedFrameworks?: readonly Pick<FrameworkRecord, 'id' | 'tasks' | 'completedTasks'>[];
  agents: ReadonlyMap<string, Pick<AgentRecord, 'info' | 'status'>>;
}

/**
 * Route a session for `taskId` (in `frameworkId` when given, else in the one
 * framework that has a live task of that id). Returns the route or why not.
 */
export function routeExec(state: ExecRouteState, taskId: string, frameworkId?: string): ExecRoute | ExecRefusal {
  if (!taskId) return { code: status.INVALID_ARGUMENT, details: 'start.task_id: required, the running task to open the session in' };
  const live: { frameworkId: string; agentId: string }[] = [];
  let ended: { frameworkId: string; state: TaskState | null | undefined; frameworkRemoved?: boolean } | undefined;
  for (const [id, fw] of state.frameworks) {
    if (frameworkId && id !== frameworkId) continue;
    const record = fw.tasks.get(taskId);
    if (record && !isTerminal(record.task.state)) live.push({ frameworkId: id, agentId: record.agentId });
    else if (record) ended = { frameworkId: id, state: record.task.state };
    else {
      const done = fw.completedTasks.find((t) => t.taskId === taskId);
      if (done) ended = { frameworkId: id, state: done.task.state };
    }
  }
  if (live.length === 0 && !ended) {
    for (const fw of state.completedFrameworks ?? []) {
      if (frameworkId && fw.id !== frameworkId) continue;
      const record = fw.tasks.get(taskId) ?? fw.completedTasks.find((t) => t.taskId === taskId);
      if (record) ended = { frameworkId: fw.id, state: record.task.state, frameworkRemoved: true };
    }
  }
  const where = frameworkId ? ` in framework ${frameworkId}` : '';
  if (live.length === 0) {
    if (ended) {
      return {
        code: status.FAILED_PRECONDITION,
        details:
          `task ${taskId}${where} has ended (${enumName(pb.TaskState, ended.state)}` +
          `${ended.frameworkRemoved ? `; its framework ${ended.frameworkId} is gone` : ''}); a debug session needs a running task`,
      };
    }
    return { code: status.NOT_FOUND, details: `no task ${taskId}${where} is known to the master` };
  }
  if (live.length > 1) {
    return {
      code: status.INVALID_ARGUMENT,
      details: `task id ${taskId} exists in several frameworks (${live.map((l) => l.frameworkId).join(', ')}); set start.framework_id`,
    };
  }
  const { agentId } = live[0];
  const agent = state.agents.get(agentId);
  if (!agent) return { code: status.UNAVAILABLE, details: `agent ${agentId} of task ${taskId} is not registered with the master` };
  if (agent.status !== 'ACTIVE') {
    return { code: status.UNAVAILABLE, details: `agent ${agentId} of task ${taskId} is ${agent.status.toLowerCase()}; try again when it is back` };
  }
  const host = agent.info.ip || agent.info.hostname;
  if (!host || !agent.info.port) return { code: status.UNAVAILABLE, details: `agent ${agentId} of task ${taskId} advertised no address` };
  return { frameworkId: live[0].frameworkId, agentId, agentAddress: `${host}:${agent.info.port}` };
}

/** True when {@link routeExec} refused. */
export function isExecRefusal(route: ExecRoute | ExecRefusal): route is ExecRefusal {
  return 'code' in route;
}
