/**
 * The rules of a task group (pod), as Mesos's default executor applies
 * them (pure):
 * - launch is all-or-nothing: when one task cannot start, none runs;
 * - when a task ends other than TASK_FINISHED (failed, killed, lost...),
 *   the rest of the group is killed;
 * - a kill of any task kills the whole group;
 * - a task finishing successfully leaves the others running;
 * - the pod's parent container goes once every task has ended.
 * Plus where the pod's network and host name come from.
 */
import type { ContainerInfo, ExecutorInfo, TaskInfo, TaskState } from '@meseta/proto/wire';
import { TaskState as States } from '@meseta/proto/wire';
import { networkKey, networkMode, type NetworkMode } from './container-process';

/** What happens to the other tasks when one task of the group ends in `state`. */
export function afterTaskEnded(state: TaskState, killedByGroup: boolean): 'kill-the-rest' | 'nothing' {
  if (killedByGroup) return 'nothing'; // already the group's own doing
  return state === States.TASK_FINISHED ? 'nothing' : 'kill-the-rest';
}

/** The message of a task killed because another task of its group ended. */
export function killedByGroupMessage(taskId: string, state: string): string {
  return `task ${taskId} of the group ended with ${state}: the group's policy kills the rest`;
}

/** The message of a task that did not start because another task of its group could not. */
export function groupLaunchFailedMessage(taskId: string, problem: string): string {
  return `the group was not launched (all or nothing): task ${taskId} could not start: ${problem}`;
}

/**
 * The pod's network: the executor's container's when it names one, else
 * the one every task asks for (they must agree), else host.
 * Throws a message naming the disagreement.
 */
export function podNetwork(executor: ExecutorInfo | null | undefined, tasks: readonly TaskInfo[]): NetworkMode {
  if (executor?.container?.network_infos?.length) return networkMode(executor.container);
  const asked = new Map<string, NetworkMode>();
  for (const t of tasks) {
    if (!t.container?.network_infos?.length) continue;
    const mode = networkMode(t.container as ContainerInfo);
    asked.set(networkKey(mode), mode);
  }
  if (asked.size > 1) throw new Error('task_group: its tasks ask for different networks; a pod has one (set it on the executor container)');
  return asked.size === 1 ? [...asked.values()][0] : 'host';
}

/** The pod's host name: the executor's container hostname, else a task's, else `fallback`. */
export function podHostname(executor: ExecutorInfo | null | undefined, tasks: readonly TaskInfo[], fallback: string): string {
  return executor?.container?.hostname || tasks.find((t) => t.container?.hostname)?.container?.hostname || fallback;
}
