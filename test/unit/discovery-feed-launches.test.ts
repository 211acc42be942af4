/**
 * The discovery feed skips task events that cannot change what is published
 * (issue 11, launch path): a task that is not serving and that the index has
 * nothing of is not marked. Each row runs a sequence of launches, status
 * updates and commits on a master, and checks two things: how many times
 * the index was staged (launches cost nothing), and that what is published
 * equals what a feed built fresh from the same master publishes (the long
 * way: every task read).
 */
import { CallType, OperationType, TaskState, type Offer } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { DiscoveryFeed } from '../../master/discovery/discovery-feed';
import { masterTestBed } from './fixtures/master-test-bed';

type Step = ['launch', string] | ['update', string, TaskState, boolean?] | ['commit'];

interface Row {
  name: string;
  steps: Step[];
  /** Ids published at the end. */
  published: string[];
  /** Times the index was staged over the whole row. */
  staged: number;
  /** Task events marked to be read at the commit (the old feed marked every one). */
  marked: number;
}

const rows: Row[] = [
  { name: 'launches only: nothing staged', steps: [['launch', 'a'], ['launch', 'b'], ['commit']], published: [], staged: 0, marked: 0 },
  { name: 'launch, then running: published', steps: [['launch', 'a'], ['commit'], ['update', 'a', TaskState.TASK_RUNNING], ['commit']], published: ['a'], staged: 1, marked: 1 },
  { name: 'launch and running in one tick: published', steps: [['launch', 'a'], ['update', 'a', TaskState.TASK_RUNNING], ['commit']], published: ['a'], staged: 1, marked: 1 },
  { name: 'starting is not serving: nothing staged', steps: [['launch', 'a'], ['update', 'a', TaskState.TASK_STARTING], ['commit']], published: [], staged: 0, marked: 0 },
  {
    name: 'running, committed, then finished: taken back',
    steps: [['launch', 'a'], ['update', 'a', TaskState.TASK_RUNNING], ['commit'], ['update', 'a', TaskState.TASK_FINISHED], ['commit']],
    published: [],
    staged: 2, marked: 2,
  },
  {
    name: 'running and finished in one tick: never published',
    steps: [['launch', 'a'], ['update', 'a', TaskState.TASK_RUNNING], ['update', 'a', TaskState.TASK_FINISHED], ['commit']],
    published: [],
    staged: 0, marked: 1,
  },
  {
    name: 'health checked: unhealthy not published, healthy published, unhealthy taken back',
    steps: [
      ['launch', 'h'], ['update', 'h', TaskState.TASK_RUNNING, false], ['commit'],
      ['update', 'h', TaskState.TASK_RUNNING, true], ['commit'],
      ['update', 'h', TaskState.TASK_RUNNING, false], ['commit'],
    ],
    published: [],
    staged: 2, marked: 2,
  },
  {
    name: 'a running task updated again: read again, published once',
    steps: [['launch', 'a'], ['update', 'a', TaskState.TASK_RUNNING], ['commit'], ['update', 'a', TaskState.TASK_RUNNING], ['commit']],
    published: ['a'],
    staged: 2, marked: 2,
  },
];

describe('DiscoveryFeed: task events that cannot change what is published are not read', () => {
  it.each(rows)('$name', async ({ steps, published, staged, marked }) => {
    const s = masterTestBed({});
    const agent = await s.addAgent('cpus:8;mem:4096');
    const fw = await s.subscribe('web');
    const feed = new DiscoveryFeed(s.master);
    const stage = jest.spyOn(feed.index, 'stage');
    const mark = jest.spyOn(feed as unknown as { mark(f: string, t: string): void }, 'mark');
    s.master.runAllocation();
    let offer: Offer | undefined = fw.sink.offers()[0];
    for (const step of steps) {
      if (step[0] === 'launch') {
        const id = step[1];
        const task = s.task(id, offer!, 1, 64);
        if (id === 'h') task.health_check = { type: 0, command: { value: 'true' } };
        fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer!.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [task] } }], filters: { refuse_seconds: 0 } } });
        s.master.runAllocation();
        offer = fw.sink.offers().at(-1);
      } else if (step[0] === 'update') {
        const [, id, state, healthy] = step;
        await agent.link.onMessage({
          updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: id }, state, uuid: newUpdateUuid(), ...(healthy === undefined ? {} : { healthy }) } }],
        });
      } else {
        feed.flush();
      }
    }
    expect(feed.index.instances().map((i) => i.taskId)).toEqual(published);
    expect(stage).toHaveBeenCalledTimes(staged);
    expect(mark).toHaveBeenCalledTimes(marked);
    const fresh = new DiscoveryFeed(s.master);
    expect(feed.index.instances()).toEqual(fresh.index.instances());
    fresh.stop();
    feed.stop();
    s.stop();
  });
});

describe('EndpointIndex.unordered: every published instance, as instances() has them', () => {
  const inst = (id: string, service: string, frameworkId: string) => ({ id, service, framework: 'fw', frameworkId, taskId: id, agentId: 'a', host: 'h', ip: '192.0.2.1', ports: [], visibility: 'CLUSTER' });
  it.each([
    ['empty', [] as Array<[string, string, string]>],
    ['one service', [['f/1', 'web', 'f'], ['f/2', 'web', 'f']] as Array<[string, string, string]>],
    ['several services and frameworks', [['f/2', 'web', 'f'], ['g/1', 'db', 'g'], ['f/1', 'api', 'f']] as Array<[string, string, string]>],
  ])('%s', (_name, list) => {
    const bed = masterTestBed({});
    const feed = new DiscoveryFeed(bed.master);
    for (const [id, service, fid] of list) feed.index.stage(id, inst(id, service, fid));
    feed.index.commit();
    const ids = (xs: Iterable<{ id: string }>) => [...xs].map((i) => i.id).sort();
    expect(ids(feed.index.unordered())).toEqual(ids(feed.index.instances()));
    feed.stop();
    bed.stop();
  });
});

describe('DiscoveryFeed: a framework removed takes back its instances only', () => {
  it('the other framework stays published', async () => {
    const s = masterTestBed({});
    const agent = await s.addAgent('cpus:8;mem:4096');
    const a = await s.subscribe('alpha');
    const feed = new DiscoveryFeed(s.master);
    s.master.runAllocation();
    const launch = async (fw: typeof a, id: string) => {
      const offer = fw.sink.offers().at(-1)!;
      fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task(id, offer, 1, 64)] } }], filters: { refuse_seconds: 0 } } });
      await agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: id }, state: TaskState.TASK_RUNNING, uuid: newUpdateUuid() } }] });
    };
    await launch(a, 'a1');
    const b = await s.subscribe('beta');
    s.master.runAllocation();
    await launch(b, 'b1');
    feed.flush();
    expect(feed.index.instances().map((i) => i.id).sort()).toEqual([`${a.frameworkId}/a1`, `${b.frameworkId}/b1`].sort());
    await a.call({ type: CallType.TEARDOWN });
    feed.flush();
    expect(feed.index.instances().map((i) => i.id)).toEqual([`${b.frameworkId}/b1`]);
    feed.stop();
    s.stop();
  });
});
