/**
 * The operator's hand on agents (Mesos 1.9's DRAIN_AGENT, DEACTIVATE_AGENT,
 * REACTIVATE_AGENT):
 *
 * - deactivate: no offers of the agent (outstanding ones rescinded); its
 *   tasks keep running.
 * - drain: deactivate, then kill every task on it with its kill policy, the
 *   grace period capped at `max_grace_period`; the agent is DRAINING until
 *   no task is left, then DRAINED (and marked gone when `mark_gone`). An
 *   agent that is away when the drain starts gets its kills when it comes
 *   back; one that comes back while DRAINING has its tasks killed again.
 * - reactivate: offers again; the drain, if any, is forgotten.
 *
 * Each change is written to the registry before it is applied, so a new
 * leader keeps the agent deactivated, draining or drained.
 */
import { nowSeconds } from '@meseta/runtime/clock';
import type { MasterContext } from './master-context';
import type { AgentDrain, AgentRecord } from './state';
import { setAgentOperatorState } from './registry/registry-state';
import { drainKillPolicy } from './drain-rules';

/** What a drain asks. */
export interface DrainRequest {
  /** Caps each task's kill grace period (seconds). */
  maxGracePeriodSeconds?: number;
  /** Mark the agent gone once drained. */
  markGone?: boolean;
}

/** Why an agent could not be acted on; the message names it. */
export class AgentActionError extends Error {
  constructor(
    /** `unknown`: no such agent; `gone`: it was removed. */
    readonly kind: 'unknown' | 'gone',
    message: string,
  ) {
    super(message);
  }
}

/** Draining, deactivating and reactivating agents. */
export class AgentDrains {
  /** Listening to task changes while some agent drains. */
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: MasterContext,
    /** Mark an agent gone (a drain with mark_gone, once drained). */
    private readonly markGone: (agent: AgentRecord, why: string) => Promise<void>,
    /** Tell live views the agent changed. */
    private readonly broadcast: (agent: AgentRecord) => void,
  ) {}

  /** Stop offers of the agent; its tasks keep running. Resolves once durable. */
  async deactivate(agentId: string): Promise<void> {
    const agent = this.agentFor(agentId);
    await this.write(agent, true, agent.drain, 'deactivate agent');
    this.stopOffers(agent);
    this.ctx.log.info('agent deactivated by the operator', { agent: agent.id, hostname: agent.info.hostname });
    this.broadcast(agent);
  }

  /** Offers of the agent again, its drain forgotten. Resolves once durable. */
  async reactivate(agentId: string): Promise<void> {
    const agent = this.agentFor(agentId);
    await this.write(agent, false, undefined, 'reactivate agent');
    if (agent.status === 'ACTIVE' && !agent.recovered) this.ctx.allocator.activateAgent(agent.id);
    this.ctx.log.info('agent reactivated by the operator', { agent: agent.id, hostname: agent.info.hostname });
    this.broadcast(agent);
    this.ctx.scheduleAllocation();
    this.watchIfDraining();
  }

  /**
   * Drain the agent: no offers, every task killed, DRAINED when none is
   * left. Resolves once the drain is durable and the kills were sent (or
   * kept for when the agent returns), not when it is drained.
   */
  async drain(agentId: string, request: DrainRequest): Promise<void> {
    const agent = this.agentFor(agentId);
    const drain: AgentDrain = { state: 'DRAINING', markGone: request.markGone === true, since: nowSeconds(this.ctx.clock) };
    if (request.maxGracePeriodSeconds !== undefined) drain.maxGracePeriodSeconds = request.maxGracePeriodSeconds;
    await this.write(agent, true, drain, 'drain agent');
    this.stopOffers(agent);
    this.ctx.log.warn('draining agent', { agent: agent.id, hostname: agent.info.hostname, tasks: agent.tasks.size, max_grace_period_s: drain.maxGracePeriodSeconds });
    this.killAll(agent);
    this.broadcast(agent);
    this.watchIfDraining();
    this.checkDrained(agent);
  }

  /**
   * The agent (re-)registered. A deactivated agent is not offered; a
   * draining one has its tasks killed again (kills may have been lost).
   * Called after it is back in the allocator.
   */
  agentBack(agent: AgentRecord): void {
    if (agent.deactivated) this.ctx.allocator.deactivateAgent(agent.id);
    if (agent.drain?.state === 'DRAINING') {
      this.killAll(agent);
      this.watchIfDraining();
      this.checkDrained(agent);
    }
  }

  /** After a failover: follow the drains the registry holds. */
  recovered(): void {
    this.watchIfDraining();
  }

  /** Stop listening (the master is stopping). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private agentFor(agentId: string): AgentRecord {
    const agent = this.ctx.agents.get(agentId);
    if (!agent) throw new AgentActionError('unknown', `agent_id: no agent ${agentId} is known to this master`);
    if (agent.status === 'GONE' || agent.markingGone) throw new AgentActionError('gone', `agent_id: agent ${agentId} was removed (gone)`);
    return agent;
  }

  private async write(agent: AgentRecord, deactivated: boolean, drain: AgentDrain | undefined, what: string): Promise<void> {
    await this.ctx.durable.commit(setAgentOperatorState(agent.id, deactivated, drain), what, { agent: agent.id }, () => {
      agent.deactivated = deactivated || undefined;
      agent.drain = drain;
    });
    if (Boolean(agent.deactivated) !== deactivated) throw new Error(`agent ${agent.id}: the registry write to ${what} failed (see the master's log)`);
  }

  private stopOffers(agent: AgentRecord): void {
    if (agent.status === 'ACTIVE' && !agent.recovered) this.ctx.allocator.deactivateAgent(agent.id);
    this.ctx.offerBook.rescindAllOn(agent);
  }

  /** Kill every task on the agent not already being killed, now if it is connected, else when it returns. */
  private killAll(agent: AgentRecord): void {
    const now = nowSeconds(this.ctx.clock);
    const max = agent.drain?.maxGracePeriodSeconds;
    const kills = [];
    for (const t of agent.tasks.values()) {
      // Sent just now (the re-registration's pending kills): not twice.
      if (t.kill.phase === 'sent' && t.kill.at === now) continue;
      const policy = drainKillPolicy(t.kill.phase === 'pending' ? (t.kill.policy ?? t.task.kill_policy) : t.task.kill_policy, max);
      if (agent.sink && agent.status === 'ACTIVE') {
        kills.push({ framework_id: { value: t.frameworkId }, task_id: { value: t.taskId }, kill_policy: policy });
        t.kill = { phase: 'sent', at: now };
      } else {
        t.kill = { phase: 'pending', policy };
      }
    }
    if (kills.length > 0) agent.sink?.send({ kill: kills });
  }

  /** Follow task changes while some agent drains; stop when none does. */
  private watchIfDraining(): void {
    const draining = [...this.ctx.agents.values()].some((a) => a.drain?.state === 'DRAINING' && a.status !== 'GONE');
    if (draining && !this.unsubscribe) {
      this.unsubscribe = this.ctx.events.subscribe((e) => {
        if (e.type !== 'TASK_UPDATED') return;
        const agent = this.ctx.agents.get(e.agentId);
        // The task book publishes before it forgets the task: look once it did.
        if (agent?.drain?.state === 'DRAINING') queueMicrotask(() => this.checkDrained(agent));
      });
    } else if (!draining && this.unsubscribe) {
      this.stop();
    }
  }

  /** A draining agent with no task left is DRAINED (durably), then gone if asked. */
  private checkDrained(agent: AgentRecord): void {
    const drain = agent.drain;
    // A recovered agent's tasks are known only once it re-registers.
    if (drain?.state !== 'DRAINING' || agent.tasks.size > 0 || agent.status === 'GONE' || agent.recovered) return;
    const drained: AgentDrain = { ...drain, state: 'DRAINED' };
    this.ctx.durable
      .commit(setAgentOperatorState(agent.id, true, drained), 'agent drained', { agent: agent.id }, () => {
        if (agent.drain !== drain) return; // reactivated or drained again meanwhile
        agent.drain = drained;
        this.ctx.log.info('agent drained', { agent: agent.id, hostname: agent.info.hostname });
        this.broadcast(agent);
        this.watchIfDraining();
        if (drained.markGone) void this.markGone(agent, 'drained with mark_gone by the operator');
      })
      .catch((e: Error) => this.ctx.log.warn('agent drained but not recorded as DRAINED; it is checked again when it re-registers or is drained again', { agent: agent.id, problem: e.message }));
  }
}
