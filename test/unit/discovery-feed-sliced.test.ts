/**
 * The discovery feed's first build runs in slices (issue 11: at 500,000
 * running tasks one walk held the master's event loop for seconds). Here a
 * slice reads one task, and each row changes the master once the walk has
 * read `after` of its 12 tasks, while a watcher waits. The waiting watcher
 * must then get, in one snapshot, exactly what a feed built at once at the
 * end publishes (nothing lost), and no change afterwards for what the
 * snapshot already holds (nothing applied twice).
 */
import { CallType, OperationType, TaskState } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { DiscoveryFeed, everyTask } from '../../master/discovery/discovery-feed';
import { openWatch, type WatchEvent } from '../../master/discovery/watch-session';
import { SlicedWalk, countBudget } from '../../master/turn-slices';
import { masterTestBed } from './fixtures/master-test-bed';

type Bed = Awaited<ReturnType<typeof cluster>>;

/** Two frameworks (alpha first) with 6 running tasks each on one agent. */
async function cluster() {
  const s = masterTestBed({});
  const agent = await s.addAgent('cpus:64;mem:65536');
  const alpha = await s.subscribe('alpha');
  const beta = await s.subscribe('beta');
  type Fw = typeof alpha;
  const running = (fw: Fw, id: string, state = TaskState.TASK_RUNNING) =>
    agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: id }, state, uuid: newUpdateUuid() } }] });
  const launch = async (fw: Fw, ids: string[]) => {
    s.master.runAllocation();
    const offer = fw.sink.offers().at(-1)!;
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: ids.map((id) => s.task(id, offer, 1, 64)) } }], filters: { refuse_seconds: 0 } } });
    for (const id of ids) await running(fw, id);
  };
  await launch(alpha, ['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  await launch(beta, ['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  return { s, agent, alpha, beta, running, launch };
}

interface Row {
  name: string;
  /** Tasks the walk has read when the change is made. */
  after: number;
  change: (bed: Bed) => Promise<unknown>;
  /** Task ids published at the end. */
  published: string[];
  /** Framework labels published at the end. */
  frameworks?: string[];
}

const ALL = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5'];
const without = (...ids: string[]) => ALL.filter((id) => !ids.includes(id));

const rows: Row[] = [
  { name: 'nothing changes', after: 4, change: async () => undefined, published: ALL },
  { name: 'a task the walk has read is killed', after: 4, change: async (b) => b.running(b.alpha, 'a0', TaskState.TASK_KILLED), published: without('a0') },
  { name: 'a task the walk has not read yet is killed', after: 4, change: async (b) => b.running(b.beta, 'b5', TaskState.TASK_KILLED), published: without('b5') },
  { name: 'a new task comes to run in the framework the walk is in', after: 3, change: (b) => b.launch(b.alpha, ['a9']), published: [...ALL, 'a9'] },
  { name: 'a new task comes to run in a framework the walk has left', after: 8, change: (b) => b.launch(b.alpha, ['a9']), published: [...ALL, 'a9'] },
  { name: 'a task read, then killed, then a new one: both seen', after: 8, change: async (b) => { await b.running(b.alpha, 'a1', TaskState.TASK_FINISHED); await b.launch(b.alpha, ['a9']); }, published: [...without('a1'), 'a9'] },
  {
    name: 'the framework the walk is in is renamed',
    after: 3,
    change: (b) => b.alpha.call({ type: CallType.UPDATE_FRAMEWORK, update_framework: { framework_info: { name: 'gamma', user: 'root', id: { value: b.alpha.frameworkId } } } }) as Promise<void>,
    published: ALL,
    frameworks: ['beta', 'gamma'],
  },
  { name: 'a framework the walk has read is torn down', after: 8, change: (b) => b.alpha.call({ type: CallType.TEARDOWN }) as Promise<void>, published: without('a0', 'a1', 'a2', 'a3', 'a4', 'a5'), frameworks: ['beta'] },
  { name: 'a framework the walk has not reached is torn down', after: 2, change: (b) => b.beta.call({ type: CallType.TEARDOWN }) as Promise<void>, published: without('b0', 'b1', 'b2', 'b3', 'b4', 'b5'), frameworks: ['alpha'] },
];

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DiscoveryFeed: the first build in slices', () => {
  it.each(rows)('$name: the waiting watcher gets what a whole build gives, once', async ({ after, change, published, frameworks }) => {
    const bed = await cluster();
    const { s } = bed;
    // Followed from the start: the long way's answer, kept by events.
    const early = new DiscoveryFeed(s.master);
    void early.index;
    const feed = new DiscoveryFeed(s.master, { sliceBudget: () => countBudget(1), checkEvery: 1 });
    const events: WatchEvent[] = [];
    const end = openWatch(feed, {}, undefined, (e) => events.push(e));
    expect(feed.ready).toBe(false);
    while (scanned(feed) < after) await turn();
    expect(events).toEqual([]);
    await change(bed);
    while (!feed.ready) await turn();
    expect(events.map((e) => e.kind)).toEqual(['snapshot']);
    const snapshot = events[0] as Extract<WatchEvent, { kind: 'snapshot' }>;
    expect(snapshot.revision).toBe(1);
    expect(snapshot.instances.map((i) => i.taskId).sort()).toEqual([...published].sort());
    if (frameworks) expect([...new Set(snapshot.instances.map((i) => i.framework))].sort()).toEqual(frameworks);
    // The same as a feed built at once now, and as the one that followed from the start.
    const fresh = new DiscoveryFeed(s.master);
    expect(snapshot.instances).toEqual(fresh.index.instances());
    early.flush();
    expect(feed.index.instances()).toEqual(early.index.instances());
    // Nothing left to apply: a commit now changes nothing, the watcher hears nothing more.
    feed.flush();
    await turn();
    expect(events.length).toBe(1);
    end();
    for (const f of [early, feed, fresh]) f.stop();
    s.stop();
  });

  it('readers that come while it builds wait and get the same index; one that ends first is never called', async () => {
    const { s } = await cluster();
    const feed = new DiscoveryFeed(s.master, { sliceBudget: () => countBudget(1), checkEvery: 1 });
    const got: string[] = [];
    const cancelA = feed.whenReady(() => got.push('a'));
    await turn();
    const cancelB = feed.whenReady(() => got.push('b'));
    cancelA();
    expect(got).toEqual([]);
    while (!feed.ready) await turn();
    expect(got).toEqual(['b']);
    feed.whenReady((index) => got.push(`c:${index.size}`));
    expect(got).toEqual(['b', 'c:12']);
    cancelB();
    feed.stop();
    s.stop();
  });

  it('a feed stopped while it builds calls nobody back and schedules nothing more', async () => {
    const { s } = await cluster();
    const feed = new DiscoveryFeed(s.master, { sliceBudget: () => countBudget(1), checkEvery: 1 });
    const got: number[] = [];
    feed.whenReady((index) => got.push(index.size));
    await turn();
    feed.stop();
    const at = scanned(feed);
    for (let i = 0; i < 5; i++) await turn();
    expect(scanned(feed)).toBe(at);
    expect(got).toEqual([]);
    s.stop();
  });

  it('a small cluster is built in the first slice, at once', async () => {
    const { s } = await cluster();
    const feed = new DiscoveryFeed(s.master);
    const got: number[] = [];
    feed.whenReady((index) => got.push(index.size));
    expect(got).toEqual([12]);
    feed.stop();
    s.stop();
  });
});

describe('the first build\'s walk over every task: keeps its place between slices', () => {
  it.each([1, 2, 3, 5, 100])('%i task(s) a slice: every task read once, in map order', (perSlice) => {
    const frameworks = new Map(['f1', 'f2', 'f3'].map((f, n) => [f, { id: f, tasks: new Map(Array.from({ length: n * 3 }, (_, k) => [`t${k}`, { taskId: `t${k}` }])) }]));
    const read: string[] = [];
    const scan = new SlicedWalk(everyTask(frameworks as never), ([fw, t]) => read.push(`${fw.id}/${t.taskId}`), 1);
    let slices = 0;
    while (!scan.step(countBudget(perSlice))) slices++;
    expect(read).toEqual(['f2/t0', 'f2/t1', 'f2/t2', 'f3/t0', 'f3/t1', 'f3/t2', 'f3/t3', 'f3/t4', 'f3/t5']);
    expect(slices).toBe(Math.floor(9 / perSlice));
    expect(scan.done).toBe(true);
  });
});

/** Tasks the feed's first walk has read (0 before it starts and after it is done). */
function scanned(feed: DiscoveryFeed): number {
  return (feed as unknown as { scan?: SlicedWalk<unknown> }).scan?.visited ?? 0;
}
