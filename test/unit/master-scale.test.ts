/**
 * The master's per-event work does not grow with the cluster: a
 * registration looks only at agents at its own address (counted), and the
 * address index follows agents as they change address or go.
 */
import { EventEmitter } from 'node:events';
import { Master } from '../../master/master';
import { PING_SLICE } from '../../master/agent-lifecycle';
import { LoopStalls } from '../../master/loop-stalls';
import { registrationTimeoutFor } from '../../agent/master-link';
import type { Clock, TimerHandle } from '@meseta/runtime/clock';
import { AgentAddressIndex, agentAddress } from '../../master/agent-address-index';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import { parseResources } from '@meseta/proto/resource-text';
import { silentLogger } from '@meseta/runtime/log';
import { scalar } from '@meseta/proto/resources';
import { CallType, EventType, OperationType, TaskState, pb, type Call, type Event } from '@meseta/proto/wire';
import type { FrameworkSink } from '../../master/state';
import { stateJson } from '../../master/http';
import { metricSamples, metricSamplesSliced } from '../../master/state-view';
import { writeStateJson, writeUiSnapshotJson, type TextSink } from '../../master/state-stream';
import { uiFramework, uiFullSnapshot, uiTaskCounts } from '../../master/http-ui-view';
import { UiClusterSums } from '../../master/http-ui-sums';
import { diffIds } from '../../master/http-ui-changes';
import { UiEventStream } from '../../master/http-events';
import { entityDelta, entityDeltaSliced } from '../../master/http-ui-delta';
import { noChanges } from '../../master/http-ui-changes';
import { uiAgent, uiOffer } from '../../master/http-ui-view'; // beside the line above: rows a delta must equal
import type { ServerResponse } from 'node:http';
import type { UiDelta } from '../../master/http-ui-types';
import { uiAgentCounts } from '../../master/agent-share';
import { STREAMED_READS, subscribedJson, writeOperatorReadJson } from '../../master/mesos-operator-stream';
import { subscribedEvent } from '../../master/mesos-operator-events';
import { answerMasterCall } from '../../master/mesos-operator-http';
import { encodeMesosMessage } from '@meseta/proto/mesos-http';
import { operatorReadProtobuf, subscribedProtobuf, varint, writePieces } from '../../master/mesos-operator-protobuf';
import { FakeAgent } from './fixtures/master-test-bed';

class FakeFramework implements FrameworkSink {
  events: Event[] = [];
  send(e: Event): void {
    this.events.push(e);
  }
  close(): void {}
}

/** Collects what is written; full after `capacity` writes until drained. */
class Collector implements TextSink {
  text = '';
  writes = 0;
  destroyed = false;
  private listeners: Array<() => void> = [];
  constructor(private readonly capacity = Infinity) {}
  write(chunk: string): boolean {
    this.text += chunk;
    this.writes++;
    return this.writes % this.capacity !== 0;
  }
  once(_event: string, listener: () => void): this {
    this.listeners.push(listener);
    setImmediate(() => this.listeners.splice(0).forEach((l) => l()));
    return this;
  }
}


/**
 * A manual clock whose time can also jump without firing timers: what the
 * master sees when its own event loop was stalled (no timer ran meanwhile).
 */
class StallingClock implements Clock {
  private offset = 0;
  constructor(readonly inner = new ManualClock(1_700_000_000_000)) {}
  now(): number {
    return this.inner.now() + this.offset;
  }
  after(ms: number, fn: () => void): TimerHandle {
    return this.inner.after(ms, fn);
  }
  every(ms: number, fn: () => void): TimerHandle {
    return this.inner.every(ms, fn);
  }
  advance(ms: number): void {
    this.inner.advance(ms);
  }
  /** The loop was stalled for `ms`: time passes, no timer fires. */
  stall(ms: number): void {
    this.offset += ms;
  }
}

/** A server-sent-events response that records each event it is written, and calls back a write's `done` a turn later. */
function recordingEventResponse(): { messages: Array<{ event: string; data: string }>; res: ServerResponse } {
  const messages: Array<{ event: string; data: string }> = [];
  const res = Object.assign(new EventEmitter(), {
    writableLength: 0,
    writeHead: () => res,
    end: () => undefined,
    write(chunk: string, done?: () => void): boolean {
      const m = /^event: (\S+)\ndata: (.*)\n\n$/s.exec(chunk);
      if (m) messages.push({ event: m[1], data: m[2] });
      if (done) setImmediate(done);
      return true;
    },
  });
  return { messages, res: res as unknown as ServerResponse };
}

function setup() {
  const clock = new StallingClock();
  const allocator = new HierarchicalAllocator({ clock: () => nowSeconds(clock) });
  const master = new Master(
    { id: 'm1', hostname: '127.0.0.1', port: 5050 },
    {
      offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 1, maxAgentPingTimeouts: 3, agentRemovalTimeoutSeconds: 60,
      frameworkHeartbeatSeconds: 15, allocationIntervalSeconds: 1, agentReregisterTimeoutSeconds: 600,
      maxCompletedTasksPerFramework: 100, maxStatusesPerTask: 20,
    },
    allocator, clock, silentLogger,
  );
  const register = async (hostname: string, port = 5051) => {
    const sink = new FakeAgent();
    const link = master.agentLinkOpened(sink);
    await link.onMessage({ register: { agent_info: { hostname, port, resources: parseResources('cpus:2;mem:1024') } } });
    return { sink, link, id: sink.parts.find((p) => p.registered)?.registered?.agent_id?.value ?? '' };
  };
  const subscribe = async (name: string, roles = ['*']) => {
    const sink = new FakeFramework();
    const { frameworkId, streamId } = await master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name, user: 'root', roles, capabilities: [{ type: pb.FrameworkInfo.Capability.Type.MULTI_ROLE }] } } }, sink);
    const call = (c: Call) => master.handleCall({ framework_id: { value: frameworkId }, stream_id: streamId, ...c });
    return { sink, frameworkId, call };
  };
  return { clock, master, register, subscribe };
}

/** A master with agents, frameworks, live and finished tasks, outstanding offers and two roles. */
async function busyMaster() {
  const s = setup();
  const agents = [];
  for (let i = 0; i < 6; i++) agents.push(await s.register(`host-${i}`));
  const web = await s.subscribe('web', ['web']);
  const batch = await s.subscribe('batch', ['*']);
  s.master.runAllocation();
  let n = 0;
  for (const fw of [web, batch]) {
    const offers = fw.sink.events.filter((e) => e.type === EventType.OFFERS).flatMap((e) => e.offers!.offers!);
    for (const offer of offers.slice(0, 2)) {
      const tasks = [0, 1, 2].map(() => ({ name: `t${n}`, task_id: { value: `t${n++}` }, agent_id: offer.agent_id, resources: [scalar('cpus', 0.5), scalar('mem', 64)], command: { value: 'true' } }));
      await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: tasks } }] } });
    }
  }
  const agent = agents.find((a) => s.master.agents.get(a.id)!.tasks.size > 0)!;
  const [task] = [...s.master.agents.get(agent.id)!.tasks.values()];
  await agent.link.onMessage({ updates: [{ framework_id: { value: task.frameworkId }, status: { task_id: { value: task.taskId }, state: TaskState.TASK_FINISHED, uuid: new Uint8Array([1]) } }] });
  s.master.runAllocation();
  // Let the allocation pass the finished task scheduled (setImmediate) run, so the state is quiet.
  await new Promise((resolve) => setImmediate(resolve));
  const runs = s.master.metrics.allocationRuns;
  await new Promise((resolve) => setImmediate(resolve));
  expect(s.master.metrics.allocationRuns).toBe(runs);
  return s;
}

describe('agent address index', () => {
  it.each([
    ['an ip and a port', { ip: '127.0.0.2', hostname: 'h', port: 5051 }, '127.0.0.2:5051'],
    ['a hostname when there is no ip', { hostname: 'h', port: 5052 }, 'h:5052'],
  ])('keys an agent with %s', (_n, info, key) => {
    expect(agentAddress(info)).toBe(key);
  });

  it('moves an agent whose address changed and forgets one deleted', () => {
    const index = new AgentAddressIndex<{ id: string; info: { hostname: string; port: number } }>();
    const a = { id: 'a', info: { hostname: 'h1', port: 1 } };
    index.set(a);
    index.set({ id: 'b', info: { hostname: 'h1', port: 1 } });
    expect(index.at('h1:1').map((x) => x.id)).toEqual(['a', 'b']);
    a.info = { hostname: 'h2', port: 1 };
    index.set(a);
    expect(index.at('h1:1').map((x) => x.id)).toEqual(['b']);
    expect(index.at('h2:1').map((x) => x.id)).toEqual(['a']);
    index.delete('b');
    index.delete('never-indexed');
    expect(index.at('h1:1')).toEqual([]);
    expect(index.size).toBe(1);
  });
});

describe('registration cost', () => {
  it.each([[200], [2000]])('with %i agents registered, one more looks at one agent record (itself), not the cluster', async (n) => {
    const s = setup();
    const links = new Map<string, Awaited<ReturnType<typeof s.register>>>();
    for (let i = 0; i < n; i++) {
      const r = await s.register(`host-${i}`);
      links.set(r.id, r);
    }
    const before = s.master.metrics.registrationAgentVisits;
    await s.register('one-more');
    expect(s.master.metrics.registrationAgentVisits - before).toBe(1);
    s.master.stop();
  });

  it('still makes a silent agent at the same address gone when a new agent registers there', async () => {
    const s = setup();
    const old = await s.register('same', 5051);
    await s.register('other', 5051);
    old.link.onClose();
    const fresh = await s.register('same', 5051);
    await s.master.settled();
    expect(s.master.agents.get(old.id)?.status).toBe('GONE');
    expect(s.master.agents.get(fresh.id)?.status).toBe('ACTIVE');
    const again = await s.register('same', 5051); // the gone agent is no longer looked at
    expect(s.master.agents.get(again.id)?.status).toBe('ACTIVE');
    s.master.stop();
  });
});

describe('the web UI\'s figures kept as the cluster changes', () => {
  it('count an agent replaced at its address as gone, not as one of the cluster\'s agents (the agents tile read 50,010 of 50,000)', async () => {
    const s = setup();
    const stream = new UiEventStream(s.master);
    const old = await s.register('same', 5051);
    await s.register('other', 5051);
    old.link.onClose();
    await s.register('same', 5051);
    await s.master.settled();
    const { agents } = await stream.figures();
    expect(agents.by_status).toEqual({ ACTIVE: 2, GONE: 1 });
    expect(agents.total).toEqual({ cpus: 4, mem: 2048 });
    expect(agents).toEqual({ ...uiAgentCounts(s.master), offered: agents.offered });
    stream.close();
    s.master.stop();
  });

  it.each([[10], [400]])('a task update on one of %i agents recomputes one agent\'s share, and the figures equal a walk of the cluster', async (n) => {
    const s = setup();
    const stream = new UiEventStream(s.master);
    const fw = await s.subscribe('web');
    const links = new Map<string, Awaited<ReturnType<typeof s.register>>>();
    for (let i = 0; i < n; i++) {
      const r = await s.register(`host-${i}`);
      links.set(r.id, r);
    }
    s.master.runAllocation();
    const offer = fw.sink.events.filter((e) => e.type === EventType.OFFERS).flatMap((e) => e.offers!.offers!)[0];
    await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [
      { name: 't', task_id: { value: 't' }, agent_id: offer.agent_id, resources: [scalar('cpus', 0.5), scalar('mem', 64)], command: { value: 'true' } },
    ] } }] } });
    const before = await stream.figures();
    expect(before.tasks).toEqual(uiTaskCounts(s.master));
    expect(before.agents.by_status).toEqual({ ACTIVE: n });
    const recomputed = stream.sharesRecomputed;
    const agent = [...s.master.agents.values()].find((a) => a.tasks.size > 0)!;
    const task = [...agent.tasks.values()][0];
    await links.get(agent.id)!.link.onMessage({ updates: [{ framework_id: { value: task.frameworkId }, status: { task_id: { value: 't' }, state: TaskState.TASK_RUNNING, uuid: new Uint8Array([7]) } }] });
    const after = await stream.figures();
    expect(stream.sharesRecomputed - recomputed).toBe(1);
    expect(after.tasks).toEqual(uiTaskCounts(s.master));
    expect(after.tasks.by_state).toEqual({ TASK_RUNNING: 1 });
    expect(after.agents.allocated).toEqual({ cpus: 0.5, mem: 64 });
    stream.close();
    s.master.stop();
  });
});

describe('what a framework\'s offers hold, kept as offers come and go', () => {
  it('equals the sum over its offers after offers are made, accepted, declined and made again', async () => {
    const s = await busyMaster();
    const sums = new UiClusterSums(s.master);
    const sent = new Map<string, true>();
    const sync = (): void => {
      const { added, removed } = diffIds(sent, s.master.offers);
      sums.offersChanged(s.master, added, removed);
      for (const id of removed) sent.delete(id);
      for (const id of added) sent.set(id, true);
    };
    const check = (): void => {
      for (const fw of s.master.frameworks.values()) expect(sums.frameworkOffered(fw)).toEqual(uiFramework(s.master, fw, false).offered);
    };
    sync();
    expect(s.master.offers.size).toBeGreaterThan(0);
    check();
    const fw = [...s.master.frameworks.values()].find((f) => f.offers.size > 0)!;
    const [offerId] = [...fw.offers];
    await s.master.handleCall({ framework_id: { value: fw.id }, stream_id: fw.streamId, type: CallType.DECLINE, decline: { offer_ids: [{ value: offerId }], filters: { refuse_seconds: 0 } } });
    sync();
    check();
    expect(fw.offers.has(offerId)).toBe(false);
    s.master.runAllocation();
    sync();
    check();
    s.master.stop();
  });
});

describe('/state written in slices', () => {
  it.each([[1], [3], [100000]])('with %i entries per slice, writes exactly the JSON of the whole state', async (slice) => {
    const s = await busyMaster();
    const whole = JSON.stringify(stateJson(s.master));
    const doc = JSON.parse(whole) as Record<string, unknown[]>;
    expect(doc.tasks.length).toBeGreaterThan(5);
    expect(doc.completed_tasks.length).toBe(1);
    expect(doc.offers.length).toBeGreaterThan(0);
    expect(doc.roles.length).toBe(2);
    let yields = 0;
    const out = new Collector();
    await writeStateJson(s.master, out, { slice, yieldNow: () => (yields++, new Promise((r) => setImmediate(r))) });
    expect(out.text).toBe(whole);
    const entries = doc.agents.length + doc.frameworks.length + doc.tasks.length + doc.completed_tasks.length + doc.offers.length;
    expect(yields).toBeGreaterThanOrEqual(Math.floor(entries / slice));
    s.master.stop();
  });

  it('yields by time as well as by count: a zero budget yields after every entry, the same JSON', async () => {
    const s = await busyMaster();
    const whole = JSON.stringify(stateJson(s.master));
    const doc = JSON.parse(whole) as Record<string, unknown[]>;
    let yields = 0;
    const out = new Collector();
    await writeStateJson(s.master, out, { slice: 100000, budgetMs: 0, yieldNow: () => (yields++, new Promise((r) => setImmediate(r))) });
    expect(out.text).toBe(whole);
    const entries = doc.agents.length + doc.frameworks.length + doc.tasks.length + doc.completed_tasks.length + doc.offers.length;
    expect(yields).toBeGreaterThanOrEqual(entries);
    s.master.stop();
  });

  it('writes the JSON of an empty master', async () => {
    const s = setup();
    const out = new Collector();
    await writeStateJson(s.master, out);
    expect(out.text).toBe(JSON.stringify(stateJson(s.master)));
  });

  it('waits for a full socket to drain, and stops when the reader goes away', async () => {
    const s = await busyMaster();
    const slow = new Collector(2);
    await writeStateJson(s.master, slow, { slice: 2 });
    expect(slow.text).toBe(JSON.stringify(stateJson(s.master)));
    const leaving = new Collector();
    const write = leaving.write.bind(leaving);
    leaving.write = (chunk: string) => {
      leaving.destroyed = true;
      return write(chunk);
    };
    await writeStateJson(s.master, leaving, { slice: 1 });
    expect(leaving.writes).toBe(1);
    s.master.stop();
  });
});

describe('/api/v1/snapshot written in slices', () => {
  it.each([[1], [4], [100000]])('with %i task rows per slice, writes exactly the JSON of the whole snapshot', async (slice) => {
    const s = await busyMaster();
    const out = new Collector(3);
    await writeUiSnapshotJson(s.master, out, 1_700_000_100, { slice });
    expect(out.text).toBe(JSON.stringify(uiFullSnapshot(s.master, 1_700_000_100)));
    expect((JSON.parse(out.text) as { tasks: { rows: unknown[] } }).tasks.rows.length).toBeGreaterThan(5);
    s.master.stop();
  });

  it('writes the JSON of a master without tasks', async () => {
    const s = setup();
    const out = new Collector();
    await writeUiSnapshotJson(s.master, out, 5);
    expect(out.text).toBe(JSON.stringify(uiFullSnapshot(s.master, 5)));
  });
});

describe('the Mesos operator API\'s big reads in protobuf, encoded in slices', () => {
  const Type = pb.master.Call.Type;
  /** Bytes written, in writes; full every `capacity` writes (then drains on the next turn). */
  class ByteCollector {
    readonly parts: Buffer[] = [];
    destroyed = false;
    constructor(private readonly capacity = Infinity) {}
    write(chunk: Uint8Array): boolean {
      this.parts.push(Buffer.from(chunk));
      return this.parts.length % this.capacity !== 0;
    }
    once(_event: string, listener: () => void): this {
      setImmediate(listener);
      return this;
    }
  }

  it.each([[0, '00'], [1, '01'], [127, '7f'], [128, '8001'], [300, 'ac02'], [2 ** 31, '8080808008']])('varint %i is %s', (n, hex) => {
    expect(Buffer.from(varint(n)).toString('hex')).toBe(hex);
    expect(Buffer.from(varint(n)).toString('hex')).toBe(Buffer.from(referenceVarint(n)).toString('hex'));
  });

  it.each([
    ['GET_STATE', 1, 2], ['GET_STATE', 3, 1], ['GET_STATE', 100000, Infinity],
    ['GET_TASKS', 2, 2], ['GET_AGENTS', 1, 1], ['GET_FRAMEWORKS', 1, 1], ['GET_EXECUTORS', 1, 1],
  ] as const)('%s with %i items per slice: exactly the bytes of the whole answer', async (type, slice, capacity) => {
    const s = await busyMaster();
    const [first] = [...s.master.agents.values()];
    first.recovered = true;
    const [task] = [...[...s.master.frameworks.values()][0].tasks.values()];
    task.task.executor_id = { value: 'exec-1' };
    let yields = 0;
    const pieces = await operatorReadProtobuf(s.master, Type[type], { slice, yieldNow: async () => void yields++ });
    const out = new ByteCollector(capacity);
    await writePieces(out, pieces, { slice });
    const whole = encodeMesosMessage(pb.master.Response, answerMasterCall(s.master, { type: Type[type] }), 'protobuf');
    const got = Buffer.concat(out.parts);
    expect(got.toString('hex')).toBe(whole.toString('hex'));
    expect(pieces.length).toBe(whole.length);
    if (slice === 1) {
      expect(yields).toBeGreaterThan(0);
      expect(out.parts.length).toBeGreaterThan(1);
    }
    s.master.stop();
  });

  it.each([[1], [500]])('SUBSCRIBED encoded %i items per slice: exactly the bytes of the whole event', async (slice) => {
    const s = await busyMaster();
    const [first] = [...s.master.agents.values()];
    first.recovered = true;
    let yields = 0;
    const out = new ByteCollector();
    await writePieces(out, await subscribedProtobuf(s.master, 15, { slice, yieldNow: async () => void yields++ }), { slice });
    expect(Buffer.concat(out.parts).toString('hex')).toBe(encodeMesosMessage(pb.master.Event, subscribedEvent(s.master, 15), 'protobuf').toString('hex'));
    if (slice === 1) expect(yields).toBeGreaterThan(3);
    s.master.stop();
  });

  it('encodes an empty master\'s answers as one block would', async () => {
    const s = setup();
    for (const type of STREAMED_READS) {
      const out = new ByteCollector();
      await writePieces(out, await operatorReadProtobuf(s.master, type));
      expect(Buffer.concat(out.parts).toString('hex')).toBe(encodeMesosMessage(pb.master.Response, answerMasterCall(s.master, { type }), 'protobuf').toString('hex'));
    }
    s.master.stop();
  });

  it('stops writing when the reader goes away', async () => {
    const s = await busyMaster();
    const out = new ByteCollector();
    const write = out.write.bind(out);
    out.write = (chunk: Uint8Array) => {
      const r = write(chunk);
      out.destroyed = true;
      return r;
    };
    await writePieces(out, await operatorReadProtobuf(s.master, Type.GET_STATE, { slice: 1 }), { slice: 1 });
    expect(out.parts).toHaveLength(1);
    s.master.stop();
  });
});

/** A varint the long way (7 bits a byte, low first), to check ours against. */
function referenceVarint(n: number): number[] {
  const bits = BigInt(n).toString(2);
  const groups: number[] = [];
  for (let end = bits.length; end > 0; end -= 7) groups.push(parseInt(bits.slice(Math.max(0, end - 7), end), 2));
  return groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g));
}

describe('the Mesos operator API\'s big reads written in slices', () => {
  const Type = pb.master.Call.Type;
  it.each([
    ['GET_STATE', 1], ['GET_STATE', 3], ['GET_STATE', 100000],
    ['GET_TASKS', 2], ['GET_AGENTS', 1], ['GET_FRAMEWORKS', 1], ['GET_EXECUTORS', 1],
  ] as const)('%s with %i items per slice: exactly the JSON of the whole answer', async (type, slice) => {
    const s = await busyMaster();
    // A recovered agent (known from the registry only) and an executor id, so every list has items.
    const [first] = [...s.master.agents.values()];
    first.recovered = true;
    const [task] = [...[...s.master.frameworks.values()][0].tasks.values()];
    task.task.executor_id = { value: 'exec-1' };
    const out = new Collector(3);
    await writeOperatorReadJson(s.master, Type[type], out, { slice });
    const whole = encodeMesosMessage(pb.master.Response, answerMasterCall(s.master, { type: Type[type] }), 'json').toString('ascii');
    expect(out.text).toBe(whole);
    expect(out.writes).toBeGreaterThan(slice === 1 ? 1 : 0);
    s.master.stop();
  });

  it('writes an empty master\'s answers as one block would', async () => {
    const s = setup();
    for (const type of STREAMED_READS) {
      const out = new Collector();
      await writeOperatorReadJson(s.master, type, out);
      expect(out.text).toBe(encodeMesosMessage(pb.master.Response, answerMasterCall(s.master, { type }), 'json').toString('ascii'));
    }
  });

  it.each([[1], [500]])('SUBSCRIBED built %i items per slice: exactly the JSON of the whole event', async (slice) => {
    const s = await busyMaster();
    let yields = 0;
    const text = await subscribedJson(s.master, 15, { slice, yieldNow: async () => void yields++ });
    expect(text).toBe(encodeMesosMessage(pb.master.Event, subscribedEvent(s.master, 15), 'json').toString('ascii'));
    if (slice === 1) expect(yields).toBeGreaterThan(10);
    s.master.stop();
  });

  it('waits for a full socket\'s drain right after the write, never missing it (a socket drains on its own time)', async () => {
    const s = await busyMaster();
    const socket = Object.assign(new EventEmitter(), {
      text: '',
      destroyed: false,
      write(chunk: string): boolean {
        socket.text += chunk;
        setImmediate(() => socket.emit('drain'));
        return false;
      },
    });
    await writeOperatorReadJson(s.master, pb.master.Call.Type.GET_STATE, socket, { slice: 2, yieldNow: () => new Promise((r) => setImmediate(r)) });
    expect(socket.text).toBe(encodeMesosMessage(pb.master.Response, answerMasterCall(s.master, { type: pb.master.Call.Type.GET_STATE }), 'json').toString('ascii'));
    s.master.stop();
  }, 10_000);

  it('stops writing when the reader goes away', async () => {
    const s = await busyMaster();
    const leaving = new Collector();
    const write = leaving.write.bind(leaving);
    leaving.write = (chunk: string) => {
      leaving.destroyed = true;
      return write(chunk);
    };
    await writeOperatorReadJson(s.master, Type.GET_STATE, leaving, { slice: 1 });
    expect(leaving.writes).toBe(1);
    s.master.stop();
  });
});

describe('loop stalls (the health check\'s view of the master\'s own loop)', () => {
  it.each([
    ['checks on time see no stall', [0, 1, 2, 3], 0, 0],
    ['a check 5 s late records a 5 s stall', [0, 1, 7], 0, 5],
    ['only the part of a stall after the time asked counts', [0, 1, 7], 4, 3],
    ['a stall that ended before the time asked does not count', [0, 1, 7, 8], 7.5, 0],
    ['lateness within the slack is timer jitter', [0, 1.04, 2.08], 0, 0],
    ['stalls older than the kept window are forgotten', [0, 1, 7, 8, 40, 41], 0, 31],
  ])('%s', (_n, ticks, since, stalled) => {
    const stalls = new LoopStalls(1, 30);
    for (const t of ticks) stalls.tick(t);
    expect(stalls.stalledSince(since)).toBeCloseTo(stalled);
  });
});

describe('agent health while the master itself is stalled', () => {
  it('does not mark an agent unreachable for silence during the master\'s own stall, but does for real silence', async () => {
    const s = setup();
    s.master.start();
    const agent = await s.register('quiet');
    s.clock.advance(500); // one health check on time
    s.clock.stall(20_000); // the master's loop was busy for 20 s: no health check, nothing read
    s.clock.advance(500);
    await new Promise((resolve) => setImmediate(resolve)); // the check looks again after the poll phase
    expect(s.master.metrics.healthChecksAfterStall).toBe(1);
    expect(s.master.agents.get(agent.id)?.status).toBe('ACTIVE');
    expect(agent.sink.closed).toBe(false);
    s.clock.advance(4000); // 4 s of real silence > 3 pings of 1 s
    await s.master.settled();
    expect(s.master.agents.get(agent.id)?.status).toBe('UNREACHABLE');
    s.master.stop();
  });
});

describe('an agent\'s registration timeout', () => {
  it.each([
    ['is the base on the first attempt', 0, 15_000],
    ['doubles after a failed attempt', 1, 30_000],
    ['doubles again', 2, 60_000],
    ['stops growing at 8 times the base', 9, 120_000],
  ])('%s', (_n, attempt, expected) => {
    expect(registrationTimeoutFor(attempt, 15_000)).toBe(expected);
  });

  it.each([
    ['no jitter at random 0', 0, 0, 15_000],
    ['a quarter more at most', 0, 0.999999, 18_750],
    ['half of the quarter at random 0.5', 0, 0.5, 16_875],
    ['jitter scales with the doubled timeout', 2, 0.5, 67_500],
  ])('gets jitter: %s', (_n, attempt, random, expected) => {
    expect(registrationTimeoutFor(attempt, 15_000, random)).toBe(expected);
  });
});

describe('heartbeats to a large cluster', () => {
  it('are sent a slice of agents per turn of the event loop, every agent once, one interval after it registered', async () => {
    const s = setup();
    const agents: Array<{ sink: FakeAgent }> = [];
    for (let i = 0; i < PING_SLICE * 2 + 5; i++) agents.push(await s.register(`h${i}`));
    s.master.start();
    const beats = () => agents.filter((a) => a.sink.parts.some((p) => p.heartbeat)).length;
    s.clock.advance(1000); // the ping interval
    expect(beats()).toBe(PING_SLICE);
    // The rest a slice per turn of the master's turn gate (or a later turn, when other jobs spent that one's budget).
    for (let turn = 0; turn < 50 && beats() < agents.length; turn++) {
      const before = beats();
      await new Promise((resolve) => setImmediate(resolve));
      expect(beats() - before).toBeLessThanOrEqual(PING_SLICE);
    }
    expect(beats()).toBe(agents.length);
    expect(agents.every((a) => a.sink.parts.filter((p) => p.heartbeat).length === 1)).toBe(true);
    s.master.stop();
  });

  it('go to each agent on its own schedule: one registered later is pinged one interval after it, not with the others', async () => {
    const s = setup();
    s.master.start();
    const early = await s.register('early');
    s.clock.advance(500);
    const late = await s.register('late');
    const beats = (a: { sink: FakeAgent }) => a.sink.parts.filter((p) => p.heartbeat).length;
    s.clock.advance(500); // 1 s: the early agent's interval has passed, not the late one's
    expect([beats(early), beats(late)]).toEqual([1, 0]);
    s.clock.advance(500); // 1.5 s: the late one's turn
    expect([beats(early), beats(late)]).toEqual([1, 1]);
    s.clock.advance(500); // 2 s: the early one again, one interval after its ping
    expect([beats(early), beats(late)]).toEqual([2, 1]);
    s.master.stop();
  });

  it('keep an agent that answers the pings and sends nothing else active (its answer is its heartbeat)', async () => {
    const s = setup();
    s.master.start();
    const a = await s.register('quiet');
    let answered = 0;
    for (let ms = 0; ms < 20_000; ms += 250) {
      s.clock.advance(250);
      const pings = a.sink.parts.filter((p) => p.heartbeat).length;
      for (; answered < pings; answered++) await a.link.onMessage({ heartbeat: { timestamp: 0 } });
    }
    expect(answered).toBeGreaterThanOrEqual(19);
    expect(s.master.agents.get(a.id)?.status).toBe('ACTIVE');
    s.master.stop();
  });

  it('skip an agent that left, and ping one that re-registered one interval after it came back', async () => {
    const s = setup();
    s.master.start();
    const a = await s.register('a');
    a.link.onClose();
    s.clock.advance(1000);
    expect(a.sink.parts.filter((p) => p.heartbeat)).toHaveLength(0);
    const back = new FakeAgent();
    const link = s.master.agentLinkOpened(back);
    await link.onMessage({ register: { agent_info: { id: { value: a.id }, hostname: 'a', port: 5051, resources: parseResources('cpus:2;mem:1024') } } });
    expect(back.parts.some((p) => p.registered)).toBe(true);
    s.clock.advance(750);
    expect(back.parts.filter((p) => p.heartbeat)).toHaveLength(0);
    s.clock.advance(250);
    expect(back.parts.filter((p) => p.heartbeat)).toHaveLength(1);
    s.master.stop();
  });
});

describe('/metrics summed in slices', () => {
  it.each([[1], [7], [100000]])('with %i entries per turn, gives the same samples as summing in one go', async (slice) => {
    const s = await busyMaster();
    const strip = (samples: Array<{ name: string }>) => samples.filter((x) => !x.name.includes('uptime'));
    expect(strip(await metricSamplesSliced(s.master, slice))).toEqual(strip(metricSamples(s.master)));
    expect(metricSamples(s.master).find((x) => x.name === 'meseta_master_tasks' && x.labels?.state === 'task_staging')?.value).toBe(11);
    s.master.stop();
  });
});

describe('the UI stream\'s delta built across turns', () => {
  it('entityDeltaSliced equals entityDelta for changes naming every agent, task and framework, pausing every `slice` rows', async () => {
    const s = await busyMaster();
    const changes = noChanges();
    for (const a of s.master.agents.values()) changes.agents.add(a.id);
    changes.agents.add('gone-agent');
    for (const f of s.master.frameworks.values()) {
      changes.frameworks.add(f.id);
      changes.tasks.set(f.id, new Set([...f.tasks.keys(), ...f.completedTasks.map((t) => t.taskId), 'gone-task']));
    }
    changes.allFrameworks = true;
    changes.roles = true;
    const counts = uiTaskCounts(s.master);
    const agentCounts = uiAgentCounts(s.master);
    const whole = entityDelta(s.master, changes, 1700000000, counts, agentCounts);
    let pauses = 0;
    const sliced = await entityDeltaSliced(s.master, changes, { now: 1700000000, taskCounts: counts, agentCounts }, async () => {
      pauses++;
      await new Promise((resolve) => setImmediate(resolve));
    }, 2);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(whole));
    expect(whole.agents_removed).toEqual(['gone-agent']);
    const rows = (whole.agents?.length ?? 0) + 1 + (whole.tasks?.length ?? 0);
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(rows / 2));
    s.master.stop();
  });

  it('the stream sends a delta with every new offer and its agent\'s row when built a row per turn', async () => {
    const s = setup();
    const fw = await s.subscribe('web');
    const stream = new UiEventStream(s.master, { intervalMs: 1, packSlice: 1 });
    const { messages, res } = recordingEventResponse();
    stream.handle(res);
    const until = async (ok: () => boolean): Promise<void> => {
      while (!ok()) await new Promise((resolve) => setTimeout(resolve, 2));
    };
    // The client's rows and its catch-up delta first.
    await until(() => messages.some((m) => m.event === 'delta'));
    const seen = messages.length;
    for (let i = 0; i < 8; i++) await s.register(`host-${i}`);
    s.master.runAllocation();
    await s.master.settled();
    const offers = [...s.master.offers.values()];
    expect(offers.length).toBe(8);
    const deltas = (): UiDelta[] => messages.slice(seen).filter((m) => m.event === 'delta').map((m) => JSON.parse(m.data) as UiDelta);
    await until(() => deltas().flatMap((d) => d.offers ?? []).length >= 8);
    // Quiet now: one more turn for any delta still being built.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const sentOffers = deltas().flatMap((d) => d.offers ?? []);
    expect(sentOffers.map((o) => o.id).sort()).toEqual(offers.map((o) => o.id).sort());
    expect(sentOffers).toEqual(expect.arrayContaining(offers.map((o) => JSON.parse(JSON.stringify(uiOffer(o))) as unknown)));
    const last = new Map(deltas().flatMap((d) => d.agents ?? []).map((a) => [a.id, a]));
    for (const a of s.master.agents.values()) expect(last.get(a.id)).toEqual(JSON.parse(JSON.stringify(uiAgent(s.master, a))));
    expect(fw.frameworkId).toBeTruthy();
    stream.close();
    s.master.stop();
  });

  it('a client whose rows and catch-up are built a row per turn while offers and agents change ends with the master\'s offers and agent rows', async () => {
    const s = setup();
    await s.subscribe('web');
    for (let i = 0; i < 4; i++) await s.register(`early-${i}`);
    s.master.runAllocation();
    await s.master.settled();
    const stream = new UiEventStream(s.master, { intervalMs: 1, packSlice: 1 });
    const { messages, res } = recordingEventResponse();
    stream.handle(res);
    // While the client's rows and catch-up are being built (a row per turn), agents come and offers move.
    let i = 0;
    while (!messages.some((m) => m.event === 'delta') && i < 50) {
      await s.register(`late-${i++}`);
      if (i % 3 === 0) s.master.runAllocation();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Its catch-up delta (a row per turn: a few hundred turns), then one more shared delta after the last pass.
    for (const until = Date.now() + 10_000; !messages.some((m) => m.event === 'delta') && Date.now() < until;) await new Promise((resolve) => setImmediate(resolve));
    s.master.runAllocation();
    await s.master.settled();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The client's view: the last 'offers' message, then every delta's offers in order; agent rows from every message.
    const offers = new Map<string, unknown>();
    const agents = new Map<string, unknown>();
    let joined = false;
    for (const m of messages) {
      const data = JSON.parse(m.data) as { offers?: Array<{ id: string }>; offers_removed?: string[]; agents?: Array<{ id: string }>; agents_removed?: string[] };
      if (m.event === 'offers' && !joined) {
        offers.clear();
        for (const o of data.offers ?? []) offers.set(o.id, o);
      }
      if (m.event === 'delta') {
        joined = true;
        for (const o of data.offers ?? []) offers.set(o.id, o);
        for (const id of data.offers_removed ?? []) offers.delete(id);
        for (const id of data.agents_removed ?? []) agents.delete(id);
      }
      if (m.event === 'agents' || m.event === 'delta') for (const a of data.agents ?? []) agents.set(a.id, a);
    }
    expect(i).toBeGreaterThan(0);
    expect([...offers.keys()].sort()).toEqual([...s.master.offers.keys()].sort());
    for (const o of s.master.offers.values()) expect(offers.get(o.id)).toEqual(JSON.parse(JSON.stringify(uiOffer(o))));
    for (const a of s.master.agents.values()) expect(agents.get(a.id)).toEqual(JSON.parse(JSON.stringify(uiAgent(s.master, a))));
    stream.close();
    s.master.stop();
  });
});
