/**
 * The SDK's side of the Scheduler `Calls` stream (`frameworks/sdk/call-stream.ts`):
 * per-tick batches with increasing ids, each promise settled by its own
 * answer, a broken stream failing what it holds with a clear error, the
 * fallback on UNIMPLEMENTED, the answer timeout, drain. The stream is an
 * in-memory stand-in.
 */
import { EventEmitter } from 'node:events';
import type { Call, CallAnswerBatch, CallBatch } from '@meseta/proto/wire';
import { CallType } from '@meseta/proto/wire';
import { CallStreamClient, type CallStreamDuplex } from '@meseta/sdk/call-stream';
import { GrpcStatus, SchedulerTransportError } from '@meseta/sdk/transport';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

class FakeDuplex extends EventEmitter implements CallStreamDuplex {
  batches: CallBatch[] = [];
  ended = false;
  cancelled = false;
  full = false;
  write(batch: CallBatch): boolean {
    this.batches.push(batch);
    return !this.full;
  }
  end(): void {
    this.ended = true;
  }
  cancel(): void {
    this.cancelled = true;
  }
  answer(batch: CallAnswerBatch): void {
    this.emit('data', batch);
  }
  ids(): number[] {
    return this.batches.flatMap((b) => (b.calls ?? []).map((c) => Number(c.id)));
  }
}

function call(type: number): Call {
  return { type, framework_id: { value: 'fw-1' } };
}

/** Every stream the tests' clients opened: broken after each test, so no sweep timer outlives it. */
const opened: FakeDuplex[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.emit('error', { code: GrpcStatus.CANCELLED, details: 'the test is over' });
});

function client(options: { timeoutMs?: number; maxCallsPerBatch?: number } = {}) {
  const streams: FakeDuplex[] = [];
  const unary: Call[] = [];
  const c = new CallStreamClient(
    () => {
      const d = new FakeDuplex();
      streams.push(d);
      opened.push(d);
      return d;
    },
    async (x) => {
      unary.push(x);
    },
    { timeoutMs: options.timeoutMs ?? 30_000, ...(options.maxCallsPerBatch ? { maxCallsPerBatch: options.maxCallsPerBatch } : {}) },
  );
  // A call a test leaves unanswered is failed when its stream is broken after the test; that is not an unhandled rejection.
  const send = c.send.bind(c);
  c.send = (x: Call) => {
    const p = send(x);
    p.catch(() => undefined);
    return p;
  };
  return { c, streams, unary };
}

/** The state of a promise after the queued callbacks ran. */
async function settled<T>(p: Promise<T>): Promise<'pending' | 'resolved' | Error> {
  let state: 'pending' | 'resolved' | Error = 'pending';
  p.then(
    () => (state = 'resolved'),
    (e: Error) => (state = e),
  );
  await tick();
  return state;
}

describe('CallStreamClient', () => {
  it('sends the calls of one tick in one batch with increasing ids, on one stream, and settles each with its own answer', async () => {
    const { c, streams } = client();
    const a = c.send(call(CallType.ACCEPT));
    const b = c.send(call(CallType.DECLINE));
    const k = c.send(call(CallType.ACKNOWLEDGE));
    await tick();
    expect(streams).toHaveLength(1);
    const d = streams[0]!;
    expect(d.batches).toHaveLength(1);
    expect(d.ids()).toEqual([1, 2, 3]);
    expect(d.batches[0]!.calls!.map((x) => x.call!.type)).toEqual([CallType.ACCEPT, CallType.DECLINE, CallType.ACKNOWLEDGE]);
    // Answers in any grouping, paired by id.
    d.answer({ answers: [{ id: 2, code: GrpcStatus.INVALID_ARGUMENT, message: 'decline.offer_ids: required' }] });
    d.answer({ answers: [{ id: 3 }, { id: 1 }] });
    await expect(a).resolves.toBeUndefined();
    await expect(k).resolves.toBeUndefined();
    const err = await b.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchedulerTransportError);
    expect((err as SchedulerTransportError).code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect((err as SchedulerTransportError).message).toBe('INVALID_ARGUMENT: decline.offer_ids: required');
    // The next tick's calls go on the same stream, ids continuing.
    const more = c.send(call(CallType.REVIVE));
    await tick();
    expect(streams).toHaveLength(1);
    expect(d.ids()).toEqual([1, 2, 3, 4]);
    d.answer({ answers: [{ id: 4 }] });
    await expect(more).resolves.toBeUndefined();
    expect(c.inFlight).toBe(0);
  });

  it('splits a tick larger than the batch limit into several batches', async () => {
    const { c, streams } = client({ maxCallsPerBatch: 2 });
    for (let i = 0; i < 5; i++) void c.send(call(CallType.REVIVE));
    await tick();
    expect(streams[0]!.batches.map((b) => b.calls!.length)).toEqual([2, 2, 1]);
    expect(streams[0]!.ids()).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails every call a broken stream held with its code and a message that it may or may not have been applied; the next call opens a new stream', async () => {
    const { c, streams } = client();
    const a = c.send(call(CallType.ACCEPT));
    const b = c.send(call(CallType.KILL));
    await tick();
    streams[0]!.answer({ answers: [{ id: 1 }] });
    streams[0]!.emit('error', { code: GrpcStatus.UNAVAILABLE, details: 'Connection dropped' });
    await expect(a).resolves.toBeUndefined();
    const err = (await b.catch((e: unknown) => e)) as SchedulerTransportError;
    expect(err.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(err.details).toBe('Connection dropped (the call stream ended before the master answered this call; it may or may not have been applied)');
    const again = c.send(call(CallType.KILL));
    await tick();
    expect(streams).toHaveLength(2);
    expect(streams[1]!.ids()).toEqual([3]);
    streams[1]!.answer({ answers: [{ id: 3 }] });
    await expect(again).resolves.toBeUndefined();
  });

  it('fails what it holds when the master ends the stream without answering', async () => {
    const { c, streams } = client();
    const a = c.send(call(CallType.ACCEPT));
    await tick();
    streams[0]!.emit('end');
    const err = (await a.catch((e: unknown) => e)) as SchedulerTransportError;
    expect(err.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(err.details).toMatch(/^the master ended the call stream/);
  });

  it('hands every held call to the fallback when the master answers UNIMPLEMENTED (none was handled)', async () => {
    const { c, streams, unary } = client();
    const a = c.send(call(CallType.ACCEPT));
    const b = c.send(call(CallType.DECLINE));
    await tick();
    streams[0]!.emit('error', { code: GrpcStatus.UNIMPLEMENTED, details: 'The server does not implement the method /meseta.v1.Scheduler/Calls' });
    await expect(a).resolves.toBeUndefined();
    await expect(b).resolves.toBeUndefined();
    expect(unary.map((x) => x.type)).toEqual([CallType.ACCEPT, CallType.DECLINE]);
  });

  it('ends the stream with DEADLINE_EXCEEDED when a call has no answer in time', async () => {
    const { c, streams } = client({ timeoutMs: 100 });
    const a = c.send(call(CallType.ACCEPT));
    await tick();
    const err = (await a.catch((e: unknown) => e)) as SchedulerTransportError;
    expect(err.code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    expect(err.details).toMatch(/^no answer from the master within 100 ms/);
    expect(streams[0]!.cancelled).toBe(true);
  });

  it('waits for drain before writing more', async () => {
    const { c, streams } = client({ maxCallsPerBatch: 1 });
    void c.send(call(CallType.REVIVE));
    await tick();
    const d = streams[0]!;
    d.full = true;
    void c.send(call(CallType.REVIVE));
    void c.send(call(CallType.REVIVE));
    await tick();
    expect(d.ids()).toEqual([1, 2]);
    d.full = false;
    d.emit('drain');
    expect(d.ids()).toEqual([1, 2, 3]);
  });

  it('close sends what is queued, ends its side, and still settles calls by their answers', async () => {
    const { c, streams } = client();
    const a = c.send(call(CallType.ACKNOWLEDGE));
    c.close();
    const d = streams[0]!;
    expect(d.ids()).toEqual([1]);
    expect(d.ended).toBe(true);
    expect(await settled(a)).toBe('pending');
    d.answer({ answers: [{ id: 1 }] });
    await expect(a).resolves.toBeUndefined();
    await expect(c.send(call(CallType.REVIVE))).rejects.toThrow('CANCELLED: the transport is closed');
  });
});
