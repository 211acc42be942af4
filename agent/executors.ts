/**
 * Custom executors on the agent: the framework's own program, started by
 * the agent for the first task that names it, which then talks to the agent
 * over the executor API (`POST /api/v1/executor`, `executor-http.ts`).
 *
 * Life of an executor:
 * - `launching`: its sandbox is made and its process started (as the task
 *   user would be: `ExecutorInfo.command.user`, else `FrameworkInfo.user`),
 *   with the environment of `executor-environment.ts`;
 * - `registering`: started, waiting for its SUBSCRIBE; launches and kills
 *   wait in its outbox. No SUBSCRIBE within the registration timeout: it is
 *   destroyed, its tasks fail (REASON_EXECUTOR_REGISTRATION_TIMEOUT);
 * - `subscribed`: SUBSCRIBED, then what waited, then events as they come.
 *   A broken stream keeps it subscribed (events wait again) for the same
 *   timeout, then it is destroyed (REASON_EXECUTOR_REREGISTRATION_TIMEOUT);
 * - `terminating`: SHUTDOWN sent (framework removed, agent refused); it is
 *   destroyed after the shutdown grace period if still there;
 * - `terminated`: its process ended; every task it had not ended is ended
 *   by the agent (`onEnded`) and its resources are free.
 *
 * As in Mesos an executor is not shut down when its last task ends: it may
 * get more tasks; it exits when it chooses to, or when its framework goes.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentInfo, ExecutorInfo, FrameworkInfo, KillPolicy, Reason, TaskInfo, v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { newId } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import type { Clock, TimerHandle } from '@meseta/runtime/clock';
import type { Containerizer, Termination } from './containerizer';
import { destroyWithRetry } from './container-destroy';
import { executorEnvironment } from './executor-environment';
import { createExecutorSandbox } from './executor-sandbox';
import { type ExecutorCheckpoint, removeExecutorCheckpoint, writeExecutorCheckpoint } from './executor-checkpoint';
import type { Sandbox } from './sandbox';
import type { TaskUser } from './task-user';
import { prepareSandboxAccess, resolveTaskAccess, type TaskAccessInput } from './task-access';

type Event = v1.executor.IEvent;
const EventType = pb.executor.Event.Type;

/** Where the agent writes an executor's events: its SUBSCRIBE response. */
export interface ExecutorStream {
  /** Write one event (framed by the HTTP side). */
  send(event: Event): void;
  /** End the response. */
  close(): void;
}

/** Where an executor is in its life (see the module comment). */
export type ExecutorPhase = 'launching' | 'registering' | 'subscribed' | 'terminating' | 'terminated';

/** One custom executor on this agent. */
export interface AgentExecutor {
  frameworkId: string;
  executorId: string;
  info: ExecutorInfo;
  containerId: string;
  /** The secret it authenticates with (MESOS_EXECUTOR_AUTHENTICATION_TOKEN). */
  token: string;
  phase: ExecutorPhase;
  /** Ids of its tasks the agent still tracks. */
  taskIds: Set<string>;
  /** Launches, kills and a shutdown waiting for a subscription, in order. */
  outbox: Event[];
  stream?: ExecutorStream;
  containerizer?: Containerizer;
  sandbox?: Sandbox;
  pid?: number;
  /** Its runtime dir under the checkpoint (set when the agent checkpoints). */
  runtimeDir?: string;
  /** True once it has subscribed (to this agent or, recovered, to the previous run). */
  everSubscribed?: boolean;
  /** The SUBSCRIBE deadline, or the shutdown grace period. */
  timer?: TimerHandle;
  /** Set when the agent ended it (timeout, shutdown): the reason its tasks get. */
  endReason?: Reason;
  endMessage?: string;
  /** Resolves once it has ended and its tasks are reported. */
  ended: Promise<void>;
  markEnded: () => void;
}

/** What the executors need of the agent. */
export interface ExecutorHost {
  workDir: string;
  /** `ip:port` the executor calls (MESOS_AGENT_ENDPOINT). */
  endpoint: string;
  containerizers: readonly Containerizer[];
  clock: Clock;
  logger: Logger;
  agentId(): string | undefined;
  agentInfo(): AgentInfo;
  framework(frameworkId: string): FrameworkInfo | undefined;
  /** The user and secrets of the executor's process (as for a task). */
  access: Omit<TaskAccessInput, 'task' | 'framework'>;
  /** How long a started executor has to SUBSCRIBE (and to SUBSCRIBE again after its stream broke). */
  registrationTimeoutMs: number;
  /** How long an executor has to exit after SHUTDOWN. */
  shutdownGraceMs: number;
  /** How long a checkpointing executor waits for a restarted agent (MESOS_RECOVERY_TIMEOUT). */
  recoveryTimeoutMs: number;
  /**
   * Fetch the executor's `command.uris` into its sandbox (the agent's
   * fetcher); rejects with a message naming the URI. Absent: an executor
   * with URIs fails to start, saying so.
   */
  fetch?(command: NonNullable<ExecutorInfo['command']>, sandbox: Sandbox, user: TaskUser | undefined, context: Record<string, string>): Promise<void>;
  /**
   * Checkpoint executors so that a restarted agent takes them over: the
   * runtime dir of a container (its exit-status file lives there). Absent:
   * the agent does not checkpoint.
   */
  runtimeDir?(containerId: string): string;
  /** Its resources are held (launch) or free again (end). */
  hold(resources: ExecutorInfo['resources']): void;
  release(resources: ExecutorInfo['resources']): void;
  /** The executor ended: end its remaining tasks with this reason and message. */
  onEnded(executor: AgentExecutor, termination: Termination): void;
}

/** Default time a started executor has to SUBSCRIBE (Mesos's `--executor_registration_timeout`). */
export const DEFAULT_REGISTRATION_TIMEOUT_MS = 60_000;
/** Default time an executor has to exit after SHUTDOWN (Mesos's `--executor_shutdown_grace_period`). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;
/** Default time a checkpointing executor waits for its agent (Mesos's `--recovery_timeout`). */
export const DEFAULT_RECOVERY_TIMEOUT_MS = 15 * 60_000;
/** Longest pause between an executor's SUBSCRIBE attempts (Mesos gives 2 s). */
export const SUBSCRIPTION_BACKOFF_MAX_MS = 2_000;

/** True for an ExecutorInfo the agent starts as the framework's own program (a command, type not DEFAULT). */
export function isCustomExecutor(info: ExecutorInfo | null | undefined): info is ExecutorInfo {
  return !!info && !!info.command && info.type !== pb.ExecutorInfo.Type.DEFAULT;
}

/** The custom executors of this agent by framework and id. */
export class Executors {
  private readonly byKey = new Map<string, AgentExecutor>();
  private readonly tokens = new Set<string>();
  private readonly log: Logger;

  constructor(private readonly host: ExecutorHost) {
    this.log = host.logger;
  }

  /** An executor by framework and id (terminated ones are forgotten). */
  get(frameworkId: string, executorId: string): AgentExecutor | undefined {
    return this.byKey.get(key(frameworkId, executorId));
  }

  /** True when this token belongs to a live executor of this agent. */
  isToken(token: string): boolean {
    return this.tokens.has(token);
  }

  /** Every live executor. */
  all(): AgentExecutor[] {
    return [...this.byKey.values()];
  }

  /** The executors of one framework. */
  ofFramework(frameworkId: string): AgentExecutor[] {
    return this.all().filter((e) => e.frameworkId === frameworkId);
  }

  /** True when a launch for this executor must also hold its resources (it is not running yet). */
  needsStart(frameworkId: string, executorId: string): boolean {
    return !this.get(frameworkId, executorId);
  }

  /**
   * Give tasks (one task, or a group) to the executor, starting it first
   * when it is not running. Returns a problem (the tasks are refused by the
   * caller) when the executor is being shut down.
   */
  launch(frameworkId: string, info: ExecutorInfo, tasks: TaskInfo[], group: boolean): string | undefined {
    const executorId = info.executor_id?.value ?? '';
    let executor = this.get(frameworkId, executorId);
    if (executor && executor.phase === 'terminating') return `executor "${executorId}" is being shut down on this agent`;
    if (!executor) executor = this.start(frameworkId, info);
    for (const t of tasks) executor.taskIds.add(t.task_id?.value ?? '');
    const event: Event = group
      ? { type: EventType.LAUNCH_GROUP, launch_group: { task_group: { tasks } } }
      : { type: EventType.LAUNCH, launch: { task: tasks[0] } };
    this.deliver(executor, event, true);
    return undefined;
  }

  /**
   * Kill one task of an executor: a launch still waiting in its outbox is
   * taken back (`'withdrawn'`: the agent reports the kill); else KILL goes to
   * the executor (`'sent'`, or queued until it subscribes).
   */
  kill(executor: AgentExecutor, taskId: string, policy?: KillPolicy | null): 'withdrawn' | 'sent' {
    const index = executor.outbox.findIndex((e) => e.type === EventType.LAUNCH && e.launch?.task?.task_id?.value === taskId);
    if (index >= 0) {
      executor.outbox.splice(index, 1);
      executor.taskIds.delete(taskId);
      return 'withdrawn';
    }
    const event: Event = { type: EventType.KILL, kill: { task_id: { value: taskId } } };
    if (policy) event.kill!.kill_policy = policy;
    this.deliver(executor, event, true);
    return 'sent';
  }

  /** A framework message for the executor: delivered if it is subscribed now, else dropped (as Mesos: no guarantee). */
  message(frameworkId: string, executorId: string, data: Uint8Array): boolean {
    const executor = this.get(frameworkId, executorId);
    if (!executor?.stream) {
      this.log.info('framework message dropped: the executor is not subscribed', { framework_id: frameworkId, executor_id: executorId, state: executor?.phase ?? 'unknown' });
      return false;
    }
    this.deliver(executor, { type: EventType.MESSAGE, message: { data } }, false);
    return true;
  }

  /** The framework acknowledged an update of the executor's task: tell the executor (if connected; it resends otherwise). */
  acknowledged(executor: AgentExecutor, taskId: string, uuid: Uint8Array): void {
    this.deliver(executor, { type: EventType.ACKNOWLEDGED, acknowledged: { task_id: { value: taskId }, uuid } }, false);
  }

  /** A task of the executor ended or was forgotten. */
  forgetTask(executor: AgentExecutor, taskId: string): void {
    executor.taskIds.delete(taskId);
  }

  /** Ids of the tasks whose LAUNCH (or LAUNCH_GROUP) still waits in the executor's outbox. */
  waitingLaunches(executor: AgentExecutor): Set<string> {
    const out = new Set<string>();
    for (const e of executor.outbox) {
      if (e.launch?.task?.task_id?.value) out.add(e.launch.task.task_id.value);
      for (const t of e.launch_group?.task_group?.tasks ?? []) if (t.task_id?.value) out.add(t.task_id.value);
    }
    return out;
  }

  /**
   * The executor subscribed on this stream (a second SUBSCRIBE replaces the
   * first stream). Sends SUBSCRIBED, then what waited in its outbox.
   */
  subscribe(executor: AgentExecutor, stream: ExecutorStream): void {
    const previous = executor.stream;
    executor.stream = stream;
    if (previous) previous.close();
    executor.timer?.cancel();
    executor.timer = undefined;
    if (executor.phase === 'registering' || executor.phase === 'launching') executor.phase = 'subscribed';
    const frameworkInfo = this.host.framework(executor.frameworkId) ?? { id: { value: executor.frameworkId } };
    stream.send({
      type: EventType.SUBSCRIBED,
      subscribed: {
        executor_info: executor.info,
        framework_info: frameworkInfo,
        agent_info: this.host.agentInfo(),
        container_id: { value: executor.containerId },
      },
    });
    this.log.info('executor subscribed', { framework_id: executor.frameworkId, executor_id: executor.executorId, waiting_events: executor.outbox.length });
    const waiting = executor.outbox;
    executor.outbox = [];
    for (const event of waiting) stream.send(event);
    executor.everSubscribed = true;
  }

  /** The executor's stream ended. It has the registration timeout to SUBSCRIBE again. */
  streamClosed(executor: AgentExecutor, stream: ExecutorStream): void {
    if (executor.stream !== stream) return;
    executor.stream = undefined;
    if (executor.phase !== 'subscribed') return;
    this.log.info('executor disconnected; waiting for it to subscribe again', { framework_id: executor.frameworkId, executor_id: executor.executorId, timeout_ms: this.host.registrationTimeoutMs });
    this.armSubscribeDeadline(executor, pb.TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT, 'did not subscribe again');
  }

  /**
   * Shut the executor down: SHUTDOWN (now, or when it subscribes), then
   * destroy its container after the grace period. One not yet subscribed is
   * destroyed at once. Idempotent.
   */
  shutdown(executor: AgentExecutor, reason: Reason, message: string): void {
    if (executor.phase === 'terminating' || executor.phase === 'terminated') return;
    const subscribed = executor.phase === 'subscribed' && executor.stream;
    executor.phase = 'terminating';
    executor.endReason ??= reason;
    executor.endMessage ??= message;
    executor.timer?.cancel();
    executor.outbox = [];
    this.log.info('shutting down executor', { framework_id: executor.frameworkId, executor_id: executor.executorId, message });
    if (!subscribed) {
      this.destroy(executor);
      return;
    }
    executor.stream!.send({ type: EventType.SHUTDOWN });
    executor.timer = this.host.clock.after(this.host.shutdownGraceMs, () => this.destroy(executor));
  }

  /** Destroy every executor's container (agent stop); resolves once each has ended and its tasks are reported. */
  async destroyAll(): Promise<void> {
    const executors = this.all();
    for (const executor of executors) {
      executor.endReason ??= pb.TaskStatus.Reason.REASON_EXECUTOR_TERMINATED;
      executor.endMessage ??= 'the agent stopped';
      executor.timer?.cancel();
      if (executor.phase !== 'terminated') executor.phase = 'terminating';
      this.destroy(executor);
    }
    await Promise.all(executors.map((e) => e.ended));
  }

  /** Stop tracking every executor without killing it (the agent stops and leaves its work running). */
  release(): void {
    for (const executor of this.all()) {
      executor.timer?.cancel();
      executor.stream?.close();
      executor.phase = 'terminated'; // this agent no longer reports its end (the next one takes it over)
      executor.markEnded();
    }
    this.byKey.clear();
    this.tokens.clear();
  }

  // ---- internals ----------------------------------------------------------

  private deliver(executor: AgentExecutor, event: Event, keepUntilSubscribed: boolean): void {
    if (executor.stream && executor.phase === 'subscribed') executor.stream.send(event);
    else if (keepUntilSubscribed && executor.phase !== 'terminating' && executor.phase !== 'terminated') executor.outbox.push(event);
  }

  private start(frameworkId: string, info: ExecutorInfo): AgentExecutor {
    let markEnded!: () => void;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const executor: AgentExecutor = {
      frameworkId,
      executorId: info.executor_id?.value ?? '',
      info,
      containerId: newId(),
      token: randomBytes(32).toString('base64url'),
      phase: 'launching',
      taskIds: new Set(),
      outbox: [],
      ended,
      markEnded,
    };
    this.byKey.set(key(frameworkId, executor.executorId), executor);
    this.tokens.add(executor.token);
    this.host.hold(info.resources);
    this.launchProcess(executor).catch((e: Error) => {
      this.log.warn('executor failed to start', { framework_id: frameworkId, executor_id: executor.executorId, error: e });
      this.finish(executor, { reason: pb.TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, message: `executor "${executor.executorId}" failed to start: ${e.message}` });
    });
    return executor;
  }

  private async launchProcess(executor: AgentExecutor): Promise<void> {
    const { info } = executor;
    const containerizer = this.host.containerizers.find((c) => c.supports(info.container) && c.usesSandbox !== false) ?? this.host.containerizers.find((c) => c.supports(info.container));
    if (!containerizer) throw new Error(`no containerizer of this agent runs it (${this.host.containerizers.map((c) => c.name).join(',')})`);
    const asTask: TaskInfo = { name: info.name ?? executor.executorId, task_id: { value: executor.executorId }, command: info.command, container: info.container, resources: info.resources };
    const access = await resolveTaskAccess({ ...this.host.access, task: asTask, framework: this.host.framework(executor.frameworkId) });
    const sandbox = await createExecutorSandbox(this.host.workDir, executor.frameworkId, executor.executorId, executor.containerId);
    executor.sandbox = sandbox;
    await prepareSandboxAccess(sandbox, access);
    const uris = info.command?.uris ?? [];
    if (uris.length > 0) {
      if (!this.host.fetch) throw new Error(`executor.command.uris[0] "${uris[0].value ?? ''}": this agent has no fetcher`);
      await this.host.fetch(info.command!, sandbox, access.user, { framework_id: executor.frameworkId, executor_id: executor.executorId });
    }
    if (executor.phase !== 'launching') {
      this.finish(executor, { message: 'shut down before it started' });
      return;
    }
    const framework = this.host.framework(executor.frameworkId);
    const environment = executorEnvironment({
      agentEndpoint: this.host.endpoint,
      frameworkId: executor.frameworkId,
      executorId: executor.executorId,
      agentId: this.host.agentId(),
      containerId: executor.containerId,
      sandboxDir: sandbox.dir,
      checkpoint: framework?.checkpoint === true,
      recoveryTimeoutMs: this.host.recoveryTimeoutMs,
      subscriptionBackoffMaxMs: SUBSCRIPTION_BACKOFF_MAX_MS,
      shutdownGraceMs: this.host.shutdownGraceMs,
      token: executor.token,
    });
    const runtimeDir = this.host.runtimeDir?.(executor.containerId);
    if (runtimeDir) await fs.promises.mkdir(runtimeDir, { recursive: true });
    const launched = await containerizer.launch({
      runtimeDir,
      containerId: executor.containerId,
      frameworkId: executor.frameworkId,
      taskId: executor.executorId,
      executorId: executor.executorId,
      task: asTask,
      sandboxDir: sandbox.dir,
      stdoutPath: sandbox.stdoutPath,
      stderrPath: sandbox.stderrPath,
      environment,
      user: access.user,
      secretEnvironment: access.secretEnvironment,
    });
    executor.containerizer = containerizer;
    executor.pid = launched.pid;
    if (runtimeDir) {
      executor.runtimeDir = runtimeDir;
      await writeExecutorCheckpoint(this.host.workDir, this.checkpointOf(executor)).catch((e: Error) =>
        this.log.warn('executor checkpoint failed; a restarted agent will not take it over', { framework_id: executor.frameworkId, executor_id: executor.executorId, error: e }),
      );
    }
    this.watch(executor);
    if (executor.phase === 'launching') {
      executor.phase = 'registering';
      this.log.info('executor started', { framework_id: executor.frameworkId, executor_id: executor.executorId, pid: launched.pid });
      this.armSubscribeDeadline(executor, pb.TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT, 'did not subscribe');
    } else {
      this.destroy(executor); // shut down while starting
    }
  }

  private watch(executor: AgentExecutor): void {
    void executor.containerizer!.wait(executor.containerId).then(
      (termination) => this.finish(executor, termination),
      (e: Error) => this.finish(executor, { message: `waiting for the executor failed: ${e.message}` }),
    );
  }

  private checkpointOf(executor: AgentExecutor): ExecutorCheckpoint {
    return {
      frameworkId: executor.frameworkId,
      executorId: executor.executorId,
      info: executor.info,
      containerId: executor.containerId,
      token: executor.token,
      containerizer: executor.containerizer?.name ?? '',
      container: executor.containerizer?.checkpoint?.(executor.containerId),
      runtimeDir: executor.runtimeDir,
      sandboxDir: executor.sandbox?.dir,
    };
  }

  /**
   * Take over the executors a previous run of the agent checkpointed: those
   * whose process still runs wait for their SUBSCRIBE (the registration
   * timeout; then they are destroyed and their tasks fail with
   * REASON_EXECUTOR_REREGISTRATION_TIMEOUT). Returns those not taken over
   * (ended meanwhile, or not found); their checkpoints are removed.
   */
  async recover(records: readonly ExecutorCheckpoint[]): Promise<ExecutorCheckpoint[]> {
    const lost: ExecutorCheckpoint[] = [];
    for (const record of records) {
      const containerizer = this.host.containerizers.find((c) => c.name === record.containerizer);
      const found = containerizer?.recover
        ? (await containerizer.recover([{ containerId: record.containerId, runtimeDir: record.runtimeDir, sandboxDir: record.sandboxDir, data: record.container }]))[0]
        : undefined;
      if (!containerizer || found?.state !== 'running') {
        this.log.info('executor of the previous run not taken over', { framework_id: record.frameworkId, executor_id: record.executorId, found: found?.state ?? 'no containerizer' });
        if (containerizer && found?.state === 'ended') void containerizer.destroy(record.containerId).catch(() => undefined);
        await removeExecutorCheckpoint(this.host.workDir, record.frameworkId, record.executorId);
        lost.push(record);
        continue;
      }
      let markEnded!: () => void;
      const ended = new Promise<void>((resolve) => (markEnded = resolve));
      const executor: AgentExecutor = {
        frameworkId: record.frameworkId,
        executorId: record.executorId,
        info: record.info,
        containerId: record.containerId,
        token: record.token,
        phase: 'registering',
        taskIds: new Set(),
        outbox: [],
        containerizer,
        pid: found.pid,
        runtimeDir: record.runtimeDir,
        everSubscribed: true,
        ended,
        markEnded,
      };
      if (record.sandboxDir) executor.sandbox = { dir: record.sandboxDir, relativeDir: path.relative(this.host.workDir, record.sandboxDir), stdoutPath: path.join(record.sandboxDir, 'stdout'), stderrPath: path.join(record.sandboxDir, 'stderr') };
      this.byKey.set(key(record.frameworkId, record.executorId), executor);
      this.tokens.add(executor.token);
      this.host.hold(record.info.resources);
      this.watch(executor);
      this.log.info('executor of the previous run taken over; waiting for it to subscribe again', { framework_id: record.frameworkId, executor_id: record.executorId, pid: found.pid });
      this.armSubscribeDeadline(executor, pb.TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT, 'did not subscribe again after the agent restarted');
    }
    return lost;
  }

  private armSubscribeDeadline(executor: AgentExecutor, reason: Reason, what: string): void {
    executor.timer?.cancel();
    const timeoutMs = this.host.registrationTimeoutMs;
    executor.timer = this.host.clock.after(timeoutMs, () => {
      if (executor.stream || executor.phase === 'terminating' || executor.phase === 'terminated') return;
      this.log.warn(`executor ${what} in time; destroying it`, { framework_id: executor.frameworkId, executor_id: executor.executorId, timeout_ms: timeoutMs });
      executor.endReason = reason;
      executor.endMessage = `executor "${executor.executorId}" ${what} within ${timeoutMs / 1000} s`;
      executor.phase = 'terminating';
      this.destroy(executor);
    });
  }

  /** Destroy its container; its end comes through the wait. One still starting is destroyed by `launchProcess` when it sees the phase. */
  private destroy(executor: AgentExecutor): void {
    const containerizer = executor.containerizer;
    if (!containerizer) return;
    void destroyWithRetry(containerizer, { agentId: this.host.agentId(), frameworkId: executor.frameworkId, containerId: executor.containerId }, { logger: this.log, clock: this.host.clock });
  }

  private finish(executor: AgentExecutor, termination: Termination): void {
    if (executor.phase === 'terminated') return;
    executor.phase = 'terminated';
    executor.timer?.cancel();
    executor.stream?.close();
    executor.stream = undefined;
    if (this.byKey.get(key(executor.frameworkId, executor.executorId)) === executor) this.byKey.delete(key(executor.frameworkId, executor.executorId));
    this.tokens.delete(executor.token);
    this.host.release(executor.info.resources);
    if (executor.runtimeDir) {
      void removeExecutorCheckpoint(this.host.workDir, executor.frameworkId, executor.executorId);
      void fs.promises.rm(executor.runtimeDir, { recursive: true, force: true }).catch(() => undefined);
    }
    const outcome: Termination = { ...termination };
    if (executor.endReason !== undefined) outcome.reason = executor.endReason;
    if (executor.endMessage) outcome.message = `${executor.endMessage} (${termination.message})`;
    else outcome.message = `executor "${executor.executorId}" exited: ${termination.message}`;
    outcome.reason ??= pb.TaskStatus.Reason.REASON_EXECUTOR_TERMINATED;
    this.log.info('executor ended', { framework_id: executor.frameworkId, executor_id: executor.executorId, message: outcome.message });
    if (executor.containerizer) {
      void destroyWithRetry(executor.containerizer, { agentId: this.host.agentId(), frameworkId: executor.frameworkId, containerId: executor.containerId }, { logger: this.log, clock: this.host.clock });
    }
    try {
      this.host.onEnded(executor, outcome);
    } finally {
      executor.markEnded();
    }
  }
}

function key(frameworkId: string, executorId: string): string {
  return `${frameworkId}\u0000${executorId}`;
}
