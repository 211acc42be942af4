/**
 * The master's offer cycle in one process, with fake sinks standing in for
 * the gRPC streams and a manual clock: offers, accept, validation
 * refusals, status routing, acknowledgements, filters, timeouts.
 */
import { CallError } from '../../master/call-errors';
import type { Call, Offer, TaskInfo } from '@meseta/proto/wire';
import { CallType, OperationType, TaskState, pb } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { FakeFramework, masterTestBed } from './fixtures/master-test-bed';

function setup(pingTimeoutSeconds = 100) {
  return masterTestBed({ config: { agentPingTimeoutSeconds: pingTimeoutSeconds } });
}

describe('master offer cycle', () => {
  it('offers an agent to a subscribed framework and launches an accepted task on that agent', async () => {
    const s = setup();
    const agent = await s.addAgent();
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offers = fw.sink.offers();
    expect(offers).toHaveLength(1);
    expect(offers[0].agent_id!.value).toBe(agent.agentId);
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offers[0].id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', offers[0])] } }] } });
    expect(agent.sink.runs()).toHaveLength(1);
    expect(agent.sink.runs()[0].task!.task_id!.value).toBe('t1');
    s.stop();
  });

  it('forwards status updates to the framework and routes acknowledgements back to the agent', async () => {
    const s = setup();
    const agent = await s.addAgent();
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', offer)] } }] } });
    const uuid = newUpdateUuid();
    agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: 't1' }, state: TaskState.TASK_RUNNING, uuid } }] });
    expect(fw.sink.updates().map((u) => u.state)).toEqual([TaskState.TASK_RUNNING]);
    fw.call({ type: CallType.ACKNOWLEDGE, acknowledgements: [{ agent_id: { value: agent.agentId }, task_id: { value: 't1' }, uuid }] });
    expect(agent.sink.acks()).toHaveLength(1);
    expect(Buffer.from(agent.sink.acks()[0].uuid!).equals(Buffer.from(uuid))).toBe(true);
    s.stop();
  });

  it.each([
    ['a task asking for more cpus than the offer holds', (o: Offer, t: (id: string, o: Offer, c?: number) => TaskInfo) => [t('big', o, 4)], TaskState.TASK_ERROR, 'cpus: asked 4, offer holds 2'],
    ['a task without an id', (o: Offer, t: (id: string, o: Offer) => TaskInfo) => [{ ...t('x', o), task_id: { value: '' } }], TaskState.TASK_ERROR, 'task_id: required'],
    ['a task without resources', (o: Offer, t: (id: string, o: Offer) => TaskInfo) => [{ ...t('x', o), resources: [] }], TaskState.TASK_ERROR, 'resources: a task must ask for some resources'],
    ['a task without command or container', (o: Offer, t: (id: string, o: Offer) => TaskInfo) => [{ ...t('x', o), command: undefined }], TaskState.TASK_ERROR, 'command: a task needs a command'],
    ['a Docker task without an image', (o: Offer, t: (id: string, o: Offer) => TaskInfo) => [{ ...t('x', o), container: { type: 1 } }], TaskState.TASK_ERROR, 'container.docker.image: required for a DOCKER container'],
    ['a task on a CNI network in mode NONE', (o: Offer, t: (id: string, o: Offer) => TaskInfo) => [{ ...t('x', o), container: { type: 1, docker: { image: 'bb' }, network_infos: [{ name: 'bridge', mode: 1 }] } }], TaskState.TASK_ERROR, 'container.network_infos[0].mode: NONE cannot go with the CNI network "bridge"'],
    ['two tasks with the same id', (o: Offer, t: (id: string, o: Offer, c?: number) => TaskInfo) => [t('d', o, 0.5), t('d', o, 0.5)], TaskState.TASK_ERROR, 'task_id: "d" is used twice'],
    ['the second task that no longer fits', (o: Offer, t: (id: string, o: Offer, c?: number) => TaskInfo) => [t('a', o, 1.5), t('b', o, 1)], TaskState.TASK_ERROR, 'cpus: asked 1, offer holds 0.5'],
  ])('refuses %s with a message naming the problem', async (_name, makeTasks, state, message) => {
    const s = setup();
    await s.addAgent();
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: makeTasks(offer, s.task) } }] } });
    const refused = fw.sink.updates().filter((u) => u.state === state);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[refused.length - 1].message).toContain(message);
    s.stop();
  });

  it('drops every task of an ACCEPT naming an unknown offer', async () => {
    const s = setup();
    await s.addAgent();
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [{ value: 'nope' }], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', offer)] } }] } });
    const u = fw.sink.updates();
    expect(u[0].state).toBe(TaskState.TASK_DROPPED);
    expect(u[0].reason).toBe(pb.TaskStatus.Reason.REASON_INVALID_OFFERS);
    expect(u[0].message).toContain('offer nope is unknown, expired or rescinded');
    s.stop();
  });

  it('drops an ACCEPT that mixes offers from two agents', async () => {
    const s = setup();
    await s.addAgent('cpus:1;mem:256', 'a1');
    await s.addAgent('cpus:1;mem:256', 'a2');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const [o1, o2] = fw.sink.offers();
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [o1.id!, o2.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', o1, 0.5)] } }] } });
    expect(fw.sink.updates()[0].state).toBe(TaskState.TASK_DROPPED);
    expect(fw.sink.updates()[0].message).toContain('different agents');
    s.stop();
  });

  it('refuses a live task id reused in a later ACCEPT', async () => {
    const s = setup();
    await s.addAgent('cpus:4;mem:1024');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const o1 = fw.sink.offers()[0];
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [o1.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('same', o1)] } }], filters: { refuse_seconds: 0 } } });
    s.clock.advance(100);
    s.master.runAllocation();
    const o2 = fw.sink.offers()[1];
    expect(o2).toBeDefined();
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [o2.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('same', o2)] } }] } });
    expect(fw.sink.updates().pop()!.message).toContain('already used by a live task');
    s.stop();
  });

  it.each([
    ['no type', {}, 'type: required'],
    ['ACCEPT without accept', { type: CallType.ACCEPT }, 'accept: required for ACCEPT'],
    ['ACCEPT without offer ids', { type: CallType.ACCEPT, accept: { offer_ids: [] } }, 'accept.offer_ids: at least one offer id is required'],
    ['LAUNCH without launch', { type: CallType.ACCEPT, accept: { offer_ids: [{ value: 'o' }], operations: [{ type: OperationType.LAUNCH }] } }, 'accept.operations[0].launch: required'],
    ['DECLINE with negative refuse_seconds', { type: CallType.DECLINE, decline: { offer_ids: [{ value: 'o' }], filters: { refuse_seconds: -1 } } }, 'decline.filters.refuse_seconds: must be a non-negative number'],
    ['KILL without a task id', { type: CallType.KILL, kill: {} }, 'kill.task_id: required'],
    ['ACKNOWLEDGE without uuid', { type: CallType.ACKNOWLEDGE, acknowledge: { agent_id: { value: 'a' }, task_id: { value: 't' } } }, 'acknowledge.uuid: required'],
  ])('answers a malformed call (%s) with INVALID_ARGUMENT naming the field', async (_n, call, message) => {
    const s = setup();
    const fw = await s.subscribe();
    let error: unknown;
    try {
      fw.call(call as Call);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).code).toBe(3);
    expect((error as CallError).message).toContain(message);
    s.stop();
  });

  it('does not re-offer a declined agent to that framework within refuse_seconds, but offers it to another', async () => {
    const s = setup();
    await s.addAgent();
    const a = await s.subscribe('a');
    s.master.runAllocation();
    const first = [...a.sink.offers()];
    const b = await s.subscribe('b');
    if (first.length === 0) {
      // The agent went to b first; swap roles.
      s.master.runAllocation();
    }
    const holder = first.length > 0 ? a : b;
    const other = holder === a ? b : a;
    const offer = holder.sink.offers()[0];
    holder.call({ type: CallType.DECLINE, decline: { offer_ids: [offer.id!], filters: { refuse_seconds: 10 } } });
    s.master.runAllocation();
    expect(holder.sink.offers()).toHaveLength(1);
    expect(other.sink.offers()).toHaveLength(1);
    other.call({ type: CallType.DECLINE, decline: { offer_ids: [other.sink.offers()[0].id!], filters: { refuse_seconds: 100 } } });
    s.clock.advance(5_000);
    s.master.runAllocation();
    expect(holder.sink.offers()).toHaveLength(1);
    s.clock.advance(6_000);
    s.master.runAllocation();
    expect(holder.sink.offers()).toHaveLength(2);
    s.stop();
  });

  it('keeps the refusal reasons of a decline for the UI', async () => {
    const s = setup();
    await s.addAgent();
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    fw.call({ type: CallType.DECLINE, decline: { offer_ids: [offer.id!], refusals: [{ name: 'cpus', requested: 4, available: 2, message: 'cpus: asked 4, offer holds 2' }] } });
    const record = s.master.frameworks.get(fw.frameworkId)!.recentDeclines[0];
    expect(record.refusals![0].message).toBe('cpus: asked 4, offer holds 2');
    s.stop();
  });

  it('rescinds an offer after the offer timeout and offers the resources again', async () => {
    const s = setup();
    await s.addAgent();
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    s.clock.advance(31_000);
    expect(fw.sink.rescinds()).toEqual([offer.id!.value]);
    s.master.runAllocation();
    expect(fw.sink.offers()).toHaveLength(2);
    s.stop();
  });

  it('marks a silent agent unreachable, rescinds its offers and reports TASK_UNREACHABLE, then TASK_GONE', async () => {
    const s = setup(1);
    const agent = await s.addAgent();
    const fw = await s.subscribe('fw', { capabilities: [{ type: pb.FrameworkInfo.Capability.Type.PARTITION_AWARE }] });
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', offer, 1)] } }] } });
    s.master.runAllocation();
    const outstanding = fw.sink.offers().slice(1).map((o) => o.id!.value);
    agent.link.onClose();
    s.clock.advance(4_000);
    await s.master.settled();
    expect(fw.sink.rescinds()).toEqual(expect.arrayContaining(outstanding));
    expect(fw.sink.updates().some((u) => u.task_id!.value === 't1' && u.state === TaskState.TASK_UNREACHABLE)).toBe(true);
    expect(s.master.agents.get(agent.agentId)!.status).toBe('UNREACHABLE');
    // The task itself shows as unreachable (for the UI and reconciliation), not as running.
    expect(s.master.frameworks.get(fw.frameworkId)!.tasks.get('t1')!.task.state).toBe(TaskState.TASK_UNREACHABLE);
    s.clock.advance(61_000);
    await s.master.settled();
    expect(fw.sink.updates().some((u) => u.task_id!.value === 't1' && u.state === TaskState.TASK_GONE)).toBe(true);
    expect(s.master.agents.get(agent.agentId)!.status).toBe('GONE');
    s.stop();
  });

  it('answers explicit reconciliation of unknown tasks with TASK_UNKNOWN and implicit with every live task', async () => {
    const s = setup();
    await s.addAgent();
    const fw = await s.subscribe('fw', { capabilities: [{ type: pb.FrameworkInfo.Capability.Type.PARTITION_AWARE }] });
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', offer)] } }] } });
    fw.call({ type: CallType.RECONCILE, reconcile: { tasks: [{ task_id: { value: 'ghost' } }] } });
    expect(fw.sink.updates().pop()!.state).toBe(TaskState.TASK_UNKNOWN);
    fw.call({ type: CallType.RECONCILE, reconcile: {} });
    const last = fw.sink.updates().pop()!;
    expect(last.task_id!.value).toBe('t1');
    expect(last.state).toBe(TaskState.TASK_STAGING);
    expect(last.uuid === undefined || last.uuid === null || last.uuid.length === 0).toBe(true);
    s.stop();
  });

  it('keeps a failed-over framework\'s tasks and replaces its stream', async () => {
    const s = setup();
    await s.addAgent();
    const first = await s.subscribe('fw', { failover_timeout: 60 });
    s.master.runAllocation();
    const offer = first.sink.offers()[0];
    first.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', offer)] } }] } });
    s.master.frameworkDisconnected(first.frameworkId, first.streamId);
    s.clock.advance(10_000);
    const again = new FakeFramework();
    await s.master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', id: { value: first.frameworkId }, failover_timeout: 60 } } }, again);
    expect(again.events[0].subscribed!.framework_id!.value).toBe(first.frameworkId);
    expect(s.master.frameworks.get(first.frameworkId)!.tasks.has('t1')).toBe(true);
    s.clock.advance(120_000);
    expect(s.master.frameworks.has(first.frameworkId)).toBe(true);
    s.stop();
  });

  it('removes a framework whose failover timeout passes and kills its tasks on the agent', async () => {
    const s = setup();
    const agent = await s.addAgent();
    const fw = await s.subscribe('fw', { failover_timeout: 5 });
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('t1', offer)] } }] } });
    s.master.frameworkDisconnected(fw.frameworkId, fw.streamId);
    s.clock.advance(6_000);
    await s.master.settled();
    expect(s.master.frameworks.has(fw.frameworkId)).toBe(false);
    expect(agent.sink.parts.some((p) => (p.shutdown_frameworks ?? []).length > 0)).toBe(true);
    s.stop();
  });
});
