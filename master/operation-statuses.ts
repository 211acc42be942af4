/**
 * Operation feedback (Mesos 1.6+): the latest status of each operation a
 * framework named with `Offer.Operation.id`, per framework, so that
 * RECONCILE_OPERATIONS can answer and an OPERATION_FINISHED not yet
 * acknowledged can be sent again when the framework subscribes again.
 *
 * As in Mesos, a status with a uuid (OPERATION_FINISHED, sent once the
 * operation is durable) is kept until the framework acknowledges that uuid
 * (ACKNOWLEDGE_OPERATION_STATUS); then the operation is forgotten and a
 * reconciliation answers OPERATION_UNKNOWN. A status without a uuid
 * (OPERATION_ERROR, OPERATION_DROPPED: the master's own refusals, which
 * are not retried) is kept too, for reconciliation, but needs no
 * acknowledgement. Each framework keeps at most `maxPerFramework`
 * operations; past that the oldest is forgotten.
 *
 * Unacknowledged statuses are retried as Mesos's agent retries operation
 * status updates: `due(now)` gives those whose time came (first
 * {@link RETRY_MIN_MS} after they were recorded, then doubling up to
 * {@link RETRY_MAX_MS}); the caller sends them again.
 *
 * Pure: no I/O; time comes in as arguments. Costs O(1) per status and
 * acknowledgement (plus O(log n) in the retry heap), O(asked) per explicit
 * reconciliation, O(due · log n) per `due`.
 */
import type { Operation, OperationStatus } from '@meseta/proto/wire';
import { OperationState } from '@meseta/proto/wire';
import { BinaryHeap } from '@meseta/runtime/min-heap';

/** First resend of an unacknowledged status, as Mesos's STATUS_UPDATE_RETRY_INTERVAL_MIN (10 s). */
export const RETRY_MIN_MS = 10_000;
/** Longest wait between resends, as Mesos's STATUS_UPDATE_RETRY_INTERVAL_MAX (10 min). */
export const RETRY_MAX_MS = 600_000;

/** A scheduled resend; stale once the operation changed or was acknowledged (its status is no longer `status`). */
interface Retry {
  at: number;
  intervalMs: number;
  frameworkId: string;
  status: OperationStatus;
}

/** One operation a framework asked about in RECONCILE_OPERATIONS. */
export interface OperationQuery {
  operationId: string;
  agentId?: string;
}

/** What became of an acknowledgement. */
export type OperationAck = 'acknowledged' | 'unknown_operation' | 'other_uuid';

/** The latest operation statuses of every framework. */
export class OperationStatuses {
  private readonly byFramework = new Map<string, Map<string, OperationStatus>>();
  /** The operation each kept status is of (`Offer.Operation`), by framework and operation id, when known. */
  private readonly infos = new Map<string, Map<string, Operation>>();
  private readonly retries = new BinaryHeap<Retry>({ before: (a, b) => a.at < b.at });

  constructor(
    /** Operations kept per framework; past that the oldest is forgotten. @default 1000 */
    private readonly maxPerFramework = 1000,
  ) {}

  /**
   * Keep `status` as the latest of its operation (it must carry
   * `operation_id`); one with a uuid is due for a resend at `nowMs +`
   * {@link RETRY_MIN_MS} unless acknowledged before. `info` is the
   * operation itself (kept for GET_OPERATIONS; a later status without it
   * keeps the earlier one).
   */
  record(frameworkId: string, status: OperationStatus, nowMs = 0, info?: Operation): void {
    const id = status.operation_id?.value ?? '';
    if (!id) return;
    let book = this.byFramework.get(frameworkId);
    if (!book) this.byFramework.set(frameworkId, (book = new Map()));
    // Re-inserted so that the map's order is oldest change first.
    book.delete(id);
    book.set(id, status);
    if (info) {
      let infos = this.infos.get(frameworkId);
      if (!infos) this.infos.set(frameworkId, (infos = new Map()));
      infos.set(id, info);
    }
    if ((status.uuid?.value?.length ?? 0) > 0) this.retries.push({ at: nowMs + RETRY_MIN_MS, intervalMs: RETRY_MIN_MS, frameworkId, status });
    while (book.size > this.maxPerFramework) {
      const oldest = book.keys().next().value as string;
      book.delete(oldest);
      this.infos.get(frameworkId)?.delete(oldest);
    }
  }

  /** The operation `operationId` of the framework, as it asked for it, when known. */
  info(frameworkId: string, operationId: string): Operation | undefined {
    return this.infos.get(frameworkId)?.get(operationId);
  }

  /** Every kept operation: framework, latest status and the operation itself when known, oldest change first per framework. */
  *all(): Generator<{ frameworkId: string; status: OperationStatus; info?: Operation }> {
    for (const [frameworkId, book] of this.byFramework) {
      const infos = this.infos.get(frameworkId);
      for (const [id, status] of book) {
        const info = infos?.get(id);
        yield info ? { frameworkId, status, info } : { frameworkId, status };
      }
    }
  }

  /** The latest status of an operation, if known. */
  latest(frameworkId: string, operationId: string): OperationStatus | undefined {
    return this.byFramework.get(frameworkId)?.get(operationId);
  }

  /**
   * The framework acknowledged `uuid` of `operationId`: when it is the
   * latest status's uuid, the operation is forgotten (as Mesos removes an
   * acknowledged terminal operation).
   */
  acknowledge(frameworkId: string, operationId: string, uuid: Uint8Array): OperationAck {
    const book = this.byFramework.get(frameworkId);
    const status = book?.get(operationId);
    if (!book || !status) return 'unknown_operation';
    if (!status.uuid?.value || !sameBytes(status.uuid.value, uuid)) return 'other_uuid';
    book.delete(operationId);
    this.infos.get(frameworkId)?.delete(operationId);
    if (book.size === 0) {
      this.byFramework.delete(frameworkId);
      this.infos.delete(frameworkId);
    }
    return 'acknowledged';
  }

  /**
   * Answers to RECONCILE_OPERATIONS: for each operation asked, its latest
   * status, or OPERATION_UNKNOWN (with the agent asked about) when the
   * master does not know it; with nothing asked, every operation known.
   */
  reconcile(frameworkId: string, asked: readonly OperationQuery[]): OperationStatus[] {
    const book = this.byFramework.get(frameworkId);
    if (asked.length === 0) return book ? [...book.values()] : [];
    return asked.map((q) => {
      const known = book?.get(q.operationId);
      if (known) return known;
      return {
        operation_id: { value: q.operationId },
        state: OperationState.OPERATION_UNKNOWN,
        message: `operation ${q.operationId} is not known to this master`,
        ...(q.agentId ? { agent_id: { value: q.agentId } } : {}),
      };
    });
  }

  /** Statuses that carry a uuid and were not acknowledged yet (sent again when the framework subscribes again). */
  unacknowledged(frameworkId: string): OperationStatus[] {
    const book = this.byFramework.get(frameworkId);
    return book ? [...book.values()].filter((s) => (s.uuid?.value?.length ?? 0) > 0) : [];
  }

  /**
   * Unacknowledged statuses whose resend time has come, each rescheduled at
   * twice its last interval (at most {@link RETRY_MAX_MS}). Acknowledged,
   * replaced or forgotten ones are dropped from the schedule here.
   */
  due(nowMs: number): Array<{ frameworkId: string; status: OperationStatus }> {
    const out: Array<{ frameworkId: string; status: OperationStatus }> = [];
    for (let next = this.retries.peek(); next && next.at <= nowMs; next = this.retries.peek()) {
      this.retries.pop();
      const id = next.status.operation_id?.value ?? '';
      if (this.byFramework.get(next.frameworkId)?.get(id) !== next.status) continue;
      out.push({ frameworkId: next.frameworkId, status: next.status });
      const intervalMs = Math.min(RETRY_MAX_MS, next.intervalMs * 2);
      this.retries.push({ ...next, at: nowMs + intervalMs, intervalMs });
    }
    return out;
  }

  /** When the next resend is due (ms), if any is scheduled. */
  nextDueAt(): number | undefined {
    return this.retries.peek()?.at;
  }

  /** Forget a removed framework's operations. */
  forget(frameworkId: string): void {
    this.byFramework.delete(frameworkId);
    this.infos.delete(frameworkId);
  }

  /** Operations known for a framework (tests, metrics). */
  size(frameworkId: string): number {
    return this.byFramework.get(frameworkId)?.size ?? 0;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
