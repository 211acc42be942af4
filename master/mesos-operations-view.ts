/**
 * Mesos's operator GET_OPERATIONS over the master's operation statuses
 * (`operation-statuses.ts`): every operation a framework named with
 * `Offer.Operation.id` whose latest status the master keeps (an
 * OPERATION_FINISHED not acknowledged yet, or an OPERATION_ERROR /
 * OPERATION_DROPPED refusal), as Mesos's `Operation` (framework, agent, the
 * operation as asked, latest status, statuses, uuid). Only frameworks the
 * caller may see are listed (a viewer's filtered master has only those).
 *
 * Pure: costs the number of operations kept (at most 1,000 per framework),
 * in one block.
 */
import { createHash } from 'node:crypto';
import type { Operation, OperationStatus, v1 } from '@meseta/proto/wire';

/** What the view reads of the master. */
export interface OperationsSource {
  readonly frameworks: ReadonlyMap<string, unknown>;
  readonly operationStatuses: { all(): Iterable<{ frameworkId: string; status: OperationStatus; info?: Operation }> };
}

/**
 * The operation's uuid in the listing: stable for a framework's operation
 * id (16 bytes of an MD5 of both), since Meseta keeps no uuid per
 * operation (a status's uuid is the status's, as in Mesos).
 */
export function operationUuid(frameworkId: string, operationId: string): Uint8Array {
  return createHash('md5').update(frameworkId).update('\0').update(operationId).digest();
}

/** GET_OPERATIONS: the operations of the frameworks in `master.frameworks`, oldest change first per framework. */
export function getOperations(master: OperationsSource): v1.master.Response.IGetOperations {
  const operations: v1.master.IOperation[] = [];
  for (const { frameworkId, status, info } of master.operationStatuses.all()) {
    if (!master.frameworks.has(frameworkId)) continue;
    const id = status.operation_id?.value ?? '';
    operations.push({
      framework_id: { value: frameworkId },
      ...(status.agent_id?.value ? { agent_id: { value: status.agent_id.value } } : {}),
      ...(info ? { info: info as v1.Offer.IOperation } : {}),
      latest_status: status as v1.IOperationStatus,
      statuses: [status as v1.IOperationStatus],
      uuid: { value: operationUuid(frameworkId, id) },
    });
  }
  return { operations };
}
