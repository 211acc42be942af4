import { drainProgress, drainProgressLine, resolveAgent } from '../../cli/operate-views';
import type { ClusterStateJson } from '../../cli/state-json';

const agent = (id: string, hostname: string, port: number, extra: Record<string, unknown> = {}) => ({ agent_info: { id: { value: id }, hostname, port }, ...extra });
const state: ClusterStateJson = {
  agents: [
    agent('a1', '127.0.0.1', 5051),
    agent('a2', '127.0.0.1', 5052, { drain_info: { state: 'DRAINING' } }),
    agent('a3', 'web-1', 5051, { drain_info: { state: 'DRAINED' } }),
    agent('a4', 'web-1', 5051, { status: 'GONE' }),
  ],
  tasks: [
    { task_id: { value: 't1' }, agent_id: { value: 'a2' }, state: 'TASK_RUNNING' },
    { task_id: { value: 't2' }, agent_id: { value: 'a2' }, state: 'TASK_KILLING' },
    { task_id: { value: 't3' }, agent_id: { value: 'a2' }, state: 'TASK_KILLED' },
  ],
};

describe('resolveAgent', () => {
  it.each([
    ['an id', 'a2', 'a2'],
    ['host:port', '127.0.0.1:5052', 'a2'],
    ['a hostname only one live agent has (gone ones do not count)', 'web-1', 'a3'],
  ])('finds %s', (_what, ref, id) => {
    expect(resolveAgent(ref, state)).toMatchObject({ id });
  });
  it.each([
    ['a hostname several agents share', '127.0.0.1', /names 2 agents .*give the agent's id or host:port/],
    ['an unknown address', '127.0.0.1:9', /no agent 127.0.0.1:9 is known to the master; agents: 127.0.0.1:5051 \(a1\).* — see meseta agents/],
    ['an agent of an empty cluster', 'x', /\(it has no agents\)/],
  ])('refuses %s, saying what to do', (_what, ref, problem) => {
    const found = resolveAgent(ref, ref === 'x' ? {} : state);
    expect('problem' in found && found.problem).toMatch(problem);
  });
});

describe('drainProgress', () => {
  it.each([
    ['a draining agent with its live tasks', 'a2', { state: 'DRAINING', tasksLeft: 2 }, 'agent A: DRAINING, 2 tasks left'],
    ['a drained agent', 'a3', { state: 'DRAINED', tasksLeft: 0 }, 'agent A: DRAINED'],
    ['an agent not draining', 'a1', { state: 'NOT_DRAINING', tasksLeft: 0 }, 'agent A: no longer draining (reactivated meanwhile)'],
    ['a gone agent', 'a4', { state: 'GONE', tasksLeft: 0 }, 'agent A: drained and gone'],
    ['an agent no longer listed', 'zz', { state: 'GONE', tasksLeft: 0 }, 'agent A: drained and gone'],
  ])('%s', (_what, id, progress, line) => {
    expect(drainProgress(id, state)).toEqual(progress);
    expect(drainProgressLine('A', drainProgress(id, state))).toBe(line);
  });
  it('says "1 task"', () => {
    expect(drainProgressLine('A', { state: 'DRAINING', tasksLeft: 1 })).toBe('agent A: DRAINING, 1 task left');
  });
});
