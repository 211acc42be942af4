import type { Resource, TaskStatus } from '@meseta/proto/wire';
import { Reason, TaskState as S } from '@meseta/proto/wire';
import { formatResources } from '@meseta/proto/resources';
import { reconciliationAnswers, type ReconcileContext } from '../../agent/reconciliation';
import { type AgentTask, flatten, TaskBook, taskMessage } from '../../agent/task-book';

const cpus = (n: number): Resource => ({ name: 'cpus', type: 0, scalar: { value: n } });

function task(frameworkId: string, taskId: string, resources: Resource[] = [cpus(1)]): AgentTask {
  return {
    frameworkId,
    taskId,
    info: { task_id: { value: taskId }, resources },
    containerId: `c-${taskId}`,
    phase: 'launching',
    state: S.TASK_STAGING,
    statuses: [],
    killRequested: false,
  };
}

describe('the task book', () => {
  it('counts live tasks against the agent resources and frees them when they end', () => {
    const book = new TaskBook();
    const fw = book.upsertFramework('f', { name: 'x' });
    const a = task('f', 'a', [cpus(1.5)]);
    book.add(a, fw);
    book.add(task('f', 'b', [cpus(1)]), fw);
    expect(formatResources(book.remaining([cpus(4)]))).toBe('cpus:1.5');
    book.markTerminated(a);
    expect(formatResources(book.remaining([cpus(4)]))).toBe('cpus:3');
    expect(book.markTerminated(a)).toBe(false);
    expect(formatResources(book.remaining([cpus(4)]))).toBe('cpus:3');
  });

  it('compares amounts regardless of reservation and allocation role', () => {
    const reserved: Resource = { ...cpus(2), reservations: [{ type: 2, role: 'web' }], allocation_role: 'web' };
    expect(flatten([reserved, cpus(1)])).toEqual([cpus(3)]);
  });

  it('moves a forgotten task to the completed list and drops a framework left without tasks', () => {
    const book = new TaskBook();
    const fw = book.upsertFramework('f', undefined);
    const a = task('f', 'a');
    book.add(a, fw);
    book.markTerminated(a);
    book.forget(a);
    expect(book.all()).toEqual([]);
    expect(book.completed()).toEqual([a]);
    expect(book.framework('f')).toBeUndefined();
  });

  it('keeps a shutting-down framework until it is removed', () => {
    const book = new TaskBook();
    const fw = book.upsertFramework('f', undefined);
    fw.shuttingDown = true;
    const a = task('f', 'a');
    book.add(a, fw);
    book.forget(a);
    expect(book.framework('f')).toBeDefined();
    book.removeFramework('f');
    expect(book.framework('f')).toBeUndefined();
  });

  it('replaces a terminal task whose id is reused', () => {
    const book = new TaskBook();
    const fw = book.upsertFramework('f', undefined);
    const first = task('f', 'a');
    book.add(first, fw);
    book.markTerminated(first);
    const second = task('f', 'a');
    book.add(second, fw);
    expect(book.get('f', 'a')).toBe(second);
    expect(book.completed()).toEqual([first]);
  });

  it.each([
    ['in its framework', 'f2', 'shared', 'f2'],
    ['in any framework when none is named', '', 'only-f1', 'f1'],
    ['nowhere for an unknown id', '', 'nope', undefined],
  ])('finds a task %s', (_name, frameworkId, taskId, expected) => {
    const book = new TaskBook();
    book.add(task('f1', 'shared'), book.upsertFramework('f1', undefined));
    book.add(task('f2', 'shared'), book.upsertFramework('f2', undefined));
    book.add(task('f1', 'only-f1'), book.upsertFramework('f1', undefined));
    expect(book.find(frameworkId, taskId)?.frameworkId).toBe(expected);
  });

  it('describes a task for registration with its latest state and the pending update', () => {
    const t = task('f', 'a');
    const running: TaskStatus = { task_id: { value: 'a' }, state: S.TASK_RUNNING, uuid: new Uint8Array([1]) };
    const finished: TaskStatus = { task_id: { value: 'a' }, state: S.TASK_FINISHED, uuid: new Uint8Array([2]) };
    t.statuses = [running, finished];
    t.state = S.TASK_FINISHED;
    const message = taskMessage(t, { status: running }, 'agent-1');
    expect(message).toMatchObject({
      task_id: { value: 'a' },
      framework_id: { value: 'f' },
      agent_id: { value: 'agent-1' },
      state: S.TASK_FINISHED,
      status_update_state: S.TASK_RUNNING,
      status_update_uuid: new Uint8Array([1]),
      statuses: [finished],
    });
  });
});

describe('answering reconciliation', () => {
  function context(pending: string[]): ReconcileContext & { redelivered: string[] } {
    const running = task('f', 'running');
    running.state = S.TASK_RUNNING;
    running.statuses = [{ task_id: { value: 'running' }, state: S.TASK_RUNNING, uuid: new Uint8Array([7]) }];
    const waiting = task('f', 'waiting');
    const other = task('g', 'other');
    const all = [running, waiting, other];
    const redelivered: string[] = [];
    return {
      agentId: 'agent-1',
      redelivered,
      find: (f, t) => all.find((x) => (!f || x.frameworkId === f) && x.taskId === t),
      all: () => all,
      framework: () => undefined,
      redeliver: (f, t) => {
        const hits = pending.filter((p) => (t === undefined || p === t) && (f === undefined || all.find((x) => x.taskId === p)?.frameworkId === f || !all.find((x) => x.taskId === p)));
        redelivered.push(...hits);
        return hits.length;
      },
    };
  }

  it('answers listed tasks without uuid and unknown ones as TASK_LOST', () => {
    const ctx = context([]);
    const answers = reconciliationAnswers({ framework_id: { value: 'f' }, task_ids: [{ value: 'running' }, { value: 'ghost' }] }, ctx);
    expect(answers.map((a) => [a.status?.task_id?.value, S[a.status?.state as number], a.status?.uuid])).toEqual([
      ['running', 'TASK_RUNNING', undefined],
      ['ghost', 'TASK_LOST', undefined],
    ]);
    expect(answers.every((a) => a.status?.reason === Reason.REASON_RECONCILIATION)).toBe(true);
    expect(answers[0].status?.agent_id?.value).toBe('agent-1');
  });

  it('resends a pending update instead of answering for that task', () => {
    const ctx = context(['running']);
    const answers = reconciliationAnswers({ framework_id: { value: 'f' }, task_ids: [{ value: 'running' }] }, ctx);
    expect(answers).toEqual([]);
    expect(ctx.redelivered).toContain('running');
  });

  it('answers every task of the framework when none is listed', () => {
    const answers = reconciliationAnswers({ framework_id: { value: 'f' } }, context([]));
    expect(answers.map((a) => [a.status?.task_id?.value, S[a.status?.state as number]])).toEqual([
      ['running', 'TASK_RUNNING'],
      ['waiting', 'TASK_STAGING'],
    ]);
  });

  it('answers every task of every framework when nothing is named', () => {
    expect(reconciliationAnswers({}, context([])).map((a) => a.status?.task_id?.value)).toEqual(['running', 'waiting', 'other']);
  });
});
