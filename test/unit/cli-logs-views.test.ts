import { endLine, findLogSource, logPath, readProblem, takeRead } from '../../cli/logs-views';
import type { ClusterStateJson } from '../../cli/state-json';

const agent = (id: string, port: number, status?: string) => ({ agent_info: { id: { value: id }, hostname: '127.0.0.1', port }, ...(status ? { status } : {}) });
const task = (id: string, fw: string, agentId: string, state: string, extra: Record<string, unknown> = {}) => ({ task_id: { value: id }, framework_id: { value: fw }, agent_id: { value: agentId }, state, ...extra });
const state: ClusterStateJson = {
  agents: [agent('a1', 5051), agent('a2', 5052, 'UNREACHABLE'), agent('a3', 5053, 'GONE')],
  tasks: [task('live', 'f1', 'a1', 'TASK_RUNNING'), task('far', 'f1', 'a2', 'TASK_RUNNING'), task('twice', 'f1', 'a1', 'TASK_RUNNING')],
  completed_tasks: [task('done', 'f1', 'a1', 'TASK_FINISHED'), task('lost', 'f1', 'a3', 'TASK_FINISHED'), task('twice', 'f2', 'a1', 'TASK_FAILED'), task('gone-agent', 'f1', 'zz', 'TASK_FAILED')],
};

describe('findLogSource', () => {
  it.each([
    ['a running task', 'live', undefined, { frameworkId: 'f1', agentId: 'a1', ended: false, agentName: '127.0.0.1:5051 (a1)' }],
    ['a finished task', 'done', undefined, { frameworkId: 'f1', ended: true, state: 'TASK_FINISHED' }],
    ['a task of the framework asked', 'twice', 'f2', { frameworkId: 'f2', ended: true }],
  ])('finds %s', (_what, id, fw, expected) => {
    expect(findLogSource(id, state, fw)).toMatchObject(expected);
  });
  it.each([
    ['an unknown task', 'nope', undefined, 'no task nope is known to the master (running or recently completed); see meseta tasks --all'],
    ['an unknown task of a framework', 'live', 'f9', 'no task live in framework f9 is known to the master (running or recently completed); see meseta tasks --all'],
    ['a task id two frameworks have', 'twice', undefined, 'task twice exists in 2 frameworks (f1, f2); give --framework <id>'],
    ['a task whose agent is gone', 'lost', undefined, 'task lost ran on agent 127.0.0.1:5053 (a3), which is gone: its sandbox cannot be read'],
    ['a task whose agent is no longer known', 'gone-agent', undefined, 'task gone-agent ran on agent zz, which is gone: its sandbox cannot be read'],
    ['a task whose agent is unreachable', 'far', undefined, 'task far runs on agent 127.0.0.1:5052 (a2), which is unreachable: its sandbox can be read once the agent is connected again'],
  ])('refuses %s', (_what, id, fw, problem) => {
    expect(findLogSource(id, state, fw)).toEqual({ problem });
  });
});

describe('endLine', () => {
  it.each([
    [task('t', 'f', 'a', 'TASK_FINISHED', { statuses: [{ state: 'TASK_RUNNING' }, { state: 'TASK_FINISHED', exit_code: 0, message: 'Command exited with status 0' }] }), 'task t ended TASK_FINISHED (exit code 0): Command exited with status 0'],
    [task('t', 'f', 'a', 'TASK_KILLED', { statuses: [{ state: 'TASK_KILLED' }] }), 'task t ended TASK_KILLED'],
    [task('t', 'f', 'a', 'TASK_LOST'), 'task t ended TASK_LOST'],
  ])('%#', (t, line) => {
    expect(endLine('t', t)).toBe(line);
  });
});

describe('takeRead', () => {
  it.each([
    ['plain text', 'ab\n', 10, false, { text: 'ab\n', next: 13 }],
    ['nothing', '', 10, false, { text: '', next: 10 }],
    ['a cut character waits for the next read', 'é\uFFFD', 0, false, { text: 'é', next: 2 }],
    ['unless the file is finished', 'é\uFFFD', 0, true, { text: 'é\uFFFD', next: 5 }],
  ])('%s', (_what, data, offset, final, expected) => {
    expect(takeRead(data, offset, final)).toEqual(expected);
  });
});

describe('readProblem', () => {
  const at = 'cannot reach master at 127.0.0.1:5050: /api/v1/agents/a1/files/read?path=x answered HTTP';
  it.each([
    [`${at} 404: no such file`, 'the stdout of task t is not on agent A: its sandbox was removed or never created (no such file)'],
    [`${at} 410: agent a1 is gone`, 'task t ran on agent A, which is gone: its sandbox cannot be read'],
    [`${at} 410: path "frameworks/f/tasks/t/runs/latest/stdout": the sandbox was garbage-collected at 2026-12-06T09:00:00.000Z (completed sandboxes are removed after --gc-delay, sooner as the disk fills)`,
      'the sandbox of task t on agent A was garbage-collected at 2026-12-06T09:00:00.000Z: its stdout is no longer kept (completed sandboxes are removed after the agent\'s --gc-delay, sooner as its disk fills)'],
    [`${at} 503: agent a1 is disconnected`, 'agent A is not connected: the sandbox of task t can be read once it is (agent a1 is disconnected)'],
    [`${at} 403: denied`, 'reading the sandbox of task t was refused (denied)'],
    [`${at} 500`, 'reading the stdout of task t from agent A failed: HTTP 500'],
    ['cannot reach master at 127.0.0.1:5050: connect ECONNREFUSED', undefined],
  ])('%s', (message, problem) => {
    expect(readProblem(message, 't', 'A', 'stdout')).toBe(problem);
  });
});

it('logPath is the latest run of the task', () => {
  expect(logPath('f', 't', 'stderr')).toBe('frameworks/f/tasks/t/runs/latest/stderr');
});
