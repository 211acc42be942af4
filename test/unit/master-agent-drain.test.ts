/**
 * The master's deactivate / drain / reactivate of agents and the operator
 * actions' checks, in one process with fake agents and frameworks and a
 * manual clock (no registry: writes apply at once).
 */
import { CallType, OperationType, TaskState } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { parseResources } from '@meseta/proto/resource-text';
import { scalar } from '@meseta/proto/resources';
import { FakeAgent, masterTestBed } from './fixtures/master-test-bed';
import { ANONYMOUS_OPERATOR, OperatorActionError, actOnAgent, killTask, type OperatorAuthority } from '../../master/operator-actions';

const DENY_ALL: OperatorAuthority = { principal: 'ops', check: (action, object) => ({ message: `principal ops may not ${action} on "${object}"` }) };

async function loaded() {
  const bed = masterTestBed();
  const a1 = await bed.addAgent('cpus:2;mem:1024', 'h1');
  const fw = await bed.subscribe('fw');
  bed.master.runAllocation();
  const offer = fw.sink.offers().find((o) => o.agent_id?.value === a1.agentId)!;
  const policy = { grace_period: { nanoseconds: 60e9 } };
  await fw.call({
    type: CallType.ACCEPT,
    accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [{ ...bed.task('t1', offer), kill_policy: policy }, bed.task('t2', offer)] } }] },
  });
  const update = (taskId: string, state: TaskState) =>
    a1.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: taskId }, state, uuid: newUpdateUuid() } }] });
  await update('t1', TaskState.TASK_RUNNING);
  await update('t2', TaskState.TASK_RUNNING);
  return { ...bed, a1, fw, update };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('drain', () => {
  it('rescinds offers, kills every task with its grace capped, and is DRAINED when none is left', async () => {
    const { master, a1, fw, update, stop } = await loaded();
    await master.drainAgent(a1.agentId, { maxGracePeriodSeconds: 5 });
    const agent = master.agents.get(a1.agentId)!;
    expect(agent.deactivated).toBe(true);
    expect(agent.drain).toMatchObject({ state: 'DRAINING', maxGracePeriodSeconds: 5, markGone: false });
    expect(agent.offers.size).toBe(0);
    const kills = a1.sink.kills();
    expect(kills.map((k) => [k.task_id?.value, Number(k.kill_policy?.grace_period?.nanoseconds ?? -1)])).toEqual([['t1', 5e9], ['t2', -1]]);
    const offersBefore = fw.sink.offers().length;
    master.runAllocation();
    expect(fw.sink.offers().length).toBe(offersBefore);
    await update('t1', TaskState.TASK_KILLED);
    await flush();
    expect(agent.drain?.state).toBe('DRAINING');
    await update('t2', TaskState.TASK_KILLED);
    await flush();
    expect(agent.drain?.state).toBe('DRAINED');
    stop();
  });

  it('keeps the kills of an agent that is away and sends them, once, when it re-registers', async () => {
    const { master, a1, fw, update, stop } = await loaded();
    a1.link.onClose();
    await master.drainAgent(a1.agentId, { maxGracePeriodSeconds: 1 });
    expect(a1.sink.kills()).toEqual([]);
    const agent = master.agents.get(a1.agentId)!;
    expect([...agent.tasks.values()].map((t) => t.kill.phase)).toEqual(['pending', 'pending']);
    const sink = new FakeAgent();
    const link = master.agentLinkOpened(sink);
    const reported = (id: string) => ({ task_id: { value: id }, framework_id: { value: fw.frameworkId }, agent_id: { value: a1.agentId }, state: TaskState.TASK_RUNNING, resources: [scalar('cpus', 1), scalar('mem', 128)] });
    await link.onMessage({ register: { agent_info: { hostname: 'h1', port: 5051, id: { value: a1.agentId }, resources: parseResources('cpus:2;mem:1024') }, tasks: [reported('t1'), reported('t2')] } });
    expect(sink.registered()).toBe(true);
    expect(sink.killedTaskIds().sort()).toEqual(['t1', 't2']);
    expect(sink.kills().map((k) => Number(k.kill_policy?.grace_period?.nanoseconds))).toEqual([1e9, 1e9]);
    expect(agent.deactivated).toBe(true);
    expect(agent.drain?.state).toBe('DRAINING');
    await link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: 't1' }, state: TaskState.TASK_KILLED, uuid: newUpdateUuid() } }, { framework_id: { value: fw.frameworkId }, status: { task_id: { value: 't2' }, state: TaskState.TASK_KILLED, uuid: newUpdateUuid() } }] });
    await flush();
    expect(agent.drain?.state).toBe('DRAINED');
    stop();
  });

  it('with mark_gone, marks the drained agent gone', async () => {
    const { master, a1, update, stop } = await loaded();
    await master.drainAgent(a1.agentId, { markGone: true });
    await update('t1', TaskState.TASK_KILLED);
    await update('t2', TaskState.TASK_KILLED);
    await flush();
    await master.settled();
    expect(master.agents.get(a1.agentId)?.status).toBe('GONE');
    stop();
  });
});

describe('deactivate and reactivate', () => {
  it('stops offers and leaves tasks alone; reactivate offers again', async () => {
    const bed = masterTestBed();
    const a1 = await bed.addAgent('cpus:2;mem:1024', 'h1');
    const fw = await bed.subscribe('fw');
    bed.master.runAllocation();
    expect(fw.sink.offers().length).toBe(1);
    await bed.master.deactivateAgent(a1.agentId);
    expect(bed.master.agents.get(a1.agentId)?.offers.size).toBe(0);
    expect(a1.sink.kills()).toEqual([]);
    bed.clock.advance(10_000);
    bed.master.runAllocation();
    expect(fw.sink.offers().length).toBe(1);
    await bed.master.reactivateAgent(a1.agentId);
    bed.master.runAllocation();
    expect(fw.sink.offers().length).toBe(2);
    expect(bed.master.agents.get(a1.agentId)?.deactivated).toBeUndefined();
    bed.stop();
  });
});

describe('operator actions', () => {
  it.each([
    ['drain', 'drain_agent.agent_id'],
    ['deactivate', 'deactivate_agent.agent_id'],
    ['reactivate', 'reactivate_agent.agent_id'],
  ] as const)('%s: refused for an unknown agent, an empty id and by an ACL, changing nothing', async (action, field) => {
    const { master, a1, stop } = await loaded();
    await expect(actOnAgent(master, ANONYMOUS_OPERATOR, action, 'nope', field)).rejects.toMatchObject({ kind: 'not_found', message: `${field}: agent 'nope' not found` });
    await expect(actOnAgent(master, ANONYMOUS_OPERATOR, action, '', field)).rejects.toMatchObject({ kind: 'invalid', message: `${field}: required` });
    const denied = actOnAgent(master, DENY_ALL, action, a1.agentId, field);
    await expect(denied).rejects.toBeInstanceOf(OperatorActionError);
    await expect(denied).rejects.toMatchObject({ kind: 'denied', message: `principal ops may not ${action}_agent on ""` });
    expect(master.agents.get(a1.agentId)?.deactivated).toBeUndefined();
    expect(a1.sink.kills()).toEqual([]);
    stop();
  });

  it('kill_task: kills a live task; refuses an unknown one, one of another framework and by an ACL', async () => {
    const { master, a1, fw, stop } = await loaded();
    expect(() => killTask(master, ANONYMOUS_OPERATOR, 'nope', undefined)).toThrow("kill_task.task_id: no live task 'nope' (it may have ended already)");
    expect(() => killTask(master, ANONYMOUS_OPERATOR, 't1', 'other')).toThrow("kill_task.task_id: no live task 't1' of framework other");
    expect(() => killTask(master, DENY_ALL, 't1', undefined)).toThrow('principal ops may not kill_task');
    expect(() => killTask(master, ANONYMOUS_OPERATOR, '', undefined)).toThrow('kill_task.task_id: required');
    expect(killTask(master, ANONYMOUS_OPERATOR, 't1', undefined)).toEqual({ frameworkId: fw.frameworkId, agentId: a1.agentId });
    expect(a1.sink.killedTaskIds()).toEqual(['t1']);
    stop();
  });
});
