/**
 * Agent lifecycle: registration and re-registration, heartbeats and health,
 * unreachable, gone, and agents replaced by a new one at their address.
 *
 * Registry first: an agent hears `registered`, and frameworks hear
 * TASK_UNREACHABLE or TASK_GONE, only once the registry write that makes
 * the transition durable has committed. While "mark unreachable" is in
 * flight, a re-registration of that agent cancels it (Mesos's
 * `markingUnreachable`): the agent stays active and no TASK_UNREACHABLE is
 * sent. A failed write is logged with the agent's id; a registering agent
 * gets an error it retries on.
 */
import type { AgentInfo, AgentToMaster, FrameworkInfo, Resource, Task, TaskStatus } from '@meseta/proto/wire';
import { EventType, Reason, Source, TaskState } from '@meseta/proto/wire';
import { allocate as allocateTo } from '@meseta/proto/resources';
import { applyStoredReservations, persistReservations, type ReservedTotal } from './agent-reservations';
import { withVolumes } from './agent-volumes';
import { idOf, newId } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import { type TimerHandle, nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import type { AgentRecord, AgentSink, FrameworkRecord } from './state';
import { taskKey } from './state';
import { type MasterContext, isPartitionAware, sendToFramework } from './master-context';
import type { MasterTaskBook } from './task-book';
import { admitAgent, markAgentGone, markAgentUnreachable, type RegistryAgent } from './registry/registry-state';
import { AgentAddressIndex, agentAddress } from './agent-address-index';
import { LoopStalls } from './loop-stalls';
import { ownCopy } from './own-copy';
import { AgentPingSchedule } from './agent-ping-schedule';
import { registrationProblem } from '@meseta/proto/resource-validation';
import { sameAgentInfo } from './same-agent-info';
import { RecoveredTotals } from './recovered-totals';

type Registration = NonNullable<AgentToMaster['register']>;

/**
 * A recovered agent's info and total as its record holds them (from the
 * registry), when they stand for its re-registration as they are: it
 * reported the same info (`sameAs` is still the record's, its id this
 * one) and the registry stores no reservations of it, so the report,
 * copied and normalised, would give equal values (`applyStoredReservations`
 * of equal resources, nothing dropped). Undefined otherwise: the report is
 * taken. Saves a copy of the info, a normalised total and an address
 * re-index per agent after a failover. Pure.
 */
export function keptRecovered(agent: AgentRecord, id: string, sameAs: AgentInfo | undefined): { info: AgentInfo; total: Resource[] } | undefined {
  if (sameAs === undefined || agent.info !== sameAs || idOf(sameAs.id) !== id) return undefined;
  if (agent.reservations !== undefined && agent.reservations.length > 0) return undefined;
  return { info: agent.info, total: agent.total };
}

/**
 * A registration between its arrival and its durable admission. An agent
 * that gives up waiting (its registration timeout) closes the link and
 * registers again without an id, since it never learned one: that retry
 * takes over the id of the abandoned registration at the same address
 * instead of admitting the agent a second time.
 */
interface PendingRegistration {
  readonly id: string;
  readonly address?: string;
  /** The link closed before the admission was answered. */
  closed: boolean;
  /** A retry from the same address took this registration's id over. */
  superseded: boolean;
}

/** Most agents sent a heartbeat per turn of the event loop. */
export const PING_SLICE = 1000;

/** Registration, health and removal of agents. */
export class AgentLifecycle {
  /** Agents not gone, by address: a registration finds whom it replaces without walking the cluster. */
  private readonly byAddress = new AgentAddressIndex<AgentRecord>();
  /** When the master's own loop stalled (silence then is not the agents'). */
  private readonly stalls: LoopStalls;
  private stopped = false;
  /** Registrations waiting for their durable write, by link. */
  private readonly pendingByLink = new Map<number, PendingRegistration>();
  /** The same registrations of new agents (no id asked), by address. */
  private readonly pendingByAddress = new Map<string, PendingRegistration>();
  /** When each active agent is due its next heartbeat. */
  private readonly pings = new AgentPingSchedule<AgentRecord>();
  /** Recovered agents of one shape share their total (`recovered-totals.ts`). */
  private readonly recoveredTotals = new RecoveredTotals();
  /** Recovered agents back since the last summary line, the last of them, all back so far, and the line's timer. */
  private backSinceLine = 0;
  private lastBack?: { id: string; hostname?: string; tasks: number };
  private backInAll = 0;
  private backLineTimer?: TimerHandle;
  /**
   * Called once an agent is (re-)admitted and back in the allocator, so
   * the operator's decisions (deactivated, draining) apply to it again.
   */
  onAgentBack: (agent: AgentRecord) => void = () => {};
  /** Why an agent announcing this info may not register now (its machine is DOWN for maintenance), or undefined. */
  machineRefusal: (info: AgentInfo) => string | undefined = () => undefined;

  constructor(
    private readonly ctx: MasterContext,
    private readonly tasks: MasterTaskBook,
    /** Find or make the record of a framework an agent reports. */
    private readonly frameworkFor: (id: string, reported: FrameworkInfo[]) => FrameworkRecord,
  ) {
    const { config } = ctx;
    this.stalls = new LoopStalls(
      AgentLifecycle.healthCheckSeconds(config.agentPingTimeoutSeconds),
      Math.max(config.agentPingTimeoutSeconds * config.maxAgentPingTimeouts, config.agentReregisterTimeoutSeconds),
    );
  }

  /** Seconds between two health checks for this ping timeout. */
  static healthCheckSeconds(agentPingTimeoutSeconds: number): number {
    return Math.min(1, agentPingTimeoutSeconds / 2);
  }

  /** An agent the registry knows, after a master failover: it must re-register in time. */
  recoverFromRegistry(a: RegistryAgent, now: number): void {
    const record: AgentRecord = {
      id: a.id, info: a.info, total: this.recoveredTotals.totalOf(a.info.resources ?? [], a.reservations),
      status: a.status === 'GONE' ? 'GONE' : a.status === 'UNREACHABLE' ? 'UNREACHABLE' : 'DISCONNECTED',
      linkId: 0, registeredTime: a.since, lastSeen: now, version: '', offers: new Set(), tasks: new Map(),
      recovered: true, deadline: now + this.ctx.config.agentReregisterTimeoutSeconds,
    };
    if (a.principal !== undefined) record.principal = a.principal;
    if (a.deactivated) record.deactivated = true;
    if (a.drain) record.drain = { ...a.drain };
    if (a.reservations) record.reservations = a.reservations;
    if (a.destroyedVolumes) record.destroyedVolumes = a.destroyedVolumes.map((r) => ({ ...r }));
    if (record.status === 'UNREACHABLE') {
      record.unreachableTime = a.since;
      const left = Math.max(0, a.since + this.ctx.config.agentRemovalTimeoutSeconds - now);
      record.removalTimer = this.ctx.clock.after(secondsToMs(left), () => this.markGone(record, `unreachable for ${this.ctx.config.agentRemovalTimeoutSeconds}s`));
    }
    this.ctx.agents.set(a.id, record);
    if (record.status !== 'GONE') this.byAddress.set(record);
  }

  /**
   * A `register` on link `linkId`. Resolves with the agent's id once its
   * admission is durable and `registered` was sent; with undefined when
   * refused (the agent was told why) or when the write failed (the agent
   * was told to retry and the link closed).
   */
  async register(reg: Registration, sink: AgentSink, linkId: number, principal?: string): Promise<string | undefined> {
    const { ctx } = this;
    const malformed = registrationProblem('register', reg);
    if (malformed) {
      // Bad input never reaches the state: the agent is told why and stops retrying.
      ctx.log.warn('refused an agent registration', { problem: malformed });
      sink.send({ error: { message: `registration refused: ${malformed}`, shutdown: true } });
      sink.close();
      return undefined;
    }
    const info: AgentInfo = reg.agent_info ?? {};
    const requestedId = idOf(info.id);
    const known = requestedId ? ctx.agents.get(requestedId) : undefined;
    const down = this.machineRefusal(info);
    if (down) {
      // An agent with an id (it may still run tasks) drops them and its id;
      // a new one keeps asking, and is let in once the machine is UP.
      ctx.log.warn('refused an agent on a machine DOWN for maintenance', { agent: requestedId || undefined, hostname: info.hostname, ip: info.ip });
      sink.send({ error: { message: `registration refused: ${down}`, shutdown: Boolean(requestedId) } });
      sink.close();
      return undefined;
    }
    if (known?.status === 'GONE') {
      ctx.log.warn('refused re-registration of a gone agent', { agent: requestedId });
      sink.send({ error: { message: `agent ${requestedId} was removed as gone; register as a new agent`, shutdown: true } });
      return undefined;
    }
    if (known?.markingGone) {
      sink.send({ error: { message: `agent ${requestedId} is being removed; retry`, shutdown: false } });
      sink.close();
      return undefined;
    }
    if (principal !== undefined && known?.principal !== undefined && known.principal !== principal) {
      // Authenticated cluster: an agent id stays with the principal that registered it.
      ctx.log.warn('refused re-registration by another principal', { agent: requestedId, principal, registered_by: known.principal });
      sink.send({ error: { message: `agent_info.id: agent ${requestedId} was registered by principal "${known.principal}"; principal "${principal}" may not re-register it`, shutdown: false } });
      sink.close();
      return undefined;
    }
    let requested = Boolean(requestedId);
    let reused = known;
    const address = requestedId ? undefined : agentAddress(info);
    const abandoned = address === undefined ? undefined : this.pendingByAddress.get(address);
    if (!reused && address !== undefined && !(abandoned?.closed)) {
      // An earlier registration from this address was admitted after its link
      // closed: the agent never heard its id, so this is that agent again.
      reused = this.byAddress.at(address).find((a) => a.neverAcknowledged && a.status === 'DISCONNECTED' && !a.markingGone && !a.markingUnreachable);
      if (reused) {
        requested = true;
        ctx.metrics.registrationRetriesMatched++;
        ctx.log.info('registration retry answered with the id its first attempt was admitted under', { agent: reused.id, address });
      }
    }
    let id = reused?.id ?? (requestedId || newId());
    if (abandoned?.closed && !abandoned.superseded) {
      abandoned.superseded = true;
      id = abandoned.id;
      ctx.metrics.registrationRetriesMatched++;
      ctx.log.info('registration retry takes over the id of its abandoned first attempt', { agent: id, address });
    }
    const known2 = reused;
    // The registry already holds this agent, admitted, with this info: its
    // re-registration (after a failover, or a lost link) needs no write.
    const alreadyAdmitted =
      known2 !== undefined && !known2.markingUnreachable && (known2.status === 'ACTIVE' || known2.status === 'DISCONNECTED') && known2.principal === principal && sameAgentInfo(known2.info, info);
    if (known2) {
      const known = known2;
      if (known.markingUnreachable) {
        ctx.log.info('re-registration cancels marking the agent unreachable', { agent: id });
        known.markingUnreachable = undefined;
      }
      // From now on this link speaks for the agent: the old one is done.
      known.lastSeen = nowSeconds(ctx.clock);
      known.deadline = undefined;
      if (known.status === 'ACTIVE') this.disconnect(known);
      if (known.sink !== sink) known.sink?.close();
      known.sink = undefined;
      known.linkId = linkId;
    }
    const now = nowSeconds(ctx.clock);
    const pending: PendingRegistration = { id, address, closed: false, superseded: false };
    this.pendingByLink.set(linkId, pending);
    if (address !== undefined) this.pendingByAddress.set(address, pending);
    try {
      const continuation = (): string | undefined => {
        if (pending.superseded) return undefined;
        const agent = this.admitted(id, reg, sink, linkId, requested, principal, alreadyAdmitted ? known2.info : undefined);
        if (!agent) return undefined;
        if (pending.closed) {
          // Nobody heard this: keep the agent (its admission is durable) but
          // not as active on a dead link; its retry gets this id.
          agent.neverAcknowledged = true;
          if (agent.status === 'ACTIVE') this.disconnect(agent);
          ctx.log.warn('agent admitted after its link closed; waiting for it to register again', { agent: agent.id, hostname: agent.info.hostname });
          return undefined;
        }
        agent.neverAcknowledged = undefined;
        sink.send(withVolumes(ctx, agent, { registered: { agent_id: { value: agent.id }, heartbeat_interval_seconds: ctx.config.agentPingTimeoutSeconds, master_info: ctx.info } }));
        return agent.id;
      };
      if (alreadyAdmitted) {
        ctx.metrics.reregistrationsWithoutWrite++;
        return await ctx.durable.already(continuation);
      }
      return await ctx.durable.commit(admitAgent(id, ownCopy(info, { id: { value: id } }), now, principal), 'agent registration', { agent: id, hostname: info.hostname }, continuation);
    } catch (e) {
      sink.send({ error: { message: `${(e as Error).message}; register again`, shutdown: false } });
      sink.close();
      return undefined;
    } finally {
      this.pendingByLink.delete(linkId);
      if (address !== undefined && this.pendingByAddress.get(address) === pending) this.pendingByAddress.delete(address);
    }
  }

  /**
   * The continuation of a durable registration. Undefined when a newer link took over meanwhile.
   * `sameAs`: the info the agent's record held when its report was found the same (`sameAgentInfo`).
   */
  private admitted(id: string, reg: Registration, sink: AgentSink, linkId: number, requested: boolean, principal?: string, sameAs?: AgentInfo): AgentRecord | undefined {
    const { ctx } = this;
    const now = nowSeconds(ctx.clock);
    let agent = ctx.agents.get(id);
    const kept = agent?.recovered ? keptRecovered(agent, id, sameAs) : undefined;
    const info: AgentInfo = kept?.info ?? ownCopy(reg.agent_info ?? {}, { id: { value: id } });
    // Its dynamic reservations (registry state) applied to what it reports.
    const reserved: ReservedTotal = kept ? { total: kept.total, dropped: [] } : applyStoredReservations(info.resources ?? [], agent?.reservations);
    const total = reserved.total;
    for (const d of reserved.dropped) {
      ctx.log.warn('a stored reservation no longer fits the agent; dropped', { agent: id, resource: d.resource.name, problem: d.shortfalls.map((x) => x.message).join('; ') });
    }
    if (agent && agent.linkId !== linkId) return undefined;
    if (agent?.status === 'GONE') return undefined;
    if (agent?.recovered) {
      // Known from the registry after a failover: rebuild it from what it reports.
      agent.removalTimer?.cancel();
      Object.assign(agent, { recovered: false, deadline: undefined, removalTimer: undefined, sink, info, total, status: 'ACTIVE', reregisteredTime: now, unreachableTime: undefined, lastSeen: now, version: reg.version ?? '' });
      // Kept info: indexed at its address since the recovery.
      if (!kept) this.byAddress.set(agent);
      const used = this.adoptTasks(agent, reg.tasks ?? [], reg.frameworks ?? []);
      ctx.allocator.addAgent(agent.id, { hostname: info.hostname ?? '', total, used, active: true });
      ctx.log.debug('agent re-registered after master failover', { agent: agent.id, hostname: info.hostname, tasks: agent.tasks.size });
      this.countBackAfterFailover(agent, info);
    } else if (agent) {
      agent.removalTimer?.cancel();
      const wasUnreachable = agent.status === 'UNREACHABLE';
      Object.assign(agent, { removalTimer: undefined, sink, info, status: 'ACTIVE', reregisteredTime: now, unreachableTime: undefined, lastSeen: now, version: reg.version ?? agent.version });
      this.byAddress.set(agent);
      this.reconcileTasks(agent, reg.tasks ?? [], reg.frameworks ?? [], wasUnreachable);
      ctx.allocator.activateAgent(agent.id);
      ctx.log.info('agent re-registered', { agent: agent.id, hostname: info.hostname, was: wasUnreachable ? 'unreachable' : 'disconnected' });
    } else {
      agent = {
        id, info, total, status: 'ACTIVE', sink, linkId, registeredTime: now, lastSeen: now, version: reg.version ?? '', offers: new Set(), tasks: new Map(),
      };
      if (principal !== undefined) agent.principal = principal;
      if (requested) agent.reregisteredTime = now;
      ctx.agents.set(id, agent);
      this.byAddress.set(agent);
      if (!requested) this.replaceAgentsAt(agent);
      const used = this.adoptTasks(agent, reg.tasks ?? [], reg.frameworks ?? []);
      ctx.allocator.addAgent(id, { hostname: info.hostname ?? '', total, used, active: true });
      ctx.metrics.agentsRegistered++;
      ctx.log.info(requested ? 'agent re-registered (unknown to this master, adopted)' : 'agent registered', { agent: id, hostname: info.hostname, resources: total.length });
    }
    if (principal !== undefined) agent.principal = principal;
    if (reserved.dropped.length > 0) void persistReservations(ctx, agent);
    // It is answered `registered` now: its first ping is one interval away.
    this.pings.add(agent, now);
    this.onAgentBack(agent);
    this.broadcast(agent, requested ? 'AGENT_UPDATED' : 'AGENT_ADDED');
    ctx.scheduleAllocation();
    return agent;
  }

  /** Tasks an agent reports that this master does not know (it restarted): track them. */
  private adoptTasks(agent: AgentRecord, tasks: Task[], frameworks: FrameworkInfo[]): Map<string, Resource[]> {
    const used = new Map<string, Resource[]>();
    // Tasks of one shape share their resource list (task-book): allocated once per list and role,
    // appended (the allocator sums them), not a new array per task.
    let lastHeld: Resource[] | undefined;
    let lastRole = '';
    let lastAllocated: Resource[] = [];
    for (const t of tasks) {
      if (isTerminal(t.state)) continue;
      const fid = idOf(t.framework_id);
      const fw = this.frameworkFor(fid, frameworks);
      const record = this.tasks.track(fw, agent, t, fw.roles[0]);
      if (record.resources !== lastHeld || record.role !== lastRole) {
        lastHeld = record.resources;
        lastRole = record.role;
        lastAllocated = allocateTo(record.resources, record.role);
      }
      let list = used.get(fid);
      if (!list) used.set(fid, (list = []));
      for (const r of lastAllocated) list.push(r);
    }
    return used;
  }

  /**
   * A known agent came back. Tasks it reports keep (or regain) their state;
   * tasks the master sent it that it does not report never reached it, or
   * it lost them: they end now.
   */
  private reconcileTasks(agent: AgentRecord, reported: Task[], frameworks: FrameworkInfo[], wasUnreachable: boolean): void {
    const { ctx } = this;
    const now = nowSeconds(ctx.clock);
    const seen = new Set<string>();
    for (const t of reported) {
      const fid = idOf(t.framework_id);
      const tid = idOf(t.task_id);
      const key = taskKey(fid, tid);
      seen.add(key);
      const known = agent.tasks.get(key);
      if (!known) {
        if (isTerminal(t.state)) continue;
        const fw = this.frameworkFor(fid, frameworks);
        this.tasks.track(fw, agent, t, fw.roles[0]);
        // The allocator learns what an agent uses only when it is added, so
        // re-add the agent with the adopted task accounted for.
        ctx.allocator.removeAgent(agent.id);
        ctx.allocator.addAgent(agent.id, { hostname: agent.info.hostname ?? '', total: agent.total, used: this.usedOn(agent), active: false });
        continue;
      }
      known.awaitingReportSince = undefined;
      const state = t.state ?? undefined;
      if (wasUnreachable && state !== undefined && !isTerminal(state) && !isTerminal(known.task.state)) {
        // The task is back, with the agent's word for its state. A task that
        // ended meanwhile is told by the agent's own (resent) updates, in order.
        const back: TaskStatus = {
          task_id: { value: tid }, agent_id: { value: agent.id }, state,
          source: Source.SOURCE_MASTER, reason: Reason.REASON_RECONCILIATION, message: 'Agent re-registered; task is back', timestamp: now,
        };
        this.tasks.recordMasterStatus(known, back);
        const fw = ctx.frameworks.get(fid);
        if (fw) sendToFramework(fw, back);
      } else if (state !== undefined && !isTerminal(state) && !isTerminal(known.task.state) && known.task.state !== state) {
        known.task.state = state;
        this.tasks.publish(known);
      }
      if (known.kill.phase === 'pending' && agent.sink) {
        agent.sink.send({ kill: [{ framework_id: { value: fid }, task_id: { value: tid }, kill_policy: known.kill.policy ?? known.task.kill_policy }] });
        known.kill = { phase: 'sent', at: now };
      }
    }
    for (const [key, t] of [...agent.tasks]) {
      if (seen.has(key)) continue;
      const fw = ctx.frameworks.get(t.frameworkId);
      this.tasks.end(t, {
        task_id: { value: t.taskId }, agent_id: { value: agent.id }, state: fw && isPartitionAware(fw) ? TaskState.TASK_GONE : TaskState.TASK_LOST,
        source: Source.SOURCE_MASTER, reason: Reason.REASON_AGENT_RESTARTED,
        message: `Agent ${agent.info.hostname || agent.id} (${agent.id}) re-registered without this task`, timestamp: now,
      });
    }
  }

  private usedOn(agent: AgentRecord): Map<string, Resource[]> {
    const used = new Map<string, Resource[]>();
    for (const t of agent.tasks.values()) used.set(t.frameworkId, [...(used.get(t.frameworkId) ?? []), ...allocateTo(t.resources, t.role)]);
    return used;
  }

  /**
   * Count a recovered agent back. One info line a second says how many came
   * back (at 40,000 agents a line each was ~5 % of the master's CPU per
   * re-registration, mostly a log write per turn of the event loop); each
   * agent's own line is at debug.
   */
  private countBackAfterFailover(agent: AgentRecord, info: AgentInfo): void {
    this.backSinceLine++;
    this.backInAll++;
    this.lastBack = { id: agent.id, hostname: info.hostname ?? undefined, tasks: agent.tasks.size };
    this.backLineTimer ??= this.ctx.clock.after(1000, () => this.logBackAfterFailover());
  }

  private logBackAfterFailover(): void {
    this.backLineTimer = undefined;
    if (this.backSinceLine === 0) return;
    this.ctx.log.info('agents re-registered after master failover', { agents: this.backSinceLine, in_all: this.backInAll, last: this.lastBack?.id, last_hostname: this.lastBack?.hostname, last_tasks: this.lastBack?.tasks });
    this.backSinceLine = 0;
  }

  /** The agent's link `linkId` ended. A no-op for a stale link. */
  /**
   * Send `registered` again to the agent registered on this link (it
   * resent its `register` before our answer reached it). False when this
   * link no longer speaks for an active agent.
   */
  answerAgain(agentId: string, linkId: number, sink: AgentSink): boolean {
    const agent = this.ctx.agents.get(agentId);
    if (!agent || agent.linkId !== linkId || agent.status !== 'ACTIVE' || agent.sink !== sink) return false;
    sink.send(withVolumes(this.ctx, agent, { registered: { agent_id: { value: agent.id }, heartbeat_interval_seconds: this.ctx.config.agentPingTimeoutSeconds, master_info: this.ctx.info } }));
    return true;
  }

  linkClosed(agentId: string | undefined, linkId: number): void {
    const pending = this.pendingByLink.get(linkId);
    if (pending) pending.closed = true;
    if (agentId === undefined) return;
    const agent = this.ctx.agents.get(agentId);
    if (!agent || agent.linkId !== linkId || agent.status !== 'ACTIVE') return;
    this.disconnect(agent);
    this.ctx.log.warn('agent disconnected', { agent: agent.id, hostname: agent.info.hostname });
  }

  /** An active agent lost its link: no offers of it until it is back. */
  private disconnect(agent: AgentRecord): void {
    agent.status = 'DISCONNECTED';
    agent.sink = undefined;
    this.ctx.allocator.deactivateAgent(agent.id);
    this.ctx.offerBook.rescindAllOn(agent);
    this.broadcast(agent, 'AGENT_UPDATED');
  }

  /**
   * Send a heartbeat to every active agent whose ping is due: one ping
   * interval after it registered or was last pinged ({@link AgentPingSchedule}),
   * so the pings are spread as the registrations were, never one burst to
   * the whole cluster. Called every {@link pingTickSeconds}; at most
   * {@link PING_SLICE} agents per turn of the event loop.
   */
  ping(): void {
    const now = nowSeconds(this.ctx.clock);
    const interval = this.ctx.config.agentPingTimeoutSeconds;
    const current = (agent: AgentRecord, linkId: number): boolean => agent.status === 'ACTIVE' && agent.sink !== undefined && agent.linkId === linkId;
    const slice = (): void => {
      if (this.stopped) return;
      const due = this.pings.takeDue(now, interval, PING_SLICE, current);
      for (const agent of due.agents) {
        agent.sink!.send({ heartbeat: { timestamp: now } });
        this.pings.add(agent, now);
      }
      if (due.more) this.ctx.turnGate.later(slice);
    };
    slice();
  }

  /** Seconds between two looks for agents due a ping: a ping is at most this late. */
  static pingTickSeconds(agentPingTimeoutSeconds: number): number {
    return Math.min(1, agentPingTimeoutSeconds / 4);
  }

  /**
   * Mark silent agents unreachable, as Mesos does after max ping timeouts.
   * Time the master's own event loop was stalled does not count as an
   * agent's silence: what the agent sent then is still unread. A check
   * that finds the loop was just stalled runs again after the poll phase
   * (setImmediate), once those messages were read.
   */
  checkHealth(): void {
    const now = nowSeconds(this.ctx.clock);
    if (this.stalls.tick(now) > 0) {
      this.ctx.metrics.healthChecksAfterStall++;
      setImmediate(() => this.sweepSilent(nowSeconds(this.ctx.clock)));
      return;
    }
    this.sweepSilent(now);
  }

  private sweepSilent(now: number): void {
    const { config } = this.ctx;
    // A ping leaves up to one tick after it is due, and the agent's answer may be its only heartbeat
    // in that interval (ownHeartbeatDue): that tick is not the agent's silence.
    const limit = config.agentPingTimeoutSeconds * config.maxAgentPingTimeouts + AgentLifecycle.pingTickSeconds(config.agentPingTimeoutSeconds);
    for (const agent of this.ctx.agents.values()) {
      if ((agent.status !== 'ACTIVE' && agent.status !== 'DISCONNECTED') || agent.markingUnreachable) continue;
      if (agent.deadline !== undefined) {
        const late = now - agent.deadline - this.stalls.stalledSince(agent.deadline - config.agentReregisterTimeoutSeconds);
        if (late > 0) this.markUnreachable(agent, `did not re-register within ${config.agentReregisterTimeoutSeconds}s of the master failover`);
      } else {
        const silent = now - agent.lastSeen - this.stalls.stalledSince(agent.lastSeen);
        if (silent > limit) this.markUnreachable(agent, `no word from the agent for ${Math.round(silent)}s (the master's own stalls not counted)`);
      }
    }
  }

  /**
   * Mark an agent unreachable: stop using it now; once durable (and unless
   * a re-registration cancelled it meanwhile), report its tasks
   * TASK_UNREACHABLE (TASK_LOST for frameworks that are not partition-aware)
   * and start its removal timer.
   */
  markUnreachable(agent: AgentRecord, why: string): Promise<void> {
    const { ctx } = this;
    if (agent.markingUnreachable) return Promise.resolve();
    const token = {};
    agent.markingUnreachable = token;
    ctx.log.warn('marking agent unreachable', { agent: agent.id, hostname: agent.info.hostname, why });
    agent.sink?.close();
    agent.sink = undefined;
    if (!agent.recovered) ctx.allocator.deactivateAgent(agent.id);
    ctx.offerBook.rescindAllOn(agent);
    const since = nowSeconds(ctx.clock);
    return ctx.durable
      .commit(markAgentUnreachable(agent.id, since), 'mark agent unreachable', { agent: agent.id }, () => {
        if (agent.markingUnreachable !== token) return; // a re-registration cancelled it
        agent.markingUnreachable = undefined;
        this.unreachable(agent, since, why);
      })
      .catch((e: Error) => {
        if (agent.markingUnreachable === token) agent.markingUnreachable = undefined;
        ctx.log.warn('agent not marked unreachable; the next health check tries again', { agent: agent.id, problem: e.message });
      });
  }

  private unreachable(agent: AgentRecord, since: number, why: string): void {
    const { ctx } = this;
    agent.status = 'UNREACHABLE';
    agent.unreachableTime = since;
    agent.deadline = undefined;
    ctx.metrics.agentsUnreachable++;
    ctx.log.warn('agent unreachable', { agent: agent.id, hostname: agent.info.hostname, why });
    for (const t of agent.tasks.values()) {
      // The task stays tracked (the agent may come back with it) but shows as unreachable.
      const status: TaskStatus = {
        task_id: { value: t.taskId }, agent_id: { value: agent.id }, state: TaskState.TASK_UNREACHABLE,
        source: Source.SOURCE_MASTER, reason: Reason.REASON_AGENT_DISCONNECTED,
        message: `Agent ${agent.info.hostname || agent.id} (${agent.id}) is unreachable: ${why}`, timestamp: nowSeconds(ctx.clock),
      };
      this.tasks.recordMasterStatus(t, status);
      const fw = ctx.frameworks.get(t.frameworkId);
      if (fw) sendToFramework(fw, isPartitionAware(fw) ? status : { ...status, state: TaskState.TASK_LOST });
    }
    for (const fw of ctx.frameworks.values()) fw.sink?.send({ type: EventType.FAILURE, failure: { agent_id: { value: agent.id } } });
    agent.removalTimer = ctx.clock.after(secondsToMs(ctx.config.agentRemovalTimeoutSeconds), () =>
      void this.markGone(agent, `unreachable for ${ctx.config.agentRemovalTimeoutSeconds}s`));
    this.broadcast(agent, 'AGENT_UPDATED');
  }

  /**
   * The operator asserts that an agent will never come back (the operator
   * API's MARK_AGENT_GONE): a connected agent is told to shut down and its
   * link closed, its offers rescinded, then it is marked gone as below with
   * its tasks TASK_GONE_BY_OPERATOR (TASK_LOST for frameworks that are not
   * partition-aware). The registry keeps it gone, so it is refused if it
   * re-registers. `unknown` for an id the master does not know; an agent
   * already gone (or being marked so) is `already-gone`. Rejects when the
   * registry write fails (the agent then stays as it was, disconnected).
   */
  async markGoneByOperator(agentId: string, why: string): Promise<'gone' | 'already-gone' | 'unknown'> {
    const { ctx } = this;
    const agent = ctx.agents.get(agentId);
    if (!agent) return 'unknown';
    if (agent.status === 'GONE' || agent.markingGone) return 'already-gone';
    if (agent.sink) {
      agent.sink.send({ error: { message: `agent ${agentId} was marked gone by the operator: ${why}`, shutdown: true } });
      agent.sink.close();
      agent.sink = undefined;
    }
    if (!agent.recovered && agent.status !== 'UNREACHABLE') ctx.allocator.deactivateAgent(agent.id);
    ctx.offerBook.rescindAllOn(agent);
    if (agent.status === 'ACTIVE') agent.status = 'DISCONNECTED';
    await this.markGone(agent, why, true);
    if ((agent.status as AgentRecord['status']) !== 'GONE') throw new Error(`agent ${agentId} was not marked gone: the registry write failed (see the master's log)`);
    return 'gone';
  }

  /**
   * Mark an agent gone; once durable, its tasks are TASK_GONE (TASK_LOST for
   * frameworks that are not partition-aware), or TASK_GONE_BY_OPERATOR when
   * `byOperator`.
   */
  markGone(agent: AgentRecord, why: string, byOperator = false): Promise<void> {
    const { ctx } = this;
    if (agent.status === 'GONE' || agent.markingGone) return Promise.resolve();
    agent.markingGone = true;
    agent.markingUnreachable = undefined;
    agent.removalTimer?.cancel();
    agent.removalTimer = undefined;
    return ctx.durable
      .commit(markAgentGone(agent.id, nowSeconds(ctx.clock)), 'mark agent gone', { agent: agent.id }, () => {
        agent.markingGone = false;
        agent.status = 'GONE';
        this.byAddress.delete(agent.id);
        ctx.log.warn('agent gone', { agent: agent.id, hostname: agent.info.hostname, why });
        for (const t of [...agent.tasks.values()]) {
          const fw = ctx.frameworks.get(t.frameworkId);
          this.tasks.end(t, {
            task_id: { value: t.taskId }, agent_id: { value: agent.id },
            state: fw && isPartitionAware(fw) ? (byOperator ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_GONE) : TaskState.TASK_LOST,
            source: Source.SOURCE_MASTER, reason: Reason.REASON_AGENT_REMOVED,
            message: `Agent ${agent.info.hostname || agent.id} (${agent.id}) was removed: ${why}`, timestamp: nowSeconds(ctx.clock),
          });
        }
        ctx.allocator.removeAgent(agent.id);
        this.broadcast(agent, 'AGENT_REMOVED');
      })
      .catch((e: Error) => {
        agent.markingGone = false;
        ctx.log.warn('agent not marked gone; it stays unreachable', { agent: agent.id, problem: e.message });
      });
  }

  /**
   * A new agent registered at the address of an agent we know (restarted
   * with another resource set or a wiped work dir): the old one will never
   * come back, so it is gone now and its tasks are reported so.
   */
  private replaceAgentsAt(fresh: AgentRecord): void {
    const address = agentAddress(fresh.info);
    const here = this.byAddress.at(address);
    this.ctx.metrics.registrationAgentVisits += here.length;
    for (const old of here) {
      if (old === fresh || old.status === 'GONE') continue;
      if (old.status === 'ACTIVE' && old.sink) continue; // two live agents may share an address in tests
      if (old.principal !== undefined && fresh.principal !== undefined && old.principal !== fresh.principal) {
        // Authenticated cluster: claiming another principal's address does not remove its agent.
        this.ctx.log.warn('agent at the same address not replaced: registered by another principal', { old: old.id, new: fresh.id, address, principal: fresh.principal, registered_by: old.principal });
        continue;
      }
      this.ctx.log.warn('agent replaced by a new agent at the same address', { old: old.id, new: fresh.id, address });
      old.sink?.close();
      old.sink = undefined;
      if (!old.recovered && old.status !== 'UNREACHABLE') this.ctx.allocator.deactivateAgent(old.id);
      this.ctx.offerBook.rescindAllOn(old);
      void this.markGone(old, `replaced by agent ${fresh.id} at the same address`);
    }
  }

  /** Tell live views an agent changed. */
  broadcast(agent: AgentRecord, type: 'AGENT_ADDED' | 'AGENT_UPDATED' | 'AGENT_REMOVED'): void {
    this.ctx.metrics.agentChanges++;
    this.ctx.events.publish({ type, agentId: agent.id, status: agent.status, hostname: agent.info.hostname ?? '' });
  }

  /** Cancel removal timers and close every link (the master is stopping). */
  stop(): void {
    this.stopped = true;
    this.backLineTimer?.cancel();
    this.logBackAfterFailover();
    for (const a of this.ctx.agents.values()) {
      a.removalTimer?.cancel();
      a.sink?.close();
    }
  }
}

/** Whether two AgentInfos describe the same agent, whatever their ids (`same-agent-info.ts`). */
export { sameAgentInfo };
