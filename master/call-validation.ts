/**
 * Shape checks for Scheduler API calls, before any state is touched. Pure:
 * a malformed call throws a {@link CallError} naming the field; a call that
 * passes may still be refused later for what it refers to (unknown offers,
 * live task ids), which is reported as task status updates instead.
 *
 * Sizes are checked here too, against `proto/src/limits.ts`: names, ids,
 * commands, environment, labels, decline refusals, roles, MESSAGE data and
 * reconcile lists. A call over a limit is refused whole, with the field and
 * the limit: `accept.operations[0].launch.task_infos[2].name: 1200 bytes,
 * the limit is 1024`.
 */
import type { Call, ExecutorInfo, Operation, TaskInfo } from '@meseta/proto/wire';
import { CallType, OperationType, enumName, pb } from '@meseta/proto/wire';
import { status } from '@grpc/grpc-js';
import { CallError, invalidArgument } from './call-errors';
import {
  MAX_DATA_BYTES,
  MAX_ID_BYTES,
  MAX_RECONCILE_TASKS,
  MAX_UUID_BYTES,
  bytesProblem,
  countProblem,
  executorInfoProblem,
  frameworkInfoProblem,
  idProblem,
  limitProblemText,
  refusalsProblem,
  rolesProblem,
  taskInfoProblem,
  taskInfoWithinLimits,
  utf8Length,
  type LimitProblem,
} from '@meseta/proto/limits';
import { idCharactersProblem, idCharactersValid, resourcesProblem, resourcesValid } from '@meseta/proto/resource-validation';
import { multiRoleProblem, offerFiltersProblem } from './framework-roles-validation';

/** Refuse the call when a size check found a field over its limit. */
function refuseOverLimit(problem: LimitProblem | undefined): void {
  if (problem) throw invalidArgument(problem.field, limitProblemText(problem));
}

/** A required id; `field` names it (`kill.task_id`). Its value is checked against MAX_ID_BYTES too. */
function requireId(value: { value?: string | null } | null | undefined, field: string): void {
  if (!value || !value.value) throw invalidArgument(field, 'required');
  refuseOverLimit(idProblem(field, value));
}

/** An optional id: only its size is checked. */
function checkIdSize(value: { value?: string | null } | null | undefined, field: string): void {
  refuseOverLimit(idProblem(field, value));
}

function checkFilters(filters: { refuse_seconds?: number | null } | null | undefined, field: string): void {
  const s = filters?.refuse_seconds;
  if (s === null || s === undefined) return;
  if (!Number.isFinite(s) || s < 0) throw invalidArgument(`${field}.refuse_seconds`, `must be a non-negative number, got ${s}`);
}

/** Refuse the call when a shape check found a problem (the text names the field). */
function refuseProblem(problem: string | undefined): void {
  if (problem) throw new CallError(status.INVALID_ARGUMENT, problem);
}

/**
 * A task's resources (NaN, infinite, negative, absurd, malformed) and its
 * id's characters (it becomes a sandbox directory name): refused whole,
 * as the size limits are.
 */
function checkTaskShape(task: TaskInfo, fieldOf: () => string): void {
  // The common case (nothing wrong) builds no field names; the long way only words the refusal.
  if (idCharactersValid(task.task_id?.value) && resourcesValid(task.resources) && (!task.executor || executorShapeValid(task.executor))) return;
  const field = fieldOf();
  refuseProblem(idCharactersProblem(`${field}.task_id.value`, task.task_id?.value));
  refuseProblem(resourcesProblem(`${field}.resources`, task.resources));
  if (task.executor) checkExecutorShape(task.executor, `${field}.executor`);
}

function executorShapeValid(executor: ExecutorInfo): boolean {
  return idCharactersValid(executor.executor_id?.value) && resourcesValid(executor.resources);
}

function checkExecutorShape(executor: ExecutorInfo, field: string): void {
  refuseProblem(idCharactersProblem(`${field}.executor_id.value`, executor.executor_id?.value));
  refuseProblem(resourcesProblem(`${field}.resources`, executor.resources));
}

/** A task's sizes; the message (and the field's name) is built only for a task over a limit. */
function checkTaskLimits(task: TaskInfo, field: () => string): void {
  if (!taskInfoWithinLimits(task)) refuseOverLimit(taskInfoProblem(field(), task));
}

function checkOperation(op: Operation, field: string): void {
  if (op.id?.value) {
    // As Mesos: feedback is for operations on resources; a task's own updates report a launch.
    if (op.type === OperationType.LAUNCH || op.type === OperationType.LAUNCH_GROUP) {
      throw invalidArgument(`${field}.id`, `not allowed on ${enumName(pb.Offer.Operation.Type, op.type)} (tasks report through their status updates); set it on RESERVE, UNRESERVE, CREATE or DESTROY`);
    }
    checkIdSize(op.id, `${field}.id.value`);
    refuseProblem(idCharactersProblem(`${field}.id.value`, op.id.value));
  }
  switch (op.type) {
    case OperationType.LAUNCH:
      if (!op.launch) throw invalidArgument(`${field}.launch`, 'required for a LAUNCH operation');
      if (!op.launch.task_infos || op.launch.task_infos.length === 0) {
        throw invalidArgument(`${field}.launch.task_infos`, 'at least one task is required');
      }
      {
        // Sizes of every task first, then shapes, as before; a field's name is built only for a refusal.
        const tasks = op.launch.task_infos;
        for (let i = 0; i < tasks.length; i++) checkTaskLimits(tasks[i], () => `${field}.launch.task_infos[${i}]`);
        for (let i = 0; i < tasks.length; i++) checkTaskShape(tasks[i], () => `${field}.launch.task_infos[${i}]`);
      }
      return;
    case OperationType.LAUNCH_GROUP:
      if (!op.launch_group) throw invalidArgument(`${field}.launch_group`, 'required for a LAUNCH_GROUP operation');
      if (!op.launch_group.task_group?.tasks || op.launch_group.task_group.tasks.length === 0) {
        throw invalidArgument(`${field}.launch_group.task_group.tasks`, 'at least one task is required');
      }
      refuseOverLimit(executorInfoProblem(`${field}.launch_group.executor`, op.launch_group.executor));
      op.launch_group.task_group.tasks.forEach((t, i) => checkTaskLimits(t, () => `${field}.launch_group.task_group.tasks[${i}]`));
      if (op.launch_group.executor) checkExecutorShape(op.launch_group.executor, `${field}.launch_group.executor`);
      op.launch_group.task_group.tasks.forEach((t, i) => checkTaskShape(t, () => `${field}.launch_group.task_group.tasks[${i}]`));
      return;
    case OperationType.RESERVE:
      if (!op.reserve) throw invalidArgument(`${field}.reserve`, 'required for a RESERVE operation');
      refuseProblem(resourcesProblem(`${field}.reserve.resources`, op.reserve.resources));
      return;
    case OperationType.UNRESERVE:
      if (!op.unreserve) throw invalidArgument(`${field}.unreserve`, 'required for an UNRESERVE operation');
      refuseProblem(resourcesProblem(`${field}.unreserve.resources`, op.unreserve.resources));
      return;
    case OperationType.CREATE:
      if (!op.create) throw invalidArgument(`${field}.create`, 'required for a CREATE operation');
      refuseProblem(resourcesProblem(`${field}.create.volumes`, op.create.volumes));
      return;
    case OperationType.DESTROY:
      if (!op.destroy) throw invalidArgument(`${field}.destroy`, 'required for a DESTROY operation');
      refuseProblem(resourcesProblem(`${field}.destroy.volumes`, op.destroy.volumes));
      return;
    default:
      throw invalidArgument(`${field}.type`, `unknown operation type ${op.type ?? '(missing)'}`);
  }
}

/** An operation id named twice in one ACCEPT: the first repeat, naming the field. */
function duplicateOperationIdProblem(operations: readonly Operation[]): string | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < operations.length; i++) {
    const id = operations[i].id?.value;
    if (!id) continue;
    const first = seen.get(id);
    if (first !== undefined) return `accept.operations[${i}].id.value: "${id}" is also the id of accept.operations[${first}]; operation ids must be unique`;
    seen.set(id, i);
  }
  return undefined;
}

/**
 * Check a non-SUBSCRIBE call's shape. Throws a CallError naming the field.
 */
export function validateCall(call: Call): void {
  if (call.type === null || call.type === undefined || call.type === CallType.UNKNOWN) {
    throw invalidArgument('type', 'required (ACCEPT, DECLINE, KILL, ...)');
  }
  if (call.type === CallType.SUBSCRIBE) throw invalidArgument('type', 'SUBSCRIBE goes to the Subscribe method, not Call');
  requireId(call.framework_id, 'framework_id');
  switch (call.type) {
    case CallType.ACCEPT: {
      const accept = call.accept;
      if (!accept) throw invalidArgument('accept', 'required for ACCEPT');
      if (!accept.offer_ids || accept.offer_ids.length === 0) throw invalidArgument('accept.offer_ids', 'at least one offer id is required');
      accept.offer_ids.forEach((id, i) => requireId(id, `accept.offer_ids[${i}].value`));
      (accept.operations ?? []).forEach((op, i) => checkOperation(op, `accept.operations[${i}]`));
      refuseProblem(duplicateOperationIdProblem(accept.operations ?? []));
      checkFilters(accept.filters, 'accept.filters');
      return;
    }
    case CallType.DECLINE: {
      const decline = call.decline;
      if (!decline) throw invalidArgument('decline', 'required for DECLINE');
      if (!decline.offer_ids || decline.offer_ids.length === 0) throw invalidArgument('decline.offer_ids', 'at least one offer id is required');
      decline.offer_ids.forEach((id, i) => requireId(id, `decline.offer_ids[${i}].value`));
      checkFilters(decline.filters, 'decline.filters');
      refuseOverLimit(refusalsProblem('decline.refusals', decline.refusals));
      return;
    }
    case CallType.KILL:
      if (!call.kill) throw invalidArgument('kill', 'required for KILL');
      requireId(call.kill.task_id, 'kill.task_id');
      checkIdSize(call.kill.agent_id, 'kill.agent_id');
      return;
    case CallType.ACKNOWLEDGE: {
      const acks = [...(call.acknowledge ? [call.acknowledge] : []), ...(call.acknowledgements ?? [])];
      if (acks.length === 0) throw invalidArgument('acknowledge', 'required for ACKNOWLEDGE (or acknowledgements[])');
      // The common case (every acknowledgement whole) builds no field names; the long way words a refusal.
      if (acks.every(ackValid)) return;
      acks.forEach((a, i) => {
        const field = call.acknowledge && i === 0 ? 'acknowledge' : `acknowledgements[${call.acknowledge ? i - 1 : i}]`;
        requireId(a.task_id, `${field}.task_id`);
        requireId(a.agent_id, `${field}.agent_id`);
        if (!a.uuid || a.uuid.length === 0) throw invalidArgument(`${field}.uuid`, 'required');
        refuseOverLimit(bytesProblem(`${field}.uuid`, a.uuid, MAX_UUID_BYTES));
      });
      return;
    }
    case CallType.RECONCILE:
      refuseOverLimit(countProblem('reconcile.tasks', call.reconcile?.tasks, MAX_RECONCILE_TASKS));
      (call.reconcile?.tasks ?? []).forEach((t, i) => {
        requireId(t.task_id, `reconcile.tasks[${i}].task_id`);
        checkIdSize(t.agent_id, `reconcile.tasks[${i}].agent_id`);
      });
      return;
    case CallType.MESSAGE:
      if (!call.message) throw invalidArgument('message', 'required for MESSAGE');
      requireId(call.message.agent_id, 'message.agent_id');
      checkIdSize(call.message.executor_id, 'message.executor_id');
      refuseOverLimit(bytesProblem('message.data', call.message.data, MAX_DATA_BYTES));
      return;
    case CallType.SHUTDOWN:
      if (!call.shutdown) throw invalidArgument('shutdown', 'required for SHUTDOWN');
      requireId(call.shutdown.agent_id, 'shutdown.agent_id');
      checkIdSize(call.shutdown.executor_id, 'shutdown.executor_id');
      return;
    case CallType.REVIVE:
      refuseOverLimit(rolesProblem('revive.roles', call.revive?.roles));
      return;
    case CallType.SUPPRESS:
      refuseOverLimit(rolesProblem('suppress.roles', call.suppress?.roles));
      return;
    case CallType.TEARDOWN:
      return;
    case CallType.REQUEST:
      throw invalidArgument('type', 'REQUEST is not supported (Mesos ignores it too)');
    case CallType.ACCEPT_INVERSE_OFFERS:
    case CallType.DECLINE_INVERSE_OFFERS: {
      const field = call.type === CallType.ACCEPT_INVERSE_OFFERS ? 'accept_inverse_offers' : 'decline_inverse_offers';
      const body = call.type === CallType.ACCEPT_INVERSE_OFFERS ? call.accept_inverse_offers : call.decline_inverse_offers;
      if (!body) throw invalidArgument(field, `required for ${enumName(pb.Call.Type, call.type)}`);
      if (!body.inverse_offer_ids || body.inverse_offer_ids.length === 0) throw invalidArgument(`${field}.inverse_offer_ids`, 'at least one inverse offer id is required');
      body.inverse_offer_ids.forEach((id, i) => requireId(id, `${field}.inverse_offer_ids[${i}].value`));
      checkFilters(body.filters, `${field}.filters`);
      return;
    }
    case CallType.ACKNOWLEDGE_OPERATION_STATUS: {
      const ack = call.acknowledge_operation_status;
      if (!ack) throw invalidArgument('acknowledge_operation_status', 'required for ACKNOWLEDGE_OPERATION_STATUS');
      requireId(ack.operation_id, 'acknowledge_operation_status.operation_id');
      checkIdSize(ack.agent_id, 'acknowledge_operation_status.agent_id');
      if (!ack.uuid || ack.uuid.length === 0) throw invalidArgument('acknowledge_operation_status.uuid', 'required (the uuid of the status update acknowledged)');
      refuseOverLimit(bytesProblem('acknowledge_operation_status.uuid', ack.uuid, MAX_UUID_BYTES));
      return;
    }
    case CallType.RECONCILE_OPERATIONS: {
      const asked = call.reconcile_operations?.operations;
      refuseOverLimit(countProblem('reconcile_operations.operations', asked, MAX_RECONCILE_TASKS));
      (asked ?? []).forEach((o, i) => {
        requireId(o.operation_id, `reconcile_operations.operations[${i}].operation_id`);
        checkIdSize(o.agent_id, `reconcile_operations.operations[${i}].agent_id`);
      });
      return;
    }
    case CallType.UPDATE_FRAMEWORK: {
      const info = call.update_framework?.framework_info;
      if (!info) throw invalidArgument('update_framework.framework_info', 'required for UPDATE_FRAMEWORK');
      checkFrameworkInfo(info, 'update_framework.framework_info');
      refuseOverLimit(rolesProblem('update_framework.suppressed_roles', call.update_framework?.suppressed_roles));
      if (idOfValue(info.id) !== idOfValue(call.framework_id)) {
        throw invalidArgument('update_framework.framework_info.id', `must be the framework's own id ${idOfValue(call.framework_id)}, got "${idOfValue(info.id)}"`);
      }
      return;
    }
    default:
      throw invalidArgument('type', `unknown call type ${call.type}`);
  }
}

/** An id set and within {@link MAX_ID_BYTES}: `requireId` passes it. */
function idPresentAndFits(id: { value?: string | null } | null | undefined): boolean {
  const v = id?.value;
  return !!v && (v.length * 3 <= MAX_ID_BYTES || utf8Length(v) <= MAX_ID_BYTES);
}

/** True when the ACKNOWLEDGE checks pass this acknowledgement (task and agent ids, a uuid within its limit). */
function ackValid(a: { task_id?: { value?: string | null } | null; agent_id?: { value?: string | null } | null; uuid?: Uint8Array | null }): boolean {
  return idPresentAndFits(a.task_id) && idPresentAndFits(a.agent_id) && !!a.uuid && a.uuid.length > 0 && a.uuid.length <= MAX_UUID_BYTES;
}

function idOfValue(id: { value?: string | null } | null | undefined): string {
  return id?.value ?? '';
}

/** A FrameworkInfo's own checks (SUBSCRIBE and UPDATE_FRAMEWORK): name, sizes, failover timeout, roles. */
function checkFrameworkInfo(info: NonNullable<NonNullable<Call['subscribe']>['framework_info']>, field: string): void {
  if (!info.name) throw invalidArgument(`${field}.name`, 'required');
  refuseOverLimit(frameworkInfoProblem(field, info));
  const ft = info.failover_timeout;
  if (ft !== null && ft !== undefined && (!Number.isFinite(ft) || ft < 0)) {
    throw invalidArgument(`${field}.failover_timeout`, `must be a non-negative number, got ${ft}`);
  }
  (info.roles ?? []).forEach((r, i) => {
    if (!/^[A-Za-z0-9_.\-*/]+$/.test(r) || r === '.' || r === '..') {
      throw invalidArgument(`${field}.roles[${i}]`, `"${r}" is not a valid role name`);
    }
  });
  refuseProblem(multiRoleProblem(info, field));
  refuseProblem(offerFiltersProblem(info, field));
}

/** Check a SUBSCRIBE call's shape. */
export function validateSubscribe(call: Call): void {
  if (call.type !== CallType.SUBSCRIBE) throw invalidArgument('type', 'must be SUBSCRIBE on the Subscribe method');
  const info = call.subscribe?.framework_info;
  if (!info) throw invalidArgument('subscribe.framework_info', 'required');
  checkFrameworkInfo(info, 'subscribe.framework_info');
  refuseOverLimit(rolesProblem('subscribe.suppressed_roles', call.subscribe?.suppressed_roles));
  checkIdSize(call.framework_id, 'framework_id');
  // A framework id names directories on agents (checkpoints, sandboxes), as task ids do.
  refuseProblem(idCharactersProblem('framework_id.value', call.framework_id?.value));
  refuseProblem(idCharactersProblem('subscribe.framework_info.id.value', info.id?.value));
  if (call.framework_id?.value && info.id?.value && call.framework_id.value !== info.id.value) {
    throw invalidArgument('framework_id', 'differs from subscribe.framework_info.id');
  }
}
