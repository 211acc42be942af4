/**
 * The pure parts of the guards: which HTTP paths need a credential, whose
 * sandbox a files path is in, and which status updates an agent may send
 * (tables).
 */
import { pb, type StatusUpdate } from '@meseta/proto/wire';
import { foreignUpdateProblem } from '../../master/auth/agent-report-check';
import { challengesFor, needsCredential, requestUrl } from '../../master/auth/http-guard';
import type { TaskRecord } from '../../master/state';

describe('needsCredential', () => {
  it.each<[string, boolean, boolean]>([
    ['/health', true, false],
    ['/version', true, false],
    ['/state', true, true],
    ['/state.json', true, true],
    ['/master/state', true, true],
    ['/metrics', true, true],
    ['/master/state.json', true, true],
    ['/master/state-summary', true, true],
    ['/master/slaves', true, true],
    ['/master/frameworks', true, true],
    ['/master/tasks', true, true],
    ['/tasks', true, true],
    ['/master/flags', true, true],
    ['/metrics/snapshot', true, true],
    ['/files/browse', true, true],
    ['/files/read', true, true],
    ['/files/download', true, true],
    ['/master/redirect', true, false],
    ['/redirect', true, false],
    ['/api/v1/events', true, true],
    ['/api/v1/snapshot', true, true],
    ['/api/v1/anything', true, true],
    ['/', true, false],
    ['/assets/index.js', true, false],
    ['/', false, true],
    ['/index.html', false, true],
  ])('%s (UI built: %s) → %s', (pathname, webUiBuilt, needed) => {
    expect(needsCredential(pathname, webUiBuilt)).toBe(needed);
  });
});

describe('challengesFor: what a 401 offers', () => {
  const both = ['Basic realm="meseta"', 'Bearer realm="meseta"'];
  const bearer = ['Bearer realm="meseta"'];
  it.each<[string, string[]]>([
    ['/api/v1/login', bearer],
    ['/api/v1/events', bearer],
    ['/api/v1/agents/a1/files/read', bearer],
    ['/', bearer],
    ['/api/v1', both],
    ['/api/v1/scheduler', both],
    ['/master/state', both],
    ['/metrics/snapshot', both],
    ['/files/read', both],
    ['/state', both],
  ])('%s', (pathname, expected) => {
    expect(challengesFor(pathname)).toEqual(expected);
  });
});

describe('foreignUpdateProblem', () => {
  const record = (taskId: string, agentId: string): TaskRecord => ({
    task: { task_id: { value: taskId } }, frameworkId: 'f', agentId, taskId, resources: [], role: '*', statuses: [], kill: { phase: 'none' },
  });
  const agent = { id: 'a1', tasks: new Map([['f/mine', record('mine', 'a1')]]) };
  const fw = { tasks: new Map([['mine', record('mine', 'a1')], ['theirs', record('theirs', 'a2')]]), completedTasks: [record('done-here', 'a1'), record('done-there', 'a2')] };
  const update = (framework: string, task: string): StatusUpdate => ({ framework_id: { value: framework }, status: { task_id: { value: task }, state: pb.TaskState.TASK_RUNNING } });
  it.each<[string, string, string, string | undefined]>([
    ['a task on the agent', 'f', 'mine', undefined],
    ['a finished task that ran on the agent', 'f', 'done-here', undefined],
    ['a task live on another agent', 'f', 'theirs', 'task theirs of framework f runs on agent a2, not on agent a1'],
    ['a finished task that ran on another agent', 'f', 'done-there', 'task done-there of framework f ran on agent a2, not on agent a1'],
    ['a task the master does not know', 'f', 'ghost', 'task ghost of framework f is not on agent a1 (the master does not know it)'],
  ])('%s', (_name, framework, task, problem) => {
    expect(foreignUpdateProblem(agent, fw, update(framework, task))).toBe(problem);
  });
  it('lets an update for a framework the master does not have through (nobody hears it; a removed one is shut down)', () => {
    expect(foreignUpdateProblem(agent, undefined, update('gone', 'x'))).toBeUndefined();
  });
});

describe('requestUrl', () => {
  it.each<[string, string | undefined]>([
    ['/state?x=1', '/state'],
    ['//%2F', undefined],
  ])('%s → %s', (target, pathname) => {
    expect(requestUrl({ url: target })?.pathname).toBe(pathname);
  });
});
