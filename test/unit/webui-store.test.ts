import { COMPLETED_TASKS_PER_FRAMEWORK, ClusterStore, EVENTS_KEPT, taskKey, type StoreVersions } from '../../master/webui/src/model/store';
import type { UiDelta, UiEvent } from '../../master/http-ui-types';
import { agentRow, frameworkRow, load, snapshotOf, summaryRow, taskRow } from './webui-fixtures';

function event(seq: number): UiEvent {
  return { seq, time: seq, type: 'AGENT_ADDED', severity: 'info', text: `e${seq}` };
}

describe('the web UI store', () => {
  it('takes everything from a snapshot and bumps every version', () => {
    const store = new ClusterStore();
    const { snapshot, offers, chunk } = snapshotOf({ agents: [agentRow('a1')], frameworks: [frameworkRow('f1')], tasks: [taskRow('f1', 't1')] });
    store.applySnapshot(snapshot, 1_999_000);
    expect([store.loaded, store.tasksLoaded, store.tasksExpected]).toEqual([true, false, 1]);
    expect(Object.values(store.versions).every((v) => v === 1)).toBe(true);
    store.applyOffers(offers);
    expect(store.versions.offers).toBe(2);
    store.applyTaskChunk(chunk);
    expect(store.tasksLoaded).toBe(true);
    expect(store.versions.tasks).toBe(2);
    expect([...store.agents.keys()]).toEqual(['a1']);
    expect(store.task('f1', 't1')?.name).toBe('t1');
    // The master's clock was 1 s ahead of the browser's.
    expect(store.serverNow(1_999_000)).toBeCloseTo(2000);
  });

  it('has all its tasks at once when the snapshot announces none', () => {
    const store = new ClusterStore();
    store.applySnapshot(snapshotOf({}).snapshot);
    expect(store.tasksLoaded).toBe(true);
  });

  it('takes its agent rows from the chunks after a snapshot that announced them', () => {
    const store = new ClusterStore();
    const { snapshot } = snapshotOf({ agent_count: 3 });
    store.applySnapshot(snapshot);
    expect([store.loaded, store.agentsLoaded, store.agents.size]).toEqual([true, false, 0]);
    const version = store.versions.agents;
    store.applyAgentChunk({ agents: [agentRow('a1'), agentRow('a2')], remaining: 1 });
    expect([store.agentsLoaded, store.agents.size]).toEqual([false, 2]);
    store.applyAgentChunk({ agents: [agentRow('a3')], remaining: 0 });
    expect([store.agentsLoaded, [...store.agents.keys()]]).toEqual([true, ['a1', 'a2', 'a3']]);
    expect(store.versions.agents).toBe(version + 2);
    // A snapshot with its rows in it (GET /api/v1/snapshot) has them all at once.
    store.applySnapshot(snapshotOf({ agents: [agentRow('b1')], agent_count: 1 }).snapshot);
    expect([store.agentsLoaded, [...store.agents.keys()]]).toEqual([true, ['b1']]);
  });

  it('replaces its offers with those sent after a snapshot', () => {
    const store = new ClusterStore();
    const offer = (id: string) => ({ id, framework_id: 'f1', agent_id: 'a1', hostname: 'h', resources: {}, resources_text: '', created: 1 });
    load(store, { offers: [offer('o1')] });
    load(store, { offers: [offer('o2')] });
    expect([...store.offers.keys()]).toEqual(['o2']);
  });

  it('drops the task rows of the previous snapshot', () => {
    const store = new ClusterStore();
    load(store, { tasks: [taskRow('f1', 'old')] });
    load(store, { tasks: [taskRow('f1', 'new')] });
    expect([...store.tasks.values()].map((t) => t.id)).toEqual(['new']);
  });

  it('replaces, not merges, on a second snapshot (a reconnection)', () => {
    const store = new ClusterStore();
    load(store, { agents: [agentRow('a1'), agentRow('a2')] });
    load(store, { agents: [agentRow('a3')] });
    expect([...store.agents.keys()]).toEqual(['a3']);
  });

  it.each([
    ['an agent upsert', { agents: [agentRow('a1', { status: 'UNREACHABLE' })] }, 'agents'],
    ['an agent removal', { agents_removed: ['a1'] }, 'agents'],
    ['a framework change', { frameworks: [frameworkRow('f1', { connected: false })] }, 'frameworks'],
    ['a task change', { tasks: [taskRow('f1', 't1', { state: 'TASK_FAILED', completed: true })] }, 'tasks'],
    ['new roles', { roles: [] }, 'roles'],
    ['an offer', { offers: [{ id: 'o1', framework_id: 'f1', agent_id: 'a1', hostname: 'h', resources: {}, resources_text: '', created: 1 }] }, 'offers'],
  ] as Array<[string, Partial<UiDelta>, keyof StoreVersions]>)('bumps only the versions that %s touches', (_what, delta, changed) => {
    const store = new ClusterStore();
    load(store, { agents: [agentRow('a1')], frameworks: [frameworkRow('f1')], tasks: [taskRow('f1', 't1')] });
    const before = { ...store.versions };
    store.applyDelta({ summary: summaryRow(2001), ...delta });
    for (const key of Object.keys(before) as Array<keyof typeof before>) {
      const expected = key === changed || key === 'summary' ? before[key] + 1 : before[key];
      expect([key, store.versions[key]]).toEqual([key, expected]);
    }
  });

  it('applies upserts and removals', () => {
    const store = new ClusterStore();
    load(store, { agents: [agentRow('a1'), agentRow('a2')] });
    store.applyDelta({ summary: summaryRow(2001), agents: [agentRow('a2', { status: 'GONE' }), agentRow('a3')], agents_removed: ['a1'] });
    expect([...store.agents.values()].map((a) => [a.id, a.status])).toEqual([
      ['a2', 'GONE'],
      ['a3', 'ACTIVE'],
    ]);
  });

  it('ignores removals of rows it does not have', () => {
    const store = new ClusterStore();
    load(store, {});
    expect(() => store.applyDelta({ summary: summaryRow(1), offers_removed: ['nope'], frameworks_removed: ['nope'] })).not.toThrow();
  });

  it('keeps only the newest completed tasks of a framework', () => {
    const store = new ClusterStore();
    load(store, { tasks: [taskRow('f1', 'live')] });
    const done = Array.from({ length: COMPLETED_TASKS_PER_FRAMEWORK + 5 }, (_, i) => taskRow('f1', `done-${i}`, { completed: true, state: 'TASK_FINISHED' }));
    store.applyDelta({ summary: summaryRow(1), tasks: done });
    expect(store.tasks.size).toBe(COMPLETED_TASKS_PER_FRAMEWORK + 1);
    expect(store.tasks.has(taskKey('f1', 'done-0'))).toBe(false);
    expect(store.tasks.has(taskKey('f1', `done-${COMPLETED_TASKS_PER_FRAMEWORK + 4}`))).toBe(true);
    expect(store.tasks.has(taskKey('f1', 'live'))).toBe(true);
  });

  it('does not count a completed task twice when it is sent again', () => {
    const store = new ClusterStore();
    load(store, {});
    const t = taskRow('f1', 't', { completed: true });
    for (let i = 0; i < COMPLETED_TASKS_PER_FRAMEWORK + 10; i++) store.applyDelta({ summary: summaryRow(1), tasks: [t] });
    expect(store.tasks.has(taskKey('f1', 't'))).toBe(true);
  });

  it('adds only events it has not seen and keeps the newest', () => {
    const store = new ClusterStore();
    load(store, { events: [event(1), event(2)] });
    store.applyDelta({ summary: summaryRow(1), events: [event(2), event(3)] });
    expect(store.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    store.applyDelta({ summary: summaryRow(1), events: Array.from({ length: EVENTS_KEPT + 10 }, (_, i) => event(4 + i)) });
    expect(store.events).toHaveLength(EVENTS_KEPT);
    expect(store.events[store.events.length - 1].seq).toBe(EVENTS_KEPT + 13);
  });

  it('keys tasks so that ids with separators do not collide', () => {
    expect(taskKey('a/b', 'c')).not.toBe(taskKey('a', 'b/c'));
  });
});
