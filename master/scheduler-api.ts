/**
 * gRPC handlers of the Scheduler API: a server stream per subscription
 * (events batched per tick), a unary call for everything else, and the
 * same calls over one long-lived stream (`Calls`, answered by id; see
 * `call-stream.ts`).
 */
import type { ServerDuplexStream, ServerUnaryCall, ServerWritableStream, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import type { Call, CallAnswerBatch, CallBatch, Event, EventBatch } from '@meseta/proto/wire';
import { EventType } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from './master';
import { BatchingWriter } from '@meseta/runtime/batching-writer';
import { CallError } from './call-errors';
import { RegistryWriteError } from './durable-writes';
import { CALL_SLICE_MS, CALL_STREAM_LIMITS, CallStreamSession, type CallStatus } from './call-stream';

/**
 * The per-call authorization check of a `Calls` stream, handed to the
 * handler by the guard (`auth/grpc-guard.ts`) after it authenticated the
 * stream; none on an open master.
 */
export type StreamCallCheck = (call: Call) => CallStatus | undefined;

function toGrpcError(e: unknown): { code: status; details: string } {
  if (e instanceof CallError) return { code: e.code, details: e.message };
  if (e instanceof RegistryWriteError) return { code: status.UNAVAILABLE, details: `${e.message}; retry` };
  return { code: status.INTERNAL, details: `internal error: ${(e as Error)?.message ?? String(e)}` };
}

/** Handlers for {@link SchedulerService}. */
export function schedulerApi(master: Master, log: Logger): UntypedServiceImplementation {
  return {
    async subscribe(stream: ServerWritableStream<Call, EventBatch>) {
      const writer = new BatchingWriter<Event, EventBatch>(stream, (events) => ({ events }));
      let closed = false;
      const sink = {
        send: (event: Event) => writer.push(event),
        close: (error?: string) => {
          if (closed) return;
          closed = true;
          if (error) writer.push({ type: EventType.ERROR, error: { message: error } });
          // Write the queued events, then end the stream.
          void writer.finish().then(() => {
            try {
              stream.end();
            } catch (e) {
              log.debug('subscription stream already gone', { problem: (e as Error).message });
            }
          });
        },
      };
      let subscription: { frameworkId: string; streamId: string };
      try {
        // Resolves once the subscription is durable and SUBSCRIBED was queued.
        subscription = await master.subscribe(stream.request, sink);
      } catch (e) {
        const err = toGrpcError(e);
        log.warn('subscribe refused', { problem: err.details });
        stream.emit('error', { code: err.code, details: err.details });
        return;
      }
      if (stream.cancelled || stream.destroyed) {
        // The stream went away while the subscription was being made durable.
        closed = true;
        writer.close();
        master.frameworkDisconnected(subscription.frameworkId, subscription.streamId);
        return;
      }
      const onGone = (): void => {
        if (closed && !stream.cancelled) return;
        closed = true;
        writer.close();
        master.frameworkDisconnected(subscription.frameworkId, subscription.streamId);
      };
      stream.on('cancelled', onGone);
      stream.on('close', () => {
        writer.close();
        master.frameworkDisconnected(subscription.frameworkId, subscription.streamId);
      });
      stream.on('error', () => onGone());
    },
    calls(stream: ServerDuplexStream<CallBatch, CallAnswerBatch>, check?: StreamCallCheck) {
      const statusOf = (e: unknown): CallStatus => {
        const err = toGrpcError(e);
        if (err.code === status.INTERNAL) log.error('call failed', { problem: err.details });
        return err;
      };
      const session = new CallStreamSession(
        {
          write: (batch) => stream.write(batch),
          once: (event, listener) => stream.once(event, listener),
          pause: () => stream.pause(),
          resume: () => stream.resume(),
          end: (error) => {
            if (error) {
              log.warn('call stream refused', { problem: error.details });
              stream.emit('error', { code: error.code, details: error.details });
            } else stream.end();
          },
        },
        { handle: (call) => master.handleCall(call), ...(check ? { refuse: check } : {}), statusOf },
        CALL_STREAM_LIMITS,
        // The session's slices share the master's one budget per turn with its other deferrable jobs.
        { later: (slice) => master.turnGate.later(slice), budget: () => master.turnGate.budget(CALL_SLICE_MS) },
      );
      stream.on('data', (batch: CallBatch) => {
        master.metrics.countSchedulerCallsReceived('stream', batch.calls?.length ?? 0);
        session.receive(batch);
      });
      stream.on('end', () => session.clientEnded());
      stream.on('cancelled', () => session.close());
      stream.on('error', () => session.close());
      stream.on('close', () => session.close());
    },
    call(call: ServerUnaryCall<Call, object>, callback: sendUnaryData<object>) {
      master.metrics.countSchedulerCallsReceived('unary');
      const failed = (e: unknown): void => {
        const err = toGrpcError(e);
        if (err.code === status.INTERNAL) log.error('call failed', { problem: err.details });
        callback(err);
      };
      try {
        const done = master.handleCall(call.request);
        // TEARDOWN answers once the removal is durable and done.
        if (done) done.then(() => callback(null, {}), failed);
        else callback(null, {});
      } catch (e) {
        failed(e);
      }
    },
  };
}
