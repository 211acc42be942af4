import { silentLogger } from '@meseta/runtime/log';
import type { Call, Event, TaskStatus } from '@meseta/proto/wire';
import { CallType, EventType, TaskState } from '@meseta/proto/wire';
import {
  GrpcStatus,
  InMemorySchedulerTransport,
  SchedulerCallError,
  SchedulerDriver,
  SchedulerTransportError,
  type SchedulerDriverOptions,
  type SchedulerHandlers,
} from '@meseta/sdk';
import { waitFor } from '../harness/wait-for';

/** Let pending promise callbacks and immediates run. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Wait (polling every 2 ms, up to 10 s) until `condition` holds. */
function until(condition: () => boolean, timeoutMs = 10_000): Promise<true> {
  return waitFor(() => condition() || undefined, timeoutMs, 'the driver to get there', 2);
}

function uuid(n: number): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes[15] = n;
  return bytes;
}

function update(taskId: string, state: number, uuidBytes?: Uint8Array): Event {
  const status: TaskStatus = { task_id: { value: taskId }, agent_id: { value: 'agent-1' }, state };
  if (uuidBytes) status.uuid = uuidBytes;
  return { type: EventType.UPDATE, update: { status } };
}

interface Harness {
  transport: InMemorySchedulerTransport;
  driver: SchedulerDriver;
  /** Handler calls in order, as `name` or `name:detail`. */
  log: string[];
}

function harness(handlers: SchedulerHandlers = {}, options: Partial<SchedulerDriverOptions> = {}): Harness {
  const transport = new InMemorySchedulerTransport();
  const log: string[] = [];
  const recorded: SchedulerHandlers = {
    subscribed: (info) => void log.push(`subscribed:${info.frameworkId}:${info.reconnected}`),
    disconnected: (reason) => void log.push(`disconnected:${reason}`),
    update: (status) => void log.push(`update:${status.task_id?.value}:${TaskState[status.state ?? 0]}`),
    error: (message) => void log.push(`error:${message}`),
    ...handlers,
  };
  const driver = new SchedulerDriver({
    framework: { name: 'test-framework', user: 'tester', hostname: 'localhost' },
    handlers: recorded,
    logger: silentLogger,
    transport,
    reconnect: { initialMs: 1, maxMs: 4 },
    ...options,
  });
  return { transport, driver, log };
}

/** Start the driver and answer the subscription with `fw-1` on stream `s-1`. */
async function subscribed(h: Harness): Promise<void> {
  const started = h.driver.start();
  await h.transport.waitForStreams(1);
  h.transport.sendSubscribed('fw-1', { streamId: 's-1' });
  await started;
}

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.driver.stop()));
});
function track(h: Harness): Harness {
  running.push(h);
  return h;
}

describe('SchedulerDriver subscription', () => {
  it('subscribes with the framework info and resolves start() with the assigned id', async () => {
    const h = track(harness());
    const started = h.driver.start();
    const stream = await h.transport.waitForStreams(1);
    expect(stream.subscribe.type).toBe(CallType.SUBSCRIBE);
    expect(stream.subscribe.subscribe?.framework_info?.name).toBe('test-framework');
    expect(stream.subscribe.subscribe?.framework_info?.id).toBeUndefined();
    expect(h.driver.frameworkId).toBeUndefined();

    h.transport.sendSubscribed('fw-1', { streamId: 's-1' });
    await expect(started).resolves.toBe('fw-1');
    expect(h.driver.frameworkId).toBe('fw-1');
    expect(h.driver.isSubscribed).toBe(true);
    expect(h.log).toEqual(['subscribed:fw-1:false']);
  });

  it('resumes a given framework id', async () => {
    const h = track(harness({}, { framework: { name: 'resumed', id: 'fw-old' } }));
    h.driver.start().catch(() => undefined);
    const stream = await h.transport.waitForStreams(1);
    expect(stream.subscribe.subscribe?.framework_info?.id?.value).toBe('fw-old');
    expect(stream.subscribe.framework_id?.value).toBe('fw-old');
  });

  it('refuses to start twice', async () => {
    const h = track(harness());
    await subscribed(h);
    await expect(h.driver.start()).rejects.toThrow('already started');
  });
});

describe('SchedulerDriver calls', () => {
  const offerIds = ['offer-1'];
  it.each<[string, (d: SchedulerDriver) => Promise<void>, number, (c: Call) => unknown, unknown]>([
    ['accept', (d) => d.accept(offerIds, [], { refuseSeconds: 7 }), CallType.ACCEPT, (c) => c.accept?.filters?.refuse_seconds, 7],
    ['launch', (d) => d.launch(offerIds, [{ name: 't' }]), CallType.ACCEPT, (c) => c.accept?.operations?.[0]?.launch?.task_infos?.[0]?.name, 't'],
    [
      'launchGroup',
      (d) => d.launchGroup('offer-1', { executor_id: { value: 'e' } }, [{ name: 't' }]),
      CallType.ACCEPT,
      (c) => c.accept?.operations?.[0]?.launch_group?.task_group?.tasks?.length,
      1,
    ],
    [
      'decline',
      (d) => d.decline(offerIds, { refuseSeconds: 30, refusals: [{ name: 'cpus', requested: 4, available: 2 }] }),
      CallType.DECLINE,
      (c) => [c.decline?.filters?.refuse_seconds, c.decline?.refusals?.[0]?.name],
      [30, 'cpus'],
    ],
    ['revive', (d) => d.revive(['web']), CallType.REVIVE, (c) => c.revive?.roles, ['web']],
    ['suppress', (d) => d.suppress(), CallType.SUPPRESS, (c) => c.suppress?.roles, []],
    [
      'kill',
      (d) => d.kill('task-1', 'agent-1', 2),
      CallType.KILL,
      (c) => [c.kill?.task_id?.value, c.kill?.agent_id?.value, c.kill?.kill_policy?.grace_period?.nanoseconds],
      ['task-1', 'agent-1', 2e9],
    ],
    ['reconcile (implicit)', (d) => d.reconcile(), CallType.RECONCILE, (c) => c.reconcile?.tasks, []],
    [
      'reconcile (explicit)',
      (d) => d.reconcile([{ taskId: 'task-1', agentId: 'agent-1' }]),
      CallType.RECONCILE,
      (c) => c.reconcile?.tasks?.map((t) => [t.task_id?.value, t.agent_id?.value]),
      [['task-1', 'agent-1']],
    ],
    [
      'message',
      (d) => d.message('agent-1', 'exec-1', new Uint8Array([1, 2])),
      CallType.MESSAGE,
      (c) => [c.message?.agent_id?.value, c.message?.executor_id?.value, [...(c.message?.data ?? [])]],
      ['agent-1', 'exec-1', [1, 2]],
    ],
  ])('%s sends its call with the framework id and the stream id', async (_name, invoke, type, pick, expected) => {
    const h = track(harness());
    await subscribed(h);
    await invoke(h.driver);
    expect(h.transport.calls).toHaveLength(1);
    const call = h.transport.calls[0];
    expect(call.type).toBe(type);
    expect(call.framework_id?.value).toBe('fw-1');
    expect(call.stream_id).toBe('s-1');
    expect(pick(call)).toEqual(expected);
  });

  it('rejects a call the master refuses with the gRPC code and the master message', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.onCall = () => {
      throw new SchedulerTransportError(GrpcStatus.INVALID_ARGUMENT, 'accept.offer_ids[0]: offer offer-9 is unknown');
    };
    const error = await h.driver.launch(['offer-9'], [{ name: 't' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulerCallError);
    const callError = error as SchedulerCallError;
    expect(callError.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(callError.callType).toBe('ACCEPT');
    expect(callError.details).toBe('accept.offer_ids[0]: offer offer-9 is unknown');
    expect(callError.message).toBe('ACCEPT rejected (INVALID_ARGUMENT): accept.offer_ids[0]: offer offer-9 is unknown');
  });

  it('rejects calls made before SUBSCRIBED as UNAVAILABLE without sending them', async () => {
    const h = track(harness());
    h.driver.start().catch(() => undefined);
    await h.transport.waitForStreams(1);
    await expect(h.driver.revive()).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE, callType: 'REVIVE' });
    expect(h.transport.calls).toHaveLength(0);
  });

  it('rejects an invalid argument before sending', async () => {
    const h = track(harness());
    await subscribed(h);
    await expect(h.driver.decline([])).rejects.toThrow('decline.offer_ids: required');
    expect(h.transport.calls).toHaveLength(0);
  });

  it('takes the ERROR and stream end that answer TEARDOWN quietly, without re-subscribing', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.onCall = async () => {
      // The master removes the framework and closes its stream before answering the call.
      h.transport.send({ type: EventType.ERROR, error: { message: 'Framework removed: framework requested TEARDOWN' } });
      h.transport.endStream();
      await settle();
    };
    await h.driver.teardown();
    await settle();
    expect(h.log).toEqual(['subscribed:fw-1:false']);
    expect(h.transport.streams).toHaveLength(1);
    expect(h.transport.closed).toBe(true);
  });

  it('does not re-subscribe when the stream ends while TEARDOWN is in flight', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.onCall = async () => {
      h.transport.endStream();
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await h.driver.teardown();
    expect(h.transport.streams).toHaveLength(1);
    expect(h.log).toEqual(['subscribed:fw-1:false']);
  });

  it('sends TEARDOWN and then closes the transport', async () => {
    const h = track(harness());
    await subscribed(h);
    await h.driver.teardown();
    expect(h.transport.calls.map((c) => c.type)).toEqual([CallType.TEARDOWN]);
    expect(h.transport.closed).toBe(true);
    expect(h.transport.current.cancelled).toBe(true);
    expect(h.log).not.toContainEqual(expect.stringMatching(/^disconnected/));
  });
});

describe('SchedulerDriver acknowledgements', () => {
  it('batches the acknowledgements of one tick into one ACKNOWLEDGE call', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.send(
      update('t1', TaskState.TASK_RUNNING, uuid(1)),
      update('t2', TaskState.TASK_RUNNING, uuid(2)),
      update('t3', TaskState.TASK_FINISHED, uuid(3)),
    );
    await h.transport.waitForCalls(CallType.ACKNOWLEDGE);
    await settle();
    const acks = h.transport.callsOf(CallType.ACKNOWLEDGE);
    expect(acks).toHaveLength(1);
    expect(acks[0].stream_id).toBe('s-1');
    expect(acks[0].acknowledgements?.map((a) => [a.task_id?.value, a.agent_id?.value, a.uuid?.[15]])).toEqual([
      ['t1', 'agent-1', 1],
      ['t2', 'agent-1', 2],
      ['t3', 'agent-1', 3],
    ]);
  });

  it('delivers a re-sent update (same uuid) once and acknowledges it again', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.send(update('t1', TaskState.TASK_RUNNING, uuid(7)));
    await h.transport.waitForCalls(CallType.ACKNOWLEDGE, 1);
    h.transport.send(update('t1', TaskState.TASK_RUNNING, uuid(7)));
    await h.transport.waitForCalls(CallType.ACKNOWLEDGE, 2);
    expect(h.log.filter((l) => l.startsWith('update'))).toEqual(['update:t1:TASK_RUNNING']);
  });

  it('does not acknowledge master-generated updates (no uuid)', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.send(update('t1', TaskState.TASK_LOST));
    await settle();
    h.driver.acknowledge({ task_id: { value: 't1' }, state: TaskState.TASK_LOST });
    await settle();
    expect(h.log).toContain('update:t1:TASK_LOST');
    expect(h.transport.callsOf(CallType.ACKNOWLEDGE)).toHaveLength(0);
  });

  it('delivers master-generated updates every time (nothing to deduplicate by)', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.send(update('t1', TaskState.TASK_RUNNING), update('t1', TaskState.TASK_RUNNING));
    await settle();
    expect(h.log.filter((l) => l.startsWith('update'))).toHaveLength(2);
  });

  it('acknowledges after the update handler promise resolves', async () => {
    let release: () => void = () => undefined;
    const h = track(harness({ update: () => new Promise<void>((resolve) => (release = resolve)) }));
    await subscribed(h);
    h.transport.send(update('t1', TaskState.TASK_RUNNING, uuid(1)));
    await settle();
    expect(h.transport.callsOf(CallType.ACKNOWLEDGE)).toHaveLength(0);
    release();
    await h.transport.waitForCalls(CallType.ACKNOWLEDGE);
  });

  it('leaves acknowledging to the framework when autoAcknowledge is false', async () => {
    const seen: TaskStatus[] = [];
    const h = track(harness({ update: (s) => void seen.push(s) }, { autoAcknowledge: false }));
    await subscribed(h);
    h.transport.send(update('t1', TaskState.TASK_RUNNING, uuid(1)), update('t2', TaskState.TASK_RUNNING, uuid(2)));
    await settle();
    expect(h.transport.callsOf(CallType.ACKNOWLEDGE)).toHaveLength(0);
    seen.forEach((s) => h.driver.acknowledge(s));
    const ack = await h.transport.waitForCalls(CallType.ACKNOWLEDGE);
    expect(ack.acknowledgements).toHaveLength(2);
  });

  it('does not acknowledge an update whose handler threw, and delivers its re-send again', async () => {
    let calls = 0;
    const h = track(
      harness({
        update: () => {
          calls++;
          if (calls === 1) throw new Error('database down');
        },
      }),
    );
    await subscribed(h);
    h.transport.send(update('t1', TaskState.TASK_RUNNING, uuid(1)));
    await settle();
    expect(h.transport.callsOf(CallType.ACKNOWLEDGE)).toHaveLength(0);
    h.transport.send(update('t1', TaskState.TASK_RUNNING, uuid(1)));
    await h.transport.waitForCalls(CallType.ACKNOWLEDGE);
    expect(calls).toBe(2);
  });
});

describe('SchedulerDriver events and handler failures', () => {
  it('passes offers, rescinds, messages and failures to their handlers in order', async () => {
    const seen: unknown[] = [];
    const h = track(
      harness({
        offers: (offers) => void seen.push(['offers', offers.map((o) => o.id?.value)]),
        rescind: (id) => void seen.push(['rescind', id]),
        message: (m) => void seen.push(['message', m.agentId, m.executorId, [...m.data]]),
        failure: (f) => void seen.push(['failure', f]),
      }),
    );
    await subscribed(h);
    h.transport.send(
      { type: EventType.OFFERS, offers: { offers: [{ id: { value: 'o1' } }, { id: { value: 'o2' } }] } },
      { type: EventType.HEARTBEAT },
      { type: EventType.RESCIND, rescind: { offer_id: { value: 'o1' } } },
      { type: EventType.MESSAGE, message: { agent_id: { value: 'a' }, executor_id: { value: 'e' }, data: new Uint8Array([9]) } },
      { type: EventType.FAILURE, failure: { agent_id: { value: 'a' }, executor_id: { value: 'e' }, status: 137 } },
      { type: EventType.FAILURE, failure: { agent_id: { value: 'b' } } },
    );
    await settle();
    expect(seen).toEqual([
      ['offers', ['o1', 'o2']],
      ['rescind', 'o1'],
      ['message', 'a', 'e', [9]],
      ['failure', { agentId: 'a', executorId: 'e', status: 137 }],
      ['failure', { agentId: 'b' }],
    ]);
  });

  it('passes inverse offers and their rescinds to their handlers; answers them with filters', async () => {
    const seen: unknown[] = [];
    const h = track(
      harness({
        inverseOffers: (list) => void seen.push(['inverse', list.map((io) => [io.id?.value, Number(io.unavailability?.start?.nanoseconds)])]),
        rescindInverseOffer: (id) => void seen.push(['rescind-inverse', id]),
      }),
    );
    await subscribed(h);
    h.transport.send(
      { type: EventType.INVERSE_OFFERS, inverse_offers: { inverse_offers: [{ id: { value: 'i1' }, agent_id: { value: 'a' }, unavailability: { start: { nanoseconds: 5e9 } } }] } },
      { type: EventType.RESCIND_INVERSE_OFFER, rescind_inverse_offer: { inverse_offer_id: { value: 'i1' } } },
    );
    await settle();
    expect(seen).toEqual([['inverse', [['i1', 5e9]]], ['rescind-inverse', 'i1']]);
    await h.driver.acceptInverseOffers(['i2'], { refuseSeconds: 60 });
    await h.driver.declineInverseOffers(['i3']);
    const [accept, decline] = h.transport.calls.slice(-2);
    expect(accept).toMatchObject({ type: CallType.ACCEPT_INVERSE_OFFERS, accept_inverse_offers: { inverse_offer_ids: [{ value: 'i2' }], filters: { refuse_seconds: 60 } } });
    expect(decline).toMatchObject({ type: CallType.DECLINE_INVERSE_OFFERS, decline_inverse_offers: { inverse_offer_ids: [{ value: 'i3' }] } });
    await expect(h.driver.acceptInverseOffers([])).rejects.toThrow(/accept_inverse_offers\.inverse_offer_ids: required/);
  });

  it.each([
    ['throws', () => {
      throw new Error('boom');
    }],
    ['rejects', () => Promise.reject(new Error('boom'))],
  ])('keeps running when a handler %s', async (_how, offers) => {
    const h = track(harness({ offers }));
    await subscribed(h);
    h.transport.send({ type: EventType.OFFERS, offers: { offers: [] } }, update('t1', TaskState.TASK_RUNNING, uuid(1)));
    await h.transport.waitForCalls(CallType.ACKNOWLEDGE);
    expect(h.log).toContain('update:t1:TASK_RUNNING');
    expect(h.driver.isSubscribed).toBe(true);
  });

  it('stops for good on an ERROR event, after telling the error handler', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.send({ type: EventType.ERROR, error: { message: 'framework failed over to another scheduler' } });
    await until(() => h.transport.closed);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.log).toEqual(['subscribed:fw-1:false', 'error:framework failed over to another scheduler']);
    expect(h.transport.streams).toHaveLength(1);
    await expect(h.driver.revive()).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
  });
});

describe('SchedulerDriver reconnection', () => {
  it.each<[string, (t: InMemorySchedulerTransport) => void, string]>([
    ['breaks', (t) => t.breakStream(GrpcStatus.UNAVAILABLE, 'connection reset'), 'UNAVAILABLE: connection reset'],
    ['ends', (t) => t.endStream(), 'the master closed the event stream'],
  ])('re-subscribes with the same framework id when the stream %s', async (_how, cut, reason) => {
    const h = track(harness());
    await subscribed(h);
    cut(h.transport);
    const second = await h.transport.waitForStreams(2);
    expect(second.subscribe.subscribe?.framework_info?.id?.value).toBe('fw-1');
    expect(second.subscribe.framework_id?.value).toBe('fw-1');
    expect(h.driver.isSubscribed).toBe(false);

    h.transport.sendSubscribed('fw-1', { streamId: 's-2' });
    await until(() => h.driver.isSubscribed);
    expect(h.log).toEqual(['subscribed:fw-1:false', `disconnected:${reason}`, 'subscribed:fw-1:true']);

    await h.driver.suppress();
    expect(h.transport.calls[0].stream_id).toBe('s-2');
  });

  it('keeps retrying while the master is unreachable, calling disconnected only once', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.breakStream();
    for (let n = 2; n <= 4; n++) {
      await h.transport.waitForStreams(n);
      h.transport.breakStream(GrpcStatus.UNAVAILABLE, 'connection refused');
    }
    await h.transport.waitForStreams(5);
    h.transport.sendSubscribed('fw-1');
    await until(() => h.driver.isSubscribed);
    expect(h.log.filter((l) => l.startsWith('disconnected'))).toHaveLength(1);
  });

  it('treats a stream silent for five heartbeat intervals as broken', async () => {
    const h = track(harness());
    const started = h.driver.start();
    await h.transport.waitForStreams(1);
    h.transport.sendSubscribed('fw-1', { heartbeatIntervalSeconds: 0.01 });
    await started;
    const second = await h.transport.waitForStreams(2);
    expect(h.transport.streams[0].cancelled).toBe(true);
    expect(second.subscribe.subscribe?.framework_info?.id?.value).toBe('fw-1');
    expect(h.log[1]).toMatch(/^disconnected:no event from the master for .*5 heartbeat intervals/);
  });

  it('does not reconnect when reconnect is false', async () => {
    const h = track(harness({}, { reconnect: false }));
    await subscribed(h);
    h.transport.breakStream();
    await until(() => h.transport.closed);
    expect(h.transport.streams).toHaveLength(1);
    expect(h.log).toEqual(['subscribed:fw-1:false', 'disconnected:UNAVAILABLE: connection reset']);
  });

  it('rejects start() when the first attempt fails and reconnect is false', async () => {
    const h = track(harness({}, { reconnect: false }));
    const started = h.driver.start();
    await h.transport.waitForStreams(1);
    h.transport.breakStream(GrpcStatus.UNAVAILABLE, 'connection refused');
    await expect(started).rejects.toThrow('connection refused');
  });

  it('gives up and reports when the master rejects the subscription as invalid', async () => {
    const h = track(harness());
    const started = h.driver.start();
    await h.transport.waitForStreams(1);
    h.transport.breakStream(GrpcStatus.INVALID_ARGUMENT, 'subscribe.framework_info.name: required');
    await expect(started).rejects.toThrow('SUBSCRIBE rejected (INVALID_ARGUMENT): subscribe.framework_info.name: required');
    expect(h.log).toEqual(['error:SUBSCRIBE rejected (INVALID_ARGUMENT): subscribe.framework_info.name: required']);
    expect(h.transport.streams).toHaveLength(1);
  });

  it('stops without calling disconnected and rejects a pending start()', async () => {
    const h = track(harness());
    const started = h.driver.start();
    await h.transport.waitForStreams(1);
    await h.driver.stop();
    await expect(started).rejects.toThrow('stopped');
    expect(h.transport.closed).toBe(true);
    expect(h.log).toEqual([]);
  });

  it('sends queued acknowledgements before stopping', async () => {
    const h = track(harness());
    await subscribed(h);
    h.transport.send(update('t1', TaskState.TASK_FINISHED, uuid(1)));
    await settle(1);
    h.driver.acknowledge({ task_id: { value: 't2' }, agent_id: { value: 'a' }, uuid: uuid(2) });
    await h.driver.stop();
    const acked = h.transport.callsOf(CallType.ACKNOWLEDGE).flatMap((c) => c.acknowledgements ?? []);
    expect(acked.map((a) => a.task_id?.value).sort()).toEqual(['t1', 't2']);
  });
});
