/**
 * The Scheduler `Calls` stream through a real `meseta master` (test/harness,
 * real agents running real tasks, 127.0.0.1 sockets):
 *
 * - an SDK framework launches over the stream (10 tasks per ACCEPT) and gets
 *   every TASK_RUNNING, then kills them over it;
 * - a raw stream: answers paired by id in order, an unknown call type and an
 *   unknown framework answered with the unary Call's errors, a broken batch
 *   ending the stream with INVALID_ARGUMENT after the earlier answers, a batch
 *   over 10,000 calls or a message over 16 MiB ending it;
 * - an authenticated master: a stream without a credential is refused, and a
 *   call for another principal's framework is answered PERMISSION_DENIED
 *   while the stream stays open;
 * - the SDK against a stand-in master without `Calls` (UNIMPLEMENTED) falls
 *   back to unary calls.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, Server, ServerCredentials, credentials, status, type ClientDuplexStream, type ServerUnaryCall, type ServiceError, type sendUnaryData } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, SchedulerClient, SchedulerService } from '@meseta/proto/services';
import { CallType, type Call, type CallAnswer, type CallAnswerBatch, type CallBatch } from '@meseta/proto/wire';
import { GrpcSchedulerTransport, compileTask } from '@meseta/sdk';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { Recorder, stateName } from '../support/recorder';

interface RawClient {
  calls(metadata: Metadata): ClientDuplexStream<CallBatch, CallAnswerBatch>;
  close(): void;
}

/** A `Scheduler/Calls` stream opened by hand, recording answers and how it ended. */
class RawCallStream {
  readonly answers: CallAnswer[] = [];
  error?: ServiceError;
  ended = false;
  private readonly client: RawClient;
  private readonly stream: ClientDuplexStream<CallBatch, CallAnswerBatch>;

  constructor(address: string, token?: string) {
    this.client = new SchedulerClient(address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as RawClient;
    const metadata = new Metadata();
    if (token) metadata.set('authorization', `Bearer ${token}`);
    this.stream = this.client.calls(metadata);
    this.stream.on('data', (b: CallAnswerBatch) => this.answers.push(...(b.answers ?? [])));
    this.stream.on('error', (e: ServiceError) => (this.error = e));
    this.stream.on('end', () => (this.ended = true));
  }

  send(...calls: [number, Call][]): void {
    this.stream.write({ calls: calls.map(([id, call]) => ({ id, call })) });
  }

  sendRaw(batch: CallBatch): void {
    this.stream.write(batch);
  }

  /** End this side: the master answers what it holds, then ends the stream OK. */
  end(): void {
    this.stream.end();
  }

  answer(id: number): Promise<CallAnswer> {
    return waitFor(() => this.answers.find((a) => Number(a.id) === id), 20_000, `the answer to call ${id}`);
  }

  close(): void {
    this.stream.cancel();
    this.client.close();
  }
}

/** What the unary `Scheduler/Call` answers to a call: code 0 or its error. */
function unaryAnswer(address: string, call: Call): Promise<{ code: number; message: string }> {
  const client = new SchedulerClient(address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as {
    call(c: Call, callback: (e: ServiceError | null) => void): void;
    close(): void;
  };
  return new Promise((resolve) =>
    client.call(call, (e) => {
      client.close();
      resolve(e ? { code: e.code, message: e.details } : { code: 0, message: '' });
    }),
  );
}

const normalised = (a: CallAnswer): { id: number; code: number; message: string } => ({ id: Number(a.id), code: a.code ?? 0, message: a.message ?? '' });

describe('Scheduler.Calls on a real master', () => {
  let cluster: Cluster;
  const recorders: Recorder[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ agents: 2, name: 'call-stream', masterFlags: ['--allocation-interval', '200ms'] });
  }, 120_000);

  afterAll(async () => {
    for (const r of recorders) await r.driver.teardown().catch(() => undefined);
    await cluster?.stop();
  });

  it('an SDK framework launches 10 tasks per ACCEPT over the stream, gets every TASK_RUNNING, and kills them over it', async () => {
    const transport = new GrpcSchedulerTransport(cluster.masterAddress);
    const fw = new Recorder(cluster.masterAddress, { name: 'streamer' }, { transport });
    recorders.push(fw);
    await fw.driver.start();
    await waitFor(() => fw.open().length >= 2, 20_000, 'an offer from each agent');
    const ids: { task: string; agent: string }[] = [];
    for (const [k, offer] of [fw.take(), fw.take()].entries()) {
      const tasks = Array.from({ length: 10 }, (_, i) => compileTask({ name: `s-${k}-${i}`, taskId: `s-${k}-${i}`, command: 'sleep 120', cpus: 0.1, mem: 16 }, offer));
      tasks.forEach((t) => ids.push({ task: t.task_id!.value!, agent: offer.agent_id!.value! }));
      await fw.driver.launch([offer.id!.value!], tasks);
    }
    for (const { task } of ids) await fw.waitState(task, 'TASK_RUNNING');
    expect(transport.usesCallStream).toBe(true);
    await Promise.all(ids.map(({ task, agent }) => fw.driver.kill(task, agent)));
    for (const { task } of ids) await fw.waitState(task, 'TASK_KILLED');
    expect(fw.updates.filter((u) => stateName(u) === 'TASK_RUNNING')).toHaveLength(20);
    expect(transport.usesCallStream).toBe(true);
    await fw.driver.teardown();
  }, 120_000);

  it('answers by id in order with the unary Call errors, and ends the stream on a broken batch after the earlier answers', async () => {
    const fw = new Recorder(cluster.masterAddress, { name: 'raw-caller' });
    recorders.push(fw);
    await fw.driver.start();
    await waitFor(() => fw.driver.frameworkId, 20_000, 'the framework id');
    const framework_id = { value: fw.driver.frameworkId! };
    const raw = new RawCallStream(cluster.masterAddress);
    try {
      const calls: Call[] = [
        { type: CallType.SUPPRESS, framework_id, suppress: {} },
        { type: 999 as unknown as Call['type'], framework_id },
        { type: CallType.SUBSCRIBE, framework_id },
        { type: CallType.REVIVE, framework_id: { value: 'nobody' }, revive: {} },
        { type: CallType.ACCEPT, framework_id, accept: {} },
        { type: CallType.REVIVE, framework_id, revive: {} },
      ];
      raw.send(...calls.map((c, i): [number, Call] => [i + 1, c]));
      await raw.answer(6);
      expect(raw.answers.map(normalised)).toEqual([
        { id: 1, code: 0, message: '' },
        { id: 2, code: status.INVALID_ARGUMENT, message: 'type: required (ACCEPT, DECLINE, KILL, ...)' },
        { id: 3, code: status.INVALID_ARGUMENT, message: 'type: SUBSCRIBE goes to the Subscribe method, not Call' },
        { id: 4, code: status.NOT_FOUND, message: 'framework_id: framework nobody is not subscribed (it may have been removed)' },
        { id: 5, code: status.INVALID_ARGUMENT, message: 'accept.offer_ids: at least one offer id is required' },
        { id: 6, code: 0, message: '' },
      ]);
      // Each the same as the unary Call answers it.
      for (const [i, c] of calls.entries()) {
        const { id: _id, ...streamed } = normalised(raw.answers[i]!);
        expect(await unaryAnswer(cluster.masterAddress, c)).toEqual(streamed);
      }
      // A call without a body is answered; then a batch whose ids go back ends the stream.
      raw.sendRaw({ calls: [{ id: 60 }] });
      expect(normalised(await raw.answer(60))).toEqual({ id: 60, code: status.INVALID_ARGUMENT, message: 'call: required' });
      raw.send([70, { type: CallType.REVIVE, framework_id, revive: {} }]);
      raw.send([3, { type: CallType.REVIVE, framework_id, revive: {} }]);
      await waitFor(() => raw.error, 20_000, 'the stream to end');
      expect(raw.error!.code).toBe(status.INVALID_ARGUMENT);
      expect(raw.error!.details).toBe("calls[0].id: 3 is not above the previous call's id 70 (ids increase along the stream)");
      expect(normalised(raw.answers.at(-1)!)).toEqual({ id: 70, code: 0, message: '' });
      // The master is fine and the framework still calls, also on a stream ended from its side at once.
      await fw.driver.revive();
      const closing = new RawCallStream(cluster.masterAddress);
      try {
        closing.send([1, { type: CallType.REVIVE, framework_id, revive: {} }], [2, { type: CallType.SUPPRESS, framework_id, suppress: {} }]);
        closing.end();
        await waitFor(() => closing.ended || closing.error, 20_000, 'the stream to end');
        expect(closing.error).toBeUndefined();
        expect(closing.answers.map(normalised)).toEqual([{ id: 1, code: 0, message: '' }, { id: 2, code: 0, message: '' }]);
      } finally {
        closing.close();
      }
    } finally {
      raw.close();
    }
    await fw.driver.teardown();
  }, 60_000);

  it('after the master restarts, the SDK calls over a new stream (the old one is gone with its process)', async () => {
    const transport = new GrpcSchedulerTransport(cluster.masterAddress);
    const fw = new Recorder(cluster.masterAddress, { name: 'survivor', failoverTimeoutSeconds: 3600 }, { transport });
    recorders.push(fw);
    await fw.driver.start();
    await waitFor(() => fw.subscribedCount >= 1, 20_000, 'subscribed');
    await fw.driver.suppress();
    await cluster.master.restart();
    await waitFor(() => fw.subscribedCount >= 2, 60_000, 'the framework to re-subscribe');
    // The first call after the restart may find the old stream's end first; it then fails with a clear error, never silently.
    const first = await fw.driver.revive().then(
      () => 'ok',
      (e: Error) => e.message,
    );
    expect(first === 'ok' || /REVIVE rejected \((UNAVAILABLE|CANCELLED)\): .*may or may not have been applied/.test(first)).toBe(true);
    await fw.driver.revive();
    expect(transport.usesCallStream).toBe(true);
    await fw.driver.teardown();
  }, 120_000);

  it('ends a stream whose message is over the 16 MiB limit with RESOURCE_EXHAUSTED naming the method, and the master stays fine', async () => {
    const raw = new RawCallStream(cluster.masterAddress);
    try {
      raw.sendRaw({ calls: [{ id: 1, call: { type: CallType.MESSAGE, framework_id: { value: 'x' }, message: { agent_id: { value: 'a' }, executor_id: { value: 'e' }, data: Buffer.alloc(17 * 1024 * 1024) } } }] });
      await waitFor(() => raw.error, 30_000, 'the stream to end');
      expect(raw.error!.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(raw.error!.details).toMatch(/^\/meseta\.v1\.Scheduler\/Calls: message of \d+ bytes, the limit for this method is 16777216$/);
      expect(raw.answers).toEqual([]);
    } finally {
      raw.close();
    }
    const again = new RawCallStream(cluster.masterAddress);
    try {
      again.send([1, { type: CallType.REVIVE, framework_id: { value: 'nobody' }, revive: {} }]);
      expect((await again.answer(1)).code).toBe(status.NOT_FOUND);
    } finally {
      again.close();
    }
  }, 60_000);

  it('refuses a batch over the 10,000-call limit', async () => {
    const raw = new RawCallStream(cluster.masterAddress);
    try {
      raw.sendRaw({ calls: Array.from({ length: 10_001 }, (_, i) => ({ id: i + 1, call: { type: CallType.REVIVE, framework_id: { value: 'x' } } })) });
      await waitFor(() => raw.error, 20_000, 'the stream to end');
      expect(raw.error!.code).toBe(status.INVALID_ARGUMENT);
      expect(raw.error!.details).toBe('calls: 10001 calls in one batch, the limit is 10000');
      expect(raw.answers).toEqual([]);
    } finally {
      raw.close();
    }
  }, 60_000);
});

describe('Scheduler.Calls on an authenticated master', () => {
  const TOKENS = { 'fw-a': 'fw-a-token-0000000000000', 'fw-b': 'fw-b-token-0000000000000' };
  let cluster: Cluster;
  let dir: string;
  let fwA: Recorder | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-call-stream-auth-'));
    const file = path.join(dir, 'credentials.json');
    fs.writeFileSync(file, JSON.stringify({ credentials: Object.entries(TOKENS).map(([principal, token]) => ({ principal, kind: 'framework', token })) }));
    cluster = await startCluster({ agents: 0, name: 'call-stream-auth', masterFlags: ['--credentials', file] });
  }, 120_000);

  afterAll(async () => {
    await fwA?.driver.teardown().catch(() => undefined);
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a stream without a credential, and answers a call for another principal\'s framework with PERMISSION_DENIED', async () => {
    fwA = new Recorder(cluster.masterAddress, { name: 'a' }, { security: { token: TOKENS['fw-a'] } });
    await fwA.driver.start();
    await waitFor(() => fwA!.driver.frameworkId, 20_000, 'framework a subscribed');
    const framework_id = { value: fwA.driver.frameworkId! };

    const anonymous = new RawCallStream(cluster.masterAddress);
    try {
      anonymous.send([1, { type: CallType.SUPPRESS, framework_id, suppress: {} }]);
      await waitFor(() => anonymous.error, 20_000, 'the refusal');
      expect(anonymous.error!.code).toBe(status.UNAUTHENTICATED);
      expect(anonymous.error!.details).toMatch(/Scheduler\.Calls/);
      expect(anonymous.answers).toEqual([]);
    } finally {
      anonymous.close();
    }

    const b = new RawCallStream(cluster.masterAddress, TOKENS['fw-b']);
    try {
      b.send([1, { type: CallType.SUPPRESS, framework_id, suppress: {} }], [2, { type: CallType.REVIVE, framework_id: { value: 'nobody' }, revive: {} }]);
      await b.answer(2);
      expect(b.answers.map(normalised)).toEqual([
        { id: 1, code: status.PERMISSION_DENIED, message: `framework_id: framework ${framework_id.value} was subscribed by principal "fw-a"; principal "fw-b" may not act on it` },
        { id: 2, code: status.NOT_FOUND, message: 'framework_id: framework nobody is not subscribed (it may have been removed)' },
      ]);
      expect(b.error).toBeUndefined();
    } finally {
      b.close();
    }
    // Framework a's own calls over its SDK stream pass.
    await fwA.driver.suppress();
    await fwA.driver.revive();
  }, 60_000);
});

describe('the SDK against a master without Scheduler.Calls', () => {
  let server: Server;
  let address: string;
  const unary: Call[] = [];

  beforeAll(async () => {
    server = new Server();
    // A stand-in of an older master: Subscribe and the unary Call only; grpc-js answers Calls with UNIMPLEMENTED.
    server.addService({ subscribe: SchedulerService.subscribe, call: SchedulerService.call }, {
      subscribe: () => undefined,
      call: (c: ServerUnaryCall<Call, object>, callback: sendUnaryData<object>) => {
        unary.push(c.request);
        if (c.request.type === CallType.DECLINE) callback({ code: status.INVALID_ARGUMENT, details: 'decline.offer_ids: required' });
        else callback(null, {});
      },
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    address = `127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.tryShutdown(() => r()));
  });

  it('sends the calls held when UNIMPLEMENTED came, and every later call, as unary calls', async () => {
    const transport = new GrpcSchedulerTransport(address);
    try {
      const framework_id = { value: 'fw-1' };
      const first = [transport.call({ type: CallType.REVIVE, framework_id }), transport.call({ type: CallType.SUPPRESS, framework_id })];
      await Promise.all(first);
      expect(transport.usesCallStream).toBe(false);
      await expect(transport.call({ type: CallType.DECLINE, framework_id })).rejects.toThrow('INVALID_ARGUMENT: decline.offer_ids: required');
      expect(unary.map((c) => c.type)).toEqual([CallType.REVIVE, CallType.SUPPRESS, CallType.DECLINE]);
    } finally {
      transport.close();
    }
  });
});
