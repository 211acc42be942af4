/**
 * Errors a call is refused with, carrying the gRPC status code and a
 * message that names the field and the problem.
 */
import { status } from '@grpc/grpc-js';

/** A refused call: becomes a gRPC error with this code and message. */
export class CallError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

/** A malformed call: `field: problem`. */
export function invalidArgument(field: string, problem: string): CallError {
  return new CallError(status.INVALID_ARGUMENT, `${field}: ${problem}`);
}

/** Something named by the call does not exist. */
export function notFound(message: string): CallError {
  return new CallError(status.NOT_FOUND, message);
}

/** The call does not fit the current state (e.g. a stale stream id). */
export function failedPrecondition(message: string): CallError {
  return new CallError(status.FAILED_PRECONDITION, message);
}
