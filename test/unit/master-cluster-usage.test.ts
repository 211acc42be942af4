import { ClusterUsage, MAX_REPORTED_CONTAINERS, UsageReportError } from '../../master/cluster-usage';
import { shapeUsageSeries } from '../../master/usage-series-shape';
import { parseUsagePath } from '../../master/http-usage';
import type { AgentRecord, TaskRecord } from '../../master/state';
import { escapeLabelValue, renderPrometheus } from '@meseta/runtime/prometheus-text';

function agent(id: string, tasks: string[]): AgentRecord {
  const map = new Map<string, TaskRecord>();
  for (const t of tasks) map.set(`fw/${t}`, { frameworkId: 'fw', taskId: t, agentId: id } as TaskRecord);
  return { id, tasks: map } as unknown as AgentRecord;
}

const entry = (task: string, cpu: number, rate: number, mem: number, disk: number) => ({
  task_id: { value: task }, framework_id: { value: 'fw' }, cpus_time_secs: cpu, cpus_rate: rate, mem_rss_bytes: mem, disk_used_bytes: disk, timestamp: 1,
});

const report = (containers: ReturnType<typeof entry>[], extra: Record<string, number> = {}) => ({
  timestamp: 1, containers, tasks_launching: 1, tasks_running: containers.length,
  total_cpus: 4, total_mem_mb: 1024, total_disk_mb: 2048, allocated_cpus: 1, allocated_mem_mb: 128, allocated_disk_mb: 10,
  used_cpus: containers.reduce((s, c) => s + c.cpus_rate, 0), used_mem_mb: 1, used_disk_mb: 0.5, ...extra,
});

describe('ClusterUsage', () => {
  it('keeps the latest report per agent and sums agents incrementally', () => {
    const usage = new ClusterUsage({ staleAfterSeconds: 100 });
    const a = agent('a', ['t1', 't2']);
    const b = agent('b', ['t3']);
    usage.report(a, report([entry('t1', 10, 0.5, 100, 4096), entry('t2', 1, 0.25, 50, 0)]), 0);
    usage.report(b, report([entry('t3', 2, 1, 10, 0)]), 0);
    usage.report(a, report([entry('t1', 20, 1, 200, 4096)]), 5); // replaces a's first report
    const p = usage.sample(10, { launched: 0, ended: 0 });
    expect(p.agents).toBe(2);
    expect(p.total).toEqual({ cpus: 8, mem: 2048, disk: 4096 });
    expect(p.allocated).toEqual({ cpus: 2, mem: 256, disk: 20 });
    expect(p.used.cpus).toBe(2);
    expect(p.pending).toBe(2);
    expect(p.running).toBe(2);
    expect([...usage.tasks()].map((u) => [u.task.taskId, u.cpuSeconds, u.cpuCores, u.memBytes, u.diskBytes])).toEqual([
      ['t3', 2, 1, 10, 0],
      ['t1', 20, 1, 200, 4096],
    ]);
  });

  it('drops entries for tasks the master does not hold on that agent', () => {
    const usage = new ClusterUsage();
    usage.report(agent('a', ['t1']), report([entry('t1', 1, 0, 0, 0), entry('elsewhere', 1, 0, 0, 0)]), 0);
    expect([...usage.tasks()].map((u) => u.task.taskId)).toEqual(['t1']);
    expect(usage.unknownTaskEntries).toBe(1);
  });

  it('expires agents that stopped reporting, oldest first, and their sums with them', () => {
    const usage = new ClusterUsage({ staleAfterSeconds: 60 });
    usage.report(agent('a', []), report([]), 0);
    usage.report(agent('b', []), report([]), 50);
    expect(usage.sample(70, { launched: 0, ended: 0 }).agents).toBe(1);
    expect(usage.sample(80, { launched: 0, ended: 0 }).total.cpus).toBe(4);
    expect(usage.sample(200, { launched: 0, ended: 0 })).toMatchObject({ agents: 0, total: { cpus: 0, mem: 0, disk: 0 } });
  });

  it('drops at most its cap of stale reports per call, the rest at the next', () => {
    const usage = new ClusterUsage({ staleAfterSeconds: 10 });
    for (let i = 0; i < 5; i++) usage.report(agent(`a${i}`, []), report([]), i);
    usage.expire(100, 2);
    expect(usage.reporting).toBe(3);
    usage.expire(100, 2);
    usage.expire(100, 2);
    expect(usage.reporting).toBe(0);
  });

  it.each([
    ['a negative number', { used_cpus: -1 }, /usage\.used_cpus: -1/],
    ['not a number', { total_cpus: NaN }, /usage\.total_cpus: NaN/],
    ['infinite', { allocated_mem_mb: Infinity }, /usage\.allocated_mem_mb: Infinity/],
  ])('refuses a report with %s, naming the field, and keeps the previous one', (_what, extra, message) => {
    const usage = new ClusterUsage();
    const a = agent('a', ['t1']);
    usage.report(a, report([entry('t1', 1, 0.5, 1, 1)]), 0);
    expect(() => usage.report(a, report([], extra), 1)).toThrow(message);
    expect([...usage.tasks()]).toHaveLength(1);
    expect(usage.sample(2, { launched: 0, ended: 0 }).total.cpus).toBe(4);
  });

  it('refuses a container entry with a bad value, naming its index', () => {
    const usage = new ClusterUsage();
    expect(() => usage.report(agent('a', ['t1']), report([{ ...entry('t1', 1, 0, 0, 0), mem_rss_bytes: -5 }]), 0)).toThrow(/usage\.containers\[0\]\.mem_rss_bytes/);
  });

  it('refuses more containers than the limit', () => {
    const usage = new ClusterUsage();
    const many = Array.from({ length: MAX_REPORTED_CONTAINERS + 1 }, (_, i) => entry(`t${i}`, 0, 0, 0, 0));
    expect(() => usage.report(agent('a', []), report(many), 0)).toThrow(UsageReportError);
  });

  it.each([
    ['first point: no rates', [[0, 0, 0]], [null, null]],
    ['60 launched and 30 ended in 10 s: 360 and 180 a minute', [[0, 0, 0], [10, 60, 30]], [360, 180]],
    ['a counter going down (a new leader): no rate', [[0, 10, 10], [10, 5, 5]], [null, null]],
  ])('task rates: %s', (_what, steps, rates) => {
    const usage = new ClusterUsage();
    let p;
    for (const [t, launched, ended] of steps) p = usage.sample(t, { launched, ended });
    expect([p!.launched_per_minute, p!.ended_per_minute]).toEqual(rates);
  });

  it('keeps at most its points, the newest', () => {
    const usage = new ClusterUsage({ points: 3 });
    for (let t = 1; t <= 5; t++) usage.sample(t, { launched: 0, ended: 0 });
    expect(usage.clusterSeries().map((p) => p.t)).toEqual([3, 4, 5]);
  });
});

describe('an agent usage series relayed by the master', () => {
  it.each([
    ['not an object', [], /not an object/],
    ['no interval', { points: [] }, /interval_seconds/],
    ['points not a list', { interval_seconds: 10, points: {} }, /points: not a list/],
    ['a point without a time', { interval_seconds: 10, points: [{ cpus: 1 }] }, /points\[0\]\.t/],
  ])('refuses %s', (_what, body, error) => {
    const shaped = shapeUsageSeries('a', body);
    expect(shaped.ok).toBe(false);
    if (!shaped.ok) expect(shaped.error).toMatch(error);
  });

  it('keeps only numbers a chart reads', () => {
    const shaped = shapeUsageSeries('a', {
      interval_seconds: 10, task_id: 't', framework_id: 'f', container_id: 'c', extra: 'dropped',
      limits: { cpus: 1, mem_bytes: 'x', disk_bytes: 5 },
      points: [{ t: 1, cpus: null, mem: 5, disk: 'no', junk: 1 }, { t: 2, cpus: 0.5, mem: 6, disk: 7, allocated: { cpus: 1, mem: 2, disk: 3 } }],
    });
    expect(shaped).toEqual({ ok: true, value: {
      agent_id: 'a', task_id: 't', framework_id: 'f', container_id: 'c', interval_seconds: 10,
      limits: { cpus: 1, mem_bytes: undefined, disk_bytes: 5 },
      points: [{ t: 1, cpus: null, mem: 5, disk: null }, { t: 2, cpus: 0.5, mem: 6, disk: 7, allocated: { cpus: 1, mem: 2, disk: 3 } }],
    } });
  });

  it.each([
    ['/api/v1/usage/cluster', { kind: 'cluster' }],
    ['/api/v1/usage/agents/a%2F1', { kind: 'agent', agentId: 'a/1' }],
    ['/api/v1/usage/tasks/f/t%20x', { kind: 'task', frameworkId: 'f', taskId: 't x' }],
    ['/api/v1/usage/tasks/f', undefined],
    ['/api/v1/usage/agents/%E0%A4%A', undefined],
    ['/api/v1/usage', undefined],
  ])('parseUsagePath(%p)', (path, expected) => {
    expect(parseUsagePath(path)).toEqual(expected);
  });
});

describe('Prometheus label values', () => {
  it.each([
    ['plain', 'plain'],
    ['a"quote', 'a\\"quote'],
    ['back\\slash', 'back\\\\slash'],
    ['new\nline', 'new\\nline'],
    ['all \\ " \n', 'all \\\\ \\" \\n'],
    ['ünïcode ✓', 'ünïcode ✓'],
    ['tab\tstays', 'tab\tstays'],
  ])('%p is written %p', (value, written) => {
    expect(escapeLabelValue(value)).toBe(written);
  });

  it('renders HELP and TYPE once per name, labels escaped, non-finite values as 0', () => {
    expect(renderPrometheus([
      { name: 'm', value: 1, help: 'help with \\ and\nnewline', type: 'gauge', labels: { task_id: 'a"b' } },
      { name: 'm', value: NaN, help: 'ignored', type: 'gauge', labels: { task_id: 'c' } },
      { name: 'n_total', value: 2.5, help: 'h', type: 'counter' },
    ])).toBe([
      '# HELP m help with \\\\ and\\nnewline',
      '# TYPE m gauge',
      'm{task_id="a\\"b"} 1',
      'm{task_id="c"} 0',
      '# HELP n_total h',
      '# TYPE n_total counter',
      'n_total 2.5',
      '',
    ].join('\n'));
  });
});
