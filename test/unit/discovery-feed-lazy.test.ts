/**
 * The discovery feed builds nothing and follows no event until something
 * reads it (issue 11: ~8 % of the master's CPU while agents registered went
 * to endpoints nobody asked for). Read late, it answers what a feed that
 * followed from the start answers; each row reads the second feed at
 * another point of the same sequence.
 */
import { CallType, OperationType, TaskState } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { DiscoveryFeed } from '../../master/discovery/discovery-feed';
import { masterTestBed } from './fixtures/master-test-bed';

/** When the late feed is first read: before the tasks, between them, after them all. */
const rows: Array<{ name: string; readAfter: number }> = [
  { name: 'read before any task runs', readAfter: 0 },
  { name: 'read after the first of three tasks', readAfter: 1 },
  { name: 'read after all three tasks run', readAfter: 3 },
];

describe('DiscoveryFeed: built on its first read', () => {
  it.each(rows)('$name: same instances as a feed that followed from the start', async ({ readAfter }) => {
    const s = masterTestBed({});
    const agent = await s.addAgent('cpus:8;mem:4096');
    const fw = await s.subscribe('web');
    const early = new DiscoveryFeed(s.master);
    void early.index;
    const late = new DiscoveryFeed(s.master);
    expect(late.following).toBe(false);
    s.master.runAllocation();
    for (let i = 0; i < 3; i++) {
      if (i === readAfter) void late.index;
      const offer = fw.sink.offers().at(-1)!;
      const id = `t${i}`;
      fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task(id, offer, 1, 64)] } }], filters: { refuse_seconds: 0 } } });
      await agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: id }, state: TaskState.TASK_RUNNING, uuid: newUpdateUuid() } }] });
      s.master.runAllocation();
    }
    expect(late.following).toBe(readAfter < 3);
    early.flush();
    late.flush();
    expect(late.following).toBe(true);
    expect(early.index.instances().map((i) => i.taskId)).toEqual(['t0', 't1', 't2']);
    expect(late.index.instances()).toEqual(early.index.instances());
    early.stop();
    late.stop();
    s.stop();
  });

  it('subscribing builds and follows; a feed stopped before its first read follows nothing', async () => {
    const s = masterTestBed({});
    const a = new DiscoveryFeed(s.master);
    const changes: number[] = [];
    a.subscribe((c) => changes.push(c.revision));
    expect(a.following).toBe(true);
    const b = new DiscoveryFeed(s.master);
    b.stop();
    expect(b.index.instances()).toEqual([]);
    expect(b.following).toBe(false);
    a.stop();
    s.stop();
  });
});
