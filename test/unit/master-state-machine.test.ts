/**
 * The master's state machine, exact: status updates recorded once per uuid
 * (Mesos's updateTask), registry first (nothing observable before the
 * write commits; a failed write is an error), a re-registration cancelling
 * a pending "mark unreachable", unreported launches swept, and timers of
 * any length. In one process with fake sinks, a manual clock and a
 * registry store whose writes the test holds or fails.
 */
import { status as grpcStatus } from '@grpc/grpc-js';
import type { MasterConfig } from '../../master/master-config';
import { recordStatus } from '../../master/task-book';
import { Registrar } from '../../master/registry/registrar';
import type { RegistryStore } from '../../master/registry/registry-store';
import { CallError } from '../../master/call-errors';
import type { TaskStatus } from '@meseta/proto/wire';
import { CallType, EventType, OperationType, TaskState, pb } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { scalar } from '@meseta/proto/resources';
import { newUpdateUuid } from '@meseta/proto/ids';
import { FakeAgent, FakeFramework, masterTestBed, type FrameworkInfoFields } from './fixtures/master-test-bed';

const S = TaskState;
const DAY_MS = 24 * 3600 * 1000;
const PARTITION_AWARE = { capabilities: [{ type: pb.FrameworkInfo.Capability.Type.PARTITION_AWARE }] };

/** A registry store whose writes commit at once, wait for the test (`hold`), or fail (`fail`). */
class ControlledStore implements RegistryStore {
  readonly where = 'test';
  hold = false;
  fail?: Error;
  writes = 0;
  private held: Array<() => void> = [];
  private waiters: Array<() => void> = [];
  async load(): Promise<Buffer | undefined> {
    return undefined;
  }
  store(): Promise<void> {
    this.writes++;
    if (this.fail) return Promise.reject(this.fail);
    if (!this.hold) return Promise.resolve();
    return new Promise((resolve) => {
      this.held.push(resolve);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  /** Resolves once a write is held. */
  heldWrite(): Promise<void> {
    return this.held.length > 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
  /** Commit every held write. */
  release(): void {
    this.hold = false;
    for (const r of this.held.splice(0)) r();
  }
}

function setup(overrides: Partial<MasterConfig> = {}, start = true) {
  const store = new ControlledStore();
  const bed = masterTestBed({
    config: { offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 1, launchReportTimeoutSeconds: 30, ...overrides },
    registrar: new Registrar(store),
    start,
  });
  const { clock, master, allocator } = bed;
  const addAgent = (hostname = 'a1', id?: string) => bed.addAgent('cpus:2;mem:1024', hostname, id);
  const subscribe = (extra: FrameworkInfoFields = {}) => bed.subscribe('fw', extra);
  /** Subscribe, take the first offer and launch task `taskId` with 1 cpu on it. */
  const launch = async (fw: Awaited<ReturnType<typeof subscribe>>, taskId = 't1') => {
    master.runAllocation();
    const offer = fw.sink.offers().pop()!;
    await fw.call({
      type: CallType.ACCEPT,
      accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [{ name: taskId, task_id: { value: taskId }, agent_id: offer.agent_id, resources: [scalar('cpus', 1), scalar('mem', 64)], command: { value: 'true' } }] } }] },
    });
    return offer;
  };
  const update = (agent: { link: { onMessage(m: object): unknown } }, frameworkId: string, taskId: string, state: TaskState, uuid: Uint8Array = newUpdateUuid()) => {
    void agent.link.onMessage({ updates: [{ framework_id: { value: frameworkId }, status: { task_id: { value: taskId }, state, uuid } }] });
    return uuid;
  };
  return { clock, store, master, allocator, addAgent, subscribe, launch, update, stop: () => master.stop() };
}

describe('a task\'s status history (recordStatus, as Mesos\'s updateTask)', () => {
  const st = (state: TaskState, uuid?: number): TaskStatus => ({ task_id: { value: 't' }, state, uuid: uuid === undefined ? undefined : new Uint8Array([uuid]) });
  it.each([
    ['an update resent with a uuid already recorded is not recorded again', [st(S.TASK_STAGING), st(S.TASK_RUNNING, 1)], st(S.TASK_RUNNING, 1), 'duplicate', [S.TASK_STAGING, S.TASK_RUNNING]],
    ['a resent update older than the last one is still a resend', [st(S.TASK_STAGING), st(S.TASK_RUNNING, 1), st(S.TASK_UNREACHABLE)], st(S.TASK_RUNNING, 1), 'duplicate', [S.TASK_STAGING, S.TASK_RUNNING, S.TASK_UNREACHABLE]],
    ['the same state with a new uuid replaces the last status', [st(S.TASK_STAGING), st(S.TASK_RUNNING, 1)], st(S.TASK_RUNNING, 2), 'replaced', [S.TASK_STAGING, S.TASK_RUNNING]],
    ['a new state is appended', [st(S.TASK_STAGING), st(S.TASK_RUNNING, 1)], st(S.TASK_FINISHED, 2), 'appended', [S.TASK_STAGING, S.TASK_RUNNING, S.TASK_FINISHED]],
    ['a status without uuid in a new state is appended', [st(S.TASK_STAGING)], st(S.TASK_UNREACHABLE), 'appended', [S.TASK_STAGING, S.TASK_UNREACHABLE]],
  ])('%s', (_name, history, status, outcome, states) => {
    const statuses = [...history];
    expect(recordStatus(statuses, status, 20)).toBe(outcome);
    expect(statuses.map((s) => s.state)).toEqual(states);
  });

  it('keeps the first status and the newest ones when the history is full', () => {
    const statuses = [st(S.TASK_STAGING)];
    for (let i = 0; i < 10; i++) recordStatus(statuses, st(i % 2 === 0 ? S.TASK_RUNNING : S.TASK_STARTING, i), 4);
    expect(statuses).toHaveLength(4);
    expect(statuses[0].state).toBe(S.TASK_STAGING);
    expect(statuses[3].uuid![0]).toBe(9);
  });
});

describe('master status updates', () => {
  it('forwards a resent terminal update each time but records it once: one completed task, resources freed once', async () => {
    const s = setup();
    const agent = await s.addAgent();
    const fw = await s.subscribe();
    await s.launch(fw);
    s.update(agent, fw.frameworkId, 't1', S.TASK_RUNNING);
    const published: string[] = [];
    s.master.events.subscribe((e) => {
      if (e.type === 'TASK_UPDATED') published.push(e.state);
    });
    const finished = s.update(agent, fw.frameworkId, 't1', S.TASK_FINISHED);
    const freed = jest.spyOn(s.allocator, 'recoverResources');
    s.update(agent, fw.frameworkId, 't1', S.TASK_FINISHED, finished);
    s.update(agent, fw.frameworkId, 't1', S.TASK_FINISHED, finished);
    const record = s.master.frameworks.get(fw.frameworkId)!;
    expect(fw.sink.updates('t1').map((u) => u.state)).toEqual([S.TASK_RUNNING, S.TASK_FINISHED, S.TASK_FINISHED, S.TASK_FINISHED]);
    expect(record.completedTasks).toHaveLength(1);
    expect(record.completedTasks[0].statuses.map((u) => u.state)).toEqual([S.TASK_STAGING, S.TASK_RUNNING, S.TASK_FINISHED]);
    expect(published).toEqual(['TASK_FINISHED']);
    expect(freed).not.toHaveBeenCalled();
    expect(s.master.metrics.tasksFinished).toBe(1);
    s.stop();
  });

  it('replaces the last status when the state repeats with a new uuid', async () => {
    const s = setup();
    const agent = await s.addAgent();
    const fw = await s.subscribe();
    await s.launch(fw);
    s.update(agent, fw.frameworkId, 't1', S.TASK_RUNNING);
    const second = s.update(agent, fw.frameworkId, 't1', S.TASK_RUNNING);
    const task = s.master.frameworks.get(fw.frameworkId)!.tasks.get('t1')!;
    expect(task.statuses.map((u) => u.state)).toEqual([S.TASK_STAGING, S.TASK_RUNNING]);
    expect(Buffer.from(task.statuses[1].uuid!).equals(Buffer.from(second))).toBe(true);
    s.stop();
  });
});

describe('master registry first', () => {
  it('sends SUBSCRIBED only after the framework is durable', async () => {
    const s = setup();
    s.store.hold = true;
    const sink = new FakeFramework();
    const subscribed = s.master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', user: 'root' } } }, sink);
    await s.store.heldWrite();
    expect(sink.events).toHaveLength(0);
    expect(s.master.frameworks.size).toBe(0);
    s.store.release();
    const { frameworkId } = await subscribed;
    expect(sink.events[0].subscribed!.framework_id!.value).toBe(frameworkId);
    s.stop();
  });

  it('answers an agent `registered` only after its admission is durable', async () => {
    const s = setup();
    s.store.hold = true;
    const sink = new FakeAgent();
    const answered = s.master.agentLinkOpened(sink).onMessage({ register: { agent_info: { hostname: 'a1', port: 5051, resources: parseResources('cpus:1') } } });
    await s.store.heldWrite();
    expect(sink.registered()).toBe(false);
    s.store.release();
    await answered;
    expect(sink.registered()).toBe(true);
    s.stop();
  });

  it('reports TASK_UNREACHABLE only after the agent is durably unreachable', async () => {
    const s = setup();
    const agent = await s.addAgent();
    const fw = await s.subscribe(PARTITION_AWARE);
    await s.launch(fw);
    s.store.hold = true;
    agent.link.onClose();
    s.clock.advance(4_000);
    await s.store.heldWrite();
    expect(fw.sink.updates('t1').some((u) => u.state === S.TASK_UNREACHABLE)).toBe(false);
    expect(s.master.agents.get(agent.agentId)!.status).not.toBe('UNREACHABLE');
    s.store.release();
    await s.master.settled();
    expect(fw.sink.updates('t1').map((u) => u.state)).toEqual([S.TASK_UNREACHABLE]);
    expect(s.master.agents.get(agent.agentId)!.status).toBe('UNREACHABLE');
    s.stop();
  });

  it('refuses a subscription whose registry write fails with UNAVAILABLE, and sends nothing', async () => {
    const s = setup();
    s.store.fail = new Error('disk full');
    const sink = new FakeFramework();
    const error = await s.master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', user: 'root' } } }, sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).code).toBe(grpcStatus.UNAVAILABLE);
    expect((error as CallError).message).toContain('disk full');
    expect(sink.events).toHaveLength(0);
    s.stop();
  });

  it('tells an agent whose admission cannot be written to retry, and closes its link', async () => {
    const s = setup();
    s.store.fail = new Error('disk full');
    const agent = await s.addAgent();
    expect(agent.sink.registered()).toBe(false);
    const error = agent.sink.parts.find((p) => p.error)!.error!;
    expect(error.shutdown).toBe(false);
    expect(error.message).toContain('disk full');
    expect(agent.sink.closed).toBe(true);
    s.stop();
  });

  it('lets a re-registration cancel a pending "mark unreachable": the agent stays active, no TASK_UNREACHABLE', async () => {
    const s = setup();
    const agent = await s.addAgent();
    const fw = await s.subscribe(PARTITION_AWARE);
    await s.launch(fw);
    s.update(agent, fw.frameworkId, 't1', S.TASK_RUNNING);
    s.store.hold = true;
    s.clock.advance(4_000); // silent for longer than 3 pings: marking starts
    await s.store.heldWrite();
    const back = new FakeAgent();
    const task = s.master.frameworks.get(fw.frameworkId)!.tasks.get('t1')!.task;
    const reregistered = s.master.agentLinkOpened(back).onMessage({
      register: { agent_info: { hostname: 'a1', port: 5051, id: { value: agent.agentId }, resources: parseResources('cpus:2;mem:1024') }, tasks: [{ ...task, state: S.TASK_RUNNING }] },
    });
    s.store.release();
    await reregistered;
    await s.master.settled();
    expect(back.registered()).toBe(true);
    expect(s.master.agents.get(agent.agentId)!.status).toBe('ACTIVE');
    expect(fw.sink.updates('t1').map((u) => u.state)).toEqual([S.TASK_RUNNING]);
    expect(fw.sink.events.some((e) => e.type === EventType.FAILURE)).toBe(false);
    s.stop();
  });
});

describe('master registration retries (no agent admitted twice)', () => {
  const register = (s: ReturnType<typeof setup>, hostname = 'a1') => {
    const sink = new FakeAgent();
    const link = s.master.agentLinkOpened(sink);
    const answered = link.onMessage({ register: { agent_info: { hostname, port: 5051, resources: parseResources('cpus:1') } } });
    return { sink, link, answered, id: () => sink.parts.find((p) => p.registered)?.registered?.agent_id?.value };
  };

  it('a retry while the first attempt waits for the registry takes over its id: one agent, answered on the live link', async () => {
    const s = setup();
    s.store.hold = true;
    const first = register(s);
    await s.store.heldWrite();
    first.link.onClose(); // the agent's registration timeout: it gave up and closes the link
    const retry = register(s);
    s.store.release();
    await Promise.all([first.answered, retry.answered]);
    expect(first.sink.registered()).toBe(false);
    expect(retry.id()).toBeTruthy();
    expect([...s.master.agents.keys()]).toEqual([retry.id()]);
    expect(s.master.agents.get(retry.id()!)!.status).toBe('ACTIVE');
    expect(s.master.metrics.registrationRetriesMatched).toBe(1);
    s.stop();
  });

  it('a register resent on the same link while the first is being admitted is ignored but heard (a heartbeat); the first is answered once', async () => {
    const s = setup();
    s.store.hold = true;
    const first = register(s);
    await s.store.heldWrite();
    const writes = s.store.writes;
    const resend = first.link.onMessage({ register: { agent_info: { hostname: 'a1', port: 5051, resources: parseResources('cpus:1') } } });
    await resend;
    expect(s.master.metrics.registerResendsIgnored).toBe(1);
    // The agent hears that its register is held (a heartbeat before `registered`), so it keeps the stream.
    expect(first.sink.parts.filter((p) => p.heartbeat)).toHaveLength(1);
    expect(first.sink.parts.filter((p) => p.registered)).toHaveLength(0);
    s.store.release();
    await first.answered;
    expect(s.store.writes).toBe(writes);
    expect(first.sink.parts.filter((p) => p.registered)).toHaveLength(1);
    expect(s.master.agents.size).toBe(1);
    s.stop();
  });

  it('a resend that crossed the answer (no id yet) is answered again with the same id, not admitted as a second agent', async () => {
    const s = setup();
    const first = register(s);
    await first.answered;
    await first.link.onMessage({ register: { agent_info: { hostname: 'a1', port: 5051, resources: parseResources('cpus:1') } } });
    const answers = first.sink.parts.filter((p) => p.registered).map((p) => p.registered!.agent_id!.value);
    expect(answers).toEqual([first.id(), first.id()]);
    expect(s.master.agents.size).toBe(1);
    expect(s.master.metrics.registerResendsIgnored).toBe(1);
    s.stop();
  });

  it('a re-registration resent with its id after the answer crossed it is answered again, not admitted a second time (no disconnect, no second reconcile)', async () => {
    const s = setup();
    const first = register(s);
    await first.answered;
    const id = first.id()!;
    const again = s.master.agentLinkOpened(first.sink);
    const reregister = { register: { agent_info: { id: { value: id }, hostname: 'a1', port: 5051, resources: parseResources('cpus:1') } } };
    await again.onMessage(reregister);
    const changes = s.master.metrics.agentChanges;
    const parts = first.sink.parts.length;
    await again.onMessage(reregister);
    const answers = first.sink.parts.slice(parts).filter((p) => p.registered).map((p) => p.registered!.agent_id!.value);
    expect(answers).toEqual([id]);
    expect(s.master.metrics.agentChanges).toBe(changes);
    expect(s.master.agents.get(id)!.status).toBe('ACTIVE');
    expect(s.master.metrics.registerResendsIgnored).toBe(1);
    s.stop();
  });

  it('a register naming another id on an answered link is not taken for a resend', async () => {
    const s = setup();
    const a = register(s);
    await a.answered;
    const b = register(s, 'a2');
    await b.answered;
    await a.link.onMessage({ register: { agent_info: { id: { value: b.id()! }, hostname: 'a2', port: 5051, resources: parseResources('cpus:1') } } });
    expect(s.master.metrics.registerResendsIgnored).toBe(0);
    s.stop();
  });

  it('an attempt admitted after its link closed is not active; the retry gets that id', async () => {
    const s = setup();
    s.store.hold = true;
    const first = register(s);
    await s.store.heldWrite();
    first.link.onClose();
    s.store.release();
    await first.answered;
    const [ghost] = [...s.master.agents.values()];
    expect(ghost.status).toBe('DISCONNECTED');
    expect(first.sink.registered()).toBe(false);
    const retry = register(s);
    await retry.answered;
    expect(retry.id()).toBe(ghost.id);
    expect(s.master.agents.size).toBe(1);
    expect(s.master.agents.get(ghost.id)!.status).toBe('ACTIVE');
    s.stop();
  });

  it.each([
    ['an agent at another address', 'a2', 2],
    ['the same address, after the first was answered and then disconnected (a new agent replaces it)', 'a1', 2],
  ])('does not reuse an id for %s', async (_name, hostname, agents) => {
    const s = setup();
    const first = register(s);
    await first.answered;
    expect(first.sink.registered()).toBe(true);
    first.link.onClose();
    const other = register(s, hostname);
    await other.answered;
    expect(other.id()).not.toBe(first.id());
    expect(s.master.agents.size).toBe(agents);
    expect(s.master.metrics.registrationRetriesMatched).toBe(0);
    s.stop();
  });
});

describe('master re-registration of an agent the registry holds', () => {
  it.each([
    ['unchanged: answered without a registry write', 'cpus:2;mem:1024', 0, 1],
    ['with other resources: written', 'cpus:4;mem:1024', 1, 0],
  ])('%s', async (_name, resources, extraWrites, withoutWrite) => {
    const s = setup();
    const first = await s.addAgent();
    first.link.onClose();
    expect(s.master.agents.get(first.agentId)!.status).toBe('DISCONNECTED');
    const writes = s.store.writes;
    const again = await s.master.agentLinkOpened(new FakeAgent()).onMessage({
      register: { agent_info: { hostname: 'a1', port: 5051, id: { value: first.agentId }, resources: parseResources(resources) } },
    });
    void again;
    await s.master.settled();
    expect(s.master.agents.get(first.agentId)!.status).toBe('ACTIVE');
    expect(s.store.writes - writes).toBe(extraWrites);
    expect(s.master.metrics.reregistrationsWithoutWrite).toBe(withoutWrite);
    s.stop();
  });

  it('writes when the agent was unreachable (the registry must say it is back)', async () => {
    const s = setup();
    const first = await s.addAgent();
    s.clock.advance(4_000); // silent for longer than 3 pings: marked unreachable
    await s.master.settled();
    expect(s.master.agents.get(first.agentId)!.status).toBe('UNREACHABLE');
    const writes = s.store.writes;
    await s.master.agentLinkOpened(new FakeAgent()).onMessage({
      register: { agent_info: { hostname: 'a1', port: 5051, id: { value: first.agentId }, resources: parseResources('cpus:2;mem:1024') } },
    });
    await s.master.settled();
    expect(s.store.writes - writes).toBe(1);
    expect(s.master.metrics.reregistrationsWithoutWrite).toBe(0);
    s.stop();
  });
});

describe('master asks for pending updates on re-subscription', () => {
  it('asks only the agents of the framework\'s tasks, and nobody for a new framework', async () => {
    const s = setup();
    const agents = [await s.addAgent('a1'), await s.addAgent('a2'), await s.addAgent('a3')];
    const reconciles = () => agents.map((a) => a.sink.parts.filter((p) => p.reconcile).length);
    const fw = await s.subscribe();
    expect(reconciles()).toEqual([0, 0, 0]);
    const offer = await s.launch(fw);
    const withTask = agents.findIndex((a) => a.agentId === offer.agent_id!.value);
    const again = new FakeFramework();
    await s.master.subscribe(
      { type: CallType.SUBSCRIBE, framework_id: { value: fw.frameworkId }, subscribe: { framework_info: { name: 'fw', user: 'root', id: { value: fw.frameworkId } } } },
      again,
    );
    expect(reconciles()).toEqual(agents.map((_, i) => (i === withTask ? 1 : 0)));
    s.stop();
  });
});

describe('master launches nobody reports', () => {
  it.each([
    ['TASK_LOST for a framework that is not partition-aware', {}, S.TASK_LOST],
    ['TASK_DROPPED for a partition-aware framework', PARTITION_AWARE, S.TASK_DROPPED],
  ])('sweeps a launch its connected agent never reports after the deadline: %s', async (_name, extra, state) => {
    const s = setup({ launchReportTimeoutSeconds: 30, agentPingTimeoutSeconds: 1000 });
    const agent = await s.addAgent();
    const fw = await s.subscribe(extra);
    await s.launch(fw);
    s.clock.advance(29_000);
    expect(fw.sink.updates('t1')).toHaveLength(0);
    s.clock.advance(1_000);
    const [lost] = fw.sink.updates('t1');
    expect(lost.state).toBe(state);
    expect(lost.reason).toBe(pb.TaskStatus.Reason.REASON_TASK_UNKNOWN);
    expect(lost.message).toContain(agent.agentId);
    expect(agent.sink.killedTaskIds()).toEqual(['t1']);
    expect(s.master.frameworks.get(fw.frameworkId)!.tasks.has('t1')).toBe(false);
    s.stop();
  });

  it('does not sweep a launch its agent reported', async () => {
    const s = setup({ launchReportTimeoutSeconds: 30, agentPingTimeoutSeconds: 1000 });
    const agent = await s.addAgent();
    const fw = await s.subscribe();
    await s.launch(fw);
    s.update(agent, fw.frameworkId, 't1', S.TASK_STARTING);
    s.clock.advance(60_000);
    expect(fw.sink.updates('t1').map((u) => u.state)).toEqual([S.TASK_STARTING]);
    expect(agent.sink.killedTaskIds()).toEqual([]);
    s.stop();
  });

  it('ends at once a launched task the agent re-registers without, however recent', async () => {
    const s = setup({ agentPingTimeoutSeconds: 1000 });
    const agent = await s.addAgent();
    const fw = await s.subscribe();
    await s.launch(fw);
    const again = await s.addAgent('a1', agent.agentId);
    expect(again.sink.registered()).toBe(true);
    const [lost] = fw.sink.updates('t1');
    expect(lost.state).toBe(S.TASK_LOST);
    expect(lost.message).toContain('re-registered without this task');
    s.stop();
  });
});

describe('master timers of any length', () => {
  it('keeps a disconnected framework with a 30-day failover timeout for 30 days, then removes it', async () => {
    // No periodic work (start() not called): only the failover timer is on the clock.
    const s = setup({}, false);
    const fw = await s.subscribe({ failover_timeout: 30 * 24 * 3600 });
    s.master.frameworkDisconnected(fw.frameworkId, fw.streamId);
    s.clock.advance(DAY_MS);
    await s.master.settled();
    expect(s.master.frameworks.has(fw.frameworkId)).toBe(true);
    s.clock.advance(29 * DAY_MS - 1_000);
    await s.master.settled();
    expect(s.master.frameworks.has(fw.frameworkId)).toBe(true);
    s.clock.advance(1_000);
    await s.master.settled();
    expect(s.master.frameworks.has(fw.frameworkId)).toBe(false);
    expect(s.master.completedFrameworks.map((f) => f.id)).toEqual([fw.frameworkId]);
    s.stop();
  });
});
