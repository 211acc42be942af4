/**
 * What arrives on an agent's link: `register` goes to the agent lifecycle;
 * status updates are recorded in the task book (once per uuid) and
 * forwarded to their framework (every time, resends too, as Mesos does, so
 * a framework that missed one gets it again); executor messages go to
 * their framework.
 */
import type { AgentToMaster, StatusUpdate, v1 } from '@meseta/proto/wire';
import { EventType } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { allocate } from '@meseta/proto/resources';
import { nowSeconds } from '@meseta/runtime/clock';
import type { AgentRecord, AgentSink } from './state';
import { type MasterContext, sendToFramework } from './master-context';
import type { MasterTaskBook } from './task-book';
import type { AgentLifecycle } from './agent-lifecycle';
import { foreignUpdateProblem } from './auth/agent-report-check';
import { type ClusterUsage, UsageReportError } from './cluster-usage';

/** Handlers of one agent link. `onMessage` resolves once a `register` is answered. */
export interface AgentLinkHandlers {
  onMessage(msg: AgentToMaster): Promise<void> | void;
  onClose(): void;
}

/** Routes what agents send. */
export class AgentLinks {
  private nextLinkId = 1;
  /** Where agents' usage reports go (set by the master). @default none: reports are ignored */
  usage?: ClusterUsage;

  constructor(
    private readonly ctx: MasterContext,
    private readonly tasks: MasterTaskBook,
    private readonly agents: AgentLifecycle,
    /** True when a framework with this id was removed. */
    private readonly wasRemoved: (frameworkId: string) => boolean,
    /** An update of this framework from this agent could not be forwarded (no stream). */
    private readonly notForwarded: (frameworkId: string, agentId: string) => void = () => undefined,
  ) {}

  /**
   * A new agent link: the handler for what the agent sends and for the
   * stream's end. `principal` is who authenticated the link (authenticated
   * clusters): it binds the agent id, and such an agent's status updates
   * are accepted only for tasks on it.
   */
  opened(sink: AgentSink, principal?: string): AgentLinkHandlers {
    const linkId = this.nextLinkId++;
    let agentId: string | undefined;
    let registering = false;
    return {
      onMessage: (msg) => {
        if (msg.register) {
          // A resend while the first is still being admitted (the agent's
          // registration timeout ran out on a busy master): already in
          // progress, answered when it is done, as Mesos does. A heartbeat
          // tells the agent its register is held here, so it keeps this
          // stream instead of giving it up for a new registration.
          if (registering) {
            this.ctx.metrics.registerResendsIgnored++;
            sink.send({ heartbeat: { timestamp: nowSeconds(this.ctx.clock) } });
            return;
          }
          // A resend that crossed our answer (the agent had not heard it yet):
          // answer again with the id, as Mesos resends the acknowledgement to
          // an agent already registered. It carries no id (a new agent) or
          // the id this link was answered with (a re-registration, e.g. after
          // a failover: admitting it again would disconnect the agent and
          // reconcile its tasks a second time for nothing).
          const resentId = idOf(msg.register.agent_info?.id);
          if (agentId && (!resentId || resentId === agentId) && this.agents.answerAgain(agentId, linkId, sink)) {
            this.ctx.metrics.registerResendsIgnored++;
            return;
          }
          registering = true;
          return this.agents.register(msg.register, sink, linkId, principal).then((id) => {
            registering = false;
            if (id !== undefined) agentId = id;
          });
        }
        if (!agentId) {
          sink.send({ error: { message: 'register first: the first message on the link must be register', shutdown: false } });
          return;
        }
        const agent = this.ctx.agents.get(agentId);
        if (!agent || agent.linkId !== linkId) return;
        agent.lastSeen = nowSeconds(this.ctx.clock);
        for (const u of msg.updates ?? []) {
          const foreign = principal === undefined ? undefined : foreignUpdateProblem(agent, this.ctx.frameworks.get(idOf(u.framework_id)), u);
          if (foreign) this.ctx.log.warn('status update refused', { agent: agent.id, principal, framework: idOf(u.framework_id), task: idOf(u.status?.task_id), problem: foreign });
          else this.statusUpdate(agent, u);
        }
        if (msg.usage) this.usageReport(agent, msg.usage);
        for (const e of msg.exited_executors ?? []) this.executorExited(agent, idOf(e.framework_id), idOf(e.executor_id));
        for (const m of msg.messages ?? []) {
          const fw = this.ctx.frameworks.get(idOf(m.framework_id));
          fw?.sink?.send({ type: EventType.MESSAGE, message: { agent_id: { value: agent.id }, executor_id: m.executor_id, data: m.data } });
        }
      },
      onClose: () => {
        this.agents.linkClosed(agentId, linkId);
      },
    };
  }

  /** An agent's usage report: kept as its latest; a malformed one is refused (logged) and the previous stands. */
  private usageReport(agent: AgentRecord, usage: v1.AgentToMaster.IUsage): void {
    if (!this.usage) return;
    try {
      this.usage.report(agent, usage, nowSeconds(this.ctx.clock));
    } catch (e) {
      if (!(e instanceof UsageReportError)) throw e;
      this.usage.refusedReports++;
      this.ctx.log.warn('usage report refused', { agent: agent.id, problem: e.message });
    }
  }

  /** A status update from an agent: record it once, forward it every time. */
  /** A custom executor ended on the agent (or never started): its own resources go back to the allocator. */
  private executorExited(agent: AgentRecord, frameworkId: string, executorId: string): void {
    const key = `${frameworkId}/${executorId}`;
    const record = agent.executors?.get(key);
    if (!record) return;
    agent.executors!.delete(key);
    this.ctx.log.info('executor exited', { agent: agent.id, framework: frameworkId, executor: executorId });
    this.ctx.allocator.recoverResources(frameworkId, agent.id, allocate(record.resources, record.role));
  }

  private statusUpdate(agent: AgentRecord, update: StatusUpdate): void {
    const status = update.status;
    if (!status) return;
    const fid = idOf(update.framework_id);
    this.ctx.metrics.statusUpdates++;
    const fw = this.ctx.frameworks.get(fid);
    this.tasks.applyAgentUpdate(agent, fw, update);
    // Forwarded as the agent sent it when it names this agent already (the usual case), else with its id set on a copy.
    if (fw) sendToFramework(fw, status.agent_id?.value === agent.id ? status : { ...status, agent_id: { value: agent.id } });
    if (fw?.sink) return;
    if (!fw && this.wasRemoved(fid)) {
      // The framework was removed: nobody will acknowledge, so the agent must let its tasks go.
      agent.sink?.send({ shutdown_frameworks: [{ framework_id: { value: fid } }] });
      return;
    }
    // Asked to resend at once when the framework subscribes (see UndeliveredUpdates).
    this.notForwarded(fid, agent.id);
    // With no framework connected the update is not acknowledged, so the
    // agent keeps it and resends: nothing is lost.
  }
}
