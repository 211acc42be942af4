import { frameworkUsageSamples, sumUsageByFramework, type FrameworkUsageSums } from '../../master/master-usage';
import type { TaskUsage } from '../../master/cluster-usage';
import type { TaskRecord } from '../../master/state';
import { renderPrometheus } from '@meseta/runtime/prometheus-text';

const u = (frameworkId: string, taskId: string, n: Partial<Omit<TaskUsage, 'task'>>): TaskUsage => ({
  task: { frameworkId, taskId, agentId: 'a' } as TaskRecord,
  ...n,
});

function sum(entries: TaskUsage[], keep?: (x: TaskUsage) => boolean): Map<string, FrameworkUsageSums> {
  const into = new Map<string, FrameworkUsageSums>();
  const steps = sumUsageByFramework(entries, into, keep);
  let n = 0;
  while (!steps.next().done) n++;
  expect(n).toBe(entries.length); // one step per entry, kept or not
  return into;
}

describe("the master's usage in /metrics", () => {
  it.each([
    { name: 'nothing reported', entries: [], keep: undefined, want: {} },
    {
      name: 'two frameworks summed',
      entries: [u('f1', 't1', { cpuCores: 0.5, memBytes: 100, diskBytes: 10 }), u('f2', 't2', { cpuCores: 1, memBytes: 1, diskBytes: 0 }), u('f1', 't3', { cpuCores: 0.25, memBytes: 50, diskBytes: 5 })],
      keep: undefined,
      want: { f1: { tasks: 2, cores: 0.75, mem: 150, disk: 15 }, f2: { tasks: 1, cores: 1, mem: 1, disk: 0 } },
    },
    {
      name: 'a missing number adds nothing but the task counts',
      entries: [u('f1', 't1', { memBytes: 7 }), u('f1', 't2', {})],
      keep: undefined,
      want: { f1: { tasks: 2, cores: 0, mem: 7, disk: 0 } },
    },
    {
      name: 'entries the viewer may not see left out',
      entries: [u('f1', 't1', { cpuCores: 1 }), u('f1', 'hidden', { cpuCores: 5 }), u('f2', 't2', { cpuCores: 2 })],
      keep: (x: TaskUsage) => x.task.taskId !== 'hidden',
      want: { f1: { tasks: 1, cores: 1, mem: 0, disk: 0 }, f2: { tasks: 1, cores: 2, mem: 0, disk: 0 } },
    },
  ])('$name', ({ entries, keep, want }) => {
    expect(Object.fromEntries(sum(entries, keep))).toEqual(want);
  });

  it('writes per-framework lines only, never a per-task line, whatever the number of tasks', () => {
    const entries: TaskUsage[] = [];
    for (let i = 0; i < 10_000; i++) entries.push(u(`f${i % 3}`, `t${i}`, { cpuSeconds: i, cpuCores: 0.001, memBytes: 1, diskBytes: 2 }));
    const text = renderPrometheus(frameworkUsageSamples(sum(entries)));
    expect(text).not.toMatch(/task_id=/);
    expect(text).not.toMatch(/meseta_container_/);
    const lines = text.trim().split('\n').filter((l) => !l.startsWith('#'));
    expect(lines).toHaveLength(3 * 4); // 3 frameworks x (tasks, cores, memory, disk)
    expect(text).toContain('meseta_framework_reported_tasks{framework_id="f0"} 3334');
    expect(text).toContain('meseta_framework_memory_rss_bytes{framework_id="f2"} 3333');
    expect(text).toContain('# TYPE meseta_framework_cpu_usage_cores gauge');
  });
});
