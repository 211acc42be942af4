import { ChangeTracker, RecentEvents, diffIds, mergeChanges, noChanges, uiEventOf, type EventContext } from '../../master/http-ui-changes';
import type { ClusterEvent } from '../../master/cluster-events';

const context: EventContext = {
  framework: (id) => (id === 'f1' ? { name: 'web', connected: true } : id === 'f2' ? { name: 'batch', connected: false } : undefined),
  taskName: (_f, t) => (t === 't1' ? 'server' : t === 't2' ? 't2' : undefined),
  agentAddress: (id) => (id === 'a1' ? '127.0.0.1:5051' : undefined),
};

describe('the UI change tracker', () => {
  it.each<[string, ClusterEvent, { agents: string[]; frameworks: string[]; tasks: Array<[string, string[]]>; offers: boolean; all: boolean; roles: boolean }]>([
    ['an agent change touches the agent and every framework share', { type: 'AGENT_UPDATED', agentId: 'a1', status: 'UNREACHABLE', hostname: 'h' }, { agents: ['a1'], frameworks: [], tasks: [], offers: false, all: true, roles: true }],
    ['a framework change touches the framework and roles', { type: 'FRAMEWORK_ADDED', frameworkId: 'f1', name: 'web' }, { agents: [], frameworks: ['f1'], tasks: [], offers: false, all: false, roles: true }],
    ['a task change touches the task, its agent and framework', { type: 'TASK_UPDATED', frameworkId: 'f1', taskId: 't1', agentId: 'a1', state: 'TASK_RUNNING' }, { agents: ['a1'], frameworks: ['f1'], tasks: [['f1', ['t1']]], offers: false, all: false, roles: true }],
    ['an offer change asks for an offer diff', { type: 'OFFERS_CHANGED' }, { agents: [], frameworks: [], tasks: [], offers: true, all: false, roles: false }],
    ['a decline touches the framework (its declines)', { type: 'DECLINE', frameworkId: 'f1', agentId: 'a1', refusals: [] }, { agents: [], frameworks: ['f1'], tasks: [], offers: false, all: false, roles: false }],
  ])('%s', (_what, event, expected) => {
    const tracker = new ChangeTracker();
    tracker.note(event);
    const c = tracker.take();
    expect({
      agents: [...c.agents], frameworks: [...c.frameworks], tasks: [...c.tasks].map(([f, ids]) => [f, [...ids]]),
      offers: c.offers, all: c.allFrameworks, roles: c.roles,
    }).toEqual(expected);
  });

  it('sends each task once however often it changed, and starts afresh after a take', () => {
    const tracker = new ChangeTracker();
    for (let i = 0; i < 1000; i++) {
      tracker.note({ type: 'TASK_UPDATED', frameworkId: 'f1', taskId: `t${i % 10}`, agentId: 'a1', state: 'TASK_RUNNING' });
    }
    expect(tracker.empty).toBe(false);
    expect(tracker.take().tasks.get('f1')?.size).toBe(10);
    expect(tracker.empty).toBe(true);
    expect(tracker.take().tasks.size).toBe(0);
  });

  it('marks an agent and a framework touched by an offer', () => {
    const tracker = new ChangeTracker();
    tracker.touch('a1', 'f1');
    const c = tracker.take();
    expect([[...c.agents], [...c.frameworks]]).toEqual([['a1'], ['f1']]);
  });
});

describe('merging changes', () => {
  it('unites what two sets of changes touched', () => {
    const a = new ChangeTracker();
    a.note({ type: 'TASK_UPDATED', frameworkId: 'f1', taskId: 't1', agentId: 'a1', state: 'TASK_RUNNING' });
    const b = new ChangeTracker();
    b.note({ type: 'TASK_UPDATED', frameworkId: 'f1', taskId: 't2', agentId: 'a2', state: 'TASK_RUNNING' });
    b.note({ type: 'OFFERS_CHANGED' });
    const merged = mergeChanges(noChanges(), a.take());
    mergeChanges(merged, b.take());
    expect([[...merged.agents], [...merged.frameworks], [...merged.tasks.get('f1')!], merged.offers, merged.roles, merged.allFrameworks]).toEqual([
      ['a1', 'a2'], ['f1'], ['t1', 't2'], true, true, false,
    ]);
  });
});

describe('offer diffs', () => {
  it.each([
    [[], ['o1'], { added: ['o1'], removed: [] }],
    [['o1', 'o2'], ['o2', 'o3'], { added: ['o3'], removed: ['o1'] }],
    [['o1'], [], { added: [], removed: ['o1'] }],
    [['o1'], ['o1'], { added: [], removed: [] }],
  ])('from %p to %p', (before, after, diff) => {
    const map = (ids: string[]) => new Map(ids.map((id) => [id, id]));
    expect(diffIds(map(before), map(after))).toEqual(diff);
  });
});

describe('operator events', () => {
  it.each<[ClusterEvent, string | undefined, string | undefined]>([
    [{ type: 'AGENT_ADDED', agentId: 'a1', status: 'ACTIVE', hostname: 'h' }, 'agent 127.0.0.1:5051 registered', 'info'],
    [{ type: 'AGENT_UPDATED', agentId: 'a9', status: 'UNREACHABLE', hostname: 'h9' }, 'agent h9 is unreachable', 'error'],
    [{ type: 'AGENT_UPDATED', agentId: 'a1', status: 'DISCONNECTED', hostname: 'h' }, 'agent 127.0.0.1:5051 is disconnected', 'warning'],
    [{ type: 'AGENT_UPDATED', agentId: 'a1', status: 'ACTIVE', hostname: 'h' }, 'agent 127.0.0.1:5051 is active again', 'info'],
    [{ type: 'AGENT_REMOVED', agentId: 'a1', status: 'GONE', hostname: 'h' }, 'agent 127.0.0.1:5051 is gone', 'error'],
    [{ type: 'FRAMEWORK_ADDED', frameworkId: 'f1', name: 'web' }, 'framework web subscribed', 'info'],
    [{ type: 'FRAMEWORK_UPDATED', frameworkId: 'f1', name: 'web' }, 'framework web re-subscribed', 'info'],
    [{ type: 'FRAMEWORK_UPDATED', frameworkId: 'f2', name: 'batch' }, 'framework batch disconnected', 'warning'],
    [{ type: 'FRAMEWORK_REMOVED', frameworkId: 'f2', name: 'batch' }, 'framework batch removed', 'warning'],
    [{ type: 'TASK_UPDATED', frameworkId: 'f1', taskId: 't1', agentId: 'a1', state: 'TASK_FAILED', message: 'exit 3' }, 'task t1 (server) failed: exit 3', 'error'],
    [{ type: 'TASK_UPDATED', frameworkId: 'f1', taskId: 't2', agentId: 'a1', state: 'TASK_GONE_BY_OPERATOR' }, 'task t2 gone by operator', 'warning'],
    [{ type: 'TASK_UPDATED', frameworkId: 'f1', taskId: 't1', agentId: 'a1', state: 'TASK_RUNNING' }, undefined, undefined],
    [{ type: 'TASK_UPDATED', frameworkId: 'f1', taskId: 't1', agentId: 'a1', state: 'TASK_FINISHED' }, undefined, undefined],
    [{ type: 'TASK_ADDED', frameworkId: 'f1', taskId: 't1', agentId: 'a1', state: 'TASK_STAGING' }, undefined, undefined],
    [{ type: 'OFFERS_CHANGED' }, undefined, undefined],
    [{ type: 'DECLINE', frameworkId: 'f1', agentId: 'a1', refusals: ['cpus'] }, undefined, undefined],
  ])('shows %p as %p', (event, text, severity) => {
    const shown = uiEventOf(event, 7, 100, context);
    expect(shown?.text).toBe(text);
    expect(shown?.severity).toBe(severity);
    if (shown) expect([shown.seq, shown.time, shown.type]).toEqual([7, 100, event.type]);
  });

  it('keeps the newest events and hands out those after a number', () => {
    const recent = new RecentEvents(3);
    for (let seq = 1; seq <= 5; seq++) recent.push({ seq, time: seq, type: 'X', severity: 'info', text: String(seq) });
    expect(recent.all().map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(recent.since(3).map((e) => e.seq)).toEqual([4, 5]);
    expect(recent.since(0).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(recent.since(5)).toEqual([]);
  });
});
