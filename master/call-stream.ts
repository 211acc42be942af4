/**
 * One Scheduler `Calls` stream on the master: the calls of each incoming
 * `CallBatch` are handled one after another, in the order sent, exactly as
 * the unary `Scheduler.Call` handles one (the same handler, the same
 * per-call authorization check, the same errors), and each call's answer
 * (its id, code 0 or the gRPC code and message the unary call would have
 * failed with) goes back in a `CallAnswerBatch` with the others of its tick.
 *
 * Bounded: a batch holds at most `maxCallsPerBatch` calls; when more than
 * `maxBacklog` calls wait to be handled or answers wait to be written (a
 * client that does not read its answers, a call the master is still
 * finishing) the stream is paused, so HTTP/2 flow control holds the client
 * back instead of the master buffering without end.
 *
 * Handled a slice at a time (issue 11: the master's loop never stalls): the
 * calls run one after another until the slice's budget ({@link CALL_SLICE_MS})
 * is spent, and the rest on later turns ({@link CallStreamTurns}); a call is
 * never cut in two, and the stream is paused while calls wait for a later
 * turn, so a fast client cannot queue work without end. Each call's answer is
 * sent in order whatever turn it ran in.
 *
 * A broken batch (too many calls, a call without an id, ids not increasing)
 * is refused whole: the stream ends with INVALID_ARGUMENT naming the field
 * once the calls before it are answered. Pure of I/O: the stream is behind
 * {@link CallStreamIO}, the turns behind {@link CallStreamTurns}.
 */
import { status } from '@grpc/grpc-js';
import type { Call, CallAnswer, CallAnswerBatch, CallBatch } from '@meseta/proto/wire';
import { BatchingWriter } from '@meseta/runtime/batching-writer';
import { timeBudget, type SliceBudget } from './turn-slices';

/** A gRPC status code and message: an answer's failure, or how the stream ends. */
export interface CallStatus {
  code: number;
  details: string;
}

/** Limits of one stream. */
export interface CallStreamLimits {
  /** Calls in one `CallBatch`; a larger batch ends the stream. */
  maxCallsPerBatch: number;
  /** Calls waiting to be handled plus answers waiting to be written before the stream is paused. */
  maxBacklog: number;
}

/**
 * The defaults: 10,000 calls in one batch (the SDK sends what one tick
 * queued, far fewer); paused above 4,096 waiting.
 */
export const CALL_STREAM_LIMITS: Readonly<CallStreamLimits> = Object.freeze({ maxCallsPerBatch: 10_000, maxBacklog: 4_096 });

/**
 * Milliseconds of calls handled in one turn before the rest wait for a later
 * one: a batch of the launcher's DECLINEs (hundreds of offers each, ~20 µs an
 * offer) took up to 376 ms in one turn at 50,000 agents.
 */
export const CALL_SLICE_MS = 5;

/** Where the session's slices run: a later turn, and the budget of a slice. */
export interface CallStreamTurns {
  /** Run `slice` on a later turn of the event loop. */
  later(slice: () => void): void;
  /** The budget of a slice that starts now. */
  budget(): SliceBudget;
}

/** Slices of {@link CALL_SLICE_MS} on `setImmediate` turns. */
export const IMMEDIATE_TURNS: CallStreamTurns = Object.freeze({
  later: (slice: () => void) => void setImmediate(slice),
  budget: () => timeBudget(CALL_SLICE_MS),
});

/** What the session needs of the gRPC stream. */
export interface CallStreamIO {
  /** Write one answer batch; false when the stream wants a `drain` first. */
  write(batch: CallAnswerBatch): boolean;
  once(event: 'drain', listener: () => void): unknown;
  /** Stop reading calls (back-pressure) / read again. */
  pause(): void;
  resume(): void;
  /** End the stream: OK without a status, else with that status. */
  end(error?: CallStatus): void;
}

/** What the session does with calls. */
export interface CallStreamHandlers {
  /** The unary Call's handler: throws for a refused call; a promise for a call answered later (TEARDOWN). */
  handle(call: Call): void | Promise<void>;
  /** The per-call authorization refusal, if any (an authenticated master). */
  refuse?(call: Call): CallStatus | undefined;
  /** A thrown error as a status (as the unary Call answers it). */
  statusOf(error: unknown): CallStatus;
}

interface Pending {
  id: number;
  call: Call | null | undefined;
}

/** The problem with a batch as `field: problem`, or undefined when it is well formed. */
export function batchProblem(batch: CallBatch, lastId: number, limits: CallStreamLimits): string | undefined {
  const calls = batch.calls ?? [];
  if (calls.length > limits.maxCallsPerBatch) return `calls: ${calls.length} calls in one batch, the limit is ${limits.maxCallsPerBatch}`;
  let previous = lastId;
  for (let i = 0; i < calls.length; i++) {
    const id = calls[i]?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return `calls[${i}].id: required (a whole number above 0)`;
    if (id <= previous) return `calls[${i}].id: ${id} is not above the previous call's id ${previous} (ids increase along the stream)`;
    previous = id;
  }
  return undefined;
}

/** The calls of one stream, handled in order, answered by id. */
export class CallStreamSession {
  private readonly queue: Pending[] = [];
  /** The answers of each tick in one `CallAnswerBatch`, held while the stream is not draining. */
  private readonly answers: BatchingWriter<CallAnswer, CallAnswerBatch>;
  private lastId = 0;
  /** A call whose promise has not settled: later calls wait for it (order is kept). */
  private waiting = false;
  private paused = false;
  /** Calls wait for a slice on a later turn (the stream is paused meanwhile). */
  private sliceDue = false;
  /** Set once nothing more is read: the client ended its side, or a batch was refused. */
  private ending?: CallStatus | 'ok';
  private closed = false;

  constructor(
    private readonly io: CallStreamIO,
    private readonly handlers: CallStreamHandlers,
    private readonly limits: CallStreamLimits = CALL_STREAM_LIMITS,
    private readonly turns: CallStreamTurns = IMMEDIATE_TURNS,
  ) {
    this.answers = new BatchingWriter<CallAnswer, CallAnswerBatch>(io, (answers) => ({ answers }), {
      // One message per tick however many answers (the old writer's shape); the batch limit is the client's.
      maxBatch: Number.MAX_SAFE_INTEGER,
      written: () => this.written(),
      writeFailed: () => this.close(),
    });
  }

  /** Calls received and not yet answered on the wire (queued, in a handler, or an unwritten answer). */
  get backlog(): number {
    return this.queue.length + this.answers.pending + (this.waiting ? 1 : 0);
  }

  /** One `CallBatch` from the client. */
  receive(batch: CallBatch): void {
    if (this.closed || this.ending) return;
    const problem = batchProblem(batch, this.lastId, this.limits);
    if (problem) {
      this.ending = { code: status.INVALID_ARGUMENT, details: problem };
      this.pause();
      this.finishIfDone();
      return;
    }
    for (const c of batch.calls ?? []) {
      this.queue.push({ id: c.id as number, call: c.call });
      this.lastId = c.id as number;
    }
    this.pump();
    if (this.backlog >= this.limits.maxBacklog) this.pause();
  }

  /** The client ended its side: the stream ends OK once every call is answered. */
  clientEnded(): void {
    if (this.closed || this.ending) return;
    this.ending = 'ok';
    this.finishIfDone();
  }

  /** The stream is gone (cancelled, broken): calls not yet handled are dropped, nothing more is written. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.answers.close();
  }

  /** Handle queued calls until one is still in progress, none is left, or the slice is spent (the rest on a later turn). */
  private pump(): void {
    if (this.sliceDue) return;
    const budget = this.turns.budget();
    while (!this.waiting && !this.closed && this.queue.length > 0) {
      const next = this.queue.shift() as Pending;
      this.run(next);
      if (this.queue.length > 0 && !this.waiting && budget.exhausted()) {
        this.sliceDue = true;
        this.pause();
        this.turns.later(() => {
          this.sliceDue = false;
          this.pump();
        });
        return;
      }
    }
    this.finishIfDone();
  }

  private run({ id, call }: Pending): void {
    if (!call) {
      this.answer(id, { code: status.INVALID_ARGUMENT, details: 'call: required' });
      return;
    }
    const refusal = this.handlers.refuse?.(call);
    if (refusal) {
      this.answer(id, refusal);
      return;
    }
    let done: void | Promise<void>;
    try {
      done = this.handlers.handle(call);
    } catch (e) {
      this.answer(id, this.handlers.statusOf(e));
      return;
    }
    if (!done) {
      this.answer(id);
      return;
    }
    this.waiting = true;
    done.then(
      () => this.settled(id),
      (e: unknown) => this.settled(id, this.handlers.statusOf(e)),
    );
  }

  private settled(id: number, failure?: CallStatus): void {
    this.waiting = false;
    if (this.closed) return;
    this.answer(id, failure);
    this.pump();
  }

  private answer(id: number, failure?: CallStatus): void {
    if (this.closed) return;
    this.answers.push(failure ? { id, code: failure.code, message: failure.details } : { id });
  }

  /** The answers are written and the stream is draining: read again if paused, end if that was all. */
  private written(): void {
    if (this.closed) return;
    if (this.paused && !this.ending && !this.sliceDue && this.backlog < this.limits.maxBacklog / 2) {
      this.paused = false;
      this.io.resume();
    }
    this.finishIfDone();
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.io.pause();
  }

  private finishIfDone(): void {
    if (this.closed || !this.ending || this.queue.length > 0 || this.waiting || this.sliceDue) return;
    if (!this.answers.idle) return;
    const ending = this.ending;
    this.closed = true;
    this.io.end(ending === 'ok' ? undefined : ending);
  }
}
