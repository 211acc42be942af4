/**
 * The web UI stream's row cache (master/http-ui-row-cache.ts) and its
 * incremental figures (master/http-ui-sums.ts) on a real master in this
 * process, with a simulated agent and an SDK framework over loopback: rows
 * nothing touched are reused, a row an event touched is rebuilt, and what
 * the cache gives always equals what the master's records give built
 * afresh; the figures always equal a walk of the whole cluster; and the
 * stream's first message plus its `agents` messages are the same document
 * as uiSnapshot.
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { startMaster, type RunningMaster } from '../../master';
import { UiEventStream } from '../../master/http-events';
import { UiRowCache } from '../../master/http-ui-row-cache';
import { UiClusterSums } from '../../master/http-ui-sums';
import { uiAgentCounts } from '../../master/agent-share';
import { uiAgent, uiFramework, uiSnapshot, uiTaskCounts } from '../../master/http-ui-view';
import type { UiAgent, UiAgentChunk, UiSnapshot } from '../../master/http-ui-types';
import { TaskState } from '@meseta/proto/wire';
import { SchedulerDriver } from '@meseta/sdk';
import type { Offer } from '@meseta/proto/wire';
import { scalar } from '@meseta/proto/resources';
import { silentLogger } from '@meseta/runtime/log';
import { startSimulatedAgent, type SimulatedAgent } from '../../bench/support/simulated-agent';
import { waitFor } from '../harness/wait-for';

let running: RunningMaster;
const agents: SimulatedAgent[] = [];
let driver: SchedulerDriver | undefined;

beforeEach(async () => {
  running = await startMaster({ port: 0, logger: silentLogger, allocationIntervalSeconds: 0.2 });
});

afterEach(async () => {
  await driver?.stop().catch(() => undefined);
  for (const a of agents.splice(0)) a.stop();
  driver = undefined;
  await running.stop();
});

/** Subscribe a framework and launch `count` tasks of 0.1 cpu on the first offer it gets. */
async function launch(count: number, prefix: string): Promise<void> {
  let gotOffer!: (o: Offer) => void;
  const offer = new Promise<Offer>((r) => (gotOffer = r));
  driver = new SchedulerDriver({ master: running.address, logger: silentLogger, framework: { name: 'cache' }, handlers: { offers: (b) => gotOffer(b[0]) } });
  await driver.start();
  const o = await offer;
  await driver.launch([o.id!.value!], Array.from({ length: count }, (_, i) => ({
    name: `${prefix}${i}`, task_id: { value: `${prefix}${i}` }, agent_id: o.agent_id, resources: [scalar('cpus', 0.1), scalar('mem', 16)], command: { value: 'true' },
  })));
  await waitFor(() => [...running.master.frameworks.values()].some((f) => f.tasks.size >= count), 10_000, `the master to hold the ${count} tasks`, 20);
}

describe('the web UI row cache', () => {
  it('reuses rows nothing touched, rebuilds the ones an event touched, and always matches a fresh build', async () => {
    const cache = new UiRowCache();
    const master = running.master;
    const sums = new UiClusterSums(master);
    running.master.events.subscribe((e) => {
      cache.note(e);
      sums.note(e);
    });
    /** The figures kept incrementally, and the same summed over the whole cluster now. */
    const figures = async () => {
      await sums.settle(master);
      sums.offersChanged(master, master.offers.keys(), []);
      const { offered, ...kept } = sums.agentCounts();
      const { offered: walkedOffered, ...walked } = uiAgentCounts(master);
      void offered;
      void walkedOffered;
      return { kept: { ...kept, tasks: sums.taskCounts(master) }, walked: { ...walked, tasks: uiTaskCounts(master) } };
    };
    const fresh = (): string[] => [...master.agents.values()].map((a) => JSON.stringify(uiAgent(master, a)));

    agents.push(await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' }));
    agents.push(await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' }));
    await waitFor(() => master.agents.size === 2, 10_000, 'two agents');
    expect(cache.agentRowsJson(master)).toEqual(fresh());
    expect([cache.lastRebuilt, cache.lastReused]).toEqual([2, 0]);
    expect(cache.agentRowsJson(master)).toEqual(fresh());
    expect([cache.lastRebuilt, cache.lastReused]).toEqual([0, 2]);

    await launch(3, 't');
    const fw = [...master.frameworks.values()][0];
    const taskAgent = [...fw.tasks.values()][0].agentId;
    // The framework's offers may sit on either agent; tasks went to one of them. Offers are the stream's to diff:
    for (const o of master.offers.values()) cache.touchAgent(o.agentId);
    for (const a of master.agents.values()) cache.touchAgent(a.id);
    expect(cache.agentRowsJson(master)).toEqual(fresh());
    expect(JSON.parse(cache.agentRowsJson(master).find((r) => r.includes(taskAgent))!).task_count).toBe(3);
    await sums.settle(master);
    expect(sums.frameworkAllocated(fw)).toEqual(uiFramework(master, fw, false).allocated);
    expect(sums.frameworkAllocated(fw)).toEqual({ cpus: 0.3, mem: 48 });
    const f1 = await figures();
    expect(f1.kept).toEqual(f1.walked);
    expect(f1.kept.by_status).toEqual({ ACTIVE: 2 });
    expect(f1.kept.tasks.live).toBe(3);
    // Nothing touched since: every row reused.
    cache.agentRowsJson(master);
    expect(cache.lastRebuilt).toBe(0);

    // An agent goes away: its row is rebuilt (or dropped once the master forgets it), the counts follow.
    const gone = agents.pop()!;
    const goneId = gone.agentId;
    gone.stop();
    await waitFor(() => master.agents.get(goneId)?.status !== 'ACTIVE', 10_000, 'the master to notice the agent left', 20);
    await waitFor(() => cache.agentRowsJson(master).join() === fresh().join(), 10_000, 'the cached rows to match a fresh build', 20);
    const f2 = await figures();
    expect(f2.kept).toEqual(f2.walked);
    expect(f2.kept.by_status.ACTIVE).toBe(1);
  });

  it('gives the stream a first message of figures, then agent rows in chunks: together equal to uiSnapshot', async () => {
    agents.push(await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' }));
    agents.push(await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' }));
    agents.push(await startSimulatedAgent({ master: running.address, hostname: '127.0.0.1' }));
    await launch(2, 's');
    const stream = new UiEventStream(running.master, { now: () => 1000, agentChunkRows: 2 });
    const written: string[] = [];
    const res = Object.assign(new EventEmitter(), { writableLength: 0, writeHead: () => res, write: (t: string, cb?: () => void) => { written.push(t); cb?.(); return true; }, end: () => undefined });
    const data = (w: string): any => JSON.parse(w.split('data: ')[1]);
    await waitFor(() => [...running.master.frameworks.values()][0].tasks.values().next().value?.task.state === TaskState.TASK_RUNNING, 10_000, 'the tasks to run', 20);
    for (let round = 0; round < 2; round++) {
      written.length = 0;
      stream.handle(res as unknown as ServerResponse);
      // The snapshot is written at once (the figures are current): the state it shows is the master's now.
      const expected = uiSnapshot(running.master, 1000);
      await waitFor(() => written.some((w) => w.startsWith('event: delta')), 10_000, 'the rows and the catch-up', 5);
      const sent = data(written.find((w) => w.startsWith('event: snapshot'))!) as UiSnapshot;
      expect(sent.agents).toEqual([]);
      expect(sent.agent_count).toBe(3);
      const chunks = written.filter((w) => w.startsWith('event: agents')).map(data) as UiAgentChunk[];
      expect(chunks.map((c) => c.remaining)).toEqual([1, 0]);
      // (Offers may move while the rows are read a slice at a time: compare the rows without them.)
      const noOffered = (rows: UiAgent[]) => rows.map(({ offered, ...row }) => (void offered, row));
      expect(noOffered(chunks.flatMap((c) => c.agents))).toEqual(noOffered(expected.agents));
      expect({ ...sent, events: [], agents: expected.agents }).toEqual(expected);
      expect(expected.summary.agents.by_status).toEqual({ ACTIVE: 3 });
      expect(expected.summary.tasks.live).toBe(2);
      // The agent rows come before the offers and task rows.
      const order = written.map((w) => /^event: (\w+)/.exec(w)?.[1]).filter((e) => e && e !== 'delta');
      expect(order).toEqual(['snapshot', 'agents', 'agents', 'offers', 'tasks', 'offers']);
      res.emit('close');
    }
  });
});
