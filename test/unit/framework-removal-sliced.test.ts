/**
 * A framework's removal rescinds its offers and ends its tasks in slices
 * (issue 11: 100,000 tasks were 0.4–0.9 s in one turn of the master's event
 * loop). Here a slice rescinds one offer or ends one task; each row does something once the walk has ended `after` of the
 * framework's 8 tasks, and checks the removal as a whole: every task ended
 * once (one terminal status each to the framework, counted once in the
 * metrics), the agent told to shut the framework down once and only when
 * its tasks are ended, the framework forgotten and kept as completed, the
 * other framework untouched.
 */
import { CallType, EventType, OperationType, Reason, TaskState, type Event } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { FrameworkLifecycle } from '../../master/framework-lifecycle';
import { CallError } from '../../master/call-errors';
import { SlicedWalk, countBudget } from '../../master/turn-slices';
import { masterTestBed } from './fixtures/master-test-bed';

const IDS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];

async function cluster() {
  const s = masterTestBed({});
  const lifecycle = (s.master as unknown as { frameworkLifecycle: FrameworkLifecycle }).frameworkLifecycle;
  lifecycle.options.removalBudget = () => countBudget(1);
  lifecycle.options.removalCheckEvery = 1;
  const agent = await s.addAgent('cpus:64;mem:65536');
  const alpha = await s.subscribe('alpha', { failover_timeout: 60 });
  const beta = await s.subscribe('beta');
  type Fw = typeof alpha;
  const report = (fw: Fw, id: string, state: TaskState) =>
    agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: id }, state, uuid: newUpdateUuid() } }] });
  const launch = async (fw: Fw, ids: string[]) => {
    s.master.runAllocation();
    const offer = fw.sink.offers().at(-1)!;
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: ids.map((id) => s.task(id, offer, 1, 64)) } }], filters: { refuse_seconds: 0 } } });
    for (const id of ids) await report(fw, id, TaskState.TASK_RUNNING);
  };
  await launch(alpha, IDS);
  await launch(beta, ['b0', 'b1']);
  // More agents: both frameworks hold offers when the removal starts.
  for (const host of ['h2', 'h3', 'h4', 'h5']) await s.addAgent('cpus:4;mem:4096', host);
  s.master.runAllocation();
  return { s, lifecycle, agent, alpha, beta, report };
}

type Bed = Awaited<ReturnType<typeof cluster>>;

interface Row {
  name: string;
  /** Tasks the walk has ended when `meanwhile` runs. */
  after: number;
  meanwhile: (bed: Bed) => Promise<unknown>;
  /** The terminal states the framework hears for a task when not the master's one TASK_KILLED. */
  ends?: Record<string, TaskState[]>;
  /** The framework's stream ends meanwhile: it hears only of the tasks ended before. */
  streamEnds?: boolean;
}

const subscribeAgain = (bed: Bed) =>
  bed.s.master.subscribe({ type: CallType.SUBSCRIBE, framework_id: { value: bed.alpha.frameworkId }, subscribe: { framework_info: { name: 'alpha', user: 'root', id: { value: bed.alpha.frameworkId } } } }, { send: () => undefined, close: () => undefined });

const rows: Row[] = [
  { name: 'nothing happens meanwhile', after: 3, meanwhile: async () => undefined },
  {
    name: 'a task the walk has not met finishes by itself',
    after: 2,
    meanwhile: (b) => Promise.resolve(b.report(b.alpha, 'a6', TaskState.TASK_FINISHED)),
    ends: { a6: [TaskState.TASK_FINISHED] },
  },
  {
    // Forwarded as any agent update of an ended task is (its stream is still open); ended and counted once.
    name: 'the agent reports a task the walk has ended as killed: forwarded, not ended again',
    after: 3,
    meanwhile: (b) => Promise.resolve(b.report(b.alpha, 'a0', TaskState.TASK_KILLED)),
    ends: { a0: [TaskState.TASK_KILLED, TaskState.TASK_KILLED] },
  },
  {
    name: 'the framework subscribes again with its id: refused as being removed',
    after: 4,
    meanwhile: async (b) => {
      await expect(subscribeAgain(b)).rejects.toMatchObject({ code: grpcStatus.FAILED_PRECONDITION, message: expect.stringContaining('is being removed') });
    },
  },
  {
    name: 'its calls meanwhile (a second TEARDOWN) are refused',
    after: 1,
    meanwhile: async (b) => {
      expect(() => b.alpha.call({ type: CallType.TEARDOWN })).toThrow(CallError);
      expect(() => b.alpha.call({ type: CallType.TEARDOWN })).toThrow(/is being removed/);
    },
  },
  {
    name: 'its stream ends meanwhile',
    after: 5,
    meanwhile: async (b) => b.s.master.frameworkDisconnected(b.alpha.frameworkId, b.alpha.streamId),
    streamEnds: true,
  },
];

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const terminal = (events: Event[]): Map<string, TaskState[]> => {
  const out = new Map<string, TaskState[]>();
  for (const e of events) {
    if (e.type !== EventType.UPDATE) continue;
    const st = e.update!.status!;
    if (st.state === TaskState.TASK_RUNNING) continue;
    out.set(st.task_id!.value!, [...(out.get(st.task_id!.value!) ?? []), st.state!]);
  }
  return out;
};

describe('framework removal in slices', () => {
  it.each(rows)('$name: every task ended once, the agent told once at the end', async (row) => {
    const bed = await cluster();
    const { s, agent, alpha, beta } = bed;
    const fw = s.master.frameworks.get(alpha.frameworkId)!;
    const killedBefore = s.master.metrics.tasksKilled;
    const offersHeld = [...fw.offers];
    expect(offersHeld.length).toBeGreaterThan(0);
    const removal = alpha.call({ type: CallType.TEARDOWN }) as Promise<void>;
    let finished = false;
    void removal.then(() => (finished = true));
    while (IDS.length - fw.tasks.size < row.after) await turn();
    expect(finished).toBe(false);
    expect(fw.removing).toBe(true);
    expect(agent.sink.parts.some((p) => p.shutdown_frameworks)).toBe(false);
    const endedBefore = IDS.filter((id) => !fw.tasks.has(id));
    await row.meanwhile(bed);
    await removal;
    // Each task: one terminal status, the master's unless it ended by itself first.
    const heard = terminal(alpha.sink.events);
    const want = new Map(IDS.map((id) => [id, row.ends?.[id] ?? [TaskState.TASK_KILLED]]));
    if (row.streamEnds) for (const id of IDS) if (!endedBefore.includes(id)) want.delete(id);
    expect(new Map([...heard].sort())).toEqual(want);
    // The master ended every task it met once: each counted once.
    const endedByItself = Object.values(row.ends ?? {}).filter((states) => states[0] !== TaskState.TASK_KILLED).length;
    expect(s.master.metrics.tasksKilled - killedBefore).toBe(IDS.length - endedByItself);
    const masterEnded = alpha.sink.events.filter((e) => e.update?.status?.reason === Reason.REASON_FRAMEWORK_REMOVED).length;
    expect(masterEnded).toBe(row.streamEnds ? endedBefore.length : IDS.length - endedByItself);
    // Every offer it held rescinded (before its tasks were ended), none left.
    expect(alpha.sink.rescinds().sort()).toEqual(offersHeld.sort());
    expect(fw.offers.size).toBe(0);
    // The agent: one shutdown for alpha; the framework forgotten and kept as completed; beta untouched.
    expect(agent.sink.parts.filter((p) => p.shutdown_frameworks).map((p) => p.shutdown_frameworks![0].framework_id!.value)).toEqual([alpha.frameworkId]);
    expect(s.master.frameworks.has(alpha.frameworkId)).toBe(false);
    expect(fw.tasks.size).toBe(0);
    expect([...s.master.agents.values()][0].tasks.size).toBe(2);
    expect(s.master.frameworks.get(beta.frameworkId)!.tasks.size).toBe(2);
    expect(s.master.completedFrameworks.map((f) => f.id)).toContain(alpha.frameworkId);
    await expect(subscribeAgain(bed)).rejects.toMatchObject({ code: grpcStatus.FAILED_PRECONDITION, message: expect.stringContaining('was removed') });
    s.stop();
  });

  it('its failover timeout passes: removed in slices, re-subscribing meanwhile refused, settled() waits for the end', async () => {
    const bed = await cluster();
    const { s, alpha, agent } = bed;
    const fw = s.master.frameworks.get(alpha.frameworkId)!;
    s.master.frameworkDisconnected(alpha.frameworkId, alpha.streamId);
    s.clock.advance(61_000);
    expect(fw.removing).toBe(true);
    while (fw.tasks.size === IDS.length) await turn();
    expect(fw.tasks.size).toBeGreaterThan(0);
    await expect(subscribeAgain(bed)).rejects.toMatchObject({ code: grpcStatus.FAILED_PRECONDITION, message: expect.stringContaining('is being removed') });
    await s.master.settled();
    expect(fw.tasks.size).toBe(0);
    expect(s.master.frameworks.has(alpha.frameworkId)).toBe(false);
    expect(agent.sink.parts.filter((p) => p.shutdown_frameworks).length).toBe(1);
    await expect(subscribeAgain(bed)).rejects.toMatchObject({ code: grpcStatus.FAILED_PRECONDITION, message: expect.stringContaining('was removed') });
    s.stop();
  });

  it('a master stopped while a removal walks: the removal is answered, nothing more is scheduled', async () => {
    const { s, alpha } = await cluster();
    const fw = s.master.frameworks.get(alpha.frameworkId)!;
    const removal = alpha.call({ type: CallType.TEARDOWN }) as Promise<void>;
    while (fw.tasks.size === IDS.length) await turn();
    s.stop();
    await removal;
    const left = fw.tasks.size;
    for (let i = 0; i < 3; i++) await turn();
    expect(fw.tasks.size).toBe(left);
    expect(left).toBeGreaterThan(0);
  });
});

describe('SlicedWalk: keeps its place, meets what is added, skips what left', () => {
  it.each([1, 2, 3, 5])('%i a slice', (perSlice) => {
    const tasks = new Map(IDS.map((id) => [id, id]));
    const ended: string[] = [];
    const walk = new SlicedWalk(tasks.values(), (id) => {
      ended.push(id);
      tasks.delete(id);
    }, 1);
    let slices = 0;
    while (!walk.step(countBudget(perSlice))) {
      slices++;
      if (slices === 1) {
        tasks.delete('a7');
        tasks.set('late', 'late');
      }
    }
    expect(ended).toEqual([...IDS.slice(0, 7), 'late']);
    expect(walk.visited).toBe(8);
    expect(walk.done).toBe(true);
    expect(slices).toBe(Math.floor(8 / perSlice));
  });
});
