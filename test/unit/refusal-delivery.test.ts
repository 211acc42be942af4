/**
 * Every refused task reaches its framework: the master's own refusals
 * (TASK_ERROR, TASK_DROPPED, no uuid) and the agent's (with a uuid,
 * forwarded and acknowledged like any update), for single tasks and task
 * groups, while the agent link is down and after it comes back, and across
 * a framework failover. One master in this process (the master test bed);
 * the agent and framework streams are recording stand-ins.
 */
import type { Offer, Operation, TaskInfo, TaskStatus } from '@meseta/proto/wire';
import { CallType, OperationType, TaskState, enumName, pb } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { FakeAgent, FakeFramework, masterTestBed } from './fixtures/master-test-bed';
import { parseResources } from '@meseta/proto/resource-text';

const Reason = pb.TaskStatus.Reason;
type Bed = ReturnType<typeof masterTestBed>;

const launch = (...tasks: TaskInfo[]): Operation => ({ type: OperationType.LAUNCH, launch: { task_infos: tasks } });
const group = (...tasks: TaskInfo[]): Operation => ({
  type: OperationType.LAUNCH_GROUP,
  launch_group: { executor: { type: pb.ExecutorInfo.Type.DEFAULT, executor_id: { value: `g-${tasks[0].task_id!.value}` } }, task_group: { tasks } },
});
const stateName = (s: TaskStatus): string => enumName(pb.TaskState, s.state ?? 0);

/** What the framework heard about each task: `STATE(reason)` in order. */
function heard(sink: FakeFramework): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const u of sink.updates()) {
    const id = u.task_id?.value ?? '';
    out.set(id, [...(out.get(id) ?? []), `${stateName(u)}(${enumName(Reason, u.reason ?? 0)})`]);
  }
  return out;
}

async function cluster(): Promise<{ s: Bed; agent: Awaited<ReturnType<Bed['addAgent']>>; fw: Awaited<ReturnType<Bed['subscribe']>>; offer: () => Offer }> {
  const s = masterTestBed();
  const agent = await s.addAgent('cpus:8;mem:4096');
  const fw = await s.subscribe('fw', { failover_timeout: 60 });
  let seen = 0;
  /** The next offer (ACCEPTs here set refuse_seconds 0, so what they leave is offered again). */
  const offer = (): Offer => {
    s.master.runAllocation();
    const all = fw.sink.offers();
    if (all.length <= seen) throw new Error('no new offer');
    seen = all.length;
    return all[all.length - 1];
  };
  return { s, agent, fw, offer };
}

describe('refusals reach the framework', () => {
  it.each([
    [
      'valid and invalid tasks mixed: each invalid one gets exactly one TASK_ERROR, the valid ones run',
      (t: (id: string, c?: number) => TaskInfo) => [launch(t('ok-1'), { ...t('bad-1'), command: undefined }, t('ok-2'), t('big-1', 64))],
      ['ok-1', 'ok-2'],
      { 'bad-1': ['TASK_ERROR(REASON_TASK_INVALID)'], 'big-1': ['TASK_ERROR(REASON_TASK_INVALID)'] },
    ],
    [
      'a task group with one bad task: every task of the group gets TASK_ERROR (REASON_TASK_GROUP_INVALID)',
      (t: (id: string, c?: number) => TaskInfo) => [group(t('g1-a'), { ...t('g1-b'), resources: [] }, t('g1-c')), launch(t('after'))],
      ['after'],
      { 'g1-a': ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'], 'g1-b': ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'], 'g1-c': ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'] },
    ],
    [
      // Before the fix the refused group gave back the id "dup" that the first LAUNCH had claimed, so the
      // third operation launched a second task "dup": the agent refused it as a duplicate, and its TASK_ERROR
      // ended the master's record of the task that runs (the framework heard TASK_ERROR for a running task).
      'a refused group that reuses an earlier task id does not free that id for a later operation',
      (t: (id: string, c?: number) => TaskInfo) => [launch(t('dup')), group(t('dup'), t('g2-b')), launch(t('dup'))],
      ['dup'],
      { 'g2-b': ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'], dup: ['TASK_ERROR(REASON_TASK_GROUP_INVALID)', 'TASK_ERROR(REASON_TASK_INVALID)'] },
    ],
    [
      'a group whose tasks do not fit: every task refused naming the resource',
      (t: (id: string, c?: number) => TaskInfo) => [group(t('g3-a', 5), t('g3-b', 5))],
      [],
      { 'g3-a': ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'], 'g3-b': ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'] },
    ],
  ])('%s', async (_name, operations, launched, refused) => {
    const { s, agent, fw, offer } = await cluster();
    const o = offer();
    const t = (id: string, cpus = 0.5): TaskInfo => s.task(id, o, cpus, 64);
    fw.call({ type: CallType.ACCEPT, accept: { filters: { refuse_seconds: 0 }, offer_ids: [o.id!], operations: operations(t) } });
    const ran = agent.sink.runs().flatMap((r) => (r.task ? [r.task] : (r.task_group?.tasks ?? []))).map((x) => x.task_id!.value);
    expect(ran).toEqual(launched);
    expect(Object.fromEntries(heard(fw.sink))).toEqual(refused);
    for (const u of fw.sink.updates()) {
      expect(u.source).toBe(pb.TaskStatus.Source.SOURCE_MASTER);
      expect(u.message).toBeTruthy();
    }
    s.stop();
  });

  it('many ACCEPTs, valid and invalid mixed, with the agent link restarted in between: every task is launched or refused, none unheard', async () => {
    const { s, agent, fw, offer } = await cluster();
    const asked: string[] = [];
    let link = agent.link;
    let sink = agent.sink;
    const ran = (): string[] => sink.runs().flatMap((r) => (r.task ? [r.task] : (r.task_group?.tasks ?? []))).map((x) => x.task_id!.value!);
    const launchedBefore: string[] = [];
    for (let round = 0; round < 6; round++) {
      if (round === 3) {
        // The agent link goes down (its offers are rescinded): an ACCEPT of an offer made before is dropped by the master.
        const o = offer();
        link.onClose();
        const t = s.task(`down-${round}`, o, 0.25, 32);
        asked.push(t.task_id!.value!);
        fw.call({ type: CallType.ACCEPT, accept: { filters: { refuse_seconds: 0 }, offer_ids: [o.id!], operations: [launch(t)] } });
        launchedBefore.push(...ran());
        // It comes back on a new link, reporting the tasks it runs.
        sink = new FakeAgent();
        link = s.master.agentLinkOpened(sink);
        await link.onMessage({
          register: {
            agent_info: { hostname: 'a1', port: 5051, id: { value: agent.agentId }, resources: parseResources('cpus:8;mem:4096') },
            tasks: launchedBefore.map((id) => ({ task_id: { value: id }, framework_id: { value: fw.frameworkId }, agent_id: { value: agent.agentId }, state: TaskState.TASK_RUNNING, resources: parseResources('cpus:0.25;mem:32') })),
          },
        });
        expect(sink.registered()).toBe(true);
        for (const id of launchedBefore) expect(heard(fw.sink).get(id)).toBeUndefined();
      }
      const o = offer();
      const t = (id: string, cpus = 0.25): TaskInfo => s.task(id, o, cpus, 32);
      const ops = [launch(t(`ok-${round}`), { ...t(`bad-${round}`), resources: [] }), group(t(`ga-${round}`), { ...t(`gb-${round}`), command: { value: '' } }), launch(t(`big-${round}`, 100))];
      asked.push(...[`ok-${round}`, `bad-${round}`, `ga-${round}`, `gb-${round}`, `big-${round}`]);
      fw.call({ type: CallType.ACCEPT, accept: { filters: { refuse_seconds: 0 }, offer_ids: [o.id!], operations: ops } });
    }
    const launched = new Set([...launchedBefore, ...ran()]);
    const told = heard(fw.sink);
    for (const id of asked) {
      const words = told.get(id) ?? [];
      // Exactly one of: launched (no master word about it) or refused once with a reason.
      if (launched.has(id)) expect([id, words]).toEqual([id, []]);
      else expect([id, words.length, /^(TASK_ERROR|TASK_DROPPED)\(REASON_/.test(words[0] ?? '')]).toEqual([id, 1, true]);
    }
    expect(told.get('down-3')).toEqual(['TASK_DROPPED(REASON_INVALID_OFFERS)']);
    s.stop();
  });

  it('an agent refusal is forwarded with its uuid and its acknowledgement goes back to the agent (single task and each task of a group)', async () => {
    const { s, agent, fw, offer } = await cluster();
    const o = offer();
    const t = (id: string): TaskInfo => s.task(id, o, 0.5, 64);
    fw.call({ type: CallType.ACCEPT, accept: { filters: { refuse_seconds: 0 }, offer_ids: [o.id!], operations: [launch(t('one')), group(t('pa'), t('pb'))] } });
    expect(agent.sink.runs()).toHaveLength(2);
    const refusal = (id: string, reason: number) => ({
      framework_id: { value: fw.frameworkId },
      status: { task_id: { value: id }, state: TaskState.TASK_ERROR, reason, source: pb.TaskStatus.Source.SOURCE_AGENT, message: `${id}: refused by the agent`, uuid: newUpdateUuid() },
    });
    const updates = [refusal('one', Reason.REASON_TASK_INVALID), refusal('pa', Reason.REASON_TASK_GROUP_INVALID), refusal('pb', Reason.REASON_TASK_GROUP_INVALID)];
    await agent.link.onMessage({ updates });
    expect(Object.fromEntries(heard(fw.sink))).toEqual({
      one: ['TASK_ERROR(REASON_TASK_INVALID)'],
      pa: ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'],
      pb: ['TASK_ERROR(REASON_TASK_GROUP_INVALID)'],
    });
    for (const u of fw.sink.updates()) expect(u.uuid).toBeTruthy();
    fw.call({
      type: CallType.ACKNOWLEDGE,
      acknowledgements: fw.sink.updates().map((u) => ({ agent_id: { value: agent.agentId }, task_id: u.task_id, uuid: u.uuid! })),
    });
    expect(agent.sink.acks().map((a) => a.task_id!.value).sort()).toEqual(['one', 'pa', 'pb']);
    // The tasks ended: the master tracks none of them as live.
    expect([...s.master.frameworks.get(fw.frameworkId)!.tasks.keys()]).toEqual([]);
    s.stop();
  });

  it('an agent refusal sent while its link was down arrives when the agent resends it on the new link', async () => {
    const { s, agent, fw, offer } = await cluster();
    const o = offer();
    fw.call({ type: CallType.ACCEPT, accept: { filters: { refuse_seconds: 0 }, offer_ids: [o.id!], operations: [launch(s.task('late', o, 0.5, 64))] } });
    const update = {
      framework_id: { value: fw.frameworkId },
      status: { task_id: { value: 'late' }, state: TaskState.TASK_ERROR, reason: Reason.REASON_TASK_INVALID, source: pb.TaskStatus.Source.SOURCE_AGENT, message: 'refused', uuid: newUpdateUuid() },
    };
    // The link breaks with the refusal on the wire: the master never reads it.
    agent.link.onClose();
    // The agent registers again and reports the refused task in its refused state (its refusal is not acknowledged) ...
    const sink = new FakeAgent();
    const link = s.master.agentLinkOpened(sink);
    await link.onMessage({
      register: {
        agent_info: { hostname: 'a1', port: 5051, id: { value: agent.agentId }, resources: parseResources('cpus:8;mem:4096') },
        tasks: [{ task_id: { value: 'late' }, framework_id: { value: fw.frameworkId }, state: TaskState.TASK_ERROR, status_update_state: TaskState.TASK_ERROR, status_update_uuid: update.status.uuid }],
      },
    });
    expect(sink.registered()).toBe(true);
    // ... so the master does not call it lost; the refusal, resent on the new link (same uuid), is what the framework hears.
    expect(heard(fw.sink).get('late')).toBeUndefined();
    await link.onMessage({ updates: [update] });
    expect(heard(fw.sink).get('late')).toEqual(['TASK_ERROR(REASON_TASK_INVALID)']);
    expect(s.master.frameworks.get(fw.frameworkId)!.tasks.has('late')).toBe(false);
    s.stop();
  });

  it('an agent refusal that arrives while the framework is failing over is resent to the new subscription', async () => {
    const { s, agent, fw, offer } = await cluster();
    const o = offer();
    fw.call({ type: CallType.ACCEPT, accept: { filters: { refuse_seconds: 0 }, offer_ids: [o.id!], operations: [launch(s.task('x', o, 0.5, 64))] } });
    s.master.frameworkDisconnected(fw.frameworkId, fw.streamId);
    const update = {
      framework_id: { value: fw.frameworkId },
      status: { task_id: { value: 'x' }, state: TaskState.TASK_ERROR, reason: Reason.REASON_TASK_INVALID, source: pb.TaskStatus.Source.SOURCE_AGENT, message: 'refused', uuid: newUpdateUuid() },
    };
    await agent.link.onMessage({ updates: [update] });
    expect(fw.sink.updates()).toHaveLength(0);
    const again = new FakeFramework();
    await s.master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', user: 'root', roles: ['*'], capabilities: [{ type: pb.FrameworkInfo.Capability.Type.MULTI_ROLE }], id: { value: fw.frameworkId }, failover_timeout: 60 } } }, again);
    // The master asks the agent to resend what this framework has not acknowledged; the agent does.
    expect(agent.sink.parts.flatMap((p) => p.reconcile ?? []).map((r) => r.framework_id!.value)).toContain(fw.frameworkId);
    await agent.link.onMessage({ updates: [update] });
    expect(Object.fromEntries(heard(again))).toEqual({ x: ['TASK_ERROR(REASON_TASK_INVALID)'] });
    s.stop();
  });
});
