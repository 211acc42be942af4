/**
 * The agent's state in the shapes of the Mesos v1 agent operator API
 * (`meseta.v1.agent.Response.*`): tasks, frameworks, executors,
 * containers, the agent itself, sandbox listings. Built from the same
 * snapshot as the agent's `/state`; nothing here changes state. Pure.
 */
import type { v1 } from '@meseta/proto/wire';
import type { AgentSnapshot } from './agent';
import type { AgentTask } from './task-book';
import { executorIdOf } from './mesos-agent-state';

/** Seconds since the epoch as a Mesos `TimeInfo`. */
export function timeInfo(seconds: number): v1.ITimeInfo {
  return { nanoseconds: Math.round(seconds * 1e9) };
}

/** One task as the agent operator API shows it. */
export function agentTaskMessage(task: AgentTask, agentId: string | undefined): v1.ITask {
  return {
    name: task.info.name ?? '',
    task_id: { value: task.taskId },
    framework_id: { value: task.frameworkId },
    executor_id: task.executorId ? { value: task.executorId } : undefined,
    agent_id: agentId ? { value: agentId } : undefined,
    state: task.state,
    resources: task.info.resources ?? [],
    statuses: task.statuses,
    labels: task.info.labels ?? undefined,
    container: task.info.container ?? undefined,
    health_check: task.info.health_check ?? undefined,
    kill_policy: task.info.kill_policy ?? undefined,
    command: task.info.command ?? undefined,
  };
}

/**
 * GET_TASKS: launching tasks as pending, running and killing ones as
 * launched, ended ones whose last update is not acknowledged yet as
 * terminated, the acknowledged history as completed.
 */
export function agentGetTasks(snapshot: AgentSnapshot): v1.agent.Response.IGetTasks {
  const out = { pending_tasks: [] as v1.ITask[], queued_tasks: [] as v1.ITask[], launched_tasks: [] as v1.ITask[], terminated_tasks: [] as v1.ITask[], completed_tasks: [] as v1.ITask[] };
  for (const t of snapshot.tasks) {
    const m = agentTaskMessage(t, snapshot.id);
    if (t.phase === 'launching') out.pending_tasks.push(m);
    else if (t.phase === 'terminated') out.terminated_tasks.push(m);
    else out.launched_tasks.push(m);
  }
  for (const t of snapshot.completedTasks) out.completed_tasks.push(agentTaskMessage(t, snapshot.id));
  return out;
}

/** GET_FRAMEWORKS: the frameworks with tasks on this agent. */
export function agentGetFrameworks(snapshot: AgentSnapshot): v1.agent.Response.IGetFrameworks {
  return { frameworks: snapshot.frameworks.map((f) => ({ framework_info: f })), completed_frameworks: [] };
}

function executorOf(t: AgentTask): v1.IExecutorInfo {
  return {
    executor_id: { value: executorIdOf(t) },
    framework_id: { value: t.frameworkId },
    ...(t.info.executor ? { name: t.info.executor.name, command: t.info.executor.command, resources: t.info.executor.resources, type: t.info.executor.type } : {}),
  };
}

/**
 * GET_EXECUTORS: one per executor of the agent's tasks (a task without an
 * executor of its own runs under the id Mesos's command executor would
 * have: the task's id), live ones apart from those of ended tasks.
 */
export function agentGetExecutors(snapshot: AgentSnapshot): v1.agent.Response.IGetExecutors {
  const collect = (tasks: AgentTask[], skip: Set<string>): v1.agent.Response.GetExecutors.IExecutor[] => {
    const out: v1.agent.Response.GetExecutors.IExecutor[] = [];
    for (const t of tasks) {
      const key = `${t.frameworkId}\u0000${executorIdOf(t)}`;
      if (skip.has(key)) continue;
      skip.add(key);
      out.push({ executor_info: executorOf(t) });
    }
    return out;
  };
  const seen = new Set<string>();
  const executors = collect(snapshot.tasks.filter((t) => t.phase !== 'terminated'), seen);
  const completed = collect([...snapshot.tasks.filter((t) => t.phase === 'terminated'), ...snapshot.completedTasks], seen);
  return { executors, completed_executors: completed };
}

/** GET_STATE: tasks, executors and frameworks in one answer. */
export function agentGetState(snapshot: AgentSnapshot): v1.agent.Response.IGetState {
  return { get_tasks: agentGetTasks(snapshot), get_executors: agentGetExecutors(snapshot), get_frameworks: agentGetFrameworks(snapshot) };
}

/** GET_AGENT: who this agent is. */
export function agentGetAgent(snapshot: AgentSnapshot): v1.agent.Response.IGetAgent {
  return {
    agent_info: {
      id: snapshot.id ? { value: snapshot.id } : undefined,
      hostname: snapshot.hostname,
      port: snapshot.port,
      resources: snapshot.resources,
      attributes: snapshot.attributes,
    },
  };
}

/** The tasks whose containers GET_CONTAINERS lists: launched and not ended. */
export function runningContainers(snapshot: AgentSnapshot): AgentTask[] {
  return snapshot.tasks.filter((t) => t.phase === 'running' || t.phase === 'killing');
}

/**
 * One container as GET_CONTAINERS lists it; `statistics` the agent's latest
 * sample of it (`usage/usage-views.ts` `resourceStatistics`, the same that
 * `/monitor/statistics` shows), or just the time when none was taken yet.
 */
export function containerMessage(t: AgentTask, statistics: v1.IResourceStatistics | undefined, now: number): v1.agent.Response.GetContainers.IContainer {
  return {
    framework_id: { value: t.frameworkId },
    executor_id: { value: executorIdOf(t) },
    executor_name: t.info.executor?.name ?? `Command Executor (Task: ${t.taskId})`,
    container_id: { value: t.containerId },
    container_status: { container_id: { value: t.containerId }, executor_pid: t.pid },
    resource_statistics: statistics ?? { timestamp: now },
  };
}

/** `drwxr-xr-x` back to st_mode bits (file type and permissions). */
export function modeBits(mode: string): number {
  const type = mode[0] === 'd' ? 0o040000 : mode[0] === 'l' ? 0o120000 : 0o100000;
  let bits = 0;
  for (let i = 0; i < 9; i++) if (mode[i + 1] && mode[i + 1] !== '-') bits |= 1 << (8 - i);
  return type | bits;
}

/** A sandbox listing entry (as `/files/browse` gives it) as a Mesos FileInfo. */
export function fileInfoOf(entry: { path: string; size: number; mode: string; mtime: number; nlink: number; uid: string | number; gid: string | number }): v1.IFileInfo {
  return { path: entry.path, nlink: entry.nlink, size: entry.size, mtime: timeInfo(entry.mtime), mode: modeBits(entry.mode), uid: String(entry.uid), gid: String(entry.gid) };
}

