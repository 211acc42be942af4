/**
 * The real network boundary: the Scheduler gRPC service of a master over
 * HTTP/2 (Subscribe is server-streaming EventBatch; every other call goes
 * over one long-lived `Calls` stream, answered by id, or as a unary `Call`
 * against a master without `Calls`), over TLS when the client security
 * names a CA, with its token as `authorization: Bearer <token>` on every
 * call and stream.
 */
import { status as GrpcStatus, type ChannelOptions, type ClientDuplexStream, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import type { Call, CallAnswerBatch, CallBatch, EventBatch } from '@meseta/proto/wire';
import { CHANNEL_OPTIONS, SchedulerClient } from '@meseta/proto/services';
import { grpcChannelFor, type ClientSecurity } from '@meseta/runtime/client-security';
import { SchedulerTransportError, type SchedulerEventStream, type SchedulerTransportLike } from './transport';
import { CallStreamClient, type CallStreamDuplex } from './call-stream';

/** Options of {@link GrpcSchedulerTransport}. */
export interface GrpcSchedulerTransportOptions {
  /**
   * Deadline of each unary call.
   * @default 30000
   */
  callTimeoutMs?: number;
  /**
   * Bounds of the channel's own reconnect backoff. The driver passes its
   * `reconnect` bounds so that a master that comes back is found within
   * `maxMs` rather than grpc-js's default of up to two minutes.
   * @default { initialMs: 250, maxMs: 10000 }
   */
  reconnect?: { initialMs: number; maxMs: number };
  /**
   * TLS (CA, client certificate) and bearer token. The driver passes what
   * `$MESETA_CONFIG` / `~/.meseta/config.json` and the `MESETA_*`
   * variables name (`@meseta/runtime/client-security`).
   * @default plaintext, no token
   */
  security?: ClientSecurity;
  /**
   * Extra grpc-js channel options, applied last. grpc-js shares one TCP
   * connection between channels to the same master with equal options;
   * `{ 'grpc.use_local_subchannel_pool': 1 }` gives this transport a
   * connection of its own (many frameworks in one process, as a benchmark runs them).
   * @default {}
   */
  channelOptions?: ChannelOptions;
  /**
   * Send calls over one long-lived `Scheduler/Calls` stream (batched per
   * tick, each answered by id) instead of one unary `Scheduler/Call` each.
   * A master without `Calls` (UNIMPLEMENTED) is then called unary.
   * @default true
   */
  callStream?: boolean;
}

type SchedulerGrpcClient = InstanceType<typeof SchedulerClient>;

function toTransportError(error: unknown): SchedulerTransportError {
  if (error instanceof SchedulerTransportError) return error;
  const e = error as Partial<ServiceError>;
  if (typeof e?.code === 'number') return new SchedulerTransportError(e.code, e.details || e.message || 'unknown error');
  return new SchedulerTransportError(GrpcStatus.UNKNOWN, error instanceof Error ? error.message : String(error));
}

/** A {@link SchedulerTransportLike} talking gRPC to one master. */
export class GrpcSchedulerTransport implements SchedulerTransportLike {
  private readonly client: SchedulerGrpcClient;
  private readonly callTimeoutMs: number;
  private readonly stream?: CallStreamClient;
  /** False once the master answered UNIMPLEMENTED to `Calls`, or when the options turn the stream off. */
  private streaming: boolean;

  /** @param master host:port of the master, e.g. `127.0.0.1:5050`. */
  constructor(master: string, options: GrpcSchedulerTransportOptions = {}) {
    const reconnect = options.reconnect ?? { initialMs: 250, maxMs: 10_000 };
    const security = options.security ?? {};
    const channel = grpcChannelFor(security, master);
    this.client = new SchedulerClient(master, channel.credentials, {
      ...CHANNEL_OPTIONS,
      ...channel.options,
      'grpc.initial_reconnect_backoff_ms': reconnect.initialMs,
      'grpc.max_reconnect_backoff_ms': reconnect.maxMs,
      ...options.channelOptions,
    });
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
    this.streaming = options.callStream ?? true;
    if (this.streaming) {
      this.stream = new CallStreamClient(
        () => this.client.calls() as ClientDuplexStream<CallBatch, CallAnswerBatch> as unknown as CallStreamDuplex,
        (call) => {
          this.streaming = false;
          return this.unary(call);
        },
        { timeoutMs: this.callTimeoutMs },
      );
    }
  }

  /** Whether calls go over the `Calls` stream (false against a master without it, after its first answer). */
  get usesCallStream(): boolean {
    return this.streaming;
  }

  /** Open `Scheduler/Subscribe`; each EventBatch message is one item of the stream. */
  subscribe(call: Call): SchedulerEventStream {
    const stream = this.client.subscribe(call) as ClientReadableStream<EventBatch>;
    async function* batches(): AsyncGenerator<EventBatch> {
      try {
        for await (const batch of stream) yield batch as EventBatch;
      } catch (error) {
        throw toTransportError(error);
      }
    }
    const iterable = batches();
    return {
      [Symbol.asyncIterator]: () => iterable,
      cancel: () => stream.cancel(),
    };
  }

  /** One call: over the `Calls` stream, or unary `Scheduler/Call` with a deadline of `callTimeoutMs`. */
  call(call: Call): Promise<void> {
    if (this.streaming && this.stream) return this.stream.send(call);
    return this.unary(call);
  }

  private unary(call: Call): Promise<void> {
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + this.callTimeoutMs);
      this.client.call(call, { deadline }, (error: ServiceError | null) => {
        if (error) reject(toTransportError(error));
        else resolve();
      });
    });
  }

  /** Close the channel; calls already started finish (the call stream is ended from this side after its queued calls). */
  close(): void {
    this.stream?.close();
    this.client.close();
  }
}
