/**
 * Cgroup limits from task resources, and telling cgroup v1, hybrid and v2
 * machines apart from /proc/self/mountinfo.
 */
import type { Resource } from '@meseta/proto/wire';
import { cfsQuotaUs, cpuShares, limitsFor, memoryBytes, scalarSum } from '../../agent/containerizers/cgroup-limits';
import { Cgroups, parseCgroupMounts } from '../../agent/containerizers/cgroups';

const scalar = (name: string, value: number): Resource => ({ name, type: 0, scalar: { value } });

describe('limits from resources', () => {
  it.each<[string, Resource[], object]>([
    ['cpus and mem', [scalar('cpus', 0.5), scalar('mem', 64)], { cpuShares: 512, cpuPeriodUs: 100_000, cpuQuotaUs: 50_000, memoryBytes: 64 * 2 ** 20, pids: 4096 }],
    ['two cpus', [scalar('cpus', 2)], { cpuShares: 2048, cpuQuotaUs: 200_000, pids: 4096 }],
    ['a pids resource', [scalar('pids', 100)], { pids: 100 }],
    ['nothing', [], { pids: 4096 }],
    ['cpus split over two reservations', [scalar('cpus', 0.25), scalar('cpus', 0.25)], { cpuShares: 512 }],
  ])('%s', (_name, resources, expected) => {
    expect(limitsFor(resources)).toMatchObject(expected);
  });

  it('leaves the pids limit off when the default is 0 and the task names none', () => {
    expect(limitsFor([scalar('mem', 10)], 0).pids).toBeUndefined();
  });

  it.each<[number, number]>([
    [0.001, 2],
    [0.1, 102],
    [1, 1024],
  ])('gives %f cpus %i shares (never below the kernel minimum of 2)', (cpus, shares) => {
    expect(cpuShares(cpus)).toBe(shares);
  });

  it.each<[number, number]>([
    [0.001, 1000],
    [0.25, 25_000],
    [4, 400_000],
  ])('gives %f cpus a CFS quota of %i µs per 100 ms (never below 1 ms)', (cpus, quota) => {
    expect(cfsQuotaUs(cpus)).toBe(quota);
  });

  it('gives a container at least 4 MB so the runtime can start in it', () => {
    expect(memoryBytes(1)).toBe(4 * 2 ** 20);
    expect(memoryBytes(32)).toBe(32 * 2 ** 20);
  });

  it('sums only scalar resources of that name', () => {
    expect(scalarSum([scalar('mem', 1), scalar('mem', 2), scalar('cpus', 4)], 'mem')).toBe(3);
    expect(scalarSum([], 'mem')).toBeUndefined();
  });
});

const HYBRID = `
25 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
30 29 0:26 / /sys/fs/cgroup rw,nosuid shared:9 - tmpfs tmpfs rw,mode=755
31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid shared:10 - cgroup2 cgroup2 rw
32 30 0:28 / /sys/fs/cgroup/systemd rw,nosuid shared:11 - cgroup cgroup rw,xattr,name=systemd
33 30 0:29 / /sys/fs/cgroup/memory rw,nosuid shared:12 - cgroup cgroup rw,memory
34 30 0:30 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:13 - cgroup cgroup rw,cpu,cpuacct
35 30 0:31 / /sys/fs/cgroup/pids rw,nosuid shared:14 - cgroup cgroup rw,pids
`;

const UNIFIED = `
25 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
30 29 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
`;

describe('finding the cgroup filesystems', () => {
  it('reads a hybrid machine as v1, with each controller, named and unified hierarchies', () => {
    expect(parseCgroupMounts(HYBRID)).toEqual({
      version: 'v1',
      controllers: { memory: '/sys/fs/cgroup/memory', cpu: '/sys/fs/cgroup/cpu,cpuacct', cpuacct: '/sys/fs/cgroup/cpu,cpuacct', pids: '/sys/fs/cgroup/pids' },
      all: ['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd', '/sys/fs/cgroup/memory', '/sys/fs/cgroup/cpu,cpuacct', '/sys/fs/cgroup/pids'],
      unified: '/sys/fs/cgroup/unified',
    });
  });

  it('reads a unified machine as v2', () => {
    expect(parseCgroupMounts(UNIFIED)).toEqual({ version: 'v2', controllers: {}, all: ['/sys/fs/cgroup'], unified: '/sys/fs/cgroup' });
  });

  it('finds nothing usable without a cgroup filesystem', () => {
    expect(parseCgroupMounts('25 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n')).toBeUndefined();
  });
});

describe('the steps that make a container cgroup', () => {
  const v1 = new Cgroups(parseCgroupMounts(HYBRID)!, 'meseta');
  const v2 = new Cgroups(parseCgroupMounts(UNIFIED)!, 'meseta');
  const show = (steps: ReturnType<Cgroups['creationSteps']>): string[] => steps.map((s) => (s.kind === 'mkdir' ? `mkdir ${s.path}` : `${s.path} = ${s.value}${s.optional ? ' (optional)' : ''}`));

  const everyHierarchy = (name: string): string[] =>
    ['unified', 'systemd', 'memory', 'cpu,cpuacct', 'pids'].map((h) => `mkdir /sys/fs/cgroup/${h}/meseta/${name}`);

  it('makes the folder in every hierarchy and puts only the memory limit on a task container (v1; runc applies CPU and pids below)', () => {
    expect(show(v1.creationSteps('c1', { memoryBytes: 1024 }))).toEqual([...everyHierarchy('c1'), '/sys/fs/cgroup/memory/meseta/c1/memory.limit_in_bytes = 1024']);
  });

  it('limits swap too on a machine with swap', () => {
    const withSwap = new Cgroups(parseCgroupMounts(HYBRID)!, 'meseta', true);
    expect(show(withSwap.creationSteps('c1', { memoryBytes: 1024 }))).toContain('/sys/fs/cgroup/memory/meseta/c1/memory.memsw.limit_in_bytes = 1024 (optional)');
  });

  it("puts a pod's memory, CPU and pids limits on its folder (v1)", () => {
    expect(show(v1.creationSteps('pod', { memoryBytes: 2048, cpuShares: 512, cpuQuotaUs: 50_000, cpuPeriodUs: 100_000, pids: 64 }))).toEqual([
      ...everyHierarchy('pod'),
      '/sys/fs/cgroup/memory/meseta/pod/memory.limit_in_bytes = 2048',
      '/sys/fs/cgroup/cpu,cpuacct/meseta/pod/cpu.shares = 512',
      '/sys/fs/cgroup/cpu,cpuacct/meseta/pod/cpu.cfs_period_us = 100000',
      '/sys/fs/cgroup/cpu,cpuacct/meseta/pod/cpu.cfs_quota_us = 50000',
      '/sys/fs/cgroup/pids/meseta/pod/pids.max = 64',
    ]);
  });

  it('delegates the controllers on the way down and converts shares to a weight (v2)', () => {
    expect(show(v2.creationSteps('pod/c1', { memoryBytes: 4096, cpuShares: 1024, cpuQuotaUs: 100_000, cpuPeriodUs: 100_000 }))).toEqual([
      '/sys/fs/cgroup/cgroup.subtree_control = +memory +cpu +pids (optional)',
      'mkdir /sys/fs/cgroup/meseta',
      '/sys/fs/cgroup/meseta/cgroup.subtree_control = +memory +cpu +pids (optional)',
      'mkdir /sys/fs/cgroup/meseta/pod',
      '/sys/fs/cgroup/meseta/pod/cgroup.subtree_control = +memory +cpu +pids (optional)',
      'mkdir /sys/fs/cgroup/meseta/pod/c1',
      '/sys/fs/cgroup/meseta/pod/c1/cgroup.subtree_control = +memory +cpu +pids (optional)',
      '/sys/fs/cgroup/meseta/pod/c1/memory.max = 4096',
      '/sys/fs/cgroup/meseta/pod/c1/memory.swap.max = 0 (optional)',
      '/sys/fs/cgroup/meseta/pod/c1/cpu.weight = 39',
      '/sys/fs/cgroup/meseta/pod/c1/cpu.max = 100000 100000',
    ]);
  });
});
