/**
 * Task groups (LAUNCH_GROUP) on the agent. With a containerizer that runs
 * pods (tar, docker) a group is one parent container holding the shared
 * network, ipc and uts namespaces, and each task a nested container in it
 * with its own root filesystem and limits; the group's rules
 * (task-group-policy.ts) apply: all-or-nothing launch, kill the rest when
 * one task fails, a kill of one kills all, one status per task, the parent
 * destroyed once every task has ended. With other containerizers (posix,
 * fake) the tasks simply run side by side.
 *
 * The agent keeps the task records and reports; this module decides what
 * happens to the group and calls back into the agent through
 * {@link TaskGroupHost}.
 */
import { enumName, TaskState as States, type ExecutorInfo, type KillPolicy, type TaskState } from '@meseta/proto/wire';
import { newId } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import { flatten, type AgentTask } from '../task-book';
import type { Containerizer, LaunchedContainer, LaunchSpec } from '../containerizer';
import { containerTypeName } from '../containerizer';
import { destroyWithRetry } from '../container-destroy';
import { afterTaskEnded, groupLaunchFailedMessage, killedByGroupMessage, podHostname, podNetwork } from './task-group-policy';

/** What the group logic needs from the agent. */
export interface TaskGroupHost {
  containerizers: readonly Containerizer[];
  agentId(): string | undefined;
  logger: Logger;
  /** Launch one task on its own (the agent's usual path). */
  launchTask(task: AgentTask): Promise<void>;
  /** Create the task's sandbox (and checkpoint it) and build its launch spec; undefined once it is no longer launching. */
  prepare(task: AgentTask, containerizer: Containerizer): Promise<LaunchSpec | undefined>;
  /** The task's container has started: mark it running, report, watch its end. */
  started(task: AgentTask, containerizer: Containerizer, launched: LaunchedContainer): Promise<void>;
  /** End a task that never ran (TASK_FAILED with REASON_CONTAINER_LAUNCH_FAILED, or `failure`'s own reason), when it is still launching. */
  failBeforeLaunch(task: AgentTask, message: string, failure?: unknown): void;
  /** Kill a running task (the group's doing; `message` says why, also in {@link TaskGroups.killMessage}). */
  kill(task: AgentTask, policy: KillPolicy | null | undefined, message: string): void;
}

interface TaskGroup {
  podId: string;
  containerizer: Containerizer;
  tasks: AgentTask[];
  /** Tasks killed by the group's policy, with why (their end does not trigger it again). */
  killedByGroup: Map<AgentTask, string>;
  podDestroyed?: Promise<void>;
}

/** The agent's task groups that run as pods. */
export class TaskGroups {
  private readonly groupOf = new Map<AgentTask, TaskGroup>();
  private readonly groups = new Set<TaskGroup>();

  constructor(private readonly host: TaskGroupHost) {}

  /** Launch the tasks of one group (all already in the task book, launching). */
  async launch(tasks: AgentTask[], executor: ExecutorInfo | null | undefined): Promise<void> {
    const all = this.host.containerizers;
    const containerizer = all.find((c) => tasks.every((t) => c.supports(t.info.container)));
    if (!containerizer) {
      const kinds = [...new Set(tasks.map((t) => containerTypeName(t.info.container)))].join(', ');
      const message = `no containerizer on this agent runs every task of the group (${kinds}; containerizers: ${all.map((c) => c.name).join(',')})`;
      for (const task of tasks) this.host.failBeforeLaunch(task, message);
      return;
    }
    if (!containerizer.launchPod) {
      await Promise.all(tasks.map((task) => this.host.launchTask(task)));
      return;
    }
    const group: TaskGroup = { podId: newId(), containerizer, tasks, killedByGroup: new Map() };
    try {
      await containerizer.launchPod({
        containerId: group.podId,
        frameworkId: tasks[0].frameworkId,
        executorId: tasks[0].executorId,
        agentId: this.host.agentId(),
        resources: flatten([...tasks.flatMap((t) => t.info.resources ?? []), ...(executor?.resources ?? [])]),
        network: podNetwork(executor, tasks.map((t) => t.info)),
        hostname: podHostname(executor, tasks.map((t) => t.info), group.podId.slice(0, 12)),
      });
    } catch (e) {
      const message = `the group's parent container could not start: ${(e as Error).message}`;
      for (const task of tasks) this.host.failBeforeLaunch(task, message);
      return;
    }
    this.groups.add(group);
    for (const task of tasks) {
      this.groupOf.set(task, group);
      task.podId = group.podId; // checkpointed with the task, so a restarted agent knows the group again
    }
    const results = await Promise.allSettled(
      tasks.map(async (task) => {
        const spec = await this.host.prepare(task, containerizer);
        if (!spec) throw new Error('killed while the group was launching');
        return containerizer.launch({ ...spec, parentContainerId: group.podId });
      }),
    );
    const failedAt = results.findIndex((r) => r.status === 'rejected');
    if (failedAt >= 0) {
      const problem = ((results[failedAt] as PromiseRejectedResult).reason as Error).message;
      this.host.logger.warn('task group not launched', { pod: group.podId, task_id: tasks[failedAt].taskId, problem });
      tasks.forEach((task, i) => {
        const failure = (results[failedAt] as PromiseRejectedResult).reason;
        this.host.failBeforeLaunch(task, i === failedAt ? problem : groupLaunchFailedMessage(tasks[failedAt].taskId, problem), i === failedAt ? failure : undefined);
      });
      await this.destroyPod(group);
      return;
    }
    await Promise.all(tasks.map((task, i) => this.host.started(task, containerizer, (results[i] as PromiseFulfilledResult<LaunchedContainer>).value)));
  }

  /**
   * Know the groups again after an agent restart, from the pod id each
   * recovered task was checkpointed with: the group's rules apply to them
   * from now on (a member that fails kills the rest, a kill of one kills
   * all, the parent container goes with the last member). Call before the
   * ends found at recovery are handled. Tasks whose containerizer is gone
   * are left alone.
   */
  adopt(tasks: readonly AgentTask[]): void {
    const byPod = new Map<string, AgentTask[]>();
    for (const task of tasks) {
      if (!task.podId || !task.containerizer?.launchPod) continue;
      const members = byPod.get(task.podId) ?? [];
      members.push(task);
      byPod.set(task.podId, members);
    }
    for (const [podId, members] of byPod) {
      const group: TaskGroup = { podId, containerizer: members[0].containerizer as Containerizer, tasks: members, killedByGroup: new Map() };
      this.groups.add(group);
      for (const task of members) this.groupOf.set(task, group);
      this.host.logger.info('task group known again', { pod: podId, task_ids: members.map((t) => t.taskId).join(',') });
      if (members.every((t) => t.phase === 'terminated')) void this.destroyPod(group);
    }
  }

  /** Why the group killed this task, for its terminal status; undefined when it did not. */
  killMessage(task: AgentTask): string | undefined {
    return this.groupOf.get(task)?.killedByGroup.get(task);
  }

  /** True when the task belongs to a pod. */
  has(task: AgentTask): boolean {
    return this.groupOf.has(task);
  }

  /** A kill of one task kills its whole group (returns false for a task not in a pod). */
  kill(task: AgentTask, policy: KillPolicy | null | undefined): boolean {
    const group = this.groupOf.get(task);
    if (!group) return false;
    for (const member of group.tasks) {
      if (member === task || member.phase !== 'running') continue;
      const message = `task ${task.taskId} of the group was killed: the whole group is killed`;
      group.killedByGroup.set(member, message);
      this.host.kill(member, policy, message);
    }
    return true;
  }

  /** A task of a pod reached a terminal state: apply the group's policy, destroy the pod once all have ended. */
  onTaskEnded(task: AgentTask, state: TaskState): void {
    const group = this.groupOf.get(task);
    if (!group) return;
    if (afterTaskEnded(state, group.killedByGroup.has(task) || task.killRequested) === 'kill-the-rest') {
      for (const member of group.tasks) {
        if (member === task || member.phase !== 'running') continue;
        const message = killedByGroupMessage(task.taskId, enumName(States, state));
        group.killedByGroup.set(member, message);
        this.host.kill(member, undefined, message);
      }
    }
    if (group.tasks.every((t) => t.phase === 'terminated')) void this.destroyPod(group);
  }

  /** Destroy every pod (agent stopping with its tasks killed). */
  async destroyAll(): Promise<void> {
    await Promise.all([...this.groups].map((group) => this.destroyPod(group)));
  }

  /** Forget every pod without destroying it (the agent leaves its containers running). */
  clear(): void {
    this.groups.clear();
    this.groupOf.clear();
  }

  private destroyPod(group: TaskGroup): Promise<void> {
    const ids = { agentId: this.host.agentId(), frameworkId: group.tasks[0]?.frameworkId ?? '', containerId: group.podId };
    // Retried with backoff; a pod that still cannot be destroyed is logged as an error with its ids.
    group.podDestroyed ??= destroyWithRetry(group.containerizer, ids, { logger: this.host.logger })
      .then(() => undefined)
      .finally(() => {
        this.groups.delete(group);
        for (const task of group.tasks) this.groupOf.delete(task);
      });
    return group.podDestroyed;
  }
}
