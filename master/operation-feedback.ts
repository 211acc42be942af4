/**
 * Operation feedback of an ACCEPT (Mesos 1.6+ `Offer.Operation.id`): which
 * status each speculative operation (RESERVE, UNRESERVE, CREATE, DESTROY)
 * that named an id gets. Pure: the caller sends and keeps the statuses.
 *
 * As Mesos: an operation refused by the master (a problem in it, or the
 * ACCEPT's offers invalid) gets OPERATION_ERROR with the problem naming the
 * field; one applied gets OPERATION_FINISHED with its converted resources,
 * once durable. Meseta refuses a whole ACCEPT when one of its operations
 * is refused (see ARCHITECTURE "Dynamic reservations"), so the other
 * operations with ids of that call, not applied though correct, get
 * OPERATION_DROPPED naming the refused one; so does an operation whose
 * registry write failed.
 */
import type { Operation, OperationStatus, Resource } from '@meseta/proto/wire';
import { OperationState, OperationType } from '@meseta/proto/wire';

/** A speculative operation of an ACCEPT: its index in `accept.operations` and its id when set. */
export interface SpeculativeOperation {
  index: number;
  id?: string;
}

/** True for RESERVE, UNRESERVE, CREATE and DESTROY: operations that convert resources, made durable in the registry. */
export function isSpeculative(op: Operation): boolean {
  return op.type === OperationType.RESERVE || op.type === OperationType.UNRESERVE || op.type === OperationType.CREATE || op.type === OperationType.DESTROY;
}

/**
 * The ACCEPT's speculative operations in order: the k-th is the one the
 * plan's k-th conversion comes from (`planAccept` makes one conversion per
 * such operation, in order).
 */
export function speculativeOperations(operations: readonly Operation[]): SpeculativeOperation[] {
  const out: SpeculativeOperation[] = [];
  operations.forEach((op, index) => {
    if (!isSpeculative(op)) return;
    const id = op.id?.value;
    out.push(id ? { index, id } : { index });
  });
  return out;
}

/** The index of the operation a refusal names (`accept.operations[3].reserve...` → 3), if it names one. */
export function refusedOperationIndex(message: string): number | undefined {
  const m = /^accept\.operations\[(\d+)\]/.exec(message);
  return m ? Number(m[1]) : undefined;
}

function status(id: string, state: number, agentId: string, message?: string): OperationStatus {
  return {
    operation_id: { value: id },
    state,
    ...(message ? { message } : {}),
    ...(agentId ? { agent_id: { value: agentId } } : {}),
  };
}

/**
 * Statuses for an ACCEPT refused because of one of its operations
 * (`message` names it): OPERATION_ERROR for that one, OPERATION_DROPPED
 * for the other operations with ids. Only operations with ids get one.
 */
export function refusedCallStatuses(operations: readonly Operation[], message: string, agentId: string): OperationStatus[] {
  const refused = refusedOperationIndex(message);
  const out: OperationStatus[] = [];
  for (const op of speculativeOperations(operations)) {
    if (!op.id) continue;
    if (refused === undefined || op.index === refused) out.push(status(op.id, OperationState.OPERATION_ERROR, agentId, message));
    else out.push(status(op.id, OperationState.OPERATION_DROPPED, agentId, `not applied: accept.operations[${refused}] of the same ACCEPT was refused (${message})`));
  }
  return out;
}

/** Statuses for an ACCEPT whose offers were invalid (unknown, rescinded, another framework's): OPERATION_ERROR, as Mesos. */
export function invalidOffersStatuses(operations: readonly Operation[], problem: string): OperationStatus[] {
  return speculativeOperations(operations)
    .filter((op) => op.id)
    .map((op) => status(op.id!, OperationState.OPERATION_ERROR, '', `accept.offer_ids: operation attempted with invalid offers: ${problem}`));
}

/** OPERATION_FINISHED of an applied operation, once durable: its converted resources, and a uuid to acknowledge. */
export function finishedStatus(id: string, agentId: string, converted: readonly Resource[], uuid: Uint8Array): OperationStatus {
  return { ...status(id, OperationState.OPERATION_FINISHED, agentId), converted_resources: [...converted], uuid: { value: uuid } };
}

/** OPERATION_DROPPED of an operation whose registry write failed (it was undone). */
export function droppedStatus(id: string, agentId: string, why: string): OperationStatus {
  return status(id, OperationState.OPERATION_DROPPED, agentId, why);
}
