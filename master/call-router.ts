/**
 * Call routing: every Scheduler API call but SUBSCRIBE, checked, then sent
 * where it belongs: ACCEPT and DECLINE to the offer book and allocator,
 * KILL / ACKNOWLEDGE / MESSAGE / SHUTDOWN to agents, RECONCILE answered
 * from the task book, RECONCILE_OPERATIONS and ACKNOWLEDGE_OPERATION_STATUS
 * from the operation statuses, REVIVE / SUPPRESS to the allocator, TEARDOWN to the
 * framework lifecycle.
 */
import { randomBytes } from 'node:crypto';
import type { Call, Operation, OperationStatus, Task } from '@meseta/proto/wire';
import { CallType, EventType, Reason, Source, TaskState, enumName, pb, type TaskInfo } from '@meseta/proto/wire';
import { allocate as allocateTo, normalize } from '@meseta/proto/resources';
import { idOf } from '@meseta/proto/ids';
import { nowSeconds } from '@meseta/runtime/clock';
import { OfferDeclines } from './offer-declines';
import { SlicedWalk, type SliceBudget } from './turn-slices';
import { CALL_SLICE_MS } from './call-stream';
import { status } from '@grpc/grpc-js';
import { CallError, failedPrecondition, notFound } from './call-errors';
import type { ReservationConversion } from '@meseta/proto/reservations';
import { persistReservations } from './agent-reservations';
import { agentVolumes, sendVolumes, volumeUsers } from './agent-volumes';
import { noteDestroyed } from './volume-destroys';
import { volumesChange } from '@meseta/proto/volumes';
import { validateCall } from './call-validation';
import { planAccept, type AcceptPlan } from './offer-validation';
import { OperationStatuses } from './operation-statuses';
import { droppedStatus, finishedStatus, invalidOffersStatuses, refusedCallStatuses, speculativeOperations } from './operation-feedback';
import { reconciliationAnswers } from './reconciliation';
import { reserveQuotaProblem } from './reserve-quota';
import { type MasterContext, isPartitionAware, sendToFramework } from './master-context';
import type { MasterTaskBook } from './task-book';
import { TEARDOWN_REASON, type FrameworkLifecycle } from './framework-lifecycle';
import type { FrameworkRecord, MasterToAgentPart } from './state';

/** Default `refuse_seconds` of DECLINE and ACCEPT filters, as Mesos. */
const DEFAULT_REFUSE_SECONDS = 5;

/** Options of {@link CallRouter}. */
export interface CallRouterOptions {
  /**
   * The budget of each slice of a DECLINE's offers (tests: a count).
   * @default {@link CALL_SLICE_MS}, capped by what the master's turn gate has left of the turn
   */
  declineBudget?: () => SliceBudget;
  /** Run a DECLINE's next slice on a later turn. @default the master's turn gate */
  later?: (slice: () => void) => void;
}

/** Routes framework calls. */
export class CallRouter {
  constructor(
    private readonly ctx: MasterContext,
    private readonly tasks: MasterTaskBook,
    private readonly frameworks: FrameworkLifecycle,
    /**
     * Record a framework's answer to inverse offers (`maintenance.ts`);
     * returns the ids not answered (rescinded meanwhile, or not its own).
     */
    private readonly answerInverseOffers: (fw: FrameworkRecord, ids: string[], accept: boolean, refuseSeconds: number | undefined) => string[] = (_fw, ids) => ids,
    /** The latest status of each operation frameworks named (operation feedback). */
    readonly operations: OperationStatuses = new OperationStatuses(),
  ) {}

  /** Seams for tests; see {@link CallRouterOptions}. */
  readonly options: CallRouterOptions = {};

  /** Task ids of ACCEPTs waiting for their registry write, per framework: taken, though not launched yet. */
  private readonly pendingLaunches = new Map<string, Set<string>>();

  /**
   * Handle any non-SUBSCRIBE call. Throws CallError for bad calls. Returns a
   * promise for TEARDOWN (resolved once the removal is durable and done) and
   * for a DECLINE of more offers than one slice declines (resolved once the
   * last is declined).
   */
  handle(call: Call): void | Promise<void> {
    const { ctx } = this;
    validateCall(call);
    const fid = idOf(call.framework_id);
    const fw = ctx.frameworks.get(fid);
    if (!fw) throw notFound(`framework_id: framework ${fid} is not subscribed (it may have been removed)`);
    if (!fw.connected) throw failedPrecondition(`framework ${fid} is not connected: subscribe first`);
    if (fw.removing) throw failedPrecondition(`framework ${fid} is being removed`);
    if (call.stream_id && call.stream_id !== fw.streamId) {
      throw failedPrecondition(`stream_id: ${call.stream_id} is not the framework's current subscription`);
    }
    ctx.metrics.countCall(enumName(pb.Call.Type, call.type));
    switch (call.type) {
      case CallType.ACCEPT:
        return this.accept(fw, call);
      case CallType.DECLINE:
        return this.decline(fw, call);
      case CallType.REVIVE:
        for (const r of call.revive?.roles ?? []) fw.suppressedRoles.delete(r);
        if ((call.revive?.roles ?? []).length === 0) fw.suppressedRoles.clear();
        ctx.allocator.reviveOffers(fw.id, call.revive?.roles ?? []);
        ctx.scheduleAllocation();
        return;
      case CallType.SUPPRESS: {
        const roles = call.suppress?.roles ?? [];
        for (const r of roles.length > 0 ? roles : fw.roles) fw.suppressedRoles.add(r);
        ctx.allocator.suppressOffers(fw.id, roles);
        return;
      }
      case CallType.KILL:
        return this.kill(fw, idOf(call.kill!.task_id), idOf(call.kill!.agent_id), call.kill!.kill_policy ?? undefined);
      case CallType.ACKNOWLEDGE:
        return this.acknowledge(fw, call);
      case CallType.RECONCILE:
        return this.reconcile(fw, call);
      case CallType.ACKNOWLEDGE_OPERATION_STATUS:
        return this.acknowledgeOperation(fw, call);
      case CallType.RECONCILE_OPERATIONS:
        return this.reconcileOperations(fw, call);
      case CallType.MESSAGE: {
        const agent = ctx.agents.get(idOf(call.message!.agent_id));
        if (!agent || !agent.sink) throw notFound(`message.agent_id: agent ${idOf(call.message!.agent_id)} is not connected`);
        agent.sink.send({ messages: [{ framework_id: { value: fw.id }, executor_id: call.message!.executor_id, data: call.message!.data }] });
        return;
      }
      case CallType.SHUTDOWN: {
        const agent = ctx.agents.get(idOf(call.shutdown!.agent_id));
        if (!agent) throw notFound(`shutdown.agent_id: agent ${idOf(call.shutdown!.agent_id)} is unknown`);
        const executorId = idOf(call.shutdown!.executor_id);
        if (executorId && agent.executors?.has(`${fw.id}/${executorId}`) && agent.sink) {
          // A custom executor: the agent sends it SHUTDOWN; its tasks end through it (or with it).
          agent.sink.send({ shutdown_executors: [{ framework_id: { value: fw.id }, executor_id: { value: executorId } }] });
          return;
        }
        for (const t of [...fw.tasks.values()]) {
          if (t.agentId === agent.id && (!executorId || idOf(t.task.executor_id) === executorId)) this.kill(fw, t.taskId, agent.id);
        }
        return;
      }
      case CallType.ACCEPT_INVERSE_OFFERS:
      case CallType.DECLINE_INVERSE_OFFERS: {
        const accept = call.type === CallType.ACCEPT_INVERSE_OFFERS;
        const body = accept ? call.accept_inverse_offers! : call.decline_inverse_offers!;
        const ids = body.inverse_offer_ids!.map((o) => idOf(o));
        const unknown = this.answerInverseOffers(fw, ids, accept, body.filters?.refuse_seconds ?? undefined);
        // As Mesos: an inverse offer rescinded meanwhile is not an error of the framework's.
        if (unknown.length > 0) ctx.log.info('inverse offer answer for ids no longer outstanding, ignored', { framework: fw.id, inverse_offers: unknown });
        return;
      }
      case CallType.TEARDOWN:
        return this.frameworks.remove(fw, TEARDOWN_REASON);
      case CallType.UPDATE_FRAMEWORK:
        return this.frameworks.update(fw, call.update_framework!.framework_info!, call.update_framework!.suppressed_roles ?? []);
    }
  }

  private accept(fw: FrameworkRecord, call: Call): void {
    const { ctx } = this;
    const accept = call.accept!;
    const operations = accept.operations ?? [];
    const offerIds = accept.offer_ids!.map((o) => idOf(o));
    const pending = this.pendingLaunches.get(fw.id);
    const plan = planAccept(
      {
        frameworkId: fw.id,
        lookupOffer: (id) => ctx.offerBook.get(id),
        // A task of an ACCEPT still waiting for its registry write counts as live too.
        isLiveTask: (taskId) => fw.tasks.has(taskId) || pending?.has(taskId) === true,
        largestAgent: (role) => ctx.allocator.largestAgent(role),
        isExecutorRunning: (agentId, executorId) => ctx.agents.get(agentId)?.executors?.has(`${fw.id}/${executorId}`) === true,
        principal: fw.info.principal ?? undefined,
        reserveQuotaProblem: (reserved, field, role) => {
          const refusal = reserveQuotaProblem(ctx.allocator, reserved, field, role);
          return refusal && { message: refusal.message, shortfalls: refusal.refusals };
        },
        agentVolumes: (agentId) => {
          const a = ctx.agents.get(agentId);
          return a ? agentVolumes(a) : [];
        },
        volumeUsers: (agentId, volume) => {
          const a = ctx.agents.get(agentId);
          return a ? volumeUsers(a, volume) : [];
        },
      },
      offerIds,
      operations,
    );
    // A refused RESERVE / UNRESERVE refuses the whole call before anything changed; the offers stay outstanding.
    if (plan.operationError) {
      for (const s of refusedCallStatuses(operations, plan.operationError.message, plan.agentId)) this.sendOperationStatus(fw, s, operations);
      throw new CallError(status.INVALID_ARGUMENT, plan.operationError.message);
    }
    for (const r of plan.refused) {
      ctx.metrics.tasksRefused++;
      this.sendMasterUpdate(fw, r.task, r.state, r.reason, r.message, plan.agentId || idOf(r.task.agent_id));
    }
    if (plan.offerError) {
      ctx.log.warn('accept refused', { framework: fw.id, problem: plan.offerError });
      for (const s of invalidOffersStatuses(operations, plan.offerError)) this.sendOperationStatus(fw, s, operations);
      return;
    }
    const role = plan.offers[0]?.role ?? fw.roles[0];
    for (const o of plan.offers) ctx.offerBook.remove(o.id);
    if (plan.conversions.length === 0) {
      this.carryOut(fw, plan, role, accept.filters?.refuse_seconds ?? undefined);
      ctx.scheduleAllocation();
      return;
    }
    this.applyDurably(fw, plan, role, operations, accept.filters?.refuse_seconds ?? undefined);
  }

  /**
   * Durable before visible: the ACCEPT's conversions (RESERVE, UNRESERVE,
   * CREATE, DESTROY) are applied to the allocator at once (what they
   * convert stays allocated to the framework, so nothing is offered), and
   * the agent's registry entry is written, coalesced with every other change
   * to it and grouped with other agents' by the registrar. Only once that
   * write is durable are the launches of the same call sent to the agent,
   * the unused resources given back to the allocator, and
   * OPERATION_FINISHED sent for operations with ids. If the write fails the
   * conversions are undone, the launches dropped and the operations
   * reported OPERATION_DROPPED.
   */
  private applyDurably(fw: FrameworkRecord, plan: AcceptPlan, role: string, operations: readonly Operation[], refuseSeconds: number | undefined): void {
    const { ctx } = this;
    const agent = ctx.agents.get(plan.agentId);
    const volumesBefore = agent ? agentVolumes(agent) : [];
    this.applyConversions(fw, plan.agentId, role, plan.conversions);
    const volumesChanged = agent ? volumesChange(volumesBefore, agentVolumes(agent)) : undefined;
    if (agent && volumesChanged) noteDestroyed(agent, volumesChanged.destroyed);
    const taskIds = plan.launches.flatMap((l) => l.tasks.map((t) => idOf(t.task_id)));
    let pending = this.pendingLaunches.get(fw.id);
    if (taskIds.length > 0) {
      if (!pending) this.pendingLaunches.set(fw.id, (pending = new Set()));
      for (const id of taskIds) pending.add(id);
    }
    const release = (): void => {
      const set = this.pendingLaunches.get(fw.id);
      if (!set) return;
      for (const id of taskIds) set.delete(id);
      if (set.size === 0) this.pendingLaunches.delete(fw.id);
    };
    const durable = agent ? persistReservations(ctx, agent) : Promise.resolve(true);
    void durable.then((ok) => {
      release();
      // CREATE / DESTROY: the agent learns its volumes once durable, ahead of this call's launches.
      if (ok && agent && volumesChanged) sendVolumes(ctx, agent);
      // The framework was removed meanwhile: its allocation went with it.
      if (ctx.frameworks.get(fw.id) !== fw) return;
      const ops = speculativeOperations(operations);
      if (!ok) {
        this.undoConversions(fw, plan, role);
        for (const launch of plan.launches) {
          for (const t of launch.tasks) {
            this.sendMasterUpdate(fw, t, TaskState.TASK_DROPPED, Reason.REASON_MASTER_DISCONNECTED, `Task dropped: the registry write of agent ${plan.agentId}'s reservations failed`, plan.agentId);
          }
        }
        for (const op of ops) if (op.id) this.sendOperationStatus(fw, droppedStatus(op.id, plan.agentId, `the registry write of agent ${plan.agentId}'s resources failed; the operation was undone`), operations);
        ctx.scheduleAllocation();
        return;
      }
      this.carryOut(fw, plan, role, refuseSeconds);
      plan.conversions.forEach((c, k) => {
        const id = ops[k]?.id;
        if (id) this.sendOperationStatus(fw, finishedStatus(id, plan.agentId, allocateTo(c.converted, role), randomBytes(16)), operations);
      });
      ctx.scheduleAllocation();
    });
  }

  /** Send the ACCEPT's launches to the agent (one message part) and give back what they did not use. */
  private carryOut(fw: FrameworkRecord, plan: AcceptPlan, role: string, refuseSeconds: number | undefined): void {
    const { ctx } = this;
    const agent = ctx.agents.get(plan.agentId);
    // Every launch of this ACCEPT goes to the agent in one message part, in order.
    const runs: NonNullable<MasterToAgentPart['run']> = [];
    for (const launch of plan.launches) {
      if (!agent || agent.status !== 'ACTIVE' || !agent.sink) {
        for (const t of launch.tasks) {
          this.sendMasterUpdate(fw, t, TaskState.TASK_DROPPED, Reason.REASON_AGENT_DISCONNECTED, `Task dropped: agent ${plan.agentId} is not connected`, plan.agentId);
        }
        ctx.allocator.recoverResources(fw.id, plan.agentId, allocateTo(launch.resources, role));
        continue;
      }
      // A lone task without an executor consumes exactly its own resources: the plan's normalised copy is the task's.
      const own = !launch.group && !launch.tasks[0].executor ? launch.resources : undefined;
      for (const t of launch.tasks) this.tasks.launch(fw, agent, t, role, own);
      if (launch.startsExecutor) {
        const { executorId, resources } = launch.startsExecutor;
        (agent.executors ??= new Map()).set(`${fw.id}/${executorId}`, { frameworkId: fw.id, executorId, resources, role });
      }
      // The call's own decoded TaskInfos go to the agent, not copies: the agent id is set in place where the
      // framework left it out (planAccept refused a task naming another agent).
      for (const t of launch.tasks) if (t.agent_id?.value !== agent.id) t.agent_id = { value: agent.id };
      runs.push(launch.group ? { framework: fw.info, executor: launch.executor, task_group: { tasks: launch.tasks } } : { framework: fw.info, task: launch.tasks[0] });
      ctx.metrics.tasksLaunched += launch.tasks.length;
    }
    if (runs.length > 0) agent!.sink!.send({ run: runs });
    if (plan.unused.length > 0) {
      ctx.allocator.recoverResources(fw.id, plan.agentId, allocateTo(plan.unused, role), {
        refuseSeconds: refuseSeconds ?? DEFAULT_REFUSE_SECONDS,
      });
    }
  }

  /**
   * RESERVE / UNRESERVE (CREATE / DESTROY) of an accepted offer: the
   * allocator converts the agent's total and what the framework holds; the
   * master's record of the agent's total follows (what /state shows).
   */
  private applyConversions(fw: FrameworkRecord, agentId: string, role: string, conversions: readonly ReservationConversion[]): void {
    const { ctx } = this;
    for (const c of conversions) {
      if (ctx.allocator.updateAllocation?.(fw.id, agentId, role, c) !== true) {
        ctx.log.warn('reservation not applied: the allocator does not hold the offered resources', { framework: fw.id, agent: agentId });
      }
    }
    const agent = ctx.agents.get(agentId);
    const total = ctx.allocator.agentTotal?.(agentId);
    if (agent && total) agent.total = total;
  }

  /** Undo an ACCEPT's conversions (its registry write failed) and give back everything it held, as offered. */
  private undoConversions(fw: FrameworkRecord, plan: AcceptPlan, role: string): void {
    const inverse = [...plan.conversions].reverse().map((c) => ({ consumed: c.converted, converted: c.consumed }));
    this.applyConversions(fw, plan.agentId, role, inverse);
    const offered = normalize(plan.offers.flatMap((o) => o.resources));
    this.ctx.allocator.recoverResources(fw.id, plan.agentId, allocateTo(offered, role));
  }

  /**
   * Keep an operation's status (for reconciliation, acknowledgement and
   * GET_OPERATIONS, with the operation of `operations` it is of) and send
   * it on the framework's stream.
   */
  private sendOperationStatus(fw: FrameworkRecord, s: OperationStatus, operations: readonly Operation[]): void {
    const id = s.operation_id?.value;
    this.operations.record(fw.id, s, this.ctx.clock.now(), operations.find((o) => o.id?.value === id));
    this.ctx.log.info('operation status', { framework: fw.id, operation: s.operation_id?.value, state: enumName(pb.OperationState, s.state ?? 0), message: s.message ?? '' });
    fw.sink?.send({ type: EventType.UPDATE_OPERATION_STATUS, update_operation_status: { status: s } });
  }

  /**
   * Send again the unacknowledged operation statuses whose retry time came
   * (10 s, doubling to 10 min, as Mesos's agent retries them); a framework
   * without a stream gets them all when it subscribes again.
   */
  resendDueOperationStatuses(): void {
    for (const { frameworkId, status: s } of this.operations.due(this.ctx.clock.now())) {
      this.ctx.frameworks.get(frameworkId)?.sink?.send({ type: EventType.UPDATE_OPERATION_STATUS, update_operation_status: { status: s } });
    }
  }

  /** An ACCEPT refused because of one of its operations (`message` names it): statuses for the operations with ids. */
  reportRefusedAccept(fw: FrameworkRecord, operations: readonly Operation[], message: string): void {
    for (const s of refusedCallStatuses(operations, message, '')) this.sendOperationStatus(fw, s, operations);
  }

  /** Send the framework again the OPERATION_FINISHED updates it has not acknowledged (it subscribed again). */
  resendOperationStatuses(fw: FrameworkRecord): void {
    for (const s of this.operations.unacknowledged(fw.id)) fw.sink?.send({ type: EventType.UPDATE_OPERATION_STATUS, update_operation_status: { status: s } });
  }

  private acknowledgeOperation(fw: FrameworkRecord, call: Call): void {
    const ack = call.acknowledge_operation_status!;
    const operationId = ack.operation_id!.value!;
    const outcome = this.operations.acknowledge(fw.id, operationId, ack.uuid!);
    // As a task's acknowledgement: one for an operation already forgotten is harmless.
    if (outcome !== 'acknowledged') this.ctx.log.info('operation status acknowledgement ignored', { framework: fw.id, operation: operationId, outcome });
  }

  private reconcileOperations(fw: FrameworkRecord, call: Call): void {
    const asked = (call.reconcile_operations?.operations ?? []).map((o) => ({ operationId: o.operation_id?.value ?? '', agentId: idOf(o.agent_id) || undefined }));
    for (const s of this.operations.reconcile(fw.id, asked)) fw.sink?.send({ type: EventType.UPDATE_OPERATION_STATUS, update_operation_status: { status: s } });
  }

  /**
   * DECLINE: the offers go back to the allocator with the call's filter, a
   * slice at a time ({@link CALL_SLICE_MS}); the rest of a long list on later
   * turns, the call answered once the last is declined (later calls on the
   * same stream wait for it, so their order is kept). An offer rescinded
   * meanwhile is skipped, as one already gone when the call came.
   */
  private decline(fw: FrameworkRecord, call: Call): void | Promise<void> {
    const { ctx } = this;
    const body = call.decline!;
    const declines = new OfferDeclines(ctx, fw, body.filters?.refuse_seconds ?? DEFAULT_REFUSE_SECONDS, body.refusals ?? []);
    const walk = new SlicedWalk(body.offer_ids!.values(), (o) => declines.decline(idOf(o)));
    const step = (): boolean => {
      // Removed meanwhile: its offers were rescinded with it, nothing is left to decline.
      if (ctx.frameworks.get(fw.id) !== fw) return true;
      const done = walk.step(this.options.declineBudget?.() ?? this.ctx.turnGate.budget(CALL_SLICE_MS));
      declines.record();
      // One pass for the whole call, as before it was sliced: the offers' resources are filtered for this framework anyway.
      if (done) ctx.scheduleAllocation();
      return done;
    };
    if (step()) return;
    const later = this.options.later ?? ((slice: () => void) => this.ctx.turnGate.later(slice));
    return new Promise<void>((resolve, reject) => {
      const slice = (): void => {
        try {
          if (step()) resolve();
          else later(slice);
        } catch (e) {
          reject(e);
        }
      };
      later(slice);
    });
  }

  /** An operator's kill of a live task: the framework's own kill path. */
  killByOperator(fw: FrameworkRecord, taskId: string, agentId: string, killPolicy?: Task['kill_policy']): void {
    this.kill(fw, taskId, agentId, killPolicy);
  }

  private kill(fw: FrameworkRecord, taskId: string, agentIdHint: string, killPolicy?: Task['kill_policy']): void {
    const { ctx } = this;
    const task = fw.tasks.get(taskId);
    if (!task) {
      // Unknown task: tell the framework so it does not wait forever.
      const completed = this.tasks.completed(fw, taskId);
      const state = completed?.latest?.state ?? (isPartitionAware(fw) ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST);
      sendToFramework(fw, {
        task_id: { value: taskId },
        agent_id: agentIdHint ? { value: agentIdHint } : undefined,
        state,
        source: Source.SOURCE_MASTER,
        reason: Reason.REASON_RECONCILIATION,
        message: completed ? 'Task already ended' : `Kill of unknown task ${taskId}`,
        timestamp: nowSeconds(ctx.clock),
      });
      return;
    }
    const agent = ctx.agents.get(task.agentId);
    if (!agent || !agent.sink || agent.status !== 'ACTIVE') {
      ctx.log.warn('kill deferred: agent not connected', { framework: fw.id, task: taskId, agent: task.agentId });
      // It is killed when the agent comes back (see AgentLifecycle.reconcileTasks), as Mesos does.
      task.kill = { phase: 'pending', policy: killPolicy };
      return;
    }
    agent.sink.send({ kill: [{ framework_id: { value: fw.id }, task_id: { value: taskId }, kill_policy: killPolicy ?? task.task.kill_policy }] });
    task.kill = { phase: 'sent', at: nowSeconds(ctx.clock) };
  }

  private acknowledge(fw: FrameworkRecord, call: Call): void {
    const acks = call.acknowledge ? [call.acknowledge, ...(call.acknowledgements ?? [])] : (call.acknowledgements ?? []);
    const perAgent = new Map<string, Array<{ framework_id: { value: string }; task_id: { value: string }; uuid: Uint8Array }>>();
    // One framework id message for the whole call; each task id is the call's own decoded one (validated: set).
    const frameworkId = { value: fw.id };
    for (const a of acks) {
      const agentId = idOf(a.agent_id);
      let list = perAgent.get(agentId);
      if (!list) perAgent.set(agentId, (list = []));
      list.push({ framework_id: frameworkId, task_id: a.task_id as { value: string }, uuid: a.uuid! });
    }
    for (const [agentId, list] of perAgent) {
      // An ack for a disconnected agent is dropped; the agent resends and the SDK acknowledges again.
      this.ctx.agents.get(agentId)?.sink?.send({ acknowledgements: list });
    }
    this.ctx.metrics.acknowledgements += acks.length;
  }

  private reconcile(fw: FrameworkRecord, call: Call): void {
    const answers = reconciliationAnswers(
      {
        partitionAware: isPartitionAware(fw),
        liveTask: (id) => fw.tasks.get(id),
        completedTask: (id) => this.tasks.completed(fw, id),
        liveTasks: () => fw.tasks.values(),
        agentStatus: (id) => this.ctx.agents.get(id)?.status,
      },
      call.reconcile?.tasks ?? [],
      nowSeconds(this.ctx.clock),
    );
    for (const status of answers) sendToFramework(fw, status);
  }

  /** A refusal the master makes itself (TASK_ERROR, TASK_DROPPED): no uuid, no ack. */
  private sendMasterUpdate(fw: FrameworkRecord, task: TaskInfo, state: TaskState, reason: number, message: string, agentId: string): void {
    this.ctx.log.info('task refused', { framework: fw.id, task: idOf(task.task_id), state: enumName(pb.TaskState, state), message });
    sendToFramework(fw, {
      task_id: task.task_id ?? { value: '' }, agent_id: agentId ? { value: agentId } : undefined,
      state, reason, source: Source.SOURCE_MASTER, message, timestamp: nowSeconds(this.ctx.clock),
    });
  }
}

