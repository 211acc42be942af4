/**
 * The master's side of the Scheduler `Calls` stream (`master/call-stream.ts`):
 * pairing of answers with ids, order, the batch checks, per-call refusals,
 * back-pressure and how the stream ends. The stream is an in-memory stand-in.
 */
import { status } from '@grpc/grpc-js';
import type { Call, CallAnswer, CallAnswerBatch, CallBatch } from '@meseta/proto/wire';
import { CallType } from '@meseta/proto/wire';
import { CallStreamSession, batchProblem, CALL_STREAM_LIMITS, type CallStatus, type CallStreamHandlers, type CallStreamIO, type CallStreamTurns } from '../../master/call-stream';
import { CallError, invalidArgument, notFound } from '../../master/call-errors';
import { countBudget } from '../../master/turn-slices';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

class FakeStream implements CallStreamIO {
  written: CallAnswerBatch[] = [];
  ended?: { error?: CallStatus };
  paused = false;
  pauses = 0;
  resumes = 0;
  /** write answers false while set. */
  full = false;
  private drainListeners: (() => void)[] = [];
  write(batch: CallAnswerBatch): boolean {
    this.written.push(batch);
    return !this.full;
  }
  once(_event: 'drain', listener: () => void): unknown {
    this.drainListeners.push(listener);
    return this;
  }
  drain(): void {
    this.full = false;
    const ls = this.drainListeners.splice(0);
    for (const l of ls) l();
  }
  pause(): void {
    this.paused = true;
    this.pauses++;
  }
  resume(): void {
    this.paused = false;
    this.resumes++;
  }
  end(error?: CallStatus): void {
    this.ended = error ? { error } : {};
  }
  answers(): CallAnswer[] {
    return this.written.flatMap((b) => b.answers ?? []);
  }
}

const statusOf = (e: unknown): CallStatus =>
  e instanceof CallError ? { code: e.code, details: e.message } : { code: status.INTERNAL, details: `internal error: ${(e as Error).message}` };

function call(type: number, frameworkId = 'fw-1'): Call {
  return { type, framework_id: { value: frameworkId } };
}

function batch(...calls: [number, Call | undefined][]): CallBatch {
  return { calls: calls.map(([id, c]) => (c ? { id, call: c } : { id })) };
}

describe('batchProblem', () => {
  const limits = { maxCallsPerBatch: 3, maxBacklog: 100 };
  it.each<[string, CallBatch, number, string | undefined]>([
    ['an empty batch', { calls: [] }, 0, undefined],
    ['increasing ids', batch([1, call(CallType.REVIVE)], [2, call(CallType.REVIVE)], [5, call(CallType.REVIVE)]), 0, undefined],
    ['ids above the last batch', batch([8, call(CallType.REVIVE)]), 7, undefined],
    ['a call without id', { calls: [{ id: 1, call: call(CallType.REVIVE) }, { call: call(CallType.REVIVE) }] }, 0, 'calls[1].id: required (a whole number above 0)'],
    ['id 0', batch([0, call(CallType.REVIVE)]), 0, 'calls[0].id: required (a whole number above 0)'],
    ['an id not above the previous in the batch', batch([3, call(CallType.REVIVE)], [3, call(CallType.REVIVE)]), 0, "calls[1].id: 3 is not above the previous call's id 3 (ids increase along the stream)"],
    ['an id not above the last batch', batch([4, call(CallType.REVIVE)]), 7, "calls[0].id: 4 is not above the previous call's id 7 (ids increase along the stream)"],
    ['too many calls', batch([1, call(CallType.REVIVE)], [2, call(CallType.REVIVE)], [3, call(CallType.REVIVE)], [4, call(CallType.REVIVE)]), 0, 'calls: 4 calls in one batch, the limit is 3'],
  ])('%s', (_name, b, lastId, expected) => {
    expect(batchProblem(b, lastId, limits)).toBe(expected);
  });

  it('defaults: 10,000 calls per batch', () => {
    expect(CALL_STREAM_LIMITS.maxCallsPerBatch).toBe(10_000);
  });
});

describe('CallStreamSession', () => {
  function session(handlers: Partial<CallStreamHandlers> = {}, limits = CALL_STREAM_LIMITS) {
    const io = new FakeStream();
    const handled: Call[] = [];
    const s = new CallStreamSession(
      io,
      {
        handle: (c) => {
          handled.push(c);
        },
        statusOf,
        ...handlers,
      },
      limits,
    );
    return { io, s, handled };
  }

  it('answers each call by its id, in the order sent, the answers of one tick in one batch', async () => {
    const { io, s, handled } = session({
      handle: (c) => {
        if (c.type === CallType.DECLINE) throw invalidArgument('decline.offer_ids', 'required');
        if (c.framework_id?.value === 'gone') throw notFound('framework_id: framework gone is not subscribed');
        handledOrder.push(c.type!);
      },
    });
    const handledOrder: number[] = [];
    s.receive(batch([1, call(CallType.REVIVE)], [2, call(CallType.DECLINE)], [3, call(CallType.SUPPRESS)]));
    s.receive(batch([4, call(CallType.REVIVE, 'gone')], [5, call(CallType.ACKNOWLEDGE)]));
    await tick();
    expect(handled).toEqual([]);
    expect(handledOrder).toEqual([CallType.REVIVE, CallType.SUPPRESS, CallType.ACKNOWLEDGE]);
    expect(io.written).toHaveLength(1);
    expect(io.answers()).toEqual([
      { id: 1 },
      { id: 2, code: status.INVALID_ARGUMENT, message: 'decline.offer_ids: required' },
      { id: 3 },
      { id: 4, code: status.NOT_FOUND, message: 'framework_id: framework gone is not subscribed' },
      { id: 5 },
    ]);
    expect(io.ended).toBeUndefined();
  });

  it('answers a call without a body with INVALID_ARGUMENT and goes on', async () => {
    const { io, s, handled } = session();
    s.receive(batch([1, undefined], [2, call(CallType.REVIVE)]));
    await tick();
    expect(io.answers()).toEqual([{ id: 1, code: status.INVALID_ARGUMENT, message: 'call: required' }, { id: 2 }]);
    expect(handled).toHaveLength(1);
  });

  it('answers a handler that breaks with INTERNAL and keeps the stream', async () => {
    const { io, s } = session({
      handle: () => {
        throw new Error('boom');
      },
    });
    s.receive(batch([1, call(CallType.REVIVE)]));
    await tick();
    expect(io.answers()).toEqual([{ id: 1, code: status.INTERNAL, message: 'internal error: boom' }]);
    expect(io.ended).toBeUndefined();
  });

  it("answers a refused call with the check's refusal, without handling it", async () => {
    const { io, s, handled } = session({
      refuse: (c) => (c.framework_id?.value === 'theirs' ? { code: status.PERMISSION_DENIED, details: 'framework_id: framework theirs was subscribed by principal "b"' } : undefined),
    });
    s.receive(batch([1, call(CallType.KILL, 'theirs')], [2, call(CallType.KILL, 'mine')]));
    await tick();
    expect(io.answers()).toEqual([{ id: 1, code: status.PERMISSION_DENIED, message: 'framework_id: framework theirs was subscribed by principal "b"' }, { id: 2 }]);
    expect(handled.map((c) => c.framework_id?.value)).toEqual(['mine']);
  });

  it('holds later calls until a call answered later (TEARDOWN) settles, so order is kept', async () => {
    let finish!: () => void;
    const order: string[] = [];
    const { io, s } = session({
      handle: (c) => {
        order.push(String(c.type));
        if (c.type === CallType.TEARDOWN) return new Promise<void>((r) => (finish = r));
        return undefined;
      },
    });
    s.receive(batch([1, call(CallType.REVIVE)], [2, call(CallType.TEARDOWN)], [3, call(CallType.REVIVE)]));
    await tick();
    expect(order).toEqual([String(CallType.REVIVE), String(CallType.TEARDOWN)]);
    expect(io.answers()).toEqual([{ id: 1 }]);
    expect(s.backlog).toBe(2);
    finish();
    await tick();
    await tick();
    expect(order).toEqual([String(CallType.REVIVE), String(CallType.TEARDOWN), String(CallType.REVIVE)]);
    expect(io.answers()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('answers a rejected later call with its error', async () => {
    const { io, s } = session({ handle: () => Promise.reject(new CallError(status.UNAVAILABLE, 'registry write failed; retry')) });
    s.receive(batch([1, call(CallType.TEARDOWN)]));
    await tick();
    await tick();
    expect(io.answers()).toEqual([{ id: 1, code: status.UNAVAILABLE, message: 'registry write failed; retry' }]);
  });

  it.each<[string, CallBatch, string]>([
    ['ids not increasing', batch([7, call(CallType.REVIVE)]), "calls[0].id: 7 is not above the previous call's id 9 (ids increase along the stream)"],
    ['a call without id', { calls: [{ call: call(CallType.REVIVE) }] }, 'calls[0].id: required (a whole number above 0)'],
  ])('refuses a broken batch whole (%s): the calls before it are answered, then the stream ends with INVALID_ARGUMENT', async (_name, bad, details) => {
    const { io, s, handled } = session();
    s.receive(batch([8, call(CallType.REVIVE)], [9, call(CallType.REVIVE)]));
    s.receive(bad);
    s.receive(batch([20, call(CallType.REVIVE)]));
    expect(io.paused).toBe(true);
    await tick();
    expect(handled).toHaveLength(2);
    expect(io.answers()).toEqual([{ id: 8 }, { id: 9 }]);
    expect(io.ended).toEqual({ error: { code: status.INVALID_ARGUMENT, details } });
  });

  it('refuses a batch over the limit', async () => {
    const { io, s, handled } = session({}, { maxCallsPerBatch: 2, maxBacklog: 100 });
    s.receive(batch([1, call(CallType.REVIVE)], [2, call(CallType.REVIVE)], [3, call(CallType.REVIVE)]));
    await tick();
    expect(handled).toHaveLength(0);
    expect(io.ended).toEqual({ error: { code: status.INVALID_ARGUMENT, details: 'calls: 3 calls in one batch, the limit is 2' } });
  });

  it('ends OK once the client ended and every call is answered', async () => {
    let finish!: () => void;
    const { io, s } = session({ handle: (c) => (c.type === CallType.TEARDOWN ? new Promise<void>((r) => (finish = r)) : undefined) });
    s.receive(batch([1, call(CallType.TEARDOWN)]));
    s.clientEnded();
    await tick();
    expect(io.ended).toBeUndefined();
    finish();
    await tick();
    await tick();
    expect(io.answers()).toEqual([{ id: 1 }]);
    expect(io.ended).toEqual({});
  });

  it('pauses reading while answers wait for the stream to drain, and resumes after', async () => {
    const { io, s } = session({}, { maxCallsPerBatch: 100, maxBacklog: 4 });
    io.full = true;
    s.receive(batch([1, call(CallType.REVIVE)], [2, call(CallType.REVIVE)]));
    await tick();
    expect(io.written).toHaveLength(1); // written, but the stream asked for a drain
    s.receive(batch([3, call(CallType.REVIVE)], [4, call(CallType.REVIVE)], [5, call(CallType.REVIVE)], [6, call(CallType.REVIVE)]));
    expect(s.backlog).toBe(4);
    expect(io.paused).toBe(true);
    await tick();
    expect(io.written).toHaveLength(1); // nothing more written before the drain
    io.drain();
    expect(io.written).toHaveLength(2);
    expect(io.answers().map((a) => a.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(io.paused).toBe(false);
    expect(io.resumes).toBe(1);
  });

  it('drops what it holds and writes nothing once the stream is gone', async () => {
    let finish!: () => void;
    const { io, s } = session({ handle: (c) => (c.type === CallType.TEARDOWN ? new Promise<void>((r) => (finish = r)) : undefined) });
    s.receive(batch([1, call(CallType.TEARDOWN)], [2, call(CallType.REVIVE)]));
    s.close();
    finish();
    await tick();
    await tick();
    expect(io.written).toEqual([]);
    s.receive(batch([3, call(CallType.REVIVE)]));
    await tick();
    expect(io.written).toEqual([]);
    expect(io.ended).toBeUndefined();
  });
});

describe('CallStreamSession, a slice at a time', () => {
  /** Turns the test runs by hand: each slice may handle `perSlice` calls. */
  class HandTurns implements CallStreamTurns {
    due: (() => void)[] = [];
    constructor(private readonly perSlice: number) {}
    later(slice: () => void): void {
      this.due.push(slice);
    }
    budget() {
      return countBudget(this.perSlice);
    }
    /** Run the slices due now (not those they schedule); how many ran. */
    runTurn(): number {
      const now = this.due.splice(0);
      for (const slice of now) slice();
      return now.length;
    }
  }

  function slicedSession(perSlice: number, handle: CallStreamHandlers['handle']) {
    const io = new FakeStream();
    const turns = new HandTurns(perSlice);
    const s = new CallStreamSession(io, { handle, statusOf }, CALL_STREAM_LIMITS, turns);
    return { io, s, turns };
  }

  it('handles 20,000 DECLINEs sent in two batches over several turns, each once, in order, answered in order, the stream paused meanwhile', async () => {
    const handled: number[] = [];
    const { io, s, turns } = slicedSession(3_000, (c) => {
      handled.push(Number(c.decline!.offer_ids![0].value));
    });
    const decline = (n: number): Call => ({ ...call(CallType.DECLINE), decline: { offer_ids: [{ value: String(n) }] } });
    const sent = (from: number): CallBatch => ({ calls: Array.from({ length: 10_000 }, (_, k) => ({ id: from + k, call: decline(from + k) })) });
    s.receive(sent(1));
    expect(handled).toHaveLength(3_000);
    expect(io.paused).toBe(true);
    s.receive(sent(10_001)); // read before the pause took effect: queued behind the first
    expect(handled).toHaveLength(3_000);
    let turnsRun = 0;
    while (turns.runTurn() > 0) {
      turnsRun++;
      expect(io.paused).toBe(true); // read again once the answers are written
    }
    expect(turnsRun).toBe(6);
    expect(handled).toEqual(Array.from({ length: 20_000 }, (_, k) => k + 1));
    await tick();
    expect(io.answers().map((a) => a.id)).toEqual(Array.from({ length: 20_000 }, (_, k) => k + 1));
    expect(io.answers().every((a) => a.code === undefined)).toBe(true);
    expect(io.paused).toBe(false);
    expect(io.resumes).toBe(1);
  });

  it('answers bad calls with their own errors in order across slices', async () => {
    const { io, s, turns } = slicedSession(2, (c) => {
      if (c.type === CallType.DECLINE) throw invalidArgument('decline.offer_ids', 'required');
    });
    s.receive(batch([1, call(CallType.REVIVE)], [2, undefined], [3, call(CallType.DECLINE)], [4, call(CallType.REVIVE)], [5, call(CallType.DECLINE)]));
    while (turns.runTurn() > 0);
    await tick();
    expect(io.answers()).toEqual([
      { id: 1 },
      { id: 2, code: status.INVALID_ARGUMENT, message: 'call: required' },
      { id: 3, code: status.INVALID_ARGUMENT, message: 'decline.offer_ids: required' },
      { id: 4 },
      { id: 5, code: status.INVALID_ARGUMENT, message: 'decline.offer_ids: required' },
    ]);
  });

  it('ends once the last slice is answered when the client ended meanwhile, and drops the rest when the stream is gone', async () => {
    const ended = slicedSession(2, () => undefined);
    ended.s.receive(batch([1, call(CallType.REVIVE)], [2, call(CallType.REVIVE)], [3, call(CallType.REVIVE)]));
    ended.s.clientEnded();
    await tick();
    expect(ended.io.ended).toBeUndefined();
    while (ended.turns.runTurn() > 0);
    await tick();
    expect(ended.io.answers().map((a) => a.id)).toEqual([1, 2, 3]);
    expect(ended.io.ended).toEqual({});

    const handled: Call[] = [];
    const gone = slicedSession(2, (c) => void handled.push(c));
    gone.s.receive(batch([1, call(CallType.REVIVE)], [2, call(CallType.REVIVE)], [3, call(CallType.REVIVE)]));
    gone.s.close();
    while (gone.turns.runTurn() > 0);
    expect(handled).toHaveLength(2);
  });
});
