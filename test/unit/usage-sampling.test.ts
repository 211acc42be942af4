import { UsageRing, type UsageSample } from '../../agent/usage/usage-ring';
import { cpuRate, usagePoints } from '../../agent/usage/usage-rates';
import { parseProcStat, sumProcUsage, taskProcesses, type ProcStat } from '../../agent/usage/proc-stat';
import { ProcTable } from '../../agent/usage/proc-table';
import { cgroupV1Usage, cgroupV2Usage, keyedValue } from '../../agent/containerizers/cgroup-usage';
import { dockerStatsUsage } from '../../agent/containerizers/docker-stats-usage';
import { limitsOf, ringCapacity } from '../../agent/usage/usage-sampler';

describe('UsageRing', () => {
  const s = (t: number, user?: number): UsageSample => ({ timestamp: t, cpusUserTimeSecs: user });

  it.each([
    ['fewer samples than capacity are all kept, oldest first', 3, [1, 2], [1, 2]],
    ['exactly capacity', 3, [1, 2, 3], [1, 2, 3]],
    ['one past capacity drops the oldest', 3, [1, 2, 3, 4], [2, 3, 4]],
    ['many laps keep the newest', 3, [1, 2, 3, 4, 5, 6, 7, 8], [6, 7, 8]],
    ['capacity 1 keeps the latest only', 1, [1, 2, 3], [3]],
    ['a sample not later than the newest is refused', 3, [1, 2, 2, 1.5, 3], [1, 2, 3]],
  ])('%s', (_what, capacity, times, kept) => {
    const ring = new UsageRing(capacity);
    for (const t of times) ring.push(s(t, t * 10));
    expect(ring.toArray().map((x) => x.timestamp)).toEqual(kept);
    expect(ring.toArray().map((x) => x.cpusUserTimeSecs)).toEqual(kept.map((t) => t * 10));
    expect(ring.size).toBe(kept.length);
    expect(ring.latest()?.timestamp).toBe(kept[kept.length - 1]);
  });

  it('keeps absent fields absent and reads from a time on', () => {
    const ring = new UsageRing(4);
    ring.push({ timestamp: 10, memRssBytes: 5 });
    ring.push({ timestamp: 20, diskUsedBytes: 7 });
    ring.push({ timestamp: 30, cpusSystemTimeSecs: 1.5 });
    expect(ring.at(0)).toEqual({ timestamp: 10, memRssBytes: 5 });
    expect(ring.toArray(20)).toEqual([{ timestamp: 20, diskUsedBytes: 7 }, { timestamp: 30, cpusSystemTimeSecs: 1.5 }]);
    expect(ring.previous()).toEqual({ timestamp: 20, diskUsedBytes: 7 });
    expect(ring.at(3)).toBeUndefined();
    expect(ring.at(-1)).toBeUndefined();
  });

  it.each([[0], [-1], [1.5], [NaN]])('refuses capacity %p, naming it', (capacity) => {
    expect(() => new UsageRing(capacity)).toThrow(/capacity/);
  });

  it('refuses a non-finite timestamp', () => {
    const ring = new UsageRing(2);
    expect(ring.push({ timestamp: NaN })).toBe(false);
    expect(ring.size).toBe(0);
  });
});

describe('cpuRate', () => {
  const s = (t: number, user?: number, system?: number): UsageSample => ({ timestamp: t, cpusUserTimeSecs: user, cpusSystemTimeSecs: system });
  it.each([
    ['one core busy for 10 s', s(0, 1, 0), s(10, 11, 0), 1],
    ['user and system together', s(0, 1, 1), s(10, 3, 2), 0.3],
    ['idle', s(0, 5, 5), s(10, 5, 5), 0],
    ['two cores', s(100, 0, 0), s(110, 15, 5), 2],
    ['counter went down (processes replaced): none', s(0, 50, 0), s(10, 1, 0), undefined],
    ['time did not move: none', s(10, 1, 0), s(10, 2, 0), undefined],
    ['time went back: none', s(10, 1, 0), s(5, 2, 0), undefined],
    ['no CPU times: none', s(0), s(10), undefined],
    ['only system time counted', s(0, undefined, 1), s(2, undefined, 2), 0.5],
  ])('%s', (_what, a, b, expected) => {
    const rate = cpuRate(a, b);
    if (expected === undefined) expect(rate).toBeUndefined();
    else expect(rate).toBeCloseTo(expected, 9);
  });

  it('usagePoints: the first point has no rate; memory falls back to the total', () => {
    expect(usagePoints([
      { timestamp: 0, cpusUserTimeSecs: 0, memRssBytes: 100, diskUsedBytes: 4096 },
      { timestamp: 10, cpusUserTimeSecs: 5, memTotalBytes: 300 },
      { timestamp: 20, cpusUserTimeSecs: 1 },
    ])).toEqual([
      { t: 0, cpus: null, mem: 100, disk: 4096 },
      { t: 10, cpus: 0.5, mem: 300, disk: null },
      { t: 20, cpus: null, mem: null, disk: null },
    ]);
  });
});

describe('/proc/<pid>/stat', () => {
  // Real lines' shape: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
  const line = (pid: number, comm: string, ppid: number, pgrp: number, utime: number, stime: number, cutime: number, cstime: number, rss: number) =>
    `${pid} (${comm}) S ${ppid} ${pgrp} ${pgrp} 0 -1 4194304 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 12345 10000000 ${rss} 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0`;

  it.each([
    ['a plain command', line(42, 'sh', 1, 42, 10, 5, 2, 1, 300), { pid: 42, ppid: 1, pgrp: 42, utime: 10, stime: 5, cutime: 2, cstime: 1, rssPages: 300 }],
    ['a name with spaces and parentheses', line(7, 'my (weird) name', 3, 7, 1, 2, 3, 4, 5), { pid: 7, ppid: 3, pgrp: 7, utime: 1, stime: 2, cutime: 3, cstime: 4, rssPages: 5 }],
    ['a name ending in ")"', line(8, 'x) y', 1, 8, 0, 0, 0, 0, 1), { pid: 8, ppid: 1, pgrp: 8, utime: 0, stime: 0, cutime: 0, cstime: 0, rssPages: 1 }],
  ])('parses %s', (_what, text, expected) => {
    expect(parseProcStat(text)).toEqual(expected);
  });

  it.each([[''], ['garbage'], ['12 (x) S'], ['0 (kernel) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0']])('refuses %p', (text) => {
    expect(parseProcStat(text)).toBeUndefined();
  });

  const p = (pid: number, ppid: number, pgrp: number, ticks = 0, rss = 0): ProcStat => ({ pid, ppid, pgrp, utime: ticks, stime: 0, cutime: 0, cstime: 0, rssPages: rss });
  const procs = [
    p(1, 0, 1), // init
    p(100, 1, 100, 10, 1), // the task's leader (sh -c)
    p(101, 100, 100, 20, 2), // its child
    p(102, 101, 102, 30, 3), // a grandchild in a group of its own (setsid)
    p(103, 1, 100, 40, 4), // orphaned to init, still in the task's group
    p(200, 1, 200, 1000, 1000), // another task
  ];

  it.each([
    ['leader, descendants and its group', 100, [100, 101, 102, 103]],
    ['another task alone', 200, [200]],
    ['an unknown leader: nothing', 999, []],
  ])('taskProcesses: %s', (_what, leader, pids) => {
    expect(taskProcesses(procs, leader).map((x) => x.pid).sort((a, b) => a - b)).toEqual(pids);
  });

  it('sums ticks (children waited for included) and pages', () => {
    const sum = sumProcUsage([{ pid: 1, ppid: 0, pgrp: 1, utime: 150, stime: 50, cutime: 100, cstime: 50, rssPages: 10 }, p(2, 1, 1, 50, 5)], 100, 4096);
    expect(sum).toEqual({ cpusUserTimeSecs: 3, cpusSystemTimeSecs: 1, memRssBytes: 15 * 4096, processes: 2 });
  });

  it('ProcTable scans once per max age for every caller', async () => {
    let scans = 0;
    let now = 0;
    const table = new ProcTable({ scan: async () => { scans++; return [line(5, 'a', 1, 5, 1, 1, 0, 0, 1)]; } }, 1000, () => now);
    await Promise.all([table.processes(), table.processes(), table.processes()]);
    expect(scans).toBe(1);
    now = 999;
    await table.processes();
    expect(scans).toBe(1);
    now = 1000;
    expect((await table.processes()).map((x) => x.pid)).toEqual([5]);
    expect(scans).toBe(2);
  });
});

describe('cgroup files', () => {
  it.each([
    ['user 5\nsystem 7\n', 'user', 5],
    ['user 5\nsystem 7\n', 'system', 7],
    ['user_usec 1\nuser 2\n', 'user', 2],
    ['total_rss 10\nrss 3\n', 'rss', 3],
    ['', 'user', undefined],
    ['user x\n', 'user', undefined],
  ])('keyedValue(%p, %p) = %p', (text, key, expected) => {
    expect(keyedValue(text, key)).toBe(expected);
  });

  it.each([
    [
      'v1 with a limit',
      { cpuacctStat: 'user 250\nsystem 50\n', memoryStat: 'cache 4096\nrss 1000\ntotal_cache 8192\ntotal_rss 2000\n', memoryUsage: '10240\n', memoryLimit: '67108864\n' },
      { cpusUserTimeSecs: 2.5, cpusSystemTimeSecs: 0.5, memRssBytes: 2000, memTotalBytes: 10240, memLimitBytes: 67108864 },
    ],
    [
      'v1 without a limit (the kernel\'s huge number)',
      { cpuacctStat: 'user 0\nsystem 0\n', memoryStat: 'rss 4096\n', memoryUsage: '8192', memoryLimit: '9223372036854771712\n' },
      { cpusUserTimeSecs: 0, cpusSystemTimeSecs: 0, memRssBytes: 4096, memTotalBytes: 8192 },
    ],
    ['v1 files missing (the cgroup is gone)', {}, {}],
  ])('%s', (_what, files, expected) => {
    expect(cgroupV1Usage(files)).toEqual(expected);
  });

  it.each([
    [
      'v2 with a limit',
      { cpuStat: 'usage_usec 3000000\nuser_usec 2000000\nsystem_usec 1000000\n', memoryStat: 'anon 5000\nfile 9000\n', memoryCurrent: '14000\n', memoryMax: '67108864\n' },
      { cpusUserTimeSecs: 2, cpusSystemTimeSecs: 1, memRssBytes: 5000, memTotalBytes: 14000, memLimitBytes: 67108864 },
    ],
    [
      'v2 without a limit, no memory.stat',
      { cpuStat: 'user_usec 1\nsystem_usec 0\n', memoryCurrent: '100\n', memoryMax: 'max\n' },
      { cpusUserTimeSecs: 0.000001, cpusSystemTimeSecs: 0, memRssBytes: 100, memTotalBytes: 100 },
    ],
  ])('%s', (_what, files, expected) => {
    expect(cgroupV2Usage(files)).toEqual(expected);
  });

  it.each([
    [
      'cgroup v1 daemon',
      { cpu_stats: { cpu_usage: { usage_in_usermode: 3e9, usage_in_kernelmode: 1e9 } }, memory_stats: { usage: 9000, limit: 134217728, stats: { total_rss: 5000, rss: 5000 } } },
      { cpusUserTimeSecs: 3, cpusSystemTimeSecs: 1, memRssBytes: 5000, memTotalBytes: 9000, memLimitBytes: 134217728 },
    ],
    [
      'cgroup v2 daemon, no limit',
      { cpu_stats: { cpu_usage: { usage_in_usermode: 0, usage_in_kernelmode: 0 } }, memory_stats: { usage: 100, stats: { anon: 40 } } },
      { cpusUserTimeSecs: 0, cpusSystemTimeSecs: 0, memRssBytes: 40, memTotalBytes: 100 },
    ],
    ['an empty answer (container gone)', {}, {}],
  ])('docker stats: %s', (_what, stats, expected) => {
    expect(dockerStatsUsage(stats)).toEqual(expected);
  });
});

describe('limits and ring sizes', () => {
  it.each([
    ['cpus, mem and disk', [{ name: 'cpus', type: 0, scalar: { value: 0.5 } }, { name: 'mem', type: 0, scalar: { value: 64 } }, { name: 'disk', type: 0, scalar: { value: 10 } }], { cpus: 0.5, memBytes: 64 * 1048576, diskBytes: 10 * 1048576 }],
    ['none', [], {}],
    ['a persistent volume is not the sandbox\'s disk', [{ name: 'disk', type: 0, scalar: { value: 10 } }, { name: 'disk', type: 0, scalar: { value: 500 }, reservations: [{ role: 'eng' }], disk: { persistence: { id: 'db' } } }], { diskBytes: 10 * 1048576 }],
  ])('limitsOf: %s', (_what, resources, expected) => {
    expect(limitsOf(resources)).toEqual(expected);
  });

  it.each([
    [10_000, 360],
    [1_000, 3600],
    [7_000, 515],
    [3_600_000, 2],
    [10_000_000, 2],
  ])('an hour at %p ms is %p samples', (ms, n) => {
    expect(ringCapacity(ms)).toBe(n);
  });
});
