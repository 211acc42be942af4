import { packTasks, unpackTasks } from '../../master/http-ui-pack';
import { taskRow } from './webui-fixtures';

describe('packed task rows', () => {
  it.each([
    ['a plain running task', taskRow('f1', 't1', { started: 1700000000.5, updated: 1700000001.25 })],
    ['a completed task with every field', taskRow('f2', 't2', {
      completed: true, state: 'TASK_FAILED', container: 'DOCKER', executor_id: 'ex', message: 'exit 3', reason: 'REASON_COMMAND_EXECUTOR_FAILED',
      resources: { cpus: 0.5, mem: 64, gpus: 1 }, started: 1700000000, updated: 1700000010,
    })],
    ['a task with no resources', taskRow('f1', 't3', { resources: {}, started: 1700000000, updated: 1700000000 })],
    ['a task never given a status time', taskRow('f1', 't4', { started: 0, updated: 0 })],
    ['a task with markup in its name', taskRow('f1', 't5', { name: '<script>alert(1)</script>', started: 1700000000, updated: 1700000000 })],
  ])('round-trips %s', (_what, task) => {
    expect(unpackTasks(JSON.parse(JSON.stringify(packTasks([task], 1700000123.9))))).toEqual([task]);
  });

  it('shares framework, agent, state and resource names between rows', () => {
    const packed = packTasks([
      taskRow('f1', 'a', { agent_id: 'x', resources: { cpus: 1, mem: 2 } }),
      taskRow('f1', 'b', { agent_id: 'y', resources: { mem: 3 } }),
      taskRow('f2', 'c', { agent_id: 'x', resources: { disk: 4 } }),
    ]);
    expect([packed.frameworks, packed.agents, packed.states, packed.resources]).toEqual([['f1', 'f2'], ['x', 'y'], ['TASK_RUNNING'], ['cpus', 'mem', 'disk']]);
    expect(packed.rows.map((r) => r[8])).toEqual([[1, 2], [0, 3], [0, 0, 4]]);
  });

  it('leaves out trailing defaults', () => {
    const [row] = packTasks([taskRow('f1', 't', { resources: {}, started: 10, updated: 11 })]).rows;
    expect(row).toEqual(['t', 't', 0, 0, 0, 10, 11]);
  });

  it('takes under 80 bytes a task for 100,000 typical tasks', () => {
    const tasks = Array.from({ length: 100_000 }, (_, i) =>
      taskRow(`fw-${i % 3}-0000-0000-0000-000000000000`, `task-${String(i).padStart(6, '0')}`, {
        name: `job-${i % 97}`, agent_id: `agent-${i % 10000}-0000-0000-000000000000`, resources: { cpus: 1, mem: 2048 },
        started: 1700000000 + i / 1000, updated: 1700000100 + i / 1000,
      }),
    );
    const bytes = JSON.stringify(packTasks(tasks, 1700000000)).length;
    expect(bytes / tasks.length).toBeLessThan(80);
    expect(bytes / JSON.stringify(tasks).length).toBeLessThan(0.3);
  });
});
