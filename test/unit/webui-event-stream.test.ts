/**
 * The UI's event stream (`GET /api/v1/events`) on a real master in this
 * process, with a simulated agent and an SDK framework over loopback:
 * snapshot first, then coalesced deltas carrying only what changed.
 */
import * as http from 'node:http';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { startMaster, type RunningMaster } from '../../master';
import { UiEventStream } from '../../master/http-events';
import type { UiAgentChunk, UiDelta, UiOffers, UiSnapshot, UiTaskChunk } from '../../master/http-ui-types';
import { unpackTasks } from '../../master/http-ui-pack';
import { SchedulerDriver } from '@meseta/sdk';
import type { Offer, TaskInfo } from '@meseta/proto/wire';
import { scalar } from '@meseta/proto/resources';
import { silentLogger } from '@meseta/runtime/log';
import { startSimulatedAgent, type SimulatedAgent } from '../../bench/support/simulated-agent';
import { waitFor } from '../harness/wait-for';

interface Message {
  event: string;
  data: unknown;
}

/** Read server-sent events from a URL until closed. */
function listen(url: string): { messages: Message[]; next(event: string, match?: (d: any) => boolean, timeoutMs?: number): Promise<any>; close(): void } {
  const messages: Message[] = [];
  let buffer = '';
  const waiters: Array<() => void> = [];
  const req = http.get(url, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) messages.push({ event, data: JSON.parse(data) });
        for (const w of waiters.splice(0)) w();
      }
    });
  });
  req.on('error', () => undefined);
  let seen = 0;
  return {
    messages,
    next: (event, match = () => true, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching ${event} message in ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => [m.event, Object.keys(m.data as object)]))}`)), timeoutMs);
        const check = (): void => {
          for (; seen < messages.length; seen++) {
            const m = messages[seen];
            if (m.event === event && match(m.data)) {
              seen++;
              clearTimeout(timer);
              resolve(m.data);
              return;
            }
          }
          waiters.push(check);
        };
        check();
      }),
    close: () => req.destroy(),
  };
}

/**
 * A client of `stream` whose socket takes everything at once: the witness
 * that a delta went out (so another client's silence is not a guess).
 */
function drainedClient(stream: UiEventStream): { written: string[]; deltaWith(match: (d: UiDelta) => boolean): UiDelta | undefined; close(): void } {
  const written: string[] = [];
  const res = Object.assign(new EventEmitter(), {
    writableLength: 0,
    writeHead: () => res,
    write: (text: string, cb?: () => void) => {
      written.push(text);
      cb?.();
      return true;
    },
    end: () => undefined,
  });
  stream.handle(res as unknown as ServerResponse);
  return {
    written,
    deltaWith: (match) =>
      written
        .filter((w) => w.startsWith('event: delta'))
        .map((w) => JSON.parse(w.split('data: ')[1]) as UiDelta)
        .find(match),
    close: () => void res.emit('close'),
  };
}

let running: RunningMaster;
let agent: SimulatedAgent | undefined;
let driver: SchedulerDriver | undefined;

beforeEach(async () => {
  running = await startMaster({ port: 0, logger: silentLogger, allocationIntervalSeconds: 0.2 });
});

afterEach(async () => {
  await driver?.stop().catch(() => undefined);
  agent?.stop();
  driver = undefined;
  agent = undefined;
  await running.stop();
});

describe('the web UI event stream', () => {
  it('sends a snapshot first, then deltas with the agents, offers and tasks that changed, coalesced', async () => {
    const feed = listen(`http://${running.address}/api/v1/events`);
    try {
      const snapshot = (await feed.next('snapshot')) as UiSnapshot;
      expect(snapshot.agents).toEqual([]);
      expect(snapshot.summary.leader).toBe(running.address);

      agent = await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1', resources: 'cpus:100;mem:100000' });
      const added = (await feed.next('delta', (d: UiDelta) => !!d.agents?.length)) as UiDelta;
      expect(added.agents![0]).toMatchObject({ id: agent.agentId, status: 'ACTIVE', total: { cpus: 100, mem: 100000 } });
      expect(added.events?.map((e) => e.type)).toContain('AGENT_ADDED');

      const offers: Offer[] = [];
      let gotOffer!: () => void;
      const offered = new Promise<void>((r) => (gotOffer = r));
      driver = new SchedulerDriver({
        master: running.address,
        logger: silentLogger,
        framework: { name: 'stream-test' },
        handlers: { offers: (batch) => { offers.push(...batch); gotOffer(); } },
      });
      const frameworkId = await driver.start();
      await offered;
      const offerDelta = (await feed.next('delta', (d: UiDelta) => !!d.offers?.length)) as UiDelta;
      expect(offerDelta.summary.offers).toBe(1);
      const offerId = offers[0].id!.value!;
      expect(offerDelta.offers!.map((o) => o.id)).toContain(offerId);
      expect(offerDelta.frameworks?.find((f) => f.id === frameworkId)?.offer_count).toBe(1);

      const before = feed.messages.length;
      const tasks: TaskInfo[] = Array.from({ length: 300 }, (_, i) => ({
        name: `t${i}`, task_id: { value: `t${i}` }, agent_id: offers[0].agent_id,
        resources: [scalar('cpus', 0.1), scalar('mem', 10)], command: { value: 'true' },
      }));
      await driver.launch([offerId], tasks);
      await feed.next('delta', (d: UiDelta) => !!d.offers_removed?.includes(offerId));
      const states = new Map<string, string>();
      const allRunning = (): boolean => {
        states.clear();
        for (const m of feed.messages.slice(before)) for (const t of (m.data as UiDelta).tasks ?? []) states.set(t.id, t.state);
        return states.size === 300 && [...states.values()].every((state) => state === 'TASK_RUNNING');
      };
      while (!allRunning()) await feed.next('delta');
      const deltas = feed.messages.slice(before).filter((m) => m.event === 'delta');
      // 300 tasks × (staging + running) = 600 changes, coalesced: a delta carries a task once,
      // in its latest state, and the rows went out in fewer messages than there were rows.
      const rows = deltas.map((m) => ((m.data as UiDelta).tasks ?? []).map((t) => t.id));
      for (const ids of rows) expect(new Set(ids).size).toBe(ids.length);
      expect(deltas.length).toBeLessThan(rows.reduce((n, ids) => n + ids.length, 0));
      const lastAgentRow = [...deltas].reverse().map((m) => (m.data as UiDelta).agents?.[0]).find(Boolean);
      expect(lastAgentRow).toMatchObject({ allocated: { cpus: 30, mem: 3000 }, task_count: 300 });

      // A browser arriving now gets the counts in the snapshot and the rows in chunks right after.
      const late = listen(`http://${running.address}/api/v1/events`);
      try {
        const again = (await late.next('snapshot')) as UiSnapshot;
        expect(again.task_count).toBe(300);
        expect(again.summary.tasks).toEqual({ live: 300, completed: 0, by_state: { TASK_RUNNING: 300 } });
        // The overview's figures are in the first message; the agent rows follow it.
        expect(again.agents).toEqual([]);
        expect(again.agent_count).toBe(1);
        expect(again.summary.agents).toEqual({
          by_status: { ACTIVE: 1 }, total: { cpus: 100, mem: 100000 }, allocated: { cpus: 30, mem: 3000 }, offered: expect.any(Object),
        });
        expect(((await late.next('agents')) as UiAgentChunk)).toMatchObject({ agents: [{ id: agent.agentId, task_count: 300 }], remaining: 0 });
        expect(((await late.next('offers')) as UiOffers).offers).toHaveLength(running.master.offers.size);
        const chunk = (await late.next('tasks')) as UiTaskChunk;
        expect(chunk.remaining).toBe(0);
        expect(unpackTasks(chunk.tasks).map((t) => t.id).sort()).toEqual(tasks.map((t) => t.task_id!.value!).sort());
      } finally {
        late.close();
      }
    } finally {
      feed.close();
    }
  }, 30_000);

  it('holds shared deltas from a client whose snapshot is still being sent, and catches it up after its rows', async () => {
    const stream = new UiEventStream(running.master, { intervalMs: 20 });
    const written: string[] = [];
    let flushed: (() => void) | undefined;
    const res = Object.assign(new EventEmitter(), {
      writableLength: 0,
      writeHead: () => res,
      write: (text: string, cb?: () => void) => {
        written.push(text);
        if (cb) flushed = cb;
        return true;
      },
      end: () => undefined,
    });
    stream.handle(res as unknown as ServerResponse);
    // The snapshot is a few KB of figures; every row waits until it reached the socket.
    expect(written.map((w) => w.split('\n')[0])).toEqual(['retry: 2000', 'event: snapshot']);
    const witness = drainedClient(stream);
    agent = await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' });
    const agentId = agent.agentId;
    await waitFor(() => witness.deltaWith((d) => !!d.agents?.some((a) => a.id === agentId)), 10_000, 'the delta with the agent to go out');
    // The agent's delta went out, but this client's snapshot has not reached the socket: not to it.
    expect(written).toHaveLength(2);
    witness.close();
    flushed!();
    // The rows are read with yields between slices: the catch-up follows a turn or two later.
    await waitFor(() => written.some((w) => w.startsWith('event: delta')), 10_000, 'the rows and the catch-up delta', 5);
    // The agent that came after the snapshot is in the agent rows (read live) and in the catch-up.
    expect(written.slice(2).map((w) => w.split('\n')[0])).toEqual(['event: agents', 'event: offers', 'event: offers', 'event: delta']);
    expect(JSON.parse(written[2].split('data: ')[1])).toMatchObject({ agents: [{ id: agent.agentId }], remaining: 0 });
    const catchUp = JSON.parse(written[5].split('data: ')[1]) as UiDelta;
    expect(catchUp.agents?.map((a) => a.id)).toEqual([agent.agentId]);
    expect(catchUp.events?.map((e) => e.type)).toContain('AGENT_ADDED');
    res.emit('close');
  });

  it('splits many task rows over several messages', async () => {
    const stream = new UiEventStream(running.master, { taskChunkRows: 2 });
    agent = await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' });
    let gotOffer!: (o: Offer) => void;
    const offer = new Promise<Offer>((r) => (gotOffer = r));
    driver = new SchedulerDriver({ master: running.address, logger: silentLogger, framework: { name: 'chunks' }, handlers: { offers: (b) => gotOffer(b[0]) } });
    await driver.start();
    const o = await offer;
    await driver.launch([o.id!.value!], Array.from({ length: 5 }, (_, i) => ({
      name: `t${i}`, task_id: { value: `t${i}` }, agent_id: o.agent_id, resources: [scalar('cpus', 0.1)], command: { value: 'true' },
    })));
    await waitFor(() => running.master.frameworks.values().next().value!.tasks.size >= 5, 10_000, 'the master to hold the 5 tasks', 20);
    const written: string[] = [];
    const res = Object.assign(new EventEmitter(), { writableLength: 0, writeHead: () => res, write: (t: string, cb?: () => void) => { written.push(t); cb?.(); return true; }, end: () => undefined });
    stream.handle(res as unknown as ServerResponse);
    await waitFor(() => written.some((w) => w.startsWith('event: delta')), 10_000, 'the task rows and the catch-up delta', 5);
    const chunks = written.filter((w) => w.startsWith('event: tasks')).map((w) => JSON.parse(w.split('data: ')[1]) as UiTaskChunk);
    expect(chunks.map((c) => [c.tasks.rows.length, c.remaining])).toEqual([[2, 3], [2, 1], [1, 0]]);
    res.emit('close');
  });

  it('sends nothing when nothing changed', async () => {
    const feed = listen(`http://${running.address}/api/v1/events`);
    try {
      await feed.next('snapshot');
      await feed.next('delta');
      // The master works on (three allocation passes), then something changes: an agent registers.
      const runs = running.master.metrics.allocationRuns;
      await waitFor(() => running.master.metrics.allocationRuns >= runs + 3, 10_000, 'three allocation passes');
      agent = await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' });
      const agentId = agent.agentId;
      await feed.next('delta', (d: UiDelta) => !!d.agents?.some((a) => a.id === agentId));
      // A snapshot and its (empty) offers, then (no task rows) the offers and catch-up as they are now;
      // nothing more until the agent's delta.
      expect(feed.messages.map((m) => m.event)).toEqual(['snapshot', 'offers', 'offers', 'delta', 'delta']);
    } finally {
      feed.close();
    }
  });

  it('holds deltas back from a client that is behind and resyncs it with a snapshot once it drains', async () => {
    const stream = new UiEventStream(running.master, { intervalMs: 20, maxBufferedBytes: 1000 });
    const written: string[] = [];
    const res = Object.assign(new EventEmitter(), {
      writableLength: 0,
      writeHead: () => res,
      write: (text: string, written_?: () => void) => {
        written.push(text);
        written_?.();
        return true;
      },
      end: () => undefined,
    });
    stream.handle(res as unknown as ServerResponse);
    expect(written.filter((w) => w.startsWith('event: snapshot'))).toHaveLength(1);
    await waitFor(() => written.some((w) => w.startsWith('event: delta')), 10_000, 'the first snapshot\'s rows and catch-up', 5);
    // The socket buffer is full: the next delta marks the client behind instead of going to it.
    res.writableLength = 5000;
    const afterBehind = written.length;
    const witness = drainedClient(stream);
    agent = await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' });
    const agentId = agent.agentId;
    await waitFor(() => witness.deltaWith((d) => !!d.agents?.some((a) => a.id === agentId)), 10_000, 'the delta with the agent to go out');
    // The simulated agent's registration went out as a delta, but not to a client that is behind.
    expect(written.slice(afterBehind)).toEqual([]);
    witness.close();
    res.writableLength = 0;
    res.emit('drain');
    await waitFor(() => written.slice(afterBehind).some((w) => w.startsWith('event: delta')), 10_000, 'the resync snapshot and its catch-up', 5);
    const resync = written.slice(afterBehind);
    expect(resync.map((w) => w.split('\n')[0])).toEqual(['event: snapshot', 'event: agents', 'event: offers', 'event: offers', 'event: delta']);
    expect((JSON.parse(resync[0].split('data: ')[1]) as UiSnapshot).agent_count).toBe(1);
    expect((JSON.parse(resync[1].split('data: ')[1]) as UiAgentChunk).agents).toHaveLength(1);
    res.emit('close');
    expect(stream.clientCount).toBe(0);
  });
});
