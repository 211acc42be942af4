/**
 * The scheduler driver: one framework's connection to the master. It keeps
 * the SUBSCRIBE stream open (reconnecting with backoff and failing over to
 * the same framework id), turns events into typed handler calls, and turns
 * method calls into wire calls stamped with the framework id and stream id.
 */
import { createLogger, type Logger } from '@meseta/runtime/log';
import { secondsToMs, systemClock, type TimerHandle } from '@meseta/runtime/clock';
import { idOf, uuidKey } from '@meseta/proto/ids';
import type {
  Call,
  Event,
  ExecutorInfo,
  FrameworkInfo,
  InsufficientResource,
  Operation,
  OperationStatus,
  TaskInfo,
  TaskStatus,
} from '@meseta/proto/wire';
import { EventType } from '@meseta/proto/wire';
import { AcknowledgementBatcher } from './acknowledgement-batcher';
import { backoffDelayMs } from './backoff';
import {
  callTypeName,
  compileAccept,
  compileAcknowledge,
  compileDecline,
  compileInverseOfferAnswer,
  compileKill,
  compileLaunch,
  compileLaunchGroup,
  compileMessage,
  compileShutdown,
  compileReconcile,
  compileReconcileOperations,
  compileAcknowledgeOperationStatus,
  type ReconcileOperation,
  compileRevive,
  compileSubscribe,
  compileSuppress,
  compileTeardown,
  stampCall,
  type FilterOptions,
  type ReconcileTask,
} from './calls';
import { LeaderFollowingTransport } from './leader-transport';
import { callHandler } from './handler-call';
import {
  DEFAULT_MASTER,
  DEFAULT_RECONNECT,
  compileFrameworkInfo,
  type ReconnectOptions,
  type SchedulerDriverOptions,
  type SchedulerHandlers,
} from './options';
import { RecentUpdates } from './recent-updates';
import { clientSecurityFromEnvironment } from '@meseta/runtime/client-security';
import {
  GrpcStatus,
  SchedulerCallError,
  SchedulerTransportError,
  statusName,
  type SchedulerEventStream,
  type SchedulerTransportLike,
} from './transport';

/** Silence longer than this many heartbeat intervals counts as a broken stream. */
export const HEARTBEAT_TIMEOUT_INTERVALS = 5;
/** Heartbeat interval assumed when SUBSCRIBED does not state one (the Mesos default). */
const DEFAULT_HEARTBEAT_SECONDS = 15;
/** Stream errors that no retry can fix: the driver reports them and stops. */
const FATAL_CODES: ReadonlySet<number> = new Set([
  GrpcStatus.INVALID_ARGUMENT,
  GrpcStatus.PERMISSION_DENIED,
  GrpcStatus.UNAUTHENTICATED,
  GrpcStatus.UNIMPLEMENTED,
]);

type DriverState = 'new' | 'running' | 'stopped';

function describe(error: unknown): string {
  if (error instanceof SchedulerTransportError) return `${statusName(error.code)}: ${error.details}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A framework's scheduler connection.
 *
 * ```ts
 * const driver = new SchedulerDriver({
 *   framework: { name: 'hello' },
 *   handlers: { offers: (offers) => ..., update: (status) => ... },
 * });
 * const frameworkId = await driver.start();
 * ```
 *
 * After a reconnect the `subscribed` handler fires again (with `reconnected:
 * true`). The driver does not reconcile by itself: agents re-send every
 * unacknowledged update, and a framework that needs more calls
 * {@link reconcile} from its `subscribed` handler.
 */
export class SchedulerDriver {
  private readonly handlers: SchedulerHandlers;
  private readonly logger: Logger;
  private readonly transport: SchedulerTransportLike;
  private readonly frameworkInfo: FrameworkInfo;
  private readonly autoAcknowledge: boolean;
  private readonly reconnect: Required<ReconnectOptions> | false;
  private readonly recent = new RecentUpdates();

  private state: DriverState = 'new';
  private id: string | undefined;
  private streamId: string | undefined;
  private stream: SchedulerEventStream | undefined;
  private subscribedBefore = false;
  /** Set by teardown(): the stream's end (and its ERROR) are then expected, not news. */
  private tearingDown = false;
  private startWaiter: { resolve: (id: string) => void; reject: (error: Error) => void } | undefined;
  private loop: Promise<void> = Promise.resolve();

  private readonly acknowledgements = new AcknowledgementBatcher((statuses) => this.sendAcknowledgements(statuses));

  private lastEventAt = 0;
  private watchdog: TimerHandle | undefined;
  private watchdogReason: string | undefined;
  private wakeFromBackoff: (() => void) | undefined;

  /** @throws Error when the framework options are invalid. */
  constructor(options: SchedulerDriverOptions) {
    this.handlers = options.handlers;
    this.logger = options.logger ?? createLogger('scheduler-driver');
    this.frameworkInfo = compileFrameworkInfo(options.framework);
    this.id = options.framework.id || undefined;
    this.autoAcknowledge = options.autoAcknowledge ?? true;
    this.reconnect = options.reconnect === false ? false : { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.transport = options.transport ?? this.grpcTransport(options);
  }

  /**
   * The gRPC transport to the master: the address and credentials from the
   * options, else from the client config (`$MESETA_CONFIG`, the `MESETA_*`
   * variables, `~/.meseta/config.json`), else `127.0.0.1:5050` in plaintext.
   */
  private grpcTransport(options: SchedulerDriverOptions): LeaderFollowingTransport {
    const { config, security } = options.security
      ? { config: { master: undefined }, security: options.security }
      : clientSecurityFromEnvironment();
    const master = options.master ?? config.master ?? DEFAULT_MASTER;
    return new LeaderFollowingTransport(master, { reconnect: this.reconnect || DEFAULT_RECONNECT, security, callStream: options.callStream ?? true });
  }

  /** The framework id: the one given, or the one the master assigned once subscribed. */
  get frameworkId(): string | undefined {
    return this.id;
  }

  /** True while the event stream is open and SUBSCRIBED has arrived. */
  get isSubscribed(): boolean {
    return this.state === 'running' && this.streamId !== undefined;
  }

  /**
   * Subscribe, retrying with backoff until the master answers.
   * @returns the framework id, once SUBSCRIBED arrives
   * @throws when the master refuses the subscription for good, the master
   *   sends ERROR, `stop()` is called first, or (with `reconnect: false`) the
   *   first attempt fails
   */
  start(): Promise<string> {
    if (this.state !== 'new') return Promise.reject(new Error('start: the driver was already started'));
    this.state = 'running';
    const started = new Promise<string>((resolve, reject) => {
      this.startWaiter = { resolve, reject };
    });
    this.loop = this.run();
    return started;
  }

  /** ACCEPT: apply operations to offers that all come from one agent. */
  async accept(offerIds: string[], operations: Operation[], filters?: FilterOptions): Promise<void> {
    await this.send(compileAccept(offerIds, operations, filters));
  }

  /** ACCEPT with one LAUNCH operation. */
  async launch(offerIds: string[], tasks: TaskInfo[], filters?: FilterOptions): Promise<void> {
    await this.send(compileAccept(offerIds, [compileLaunch(tasks)], filters));
  }

  /** ACCEPT with one LAUNCH_GROUP operation: the tasks run together under `executor`. */
  async launchGroup(offerId: string, executor: ExecutorInfo, tasks: TaskInfo[], filters?: FilterOptions): Promise<void> {
    await this.send(compileAccept([offerId], [compileLaunchGroup(executor, tasks)], filters));
  }

  /** DECLINE, optionally with `refusals` saying which task did not fit and by how much. */
  async decline(offerIds: string[], options?: { refuseSeconds?: number; refusals?: InsufficientResource[] }): Promise<void> {
    await this.send(compileDecline(offerIds, options));
  }

  /**
   * ACCEPT_INVERSE_OFFERS: the framework will have left these agents by the
   * start of their maintenance. `refuseSeconds`: no new inverse offer for the
   * agent until then (default 5 s).
   */
  async acceptInverseOffers(inverseOfferIds: string[], filters?: FilterOptions): Promise<void> {
    await this.send(compileInverseOfferAnswer(true, inverseOfferIds, filters));
  }

  /** DECLINE_INVERSE_OFFERS: the framework cannot leave these agents in time (see {@link acceptInverseOffers}). */
  async declineInverseOffers(inverseOfferIds: string[], filters?: FilterOptions): Promise<void> {
    await this.send(compileInverseOfferAnswer(false, inverseOfferIds, filters));
  }

  /** REVIVE: clear filters and receive offers again (all roles when empty). */
  async revive(roles?: string[]): Promise<void> {
    await this.send(compileRevive(roles));
  }

  /** SUPPRESS: receive no offers until REVIVE (all roles when empty). */
  async suppress(roles?: string[]): Promise<void> {
    await this.send(compileSuppress(roles));
  }

  /** KILL a task; the answer arrives as an update (TASK_KILLING, then TASK_KILLED). */
  async kill(taskId: string, agentId?: string, gracePeriodSeconds?: number): Promise<void> {
    await this.send(compileKill(taskId, agentId, gracePeriodSeconds));
  }

  /**
   * Acknowledge an update, so its agent stops re-sending it and sends the
   * task's next one. Queued and flushed once per tick as ONE ACKNOWLEDGE
   * call carrying every queued acknowledgement. Updates without a uuid
   * (master-generated, e.g. reconciliation answers) are ignored. Only needed
   * with `autoAcknowledge: false`.
   */
  acknowledge(status: TaskStatus): void {
    this.acknowledgeKeyed(status, uuidKey(status.uuid));
  }

  /** {@link acknowledge} with the status's uuid key already made (the update path makes it once). */
  private acknowledgeKeyed(status: TaskStatus, key: string): void {
    if (!key) return;
    this.recent.markAcknowledged(key);
    this.acknowledgements.add(status);
  }

  /**
   * ACKNOWLEDGE_OPERATION_STATUS: the framework has the operation status
   * (only statuses with a uuid, i.e. OPERATION_FINISHED; others are not
   * resent and need none). Done for you after `operationStatus` returns
   * unless `autoAcknowledge` is false.
   */
  acknowledgeOperationStatus(status: OperationStatus): void {
    if (!status.uuid?.value || status.uuid.value.length === 0 || !status.operation_id?.value) return;
    void this.send(compileAcknowledgeOperationStatus(status)).catch((e: Error) => {
      // Harmless: the master sends the status again when the framework subscribes again.
      this.logger.warn('operation status acknowledgement failed', { operation: status.operation_id?.value, problem: e.message });
    });
  }

  /**
   * RECONCILE_OPERATIONS: ask for the latest status of the listed
   * operations (OPERATION_UNKNOWN for ids the master does not know), or of
   * every operation it knows for this framework when the list is empty.
   * Answers arrive through the `operationStatus` handler.
   */
  async reconcileOperations(operations?: ReconcileOperation[]): Promise<void> {
    await this.send(compileReconcileOperations(operations));
  }

  /**
   * RECONCILE: ask for the latest state of the listed tasks, or of every
   * live task when the list is empty. Answers arrive as updates without uuid.
   */
  async reconcile(tasks?: ReconcileTask[]): Promise<void> {
    await this.send(compileReconcile(tasks));
  }

  /** MESSAGE: opaque data for an executor. */
  async message(agentId: string, executorId: string, data: Uint8Array): Promise<void> {
    await this.send(compileMessage(agentId, executorId, data));
  }

  /** SHUTDOWN: stop one of the framework's executors on one agent (it gets SHUTDOWN, then is killed after the agent's grace period). */
  async shutdownExecutor(agentId: string, executorId: string): Promise<void> {
    await this.send(compileShutdown(agentId, executorId));
  }

  /**
   * TEARDOWN: kill every task, remove the framework, then stop. Queued
   * acknowledgements are dropped: the framework they were for is gone.
   */
  async teardown(): Promise<void> {
    this.acknowledgements.clear();
    this.tearingDown = true;
    try {
      await this.send(compileTeardown());
    } finally {
      await this.stop();
    }
  }

  /**
   * Close the stream without TEARDOWN: the master keeps the framework for
   * its failover timeout, so another scheduler process may resume it.
   * Queued acknowledgements are sent first.
   */
  async stop(): Promise<void> {
    if (this.state !== 'stopped') {
      // Every acknowledgement queued or in flight settles before the stream closes;
      // a failed one is logged by sendAcknowledgements (its agent re-sends the update).
      await this.acknowledgements.flush().catch(() => undefined);
      this.halt('the driver was stopped');
    }
    await this.loop;
  }

  // ---------------------------------------------------------------------
  // Connection loop

  private async run(): Promise<void> {
    let attempt = 0;
    while (this.state === 'running') {
      const subscribe = compileSubscribe(this.subscribeInfo());
      let stream: SchedulerEventStream | undefined;
      let failure: unknown;
      let reason = 'the master closed the event stream';
      try {
        stream = this.transport.subscribe(subscribe);
        this.stream = stream;
        this.lastEventAt = Date.now();
        for await (const batch of stream) {
          this.lastEventAt = Date.now();
          for (const event of batch.events ?? []) {
            if (this.state !== 'running') break;
            this.dispatch(event);
          }
          if (this.state !== 'running') break;
        }
      } catch (error) {
        failure = error;
        reason = describe(error);
      }
      const wasSubscribed = this.streamId !== undefined;
      this.closeStream(stream);
      if (this.watchdogReason) {
        reason = this.watchdogReason;
        this.watchdogReason = undefined;
      }
      if (this.state !== 'running') break;
      if (this.tearingDown) {
        // The master ends the stream of a framework it removed; never re-subscribe it.
        this.halt('the framework was torn down');
        break;
      }

      if (wasSubscribed) {
        attempt = 0;
        this.logger.warn('disconnected from the master', { reason });
        this.invoke('disconnected', reason);
      } else {
        this.logger.warn('could not subscribe', { reason });
      }
      if (failure instanceof SchedulerTransportError && FATAL_CODES.has(failure.code)) {
        const message = `SUBSCRIBE rejected (${statusName(failure.code)}): ${failure.details}`;
        this.invoke('error', message);
        this.halt(message);
        break;
      }
      if (this.reconnect === false) {
        this.halt(`disconnected and reconnect is off: ${reason}`);
        break;
      }
      const delay = backoffDelayMs(attempt++, this.reconnect.initialMs, this.reconnect.maxMs);
      this.logger.debug('reconnecting', { delayMs: delay });
      await this.sleep(delay);
    }
  }

  /** The framework info to subscribe with: the assigned id once known (failover). */
  private subscribeInfo(): FrameworkInfo {
    return this.id ? { ...this.frameworkInfo, id: { value: this.id } } : this.frameworkInfo;
  }

  private closeStream(stream: SchedulerEventStream | undefined): void {
    this.watchdog?.cancel();
    this.watchdog = undefined;
    this.streamId = undefined;
    if (this.stream === stream) this.stream = undefined;
    try {
      stream?.cancel();
    } catch {
      // Already closed.
    }
  }

  /** Stop for good: reject a pending start, wake the loop, close the transport. */
  private halt(reason: string): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    if (this.startWaiter) {
      this.startWaiter.reject(new Error(reason));
      this.startWaiter = undefined;
    }
    this.acknowledgements.clear();
    this.closeStream(this.stream);
    this.wakeFromBackoff?.();
    this.transport.close();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeFromBackoff = done;
    }).then(() => {
      this.wakeFromBackoff = undefined;
    });
  }

  private startWatchdog(heartbeatSeconds: number): void {
    this.watchdog?.cancel();
    // Any interval the master names works: the clock chains timers past setTimeout's 24.8-day limit.
    const intervalMs = Math.max(10, secondsToMs(heartbeatSeconds));
    const limitMs = intervalMs * HEARTBEAT_TIMEOUT_INTERVALS;
    this.watchdog = systemClock.every(intervalMs, () => {
      const silentMs = Date.now() - this.lastEventAt;
      if (silentMs <= limitMs || !this.stream) return;
      this.watchdogReason = `no event from the master for ${(silentMs / 1000).toFixed(1)}s (${HEARTBEAT_TIMEOUT_INTERVALS} heartbeat intervals)`;
      this.stream.cancel();
    });
  }

  // ---------------------------------------------------------------------
  // Events

  private dispatch(event: Event): void {
    switch (event.type) {
      case EventType.SUBSCRIBED:
        return this.onSubscribed(event);
      case EventType.HEARTBEAT:
        return;
      case EventType.OFFERS:
        return this.invoke('offers', event.offers?.offers ?? []);
      case EventType.RESCIND:
        return this.invoke('rescind', idOf(event.rescind?.offer_id));
      case EventType.INVERSE_OFFERS:
        return this.invoke('inverseOffers', event.inverse_offers?.inverse_offers ?? []);
      case EventType.RESCIND_INVERSE_OFFER:
        return this.invoke('rescindInverseOffer', idOf(event.rescind_inverse_offer?.inverse_offer_id));
      case EventType.UPDATE:
        if (event.update?.status) this.onUpdate(event.update.status);
        return;
      case EventType.UPDATE_OPERATION_STATUS: {
        const status = event.update_operation_status?.status;
        if (!status) return;
        return this.invoke('operationStatus', status, (ok) => {
          if (ok && this.autoAcknowledge && this.state === 'running') this.acknowledgeOperationStatus(status);
        });
      }
      case EventType.MESSAGE:
        return this.invoke('message', {
          agentId: idOf(event.message?.agent_id),
          executorId: idOf(event.message?.executor_id),
          data: event.message?.data ?? new Uint8Array(0),
        });
      case EventType.FAILURE: {
        const f = event.failure ?? {};
        return this.invoke('failure', {
          agentId: idOf(f.agent_id),
          ...(f.executor_id?.value ? { executorId: f.executor_id.value } : {}),
          ...(f.status !== null && f.status !== undefined ? { status: f.status } : {}),
        });
      }
      case EventType.ERROR: {
        const message = event.error?.message || 'the master sent ERROR';
        if (this.tearingDown) {
          this.logger.debug('stream closed after teardown', { message });
          this.halt(message);
          return;
        }
        this.logger.error('error from the master; stopping', { message });
        this.invoke('error', message);
        this.halt(message);
        return;
      }
      default:
        this.logger.debug('ignoring an unknown event', { type: event.type });
    }
  }

  private onSubscribed(event: Event): void {
    const s = event.subscribed ?? {};
    const frameworkId = idOf(s.framework_id);
    this.id = frameworkId;
    this.streamId = s.stream_id ?? '';
    const heartbeatIntervalSeconds = s.heartbeat_interval_seconds || DEFAULT_HEARTBEAT_SECONDS;
    const reconnected = this.subscribedBefore;
    this.subscribedBefore = true;
    this.startWatchdog(heartbeatIntervalSeconds);
    this.logger.info(reconnected ? 'subscribed again' : 'subscribed', { frameworkId, streamId: this.streamId });
    if (this.startWaiter) {
      this.startWaiter.resolve(frameworkId);
      this.startWaiter = undefined;
    }
    this.invoke('subscribed', { frameworkId, masterInfo: s.master_info ?? {}, heartbeatIntervalSeconds, reconnected });
  }

  private onUpdate(status: TaskStatus): void {
    const key = uuidKey(status.uuid);
    if (key) {
      const seen = this.recent.lookup(key);
      if (seen !== 'new') {
        // A re-send: the agent did not get our acknowledgement (yet).
        this.logger.debug('duplicate update', { taskId: idOf(status.task_id), uuid: key, seen });
        if (seen === 'acknowledged') this.acknowledgeKeyed(status, key);
        return;
      }
      this.recent.remember(key);
    }
    this.invoke('update', status, (ok) => {
      if (!key) return;
      if (!ok) this.recent.forget(key);
      else if (this.autoAcknowledge && this.state === 'running') this.acknowledgeKeyed(status, key);
    });
  }

  private invoke<K extends keyof SchedulerHandlers>(
    name: K,
    argument: Parameters<NonNullable<SchedulerHandlers[K]>>[0],
    done?: (ok: boolean) => void,
  ): void {
    callHandler(this.handlers, name, argument, this.logger, done);
  }

  // ---------------------------------------------------------------------
  // Calls

  private async send(call: Call): Promise<void> {
    const type = callTypeName(call);
    if (this.state !== 'running' || !this.id || this.streamId === undefined) {
      throw new SchedulerCallError(type, GrpcStatus.UNAVAILABLE, 'not subscribed to the master');
    }
    try {
      await this.transport.call(stampCall(call, { frameworkId: this.id, streamId: this.streamId }));
    } catch (error) {
      if (error instanceof SchedulerTransportError) throw new SchedulerCallError(type, error.code, error.details);
      throw new SchedulerCallError(type, GrpcStatus.UNKNOWN, describe(error));
    }
  }

  private async sendAcknowledgements(statuses: TaskStatus[]): Promise<void> {
    if (!this.isSubscribed) {
      // The agents re-send unacknowledged updates; the re-sends are acknowledged then.
      this.logger.debug('dropping acknowledgements while disconnected', { count: statuses.length });
      return;
    }
    try {
      await this.send(compileAcknowledge(statuses));
    } catch (error) {
      this.logger.warn('acknowledgement failed', { count: statuses.length, error: describe(error) });
      throw error;
    }
  }
}
