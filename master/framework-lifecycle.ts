/**
 * Framework lifecycle: subscribe (new or failover), disconnect, the
 * failover timer, and removal (teardown, failover timeout). SUBSCRIBED and
 * removal are sent only once the registry write that makes them durable
 * has committed; a failed write answers the subscriber UNAVAILABLE.
 *
 * A removal rescinds the framework's offers, then (once durable) ends its
 * tasks, in slices of ~10 ms, one per turn of the event loop (issue 11:
 * 100,000 tasks were 0.4–0.9 s in one turn, 4,000 offers ~70 ms), then
 * tells its agents to shut it down and forgets it in one last turn (Mesos
 * tells the agents first, but does it all in one turn: here an agent is
 * told once the master has ended every task it ran, so no agent update
 * races the master's own TASK_KILLED). Meanwhile the framework
 * stays `removing`: its calls are refused, and a subscription with its id
 * is refused as one after the removal is (FAILED_PRECONDITION: Mesos
 * answers a removed framework's re-subscription "Framework has been
 * removed"; its removal is one step, so it has no "meanwhile").
 */
import { status as grpcStatus } from '@grpc/grpc-js';
import type { Call, FrameworkInfo } from '@meseta/proto/wire';
import { EventType, Reason, Source, TaskState } from '@meseta/proto/wire';
import { idOf, newId } from '@meseta/proto/ids';
import { nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import { CallError, failedPrecondition, invalidArgument } from './call-errors';
import { validateSubscribe } from './call-validation';
import { multiRoleRemovedProblem, rolesOf } from './framework-roles-validation';
import { minAllocatableOf } from './allocator/min-allocatable';
import { BoundedHistory, approximateSize } from './bounded-history';
import { RegistryWriteError } from './durable-writes';
import type { MasterContext } from './master-context';
import { completedTaskHistory, type MasterTaskBook } from './task-book';
import type { DeclineRecordLike, FrameworkRecord, FrameworkSink } from './state';
import { putFramework, removeFramework as forgetFramework, type RegistryFramework } from './registry/registry-state';
import { DEFAULT_SLICE_MS, SlicedWalk, type SliceBudget } from './turn-slices';

/** The reason given when a framework asked for TEARDOWN (its stream closes without an error). */
export const TEARDOWN_REASON = 'framework requested TEARDOWN';

/** A framework record with its bounded histories. */
export function newFrameworkRecord(
  ctx: Pick<MasterContext, 'config'>,
  fields: Pick<FrameworkRecord, 'id' | 'info' | 'roles' | 'connected' | 'active' | 'recovered' | 'registeredTime'> & { suppressedRoles?: Iterable<string> },
): FrameworkRecord {
  const completedHistory = completedTaskHistory(ctx);
  const declineHistory = new BoundedHistory<DeclineRecordLike>({
    maxItems: ctx.config.maxDeclinesPerFramework,
    maxBytes: ctx.config.maxDeclineBytesPerFramework,
    sizeOf: approximateSize,
  });
  const { suppressedRoles, ...rest } = fields;
  return {
    ...rest,
    offers: new Set(),
    tasks: new Map(),
    suppressedRoles: new Set(suppressedRoles ?? []),
    completedHistory,
    declineHistory,
    get completedTasks() {
      return completedHistory.items();
    },
    get recentDeclines() {
      return declineHistory.items();
    },
  };
}

/** Removed frameworks, bounded in count and bytes (their completed tasks count too). */
export function completedFrameworkHistory(ctx: Pick<MasterContext, 'config'>): BoundedHistory<FrameworkRecord> {
  return new BoundedHistory<FrameworkRecord>({
    maxItems: ctx.config.maxCompletedFrameworks,
    maxBytes: ctx.config.maxCompletedFrameworkBytes,
    sizeOf: (f) => approximateSize(f.info) + f.completedHistory.bytes + f.declineHistory.bytes,
  });
}

/** Options of {@link FrameworkLifecycle}. */
export interface FrameworkLifecycleOptions {
  /**
   * The budget of each slice of a removal's task walk (tests: a count).
   * @default a 10 ms clock budget
   */
  removalBudget?: () => SliceBudget;
  /** Tasks ended between two looks at the budget. @default 16 */
  removalCheckEvery?: number;
}

/** Subscriptions, failover and removal of frameworks. */
export class FrameworkLifecycle {
  readonly completed: BoundedHistory<FrameworkRecord>;
  /** Walks of removals not done: how to answer each at once when the master stops. */
  private readonly walking = new Set<() => void>();
  private stopped = false;

  /** Told once a framework is removed (after its tasks ended): what other modules keep for it can go. */
  onRemoved?: (fw: FrameworkRecord) => void;

  constructor(
    private readonly ctx: MasterContext,
    private readonly tasks: MasterTaskBook,
    /** Ask agents to resend a framework's unacknowledged updates. */
    private readonly requestPendingUpdates: (fw: FrameworkRecord) => void,
    /** How a removal is sliced; tests may change it. */
    readonly options: FrameworkLifecycleOptions = {},
  ) {
    this.completed = completedFrameworkHistory(ctx);
  }

  /** True when a framework with this id was removed (and is not live again). */
  wasRemoved(id: string): boolean {
    return !this.ctx.frameworks.has(id) && this.completed.items().some((f) => f.id === id);
  }

  /**
   * A SUBSCRIBE call with its stream. Resolves with the framework and
   * stream ids once the framework is durable and SUBSCRIBED was sent;
   * rejects with a CallError (malformed, removed framework, or the
   * registry write failed: UNAVAILABLE, retry).
   */
  async subscribe(call: Call, sink: FrameworkSink): Promise<{ frameworkId: string; streamId: string }> {
    validateSubscribe(call);
    const info = call.subscribe!.framework_info!;
    const requestedId = idOf(info.id) || idOf(call.framework_id);
    const removedMessage = `framework ${requestedId} was removed (torn down or failover timeout passed); subscribe without an id`;
    const removingMessage = `framework ${requestedId} is being removed (torn down or failover timeout passed) and cannot come back; subscribe without an id`;
    if (requestedId && this.wasRemoved(requestedId)) throw failedPrecondition(removedMessage);
    const existing = requestedId ? this.ctx.frameworks.get(requestedId) : undefined;
    if (existing?.removing) throw failedPrecondition(removingMessage);
    const dropped = existing ? multiRoleRemovedProblem(existing.info, info, 'subscribe.framework_info') : undefined;
    if (dropped) throw new CallError(grpcStatus.INVALID_ARGUMENT, dropped);
    const id = existing?.id ?? (requestedId || newId());
    const now = nowSeconds(this.ctx.clock);
    const durableInfo: FrameworkInfo = { ...info, id: { value: id } };
    try {
      return await this.ctx.durable.commit(putFramework(id, durableInfo, existing?.registeredTime ?? now), 'subscribe', { framework: id }, () => {
        if (this.wasRemoved(id)) throw failedPrecondition(removedMessage);
        if (this.ctx.frameworks.get(id)?.removing) throw failedPrecondition(removingMessage);
        return this.subscribed(call, sink, id);
      });
    } catch (e) {
      if (e instanceof RegistryWriteError) throw new CallError(grpcStatus.UNAVAILABLE, `${e.message}; subscribe again`);
      throw e;
    }
  }

  /** The continuation of a durable subscription: adopt the stream and send SUBSCRIBED. */
  private subscribed(call: Call, sink: FrameworkSink, id: string): { frameworkId: string; streamId: string } {
    const { ctx } = this;
    const info = call.subscribe!.framework_info!;
    const now = nowSeconds(ctx.clock);
    const roles = rolesOf(info);
    const suppressed = call.subscribe?.suppressed_roles ?? [];
    const streamId = newId();
    let fw = ctx.frameworks.get(id);
    if (fw) {
      // Failover or reconnection: replace the stream, keep the tasks.
      if (fw.sink) fw.sink.close('Framework failed over: a new subscription replaced this one');
      fw.failoverTimer?.cancel();
      fw.failoverTimer = undefined;
      fw.failoverDeadline = undefined;
      fw.info = { ...info, id: { value: fw.id } };
      fw.roles = roles;
      fw.reregisteredTime = now;
      fw.recovered = false;
      ctx.allocator.updateFramework(fw.id, { roles, suppressedRoles: suppressed, active: true, minAllocatableResources: minAllocatableOf(info) });
      ctx.log.info('framework resubscribed', { framework: fw.id, name: info.name });
      ctx.events.publish({ type: 'FRAMEWORK_UPDATED', frameworkId: fw.id, name: info.name ?? '' });
    } else {
      fw = newFrameworkRecord(ctx, { id, info: { ...info, id: { value: id } }, roles, connected: false, active: false, recovered: false, registeredTime: now });
      ctx.frameworks.set(id, fw);
      ctx.allocator.addFramework(id, { roles, suppressedRoles: suppressed, active: true, minAllocatableResources: minAllocatableOf(info) });
      ctx.metrics.frameworksSubscribed++;
      ctx.log.info('framework subscribed', { framework: id, name: info.name, roles: roles.join(',') });
      ctx.events.publish({ type: 'FRAMEWORK_ADDED', frameworkId: id, name: info.name ?? '' });
    }
    fw.sink = sink;
    fw.streamId = streamId;
    fw.connected = true;
    fw.active = true;
    fw.suppressedRoles = new Set(suppressed);
    ctx.allocator.activateFramework(fw.id);
    sink.send({
      type: EventType.SUBSCRIBED,
      subscribed: { framework_id: { value: fw.id }, heartbeat_interval_seconds: ctx.config.frameworkHeartbeatSeconds, master_info: ctx.info, stream_id: streamId },
    });
    this.requestPendingUpdates(fw);
    ctx.scheduleAllocation();
    return { frameworkId: fw.id, streamId };
  }

  /**
   * UPDATE_FRAMEWORK: the subscribed framework's new FrameworkInfo and
   * suppressed roles, applied once durable (as a re-subscription would,
   * without a new stream). `principal`, `user` and `checkpoint` cannot
   * change (Mesos refuses that too); offers for roles the framework left
   * are rescinded. Rejects with a CallError (INVALID_ARGUMENT naming the
   * field; UNAVAILABLE when the registry write failed).
   */
  async update(fw: FrameworkRecord, info: FrameworkInfo, suppressed: string[]): Promise<void> {
    const { ctx } = this;
    const unchanged: Array<['principal' | 'user', string]> = [['principal', fw.info.principal ?? ''], ['user', fw.info.user ?? '']];
    for (const [field, before] of unchanged) {
      const after = info[field] ?? '';
      if (after !== '' && after !== before) throw invalidArgument(`update_framework.framework_info.${field}`, `cannot change ("${before}" to "${after}")`);
    }
    const dropped = multiRoleRemovedProblem(fw.info, info, 'update_framework.framework_info');
    if (dropped) throw new CallError(grpcStatus.INVALID_ARGUMENT, dropped);
    if ((info.checkpoint ?? false) !== (fw.info.checkpoint ?? false)) {
      throw invalidArgument('update_framework.framework_info.checkpoint', `cannot change (${fw.info.checkpoint ?? false} to ${info.checkpoint ?? false})`);
    }
    const durableInfo: FrameworkInfo = { ...info, id: { value: fw.id }, principal: fw.info.principal, user: fw.info.user };
    try {
      await ctx.durable.commit(putFramework(fw.id, durableInfo, fw.registeredTime), 'update framework', { framework: fw.id }, () => {
        const roles = rolesOf(durableInfo);
        fw.info = durableInfo;
        fw.roles = roles;
        fw.suppressedRoles = new Set(suppressed);
        ctx.allocator.updateFramework(fw.id, { roles, suppressedRoles: suppressed, active: fw.active, minAllocatableResources: minAllocatableOf(durableInfo) });
        for (const id of [...fw.offers]) {
          const offer = ctx.offerBook.get(id);
          if (offer && !roles.includes(offer.role)) ctx.offerBook.rescind(id);
        }
        ctx.log.info('framework updated', { framework: fw.id, name: durableInfo.name, roles: roles.join(',') });
        ctx.events.publish({ type: 'FRAMEWORK_UPDATED', frameworkId: fw.id, name: durableInfo.name ?? '' });
        ctx.scheduleAllocation();
      });
    } catch (e) {
      if (e instanceof RegistryWriteError) throw new CallError(grpcStatus.UNAVAILABLE, `${e.message}; retry UPDATE_FRAMEWORK`);
      throw e;
    }
  }

  /** The record of a framework the master tracks now (not a removed one), by id. */
  live(frameworkId: string): FrameworkRecord | undefined {
    return this.ctx.frameworks.get(frameworkId);
  }

  /** The framework's stream ended. A no-op if a newer stream replaced it. */
  disconnected(frameworkId: string, streamId: string): void {
    const { ctx } = this;
    const fw = ctx.frameworks.get(frameworkId);
    if (!fw || fw.streamId !== streamId || !fw.connected) return;
    fw.connected = false;
    fw.active = false;
    fw.sink = undefined;
    fw.unregisteredTime = nowSeconds(ctx.clock);
    if (fw.removing) return;
    ctx.allocator.deactivateFramework(fw.id);
    ctx.offerBook.rescindAllOf(fw);
    const timeout = fw.info.failover_timeout ?? 0;
    ctx.log.info('framework disconnected', { framework: fw.id, failover_timeout: timeout });
    ctx.events.publish({ type: 'FRAMEWORK_UPDATED', frameworkId: fw.id, name: fw.info.name ?? '' });
    if (timeout <= 0) {
      void this.removeLogged(fw, 'framework disconnected with failover_timeout 0');
      return;
    }
    this.armFailover(fw, timeout, `failover timeout of ${timeout}s passed`);
  }

  /** A framework the registry knows, after a master failover: it may re-subscribe within its timeout. */
  recoverFromRegistry(f: RegistryFramework): void {
    const fw = this.recovered(f.id, f.info);
    fw.registeredTime = f.registeredTime;
    const timeout = Math.max(f.info.failover_timeout ?? 0, this.ctx.config.agentReregisterTimeoutSeconds);
    this.armFailover(fw, timeout, `did not re-subscribe within ${timeout}s of the master failover`);
  }

  /** A framework known only from an agent's report or the registry: tracked, not subscribed. */
  recovered(id: string, info: FrameworkInfo): FrameworkRecord {
    const roles = rolesOf(info);
    const fw = newFrameworkRecord(this.ctx, {
      id, info: { ...info, id: { value: id } }, roles, connected: false, active: false, recovered: true, registeredTime: nowSeconds(this.ctx.clock),
    });
    this.ctx.frameworks.set(id, fw);
    this.ctx.allocator.addFramework(id, { roles, active: false, minAllocatableResources: minAllocatableOf(info) });
    return fw;
  }

  private armFailover(fw: FrameworkRecord, timeoutSeconds: number, why: string): void {
    fw.failoverTimer?.cancel();
    fw.failoverDeadline = nowSeconds(this.ctx.clock) + timeoutSeconds;
    fw.failoverTimer = this.ctx.clock.after(secondsToMs(timeoutSeconds), () => {
      fw.failoverTimer = undefined;
      if (!fw.connected && this.ctx.frameworks.get(fw.id) === fw) void this.removeLogged(fw, why);
    });
  }

  /** {@link remove} for callers nobody waits on (timers): a failure is logged with the framework's id. */
  private removeLogged(fw: FrameworkRecord, why: string): Promise<void> {
    return this.remove(fw, why).catch((e: Error) => {
      this.ctx.log.error('framework not removed: it stays until the master can write its registry', { framework: fw.id, why, problem: e.message });
    });
  }

  /**
   * Remove a framework: stop offering to it at once, and once its removal
   * is durable, end its tasks (in slices, see the file's header), tell its
   * agents, close its stream and forget it. Resolves when done (at once for
   * a framework already gone or being removed); rejects with a
   * RegistryWriteError when the write fails.
   */
  remove(fw: FrameworkRecord, why: string): Promise<void> {
    const { ctx } = this;
    if (ctx.frameworks.get(fw.id) !== fw || fw.removing) return Promise.resolve();
    fw.removing = true;
    fw.failoverTimer?.cancel();
    fw.failoverTimer = undefined;
    ctx.allocator.deactivateFramework(fw.id);
    const durable = (): Promise<void> => ctx.durable.commit(forgetFramework(fw.id), 'framework removal', { framework: fw.id, why }, () => this.removed(fw, why)).then((tasks) => tasks);
    // Its offers first, the first slice now: when that is all of them, the write starts in this turn, as it always did.
    const offers = new SlicedWalk(fw.offers.values(), (id) => ctx.offerBook.rescind(id), this.options.removalCheckEvery);
    const written = offers.step(this.budget())
      ? durable()
      : // Tracked as a continuation, so the master's `settled()` waits for the rest of the walk and the write.
        ctx.durable.already(() => this.walk(offers).then((whole) => (whole ? durable() : undefined))).then(() => undefined);
    return written
      .catch((e: Error) => {
        // Not written: the framework stays as it was. (A walk that failed half way leaves it removing.)
        if (e instanceof RegistryWriteError) {
          fw.removing = false;
          if (fw.connected) ctx.allocator.activateFramework(fw.id);
        }
        throw e;
      });
  }

  /**
   * Run `walk` a slice per turn, the first slice now. Resolves true once it
   * is done, false when the master stopped first (the rest is left).
   */
  private walk(walk: Pick<SlicedWalk<unknown>, 'step'>): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      let cancelled = false;
      const finish = (): void => {
        cancelled = true;
        this.walking.delete(finish);
        resolve(false);
      };
      const slice = (): void => {
        if (cancelled) return;
        try {
          if (!walk.step(this.budget())) {
            this.ctx.turnGate.later(slice);
            return;
          }
          this.walking.delete(finish);
          resolve(true);
        } catch (e) {
          this.walking.delete(finish);
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      if (this.stopped) return resolve(false);
      this.walking.add(finish);
      slice();
    });
  }

  /** The budget of one slice of a removal's walks. */
  private budget(): SliceBudget {
    return this.options.removalBudget?.() ?? this.ctx.turnGate.budget(DEFAULT_SLICE_MS);
  }

  /** The continuation of a durable removal: end its tasks a slice per turn, then {@link forget} it. */
  private async removed(fw: FrameworkRecord, why: string): Promise<void> {
    const { ctx } = this;
    ctx.log.info('framework removed', { framework: fw.id, why, tasks: fw.tasks.size });
    const now = nowSeconds(ctx.clock);
    const message = `Framework removed: ${why}`;
    const agentIds = new Set<string>();
    const tasks = new SlicedWalk(
      fw.tasks.values(),
      (t) => {
        agentIds.add(t.agentId);
        this.tasks.end(t, {
          task_id: { value: t.taskId }, agent_id: { value: t.agentId }, state: TaskState.TASK_KILLED,
          source: Source.SOURCE_MASTER, reason: Reason.REASON_FRAMEWORK_REMOVED, message, timestamp: now,
        });
      },
      this.options.removalCheckEvery,
    );
    if (await this.walk(tasks)) this.forget(fw, why, agentIds, now);
  }

  /** The last turn of a removal, once its tasks ended: tell its agents, close its stream, forget it. */
  private forget(fw: FrameworkRecord, why: string, agentIds: ReadonlySet<string>, now: number): void {
    const { ctx } = this;
    for (const id of agentIds) ctx.agents.get(id)?.sink?.send({ shutdown_frameworks: [{ framework_id: { value: fw.id } }] });
    fw.connected = false;
    fw.active = false;
    fw.removing = false;
    fw.unregisteredTime = now;
    // A framework that asked for TEARDOWN gets its stream closed, not an error.
    fw.sink?.close(why === TEARDOWN_REASON ? undefined : `Framework removed: ${why}`);
    fw.sink = undefined;
    ctx.allocator.removeFramework(fw.id);
    ctx.frameworks.delete(fw.id);
    this.onRemoved?.(fw);
    this.completed.push(fw);
    ctx.events.publish({ type: 'FRAMEWORK_REMOVED', frameworkId: fw.id, name: fw.info.name ?? '' });
    ctx.scheduleAllocation();
  }

  /** Cancel failover timers and close every stream (the master is stopping). */
  stop(): void {
    // Removals still walking are left where they are (the master stops) and their callers answered.
    this.stopped = true;
    for (const finish of [...this.walking]) finish();
    for (const f of this.ctx.frameworks.values()) {
      f.failoverTimer?.cancel();
      f.sink?.close();
    }
  }
}
