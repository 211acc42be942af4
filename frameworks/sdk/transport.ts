/**
 * The network boundary of the scheduler driver, kept narrow so that the
 * driver can be tested without sockets: open the event stream with a
 * SUBSCRIBE call, send every other call, close.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Call, EventBatch } from '@meseta/proto/wire';

/**
 * The master's event stream: one `EventBatch` per wire message. Iteration
 * ends when the master closes the stream and throws a
 * {@link SchedulerTransportError} when it breaks.
 */
export interface SchedulerEventStream extends AsyncIterable<EventBatch> {
  /** Close the stream from this side; iteration then ends (or throws CANCELLED). */
  cancel(): void;
}

/** What the driver needs from the network. */
export interface SchedulerTransportLike {
  /** Open the event stream with a SUBSCRIBE call. */
  subscribe(call: Call): SchedulerEventStream;
  /**
   * Send any other call. Resolves when the master accepted it and rejects
   * with a {@link SchedulerTransportError} carrying the gRPC code otherwise.
   */
  call(call: Call): Promise<void>;
  /** Release the connection. The transport is not used afterwards. */
  close(): void;
}

/** A failed call or a broken stream, with the gRPC status code and the server's message. */
export class SchedulerTransportError extends Error {
  constructor(
    /** gRPC status code, e.g. 3 (INVALID_ARGUMENT). */
    readonly code: number,
    /** The server's own message, e.g. `accept.offer_ids: required`. */
    readonly details: string,
  ) {
    super(`${statusName(code)}: ${details}`);
    this.name = 'SchedulerTransportError';
  }
}

/**
 * A rejected driver call: which call, the gRPC code and the master's
 * message. `message` reads `ACCEPT rejected (INVALID_ARGUMENT): accept.offer_ids: required`.
 */
export class SchedulerCallError extends Error {
  constructor(
    /** The call type, e.g. `ACCEPT`. */
    readonly callType: string,
    /** gRPC status code; UNAVAILABLE when the driver was not subscribed. */
    readonly code: number,
    /** The master's message (or why the driver could not send it). */
    readonly details: string,
  ) {
    super(`${callType} rejected (${statusName(code)}): ${details}`);
    this.name = 'SchedulerCallError';
  }
}

/** `INVALID_ARGUMENT` for 3, or the number when unknown. */
export function statusName(code: number): string {
  return (GrpcStatus as unknown as Record<number, string>)[code] ?? String(code);
}

/** The gRPC codes of the errors the driver may see. */
export { GrpcStatus };
