/**
 * The generated OCI runtime config: namespaces for each network mode and
 * for pod members, the overlay root mounted inside the container, the
 * sandbox at /mnt/mesos/sandbox, and CPU and pids limits.
 */
import { CONTAINER_SANDBOX, ociConfig, ociResources, type BundleSpec } from '../../agent/containerizers/oci-bundle';

const BASE: BundleSpec = {
  args: ['/bin/sh', '-c', 'true'],
  env: ['PATH=/bin'],
  cwd: CONTAINER_SANDBOX,
  hostname: 'web-1',
  rootPath: '/c/root',
  overlay: { lower: '/images/sha256/abc/rootfs', upper: '/c/upper', work: '/c/work' },
  sandboxDir: '/agent/sandbox',
  network: 'host',
  cgroupsPath: '/meseta/c1/task',
  limits: { cpuShares: 512, cpuQuotaUs: 50_000, cpuPeriodUs: 100_000, pids: 100, memoryBytes: 64 << 20 },
};

type Config = { hostname?: string; root: { readonly: boolean }; linux: { namespaces: Array<{ type: string; path?: string }>; cgroupsPath: string; resources: Record<string, unknown> }; mounts: Array<{ destination: string; type: string; source: string; options?: string[] }>; process: { args: string[]; cwd: string } };
const config = (spec: Partial<BundleSpec>): Config => ociConfig({ ...BASE, ...spec }) as unknown as Config;
const namespaces = (c: Config): string[] => c.linux.namespaces.map((n) => (n.path ? `${n.type}=${n.path}` : n.type)).sort();

describe('the OCI config of a container', () => {
  it.each<[string, Partial<BundleSpec>, string[]]>([
    ['host networking', { network: 'host' }, ['ipc', 'mount', 'pid', 'uts']],
    ['no networking (only loopback)', { network: { kind: 'own' } }, ['ipc', 'mount', 'network', 'pid', 'uts']],
    [
      'a pod member',
      { network: { kind: 'join', path: '/proc/42/ns/net' }, ipc: { kind: 'join', path: '/proc/42/ns/ipc' }, uts: { kind: 'join', path: '/proc/42/ns/uts' } },
      ['ipc=/proc/42/ns/ipc', 'mount', 'network=/proc/42/ns/net', 'pid', 'uts=/proc/42/ns/uts'],
    ],
  ])('has pid, mount, uts and ipc namespaces and the network of %s', (_name, spec, expected) => {
    expect(namespaces(config(spec))).toEqual(expected);
  });

  it('sets the host name only with a uts namespace of its own', () => {
    expect(config({}).hostname).toBe('web-1');
    expect(config({ uts: { kind: 'join', path: '/proc/42/ns/uts' } }).hostname).toBeUndefined();
  });

  it('mounts the overlay at / first, then proc, dev and sys, and the sandbox read-write', () => {
    const c = config({ network: { kind: 'own' } });
    expect(c.mounts[0]).toEqual({
      destination: '/',
      type: 'overlay',
      source: 'overlay',
      options: ['lowerdir=/images/sha256/abc/rootfs', 'upperdir=/c/upper', 'workdir=/c/work'],
    });
    expect(c.mounts.map((m) => m.destination)).toEqual(['/', '/proc', '/dev', '/dev/pts', '/dev/shm', '/dev/mqueue', '/sys', CONTAINER_SANDBOX]);
    expect(c.mounts.find((m) => m.destination === CONTAINER_SANDBOX)).toMatchObject({ type: 'bind', source: '/agent/sandbox', options: ['rbind', 'rw'] });
    expect(c.mounts.find((m) => m.destination === '/sys')?.type).toBe('sysfs');
    expect(c.root.readonly).toBe(false);
  });

  it("bind-mounts the task's volumes after the sandbox, read-only where they ask", () => {
    const c = config({ volumes: [{ source: '/data', destination: '/srv/data', readOnly: true }, { source: '/cache', destination: '/cache', readOnly: false }] });
    expect(c.mounts.slice(-2)).toEqual([
      { destination: '/srv/data', type: 'bind', source: '/data', options: ['rbind', 'ro'] },
      { destination: '/cache', type: 'bind', source: '/cache', options: ['rbind', 'rw'] },
    ]);
  });

  it('binds the host /sys read-only for host networking (sysfs follows the network namespace)', () => {
    expect(config({ network: 'host' }).mounts.find((m) => m.destination === '/sys')).toMatchObject({ type: 'bind', source: '/sys' });
  });

  it('runs a pause container from a read-only root without overlay or sandbox', () => {
    const c = config({ overlay: undefined, sandboxDir: undefined, args: ['/pause'] });
    expect(c.root.readonly).toBe(true);
    expect(c.mounts.map((m) => m.destination)).not.toContain('/');
    expect(c.mounts.map((m) => m.destination)).not.toContain(CONTAINER_SANDBOX);
    expect(c.process.args).toEqual(['/pause']);
  });

  it('puts CPU and pids limits in linux.resources and leaves memory to the agent cgroup', () => {
    expect(config({}).linux.cgroupsPath).toBe('/meseta/c1/task');
    expect(ociResources(BASE.limits)).toEqual({
      devices: [{ allow: false, access: 'rwm' }],
      cpu: { shares: 512, quota: 50_000, period: 100_000 },
      pids: { limit: 100 },
    });
    expect(ociResources({})).toEqual({ devices: [{ allow: false, access: 'rwm' }] });
  });
});
