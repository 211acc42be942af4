/**
 * The client side of the Scheduler `Calls` stream: every call the driver
 * sends goes out on one long-lived stream, the calls queued in the same tick
 * in one `CallBatch`, each with its own id; each call's promise settles with
 * the answer that names its id (resolved for code 0, rejected with a
 * {@link SchedulerTransportError} carrying the master's code and message
 * otherwise).
 *
 * - The stream opens on the first call and again on the next call after it
 *   ended or broke.
 * - A stream that breaks fails every call still waiting for its answer
 *   with the stream's code and a message saying the call may or may not have
 *   been applied; none is dropped silently.
 * - A master that answers UNIMPLEMENTED (a build without `Calls`) handled
 *   none of the calls: they are handed to `unsupported` (the transport sends
 *   them as unary calls, and so does every later call).
 * - A call with no answer after `timeoutMs` ends the stream with
 *   DEADLINE_EXCEEDED (one sweep timer per stream, not one per call).
 * - Writes wait for `drain` when the stream asks (HTTP/2 flow control).
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Call, CallAnswerBatch, CallBatch, StreamedCall } from '@meseta/proto/wire';
import { BatchingWriter } from '@meseta/runtime/batching-writer';
import { SchedulerTransportError } from './transport';

/** What the client needs of a grpc-js client duplex stream. */
export interface CallStreamDuplex {
  write(batch: CallBatch): boolean;
  end(): void;
  cancel(): void;
  on(event: 'data', listener: (batch: CallAnswerBatch) => void): unknown;
  on(event: 'error', listener: (error: { code?: number; details?: string; message?: string }) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  once(event: 'drain', listener: () => void): unknown;
}

/** Options of {@link CallStreamClient}. */
export interface CallStreamClientOptions {
  /** A call not answered within this long ends the stream (DEADLINE_EXCEEDED). */
  timeoutMs: number;
  /**
   * Most calls in one batch (the master refuses more than 10,000).
   * @default 1000
   */
  maxCallsPerBatch?: number;
}

interface Waiting {
  call: Call;
  resolve: () => void;
  reject: (error: Error) => void;
  sentAt: number;
}

/** A call queued for the next batch. */
interface Queued {
  id: number;
  waiting: Waiting;
}

interface Open {
  stream: CallStreamDuplex;
  /** Sent, by id, oldest first. */
  sent: Map<number, Waiting>;
  /** The calls of each tick in one `CallBatch`; what it still holds is not sent yet. */
  writer: BatchingWriter<Queued, CallBatch>;
  sweep?: NodeJS.Timeout;
  done: boolean;
}

/** Calls over one long-lived stream, answered by id. */
export class CallStreamClient {
  private current?: Open;
  private nextId = 1;
  private closed = false;
  private readonly maxBatch: number;

  constructor(
    /** Open a new `Scheduler/Calls` stream. */
    private readonly open: () => CallStreamDuplex,
    /** Send calls the master could not take on a stream (UNIMPLEMENTED) another way. */
    private readonly unsupported: (call: Call) => Promise<void>,
    private readonly options: CallStreamClientOptions,
  ) {
    this.maxBatch = options.maxCallsPerBatch ?? 1000;
  }

  /** Calls sent or queued and not yet answered. */
  get inFlight(): number {
    return this.current ? this.current.sent.size + this.current.writer.pending : 0;
  }

  /** Send one call; settles with its own answer. */
  send(call: Call): Promise<void> {
    if (this.closed) return Promise.reject(new SchedulerTransportError(GrpcStatus.CANCELLED, 'the transport is closed'));
    const open = this.current && !this.current.done ? this.current : this.start();
    return new Promise<void>((resolve, reject) => {
      open.writer.push({ id: this.nextId++, waiting: { call, resolve, reject, sentAt: 0 } });
    });
  }

  /**
   * Send what is queued, then end this side of the stream: calls already
   * sent still get their answers.
   */
  close(): void {
    this.closed = true;
    const open = this.current;
    if (!open || open.done) return;
    const finished = open.writer.finish();
    const end = (): void => {
      if (!open.done) open.stream.end();
    };
    // Ended at once when everything queued went out now; after the drain it waits for otherwise.
    if (open.writer.idle) end();
    else void finished.then(end);
  }

  private start(): Open {
    const stream = this.open();
    const open: Open = {
      stream,
      sent: new Map(),
      done: false,
      writer: new BatchingWriter<Queued, CallBatch>(stream, (part) => this.batchOf(open, part), {
        maxBatch: this.maxBatch,
        written: () => this.armSweep(open),
        writeFailed: (e) => this.ended(open, GrpcStatus.UNAVAILABLE, (e as Error).message),
      }),
    };
    this.current = open;
    stream.on('data', (batch) => {
      for (const a of batch.answers ?? []) {
        const id = Number(a.id ?? 0);
        const w = open.sent.get(id);
        if (!w) continue;
        open.sent.delete(id);
        if (!a.code) w.resolve();
        else w.reject(new SchedulerTransportError(a.code, a.message || 'refused'));
      }
    });
    stream.on('error', (e) => {
      const code = typeof e?.code === 'number' ? e.code : GrpcStatus.UNKNOWN;
      this.ended(open, code, e?.details || e?.message || 'the call stream broke');
    });
    stream.on('end', () => this.ended(open, GrpcStatus.UNAVAILABLE, 'the master ended the call stream'));
    return open;
  }

  /** One `CallBatch` of queued calls, each noted as sent (its answer is awaited from now). */
  private batchOf(open: Open, part: Queued[]): CallBatch {
    const now = Date.now();
    const calls: StreamedCall[] = new Array(part.length);
    for (let i = 0; i < part.length; i++) {
      const queued = part[i]!;
      queued.waiting.sentAt = now;
      open.sent.set(queued.id, queued.waiting);
      calls[i] = { id: queued.id, call: queued.waiting.call };
    }
    return { calls };
  }

  private armSweep(open: Open): void {
    if (open.sweep || open.sent.size === 0) return;
    const every = Math.max(50, Math.min(1000, this.options.timeoutMs / 2));
    open.sweep = setInterval(() => {
      if (open.done) return;
      const oldest = open.sent.values().next().value as Waiting | undefined;
      if (!oldest) {
        clearInterval(open.sweep);
        open.sweep = undefined;
        return;
      }
      if (Date.now() - oldest.sentAt >= this.options.timeoutMs) {
        open.stream.cancel();
        this.ended(open, GrpcStatus.DEADLINE_EXCEEDED, `no answer from the master within ${this.options.timeoutMs} ms`);
      }
    }, every);
    open.sweep.unref?.();
  }

  /** The stream is over: fail (or, on UNIMPLEMENTED, resend another way) every call it still holds. */
  private ended(open: Open, code: number, details: string): void {
    if (open.done) return;
    open.done = true;
    if (open.sweep) clearInterval(open.sweep);
    if (this.current === open) this.current = undefined;
    const queued = open.writer.close();
    const left = [...open.sent.values(), ...queued.map((q) => q.waiting)];
    open.sent.clear();
    if (code === GrpcStatus.UNIMPLEMENTED) {
      // Nothing was handled: the master has no Calls method.
      for (const w of left) this.unsupported(w.call).then(w.resolve, w.reject);
      return;
    }
    for (const w of left) {
      w.reject(new SchedulerTransportError(code, `${details} (the call stream ended before the master answered this call; it may or may not have been applied)`));
    }
  }
}
