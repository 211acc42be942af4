/**
 * The master: a thin coordinator of the modules that hold the cluster's
 * state machine. Each has one job:
 *
 * - `framework-lifecycle.ts`: subscribe, disconnect, failover timer, removal
 * - `call-router.ts`: every other Scheduler API call
 * - `agent-lifecycle.ts`: register / re-register, health, unreachable, gone
 * - `agent-link.ts`: what arrives on an agent's link (status updates, messages)
 * - `task-book.ts`: tasks by framework / agent / id, status history,
 *   completed tasks, and the sweep of launches no agent reported
 * - `offer-book.ts`: outstanding offers; `allocation-timing.ts`: when passes run
 * - `durable-writes.ts`: transitions sent only after their registry write
 *
 * gRPC and HTTP wiring live in their own modules; the master sees only
 * sinks ({@link FrameworkSink}, {@link AgentSink}) and messages.
 */
import type { Allocator } from './allocator/allocator';
import { type Clock, type TimerHandle, nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import type { AgentRecord, AgentSink, FrameworkRecord, FrameworkSink, OfferRecord } from './state';
import type { Call, Event, FrameworkInfo, KillPolicy, MasterInfo, Operation } from '@meseta/proto/wire';
import { RETRY_MIN_MS, type OperationStatuses } from './operation-statuses';
import { EventType, enumName, pb } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import { OfferBook } from './offer-book';
import { MasterMetrics } from './metrics';
import { ClusterEvents } from './cluster-events';
import type { Registrar } from './registry/registrar';
import type { RegistryState } from './registry/registry-state';
import { type MasterConfig, type ResolvedMasterConfig, resolveMasterConfig } from './master-config';
import type { MasterContext } from './master-context';
import { DurableWrites } from './durable-writes';
import { MasterTaskBook } from './task-book';
import { FrameworkLifecycle } from './framework-lifecycle';
import { AgentLifecycle } from './agent-lifecycle';
import { AgentLinks, type AgentLinkHandlers } from './agent-link';
import { UndeliveredUpdates } from './undelivered-updates';
import { CallRouter } from './call-router';
import { AllocationTiming } from './allocation-timing';
import { DEFAULT_SLICE_MS, TurnGate } from './turn-slices';
import { AgentDrains, type DrainRequest } from './agent-drain';
import { RoleWeights } from './role-weights';
import { OperatorReservations } from './operator-reservations';
import { OperatorVolumes } from './operator-volumes';
import { RoleQuotas } from './role-quotas';
import type { StoredQuota } from './registry/registry-state';
import type { RoleWeight } from './weight-input';
import { ClusterUsage } from './cluster-usage';
import { CLUSTER_USAGE_INTERVAL_SECONDS, usageCounters } from './master-usage';
import { Maintenance } from './maintenance';

/** How often the master looks for operation statuses due for a resend (a fraction of the first retry interval). */
const OPERATION_RETRY_TICK_MS = RETRY_MIN_MS / 5;

export type { MasterConfig } from './master-config';

/** The cluster's brain. One instance per master process. */
export class Master {
  readonly frameworks = new Map<string, FrameworkRecord>();
  /** Agents holding updates of a framework that had no stream when they came. */
  private readonly undelivered = new UndeliveredUpdates();
  readonly agents = new Map<string, AgentRecord>();
  /** Outstanding offers. */
  readonly offerBook: OfferBook;
  /** Tasks, their histories and unreported launches. */
  readonly tasks: MasterTaskBook;
  readonly metrics = new MasterMetrics();
  /** Changes as they happen, for live views. */
  readonly events = new ClusterEvents();
  /** Role weights (registry state, used by the allocator's DRF). */
  readonly weights: RoleWeights;
  /** Role quotas (registry state, used by the allocator). */
  readonly quotas: RoleQuotas;
  /** The operator's RESERVE_RESOURCES / UNRESERVE_RESOURCES. */
  readonly reservations: OperatorReservations;
  /** The operator's CREATE_VOLUMES / DESTROY_VOLUMES. */
  readonly volumes: OperatorVolumes;
  /** The maintenance schedule, DOWN machines and inverse offers (registry state). */
  readonly maintenance: Maintenance;
  /** Agents' latest usage reports and the cluster's usage series (`cluster-usage.ts`). */
  readonly usage = new ClusterUsage();
  /** The turns of every deferrable job (allocation slices, reads written in slices, walks): one budget per turn shared by all. */
  readonly turnGate = new TurnGate();
  readonly startTime: number;
  /** When this master became the leader (seconds since the epoch). */
  electedTime: number;
  private readonly durable: DurableWrites;
  private readonly frameworkLifecycle: FrameworkLifecycle;
  private readonly agentLifecycle: AgentLifecycle;
  private readonly links: AgentLinks;
  private readonly calls: CallRouter;
  private readonly allocation: AllocationTiming;
  private readonly drains: AgentDrains;
  private timers: TimerHandle[] = [];
  private readonly config: ResolvedMasterConfig;

  constructor(
    readonly info: MasterInfo,
    config: MasterConfig,
    private readonly allocator: Allocator,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Where durable facts go; none keeps everything in memory. */
    registrar?: Pick<Registrar, 'apply'>,
  ) {
    this.startTime = nowSeconds(clock);
    this.electedTime = this.startTime;
    const resolved = (this.config = resolveMasterConfig(config));
    this.durable = new DurableWrites(registrar, log);
    this.weights = new RoleWeights(allocator, this.durable, log, this.events);
    this.quotas = new RoleQuotas(allocator, this.durable, log, this.events);
    this.offerBook = new OfferBook({
      frameworks: this.frameworks, agents: this.agents, allocator, clock, events: this.events, metrics: this.metrics, log,
      offerTimeoutSeconds: resolved.offerTimeoutSeconds,
      scheduleAllocation: () => this.scheduleAllocation(),
      unavailabilityOf: (agent) => this.maintenance.unavailabilityOf(agent),
    });
    this.allocation = new AllocationTiming(allocator, this.offerBook, clock, this.metrics, resolved.allocationIntervalSeconds, DEFAULT_SLICE_MS, this.turnGate);
    const ctx: MasterContext = {
      info, config: resolved, frameworks: this.frameworks, agents: this.agents, offerBook: this.offerBook, allocator, clock, log,
      metrics: this.metrics, events: this.events, durable: this.durable, turnGate: this.turnGate,
      scheduleAllocation: () => this.scheduleAllocation(),
    };
    this.reservations = new OperatorReservations(ctx);
    this.volumes = new OperatorVolumes(ctx);
    this.tasks = new MasterTaskBook(ctx);
    this.frameworkLifecycle = new FrameworkLifecycle(ctx, this.tasks, (fw) => {
      this.requestPendingUpdates(fw);
      // Operation statuses it has not acknowledged, sent again as agents resend task updates.
      this.calls.resendOperationStatuses(fw);
    });
    this.agentLifecycle = new AgentLifecycle(ctx, this.tasks, (id, reported) => this.frameworkFor(id, reported));
    this.links = new AgentLinks(ctx, this.tasks, this.agentLifecycle, (id) => this.frameworkLifecycle.wasRemoved(id), (fid, agentId) => this.undelivered.note(fid, agentId));
    this.maintenance = new Maintenance(ctx, (agent, why) => this.agentLifecycle.markGoneByOperator(agent.id, why));
    this.calls = new CallRouter(ctx, this.tasks, this.frameworkLifecycle, (fw, ids, accept, refuse) => this.maintenance.answer(fw, ids, accept, refuse));
    this.frameworkLifecycle.onRemoved = (fw) => this.calls.operations.forget(fw.id);
    this.drains = new AgentDrains(ctx, (agent, why) => this.agentLifecycle.markGone(agent, why, true), (agent) => this.agentLifecycle.broadcast(agent, 'AGENT_UPDATED'));
    this.agentLifecycle.onAgentBack = (agent) => this.drains.agentBack(agent);
    this.links.usage = this.usage;
    this.agentLifecycle.machineRefusal = (info) => this.maintenance.refusalFor(info);
  }

  /** Outstanding offers by id (read-only view for the state views). */
  get offers(): ReadonlyMap<string, OfferRecord> {
    return this.offerBook.offers;
  }

  /** Frameworks removed (torn down or failed over too late), newest last, bounded in count and bytes. */
  get completedFrameworks(): readonly FrameworkRecord[] {
    return this.frameworkLifecycle.completed.items();
  }

  /**
   * Rebuild what the registry knows after becoming the leader: agents wait
   * to re-register (up to the re-register timeout), gone agents stay gone,
   * frameworks may re-subscribe with their ids. Tasks come back with the
   * agents that run them.
   */
  recover(state: RegistryState): void {
    for (const _ of this.recovering(state)) {
      // all in one block
    }
  }

  /**
   * {@link recover} `slice` records at a time with `yieldTurn` between
   * slices, so a new leader recovering tens of thousands of agents keeps
   * accepting (and holding) agent links meanwhile. Call before {@link start}.
   */
  async recoverInSlices(state: RegistryState, yieldTurn: () => Promise<void>, slice = 500): Promise<void> {
    let done = 0;
    for (const _ of this.recovering(state)) {
      if (++done % Math.max(1, slice) === 0) await yieldTurn();
    }
  }

  /** The steps of a recovery, one per agent and framework record. */
  private *recovering(state: RegistryState): Generator<void> {
    const now = nowSeconds(this.clock);
    this.electedTime = now;
    for (const a of state.agents.values()) {
      this.agentLifecycle.recoverFromRegistry(a, now);
      yield;
    }
    for (const f of state.frameworks.values()) {
      this.frameworkLifecycle.recoverFromRegistry(f);
      yield;
    }
    this.drains.recovered();
    void this.weights.recover(state.weights, this.config.weights).catch(() => undefined);
    this.quotas.recover(state.quotas);
    this.maintenance.recover(state.maintenance);
    this.log.info('recovered from the registry', { agents: state.agents.size, frameworks: state.frameworks.size });
  }

  /** Start the periodic work: allocation passes, heartbeats, agent health. */
  start(): void {
    const { config } = this;
    this.allocation.start();
    this.maintenance.start();
    this.timers.push(this.clock.every(secondsToMs(AgentLifecycle.pingTickSeconds(config.agentPingTimeoutSeconds)), () => this.agentLifecycle.ping()));
    this.timers.push(this.clock.every(secondsToMs(AgentLifecycle.healthCheckSeconds(config.agentPingTimeoutSeconds)), () => this.agentLifecycle.checkHealth()));
    this.timers.push(this.clock.every(secondsToMs(config.frameworkHeartbeatSeconds), () => this.heartbeatFrameworks()));
    // Unacknowledged operation statuses are resent on their own schedule (the book knows which are due).
    this.timers.push(this.clock.every(OPERATION_RETRY_TICK_MS, () => this.calls.resendDueOperationStatuses()));
    this.timers.push(this.clock.every(secondsToMs(CLUSTER_USAGE_INTERVAL_SECONDS), () => this.usage.sample(nowSeconds(this.clock), usageCounters(this.metrics))));
  }

  /** Stop timers and close every stream. */
  stop(): void {
    this.allocation.stop();
    for (const t of this.timers) t.cancel();
    this.offerBook.cancelTimers();
    this.tasks.stop();
    this.frameworkLifecycle.stop();
    this.agentLifecycle.stop();
    this.drains.stop();
    this.maintenance.stop();
    this.turnGate.stop();
  }

  /** The operations frameworks named whose latest status the master keeps (Mesos's GET_OPERATIONS lists them). */
  get operationStatuses(): Pick<OperationStatuses, 'all'> {
    return this.calls.operations;
  }

  /** Resolves once every transition waiting on a registry write has been applied (or has failed). */
  settled(): Promise<void> {
    return this.durable.settled();
  }

  /**
   * A SUBSCRIBE call arrived with its stream. Resolves with the framework
   * id and the stream id once the subscription is durable and SUBSCRIBED
   * was sent; rejects with a CallError (malformed, removed, or the registry
   * write failed).
   */
  subscribe(call: Call, sink: FrameworkSink): Promise<{ frameworkId: string; streamId: string }> {
    return this.frameworkLifecycle.subscribe(call, sink);
  }

  /** The framework's stream ended. A no-op if a newer stream replaced it. */
  frameworkDisconnected(frameworkId: string, streamId: string): void {
    this.frameworkLifecycle.disconnected(frameworkId, streamId);
  }

  /**
   * An ACCEPT refused before it reached the master (an ACL): its operations
   * with ids get OPERATION_ERROR (the one `message` names) or
   * OPERATION_DROPPED (the others).
   */
  operationsRefused(fw: FrameworkRecord, operations: readonly Operation[], message: string): void {
    this.calls.reportRefusedAccept(fw, operations, message);
  }

  /** Handle any non-SUBSCRIBE call. Throws CallError for bad calls; TEARDOWN returns a promise. */
  handleCall(call: Call): void | Promise<void> {
    return this.calls.handle(call);
  }

  /** Remove a framework once its removal is durable: kill its tasks, rescind its offers, forget it. */
  removeFramework(fw: FrameworkRecord, why: string): Promise<void> {
    return this.frameworkLifecycle.remove(fw, why);
  }

  /**
   * An operator's TEARDOWN of a framework (by id, whoever subscribed it):
   * removed as {@link removeFramework} does. False for an id that is not a
   * subscribed or recovered framework. Rejects when the registry write fails.
   */
  async teardownFramework(frameworkId: string, why: string): Promise<boolean> {
    const fw = this.frameworkLifecycle.live(frameworkId);
    if (!fw) return false;
    await this.frameworkLifecycle.remove(fw, why);
    return true;
  }

  /**
   * An operator's MARK_AGENT_GONE: the agent is shut down if connected, its
   * tasks end TASK_GONE_BY_OPERATOR, and it is refused if it comes back.
   * See {@link AgentLifecycle.markGoneByOperator}.
   */
  markAgentGone(agentId: string, why: string): Promise<'gone' | 'already-gone' | 'unknown'> {
    return this.agentLifecycle.markGoneByOperator(agentId, why);
  }

  /**
   * The operator's DRAIN_AGENT: no offers of the agent, its tasks killed
   * (grace capped at `maxGracePeriodSeconds`), DRAINED once none is left.
   * Resolves once durable; rejects with an AgentActionError for an unknown
   * or gone agent, or when the registry write fails.
   */
  drainAgent(agentId: string, request: DrainRequest): Promise<void> {
    return this.drains.drain(agentId, request);
  }

  /** The operator's DEACTIVATE_AGENT: no offers of the agent; tasks keep running. See {@link drainAgent}. */
  deactivateAgent(agentId: string): Promise<void> {
    return this.drains.deactivate(agentId);
  }

  /** The operator's REACTIVATE_AGENT: offers of the agent again, its drain forgotten. See {@link drainAgent}. */
  reactivateAgent(agentId: string): Promise<void> {
    return this.drains.reactivate(agentId);
  }

  /**
   * The operator's UPDATE_WEIGHTS (weights checked already, see
   * `weight-input.ts`): in force once durable; rejects with a
   * RegistryWriteError.
   */
  updateWeights(weights: readonly RoleWeight[], by: string): Promise<void> {
    return this.weights.update(weights, by);
  }

  /**
   * The operator's UPDATE_QUOTA of one role (checked already, see
   * `quota-input.ts`; an empty quota removes it): in force once durable;
   * rejects with a RegistryWriteError.
   */
  updateQuota(role: string, quota: StoredQuota, by: string): Promise<void> {
    return this.quotas.update(role, quota, by);
  }

  /**
   * An operator's kill of one task, through the framework's own kill path
   * (a pending kill when the agent is away). `frameworkId` is needed only
   * when two frameworks have a task of this id. Returns what was killed, or
   * why not: `unknown` (no live task of that id), `ambiguous` (several).
   */
  killTask(taskId: string, frameworkId: string | undefined, killPolicy?: KillPolicy): { killed: { frameworkId: string; agentId: string } } | { refused: 'unknown' | 'ambiguous'; frameworks: string[] } {
    const matches = [...this.frameworks.values()].filter((f) => (!frameworkId || f.id === frameworkId) && f.tasks.has(taskId));
    if (matches.length !== 1) return { refused: matches.length === 0 ? 'unknown' : 'ambiguous', frameworks: matches.map((f) => f.id) };
    const fw = matches[0]!;
    const task = fw.tasks.get(taskId)!;
    this.calls.killByOperator(fw, taskId, task.agentId, killPolicy);
    return { killed: { frameworkId: fw.id, agentId: task.agentId } };
  }

  /** The tunables this master runs with (the operator API's GET_FLAGS). */
  get configuration(): Readonly<ResolvedMasterConfig> {
    return this.config;
  }

  /**
   * A new agent link: the handler for what the agent sends and for the
   * stream's end. `principal`: who authenticated the link (authenticated clusters).
   */
  agentLinkOpened(sink: AgentSink, principal?: string): AgentLinkHandlers {
    return this.links.opened(sink, principal);
  }

  /** Run an allocation pass soon (coalesced within the tick). */
  scheduleAllocation(): void {
    this.allocation.schedule();
  }

  /** Run an allocation pass now and send the offers it decides on. */
  runAllocation(): void {
    this.allocation.run();
  }

  /** The allocator, for the state view (shares). */
  get allocatorView(): Pick<Allocator, 'frameworkShare' | 'roleShare'> {
    return this.allocator;
  }

  /** The event that would be sent: exposed for tests of the batching layer. */
  static eventName(e: Event): string {
    return enumName(pb.Event.Type, e.type);
  }

  /** The record of a framework an agent reports; one known only from that report when the master has none. */
  private frameworkFor(id: string, reported: FrameworkInfo[]): FrameworkRecord {
    return this.frameworks.get(id) ?? this.frameworkLifecycle.recovered(id, reported.find((f) => idOf(f.id) === id) ?? { id: { value: id }, name: '(recovered)' });
  }

  /**
   * Ask agents to resend this re-subscribed framework's unacknowledged
   * updates now: the agents of its live tasks and of the completed tasks the
   * master remembers (an update may be pending for a task the master already
   * counts as finished), and those whose updates for it came while it had
   * no stream (`UndeliveredUpdates`). Not every agent: with 100 frameworks subscribing to
   * 50,000 agents that was five million messages. An agent of an older task
   * resends on its own backoff, as Mesos's do.
   */
  private requestPendingUpdates(fw: FrameworkRecord): void {
    const agentIds = new Set<string>();
    for (const t of fw.tasks.values()) agentIds.add(t.agentId);
    for (const t of fw.completedTasks) agentIds.add(t.agentId);
    // And the agents whose updates for it could not be forwarded while it had no stream.
    for (const id of this.undelivered.take(fw.id)) agentIds.add(id);
    for (const id of agentIds) this.agents.get(id)?.sink?.send({ reconcile: [{ framework_id: { value: fw.id } }] });
  }

  private heartbeatFrameworks(): void {
    for (const fw of this.frameworks.values()) fw.sink?.send({ type: EventType.HEARTBEAT });
  }
}
