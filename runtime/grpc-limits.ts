/**
 * gRPC receive limits per method, and per connection.
 *
 * grpc-js has one receive limit per server (`grpc.max_receive_message_length`,
 * which bounds what the frame decoder buffers). On top of it each method
 * gets its own: a message over its method's limit is not decoded and the
 * call ends with RESOURCE_EXHAUSTED naming the method, the size and the
 * limit. The size is seen by a wrapped deserializer (which returns a marker
 * instead of decoding) and the call is ended by a server interceptor (which
 * sees the marker before the handler does), because a deserializer that
 * throws gets only a bare INTERNAL "Error deserializing request".
 *
 * {@link LimitedServer} is a grpc-js `Server` that applies both to every
 * service added to it, and limits concurrent streams per connection.
 */
import {
  Server,
  ServerInterceptingCall,
  ServerListenerBuilder,
  status,
  type ServerInterceptor,
  type ServerOptions,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The largest message a method takes, in bytes, by gRPC path. Most calls
 * are small; an ACCEPT may launch many tasks, and an agent re-registering
 * lists every task it runs (with their statuses), so those two are larger.
 */
export const RECEIVE_LIMIT_BY_METHOD: Readonly<Record<string, number>> = Object.freeze({
  /** FrameworkInfo within proto/src/limits.ts is well under 1 MiB. */
  '/meseta.v1.Scheduler/Subscribe': 1 * MiB,
  /** ACCEPT with many LAUNCH / LAUNCH_GROUP operations. */
  '/meseta.v1.Scheduler/Call': 16 * MiB,
  /** The same calls over one stream: one batch message holds at most what one Call may. */
  '/meseta.v1.Scheduler/Calls': 16 * MiB,
  /** Registration with every task the agent runs; batched status updates. */
  '/meseta.v1.AgentLink/Connect': 64 * MiB,
  '/meseta.v1.Operator/Call': 1 * MiB,
  /** Debug sessions: stdin chunks. */
  '/meseta.v1.Operator/Exec': 1 * MiB,
  '/meseta.v1.AgentDebug/Exec': 1 * MiB,
});

/** The limit for a method not in {@link RECEIVE_LIMIT_BY_METHOD} (gRPC's usual default). */
export const DEFAULT_RECEIVE_LIMIT = 4 * MiB;

/** The server-wide ceiling: no method's limit is above it. */
export const MAX_RECEIVE_LIMIT = 64 * MiB;

/**
 * Concurrent streams one HTTP/2 connection may open. A framework holds one
 * event stream plus its calls in flight; several SDK drivers in one process
 * share one connection, so this sits well above one client's needs.
 */
export const MAX_CONCURRENT_STREAMS = 1000;

/**
 * An HTTP/2 connection with no stream open for this long is closed (its
 * client reconnects when it next calls). Frameworks and agents always hold
 * a stream; this frees connections a client opened and forgot, which would
 * otherwise answer keepalive pings forever and count against the
 * connection limits.
 */
export const MAX_CONNECTION_IDLE_MS = 5 * 60_000;

/** Server options that come with the limits (merged into the caller's). */
export const SERVER_LIMIT_OPTIONS = {
  'grpc.max_receive_message_length': MAX_RECEIVE_LIMIT,
  'grpc.max_concurrent_streams': MAX_CONCURRENT_STREAMS,
  'grpc.max_connection_idle_ms': MAX_CONNECTION_IDLE_MS,
} as const;

/** Stands in for a message over its method's limit, in place of the decoded message. */
class OverLimit {
  constructor(
    readonly method: string,
    readonly size: number,
    readonly limit: number,
  ) {}

  get text(): string {
    return `${this.method}: message of ${this.size} bytes, the limit for this method is ${this.limit}`;
  }
}

/** The receive limit of a gRPC method path. */
export function receiveLimitOf(path: string, table: Readonly<Record<string, number>> = RECEIVE_LIMIT_BY_METHOD): number {
  return table[path] ?? DEFAULT_RECEIVE_LIMIT;
}

/** A copy of `definition` whose request deserializers return an {@link OverLimit} marker above the method's limit. */
export function withReceiveLimits<D extends ServiceDefinition>(definition: D, table: Readonly<Record<string, number>> = RECEIVE_LIMIT_BY_METHOD): D {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const limit = receiveLimitOf(method.path, table);
    const decode = method.requestDeserialize;
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => (bytes.length > limit ? new OverLimit(method.path, bytes.length, limit) : decode(bytes)),
    };
  }
  return out as D;
}

/** Ends a call with RESOURCE_EXHAUSTED when its message is an {@link OverLimit} marker. */
export const receiveLimitInterceptor: ServerInterceptor = (_method, call) => {
  const intercepting: ServerInterceptingCall = new ServerInterceptingCall(call, {
    start: (next) =>
      next(
        new ServerListenerBuilder()
          .withOnReceiveMessage((message, pass) => {
            if (message instanceof OverLimit) intercepting.sendStatus({ code: status.RESOURCE_EXHAUSTED, details: message.text });
            else pass(message);
          })
          .build(),
      ),
  });
  return intercepting;
};

/**
 * A grpc-js Server with per-method receive limits on every service added
 * and {@link SERVER_LIMIT_OPTIONS} (callers' options win, their interceptors
 * run after the limit's).
 */
export class LimitedServer extends Server {
  constructor(options: ServerOptions = {}) {
    super({ ...SERVER_LIMIT_OPTIONS, ...options, interceptors: [receiveLimitInterceptor, ...(options.interceptors ?? [])] });
    guardEarlyRefusals(this);
  }

  override addService(service: ServiceDefinition, implementation: UntypedServiceImplementation): void {
    super.addService(withReceiveLimits(service), implementation);
  }
}

/** The two places grpc-js 1.14 answers a stream before any call exists (server.js). */
interface EarlyRefusals {
  _respondWithError?: (error: unknown, stream: Http2StreamLike, channelz: unknown) => void;
  _verifyContentType?: (stream: Http2StreamLike, headers: unknown) => boolean;
}

interface Http2StreamLike {
  destroyed: boolean;
  closed: boolean;
  destroy(): void;
}

/**
 * grpc-js answers a stream with an unknown method (UNIMPLEMENTED) or a
 * content type that is not gRPC (415) with `stream.respond`, without
 * checking that the client has not already reset the stream; Node then
 * throws ERR_HTTP2_INVALID_STREAM from an event handler and the process
 * ends (the fuzz test found it: an unknown path, reset at once). Calls
 * that exist check first (`checkCancelled`). Here both early answers are
 * skipped for a stream that is gone, and a throw ends only that stream.
 * If a grpc-js version renames them, nothing is wrapped (and the fuzz test
 * says so).
 */
function guardEarlyRefusals(server: Server): void {
  const target = server as unknown as EarlyRefusals;
  const respondWithError = target._respondWithError;
  if (typeof respondWithError === 'function') {
    target._respondWithError = function (this: unknown, error, stream, channelz) {
      if (stream.destroyed || stream.closed) return;
      try {
        respondWithError.call(this, error, stream, channelz);
      } catch {
        stream.destroy();
      }
    };
  }
  const verifyContentType = target._verifyContentType;
  if (typeof verifyContentType === 'function') {
    target._verifyContentType = function (this: unknown, stream, headers) {
      if (stream.destroyed || stream.closed) return false;
      try {
        return verifyContentType.call(this, stream, headers);
      } catch {
        stream.destroy();
        return false;
      }
    };
  }
}
