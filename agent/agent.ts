/**
 * The agent: runs what the master sends (`run[]`, `kill[]`,
 * `shutdown_frameworks[]`), reports every change as a status update through
 * the status-update manager, and describes itself when (re)registering.
 *
 * Nothing the master sends can crash it: a malformed item becomes a status
 * update with a message naming the problem (or a log line when it names no
 * task), and the agent goes on.
 */
import type {
  Attribute,
  FrameworkInfo,
  KillPolicy,
  MasterToAgent,
  Reason,
  Resource,
  StatusUpdate,
  Task,
  TaskInfo,
  TaskState,
  TaskStatus,
  v1,
} from '../proto/src/wire';
import { enumName, pb, Source, TaskState as States } from '../proto/src/wire';
import { idOf, newId } from '../proto/src/ids';
import type { Logger } from '../proto/src/log';
import { add, normalize, shortfalls, subtract } from '../proto/src/resources';
import type { Containerizer, Termination } from './containerizer';
import { containerTypeName } from './containerizer';
import { gracePeriodMs, killWithGrace } from './kill-policy';
import { runTaskShape, taskProblem } from './run-task-validation';
import { createSandbox, type Sandbox } from './sandbox';
import { StatusUpdateManager } from './status-update-manager';
import { taskEnvironment } from './task-environment';
import type { StatusSource } from './task-status';
import { AgentReasons, hasCapability, newTaskStatus, statusUpdate, terminalOutcome, unknownTaskState } from './task-status';

/** Version the agent reports when registering. */
export const AGENT_VERSION = '0.1.0';
/** Completed tasks kept for `/state`. */
export const MAX_COMPLETED_TASKS = 1000;
const MAX_STATUSES_PER_TASK = 20;

/** Where the agent's messages to the master go (the master link). */
export interface AgentOutbox {
  isRegistered(): boolean;
  sendUpdates(updates: readonly StatusUpdate[]): void;
}

/** Everything the agent is made of, already parsed. */
export interface AgentConfig {
  workDir: string;
  hostname: string;
  port: number;
  resources: Resource[];
  attributes: Attribute[];
  /** In preference order; a task goes to the first that supports its container. */
  containerizers: Containerizer[];
  statusUpdateRetryMs: number;
  logger: Logger;
  /** Milliseconds clock. @default Date.now */
  now?: () => number;
}

/** Where a task is in its life on this agent. */
export type TaskPhase = 'launching' | 'running' | 'killing' | 'terminated';

/** A task the agent runs, or ran and still reports. */
export interface AgentTask {
  frameworkId: string;
  taskId: string;
  info: TaskInfo;
  executorId?: string;
  containerId: string;
  phase: TaskPhase;
  /** Latest state (TASK_STAGING until the first update). */
  state: TaskState;
  /** Recent statuses, oldest first. */
  statuses: TaskStatus[];
  sandbox?: Sandbox;
  containerizer?: Containerizer;
  pid?: number;
  killRequested: boolean;
  killReason?: Reason;
}

interface AgentFramework {
  id: string;
  info: FrameworkInfo;
  tasks: Set<string>;
  shuttingDown: boolean;
}

/** A read-only picture of the agent, for `/state`. */
export interface AgentSnapshot {
  id?: string;
  hostname: string;
  port: number;
  version: string;
  registered: boolean;
  workDir: string;
  resources: Resource[];
  usedResources: Resource[];
  attributes: Attribute[];
  frameworks: FrameworkInfo[];
  tasks: AgentTask[];
  completedTasks: AgentTask[];
  pendingUpdates: number;
}

function taskKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u0000${taskId}`;
}

/** Resources without reservations or allocation role, to compare amounts only. */
function flatten(resources: readonly Resource[] | null | undefined): Resource[] {
  return normalize(
    (resources ?? []).map((r) => {
      const copy: Resource = { ...r };
      delete copy.reservations;
      delete copy.allocation_role;
      return copy;
    }),
  );
}

/** The agent's task bookkeeping and reactions. */
export class Agent {
  private id?: string;
  private readonly tasks = new Map<string, AgentTask>();
  private readonly frameworks = new Map<string, AgentFramework>();
  private readonly completed: AgentTask[] = [];
  private readonly updates: StatusUpdateManager;
  private readonly launches = new Set<Promise<void>>();
  /** Resources of every task not yet terminated (flattened), kept incrementally. */
  private used: Resource[] = [];
  private outbox?: AgentOutbox;
  private pumpScheduled = false;
  private retryTimer?: NodeJS.Timeout;
  private retryTimerAt = Infinity;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly config: AgentConfig) {
    this.now = config.now ?? Date.now;
    this.log = config.logger;
    this.updates = new StatusUpdateManager({
      retryBaseMs: config.statusUpdateRetryMs,
      onSettled: (frameworkId, taskId) => this.onSettled(frameworkId, taskId),
    });
  }

  /** Connect the agent to where its updates go. */
  attach(outbox: AgentOutbox): void {
    this.outbox = outbox;
  }

  /** The id the master gave, once registered. */
  agentId(): string | undefined {
    return this.id;
  }

  /** The `register` message: who the agent is, what it runs, for which frameworks. */
  registration(): v1.AgentToMaster.IRegister {
    const agentInfo: v1.IAgentInfo = {
      hostname: this.config.hostname,
      port: this.config.port,
      resources: this.config.resources,
      attributes: this.config.attributes,
    };
    if (this.id) agentInfo.id = { value: this.id };
    return {
      agent_info: agentInfo,
      tasks: [...this.tasks.values()].map((t) => this.taskMessage(t)),
      frameworks: [...this.frameworks.values()].map((f) => f.info),
      version: AGENT_VERSION,
    };
  }

  /** The master accepted the agent: adopt the id and resend every pending update. */
  onRegistered(registered: v1.MasterToAgent.IRegistered): void {
    const id = idOf(registered.agent_id);
    if (this.id && id && id !== this.id) this.log.warn('master gave a new agent id', { previous: this.id, agent_id: id });
    if (id) this.id = id;
    this.updates.redeliverAll();
    this.pump();
  }

  /** The link is down: stop the resend timer until registered again. */
  onDisconnected(): void {
    this.clearRetryTimer();
  }

  /** The master refused the agent. With `shutdown` it starts over as a new agent: tasks killed, id and updates forgotten. */
  onRefused(error: v1.MasterToAgent.IError): void {
    if (!error.shutdown) return;
    this.log.warn('master removed this agent: killing every task and registering as a new agent', { message: error.message });
    for (const task of this.tasks.values()) {
      const running = task.phase === 'running' || task.phase === 'killing';
      this.markTerminated(task);
      if (running && task.containerizer) void task.containerizer.destroy(task.containerId).catch(() => undefined);
    }
    this.tasks.clear();
    this.used = [];
    this.frameworks.clear();
    this.updates.clear();
    this.clearRetryTimer();
    this.id = undefined;
  }

  /** Handle one message from the master; each item on its own, errors logged. */
  handle(message: MasterToAgent): void {
    const guard = (what: string, fn: () => void): void => {
      try {
        fn();
      } catch (e) {
        this.log.error(`handling ${what} failed`, { error: e as Error });
      }
    };
    for (const run of message.run ?? []) guard('run', () => this.run(run));
    for (const kill of message.kill ?? []) guard('kill', () => this.kill(kill));
    for (const ack of message.acknowledgements ?? []) guard('acknowledgement', () => this.acknowledge(ack));
    for (const s of message.shutdown_frameworks ?? []) guard('shutdown_frameworks', () => this.shutdownFramework(idOf(s.framework_id)));
    for (const r of message.reconcile ?? []) guard('reconcile', () => this.reconcile(r));
    for (const m of message.messages ?? []) {
      this.log.debug('framework message dropped: executors are not supported yet', { framework_id: idOf(m.framework_id) });
    }
  }

  /** Stop: kill every task (SIGKILL) and report it, or leave them running. */
  async stop(killTasks: boolean): Promise<void> {
    if (killTasks) {
      const ends: Promise<unknown>[] = [];
      for (const task of this.tasks.values()) {
        if (task.phase === 'launching') {
          this.endBeforeLaunch(task, States.TASK_KILLED, AgentReasons.killedDuringLaunch, 'agent stopped before the task was launched');
        } else if (task.phase === 'running' || task.phase === 'killing') {
          task.killRequested = true;
          task.killReason ??= AgentReasons.agentRestarted;
          task.phase = 'killing';
          if (task.containerizer) ends.push(task.containerizer.destroy(task.containerId).catch(() => undefined));
        }
      }
      await Promise.all([...ends, ...this.launches]);
      await new Promise((r) => setImmediate(r)); // let terminations report
    } else {
      for (const c of this.config.containerizers) c.release?.();
    }
    this.pump();
    this.clearRetryTimer();
  }

  /** A read-only picture for `/state`. */
  snapshot(): AgentSnapshot {
    return {
      id: this.id,
      hostname: this.config.hostname,
      port: this.config.port,
      version: AGENT_VERSION,
      registered: this.outbox?.isRegistered() ?? false,
      workDir: this.config.workDir,
      resources: this.config.resources,
      usedResources: this.used,
      attributes: this.config.attributes,
      frameworks: [...this.frameworks.values()].map((f) => f.info),
      tasks: [...this.tasks.values()],
      completedTasks: [...this.completed],
      pendingUpdates: this.updates.size,
    };
  }

  // ---- run ---------------------------------------------------------------

  private run(run: v1.MasterToAgent.IRunTask): void {
    const shape = runTaskShape(run);
    const named = shape.tasks.filter((t) => idOf(t.task_id) !== '');
    if (named.length < shape.tasks.length) {
      this.log.warn('run: tasks without task_id dropped (no id to report them under)', {
        count: shape.tasks.length - named.length,
      });
    }
    if (!shape.frameworkId) {
      this.log.warn('run without framework id dropped', { tasks: named.map((t) => idOf(t.task_id)).join(',') });
      return;
    }
    const framework = this.upsertFramework(shape.frameworkId, run.framework);
    const refuse = (task: TaskInfo, state: TaskState, reason: Reason, message: string): void => {
      this.log.warn('task refused', { task_id: idOf(task.task_id), state: enumName(States, state), message });
      this.sendUntracked(shape.frameworkId, idOf(task.task_id), shape.executorId, state, reason, message);
    };
    const invalid = shape.isGroup ? AgentReasons.taskGroupInvalid : AgentReasons.taskInvalid;
    if (shape.problem) {
      for (const t of named) refuse(t, States.TASK_ERROR, invalid, shape.problem);
      return;
    }
    if (framework.shuttingDown) {
      for (const t of named) refuse(t, States.TASK_DROPPED, AgentReasons.frameworkRemoved, 'the framework is shutting down on this agent');
      return;
    }
    const problems = new Map<TaskInfo, string>();
    for (const t of named) {
      const problem = taskProblem(t) ?? this.duplicateProblem(shape.frameworkId, idOf(t.task_id));
      if (problem) problems.set(t, problem);
    }
    if (problems.size > 0) {
      const first = [...problems.values()][0];
      for (const t of named) {
        const own = problems.get(t);
        if (own) refuse(t, States.TASK_ERROR, invalid, own);
        else if (shape.isGroup) refuse(t, States.TASK_ERROR, invalid, `another task of the group is invalid: ${first}`);
      }
      if (shape.isGroup) return;
    }
    const valid = named.filter((t) => !problems.has(t));
    if (valid.length === 0) return;
    const missing = shortfalls(subtract(flatten(this.config.resources), this.used), flatten(valid.flatMap((t) => t.resources ?? [])));
    if (missing.length > 0) {
      const message = missing.map((s) => (s.message ?? s.name ?? '').replace('offer', 'agent')).join('; ');
      for (const t of valid) refuse(t, States.TASK_DROPPED, AgentReasons.resourcesUnknown, `not enough resources on this agent: ${message}`);
      return;
    }
    for (const info of valid) {
      const taskId = idOf(info.task_id);
      const previous = this.tasks.get(taskKey(shape.frameworkId, taskId));
      if (previous) this.forgetTask(previous); // a terminal task whose id is reused
      const task: AgentTask = {
        frameworkId: shape.frameworkId,
        taskId,
        info,
        executorId: shape.executorId,
        containerId: newId(),
        phase: 'launching',
        state: States.TASK_STAGING,
        statuses: [],
        killRequested: false,
      };
      this.tasks.set(taskKey(shape.frameworkId, taskId), task);
      this.used = add(this.used, flatten(info.resources));
      framework.tasks.add(taskId);
      const launch = this.launch(task).catch((e) => this.log.error('launch bookkeeping failed', { task_id: taskId, error: e as Error }));
      this.launches.add(launch);
      void launch.finally(() => this.launches.delete(launch));
    }
  }

  private duplicateProblem(frameworkId: string, taskId: string): string | undefined {
    const existing = this.tasks.get(taskKey(frameworkId, taskId));
    if (!existing || existing.phase === 'terminated') return undefined;
    return `task.task_id: "${taskId}" is already ${enumName(States, existing.state)} on this agent; the new launch is refused`;
  }

  private async launch(task: AgentTask): Promise<void> {
    const containerizer = this.config.containerizers.find((c) => c.supports(task.info.container));
    if (!containerizer) {
      const names = this.config.containerizers.map((c) => c.name).join(',');
      const message = `no containerizer on this agent runs ${containerTypeName(task.info.container)} containers (containerizers: ${names})`;
      this.endBeforeLaunch(task, States.TASK_FAILED, AgentReasons.launchFailed, message);
      return;
    }
    try {
      if (containerizer.usesSandbox !== false) {
        task.sandbox = await createSandbox(this.config.workDir, task.frameworkId, task.taskId, task.containerId);
        if (task.phase !== 'launching') return;
      }
      const launched = await containerizer.launch({
        containerId: task.containerId,
        frameworkId: task.frameworkId,
        taskId: task.taskId,
        executorId: task.executorId,
        task: task.info,
        sandboxDir: task.sandbox?.dir ?? '',
        stdoutPath: task.sandbox?.stdoutPath ?? '',
        stderrPath: task.sandbox?.stderrPath ?? '',
        environment: taskEnvironment({
          frameworkId: task.frameworkId,
          taskId: task.taskId,
          containerId: task.containerId,
          sandboxDir: task.sandbox?.dir ?? '',
          agentId: this.id,
          executorId: task.executorId,
          hostname: this.config.hostname,
          resources: task.info.resources,
        }),
      });
      task.containerizer = containerizer;
      task.pid = launched.pid;
      if (task.phase !== 'launching') {
        await containerizer.destroy(task.containerId);
        return;
      }
      task.phase = 'running';
      this.log.info('task running', { framework_id: task.frameworkId, task_id: task.taskId, pid: launched.pid });
      this.report(task, States.TASK_RUNNING, Source.SOURCE_EXECUTOR, {});
      void containerizer.wait(task.containerId).then(
        (termination) => this.onContainerEnded(task, containerizer, termination),
        (e) => this.onContainerEnded(task, containerizer, { message: `waiting for the container failed: ${(e as Error).message}` }),
      );
    } catch (e) {
      if (task.phase !== 'launching') return;
      this.endBeforeLaunch(task, States.TASK_FAILED, AgentReasons.launchFailed, (e as Error).message);
    }
  }

  private endBeforeLaunch(task: AgentTask, state: TaskState, reason: Reason, message: string): void {
    this.markTerminated(task);
    task.killRequested = state === States.TASK_KILLED;
    this.log.warn('task ended before it ran', { task_id: task.taskId, state: enumName(States, state), message });
    this.report(task, state, Source.SOURCE_AGENT, { reason, message });
    this.afterTermination(task);
  }

  private onContainerEnded(task: AgentTask, containerizer: Containerizer, termination: Termination): void {
    void containerizer.destroy(task.containerId).catch(() => undefined);
    if (task.phase === 'terminated') return;
    const outcome = terminalOutcome(termination, task.killRequested, task.killReason);
    this.markTerminated(task);
    this.log.info('task ended', { task_id: task.taskId, state: enumName(States, outcome.state), message: outcome.message });
    this.report(task, outcome.state, Source.SOURCE_EXECUTOR, outcome);
    this.afterTermination(task);
  }

  /** The task's resources are free again. */
  private markTerminated(task: AgentTask): void {
    if (task.phase === 'terminated') return;
    task.phase = 'terminated';
    this.used = subtract(this.used, flatten(task.info.resources));
  }

  private afterTermination(task: AgentTask): void {
    const framework = this.frameworks.get(task.frameworkId);
    if (!framework?.shuttingDown) return;
    for (const id of framework.tasks) {
      if (this.tasks.get(taskKey(framework.id, id))?.phase !== 'terminated') return;
    }
    this.finishFrameworkShutdown(framework);
  }

  // ---- kill, acknowledge, shutdown, reconcile -----------------------------

  private kill(kill: v1.MasterToAgent.IKillTask): void {
    const frameworkId = idOf(kill.framework_id);
    const taskId = idOf(kill.task_id);
    if (!taskId) {
      this.log.warn('kill without task_id ignored', { framework_id: frameworkId });
      return;
    }
    const task = this.findTask(frameworkId, taskId);
    if (!task) {
      const framework = this.frameworks.get(frameworkId)?.info;
      const message = `task ${taskId} is unknown to this agent`;
      this.log.warn('kill for an unknown task', { framework_id: frameworkId, task_id: taskId });
      this.sendUntracked(frameworkId, taskId, undefined, unknownTaskState(framework), AgentReasons.taskUnknown, message);
      return;
    }
    switch (task.phase) {
      case 'launching':
        this.endBeforeLaunch(task, States.TASK_KILLED, AgentReasons.killedDuringLaunch, 'killed before its container was launched');
        return;
      case 'running':
        this.startKill(task, kill.kill_policy);
        return;
      default:
        this.log.debug('kill ignored: task already being killed or ended', { task_id: taskId, phase: task.phase });
    }
  }

  private startKill(task: AgentTask, policy?: KillPolicy | null, reason?: Reason): void {
    task.killRequested = true;
    task.killReason = reason;
    task.phase = 'killing';
    const framework = this.frameworks.get(task.frameworkId)?.info;
    if (hasCapability(framework, pb.FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
      this.report(task, States.TASK_KILLING, Source.SOURCE_EXECUTOR, {});
    }
    const graceMs = gracePeriodMs(policy, task.info.kill_policy);
    this.log.info('killing task', { task_id: task.taskId, grace_ms: graceMs });
    if (task.containerizer) void killWithGrace(task.containerizer, task.containerId, graceMs).catch(() => undefined);
  }

  private acknowledge(ack: v1.MasterToAgent.IAcknowledge): void {
    const taskId = idOf(ack.task_id);
    const frameworkId = idOf(ack.framework_id) || this.findTask('', taskId)?.frameworkId || '';
    const outcome = this.updates.acknowledge(frameworkId, taskId, ack.uuid);
    if (outcome === 'acknowledged') this.schedulePump();
    else this.log.debug(`acknowledgement ignored (${outcome})`, { framework_id: frameworkId, task_id: taskId });
  }

  private shutdownFramework(frameworkId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) {
      this.log.info('shutdown of a framework unknown here', { framework_id: frameworkId });
      this.updates.forgetFramework(frameworkId);
      return;
    }
    this.log.info('shutting down framework', { framework_id: frameworkId, tasks: framework.tasks.size });
    framework.shuttingDown = true;
    for (const taskId of [...framework.tasks]) {
      const task = this.tasks.get(taskKey(frameworkId, taskId));
      if (!task) continue;
      if (task.phase === 'launching') {
        this.endBeforeLaunch(task, States.TASK_KILLED, AgentReasons.frameworkRemoved, 'framework shut down before the task was launched');
      } else if (task.phase === 'running') {
        this.startKill(task, undefined, AgentReasons.frameworkRemoved);
      }
    }
    if (this.frameworks.has(frameworkId)) {
      const allEnded = [...framework.tasks].every((id) => this.tasks.get(taskKey(frameworkId, id))?.phase === 'terminated');
      if (allEnded) this.finishFrameworkShutdown(framework);
    }
  }

  private finishFrameworkShutdown(framework: AgentFramework): void {
    this.pump(); // the last updates go out once; no acknowledgement will come
    this.updates.forgetFramework(framework.id);
    for (const id of [...framework.tasks]) {
      const task = this.tasks.get(taskKey(framework.id, id));
      if (task) this.forgetTask(task);
    }
    this.frameworks.delete(framework.id);
    this.log.info('framework shut down', { framework_id: framework.id });
  }

  /**
   * Report the latest state of the listed tasks (none listed: every task of
   * the framework, or of all frameworks). A task with unacknowledged updates
   * has its pending head resent at once (with its uuid, backoff reset); a
   * task without is answered with its latest status, reason
   * REASON_RECONCILIATION and no uuid; a listed task the agent does not
   * know is answered TASK_LOST (TASK_DROPPED if partition-aware), no uuid.
   */
  private reconcile(reconcile: v1.MasterToAgent.IReconcile): void {
    const frameworkId = idOf(reconcile.framework_id);
    const ids = (reconcile.task_ids ?? []).map(idOf).filter((id) => id !== '');
    const answers: StatusUpdate[] = [];
    const answer = (task: AgentTask): void => {
      if (this.updates.redeliver(task.frameworkId, task.taskId) > 0) return;
      const latest = task.statuses[task.statuses.length - 1];
      const status: TaskStatus = latest
        ? { ...latest }
        : newTaskStatus({ taskId: task.taskId, state: task.state, source: Source.SOURCE_AGENT, executorId: task.executorId });
      delete status.uuid;
      status.reason = AgentReasons.reconciliation;
      if (this.id) status.agent_id = { value: this.id };
      answers.push(statusUpdate(task.frameworkId, status));
    };
    if (ids.length > 0) {
      for (const id of ids) {
        const task = this.findTask(frameworkId, id);
        if (task) {
          answer(task);
          continue;
        }
        if (this.updates.redeliver(frameworkId, id) > 0) continue; // an untracked refusal still unacknowledged
        const status = newTaskStatus({
          taskId: id,
          state: unknownTaskState(this.frameworks.get(frameworkId)?.info),
          source: Source.SOURCE_AGENT,
          agentId: this.id,
          reason: AgentReasons.reconciliation,
          message: `task ${id} is unknown to this agent`,
        });
        delete status.uuid;
        answers.push(statusUpdate(frameworkId, status));
      }
    } else {
      this.updates.redeliver(frameworkId || undefined);
      for (const task of this.tasks.values()) if (!frameworkId || task.frameworkId === frameworkId) answer(task);
    }
    if (this.outbox?.isRegistered()) this.outbox.sendUpdates(answers);
    this.schedulePump();
  }

  // ---- bookkeeping -------------------------------------------------------

  private upsertFramework(frameworkId: string, info: FrameworkInfo | null | undefined): AgentFramework {
    let framework = this.frameworks.get(frameworkId);
    if (!framework) {
      framework = { id: frameworkId, info: info ?? { id: { value: frameworkId } }, tasks: new Set(), shuttingDown: false };
      this.frameworks.set(frameworkId, framework);
    } else if (info) {
      framework.info = info;
    }
    return framework;
  }

  private findTask(frameworkId: string, taskId: string): AgentTask | undefined {
    if (frameworkId) return this.tasks.get(taskKey(frameworkId, taskId));
    for (const task of this.tasks.values()) if (task.taskId === taskId) return task;
    return undefined;
  }

  private onSettled(frameworkId: string, taskId: string): void {
    const task = this.tasks.get(taskKey(frameworkId, taskId));
    if (task && task.phase === 'terminated') this.forgetTask(task);
  }

  private forgetTask(task: AgentTask): void {
    this.tasks.delete(taskKey(task.frameworkId, task.taskId));
    this.completed.push(task);
    if (this.completed.length > MAX_COMPLETED_TASKS) this.completed.shift();
    const framework = this.frameworks.get(task.frameworkId);
    if (!framework) return;
    framework.tasks.delete(task.taskId);
    if (framework.tasks.size === 0 && !framework.shuttingDown) this.frameworks.delete(framework.id);
  }

  private report(
    task: AgentTask,
    state: TaskState,
    source: StatusSource,
    extra: { reason?: Reason; message?: string; exitCode?: number; signal?: NodeJS.Signals },
  ): void {
    const status = newTaskStatus({
      taskId: task.taskId,
      state,
      source,
      agentId: this.id,
      executorId: task.executorId,
      containerId: task.containerizer ? task.containerId : undefined,
      ...extra,
    });
    task.state = state;
    task.statuses.push(status);
    if (task.statuses.length > MAX_STATUSES_PER_TASK) task.statuses.shift();
    this.updates.enqueue(statusUpdate(task.frameworkId, status));
    this.schedulePump();
  }

  private sendUntracked(
    frameworkId: string,
    taskId: string,
    executorId: string | undefined,
    state: TaskState,
    reason: Reason,
    message: string,
  ): void {
    const status = newTaskStatus({ taskId, state, source: Source.SOURCE_AGENT, agentId: this.id, executorId, reason, message });
    this.updates.enqueue(statusUpdate(frameworkId, status));
    this.schedulePump();
  }

  private taskMessage(task: AgentTask): Task {
    const head = this.updates.head(task.frameworkId, task.taskId);
    const latest = task.statuses[task.statuses.length - 1];
    const message: Task = {
      name: task.info.name,
      task_id: { value: task.taskId },
      framework_id: { value: task.frameworkId },
      state: task.state,
      resources: task.info.resources,
      statuses: latest ? [latest] : [],
      labels: task.info.labels,
      container: task.info.container,
      health_check: task.info.health_check,
      kill_policy: task.info.kill_policy,
      command: task.info.command,
    };
    if (task.executorId) message.executor_id = { value: task.executorId };
    if (this.id) message.agent_id = { value: this.id };
    if (head?.status) {
      message.status_update_state = head.status.state;
      message.status_update_uuid = head.status.uuid;
    }
    return message;
  }

  // ---- sending -----------------------------------------------------------

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Send the updates that are due, stamped with the current agent id, and arm the resend timer. */
  private pump(): void {
    if (!this.outbox?.isRegistered()) return;
    const due = this.updates.due(this.now());
    if (due.length > 0) {
      if (this.id) for (const u of due) if (u.status) u.status.agent_id = { value: this.id };
      this.outbox.sendUpdates(due);
    }
    this.armRetryTimer();
  }

  private armRetryTimer(): void {
    const at = this.updates.nextDueAt();
    if (at === undefined) {
      this.clearRetryTimer();
      return;
    }
    if (this.retryTimer && this.retryTimerAt <= at) return;
    this.clearRetryTimer();
    this.retryTimerAt = at;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryTimerAt = Infinity;
      this.pump();
    }, Math.max(0, at - this.now()));
    this.retryTimer.unref();
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryTimerAt = Infinity;
  }
}
