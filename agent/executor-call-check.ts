/**
 * What the agent checks of an executor's call before it touches anything,
 * in the order Mesos checks it: the call's shape (400), who sends it (401 /
 * 403), whether the executor it names is here (404) and may make this call
 * now (403). Every refusal is a status and a text naming the field or the
 * problem. Pure: the executor's record comes in through a lookup.
 */
import type { v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';

type Call = v1.executor.ICall;
const CallType = pb.executor.Call.Type;
const States = pb.TaskState;

/** A call refused: the HTTP status and a text naming the problem. */
export interface CallRefusal {
  status: 400 | 401 | 403 | 404;
  message: string;
}

/** What the check needs to know of the executor a call names. */
export interface ExecutorStanding {
  /** The token the agent gave it (MESOS_EXECUTOR_AUTHENTICATION_TOKEN). */
  token: string;
  /** Where it is: not subscribed yet, subscribed, or being shut down / ended. */
  phase: 'registering' | 'subscribed' | 'terminating';
}

/** The size of a status update uuid (a UUID's 16 bytes). */
const UUID_BYTES = 16;

/** Problems with the call on its own (400), or undefined. */
export function callShapeProblem(call: Call): string | undefined {
  if (!idOf(call.executor_id)) return "executor_id: required (the executor's id, as in MESOS_EXECUTOR_ID)";
  if (!idOf(call.framework_id)) return "framework_id: required (the framework's id, as in MESOS_FRAMEWORK_ID)";
  switch (call.type) {
    case CallType.SUBSCRIBE:
      if (!call.subscribe) return 'subscribe: required for a SUBSCRIBE call';
      for (const [i, u] of (call.subscribe.unacknowledged_updates ?? []).entries()) {
        const problem = statusProblem(call, u?.status, `subscribe.unacknowledged_updates[${i}].status`);
        if (problem) return problem;
      }
      for (const [i, t] of (call.subscribe.unacknowledged_tasks ?? []).entries()) {
        if (!idOf(t?.task_id)) return `subscribe.unacknowledged_tasks[${i}].task_id: required`;
      }
      return undefined;
    case CallType.UPDATE:
      if (!call.update) return 'update: required for an UPDATE call';
      return statusProblem(call, call.update.status, 'update.status');
    case CallType.MESSAGE:
      if (!call.message) return 'message: required for a MESSAGE call';
      if (call.message.data === undefined || call.message.data === null) return 'message.data: required';
      return undefined;
    case CallType.HEARTBEAT:
      return undefined;
    case undefined:
    case null:
    case CallType.UNKNOWN:
      return 'type: required (SUBSCRIBE, UPDATE, MESSAGE or HEARTBEAT)';
    default:
      return `type: ${String(call.type)} is not a call this agent knows (SUBSCRIBE, UPDATE, MESSAGE, HEARTBEAT)`;
  }
}

function statusProblem(call: Call, status: v1.ITaskStatus | null | undefined, field: string): string | undefined {
  if (!status) return `${field}: required`;
  if (!idOf(status.task_id)) return `${field}.task_id: required`;
  if (!isSet(status, 'state')) return `${field}.state: required`;
  if (status.state === States.TASK_STAGING) return `${field}.state: TASK_STAGING is the agent's; an executor sends TASK_STARTING, TASK_RUNNING or a terminal state`;
  if (!status.uuid || status.uuid.length !== UUID_BYTES) {
    return `${field}.uuid: required, ${UUID_BYTES} bytes (got ${status.uuid ? status.uuid.length : 0}); the agent acknowledges the update by it`;
  }
  if (isSet(status, 'source') && status.source !== pb.TaskStatus.Source.SOURCE_EXECUTOR) {
    return `${field}.source: must be SOURCE_EXECUTOR (or unset)`;
  }
  const statusExecutor = idOf(status.executor_id);
  if (statusExecutor && statusExecutor !== idOf(call.executor_id)) {
    return `${field}.executor_id: "${statusExecutor}" is not the calling executor "${idOf(call.executor_id)}"`;
  }
  return undefined;
}

/** True when the field was given (a decoded message reads proto2 defaults for fields it lacks). */
function isSet(message: object, field: string): boolean {
  const value = (message as Record<string, unknown>)[field];
  return Object.prototype.hasOwnProperty.call(message, field) && value !== undefined && value !== null;
}

/** The bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1] : undefined;
}

/**
 * Whether the caller may make this (well-formed) call: 401 without a
 * token, 404 when the framework or executor is not on this agent, 403 when
 * the token is another executor's or the executor may not make the call
 * now (UPDATE and MESSAGE need a subscription; nothing once it is being
 * shut down).
 */
export function callAccessProblem(
  call: Call,
  token: string | undefined,
  lookup: (frameworkId: string, executorId: string) => ExecutorStanding | undefined,
  tokenKnown: (token: string) => boolean,
): CallRefusal | undefined {
  if (!token) return { status: 401, message: 'executor calls need "Authorization: Bearer <MESOS_EXECUTOR_AUTHENTICATION_TOKEN>"' };
  const frameworkId = idOf(call.framework_id);
  const executorId = idOf(call.executor_id);
  const executor = lookup(frameworkId, executorId);
  if (!executor) {
    if (!tokenKnown(token)) return { status: 401, message: 'the bearer token is not one this agent gave an executor' };
    return { status: 404, message: `executor "${executorId}" of framework "${frameworkId}" is not on this agent` };
  }
  if (!timingSafeEqualText(token, executor.token)) {
    return tokenKnown(token)
      ? { status: 403, message: `the bearer token is another executor's, not executor "${executorId}"'s` }
      : { status: 401, message: 'the bearer token is not one this agent gave an executor' };
  }
  // A shutting-down executor still reports how its tasks end (and may still talk to its scheduler).
  if (executor.phase === 'terminating' && call.type === CallType.SUBSCRIBE) return { status: 403, message: `executor "${executorId}" is being shut down` };
  if (call.type !== CallType.SUBSCRIBE && executor.phase === 'registering') {
    return { status: 403, message: `executor "${executorId}" is not subscribed: send SUBSCRIBE first` };
  }
  return undefined;
}

/** Compare two strings in time that depends on their length only. */
function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
