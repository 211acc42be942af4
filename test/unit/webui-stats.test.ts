import { agentTile, clusterResources, countBy, summaryResources, frameworkStatus, pendingReasons, stateTone, usageByFramework } from '../../master/webui/src/model/stats';
import { agentRow, declineRow, frameworkRow, taskRow } from './webui-fixtures';

describe('web UI figures', () => {
  it('sums resources of active agents only, with idle what is neither allocated nor offered', () => {
    const totals = clusterResources([
      agentRow('a1', { total: { cpus: 4, mem: 1000, disk: 100 }, allocated: { cpus: 1, mem: 200 }, offered: { cpus: 2 } }),
      agentRow('a2', { total: { cpus: 4, mem: 1000, disk: 100 }, allocated: { cpus: 0.5 }, offered: { mem: 800 } }),
      agentRow('a3', { status: 'UNREACHABLE', total: { cpus: 100, mem: 1, disk: 1 } }),
    ]);
    expect(totals).toEqual([
      { name: 'cpus', total: 8, allocated: 1.5, offered: 2, idle: 4.5 },
      { name: 'mem', total: 2000, allocated: 200, offered: 800, idle: 1000 },
      { name: 'disk', total: 200, allocated: 0, offered: 0, idle: 200 },
    ]);
  });

  it('lists gpus only when some agent has them, and never idles below zero', () => {
    expect(clusterResources([agentRow('a1')]).map((t) => t.name)).toEqual(['cpus', 'mem', 'disk']);
    const withGpus = clusterResources([agentRow('a1', { total: { cpus: 1, gpus: 2 }, allocated: { cpus: 2 } })]);
    expect(withGpus.map((t) => t.name)).toEqual(['cpus', 'mem', 'disk', 'gpus']);
    expect(withGpus[0].idle).toBe(0);
  });

  it('shows the three main resources even with no agents', () => {
    expect(clusterResources([])).toEqual([
      { name: 'cpus', total: 0, allocated: 0, offered: 0, idle: 0 },
      { name: 'mem', total: 0, allocated: 0, offered: 0, idle: 0 },
      { name: 'disk', total: 0, allocated: 0, offered: 0, idle: 0 },
    ]);
  });

  it('gives the same rows from the figures the master sums as from agent rows', () => {
    const rows = [
      agentRow('a1', { total: { cpus: 4, mem: 1000, disk: 100 }, allocated: { cpus: 1, mem: 200 }, offered: { cpus: 2 } }),
      agentRow('a2', { total: { cpus: 4, mem: 1000, disk: 100, gpus: 1 }, allocated: { cpus: 0.5 }, offered: { mem: 800 } }),
    ];
    const figures = { by_status: { ACTIVE: 2 }, total: { cpus: 8, mem: 2000, disk: 200, gpus: 1 }, allocated: { cpus: 1.5, mem: 200 }, offered: { cpus: 2, mem: 800 } };
    expect(summaryResources(figures)).toEqual(clusterResources(rows));
    expect(summaryResources({ by_status: {}, total: {}, allocated: {}, offered: {} })).toEqual(clusterResources([]));
  });

  it.each<[string, Record<string, number>, { agents: number; active: number; gone: number }]>([
    ['no agents', {}, { agents: 0, active: 0, gone: 0 }],
    ['50,000 active and 10 replaced at their address (gone): the tile reads 50,000, not 50,010', { ACTIVE: 50_000, GONE: 10 }, { agents: 50_000, active: 50_000, gone: 10 }],
    ['disconnected and unreachable agents are still the cluster\'s', { ACTIVE: 3, DISCONNECTED: 1, UNREACHABLE: 2 }, { agents: 6, active: 3, gone: 0 }],
  ])('agents tile: %s', (_name, byStatus, want) => {
    expect(agentTile(byStatus)).toEqual(want);
  });

  it('counts by key in the given order, then the rest by name', () => {
    expect(countBy(['b', 'x', 'a', 'b', 'y'], (s) => s, ['b', 'a'])).toEqual([
      ['b', 2],
      ['a', 1],
      ['x', 1],
      ['y', 1],
    ]);
  });

  it.each([
    ['TASK_RUNNING', 'ok'],
    ['ACTIVE', 'ok'],
    ['TASK_STAGING', 'warn'],
    ['DISCONNECTED', 'warn'],
    ['TASK_FAILED', 'bad'],
    ['UNREACHABLE', 'bad'],
    ['TASK_KILLED', 'neutral'],
  ])('colours %s as %s', (state, tone) => {
    expect(stateTone(state)).toBe(tone);
  });

  it('sums what each framework uses on an agent, leaving out completed tasks', () => {
    expect(
      usageByFramework([
        taskRow('f1', 't1', { resources: { cpus: 1, mem: 100 } }),
        taskRow('f2', 't2', { resources: { cpus: 2 } }),
        taskRow('f1', 't3', { resources: { cpus: 0.5, mem: 50 } }),
        taskRow('f1', 't4', { resources: { cpus: 9 }, completed: true }),
      ]),
    ).toEqual([
      { frameworkId: 'f2', tasks: 1, resources: { cpus: 2 } },
      { frameworkId: 'f1', tasks: 2, resources: { cpus: 1.5, mem: 150 } },
    ]);
  });

  it('gives each pending task the reasons of the latest decline that named it', () => {
    const f = frameworkRow('f1', {
      declines: [
        declineRow(10, [['cpus', 4, 1, 'big']], 'a1'),
        declineRow(20, [['cpus', 4, 2, 'big'], ['mem', 64, 32, 'other']], 'a2'),
        declineRow(15, [['disk', 10, 0]], 'a3'),
      ],
    });
    const reasons = pendingReasons(f);
    expect(reasons.map((r) => [r.taskId, r.refusals.map((x) => x.message), r.agentId])).toEqual([
      ['big', ['cpus: asked 4, largest offer 2'], 'a2'],
      ['other', ['mem: asked 64, largest offer 32'], 'a2'],
      ['', ['disk: asked 10, largest offer 0'], 'a3'],
    ]);
  });

  it('has no pending reasons without declines', () => {
    expect(pendingReasons(frameworkRow('f1'))).toEqual([]);
  });

  it.each([
    [{}, 'active'],
    [{ active: false }, 'inactive'],
    [{ connected: false, active: false }, 'disconnected'],
    [{ completed: true, connected: false }, 'completed'],
  ])('calls a framework with %p %s', (over, status) => {
    expect(frameworkStatus(frameworkRow('f', over))).toBe(status);
  });
});
