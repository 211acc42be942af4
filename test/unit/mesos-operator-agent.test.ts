/**
 * The agent's Mesos v1 operator API, pure parts: commands and ids of
 * nested containers, wait(2) statuses, file modes, the refusals, and the
 * state answers from an agent snapshot.
 */
import { pb, TaskState } from '@meseta/proto/wire';
import { MesosHttpError } from '@meseta/proto/mesos-http';
import { commandArgs, nestedIds, waitStatus } from '../../agent/nested-containers';
import { agentGetExecutors, agentGetTasks, fileInfoOf, modeBits } from '../../agent/mesos-operator-views';
import { agentRefusalOf, taskContainerTarget } from '../../agent/mesos-operator-http';
import type { AgentSnapshot } from '../../agent/agent';
import type { AgentTask } from '../../agent/task-book';

const T = pb.agent.Call.Type;

function refusal(f: () => unknown): { status: number; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof MesosHttpError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('commandArgs', () => {
  it.each([
    [{ value: 'echo hi' }, ['/bin/sh', '-c', 'echo hi']],
    [{ shell: true, value: 'ls | wc -l' }, ['/bin/sh', '-c', 'ls | wc -l']],
    [{ shell: false, value: '/bin/echo', arguments: ['echo', 'a', 'b'] }, ['/bin/echo', 'a', 'b']],
    [{ shell: false, value: '/bin/true' }, ['/bin/true']],
  ])('%j → %j', (command, args) => {
    expect(commandArgs(command)).toEqual(args);
  });
  it.each([
    [undefined, 400, /^command: required/],
    [{}, 400, /^command\.value: required \(the shell command\)/],
    [{ shell: false }, 400, /^command\.value: required \(the program/],
  ])('%j is refused', (command, status, message) => {
    const r = refusal(() => commandArgs(command));
    expect(r.status).toBe(status);
    expect(r.message).toMatch(message);
  });
});

describe('waitStatus', () => {
  it.each([
    [{ exitCode: 0, message: '' }, 0],
    [{ exitCode: 3, message: '' }, 768],
    [{ signal: 'SIGKILL' as const, message: '' }, 9],
    [{ signal: 'SIGTERM' as const, message: '' }, 15],
  ])('%j → %d', (exit, status) => {
    expect(waitStatus(exit)).toBe(status);
  });
});

describe('nestedIds', () => {
  it('takes a value and its parent', () => {
    expect(nestedIds('c', { value: 'n1', parent: { value: 'task-container' } })).toEqual({ id: 'n1', parent: 'task-container' });
  });
  it.each([
    [undefined, /^c\.value: required/],
    [{ value: '../x', parent: { value: 'p' } }, /not a valid container id/],
    [{ value: 'n1' }, /^c\.parent: required/],
    [{ value: 'n1', parent: { value: 'p', parent: { value: 'q' } } }, /nested containers of nested containers/],
  ])('%j is refused', (id, message) => {
    const r = refusal(() => nestedIds('c', id));
    expect(r.status).toBe(400);
    expect(r.message).toMatch(message);
  });
});

describe('modeBits and fileInfoOf', () => {
  it.each([
    ['drwxr-xr-x', 0o040755],
    ['-rw-r--r--', 0o100644],
    ['-rwx------', 0o100700],
  ])('%s → %o', (mode, bits) => {
    expect(modeBits(mode)).toBe(bits);
  });
  it('makes a Mesos FileInfo', () => {
    expect(fileInfoOf({ path: '/frameworks/f/executors/e/runs/latest/stdout', size: 9, mode: '-rw-r--r--', mtime: 2, nlink: 1, uid: 'root', gid: 0 })).toEqual({
      path: '/frameworks/f/executors/e/runs/latest/stdout', nlink: 1, size: 9, mtime: { nanoseconds: 2e9 }, mode: 0o100644, uid: 'root', gid: '0',
    });
  });
});

describe('agentRefusalOf', () => {
  it.each([
    [{}, 400, /^type: missing/],
    [{ type: T.SET_LOGGING_LEVEL }, 501, /^SET_LOGGING_LEVEL: not implemented by Meseta/],
    [{ type: T.PRUNE_IMAGES }, 501, /^PRUNE_IMAGES: /],
    [{ type: T.GET_RESOURCE_PROVIDERS }, 501, /resource providers/],
  ])('%j → %d', (call, status, message) => {
    const e = agentRefusalOf(call);
    expect(e.status).toBe(status);
    expect(e.message).toMatch(message);
  });
});

function task(id: string, phase: AgentTask['phase'], state: TaskState, executorId?: string): AgentTask {
  return { frameworkId: 'f1', taskId: id, info: { name: id, task_id: { value: id } }, containerId: `c-${id}`, phase, state, statuses: [], killRequested: false, executorId };
}

function snapshot(tasks: AgentTask[], completed: AgentTask[] = []): AgentSnapshot {
  return {
    id: 'a1', hostname: 'h', port: 5051, version: '0.1.0', registered: true, workDir: '/w', resources: [], usedResources: [], attributes: [],
    frameworks: [{ id: { value: 'f1' }, name: 'fw' }], tasks, completedTasks: completed, pendingUpdates: 0,
  } as AgentSnapshot;
}

describe('agent state answers', () => {
  it('GET_TASKS sorts tasks by phase', () => {
    const s = snapshot([task('l', 'launching', TaskState.TASK_STAGING), task('r', 'running', TaskState.TASK_RUNNING), task('k', 'killing', TaskState.TASK_KILLING), task('t', 'terminated', TaskState.TASK_FINISHED)], [task('c', 'terminated', TaskState.TASK_FINISHED)]);
    const r = agentGetTasks(s);
    const ids = (list: typeof r.pending_tasks) => (list ?? []).map((t) => t.task_id?.value);
    expect([ids(r.pending_tasks), ids(r.launched_tasks), ids(r.terminated_tasks), ids(r.completed_tasks)]).toEqual([['l'], ['r', 'k'], ['t'], ['c']]);
    expect(r.launched_tasks?.[0]?.agent_id?.value).toBe('a1');
  });
  it('GET_EXECUTORS: one per executor, live apart from ended', () => {
    const s = snapshot([task('r', 'running', TaskState.TASK_RUNNING), task('r2', 'running', TaskState.TASK_RUNNING, 'ex'), task('r3', 'running', TaskState.TASK_RUNNING, 'ex')], [task('c', 'terminated', TaskState.TASK_FINISHED)]);
    const r = agentGetExecutors(s);
    expect(r.executors?.map((e) => e.executor_info?.executor_id?.value)).toEqual(['r', 'ex']);
    expect(r.completed_executors?.map((e) => e.executor_info?.executor_id?.value)).toEqual(['c']);
  });
  it('a nested container parent is a task container', () => {
    const s = snapshot([task('r', 'running', TaskState.TASK_RUNNING)]);
    const source = { snapshot: () => s, execTarget: (fid: string, tid: string) => ({ problem: 'unsupported' as const, message: `${fid}/${tid}` }) };
    expect(taskContainerTarget(source, 'c-r')).toEqual({ problem: 'unsupported', message: 'f1/r' });
    expect(taskContainerTarget(source, 'nope')).toMatchObject({ problem: 'not-found' });
  });
});
