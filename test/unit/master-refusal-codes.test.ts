/**
 * The master end to end with fake sinks and a manual clock: declines and
 * ACCEPT refusals carry never-fits / not-now codes judged against the
 * largest agent, and the unused part of an ACCEPT filters those resources
 * only, so a larger offer goes through once a task ends.
 */
import { CallType, OperationType, TaskState } from '@meseta/proto/wire';
import { formatResources, scalar, unallocate } from '@meseta/proto/resources';
import { RefusalCode } from '@meseta/proto/refusal-code';
import { newUpdateUuid } from '@meseta/proto/ids';
import { masterTestBed } from './fixtures/master-test-bed';

function setup() {
  return masterTestBed({ config: { offerTimeoutSeconds: 3600 } });
}

describe('master refusal codes', () => {
  it.each([
    ['more cpus than any agent has: never fits', 64, RefusalCode.NEVER],
    ['more cpus than this offer, within the largest agent: not now', 6, RefusalCode.NOT_NOW],
  ])('records a decline\'s refusal with its code: %s', async (_case, cpus, code) => {
    const s = setup();
    await s.addAgent('cpus:2;mem:1024', 'small');
    await s.addAgent('cpus:8;mem:1024', 'big');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const message = `cpus: asked ${cpus}, largest offer 2`;
    await fw.call({ type: CallType.DECLINE, decline: { offer_ids: [offer.id!], refusals: [{ name: 'cpus', requested: cpus, available: 2, message }] } });
    const [record] = s.master.frameworks.get(fw.frameworkId)!.recentDeclines;
    expect(record.refusals).toEqual([{ name: 'cpus', requested: cpus, available: 2, message, code }]);
    s.master.stop();
  });

  it('says at ACCEPT that a task larger than every agent never fits', async () => {
    const s = setup();
    await s.addAgent('cpus:2;mem:1024', 'a1');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const big = { name: 'big', task_id: { value: 'big' }, agent_id: offer.agent_id, resources: [scalar('cpus', 4), scalar('mem', 128)], command: { value: 'true' } };
    await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [big] } }] } });
    const [refused] = fw.sink.updates();
    expect(refused.state).toBe(TaskState.TASK_ERROR);
    expect(refused.message).toContain('cpus: asked 4, offer holds 2 (never fits: the largest agent has 2)');
    s.master.stop();
  });

  it('filters only the unused part of an ACCEPT: the whole agent is offered again once the task ends', async () => {
    const s = setup();
    const agent = await s.addAgent('cpus:2;mem:1024', 'a1');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const task = { name: 't1', task_id: { value: 't1' }, agent_id: offer.agent_id, resources: [scalar('cpus', 1), scalar('mem', 256)], command: { value: 'true' } };
    await fw.call({
      type: CallType.ACCEPT,
      accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [task] } }], filters: { refuse_seconds: 3600 } },
    });
    s.master.runAllocation();
    expect(fw.sink.offers()).toHaveLength(1);
    await agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: 't1' }, state: TaskState.TASK_FINISHED, uuid: newUpdateUuid() } }] });
    s.master.runAllocation();
    const offers = fw.sink.offers();
    expect(offers).toHaveLength(2);
    expect(formatResources(unallocate(offers[1].resources!))).toBe('cpus:2;mem:1024');
    s.master.stop();
  });
});
