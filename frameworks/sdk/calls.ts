/**
 * Compilation of the driver's method arguments into wire `Call` messages.
 * Pure: the driver stamps `framework_id` and `stream_id` on the result
 * (see {@link stampCall}) and sends it.
 */
import type {
  Call,
  ExecutorInfo,
  Filters,
  FrameworkInfo,
  InsufficientResource,
  Operation,
  OperationStatus,
  TaskInfo,
  TaskStatus,
} from '@meseta/proto/wire';
import { CallType, OperationType } from '@meseta/proto/wire';
import { MAX_MESSAGE_BYTES, MAX_REFUSALS, truncateText } from '@meseta/proto/limits';

/** Filters of ACCEPT and DECLINE. */
export interface FilterOptions {
  /**
   * Seconds not to be offered the unused (or declined) resources of that agent again.
   * @default 5 (applied by the master)
   */
  refuseSeconds?: number;
}

/** Options of a DECLINE. */
export interface DeclineOptions extends FilterOptions {
  /**
   * Why the offers were declined, as data (e.g. from `firstFit`); the
   * master keeps them for the UI.
   * @default []
   */
  refusals?: InsufficientResource[];
}

/** A task to reconcile. */
export interface ReconcileTask {
  taskId: string;
  /** The agent the framework believes runs it. @default unset */
  agentId?: string;
}

/** What identifies the caller on every call. */
export interface CallerIdentity {
  frameworkId: string;
  streamId: string;
}

/** A copy of `call` carrying the framework id and the stream id of SUBSCRIBED. */
export function stampCall(call: Call, caller: CallerIdentity): Call {
  return { ...call, framework_id: { value: caller.frameworkId }, stream_id: caller.streamId };
}

/** The name of a call type, e.g. `ACCEPT`. */
export function callTypeName(call: Call): string {
  return (CallType as unknown as Record<number, string>)[call.type ?? 0] ?? String(call.type);
}

/** SUBSCRIBE with the framework info (its `id` set when resuming). */
export function compileSubscribe(frameworkInfo: FrameworkInfo, suppressedRoles: string[] = []): Call {
  const call: Call = { type: CallType.SUBSCRIBE, subscribe: { framework_info: frameworkInfo } };
  if (frameworkInfo.id?.value) call.framework_id = { value: frameworkInfo.id.value };
  if (suppressedRoles.length > 0) call.subscribe!.suppressed_roles = [...suppressedRoles];
  return call;
}

/** `Filters`, or undefined to let the master apply its default. */
export function compileFilters(options: FilterOptions | undefined): Filters | undefined {
  if (options?.refuseSeconds === undefined) return undefined;
  if (!(options.refuseSeconds >= 0)) throw new Error(`filters.refuseSeconds: must be >= 0, got ${options.refuseSeconds}`);
  return { refuse_seconds: options.refuseSeconds };
}

/** A LAUNCH operation. */
export function compileLaunch(tasks: TaskInfo[]): Operation {
  return { type: OperationType.LAUNCH, launch: { task_infos: tasks } };
}

/** A LAUNCH_GROUP operation: the tasks run together under one executor. */
export function compileLaunchGroup(executor: ExecutorInfo, tasks: TaskInfo[]): Operation {
  return { type: OperationType.LAUNCH_GROUP, launch_group: { executor, task_group: { tasks } } };
}

/** ACCEPT: apply the operations to the offers (all from one agent). */
export function compileAccept(offerIds: string[], operations: Operation[], filters?: FilterOptions): Call {
  if (offerIds.length === 0) throw new Error('accept.offer_ids: required');
  const call: Call = {
    type: CallType.ACCEPT,
    accept: { offer_ids: offerIds.map((value) => ({ value })), operations },
  };
  const compiled = compileFilters(filters);
  if (compiled) call.accept!.filters = compiled;
  return call;
}

/** DECLINE: give the offers back, optionally saying why. */
/** ACCEPT_INVERSE_OFFERS or DECLINE_INVERSE_OFFERS of these inverse offers (`refuseSeconds`: ask again after). */
export function compileInverseOfferAnswer(accept: boolean, inverseOfferIds: string[], filters?: FilterOptions): Call {
  const field = accept ? 'accept_inverse_offers' : 'decline_inverse_offers';
  if (inverseOfferIds.length === 0) throw new Error(`${field}.inverse_offer_ids: required`);
  const body: { inverse_offer_ids: Array<{ value: string }>; filters?: ReturnType<typeof compileFilters> } = { inverse_offer_ids: inverseOfferIds.map((value) => ({ value })) };
  const compiled = compileFilters(filters);
  if (compiled) body.filters = compiled;
  return accept
    ? { type: CallType.ACCEPT_INVERSE_OFFERS, accept_inverse_offers: body }
    : { type: CallType.DECLINE_INVERSE_OFFERS, decline_inverse_offers: body };
}

export function compileDecline(offerIds: string[], options: DeclineOptions = {}): Call {
  if (offerIds.length === 0) throw new Error('decline.offer_ids: required');
  const call: Call = { type: CallType.DECLINE, decline: { offer_ids: offerIds.map((value) => ({ value })) } };
  const compiled = compileFilters(options);
  if (compiled) call.decline!.filters = compiled;
  if (options.refusals && options.refusals.length > 0) {
    // Refusals only explain: trim them to the master's limits rather than have the DECLINE refused.
    call.decline!.refusals = options.refusals
      .slice(0, MAX_REFUSALS)
      .map((r) => (r.message ? { ...r, message: truncateText(r.message, MAX_MESSAGE_BYTES) } : r));
  }
  return call;
}

/** REVIVE: clear filters and ask for offers again (for all roles when empty). */
export function compileRevive(roles: string[] = []): Call {
  return { type: CallType.REVIVE, revive: { roles: [...roles] } };
}

/** SUPPRESS: stop sending offers (for all roles when empty). */
export function compileSuppress(roles: string[] = []): Call {
  return { type: CallType.SUPPRESS, suppress: { roles: [...roles] } };
}

/** KILL, with an optional grace period between SIGTERM and SIGKILL. */
export function compileKill(taskId: string, agentId?: string, gracePeriodSeconds?: number): Call {
  if (!taskId) throw new Error('kill.task_id: required');
  const call: Call = { type: CallType.KILL, kill: { task_id: { value: taskId } } };
  if (agentId) call.kill!.agent_id = { value: agentId };
  if (gracePeriodSeconds !== undefined) {
    if (!(gracePeriodSeconds >= 0)) throw new Error(`kill.kill_policy.grace_period: must be >= 0, got ${gracePeriodSeconds}`);
    call.kill!.kill_policy = { grace_period: { nanoseconds: Math.round(gracePeriodSeconds * 1e9) } };
  }
  return call;
}

/**
 * One ACKNOWLEDGE carrying many acknowledgements (Meseta's batched form).
 * Statuses without a uuid are skipped: they need no acknowledgement.
 */
export function compileAcknowledge(statuses: TaskStatus[]): Call {
  return {
    type: CallType.ACKNOWLEDGE,
    acknowledgements: statuses
      .filter((s) => s.uuid && s.uuid.length > 0)
      .map((s) => ({
        agent_id: s.agent_id ? { value: s.agent_id.value } : undefined,
        task_id: { value: s.task_id?.value ?? '' },
        uuid: s.uuid,
      })),
  };
}

/** RECONCILE: explicit for the listed tasks, implicit (every live task) when empty. */
export function compileReconcile(tasks: ReconcileTask[] = []): Call {
  return {
    type: CallType.RECONCILE,
    reconcile: {
      tasks: tasks.map((t) => ({
        task_id: { value: t.taskId },
        ...(t.agentId ? { agent_id: { value: t.agentId } } : {}),
      })),
    },
  };
}

/** An operation a framework asks about in RECONCILE_OPERATIONS. */
export interface ReconcileOperation {
  operationId: string;
  agentId?: string;
}

/** RECONCILE_OPERATIONS: the latest status of the listed operations, or of every one the master knows when empty. */
export function compileReconcileOperations(operations: ReconcileOperation[] = []): Call {
  return {
    type: CallType.RECONCILE_OPERATIONS,
    reconcile_operations: {
      operations: operations.map((o) => ({
        operation_id: { value: o.operationId },
        ...(o.agentId ? { agent_id: { value: o.agentId } } : {}),
      })),
    },
  };
}

/** ACKNOWLEDGE_OPERATION_STATUS of a status that carries a uuid (OPERATION_FINISHED). */
export function compileAcknowledgeOperationStatus(status: OperationStatus): Call {
  return {
    type: CallType.ACKNOWLEDGE_OPERATION_STATUS,
    acknowledge_operation_status: {
      operation_id: status.operation_id ?? undefined,
      uuid: status.uuid?.value ?? undefined,
      ...(status.agent_id ? { agent_id: status.agent_id } : {}),
    },
  };
}

/** MESSAGE: opaque data for an executor. */
export function compileMessage(agentId: string, executorId: string, data: Uint8Array): Call {
  return {
    type: CallType.MESSAGE,
    message: { agent_id: { value: agentId }, executor_id: { value: executorId }, data },
  };
}

/** SHUTDOWN: stop one executor on one agent (a custom executor gets SHUTDOWN and ends its tasks). */
export function compileShutdown(agentId: string, executorId: string): Call {
  return {
    type: CallType.SHUTDOWN,
    shutdown: { agent_id: { value: agentId }, executor_id: { value: executorId } },
  };
}

/** TEARDOWN: kill every task and remove the framework. */
export function compileTeardown(): Call {
  return { type: CallType.TEARDOWN };
}
