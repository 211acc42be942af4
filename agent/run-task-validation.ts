/**
 * Checks a `run[]` item before the agent touches anything: which tasks it
 * holds, and what is wrong with each. The master checks the same things;
 * the agent checks again so bad input becomes a status update, never a crash.
 */
import type { ExecutorInfo, TaskInfo, v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { isCustomExecutor } from './executors';
import { idOf } from '@meseta/proto/ids';
import { containerProblem, healthCheckReachProblem } from '@meseta/proto/container-validation';
import { pathSegmentProblem } from './sandbox';
import { limitMessage, taskInfoProblem } from '@meseta/proto/limits';
import { resourcesProblem } from '@meseta/proto/resource-validation';
import { taskSecretsProblem } from '@meseta/proto/secret-references';
import { commandUrisProblem } from '@meseta/proto/fetch-uri';

/** The parts of a RunTask the agent works with. */
export interface RunTaskShape {
  /** '' when the message names no framework. */
  frameworkId: string;
  /** The task, or the tasks of the group. */
  tasks: TaskInfo[];
  /** The executor of a task group (or of a task naming one). */
  executorId?: string;
  /** True for a task group. */
  isGroup: boolean;
  /**
   * A problem with the message as a whole: every task in it is refused with
   * this message. Undefined when the message is well formed.
   */
  problem?: string;
}

/** Read a RunTask: its framework, tasks and executor, and a whole-message problem. */
export function runTaskShape(run: v1.MasterToAgent.IRunTask): RunTaskShape {
  const frameworkId = idOf(run.framework?.id) || idOf(run.executor?.framework_id);
  const group = run.task_group?.tasks ?? [];
  const hasGroup = !!run.task_group;
  const tasks: TaskInfo[] = run.task ? (hasGroup ? [run.task, ...group] : [run.task]) : group;
  const executorId = idOf(run.executor?.executor_id) || idOf(run.task?.executor?.executor_id) || undefined;
  const shape: RunTaskShape = { frameworkId, tasks, executorId, isGroup: hasGroup };
  if (!frameworkId) shape.problem = 'run.framework.id: required';
  else if (run.task && hasGroup) shape.problem = 'run: exactly one of task / task_group, both given';
  else if (!run.task && !hasGroup) shape.problem = 'run: exactly one of task / task_group, neither given';
  else if (hasGroup && group.length === 0) shape.problem = 'run.task_group.tasks: empty';
  else if (hasGroup) {
    const seen = new Set<string>();
    for (const t of group) {
      const id = idOf(t.task_id);
      if (id && seen.has(id)) {
        shape.problem = `run.task_group.tasks: task id "${id}" appears twice`;
        break;
      }
      seen.add(id);
    }
  }
  return shape;
}

/**
 * What is wrong with a custom executor (an ExecutorInfo with a command, see
 * `executors.ts`), or undefined. It runs as a plain process: no image.
 */
export function customExecutorProblem(executor: ExecutorInfo, field: string): string | undefined {
  const idProblem = pathSegmentProblem(idOf(executor.executor_id));
  if (idProblem) return `${field}.executor_id: ${idProblem}`;
  const resources = resourcesProblem(`${field}.resources`, executor.resources);
  if (resources) return resources;
  const command = executor.command!;
  if (command.shell !== false && (command.value ?? '').trim() === '') return `${field}.command.value: required (the shell command that starts the executor)`;
  if (command.shell === false && (command.value ?? '') === '') return `${field}.command.value: required when shell is false (the executor's program)`;
  if (executor.container && (executor.container.type !== pb.ContainerInfo.Type.MESOS || executor.container.mesos?.image)) {
    return `${field}.container: a custom executor runs as a plain process on this agent; give it no container image`;
  }
  return taskSecretsProblem(command, undefined, field) ?? commandUrisProblem(command, `${field}.`);
}

/**
 * What is wrong with one task, or undefined. The message names the field.
 * `groupExecutor` is the executor of the task's group, when it has one.
 */
export function taskProblem(task: TaskInfo, groupExecutor?: ExecutorInfo | null): string | undefined {
  const id = idOf(task.task_id);
  const idProblem = pathSegmentProblem(id);
  if (idProblem) return `task.task_id: ${idProblem}`;
  const overLimit = taskInfoProblem('task', task);
  if (overLimit) return limitMessage(overLimit);
  const resources = resourcesProblem('task.resources', task.resources);
  if (resources) return resources;
  if (isCustomExecutor(task.executor)) {
    if (task.command) return 'task: a task has a command or a custom executor that runs it, not both (drop task.command or task.executor)';
    return customExecutorProblem(task.executor, 'task.executor');
  }
  if (isCustomExecutor(groupExecutor)) return undefined; // the group's executor runs it as it likes
  if (!task.command && !task.container) return 'task.command: required (a task needs a command or a container)';
  const container = containerProblem(task.container, 'task.container') ?? healthCheckReachProblem(task) ?? taskSecretsProblem(task.command, task.container);
  if (container) return container;
  const uris = commandUrisProblem(task.command, 'task.');
  if (uris) return uris;
  if (task.command && task.command.shell !== false && (task.command.value ?? '').trim() === '' && !task.container) {
    return 'task.command.value: required (the shell command to run)';
  }
  if (task.command && task.command.shell === false && (task.command.value ?? '') === '' && !task.container) {
    return 'task.command.value: required when shell is false (the program to run)';
  }
  return undefined;
}
