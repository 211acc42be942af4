/**
 * The master's Mesos v1 operator API, pure parts (on a master with fake
 * sinks, `fixtures/master-test-bed.ts`): the answer to each call, the
 * refusals, the events a subscriber is told for each cluster change, and
 * MARK_AGENT_GONE / TEARDOWN through the master.
 */
import { CallType, OperationType, TaskState, pb, type v1 } from '@meseta/proto/wire';
import { MesosHttpError } from '@meseta/proto/mesos-http';
import { answerMasterCall, refusalOf } from '../../master/mesos-operator-http';
import { newSubscriberMemory, operatorEventOf, subscribedEvent } from '../../master/mesos-operator-events';
import { agentPid, timeInfo } from '../../master/mesos-operator-views';
import { masterFlags } from '../../master/mesos-operator-facts';
import type { ClusterEvent } from '../../master/cluster-events';
import { masterTestBed } from './fixtures/master-test-bed';

const T = pb.master.Call.Type;
const E = pb.master.Event.Type;

async function cluster() {
  const bed = masterTestBed({ config: { offerTimeoutSeconds: 0 } });
  const a1 = await bed.addAgent('cpus:4;mem:2048', 'host-1');
  const a2 = await bed.addAgent('cpus:4;mem:2048', 'host-2');
  const fw = await bed.subscribe('fw-a', { capabilities: [{ type: pb.FrameworkInfo.Capability.Type.PARTITION_AWARE }] });
  bed.master.runAllocation();
  const offer = fw.sink.offers().find((o) => o.agent_id?.value === a1.agentId)!;
  await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [bed.task('t1', offer, 1, 64)] } }] } });
  return { bed, a1, a2, fw };
}

describe('timeInfo and agentPid', () => {
  it.each([
    [1.5, 1_500_000_000],
    [1_700_000_000.25, 1_700_000_000_250_000_000],
    [undefined, undefined],
    [Number.NaN, undefined],
  ])('timeInfo(%p) = %p ns', (seconds, ns) => {
    expect(timeInfo(seconds)?.nanoseconds).toBe(ns);
  });
  it.each([
    [{ ip: '192.0.2.7', hostname: 'h', port: 5051 }, 'slave(1)@192.0.2.7:5051'],
    [{ hostname: 'h.example', port: 6000 }, 'slave(1)@h.example:6000'],
  ])('agentPid(%j) = %s', (info, pid) => {
    expect(agentPid({ info })).toBe(pid);
  });
});

describe('answerMasterCall', () => {
  const table: Array<[string, number, (r: v1.master.IResponse, ids: { agents: string[]; frameworkId: string }) => void]> = [
    ['GET_HEALTH', T.GET_HEALTH, (r) => expect(r.get_health).toEqual({ healthy: true })],
    ['GET_FLAGS', T.GET_FLAGS, (r) => expect(r.get_flags?.flags?.find((f) => f.name === 'offer_timeout')?.value).toBe('0')],
    ['GET_VERSION', T.GET_VERSION, (r) => expect(r.get_version?.version_info?.version).toMatch(/^\d/)],
    ['GET_METRICS', T.GET_METRICS, (r) => expect(r.get_metrics?.metrics?.length).toBeGreaterThan(0)],
    ['GET_LOGGING_LEVEL', T.GET_LOGGING_LEVEL, (r) => expect(r.get_logging_level).toEqual({ level: 0 })],
    ['GET_STATE', T.GET_STATE, (r, ids) => {
      expect(r.get_state?.get_agents?.agents?.map((a) => a.agent_info?.id?.value).sort()).toEqual([...ids.agents].sort());
      expect(r.get_state?.get_tasks?.tasks?.map((t) => t.task_id?.value)).toEqual(['t1']);
      expect(r.get_state?.get_frameworks?.frameworks?.[0]?.framework_info?.id?.value).toBe(ids.frameworkId);
    }],
    ['GET_AGENTS', T.GET_AGENTS, (r) => {
      const a = r.get_agents!.agents![0];
      expect(a.active).toBe(true);
      expect(a.registered_time?.nanoseconds).toBe(1_700_000_000_000_000_000);
      expect(a.pid).toBe('slave(1)@host-1:5051');
    }],
    ['GET_FRAMEWORKS', T.GET_FRAMEWORKS, (r) => expect(r.get_frameworks?.frameworks?.[0]?.connected).toBe(true)],
    ['GET_EXECUTORS', T.GET_EXECUTORS, (r) => expect(r.get_executors?.executors).toEqual([])],
    ['GET_TASKS', T.GET_TASKS, (r) => {
      expect(r.get_tasks?.tasks?.[0]?.state).toBe(TaskState.TASK_STAGING);
      expect(r.get_tasks?.pending_tasks).toEqual([]);
    }],
    ['GET_ROLES', T.GET_ROLES, (r, ids) => expect(r.get_roles?.roles).toEqual([expect.objectContaining({ name: '*', weight: 1, frameworks: [{ value: ids.frameworkId }] })])],
    ['GET_WEIGHTS', T.GET_WEIGHTS, (r) => expect(r.get_weights?.weight_infos).toEqual([{ role: '*', weight: 1 }])],
    ['GET_MASTER', T.GET_MASTER, (r) => expect(r.get_master?.master_info?.id).toBe('m1')],
  ];
  it.each(table)('%s', async (name, type, check) => {
    const { bed, a1, a2, fw } = await cluster();
    const r = answerMasterCall(bed.master, { type });
    expect(pb.master.Response.Type[r.type!]).toBe(name);
    // It encodes as the Response message.
    expect(() => pb.master.Response.encode(pb.master.Response.fromObject(r)).finish()).not.toThrow();
    check(r, { agents: [a1.agentId, a2.agentId], frameworkId: fw.frameworkId });
    bed.stop();
  });
});

describe('refusalOf', () => {
  it.each([
    [{}, 400, /^type: missing or not a known call type/],
    [{ type: T.UNKNOWN }, 400, /^type: missing/],
    [{ type: T.SET_LOGGING_LEVEL }, 501, /^SET_LOGGING_LEVEL: not implemented by Meseta: /],
    [{ type: T.SET_QUOTA }, 501, /^SET_QUOTA: .*use UPDATE_QUOTA/],
    [{ type: T.GROW_VOLUME }, 501, /^GROW_VOLUME: .*persistent volumes cannot be resized/],
    [{ type: 999 }, 400, /^type: unknown call type 999/],
    [{ type: T.SUBSCRIBE }, 400, /^SUBSCRIBE: not answered by this endpoint/],
  ])('%j → %d', (call, status, message) => {
    const e = refusalOf(call as v1.master.ICall);
    expect(e).toBeInstanceOf(MesosHttpError);
    expect(e.status).toBe(status);
    expect(e.message).toMatch(message);
  });

  it('LIST_FILES / READ_FILE: 400 without a path, 404 with one', async () => {
    const { bed } = await cluster();
    expect(() => answerMasterCall(bed.master, { type: T.LIST_FILES })).toThrow(/list_files\.path: required/);
    expect(() => answerMasterCall(bed.master, { type: T.READ_FILE, read_file: { path: '/master/log' } })).toThrow(/read_file\.path: '\/master\/log' not found/);
    bed.stop();
  });
});

describe('masterFlags', () => {
  it('lists the tunables by name, sorted', async () => {
    const { bed } = await cluster();
    const names = masterFlags(bed.master).map((f) => f.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['agent_ping_timeout', 'hostname', 'max_completed_frameworks', 'port']));
    bed.stop();
  });
});

describe('operatorEventOf', () => {
  it('tells tasks, frameworks and agents as Mesos does; offers and declines are not told', async () => {
    const { bed, a1, a2, fw } = await cluster();
    const m = bed.master;
    const memory = newSubscriberMemory();
    const table: Array<[ClusterEvent, number | undefined]> = [
      [{ type: 'TASK_ADDED', frameworkId: fw.frameworkId, taskId: 't1', agentId: a1.agentId, state: 'TASK_STAGING' }, E.TASK_ADDED],
      [{ type: 'TASK_UPDATED', frameworkId: fw.frameworkId, taskId: 't1', agentId: a1.agentId, state: 'TASK_STAGING' }, E.TASK_UPDATED],
      [{ type: 'TASK_ADDED', frameworkId: fw.frameworkId, taskId: 'no-such', agentId: a1.agentId, state: 'TASK_STAGING' }, undefined],
      [{ type: 'AGENT_ADDED', agentId: a2.agentId, status: 'ACTIVE', hostname: 'host-2' }, E.AGENT_ADDED],
      [{ type: 'AGENT_UPDATED', agentId: a2.agentId, status: 'ACTIVE', hostname: 'host-2' }, E.AGENT_ADDED],
      [{ type: 'AGENT_REMOVED', agentId: 'no-such', status: 'GONE', hostname: '' }, undefined],
      [{ type: 'FRAMEWORK_ADDED', frameworkId: fw.frameworkId, name: 'fw-a' }, E.FRAMEWORK_ADDED],
      [{ type: 'FRAMEWORK_UPDATED', frameworkId: fw.frameworkId, name: 'fw-a' }, E.FRAMEWORK_UPDATED],
      [{ type: 'FRAMEWORK_REMOVED', frameworkId: fw.frameworkId, name: 'fw-a' }, undefined],
      [{ type: 'OFFERS_CHANGED' }, undefined],
      [{ type: 'DECLINE', frameworkId: fw.frameworkId, agentId: a1.agentId, refusals: [] }, undefined],
    ];
    for (const [event, expected] of table) expect([event.type, operatorEventOf(m, event, memory)?.type]).toEqual([event.type, expected]);
    const first = subscribedEvent(m, 15);
    expect(first.type).toBe(E.SUBSCRIBED);
    expect(first.subscribed?.heartbeat_interval_seconds).toBe(15);
    bed.stop();
  });

  it('MARK_AGENT_GONE: the task ends TASK_GONE_BY_OPERATOR, AGENT_REMOVED is told once, a re-registration is refused', async () => {
    const { bed, a1, fw } = await cluster();
    const m = bed.master;
    const memory = newSubscriberMemory();
    const told: Array<v1.master.IEvent> = [];
    m.events.subscribe((e) => {
      const event = operatorEventOf(m, e, memory);
      if (event) told.push(event);
    });
    expect(await m.markAgentGone(a1.agentId, 'marked gone by the operator')).toBe('gone');
    expect(a1.sink.parts.some((p) => p.error?.shutdown === true)).toBe(true);
    expect(fw.sink.updates('t1').at(-1)?.state).toBe(TaskState.TASK_GONE_BY_OPERATOR);
    expect(told.filter((e) => e.type === E.AGENT_REMOVED).map((e) => e.agent_removed?.agent_id?.value)).toEqual([a1.agentId]);
    expect(told.some((e) => e.type === E.TASK_UPDATED && e.task_updated?.state === TaskState.TASK_GONE_BY_OPERATOR)).toBe(true);
    expect(await m.markAgentGone(a1.agentId, 'again')).toBe('already-gone');
    expect(await m.markAgentGone('no-such', 'x')).toBe('unknown');
    // The agent comes back with its id: refused, told to shut down.
    const back = await bed.addAgent('cpus:4;mem:2048', 'host-1', a1.agentId);
    expect(back.agentId).toBe('');
    expect(back.sink.parts.find((p) => p.error)?.error?.message).toMatch(/was removed as gone/);
    bed.stop();
  });

  it('TEARDOWN: the framework is removed, its task killed, FRAMEWORK_REMOVED told', async () => {
    const { bed, fw } = await cluster();
    const m = bed.master;
    const memory = newSubscriberMemory();
    const told: Array<v1.master.IEvent> = [];
    m.events.subscribe((e) => {
      const event = operatorEventOf(m, e, memory);
      if (event) told.push(event);
    });
    expect(await m.teardownFramework(fw.frameworkId, 'torn down by the operator')).toBe(true);
    expect(m.frameworks.has(fw.frameworkId)).toBe(false);
    expect(m.completedFrameworks.at(-1)?.completedTasks.at(-1)?.task.state).toBe(TaskState.TASK_KILLED);
    expect(told.find((e) => e.type === E.FRAMEWORK_REMOVED)?.framework_removed?.framework_info?.id?.value).toBe(fw.frameworkId);
    expect(await m.teardownFramework(fw.frameworkId, 'again')).toBe(false);
    bed.stop();
  });
});
