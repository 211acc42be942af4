/**
 * A scripted stand-in for the master, for unit tests of the driver and of
 * schedulers built on it: it records every call and lets the test push
 * events, end or break the stream, and reject calls.
 */
import type { Call, Event, EventBatch, MasterInfo } from '@meseta/proto/wire';
import { EventType } from '@meseta/proto/wire';
import { AsyncQueue } from './async-queue';
import {
  GrpcStatus,
  SchedulerTransportError,
  type SchedulerEventStream,
  type SchedulerTransportLike,
} from './transport';

/** One opened event stream, as the fake master sees it. */
export interface FakeStream {
  /** The SUBSCRIBE call that opened it. */
  readonly subscribe: Call;
  /** Batches still to be read by the driver. */
  readonly queue: AsyncQueue<EventBatch>;
  /** True once the driver cancelled it. */
  cancelled: boolean;
}

/** Options of {@link InMemorySchedulerTransport.sendSubscribed}. */
export interface FakeSubscribedOptions {
  /** @default 'stream-<n>' */
  streamId?: string;
  /** @default 15 */
  heartbeatIntervalSeconds?: number;
  /** @default { id: 'fake-master', hostname: '127.0.0.1', port: 5050 } */
  masterInfo?: MasterInfo;
}

/** An in-memory {@link SchedulerTransportLike}. */
export class InMemorySchedulerTransport implements SchedulerTransportLike {
  /** Every stream the driver opened, oldest first. */
  readonly streams: FakeStream[] = [];
  /** Every non-SUBSCRIBE call, in order. */
  readonly calls: Call[] = [];
  /**
   * Decides each call's outcome: return (or resolve) to accept it, throw (or
   * reject) to fail it, ideally with a {@link SchedulerTransportError}.
   * @default accepts every call
   */
  onCall: (call: Call) => void | Promise<void> = () => undefined;
  /** True once the driver closed the transport. */
  closed = false;
  private readonly listeners: Array<() => void> = [];

  /** Record the SUBSCRIBE and open a stream the test feeds with {@link send}. */
  subscribe(call: Call): SchedulerEventStream {
    const queue = new AsyncQueue<EventBatch>();
    const stream: FakeStream = { subscribe: call, queue, cancelled: false };
    this.streams.push(stream);
    this.notify();
    return {
      [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](),
      cancel: () => {
        stream.cancelled = true;
        queue.fail(new SchedulerTransportError(GrpcStatus.CANCELLED, 'Cancelled on client'));
      },
    };
  }

  /** Record the call and settle it as {@link onCall} decides. */
  async call(call: Call): Promise<void> {
    this.calls.push(call);
    this.notify();
    await this.onCall(call);
  }

  /** Mark the transport closed. */
  close(): void {
    this.closed = true;
  }

  /** The stream opened last. */
  get current(): FakeStream {
    const stream = this.streams[this.streams.length - 1];
    if (!stream) throw new Error('no stream was opened');
    return stream;
  }

  /** The calls of one type, e.g. `callsOf(CallType.ACKNOWLEDGE)`. */
  callsOf(type: number): Call[] {
    return this.calls.filter((c) => c.type === type);
  }

  /** Push events to the current stream as one batch. */
  send(...events: Event[]): void {
    this.current.queue.push({ events });
  }

  /** Push a SUBSCRIBED event to the current stream. */
  sendSubscribed(frameworkId: string, options: FakeSubscribedOptions = {}): void {
    this.send({
      type: EventType.SUBSCRIBED,
      subscribed: {
        framework_id: { value: frameworkId },
        stream_id: options.streamId ?? `stream-${this.streams.length}`,
        heartbeat_interval_seconds: options.heartbeatIntervalSeconds ?? 15,
        master_info: options.masterInfo ?? { id: 'fake-master', hostname: '127.0.0.1', port: 5050 },
      },
    });
  }

  /** Close the current stream cleanly, as a master does on shutdown. */
  endStream(): void {
    this.current.queue.end();
  }

  /** Break the current stream with a gRPC error. */
  breakStream(code: number = GrpcStatus.UNAVAILABLE, details = 'connection reset'): void {
    this.current.queue.fail(new SchedulerTransportError(code, details));
  }

  /** Resolves once the driver has opened `count` streams in total. */
  waitForStreams(count: number): Promise<FakeStream> {
    return this.waitUntil(() => this.streams.length >= count, () => this.streams[count - 1]);
  }

  /** Resolves once `count` calls of `type` were made; gives the last of them. */
  waitForCalls(type: number, count = 1): Promise<Call> {
    return this.waitUntil(
      () => this.callsOf(type).length >= count,
      () => this.callsOf(type)[count - 1],
    );
  }

  private waitUntil<T>(ready: () => boolean, value: () => T): Promise<T> {
    if (ready()) return Promise.resolve(value());
    return new Promise((resolve) => {
      const check = (): void => {
        if (!ready()) return;
        this.listeners.splice(this.listeners.indexOf(check), 1);
        resolve(value());
      };
      this.listeners.push(check);
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

