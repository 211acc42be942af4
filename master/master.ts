/**
 * The master: cluster state and the offer cycle. It owns frameworks, agents,
 * offers and tasks in memory, feeds facts to the allocator, turns its
 * decisions into offers, checks what frameworks do with them, and routes
 * tasks, kills, status updates and acknowledgements between frameworks and
 * agents. gRPC and HTTP wiring live in their own modules; this class sees
 * only sinks ({@link FrameworkSink}, {@link AgentSink}) and messages.
 */
import type { Allocator } from './allocator/allocator';
import { type Clock, type TimerHandle, nowSeconds, secondsToMs } from '../runtime/clock';
import type { AgentRecord, AgentSink, FrameworkRecord, FrameworkSink, OfferRecord, TaskRecord } from './state';
import { taskKey } from './state';
import type {
  AgentInfo, AgentToMaster, Call, Event, FrameworkInfo, InsufficientResource, MasterInfo, Resource, StatusUpdate, Task, TaskInfo, TaskStatus,
} from '../proto/src/wire';
import { CallType, EventType, Reason, Source, TaskState, enumName, pb } from '../proto/src/wire';
import { allocate as allocateTo, normalize, unallocate } from '../proto/src/resources';
import { idOf, newId, uuidKey } from '../proto/src/ids';
import { isTerminal } from '../proto/src/task-state';
import type { Logger } from '../runtime/log';
import { failedPrecondition, notFound } from './call-errors';
import { validateCall, validateSubscribe } from './call-validation';
import { planAccept } from './offer-validation';
import { OfferBook } from './offer-book';
import { reconciliationAnswers } from './reconciliation';
import { MasterMetrics } from './metrics';
import { ClusterEvents } from './cluster-events';
import type { Registrar } from './registry/registrar';
import { admitAgent, markAgentGone, markAgentUnreachable, putFramework, removeFramework as forgetFramework, type RegistryState } from './registry/registry-state';

/** Tunables of the master; see `meseta master --help`. */
export interface MasterConfig {
  /** Seconds an offer stays outstanding before it is rescinded; 0 = never. */
  offerTimeoutSeconds: number;
  /** Seconds between heartbeats to an agent. */
  agentPingTimeoutSeconds: number;
  /** Missed heartbeats before an agent is unreachable. */
  maxAgentPingTimeouts: number;
  /** Seconds an unreachable agent is kept before it is gone. */
  agentRemovalTimeoutSeconds: number;
  /** Seconds between HEARTBEAT events to frameworks. */
  frameworkHeartbeatSeconds: number;
  /** Seconds between periodic allocation passes. */
  allocationIntervalSeconds: number;
  /** Seconds a recovered agent has to re-register after a master failover. */
  agentReregisterTimeoutSeconds: number;
  /** Completed tasks kept per framework. */
  maxCompletedTasksPerFramework: number;
  /** Status entries kept per task. */
  maxStatusesPerTask: number;
}

const MAX_DECLINES_KEPT = 50;
const TEARDOWN_REASON = 'framework requested TEARDOWN';

/** The cluster's brain. One instance per master process. */
export class Master {
  readonly frameworks = new Map<string, FrameworkRecord>();
  readonly agents = new Map<string, AgentRecord>();
  /** Outstanding offers. */
  readonly offerBook: OfferBook;

  /** Outstanding offers by id (read-only view for the state views). */
  get offers(): ReadonlyMap<string, OfferRecord> {
    return this.offerBook.offers;
  }
  /** Frameworks removed (torn down or failed over too late), newest last. */
  readonly completedFrameworks: FrameworkRecord[] = [];
  readonly metrics = new MasterMetrics();
  /** Changes as they happen, for live views. */
  readonly events = new ClusterEvents();
  readonly startTime: number;
  private nextLinkId = 1;
  private allocationScheduled = false;
  private timers: TimerHandle[] = [];
  private filterTimer?: TimerHandle;
  private stopped = false;
  /** When this master became the leader (seconds since the epoch). */
  electedTime: number;

  constructor(
    readonly info: MasterInfo,
    private readonly config: MasterConfig,
    private readonly allocator: Allocator,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Where durable facts go; none keeps everything in memory. */
    private readonly registrar?: Registrar,
  ) {
    this.startTime = nowSeconds(clock);
    this.electedTime = this.startTime;
    this.offerBook = new OfferBook({
      frameworks: this.frameworks,
      agents: this.agents,
      allocator,
      clock,
      events: this.events,
      metrics: this.metrics,
      log,
      offerTimeoutSeconds: config.offerTimeoutSeconds,
      scheduleAllocation: () => this.scheduleAllocation(),
    });
  }

  /** Make a registry change durable; a failure is handled by the registrar's onFatal. */
  private persist(mutation: Parameters<Registrar['apply']>[0]): Promise<void> {
    if (!this.registrar) return Promise.resolve();
    return this.registrar.apply(mutation).catch(() => undefined);
  }

  /**
   * Rebuild what the registry knows after becoming the leader: agents wait
   * to re-register (up to the re-register timeout), gone agents stay gone,
   * frameworks may re-subscribe with their ids. Tasks come back with the
   * agents that run them.
   */
  recover(state: RegistryState): void {
    const now = nowSeconds(this.clock);
    this.electedTime = now;
    for (const a of state.agents.values()) {
      const record: AgentRecord = {
        id: a.id,
        info: a.info,
        total: normalize(a.info.resources ?? []),
        status: a.status === 'GONE' ? 'GONE' : a.status === 'UNREACHABLE' ? 'UNREACHABLE' : 'DISCONNECTED',
        linkId: 0,
        registeredTime: a.since,
        lastSeen: now,
        version: '',
        offers: new Set(),
        tasks: new Map(),
        recovered: true,
        deadline: now + this.config.agentReregisterTimeoutSeconds,
      };
      if (record.status === 'UNREACHABLE') {
        record.unreachableTime = a.since;
        const left = Math.max(0, a.since + this.config.agentRemovalTimeoutSeconds - now);
        record.removalTimer = this.clock.after(secondsToMs(left), () => this.markGone(record));
      }
      this.agents.set(a.id, record);
    }
    for (const f of state.frameworks.values()) {
      const fw = this.recoveredFramework(f.id, f.info);
      fw.registeredTime = f.registeredTime;
      const timeout = Math.max(f.info.failover_timeout ?? 0, this.config.agentReregisterTimeoutSeconds);
      fw.failoverDeadline = now + timeout;
      fw.failoverTimer = this.clock.after(secondsToMs(timeout), () => {
        if (!fw.connected && this.frameworks.get(fw.id) === fw) this.removeFramework(fw, `did not re-subscribe within ${timeout}s of the master failover`);
      });
    }
    this.log.info('recovered from the registry', { agents: state.agents.size, frameworks: state.frameworks.size });
  }

  /** Start the periodic work: allocation passes, heartbeats, agent health. */
  start(): void {
    this.timers.push(this.clock.every(secondsToMs(this.config.allocationIntervalSeconds), () => this.runAllocation()));
    this.timers.push(this.clock.every(secondsToMs(this.config.agentPingTimeoutSeconds), () => this.pingAgents()));
    this.timers.push(this.clock.every(secondsToMs(Math.min(1, this.config.agentPingTimeoutSeconds / 2)), () => this.checkAgentHealth()));
    this.timers.push(this.clock.every(secondsToMs(this.config.frameworkHeartbeatSeconds), () => this.heartbeatFrameworks()));
  }

  /** Stop timers and close every stream. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) t.cancel();
    this.filterTimer?.cancel();
    this.offerBook.cancelTimers();
    for (const f of this.frameworks.values()) {
      f.failoverTimer?.cancel();
      f.sink?.close();
    }
    for (const a of this.agents.values()) {
      a.removalTimer?.cancel();
      a.sink?.close();
    }
  }

  // ---------------------------------------------------------------- frameworks

  /**
   * A SUBSCRIBE call arrived with its stream. Returns the framework id and
   * the stream id; sends SUBSCRIBED on the sink. Throws CallError when malformed.
   */
  subscribe(call: Call, sink: FrameworkSink): { frameworkId: string; streamId: string } {
    validateSubscribe(call);
    const info = call.subscribe!.framework_info!;
    const now = nowSeconds(this.clock);
    const requestedId = idOf(info.id) || idOf(call.framework_id);
    const roles = info.roles && info.roles.length > 0 ? [...info.roles] : [info.role || '*'];
    const suppressed = call.subscribe?.suppressed_roles ?? [];
    const streamId = newId();
    let fw = requestedId ? this.frameworks.get(requestedId) : undefined;
    if (requestedId && !fw && this.completedFrameworks.some((f) => f.id === requestedId)) {
      throw failedPrecondition(`framework ${requestedId} was removed (torn down or failover timeout passed); subscribe without an id`);
    }
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
      this.allocator.updateFramework(fw.id, { roles, suppressedRoles: suppressed, active: true });
      this.log.info('framework resubscribed', { framework: fw.id, name: info.name });
      void this.persist(putFramework(fw.id, fw.info, fw.registeredTime));
      this.events.publish({ type: 'FRAMEWORK_UPDATED', frameworkId: fw.id, name: info.name ?? '' });
    } else {
      const id = requestedId || newId();
      fw = {
        id,
        info: { ...info, id: { value: id } },
        roles,
        connected: false,
        active: false,
        recovered: false,
        registeredTime: now,
        offers: new Set(),
        tasks: new Map(),
        completedTasks: [],
        recentDeclines: [],
        suppressedRoles: new Set(suppressed),
      };
      this.frameworks.set(id, fw);
      this.allocator.addFramework(id, { roles, suppressedRoles: suppressed, active: true });
      this.metrics.frameworksSubscribed++;
      void this.persist(putFramework(id, fw.info, now));
      this.log.info('framework subscribed', { framework: id, name: info.name, roles: roles.join(',') });
      this.events.publish({ type: 'FRAMEWORK_ADDED', frameworkId: id, name: info.name ?? '' });
    }
    fw.sink = sink;
    fw.streamId = streamId;
    fw.connected = true;
    fw.active = true;
    fw.suppressedRoles = new Set(suppressed);
    this.allocator.activateFramework(fw.id);
    sink.send({
      type: EventType.SUBSCRIBED,
      subscribed: {
        framework_id: { value: fw.id },
        heartbeat_interval_seconds: this.config.frameworkHeartbeatSeconds,
        master_info: this.info,
        stream_id: streamId,
      },
    });
    // Ask agents to resend what this framework has not acknowledged yet.
    this.requestPendingUpdates(fw);
    this.scheduleAllocation();
    return { frameworkId: fw.id, streamId };
  }

  /** The framework's stream ended. A no-op if a newer stream replaced it. */
  frameworkDisconnected(frameworkId: string, streamId: string): void {
    const fw = this.frameworks.get(frameworkId);
    if (!fw || fw.streamId !== streamId || !fw.connected) return;
    fw.connected = false;
    fw.active = false;
    fw.sink = undefined;
    fw.unregisteredTime = nowSeconds(this.clock);
    this.allocator.deactivateFramework(fw.id);
    this.offerBook.rescindAllOf(fw);
    const timeout = fw.info.failover_timeout ?? 0;
    this.log.info('framework disconnected', { framework: fw.id, failover_timeout: timeout });
    this.events.publish({ type: 'FRAMEWORK_UPDATED', frameworkId: fw.id, name: fw.info.name ?? '' });
    if (timeout <= 0) {
      this.removeFramework(fw, 'framework disconnected with failover_timeout 0');
      return;
    }
    fw.failoverDeadline = nowSeconds(this.clock) + timeout;
    fw.failoverTimer = this.clock.after(secondsToMs(timeout), () => {
      if (!fw.connected && this.frameworks.get(fw.id) === fw) {
        this.removeFramework(fw, `failover timeout of ${timeout}s passed`);
      }
    });
  }

  /** Handle any non-SUBSCRIBE call. Throws CallError for bad calls. */
  handleCall(call: Call): void {
    validateCall(call);
    const fid = idOf(call.framework_id);
    const fw = this.frameworks.get(fid);
    if (!fw) throw notFound(`framework_id: framework ${fid} is not subscribed (it may have been removed)`);
    if (!fw.connected) throw failedPrecondition(`framework ${fid} is not connected: subscribe first`);
    if (call.stream_id && call.stream_id !== fw.streamId) {
      throw failedPrecondition(`stream_id: ${call.stream_id} is not the framework's current subscription`);
    }
    this.metrics.countCall(enumName(pb.Call.Type, call.type));
    switch (call.type) {
      case CallType.ACCEPT:
        return this.accept(fw, call);
      case CallType.DECLINE:
        return this.decline(fw, call);
      case CallType.REVIVE:
        for (const r of call.revive?.roles ?? []) fw.suppressedRoles.delete(r);
        if ((call.revive?.roles ?? []).length === 0) fw.suppressedRoles.clear();
        this.allocator.reviveOffers(fw.id, call.revive?.roles ?? []);
        this.scheduleAllocation();
        return;
      case CallType.SUPPRESS: {
        const roles = call.suppress?.roles ?? [];
        for (const r of roles.length > 0 ? roles : fw.roles) fw.suppressedRoles.add(r);
        this.allocator.suppressOffers(fw.id, roles);
        return;
      }
      case CallType.KILL:
        return this.kill(fw, idOf(call.kill!.task_id), idOf(call.kill!.agent_id), call.kill!.kill_policy ?? undefined);
      case CallType.ACKNOWLEDGE:
        return this.acknowledge(fw, call);
      case CallType.RECONCILE:
        return this.reconcile(fw, call);
      case CallType.MESSAGE: {
        const agent = this.agents.get(idOf(call.message!.agent_id));
        if (!agent || !agent.sink) throw notFound(`message.agent_id: agent ${idOf(call.message!.agent_id)} is not connected`);
        agent.sink.send({ messages: [{ framework_id: { value: fw.id }, executor_id: call.message!.executor_id, data: call.message!.data }] });
        return;
      }
      case CallType.SHUTDOWN: {
        const agent = this.agents.get(idOf(call.shutdown!.agent_id));
        if (!agent) throw notFound(`shutdown.agent_id: agent ${idOf(call.shutdown!.agent_id)} is unknown`);
        const executorId = idOf(call.shutdown!.executor_id);
        for (const t of fw.tasks.values()) {
          if (t.agentId === agent.id && (!executorId || idOf(t.task.executor_id) === executorId)) this.kill(fw, t.taskId, agent.id);
        }
        return;
      }
      case CallType.TEARDOWN:
        this.removeFramework(fw, TEARDOWN_REASON);
        return;
    }
  }

  private accept(fw: FrameworkRecord, call: Call): void {
    const accept = call.accept!;
    const offerIds = accept.offer_ids!.map((o) => idOf(o));
    const plan = planAccept(
      {
        frameworkId: fw.id,
        lookupOffer: (id) => this.offerBook.get(id),
        isLiveTask: (taskId) => fw.tasks.has(taskId),
      },
      offerIds,
      accept.operations ?? [],
    );
    for (const r of plan.refused) {
      this.metrics.tasksRefused++;
      this.sendMasterUpdate(fw, r.task, r.state, r.reason, r.message, plan.agentId || idOf(r.task.agent_id));
    }
    if (plan.offerError) {
      this.log.warn('accept refused', { framework: fw.id, problem: plan.offerError });
      return;
    }
    const agent = this.agents.get(plan.agentId);
    const role = plan.offers[0]?.role ?? fw.roles[0];
    for (const o of plan.offers) this.offerBook.remove(o.id);
    for (const launch of plan.launches) {
      if (!agent || agent.status !== 'ACTIVE' || !agent.sink) {
        for (const t of launch.tasks) {
          this.sendMasterUpdate(fw, t, TaskState.TASK_DROPPED, Reason.REASON_AGENT_DISCONNECTED, `Task dropped: agent ${plan.agentId} is not connected`, plan.agentId);
        }
        this.allocator.recoverResources(fw.id, plan.agentId, allocateTo(launch.resources, role));
        continue;
      }
      for (const t of launch.tasks) this.addTask(fw, agent, t);
      agent.sink.send({
        run: [
          launch.group
            ? { framework: fw.info, executor: launch.executor, task_group: { tasks: launch.tasks.map((t) => ({ ...t, agent_id: { value: agent.id } })) } }
            : { framework: fw.info, task: { ...launch.tasks[0], agent_id: { value: agent.id } } },
        ],
      });
      this.metrics.tasksLaunched += launch.tasks.length;
    }
    if (plan.unused.length > 0) {
      this.allocator.recoverResources(fw.id, plan.agentId, allocateTo(plan.unused, role), {
        refuseSeconds: accept.filters?.refuse_seconds ?? 5,
      });
    }
    this.scheduleAllocation();
  }

  private decline(fw: FrameworkRecord, call: Call): void {
    const refuseSeconds = call.decline!.filters?.refuse_seconds ?? 5;
    const refusals = call.decline!.refusals ?? [];
    for (const o of call.decline!.offer_ids!) {
      const offer = this.offerBook.get(idOf(o));
      // Declining an offer that is gone is harmless (it raced a rescind).
      if (!offer || offer.frameworkId !== fw.id) continue;
      this.offerBook.remove(offer.id);
      this.allocator.recoverResources(fw.id, offer.agentId, allocateTo(offer.resources, offer.role), { refuseSeconds });
      this.recordDecline(fw, offer, refuseSeconds, refusals);
      this.metrics.offersDeclined++;
    }
    this.scheduleAllocation();
  }

  private recordDecline(fw: FrameworkRecord, offer: OfferRecord, refuseSeconds: number, refusals: InsufficientResource[]): void {
    fw.recentDeclines.push({
      offer_id: { value: offer.id },
      agent_id: { value: offer.agentId },
      timestamp: nowSeconds(this.clock),
      refuse_seconds: refuseSeconds,
      refusals,
    });
    if (this.events.active) {
      this.events.publish({ type: 'DECLINE', frameworkId: fw.id, agentId: offer.agentId, refusals: refusals.map((r) => r.message ?? '') });
    }
    if (fw.recentDeclines.length > MAX_DECLINES_KEPT) fw.recentDeclines.splice(0, fw.recentDeclines.length - MAX_DECLINES_KEPT);
  }

  private kill(fw: FrameworkRecord, taskId: string, agentIdHint: string, killPolicy?: Task['kill_policy']): void {
    const task = fw.tasks.get(taskId);
    if (!task) {
      // Unknown task: tell the framework so it does not wait forever.
      const completed = fw.completedTasks.find((t) => t.taskId === taskId);
      const state = completed?.latest?.state ?? (this.isPartitionAware(fw) ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST);
      this.sendToFramework(fw, {
        task_id: { value: taskId },
        agent_id: agentIdHint ? { value: agentIdHint } : undefined,
        state,
        source: Source.SOURCE_MASTER,
        reason: Reason.REASON_RECONCILIATION,
        message: completed ? 'Task already ended' : `Kill of unknown task ${taskId}`,
        timestamp: nowSeconds(this.clock),
      });
      return;
    }
    const agent = this.agents.get(task.agentId);
    if (!agent || !agent.sink || agent.status !== 'ACTIVE') {
      this.log.warn('kill deferred: agent not connected', { framework: fw.id, task: taskId, agent: task.agentId });
      // It will be killed when the agent comes back (see reregister), as Mesos does.
      (task as TaskRecord & { killRequested?: boolean }).killRequested = true;
      return;
    }
    agent.sink.send({ kill: [{ framework_id: { value: fw.id }, task_id: { value: taskId }, kill_policy: killPolicy ?? task.task.kill_policy }] });
  }

  private acknowledge(fw: FrameworkRecord, call: Call): void {
    const acks = [...(call.acknowledge ? [call.acknowledge] : []), ...(call.acknowledgements ?? [])];
    const perAgent = new Map<string, Array<{ framework_id: { value: string }; task_id: { value: string }; uuid: Uint8Array }>>();
    for (const a of acks) {
      const agentId = idOf(a.agent_id);
      let list = perAgent.get(agentId);
      if (!list) perAgent.set(agentId, (list = []));
      list.push({ framework_id: { value: fw.id }, task_id: { value: idOf(a.task_id) }, uuid: a.uuid! });
    }
    for (const [agentId, list] of perAgent) {
      const agent = this.agents.get(agentId);
      // An ack for a disconnected agent is dropped; the agent resends and the
      // SDK acknowledges again.
      if (agent?.sink) agent.sink.send({ acknowledgements: list });
    }
    this.metrics.acknowledgements += acks.length;
  }

  private reconcile(fw: FrameworkRecord, call: Call): void {
    const answers = reconciliationAnswers(
      {
        partitionAware: this.isPartitionAware(fw),
        liveTask: (id) => fw.tasks.get(id),
        completedTask: (id) => [...fw.completedTasks].reverse().find((t) => t.taskId === id),
        liveTasks: () => fw.tasks.values(),
        agentStatus: (id) => this.agents.get(id)?.status,
      },
      call.reconcile?.tasks ?? [],
      nowSeconds(this.clock),
    );
    for (const status of answers) this.sendToFramework(fw, status);
  }

  private isPartitionAware(fw: FrameworkRecord): boolean {
    return (fw.info.capabilities ?? []).some((c) => c.type === pb.FrameworkInfo.Capability.Type.PARTITION_AWARE);
  }

  /** Remove a framework: kill its tasks, rescind its offers, forget it. */
  removeFramework(fw: FrameworkRecord, why: string): void {
    if (this.frameworks.get(fw.id) !== fw) return;
    this.log.info('framework removed', { framework: fw.id, why });
    fw.failoverTimer?.cancel();
    this.offerBook.rescindAllOf(fw);
    for (const agent of this.agents.values()) {
      if (agent.sink && [...agent.tasks.values()].some((t) => t.frameworkId === fw.id)) {
        agent.sink.send({ shutdown_frameworks: [{ framework_id: { value: fw.id } }] });
      }
    }
    for (const t of [...fw.tasks.values()]) {
      this.finishTask(t, {
        task_id: { value: t.taskId }, agent_id: { value: t.agentId }, state: TaskState.TASK_KILLED,
        source: Source.SOURCE_MASTER, reason: Reason.REASON_FRAMEWORK_REMOVED, message: `Framework removed: ${why}`, timestamp: nowSeconds(this.clock),
      });
    }
    fw.connected = false;
    fw.active = false;
    fw.unregisteredTime = nowSeconds(this.clock);
    // A framework that asked for TEARDOWN gets its stream closed, not an error.
    fw.sink?.close(why === TEARDOWN_REASON ? undefined : `Framework removed: ${why}`);
    fw.sink = undefined;
    void this.persist(forgetFramework(fw.id));
    this.allocator.removeFramework(fw.id);
    this.frameworks.delete(fw.id);
    this.completedFrameworks.push(fw);
    this.events.publish({ type: 'FRAMEWORK_REMOVED', frameworkId: fw.id, name: fw.info.name ?? '' });
    if (this.completedFrameworks.length > 100) this.completedFrameworks.shift();
    this.scheduleAllocation();
  }

  // ---------------------------------------------------------------- agents

  /**
   * A new agent link. Returns the handler for what the agent sends and a
   * close callback for when the stream ends.
   */
  agentLinkOpened(sink: AgentSink): { onMessage(msg: AgentToMaster): void; onClose(): void } {
    const linkId = this.nextLinkId++;
    let agentId: string | undefined;
    return {
      onMessage: (msg) => {
        if (msg.register) {
          agentId = this.registerAgent(msg.register, sink, linkId);
          return;
        }
        if (!agentId) {
          sink.send({ error: { message: 'register first: the first message on the link must be register', shutdown: false } });
          return;
        }
        const agent = this.agents.get(agentId);
        if (!agent || agent.linkId !== linkId) return;
        agent.lastSeen = nowSeconds(this.clock);
        for (const u of msg.updates ?? []) this.statusUpdate(agent, u);
        for (const m of msg.messages ?? []) {
          const fw = this.frameworks.get(idOf(m.framework_id));
          fw?.sink?.send({ type: EventType.MESSAGE, message: { agent_id: { value: agent.id }, executor_id: m.executor_id, data: m.data } });
        }
      },
      onClose: () => {
        if (agentId) this.agentDisconnected(agentId, linkId);
      },
    };
  }

  private registerAgent(reg: NonNullable<AgentToMaster['register']>, sink: AgentSink, linkId: number): string | undefined {
    const info: AgentInfo = reg.agent_info ?? {};
    const now = nowSeconds(this.clock);
    const requestedId = idOf(info.id);
    const total = normalize(info.resources ?? []);
    let agent = requestedId ? this.agents.get(requestedId) : undefined;
    if (agent?.status === 'GONE') {
      this.log.warn('refused re-registration of a gone agent', { agent: requestedId });
      sink.send({ error: { message: `agent ${requestedId} was removed as gone; register as a new agent`, shutdown: true } });
      return undefined;
    }
    if (agent?.recovered) {
      // Known from the registry after a failover: rebuild it from what it reports.
      agent.recovered = false;
      agent.deadline = undefined;
      agent.removalTimer?.cancel();
      agent.removalTimer = undefined;
      agent.sink = sink;
      agent.linkId = linkId;
      agent.info = { ...info, id: { value: agent.id } };
      agent.total = total;
      agent.status = 'ACTIVE';
      agent.reregisteredTime = now;
      agent.unreachableTime = undefined;
      agent.lastSeen = now;
      agent.version = reg.version ?? '';
      const used = this.adoptAgentTasks(agent, reg.tasks ?? [], reg.frameworks ?? []);
      this.allocator.addAgent(agent.id, { hostname: info.hostname ?? '', total, used, active: true });
      this.log.info('agent re-registered after master failover', { agent: agent.id, hostname: info.hostname, tasks: agent.tasks.size });
    } else if (agent) {
      // Re-registration of an agent we know.
      agent.sink?.close();
      agent.removalTimer?.cancel();
      agent.removalTimer = undefined;
      const wasUnreachable = agent.status === 'UNREACHABLE';
      agent.sink = sink;
      agent.linkId = linkId;
      agent.info = { ...info, id: { value: agent.id } };
      agent.status = 'ACTIVE';
      agent.reregisteredTime = now;
      agent.unreachableTime = undefined;
      agent.lastSeen = now;
      agent.version = reg.version ?? agent.version;
      this.reconcileAgentTasks(agent, reg.tasks ?? [], reg.frameworks ?? [], wasUnreachable);
      this.allocator.activateAgent(agent.id);
      this.log.info('agent re-registered', { agent: agent.id, hostname: info.hostname, was: wasUnreachable ? 'unreachable' : 'disconnected' });
    } else {
      const id = requestedId || newId();
      agent = {
        id,
        info: { ...info, id: { value: id } },
        total,
        status: 'ACTIVE',
        sink,
        linkId,
        registeredTime: now,
        lastSeen: now,
        version: reg.version ?? '',
        offers: new Set(),
        tasks: new Map(),
      };
      if (requestedId) agent.reregisteredTime = now;
      this.agents.set(id, agent);
      if (!requestedId) this.replaceAgentsAt(agent);
      const used = this.adoptAgentTasks(agent, reg.tasks ?? [], reg.frameworks ?? []);
      this.allocator.addAgent(id, { hostname: info.hostname ?? '', total, used, active: true });
      this.metrics.agentsRegistered++;
      this.log.info(requestedId ? 'agent re-registered (unknown to this master, adopted)' : 'agent registered', {
        agent: id, hostname: info.hostname, resources: total.length,
      });
    }
    const registered = agent;
    const answer = (): void => {
      if (registered.linkId !== linkId || registered.sink !== sink) return;
      sink.send({
        registered: { agent_id: { value: registered.id }, heartbeat_interval_seconds: this.config.agentPingTimeoutSeconds, master_info: this.info },
      });
    };
    // The agent hears it is registered only once its admission is durable.
    if (this.registrar) void this.persist(admitAgent(agent.id, agent.info, now)).then(answer);
    else answer();
    this.broadcastAgentChange(agent, requestedId ? 'AGENT_UPDATED' : 'AGENT_ADDED');
    this.scheduleAllocation();
    return agent.id;
  }

  /** Tasks an unknown agent reports (master restarted): rebuild them. */
  private adoptAgentTasks(agent: AgentRecord, tasks: Task[], frameworks: FrameworkInfo[]): Map<string, Resource[]> {
    const used = new Map<string, Resource[]>();
    for (const t of tasks) {
      if (isTerminal(t.state)) continue;
      const fid = idOf(t.framework_id);
      let fw = this.frameworks.get(fid);
      if (!fw) {
        const info = frameworks.find((f) => idOf(f.id) === fid) ?? { id: { value: fid }, name: '(recovered)' };
        fw = this.recoveredFramework(fid, info);
      }
      const record = this.trackTask(fw, agent, t);
      used.set(fid, [...(used.get(fid) ?? []), ...allocateTo(record.resources, fw.roles[0])]);
    }
    return used;
  }

  private recoveredFramework(id: string, info: FrameworkInfo): FrameworkRecord {
    const roles = info.roles && info.roles.length > 0 ? [...info.roles] : [info.role || '*'];
    const fw: FrameworkRecord = {
      id, info: { ...info, id: { value: id } }, roles, connected: false, active: false, recovered: true,
      registeredTime: nowSeconds(this.clock), offers: new Set(), tasks: new Map(), completedTasks: [], recentDeclines: [], suppressedRoles: new Set(),
    };
    this.frameworks.set(id, fw);
    this.allocator.addFramework(id, { roles, active: false });
    return fw;
  }

  /**
   * A known agent came back. Tasks it reports keep (or regain) their state;
   * tasks we thought it ran but it does not report are lost.
   */
  private reconcileAgentTasks(agent: AgentRecord, reported: Task[], frameworks: FrameworkInfo[], wasUnreachable: boolean): void {
    const seen = new Set<string>();
    for (const t of reported) {
      const fid = idOf(t.framework_id);
      const tid = idOf(t.task_id);
      const key = taskKey(fid, tid);
      seen.add(key);
      const known = agent.tasks.get(key);
      if (!known) {
        if (isTerminal(t.state)) continue;
        let fw = this.frameworks.get(fid);
        if (!fw) fw = this.recoveredFramework(fid, frameworks.find((f) => idOf(f.id) === fid) ?? { id: { value: fid }, name: '(recovered)' });
        this.trackTask(fw, agent, t);
        // The allocator learns what an agent uses only when it is added, so
        // re-add the agent with the adopted task accounted for.
        this.allocator.removeAgent(agent.id);
        this.allocator.addAgent(agent.id, { hostname: agent.info.hostname ?? '', total: agent.total, used: this.usedOn(agent), active: false });
        continue;
      }
      // The agent's word is the task's state again (it was unreachable meanwhile).
      if (!isTerminal(known.task.state) && t.state !== null && t.state !== undefined && !isTerminal(t.state)) {
        known.task.state = t.state;
        this.publishTaskUpdate(known);
      }
      if (wasUnreachable && !isTerminal(t.state)) {
        // Tell the framework the task is back. A task that ended meanwhile is
        // told by the agent's own (resent, acknowledged) updates, in order.
        const fw = this.frameworks.get(fid);
        if (fw) {
          this.sendToFramework(fw, {
            task_id: { value: tid }, agent_id: { value: agent.id }, state: t.state ?? TaskState.TASK_RUNNING,
            source: Source.SOURCE_MASTER, reason: Reason.REASON_RECONCILIATION, message: 'Agent re-registered; task is back', timestamp: nowSeconds(this.clock),
          });
        }
      }
      if ((known as TaskRecord & { killRequested?: boolean }).killRequested && agent.sink) {
        agent.sink.send({ kill: [{ framework_id: { value: fid }, task_id: { value: tid } }] });
      }
    }
    for (const [key, t] of [...agent.tasks]) {
      if (seen.has(key)) continue;
      // The agent does not know this task: it never started or the agent lost it.
      const fw = this.frameworks.get(t.frameworkId);
      const state = fw && this.isPartitionAware(fw) ? TaskState.TASK_GONE : TaskState.TASK_LOST;
      // A task launched moments ago may still be in flight to the agent; only
      // tasks older than a few seconds are judged missing.
      const age = nowSeconds(this.clock) - (t.statuses[0]?.timestamp ?? 0);
      if (t.latest === undefined && age < 5) continue;
      this.finishTask(t, {
        task_id: { value: t.taskId }, agent_id: { value: agent.id }, state,
        source: Source.SOURCE_MASTER, reason: Reason.REASON_AGENT_RESTARTED, message: 'Agent re-registered without this task', timestamp: nowSeconds(this.clock),
      });
    }
  }

  private usedOn(agent: AgentRecord): Map<string, Resource[]> {
    const used = new Map<string, Resource[]>();
    for (const t of agent.tasks.values()) {
      const fw = this.frameworks.get(t.frameworkId);
      used.set(t.frameworkId, [...(used.get(t.frameworkId) ?? []), ...allocateTo(t.resources, fw?.roles[0] ?? '*')]);
    }
    return used;
  }

  private agentDisconnected(agentId: string, linkId: number): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.linkId !== linkId || agent.status !== 'ACTIVE') return;
    agent.status = 'DISCONNECTED';
    agent.sink = undefined;
    this.allocator.deactivateAgent(agent.id);
    this.offerBook.rescindAllOn(agent);
    this.log.warn('agent disconnected', { agent: agent.id, hostname: agent.info.hostname });
    this.broadcastAgentChange(agent, 'AGENT_UPDATED');
  }

  private pingAgents(): void {
    const now = nowSeconds(this.clock);
    for (const agent of this.agents.values()) {
      if (agent.status === 'ACTIVE' && agent.sink) agent.sink.send({ heartbeat: { timestamp: now } });
    }
  }

  /** Mark silent agents unreachable, as Mesos does after max ping timeouts. */
  private checkAgentHealth(): void {
    const now = nowSeconds(this.clock);
    const limit = this.config.agentPingTimeoutSeconds * this.config.maxAgentPingTimeouts;
    for (const agent of this.agents.values()) {
      if (agent.status !== 'ACTIVE' && agent.status !== 'DISCONNECTED') continue;
      if (agent.deadline !== undefined) {
        if (now > agent.deadline) this.markUnreachable(agent, `did not re-register within ${this.config.agentReregisterTimeoutSeconds}s of the master failover`);
      } else if (now - agent.lastSeen > limit) {
        this.markUnreachable(agent, `no word from the agent for ${Math.round(now - agent.lastSeen)}s`);
      }
    }
  }

  private markUnreachable(agent: AgentRecord, why: string): void {
    this.log.warn('agent unreachable', { agent: agent.id, hostname: agent.info.hostname, why });
    agent.sink?.close();
    agent.sink = undefined;
    agent.status = 'UNREACHABLE';
    agent.unreachableTime = nowSeconds(this.clock);
    agent.deadline = undefined;
    void this.persist(markAgentUnreachable(agent.id, agent.unreachableTime));
    if (!agent.recovered) this.allocator.deactivateAgent(agent.id);
    this.offerBook.rescindAllOn(agent);
    this.metrics.agentsUnreachable++;
    for (const t of agent.tasks.values()) {
      // The task stays tracked (the agent may come back with it) but shows as unreachable.
      const status: TaskStatus = {
        task_id: { value: t.taskId }, agent_id: { value: agent.id }, state: TaskState.TASK_UNREACHABLE,
        source: Source.SOURCE_MASTER, reason: Reason.REASON_AGENT_DISCONNECTED,
        message: `Agent ${agent.info.hostname ?? agent.id} is unreachable: ${why}`, timestamp: nowSeconds(this.clock),
      };
      t.task.state = TaskState.TASK_UNREACHABLE;
      t.statuses.push(status);
      this.publishTaskUpdate(t);
      const fw = this.frameworks.get(t.frameworkId);
      if (!fw) continue;
      this.sendToFramework(fw, this.isPartitionAware(fw) ? status : { ...status, state: TaskState.TASK_LOST });
    }
    for (const fw of this.frameworks.values()) {
      if (fw.sink) fw.sink.send({ type: EventType.FAILURE, failure: { agent_id: { value: agent.id } } });
    }
    agent.removalTimer = this.clock.after(secondsToMs(this.config.agentRemovalTimeoutSeconds), () => this.markGone(agent));
    this.broadcastAgentChange(agent, 'AGENT_UPDATED');
  }

  private markGone(agent: AgentRecord): void {
    if (agent.status === 'GONE') return;
    this.log.warn('agent gone', { agent: agent.id, hostname: agent.info.hostname });
    agent.removalTimer?.cancel();
    agent.status = 'GONE';
    void this.persist(markAgentGone(agent.id, nowSeconds(this.clock)));
    for (const t of [...agent.tasks.values()]) {
      const fw = this.frameworks.get(t.frameworkId);
      this.finishTask(t, {
        task_id: { value: t.taskId }, agent_id: { value: agent.id },
        state: fw && this.isPartitionAware(fw) ? TaskState.TASK_GONE : TaskState.TASK_LOST,
        source: Source.SOURCE_MASTER, reason: Reason.REASON_AGENT_REMOVED,
        message: `Agent ${agent.info.hostname ?? agent.id} was removed after being unreachable for ${this.config.agentRemovalTimeoutSeconds}s`,
        timestamp: nowSeconds(this.clock),
      });
    }
    this.allocator.removeAgent(agent.id);
    this.broadcastAgentChange(agent, 'AGENT_REMOVED');
  }

  /**
   * A new agent registered at the address of an agent we know (restarted
   * with another resource set or a wiped work dir): the old one will never
   * come back, so it is gone now and its tasks are reported so.
   */
  private replaceAgentsAt(fresh: AgentRecord): void {
    const address = (a: AgentRecord): string => `${a.info.ip || a.info.hostname}:${a.info.port}`;
    for (const old of this.agents.values()) {
      if (old === fresh || old.status === 'GONE' || address(old) !== address(fresh)) continue;
      if (old.status === 'ACTIVE' && old.sink) continue; // two live agents may share an address in tests
      this.log.warn('agent replaced by a new agent at the same address', { old: old.id, new: fresh.id, address: address(fresh) });
      old.sink?.close();
      old.sink = undefined;
      if (!old.recovered && old.status !== 'UNREACHABLE') this.allocator.deactivateAgent(old.id);
      this.offerBook.rescindAllOn(old);
      this.markGone(old);
    }
  }

  private broadcastAgentChange(agent: AgentRecord, type: 'AGENT_ADDED' | 'AGENT_UPDATED' | 'AGENT_REMOVED'): void {
    this.metrics.agentChanges++;
    this.events.publish({ type, agentId: agent.id, status: agent.status, hostname: agent.info.hostname ?? '' });
  }

  // ---------------------------------------------------------------- tasks

  private addTask(fw: FrameworkRecord, agent: AgentRecord, info: TaskInfo): TaskRecord {
    const task: Task = {
      name: info.name ?? '',
      task_id: info.task_id,
      framework_id: { value: fw.id },
      executor_id: info.executor?.executor_id ?? undefined,
      agent_id: { value: agent.id },
      state: TaskState.TASK_STAGING,
      resources: unallocate(normalize(info.resources ?? [])),
      labels: info.labels ?? undefined,
      container: info.container ?? undefined,
      health_check: info.health_check ?? undefined,
      kill_policy: info.kill_policy ?? undefined,
      command: info.command ?? undefined,
      user: info.command?.user || fw.info.user || undefined,
    };
    const record = this.trackTask(fw, agent, task);
    record.statuses.push({ task_id: info.task_id, state: TaskState.TASK_STAGING, timestamp: nowSeconds(this.clock), source: Source.SOURCE_MASTER });
    if (this.events.active) {
      this.events.publish({ type: 'TASK_ADDED', frameworkId: fw.id, taskId: record.taskId, agentId: agent.id, state: 'TASK_STAGING' });
    }
    return record;
  }

  private trackTask(fw: FrameworkRecord, agent: AgentRecord, task: Task): TaskRecord {
    const taskId = idOf(task.task_id);
    const record: TaskRecord = {
      task: { ...task, agent_id: { value: agent.id }, framework_id: { value: fw.id } },
      frameworkId: fw.id,
      agentId: agent.id,
      taskId,
      resources: unallocate(normalize(task.resources ?? [])),
      statuses: [...(task.statuses ?? [])],
      latest: task.statuses && task.statuses.length > 0 ? task.statuses[task.statuses.length - 1] : undefined,
    };
    fw.tasks.set(taskId, record);
    agent.tasks.set(taskKey(fw.id, taskId), record);
    return record;
  }

  /** A status update from an agent: record it, free resources on a terminal state, forward it. */
  private statusUpdate(agent: AgentRecord, update: StatusUpdate): void {
    const status = update.status;
    if (!status) return;
    const fid = idOf(update.framework_id);
    const tid = idOf(status.task_id);
    this.metrics.statusUpdates++;
    const fw = this.frameworks.get(fid);
    const record = agent.tasks.get(taskKey(fid, tid)) ?? fw?.completedTasks.find((t) => t.taskId === tid && t.agentId === agent.id);
    if (record) {
      if (!isTerminal(record.task.state) || isTerminal(status.state)) {
        record.task.state = status.state ?? record.task.state;
      }
      record.latest = status;
      record.task.status_update_state = status.state;
      record.task.status_update_uuid = status.uuid;
      record.statuses.push(status);
      if (record.statuses.length > this.config.maxStatusesPerTask) record.statuses.splice(1, 1);
      if (isTerminal(status.state) && agent.tasks.has(taskKey(fid, tid))) this.releaseTask(record);
      this.publishTaskUpdate(record);
    }
    if (fw) this.sendToFramework(fw, { ...status, agent_id: { value: agent.id } });
    else if (this.completedFrameworks.some((f) => f.id === fid)) {
      // The framework was removed: nobody will acknowledge, so the agent must let its tasks go.
      agent.sink?.send({ shutdown_frameworks: [{ framework_id: { value: fid } }] });
    }
    // With no framework connected the update is not acknowledged, so the
    // agent keeps it and resends: nothing is lost.
  }

  /** Forget a live task and recover its resources (no update sent). */
  private releaseTask(record: TaskRecord): void {
    const fw = this.frameworks.get(record.frameworkId);
    const agent = this.agents.get(record.agentId);
    agent?.tasks.delete(taskKey(record.frameworkId, record.taskId));
    if (fw && fw.tasks.get(record.taskId) === record) {
      fw.tasks.delete(record.taskId);
      fw.completedTasks.push(record);
      if (fw.completedTasks.length > this.config.maxCompletedTasksPerFramework) fw.completedTasks.shift();
    }
    if (isTerminal(record.task.state)) {
      if (record.task.state === TaskState.TASK_FINISHED) this.metrics.tasksFinished++;
      else if (record.task.state === TaskState.TASK_FAILED) this.metrics.tasksFailed++;
      else if (record.task.state === TaskState.TASK_KILLED) this.metrics.tasksKilled++;
      else this.metrics.tasksLost++;
    }
    if (agent && agent.status !== 'GONE') {
      this.allocator.recoverResources(record.frameworkId, record.agentId, allocateTo(record.resources, fw?.roles[0] ?? '*'));
      this.scheduleAllocation();
    }
  }

  /** End a task with a master-generated terminal status and tell its framework. */
  private finishTask(record: TaskRecord, status: TaskStatus): void {
    record.task.state = status.state;
    record.latest = status;
    record.statuses.push(status);
    this.releaseTask(record);
    this.publishTaskUpdate(record);
    const fw = this.frameworks.get(record.frameworkId);
    if (fw) this.sendToFramework(fw, status);
  }

  private publishTaskUpdate(record: TaskRecord): void {
    if (!this.events.active) return;
    this.events.publish({
      type: 'TASK_UPDATED', frameworkId: record.frameworkId, taskId: record.taskId, agentId: record.agentId,
      state: enumName(pb.TaskState, record.task.state), message: record.latest?.message ?? undefined,
    });
  }

  /** A refusal the master makes itself (TASK_ERROR, TASK_DROPPED): no uuid, no ack. */
  private sendMasterUpdate(fw: FrameworkRecord, task: TaskInfo, state: TaskState, reason: number, message: string, agentId: string): void {
    this.log.info('task refused', { framework: fw.id, task: idOf(task.task_id), state: enumName(pb.TaskState, state), message });
    this.sendToFramework(fw, {
      task_id: task.task_id ?? { value: '' },
      agent_id: agentId ? { value: agentId } : undefined,
      state,
      reason,
      source: Source.SOURCE_MASTER,
      message,
      timestamp: nowSeconds(this.clock),
    });
  }

  private sendToFramework(fw: FrameworkRecord, status: TaskStatus): void {
    fw.sink?.send({ type: EventType.UPDATE, update: { status } });
  }

  /**
   * Ask agents to resend this framework's unacknowledged updates now. Every
   * connected agent is asked: an update may be pending for a task the master
   * already counts as finished.
   */
  private requestPendingUpdates(fw: FrameworkRecord): void {
    for (const agent of this.agents.values()) agent.sink?.send({ reconcile: [{ framework_id: { value: fw.id } }] });
  }

  // ---------------------------------------------------------------- offers

  /** Run an allocation pass soon (coalesced within the tick). */
  scheduleAllocation(): void {
    if (this.allocationScheduled || this.stopped) return;
    this.allocationScheduled = true;
    setImmediate(() => {
      this.allocationScheduled = false;
      this.runAllocation();
    });
  }

  /** Run an allocation pass now and send the offers it decides on. */
  runAllocation(): void {
    if (this.stopped) return;
    const started = process.hrtime.bigint();
    const allocations = this.allocator.allocate(nowSeconds(this.clock));
    this.metrics.allocationRuns++;
    this.metrics.lastAllocationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (allocations.length > 0) this.offerBook.offer(allocations);
    const next = this.allocator.nextFilterExpiry();
    this.filterTimer?.cancel();
    this.filterTimer = undefined;
    if (next !== undefined) {
      this.filterTimer = this.clock.after(secondsToMs(Math.max(0.01, next - nowSeconds(this.clock))), () => this.runAllocation());
    }
  }

  private heartbeatFrameworks(): void {
    for (const fw of this.frameworks.values()) fw.sink?.send({ type: EventType.HEARTBEAT });
  }

  /** The allocator, for the state view (shares). */
  get allocatorView(): Pick<Allocator, 'frameworkShare' | 'roleShare'> {
    return this.allocator;
  }

  /** The event that would be sent: exposed for tests of the batching layer. */
  static eventName(e: Event): string {
    return enumName(pb.Event.Type, e.type);
  }
}
