/**
 * The agent: runs what the master sends (`run[]`, `kill[]`,
 * `shutdown_frameworks[]`, `reconcile[]`), reports every change as a status
 * update through the status-update manager, and describes itself when
 * (re)registering.
 *
 * Nothing the master sends can crash it: a malformed item becomes a status
 * update with a message naming the problem (or a log line when it names no
 * task), and the agent goes on.
 */
import type { Attribute, ExecutorInfo, FrameworkInfo, KillPolicy, MasterToAgent, Reason, Resource, Task, TaskInfo, TaskState, TaskStatus, v1 } from '@meseta/proto/wire';
import { enumName, pb, Source, TaskState as States } from '@meseta/proto/wire';
import { idOf, newId } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import { shortfalls } from '@meseta/proto/resources';
import type { AgentCheckpoint } from './checkpoint-writer';
import type { CachedImages, Containerizer, LaunchedContainer, LaunchSpec, Termination } from './containerizer';
import { containerTypeName } from './containerizer';
import { gracePeriodMs, killWithGrace } from './kill-policy';
import { containerFields, destroyWithRetry } from './container-destroy';
import { type Clock, systemClock } from '@meseta/runtime/clock';
import { reconciliationAnswers } from './reconciliation';
import type { RecoveredAgentState } from './recovery';
import { customExecutorProblem, runTaskShape, taskProblem } from './run-task-validation';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSandbox, type Sandbox, sandboxRelativeDir } from './sandbox';
import { TaskGroups } from './containerizers/task-groups';
import { type AgentOutbox, StatusUpdateSender } from './status-update-sender';
import { type AgentFramework, type AgentTask, flatten, MAX_STATUSES_PER_TASK, TaskBook, taskMessage } from './task-book';
import { taskEnvironment } from './task-environment';
import { LaunchRefusal, prepareSandboxAccess, resolveTaskAccess, type TaskAccess } from './task-access';
import { NoSecretStore, type SecretStore } from './secret-store';
import { SystemUserDirectory, type UserDirectory } from './task-user';
import { TaskHealthChecks } from './health-checker';
import type { StatusSource } from './task-status';
import type { Fetcher } from './fetcher/fetcher';
import { type AgentExecutor, DEFAULT_RECOVERY_TIMEOUT_MS, DEFAULT_REGISTRATION_TIMEOUT_MS, DEFAULT_SHUTDOWN_GRACE_MS, Executors, type ExecutorStream, isCustomExecutor } from './executors';
import { isTerminal } from '@meseta/proto/task-state';
import type { ExecutorCheckpoint } from './executor-checkpoint';
import { AgentReasons, hasCapability, newTaskStatus, statusUpdate, terminalOutcome, unknownTaskState } from './task-status';
import { type HeldVolume, VolumeStore } from './volume-store';
import { CONTAINER_SANDBOX } from './containerizers/oci-bundle';
import { isVolumeResource, type VolumeKey, volumeMounts, type VolumeMount, volumeSpecOf } from './volume-paths';
import { linkVolumesIntoSandbox } from './volume-links';
import { taskDiskLimits } from './disk-quota';
import type { WatchedTask } from './disk-watch';

export type { AgentOutbox } from './status-update-sender';
export type { AgentTask, TaskPhase } from './task-book';

/** Version the agent reports when registering. */
export const AGENT_VERSION = '0.1.0';

/** Everything the agent is made of, already parsed. */
export interface AgentConfig {
  workDir: string;
  hostname: string;
  /** The address the agent's port listens on, advertised to the master. */
  ip: string;
  port: number;
  resources: Resource[];
  attributes: Attribute[];
  /** In preference order; a task goes to the first that supports its container. */
  containerizers: Containerizer[];
  statusUpdateRetryMs: number;
  logger: Logger;
  /** The clock of kill grace periods, update resends and destroy retries. @default systemClock */
  clock?: Clock;
  /** Where tasks and pending updates are checkpointed (see `checkpoint-writer.ts`); none: nothing survives a restart. */
  checkpoint?: AgentCheckpoint;
  /**
   * Run each task as `CommandInfo.user`, else `FrameworkInfo.user`, when the
   * agent runs as root (Mesos's `--switch_user`); false: as the agent's user.
   * @default true
   */
  switchUser?: boolean;
  /** Where task users are looked up. @default the system's (`getent passwd`) */
  users?: UserDirectory;
  /** Where referenced secrets are resolved. @default none: a task referencing a secret fails naming it */
  secrets?: SecretStore;
  /** Fetches `CommandInfo.uris` into sandboxes before containers start. @default none: a task with URIs fails naming the first */
  fetcher?: Fetcher;
  /** How long a started custom executor has to SUBSCRIBE (`--executor-registration-timeout`). @default 60 s */
  executorRegistrationTimeoutMs?: number;
  /** How long a custom executor has to exit after SHUTDOWN (`--executor-shutdown-grace-period`). @default 5 s */
  executorShutdownGraceMs?: number;
}

/** What the executor API (`executor-http.ts`) asks of the agent. */
export interface ExecutorApiTarget {
  executors: Executors;
  /** An UPDATE from the executor: a problem (400) or undefined once it is queued for the framework. */
  update(executor: AgentExecutor, status: TaskStatus): string | undefined;
  /** A MESSAGE from the executor, for its scheduler. */
  message(executor: AgentExecutor, data: Uint8Array): void;
  /** SUBSCRIBE: the stream opens; unacknowledged updates the agent has not seen are taken as UPDATEs. Returns a problem (400) or undefined. */
  subscribe(executor: AgentExecutor, call: v1.executor.ICall, stream: ExecutorStream): string | undefined;
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
  /** Registry images and layers in the agent's layer store (absent without a containerizer that keeps one). */
  cachedImages?: CachedImages;
  /** Its custom executors: where each one's current run is (Mesos's agent state lists their `directory`). */
  executors?: Array<{ frameworkId: string; executorId: string; containerId: string; name?: string; directory?: string }>;
  /** Tasks forgotten in each terminal state since the agent started, by state name (Mesos's `slave/tasks_*` counters). */
  tasksEnded?: ReadonlyMap<string, number>;
  /** Persistent volumes whose directories the agent holds, with the tasks using each now. */
  volumes?: Array<HeldVolume & { tasks: string[] }>;
}

/** A running task's container for a debug session, or why there is none. */
export type ExecTarget =
  | { containerizer: Containerizer; containerId: string; frameworkId: string }
  | { problem: 'not-found' | 'not-running' | 'unsupported'; message: string };

/** Where {@link createSandbox} puts a task's sandbox (known before it is made). */
function plannedSandbox(workDir: string, task: AgentTask): Sandbox {
  const relativeDir = sandboxRelativeDir(task.frameworkId, task.taskId, task.containerId);
  const dir = path.join(workDir, relativeDir);
  return { dir, relativeDir, stdoutPath: path.join(dir, 'stdout'), stderrPath: path.join(dir, 'stderr') };
}

/** The user a process runs as (owner of /proc/<pid>) when it is not the agent's; undefined when unknown. */
function processOwner(pid: number | undefined): { uid: number; gid: number } | undefined {
  if (!pid) return undefined;
  try {
    const stats = fs.statSync(`/proc/${pid}`);
    return stats.uid === process.getuid?.() ? undefined : { uid: stats.uid, gid: stats.gid };
  } catch {
    return undefined;
  }
}

const defaultUsers: UserDirectory = new SystemUserDirectory();
const noSecrets: SecretStore = new NoSecretStore();

type StatusExtras = { reason?: Reason; message?: string; exitCode?: number; signal?: NodeJS.Signals; healthy?: boolean };

/** The agent's reactions to the master, over its task book and update sender. */
export class Agent {
  private id?: string;
  private readonly book = new TaskBook();
  private readonly updates: StatusUpdateSender;
  private readonly launches = new Set<Promise<void>>();
  /** Per task with a container: resolves once its end has been reported. */
  private readonly watches = new Map<AgentTask, Promise<void>>();
  /** Destroys of ended containers still under way (with their retries). */
  private readonly cleanups = new Set<Promise<boolean>>();
  /** Fetches of `command.uris` under way, stopped when their task ends before it runs. */
  private readonly fetches = new Map<AgentTask, AbortController>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly health: TaskHealthChecks;
  private readonly groups: TaskGroups;
  private readonly executors: Executors;
  private outbox?: AgentOutbox;
  /** Persistent volumes' directories (see volume-store.ts). */
  private readonly volumes: VolumeStore;
  /** Custom executors of the previous run, which a restarted agent does not take over: the master frees their resources. */
  private executorsNotRecovered: v1.AgentToMaster.IExecutorExited[] = [];

  constructor(private readonly config: AgentConfig) {
    this.log = config.logger;
    this.clock = config.clock ?? systemClock;
    this.volumes = new VolumeStore({ workDir: config.workDir, logger: config.logger.child('volumes'), usersOf: (key) => this.tasksUsing(key).map((t) => t.taskId) });
    this.executors = new Executors({
      workDir: config.workDir,
      endpoint: `${config.ip}:${config.port}`,
      containerizers: config.containerizers,
      clock: this.clock,
      logger: config.logger.child('executors'),
      agentId: () => this.id,
      agentInfo: () => this.agentInfo(),
      framework: (frameworkId) => this.book.framework(frameworkId)?.info,
      access: {
        switchUser: config.switchUser ?? true,
        agentIsRoot: process.getuid?.() === 0,
        users: config.users ?? defaultUsers,
        secrets: config.secrets ?? noSecrets,
      },
      registrationTimeoutMs: config.executorRegistrationTimeoutMs ?? DEFAULT_REGISTRATION_TIMEOUT_MS,
      shutdownGraceMs: config.executorShutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
      recoveryTimeoutMs: DEFAULT_RECOVERY_TIMEOUT_MS,
      fetch: config.fetcher && (async (command, sandbox, user, context) => {
        const plan = config.fetcher!.plan(command, 'executor.');
        if ('problem' in plan) throw new Error(plan.problem);
        this.log.info('fetching the executor\'s URIs', { ...context, uris: plan.steps.length });
        await config.fetcher!.fetchUris(plan.steps, sandbox, user, context);
      }),
      runtimeDir: config.checkpoint && ((containerId) => config.checkpoint!.runtimeDir(containerId)),
      hold: (resources) => this.book.holdExecutor(resources),
      release: (resources) => this.book.releaseExecutor(resources),
      onEnded: (executor, termination) => this.onExecutorEnded(executor, termination),
    });
    this.health = new TaskHealthChecks({
      report: (task, healthy, message) => this.report(task, States.TASK_RUNNING, Source.SOURCE_EXECUTOR, { healthy, message, reason: pb.TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED }),
      kill: (task) => this.startKill(task, undefined, pb.TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED),
    }, config.logger.child('health'), this.clock);
    this.groups = new TaskGroups({
      containerizers: config.containerizers,
      agentId: () => this.id,
      logger: config.logger.child('groups'),
      launchTask: (task) => this.launch(task),
      prepare: (task, containerizer) => this.prepareLaunch(task, containerizer),
      started: (task, containerizer, launched) => this.started(task, containerizer, launched),
      failBeforeLaunch: (task, message, failure) => {
        const reason = failure instanceof LaunchRefusal ? failure.reason : AgentReasons.launchFailed;
        if (task.phase === 'launching') this.endBeforeLaunch(task, States.TASK_FAILED, reason, message);
      },
      kill: (task, policy) => this.startKill(task, policy),
    });
    this.updates = new StatusUpdateSender({
      retryBaseMs: config.statusUpdateRetryMs,
      agentId: () => this.id,
      clock: this.clock,
      persist: config.checkpoint && ((frameworkId, taskId, pending, urgent) => config.checkpoint!.updates(frameworkId, taskId, pending, urgent ? 'now' : 'soon')),
      onSettled: (frameworkId, taskId) => {
        const task = this.book.get(frameworkId, taskId);
        if (!task || task.phase !== 'terminated') return;
        this.book.forget(task);
        this.config.checkpoint?.forgetTask(frameworkId, taskId);
        if (!this.book.framework(frameworkId)) this.config.checkpoint?.frameworkIdle(frameworkId);
      },
    });
  }

  /** Connect the agent to where its updates go. */
  attach(outbox: AgentOutbox): void {
    this.outbox = outbox;
    this.updates.attach(outbox);
    for (const exited of this.executorsNotRecovered) outbox.sendExecutorExited?.(exited);
    this.executorsNotRecovered = [];
  }

  /** The executor API's view of the agent (see `executor-http.ts`). */
  executorApi(): ExecutorApiTarget {
    return {
      executors: this.executors,
      update: (executor, status) => this.executorUpdate(executor, status),
      message: (executor, data) => {
        if (!this.outbox?.sendFrameworkMessage) return;
        this.outbox.sendFrameworkMessage({ framework_id: { value: executor.frameworkId }, executor_id: { value: executor.executorId }, data });
      },
      subscribe: (executor, call, stream) => this.executorSubscribe(executor, call, stream),
    };
  }

  private agentInfo(): v1.IAgentInfo {
    const info: v1.IAgentInfo = {
      hostname: this.config.hostname,
      ip: this.config.ip,
      port: this.config.port,
      resources: this.config.resources,
      attributes: this.config.attributes,
    };
    if (this.id) info.id = { value: this.id };
    return info;
  }

  /** The id the master gave, once registered. */
  agentId(): string | undefined {
    return this.id;
  }

  /** The `register` message: who the agent is, what it runs, for which frameworks. */
  registration(): v1.AgentToMaster.IRegister {
    const agentInfo = this.agentInfo();
    return {
      agent_info: agentInfo,
      tasks: [...this.book.all().map((t) => taskMessage(t, this.updates.head(t.frameworkId, t.taskId), this.id)), ...this.refusedTasks()],
      frameworks: this.book.frameworkInfos(),
      version: AGENT_VERSION,
    };
  }

  /**
   * Tasks the agent refused (never in its book) whose refusal is not yet
   * acknowledged, reported in their refused state: the master then keeps
   * them until the resent refusal arrives, instead of ending them as lost
   * ("re-registered without this task") before the framework hears why.
   */
  private refusedTasks(): Task[] {
    const out: Task[] = [];
    for (const head of this.updates.heads()) {
      const status = head.status;
      const frameworkId = idOf(head.framework_id);
      const taskId = idOf(status?.task_id);
      if (!status || !taskId || !isTerminal(status.state) || this.book.get(frameworkId, taskId)) continue;
      const task: Task = {
        task_id: { value: taskId }, framework_id: { value: frameworkId }, state: status.state, statuses: [status],
        status_update_state: status.state, status_update_uuid: status.uuid,
      };
      if (this.id) task.agent_id = { value: this.id };
      if (status.executor_id) task.executor_id = status.executor_id;
      out.push(task);
    }
    return out;
  }

  /** The master accepted the agent: adopt the id and resend every pending update. */
  onRegistered(registered: v1.MasterToAgent.IRegistered): void {
    const id = idOf(registered.agent_id);
    if (this.id && id && id !== this.id) this.log.warn('master gave a new agent id', { previous: this.id, agent_id: id });
    if (id) this.id = id;
    if (id && this.config.checkpoint && this.config.checkpoint.agentId() !== id) void this.config.checkpoint.setAgentId(id);
    this.updates.onRegistered();
  }

  /** The link is down: no resends until registered again. */
  onDisconnected(): void {
    this.updates.onDisconnected();
  }

  /**
   * The master refused the agent. With `shutdown` (it was removed) the agent
   * starts over as a new agent: tasks killed, id and pending updates dropped.
   * Without, nothing changes and the link simply tries again.
   */
  onRefused(error: v1.MasterToAgent.IError): void {
    if (!error.shutdown) return;
    this.log.warn('master removed this agent: killing every task and registering as a new agent', { message: error.message });
    for (const task of this.book.all()) {
      const running = task.phase === 'running' || task.phase === 'killing';
      this.book.markTerminated(task);
      if (running && task.containerizer) this.destroyLater(task, task.containerizer);
    }
    void this.groups.destroyAll();
    for (const executor of this.executors.all()) this.executors.shutdown(executor, AgentReasons.agentRestarted, 'the master removed this agent');
    this.book.clear();
    this.updates.clear();
    this.id = undefined;
    void this.config.checkpoint?.reset();
  }

  /**
   * Take over the custom executors the previous run checkpointed (see
   * `executor-checkpoint.ts`), before {@link recover}: those still running
   * keep their tasks and may SUBSCRIBE again; the others are reported gone.
   */
  async recoverExecutors(records: readonly ExecutorCheckpoint[]): Promise<void> {
    const lost = await this.executors.recover(records);
    for (const record of lost) this.executorsNotRecovered.push({ framework_id: { value: record.frameworkId }, executor_id: { value: record.executorId } });
  }

  /**
   * Take over from the previous run (see `recovery.ts`): its id, frameworks,
   * tasks and unacknowledged updates. Adopted containers are watched again;
   * those that ended while the agent was away are reported with how they
   * ended. Call before the link starts.
   */
  recover(state: RecoveredAgentState): void {
    this.id = state.agentId;
    for (const info of state.frameworks) this.book.upsertFramework(idOf(info.id), info);
    for (const { task } of state.tasks) this.book.add(task, this.book.upsertFramework(task.frameworkId, undefined));
    this.updates.restore(state.updates);
    // Tasks of executors taken over (recoverExecutors) stay theirs; those of executors not taken over end below as
    // not found, and the master hears that those executors are gone.
    const executorOf = (task: AgentTask) => (task.executorId ? this.executors.get(task.frameworkId, task.executorId) : undefined);
    for (const { task } of state.tasks) if (task.phase !== 'terminated') executorOf(task)?.taskIds.add(task.taskId);
    const executorKeys = new Set<string>(this.executorsNotRecovered.map((e) => `${idOf(e.framework_id)}\u0000${idOf(e.executor_id)}`));
    for (const { task } of state.tasks) {
      if (!isCustomExecutor(task.info.executor) || !task.executorId || executorOf(task)) continue;
      const key = `${task.frameworkId}\u0000${task.executorId}`;
      if (executorKeys.has(key)) continue;
      executorKeys.add(key);
      this.executorsNotRecovered.push({ framework_id: { value: task.frameworkId }, executor_id: { value: task.executorId } });
    }
    this.groups.adopt(state.tasks.map(({ task }) => task));
    for (const { task } of state.tasks) {
      if (task.phase === 'terminated') continue;
      for (const [i, r] of (task.info.resources ?? []).entries()) {
        if (!isVolumeResource(r)) continue;
        const spec = volumeSpecOf(r, `task.resources[${i}]`);
        if (!('problem' in spec)) this.volumes.remember(spec);
      }
    }
    // Adopted containers first, so a pod member found ended applies its group's rules to running ones.
    for (const { task, action } of state.tasks) {
      const containerizer = task.containerizer;
      if (action.kind !== 'adopt' || !containerizer) continue;
      if (action.reportRunning) {
        task.phase = 'running';
        this.report(task, States.TASK_RUNNING, Source.SOURCE_EXECUTOR, {});
      }
      task.user ??= processOwner(task.pid); // its health-check commands run as it, as before the restart
      if (action.resumeKill) this.killContainer(task, containerizer, gracePeriodMs(undefined, task.info.kill_policy));
      else this.health.start(task, { agentId: this.id, hostname: this.config.hostname });
      this.watch(task, containerizer);
    }
    for (const { task, action } of state.tasks) {
      if (action.kind !== 'end' || executorOf(task)) continue;
      if (action.reportRunning) {
        task.phase = 'running';
        this.report(task, States.TASK_RUNNING, Source.SOURCE_EXECUTOR, {});
      }
      this.onContainerEnded(task, task.containerizer, action.termination);
    }
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
    for (const s of message.shutdown_executors ?? []) guard('shutdown_executors', () => this.shutdownExecutor(idOf(s.framework_id), idOf(s.executor_id)));
    if (message.volumes) {
      const volumes = message.volumes;
      guard('volumes', () => void this.volumes.apply(volumes).catch((e) => this.log.error('applying the master\'s volumes failed', { error: e as Error })));
    }
    for (const m of message.messages ?? []) {
      guard('message', () => {
        const delivered = this.executors.message(idOf(m.framework_id), idOf(m.executor_id), m.data ?? new Uint8Array());
        if (!delivered) this.log.debug('framework message dropped', { framework_id: idOf(m.framework_id), executor_id: idOf(m.executor_id) });
      });
    }
  }

  /** Stop: kill every task (SIGKILL) and report it, or leave them running. */
  async stop(killTasks: boolean): Promise<void> {
    this.health.stopAll();
    if (killTasks) {
      const ends: Promise<unknown>[] = [];
      for (const task of this.book.all()) {
        if (task.phase === 'launching') {
          this.endBeforeLaunch(task, States.TASK_KILLED, AgentReasons.killedDuringLaunch, 'agent stopped before the task was launched');
        } else if (task.phase === 'running' || task.phase === 'killing') {
          task.killRequested = true;
          task.killReason ??= AgentReasons.agentRestarted;
          task.phase = 'killing';
          const containerizer = task.containerizer;
          // A destroyed container's end is reported by its watch; one that could not be destroyed never ends.
          if (containerizer) ends.push(destroyWithRetry(containerizer, this.idsOf(task), this.destroyOptions()).then((done) => (done ? this.watches.get(task) : undefined)));
        }
      }
      await Promise.all([...ends, ...this.launches]);
      await this.executors.destroyAll(); // their tasks are reported as they end
      await this.groups.destroyAll(); // the pods' parent containers
      await Promise.all(this.cleanups);
      await Promise.all(
        this.config.containerizers.map((c) => c.shutdown?.().catch((e) => this.log.warn('containerizer shutdown failed', { containerizer: c.name, error: e as Error }))),
      );
    } else {
      this.executors.release();
      this.groups.clear();
      for (const c of this.config.containerizers) c.release?.();
    }
    await this.config.checkpoint?.flush(); // staged updates join the queue once on disk
    this.updates.flush();
    this.updates.stop();
  }

  /** A read-only picture for `/state`. */
  snapshot(): AgentSnapshot {
    return {
      id: this.id,
      hostname: this.config.hostname,
      port: this.config.port,
      version: AGENT_VERSION,
      registered: this.updates.isRegistered(),
      workDir: this.config.workDir,
      resources: this.config.resources,
      usedResources: this.book.used(),
      attributes: this.config.attributes,
      frameworks: this.book.frameworkInfos(),
      tasks: this.book.all(),
      completedTasks: this.book.completed(),
      pendingUpdates: this.updates.size,
      executors: this.executors.all().map((e) => ({
        frameworkId: e.frameworkId, executorId: e.executorId, containerId: e.containerId, name: e.info.name ?? undefined, directory: e.sandbox?.dir,
      })),
      tasksEnded: this.book.ended,
      volumes: this.volumes.list().map((v) => ({ ...v, tasks: this.tasksUsing({ role: v.role, id: v.persistenceId }).map((t) => t.taskId) })),
      cachedImages: this.config.containerizers.find((c) => c.cachedImages)?.cachedImages?.(),
    };
  }

  /**
   * Where a debug session (`meseta exec`) into a task goes: the running
   * task's containerizer and container, or why there is none. An empty
   * `frameworkId` matches the task in any framework.
   */
  execTarget(frameworkId: string, taskId: string): ExecTarget {
    const task = this.book.find(frameworkId, taskId);
    if (!task) {
      const ended = this.book.completed().find((t) => t.taskId === taskId && (!frameworkId || t.frameworkId === frameworkId));
      if (ended) return { problem: 'not-running', message: `task ${taskId} is ${enumName(States, ended.state)}, not running` };
      return { problem: 'not-found', message: `task ${taskId} is not on this agent` };
    }
    if (task.phase !== 'running' || !task.containerizer) {
      return { problem: 'not-running', message: `task ${taskId} is ${enumName(States, task.state)}, not running` };
    }
    if (!task.containerizer.exec) {
      return { problem: 'unsupported', message: `the ${task.containerizer.name} containerizer running task ${taskId} has no debug sessions` };
    }
    return { containerizer: task.containerizer, containerId: task.containerId, frameworkId: task.frameworkId };
  }

  // ---- run ---------------------------------------------------------------

  private run(run: v1.MasterToAgent.IRunTask): void {
    try {
      this.runTasks(run);
    } finally {
      // The master holds a custom executor's resources from the launch on; one refused before it started is reported ended.
      const named = run.task_group ? run.executor : run.task?.executor;
      const frameworkId = idOf(run.framework?.id) || idOf(named?.framework_id);
      if (isCustomExecutor(named) && frameworkId && !this.executors.get(frameworkId, idOf(named.executor_id))) {
        this.outbox?.sendExecutorExited?.({ framework_id: { value: frameworkId }, executor_id: named.executor_id });
      }
    }
  }

  private runTasks(run: v1.MasterToAgent.IRunTask): void {
    const shape = runTaskShape(run);
    const named = shape.tasks.filter((t) => idOf(t.task_id) !== '');
    if (named.length < shape.tasks.length) {
      this.log.warn('run: tasks without task_id dropped (no id to report them under)', { count: shape.tasks.length - named.length });
    }
    if (!shape.frameworkId) {
      this.log.warn('run without framework id dropped', { tasks: named.map((t) => idOf(t.task_id)).join(',') });
      return;
    }
    const framework = this.book.upsertFramework(shape.frameworkId, run.framework);
    void this.config.checkpoint?.framework(framework.id, framework.info);
    const refuse = (task: TaskInfo, state: TaskState, reason: Reason, message: string): void => {
      this.log.warn('task refused', { task_id: idOf(task.task_id), state: enumName(States, state), message });
      this.sendUntracked(shape.frameworkId, idOf(task.task_id), shape.executorId, state, { reason, message });
    };
    const invalid = shape.isGroup ? AgentReasons.taskGroupInvalid : AgentReasons.taskInvalid;
    const groupExecutorProblem = shape.isGroup && isCustomExecutor(run.executor) ? customExecutorProblem(run.executor, 'run.executor') : undefined;
    if (shape.problem || groupExecutorProblem) {
      for (const t of named) refuse(t, States.TASK_ERROR, invalid, (shape.problem ?? groupExecutorProblem)!);
      return;
    }
    if (framework.shuttingDown) {
      for (const t of named) refuse(t, States.TASK_DROPPED, AgentReasons.frameworkRemoved, 'the framework is shutting down on this agent');
      return;
    }
    const problems = new Map<TaskInfo, string>();
    for (const t of named) {
      const problem = taskProblem(t, shape.isGroup ? run.executor : undefined) ?? this.duplicateProblem(shape.frameworkId, idOf(t.task_id));
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
    const executorInfo = shape.isGroup ? run.executor : run.task?.executor;
    const custom = isCustomExecutor(executorInfo) ? executorInfo : undefined;
    const startsExecutor = custom !== undefined && this.executors.needsStart(shape.frameworkId, idOf(custom.executor_id));
    const asked = [...valid.flatMap((t) => t.resources ?? []), ...(startsExecutor ? (custom.resources ?? []) : [])];
    const missing = shortfalls(this.book.remaining(this.config.resources), flatten(asked));
    if (missing.length > 0) {
      const message = missing.map((s) => (s.message ?? s.name ?? '').replace('offer', 'agent')).join('; ');
      for (const t of valid) refuse(t, States.TASK_DROPPED, AgentReasons.resourcesUnknown, `not enough resources on this agent: ${message}`);
      return;
    }
    const tasks = valid.map((info) => {
      const task: AgentTask = {
        frameworkId: shape.frameworkId,
        taskId: idOf(info.task_id),
        info,
        executorId: shape.executorId,
        containerId: newId(),
        phase: 'launching',
        state: States.TASK_STAGING,
        statuses: [],
        killRequested: false,
      };
      this.book.add(task, framework); // a terminal task with this id (id reuse) moves to the completed list
      return task;
    });
    if (custom) {
      this.launchOnExecutor(custom, tasks, shape.isGroup);
      return;
    }
    // A group runs as a pod where the containerizer can (all or nothing, see containerizers/task-groups.ts).
    const launches = shape.isGroup ? [this.groups.launch(tasks, run.executor)] : tasks.map((task) => this.launch(task));
    for (const started of launches) {
      const launch = started.catch((e) => this.log.error('launch bookkeeping failed', { tasks: tasks.map((t) => t.taskId).join(','), error: e as Error }));
      this.launches.add(launch);
      void launch.finally(() => this.launches.delete(launch));
    }
  }

  /** Hand the tasks to their custom executor (started first when it is not running). */
  private launchOnExecutor(info: ExecutorInfo, tasks: AgentTask[], group: boolean): void {
    const withVolume = tasks.find((t) => (t.info.resources ?? []).some(isVolumeResource));
    if (withVolume) {
      // Mesos mounts them into the executor's container as its tasks arrive; Meseta does not yet, so it says so rather than run the task without its data.
      const i = (withVolume.info.resources ?? []).findIndex(isVolumeResource);
      const message = `task.resources[${i}].disk.persistence: persistent volumes are not supported yet for tasks of a custom executor (executor "${idOf(info.executor_id)}"); run the task with the command or default executor`;
      for (const task of tasks) this.endBeforeLaunch(task, States.TASK_FAILED, AgentReasons.launchFailed, task === withVolume ? message : `another task of the group was refused: ${message}`);
      return;
    }
    for (const task of tasks) void this.config.checkpoint?.task(task);
    const refused = this.executors.launch(tasks[0].frameworkId, { ...info, framework_id: { value: tasks[0].frameworkId } }, tasks.map((t) => t.info), group);
    if (refused) for (const task of tasks) this.endBeforeLaunch(task, States.TASK_FAILED, AgentReasons.executorTerminated, refused);
  }

  private duplicateProblem(frameworkId: string, taskId: string): string | undefined {
    const existing = this.book.get(frameworkId, taskId);
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
      const spec = await this.prepareLaunch(task, containerizer);
      if (!spec) return;
      await this.started(task, containerizer, await containerizer.launch(spec));
    } catch (e) {
      if (task.phase !== 'launching') return;
      const reason = e instanceof LaunchRefusal ? e.reason : AgentReasons.launchFailed;
      this.endBeforeLaunch(task, States.TASK_FAILED, reason, (e as Error).message);
    }
  }

  /** The task's user and secret values (see task-access.ts); rejects with a LaunchRefusal naming the user or secret. */
  private resolveAccess(task: AgentTask): Promise<TaskAccess> {
    return resolveTaskAccess({
      task: task.info,
      framework: this.book.framework(task.frameworkId)?.info,
      switchUser: this.config.switchUser ?? true,
      agentIsRoot: process.getuid?.() === 0,
      users: this.config.users ?? defaultUsers,
      secrets: this.config.secrets ?? noSecrets,
    });
  }

  /** The task's sandbox (and checkpoint) and its launch spec; undefined when it stopped launching meanwhile. */
  private async prepareLaunch(task: AgentTask, containerizer: Containerizer): Promise<LaunchSpec | undefined> {
    let sandboxReady: Promise<void> | undefined;
    const access = await this.resolveAccess(task);
    if (task.phase !== 'launching') return undefined;
    if (access.user) task.user = { uid: access.user.uid, gid: access.user.gid }; // its health-check commands run as it too
    const volumes = await this.prepareVolumes(task, containerizer, access);
    if (task.phase !== 'launching') return undefined;
    const fetching = (task.info.command?.uris?.length ?? 0) > 0;
    if (containerizer.usesSandbox !== false) {
      const creating = createSandbox(this.config.workDir, task.frameworkId, task.taskId, task.containerId);
      if (containerizer.startsBeforeSandbox && !fetching) {
        // The containerizer prepares the container meanwhile and waits for the sandbox before starting it.
        task.sandbox = plannedSandbox(this.config.workDir, task);
        sandboxReady = creating.then(async (sandbox) => {
          task.sandbox = sandbox;
          await prepareSandboxAccess(sandbox, access);
        });
        sandboxReady.catch(() => undefined); // handled: the containerizer awaits it and fails the launch
      } else {
        task.sandbox = await creating;
        await prepareSandboxAccess(task.sandbox, access);
        if (task.phase !== 'launching') return undefined;
        if (containerizer.volumeMounts === 'sandbox-link' && volumes.length > 0) {
          await linkVolumesIntoSandbox(task.sandbox.dir, volumes, access.user).catch((e: Error) => {
            throw new LaunchRefusal(AgentReasons.launchFailed, `persistent volume could not be linked into the sandbox: ${e.message}`);
          });
        }
      }
    }
    if (this.config.checkpoint) {
      await this.config.checkpoint.task(task); // on disk before its container starts
      if (task.phase !== 'launching') return undefined;
    }
    if (fetching) {
      await this.fetchUris(task, access);
      if (task.phase !== 'launching') return undefined;
    }
    const sandboxDir = task.sandbox?.dir ?? '';
    return {
      containerId: task.containerId,
      frameworkId: task.frameworkId,
      taskId: task.taskId,
      executorId: task.executorId,
      task: task.info,
      sandboxDir,
      stdoutPath: task.sandbox?.stdoutPath ?? '',
      stderrPath: task.sandbox?.stderrPath ?? '',
      runtimeDir: this.config.checkpoint?.runtimeDir(task.containerId),
      sandboxReady,
      user: access.user,
      secretEnvironment: access.secretEnvironment,
      registryConfig: access.registryConfig,
      volumes: containerizer.volumeMounts === 'bind' ? volumes : undefined,
      progress: (message) => {
        if (task.phase === 'launching') this.report(task, States.TASK_STARTING, Source.SOURCE_EXECUTOR, { message });
      },
      environment: taskEnvironment({
        frameworkId: task.frameworkId,
        taskId: task.taskId,
        containerId: task.containerId,
        sandboxDir,
        agentId: this.id,
        executorId: task.executorId,
        hostname: this.config.hostname,
        resources: task.info.resources,
      }),
    };
  }

  /**
   * The task's persistent volumes as mounts in its containerizer's style,
   * each volume's directory made (given to the task's user when new).
   * Rejects with a LaunchRefusal naming the field of a bad volume.
   */
  private async prepareVolumes(task: AgentTask, containerizer: Containerizer, access: TaskAccess): Promise<VolumeMount[]> {
    const resources = task.info.resources ?? [];
    if (!resources.some(isVolumeResource)) return [];
    const style = containerizer.volumeMounts ?? 'bind';
    const mounts = volumeMounts(resources, { workDir: this.config.workDir, style, containerSandbox: CONTAINER_SANDBOX });
    if ('problem' in mounts) {
      const hint = style === 'sandbox-link' ? ` (the ${containerizer.name} containerizer)` : '';
      throw new LaunchRefusal(AgentReasons.launchFailed, `${mounts.problem}${hint}`);
    }
    for (const mount of mounts) {
      await this.volumes.ensure(mount.volume, access.user).catch((e: Error) => {
        throw new LaunchRefusal(AgentReasons.launchFailed, `persistent volume "${mount.volume.id}" of role "${mount.volume.role}": ${e.message}`);
      });
    }
    if (!containerizer.volumeMounts) this.log.warn('the containerizer shows no persistent volumes to its tasks; directories made only', { containerizer: containerizer.name, task_id: task.taskId });
    return mounts;
  }

  /** Live tasks (not ended) whose resources carry this volume. */
  private tasksUsing(key: VolumeKey): AgentTask[] {
    return this.book.all().filter((t) => t.phase !== 'terminated' && (t.info.resources ?? []).some((r, i) => {
      if (!isVolumeResource(r)) return false;
      const spec = volumeSpecOf(r, `task.resources[${i}]`);
      return !('problem' in spec) && spec.role === key.role && spec.id === key.id;
    }));
  }

  /** Learn the volume directories an earlier run left (before the link starts). */
  scanVolumes(): Promise<void> {
    return this.volumes.scan();
  }

  /** Every running task with a container and its disk limits, for the disk watch (`disk-watch.ts`). */
  diskWatchTasks(): WatchedTask[] {
    return this.book.all()
      .filter((t) => t.phase === 'running' && t.containerizer && !t.limitation)
      .map((t) => ({ key: `${t.frameworkId}\u0000${t.taskId}`, limits: taskDiskLimits(t.info.resources, t.sandbox?.dir, this.config.workDir) }))
      .filter((w) => w.limits.length > 0);
  }

  /**
   * A task passed its disk limit: its container is killed at once (no grace,
   * as Mesos's limitation) and it ends TASK_FAILED with
   * REASON_CONTAINER_LIMITATION_DISK and `message`.
   */
  failForDiskLimit(key: string, message: string): void {
    const [frameworkId, taskId] = key.split('\u0000');
    const task = this.book.get(frameworkId, taskId);
    if (!task || task.phase !== 'running' || !task.containerizer || task.limitation) return;
    task.limitation = { reason: pb.TaskStatus.Reason.REASON_CONTAINER_LIMITATION_DISK, message };
    this.health.stop(task);
    task.phase = 'killing';
    void this.config.checkpoint?.task(task);
    this.killContainer(task, task.containerizer, 0);
  }

  /** Fetch the task's `command.uris` into its sandbox (see fetcher/fetcher.ts); rejects with a message naming the URI. */
  private async fetchUris(task: AgentTask, access: TaskAccess): Promise<void> {
    const fetcher = this.config.fetcher;
    if (!fetcher) throw new Error(`task.command.uris[0] "${task.info.command?.uris?.[0]?.value ?? ''}": this agent has no fetcher`);
    if (!task.sandbox) throw new Error('task.command.uris: the containerizer of this task keeps no sandbox to fetch into');
    const plan = fetcher.plan(task.info.command);
    if ('problem' in plan) throw new LaunchRefusal(AgentReasons.taskInvalid, plan.problem);
    const context = { framework_id: task.frameworkId, task_id: task.taskId };
    this.log.info('fetching the task\'s URIs', { ...context, uris: plan.steps.length });
    const cancel = new AbortController();
    this.fetches.set(task, cancel);
    try {
      const progress = (message: string): void => {
        if (task.phase === 'launching') this.report(task, States.TASK_STARTING, Source.SOURCE_EXECUTOR, { message });
      };
      await fetcher.fetchUris(plan.steps, task.sandbox, access.user, context, progress, cancel.signal);
    } finally {
      this.fetches.delete(task);
    }
  }

  /** The task's container started: report TASK_RUNNING and watch for its end (or destroy it when killed meanwhile). */
  private async started(task: AgentTask, containerizer: Containerizer, launched: LaunchedContainer): Promise<void> {
    task.containerizer = containerizer;
    task.pid = launched.pid;
    task.networkInfos = launched.networkInfos;
    if (task.phase !== 'launching') {
      await destroyWithRetry(containerizer, this.idsOf(task), this.destroyOptions()); // killed while launching: already reported
      return;
    }
    task.phase = 'running';
    this.log.info('task running', { framework_id: task.frameworkId, task_id: task.taskId, pid: launched.pid });
    this.report(task, States.TASK_RUNNING, Source.SOURCE_EXECUTOR, {});
    this.health.start(task, { agentId: this.id, hostname: this.config.hostname });
    this.watch(task, containerizer);
  }

  /** Report the container's end when it comes (its `wait`, never a poll). */
  private watch(task: AgentTask, containerizer: Containerizer): void {
    const watching = containerizer.wait(task.containerId).then(
      (termination) => this.onContainerEnded(task, containerizer, termination),
      (e) => this.onContainerEnded(task, containerizer, { message: `waiting for the container failed: ${(e as Error).message}` }),
    );
    this.watches.set(task, watching);
    void watching.finally(() => {
      if (this.watches.get(task) === watching) this.watches.delete(task);
    });
  }

  private idsOf(task: AgentTask): { agentId?: string; frameworkId: string; taskId: string; containerId: string } {
    return { agentId: this.id, frameworkId: task.frameworkId, taskId: task.taskId, containerId: task.containerId };
  }

  private destroyOptions(): { logger: Logger; clock: Clock } {
    return { logger: this.log, clock: this.clock };
  }

  /** Destroy a container in the background (retried, failures logged with the ids); {@link stop} waits for it. */
  private destroyLater(task: AgentTask, containerizer: Containerizer): void {
    const destroying = destroyWithRetry(containerizer, this.idsOf(task), this.destroyOptions());
    this.cleanups.add(destroying);
    void destroying.finally(() => this.cleanups.delete(destroying));
  }

  /** SIGTERM, then SIGKILL after the grace period; a failure is logged with the ids (the watch still reports the end). */
  private killContainer(task: AgentTask, containerizer: Containerizer, graceMs: number): void {
    killWithGrace(containerizer, task.containerId, graceMs, this.clock).catch((e) =>
      this.log.warn('killing the container failed', { ...containerFields(containerizer, this.idsOf(task)), grace_ms: graceMs, error: e as Error }),
    );
  }

  private endBeforeLaunch(task: AgentTask, state: TaskState, reason: Reason, message: string): void {
    this.fetches.get(task)?.abort(); // a fetch under way stops
    this.book.markTerminated(task);
    task.killRequested = state === States.TASK_KILLED;
    this.log.warn('task ended before it ran', { task_id: task.taskId, state: enumName(States, state), message });
    this.report(task, state, Source.SOURCE_AGENT, { reason, message });
    this.afterTermination(task);
  }

  private onContainerEnded(task: AgentTask, containerizer: Containerizer | undefined, termination: Termination): void {
    this.health.stop(task);
    if (containerizer) this.destroyLater(task, containerizer); // what the main process left behind
    if (task.phase === 'terminated') return;
    const outcome = task.limitation
      ? { state: States.TASK_FAILED, reason: task.limitation.reason, message: `${task.limitation.message} (${termination.message})`, exitCode: termination.exitCode, signal: termination.signal }
      : terminalOutcome(termination, task.killRequested, task.killReason);
    const groupKill = this.groups.killMessage(task);
    if (groupKill) outcome.message = `${groupKill} (${outcome.message})`;
    this.book.markTerminated(task);
    this.log.info('task ended', { task_id: task.taskId, state: enumName(States, outcome.state), message: outcome.message });
    this.report(task, outcome.state, Source.SOURCE_EXECUTOR, outcome);
    this.groups.onTaskEnded(task, outcome.state);
    this.afterTermination(task);
  }

  private afterTermination(task: AgentTask): void {
    if ((task.info.resources ?? []).some(isVolumeResource)) void this.volumes.retryPending(); // a destroy may have waited for it
    const framework = this.book.framework(task.frameworkId);
    if (framework?.shuttingDown && this.book.tasksOf(framework.id).every((t) => t.phase === 'terminated')) {
      this.finishFrameworkShutdown(framework);
    }
  }

  // ---- kill, acknowledge, shutdown, reconcile -----------------------------

  private kill(kill: v1.MasterToAgent.IKillTask): void {
    const frameworkId = idOf(kill.framework_id);
    const taskId = idOf(kill.task_id);
    if (!taskId) {
      this.log.warn('kill without task_id ignored', { framework_id: frameworkId });
      return;
    }
    const task = this.book.find(frameworkId, taskId);
    if (!task) {
      this.log.warn('kill for an unknown task', { framework_id: frameworkId, task_id: taskId });
      this.sendUntracked(frameworkId, taskId, undefined, unknownTaskState(this.book.framework(frameworkId)?.info), {
        reason: AgentReasons.taskUnknown,
        message: `task ${taskId} is unknown to this agent`,
      });
      return;
    }
    const executor = task.executorId ? this.executors.get(task.frameworkId, task.executorId) : undefined;
    if (executor && task.phase !== 'terminated') {
      // The executor kills its own tasks; one whose launch still waits for the executor is taken back.
      if (this.executors.kill(executor, taskId, kill.kill_policy) === 'withdrawn') {
        this.endBeforeLaunch(task, States.TASK_KILLED, AgentReasons.killedDuringLaunch, 'killed before its executor received it');
      } else {
        task.killRequested = true;
        if (task.phase === 'running') task.phase = 'killing';
      }
      return;
    }
    switch (task.phase) {
      case 'launching':
        this.endBeforeLaunch(task, States.TASK_KILLED, AgentReasons.killedDuringLaunch, 'killed before its container was launched');
        return;
      case 'running':
        this.groups.kill(task, kill.kill_policy); // a task of a pod takes its whole group with it
        this.startKill(task, kill.kill_policy);
        return;
      default:
        this.log.debug('kill ignored: task already being killed or ended', { task_id: taskId, phase: task.phase });
    }
  }

  private startKill(task: AgentTask, policy?: KillPolicy | null, reason?: Reason): void {
    this.health.stop(task);
    task.killRequested = true;
    task.killReason = reason;
    task.phase = 'killing';
    void this.config.checkpoint?.task(task);
    if (hasCapability(this.book.framework(task.frameworkId)?.info, pb.FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
      this.report(task, States.TASK_KILLING, Source.SOURCE_EXECUTOR, {});
    }
    const graceMs = gracePeriodMs(policy, task.info.kill_policy);
    this.log.info('killing task', { task_id: task.taskId, grace_ms: graceMs });
    if (task.containerizer) this.killContainer(task, task.containerizer, graceMs);
  }

  private acknowledge(ack: v1.MasterToAgent.IAcknowledge): void {
    const taskId = idOf(ack.task_id);
    const frameworkId = idOf(ack.framework_id) || this.book.find('', taskId)?.frameworkId || '';
    const executorId = this.book.get(frameworkId, taskId)?.executorId; // before the acknowledgement may forget the task
    const outcome = this.updates.acknowledge(frameworkId, taskId, ack.uuid);
    if (outcome !== 'acknowledged') this.log.debug(`acknowledgement ignored (${outcome})`, { framework_id: frameworkId, task_id: taskId });
    const executor = executorId ? this.executors.get(frameworkId, executorId) : undefined;
    if (executor && ack.uuid && outcome === 'acknowledged') this.executors.acknowledged(executor, taskId, ack.uuid);
  }

  private shutdownFramework(frameworkId: string): void {
    const framework = this.book.framework(frameworkId);
    if (!framework) {
      this.log.info('shutdown of a framework unknown here', { framework_id: frameworkId });
      this.updates.forgetFramework(frameworkId);
      this.config.checkpoint?.forgetFramework(frameworkId);
      return;
    }
    this.log.info('shutting down framework', { framework_id: frameworkId, tasks: framework.tasks.size });
    framework.shuttingDown = true;
    for (const executor of this.executors.ofFramework(frameworkId)) {
      for (const taskId of executor.taskIds) {
        const task = this.book.get(frameworkId, taskId);
        if (!task || task.phase === 'terminated') continue;
        task.killRequested = true;
        task.killReason = AgentReasons.frameworkRemoved;
        if (task.phase === 'running') task.phase = 'killing';
      }
      this.executors.shutdown(executor, AgentReasons.frameworkRemoved, 'the framework was removed');
    }
    for (const task of this.book.tasksOf(frameworkId)) {
      if (task.executorId && this.executors.get(frameworkId, task.executorId)) continue; // its executor ends it
      if (task.phase === 'launching') {
        this.endBeforeLaunch(task, States.TASK_KILLED, AgentReasons.frameworkRemoved, 'framework shut down before the task was launched');
      } else if (task.phase === 'running') {
        this.startKill(task, undefined, AgentReasons.frameworkRemoved);
      }
    }
    if (this.book.framework(frameworkId) && this.book.tasksOf(frameworkId).every((t) => t.phase === 'terminated')) {
      this.finishFrameworkShutdown(framework);
    }
  }

  private finishFrameworkShutdown(framework: AgentFramework): void {
    this.updates.flush(); // the last updates go out once; no acknowledgement will come
    this.updates.forgetFramework(framework.id);
    this.book.removeFramework(framework.id);
    this.config.checkpoint?.forgetFramework(framework.id);
    this.log.info('framework shut down', { framework_id: framework.id });
  }

  private reconcile(reconcile: v1.MasterToAgent.IReconcile): void {
    const answers = reconciliationAnswers(reconcile, {
      agentId: this.id,
      find: (frameworkId, taskId) => this.book.find(frameworkId, taskId),
      all: () => this.book.all(),
      framework: (frameworkId) => this.book.framework(frameworkId)?.info,
      redeliver: (frameworkId, taskId) => this.updates.redeliver(frameworkId, taskId),
    });
    this.updates.sendOnce(answers);
  }

  // ---- custom executors ---------------------------------------------------

  /**
   * An executor's UPDATE: the status, stamped with this agent and executor,
   * joins the task's reliable updates (its own uuid kept, so the framework's
   * acknowledgement comes back to the executor as ACKNOWLEDGED). A status
   * already received (a resend) is not queued again.
   */
  private executorUpdate(executor: AgentExecutor, incoming: TaskStatus): string | undefined {
    const taskId = idOf(incoming.task_id);
    const task = this.book.get(executor.frameworkId, taskId);
    if (!task || task.executorId !== executor.executorId) {
      return `update.status.task_id: task "${taskId}" is not a task of executor "${executor.executorId}" on this agent`;
    }
    const uuid = incoming.uuid as Uint8Array;
    const key = Buffer.from(uuid).toString('hex');
    if (task.statuses.some((s) => s.uuid && Buffer.from(s.uuid).toString('hex') === key)) {
      if (!this.updates.isPending(task.frameworkId, taskId, uuid)) this.executors.acknowledged(executor, taskId, uuid); // acknowledged while it was away
      return undefined;
    }
    if (task.phase === 'terminated') {
      return `update.status.task_id: task "${taskId}" already ended (${enumName(States, task.state)}); no update follows a terminal one`;
    }
    const status: TaskStatus = {
      ...incoming,
      source: Source.SOURCE_EXECUTOR,
      executor_id: { value: executor.executorId },
      timestamp: incoming.timestamp || Date.now() / 1000, // unset reads 0
    };
    if (this.id) status.agent_id = { value: this.id };
    const state = status.state as TaskState;
    task.state = state;
    task.statuses.push(status);
    if (task.statuses.length > MAX_STATUSES_PER_TASK) task.statuses.shift();
    if (isTerminal(state)) {
      this.book.markTerminated(task);
      this.executors.forgetTask(executor, taskId);
    } else if (task.phase === 'launching') {
      task.phase = 'running';
    }
    void this.config.checkpoint?.task(task);
    this.updates.send(statusUpdate(task.frameworkId, status));
    if (isTerminal(state)) this.afterTermination(task);
    return undefined;
  }

  /** SUBSCRIBE: open the stream, then take the updates it resends that the agent has not seen. */
  private executorSubscribe(executor: AgentExecutor, call: v1.executor.ICall, stream: ExecutorStream): string | undefined {
    for (const [i, u] of (call.subscribe?.unacknowledged_updates ?? []).entries()) {
      const taskId = idOf(u.status?.task_id);
      const task = this.book.get(executor.frameworkId, taskId);
      if (!task || task.executorId !== executor.executorId) {
        return `subscribe.unacknowledged_updates[${i}].status.task_id: task "${taskId}" is not a task of executor "${executor.executorId}" on this agent`;
      }
    }
    const resubscribing = executor.everSubscribed === true;
    const waiting = this.executors.waitingLaunches(executor);
    this.executors.subscribe(executor, stream);
    for (const u of call.subscribe?.unacknowledged_updates ?? []) this.executorUpdate(executor, u.status as TaskStatus);
    if (resubscribing) {
      // A task sent to it before, of which it knows nothing (no update, not in unacknowledged_tasks), never reached it (as Mesos).
      const known = new Set((call.subscribe?.unacknowledged_tasks ?? []).map((t) => idOf(t.task_id)));
      for (const taskId of [...executor.taskIds]) {
        const task = this.book.get(executor.frameworkId, taskId);
        if (!task || task.phase !== 'launching' || task.statuses.length > 0 || known.has(taskId) || waiting.has(taskId)) continue;
        this.executors.forgetTask(executor, taskId);
        this.endBeforeLaunch(task, unknownTaskState(this.book.framework(task.frameworkId)?.info), AgentReasons.taskUnknown, `executor "${executor.executorId}" subscribed again without knowing the task: it never received it`);
      }
    }
    return undefined;
  }

  /** The scheduler's SHUTDOWN of one executor: its tasks count as killed, it gets SHUTDOWN and then the grace period. */
  private shutdownExecutor(frameworkId: string, executorId: string): void {
    const executor = this.executors.get(frameworkId, executorId);
    if (!executor) {
      this.log.info('shutdown of an executor not on this agent', { framework_id: frameworkId, executor_id: executorId });
      return;
    }
    for (const taskId of executor.taskIds) {
      const task = this.book.get(frameworkId, taskId);
      if (!task || task.phase === 'terminated') continue;
      task.killRequested = true;
      task.killReason ??= AgentReasons.executorTerminated;
    }
    this.executors.shutdown(executor, AgentReasons.executorTerminated, 'the scheduler shut the executor down');
  }

  /** The executor ended: every task it had not ended is ended by the agent (killed when asked to, else failed). */
  private onExecutorEnded(executor: AgentExecutor, termination: Termination): void {
    this.outbox?.sendExecutorExited?.({ framework_id: { value: executor.frameworkId }, executor_id: { value: executor.executorId } });
    for (const task of this.book.tasksOf(executor.frameworkId)) {
      if (task.executorId !== executor.executorId || task.phase === 'terminated') continue;
      const state = task.killRequested ? States.TASK_KILLED : States.TASK_FAILED;
      const reason = task.killRequested ? (task.killReason ?? termination.reason) : termination.reason;
      this.book.markTerminated(task);
      this.log.info('task ended with its executor', { task_id: task.taskId, executor_id: executor.executorId, state: enumName(States, state) });
      this.report(task, state, Source.SOURCE_AGENT, { reason, message: termination.message, exitCode: termination.exitCode, signal: termination.signal });
      this.afterTermination(task);
    }
  }

  // ---- status updates ----------------------------------------------------

  private report(task: AgentTask, state: TaskState, source: StatusSource, extra: StatusExtras): void {
    const status = newTaskStatus({
      taskId: task.taskId,
      state,
      source,
      agentId: this.id,
      executorId: task.executorId,
      containerId: task.containerizer ? task.containerId : undefined,
      parentContainerId: task.containerizer ? task.podId : undefined,
      ...extra,
    });
    if (extra.healthy !== undefined) status.healthy = extra.healthy;
    if (task.networkInfos?.length) status.container_status = { network_infos: task.networkInfos };
    task.state = state;
    task.statuses.push(status);
    if (task.statuses.length > MAX_STATUSES_PER_TASK) task.statuses.shift();
    void this.config.checkpoint?.task(task);
    this.updates.send(statusUpdate(task.frameworkId, status));
  }

  /** An update for a task the agent does not track (refused or unknown); still delivered reliably. */
  private sendUntracked(frameworkId: string, taskId: string, executorId: string | undefined, state: TaskState, extra: StatusExtras): void {
    const status = newTaskStatus({ taskId, state, source: Source.SOURCE_AGENT, agentId: this.id, executorId, ...extra });
    this.updates.send(statusUpdate(frameworkId, status));
  }
}
