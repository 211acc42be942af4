/**
 * The OCI runtime config (`config.json`) of a container, built from what
 * the containerizer decided (pure, no I/O):
 * - root: an overlay mounted at `/` inside the container's own mount
 *   namespace (image read-only below, the container's writable layer
 *   above), so the mount disappears with the container and never leaks
 *   onto the host;
 * - pid, mount, uts and ipc namespaces (network: host, a new one with only
 *   loopback for `none`, or a pod's; ipc and uts may be a pod's too);
 * - the sandbox bind-mounted read-write at {@link CONTAINER_SANDBOX}, the
 *   task's volumes (host paths) where they ask;
 * - CPU shares and CFS quota and a pids limit in `linux.resources` (the
 *   memory limit sits on the agent's cgroup above, see cgroups.ts).
 */
import type { ContainerLimits } from './cgroup-limits';
import type { VolumeBind } from '@meseta/proto/container-validation';

/** Where every container sees its sandbox (the path Mesos uses). */
export const CONTAINER_SANDBOX = '/mnt/mesos/sandbox';

/** A namespace the container gets: its own, or one joined by path (`/proc/PID/ns/net`). */
export type NamespaceChoice = { kind: 'own' } | { kind: 'join'; path: string };

/** Everything the config is built from. */
export interface BundleSpec {
  /** argv of the container's first process (PID 1). */
  args: string[];
  /** `NAME=value` strings. */
  env: string[];
  /** Working directory inside the container. */
  cwd: string;
  /** Host name; only set when the container has its own uts namespace. */
  hostname?: string;
  /**
   * With an overlay: an empty directory the overlay is mounted on. Without:
   * the root filesystem itself, mounted read-only (a pod's pause container).
   */
  rootPath: string;
  /** The overlay's layers: the image (lower, read-only) and the container's own (upper + work). */
  overlay?: { lower: string; upper: string; work: string };
  /** Host directory of the sandbox, bind-mounted at {@link CONTAINER_SANDBOX}. */
  sandboxDir?: string;
  /** Network: `host` shares the agent's, `own` is a new namespace with loopback only (`none`), or a pod's. */
  network: 'host' | NamespaceChoice;
  /** IPC namespace. @default own */
  ipc?: NamespaceChoice;
  /** UTS namespace. @default own */
  uts?: NamespaceChoice;
  /** cgroup path runc creates (`/meseta/<id>/task`). */
  cgroupsPath: string;
  limits: ContainerLimits;
  /** Extra read-only bind mounts (host files such as /etc/resolv.conf for host networking). */
  readonlyBinds?: Array<{ source: string; destination: string }>;
  /** The task's volumes: host paths bind-mounted into the container. */
  volumes?: readonly VolumeBind[];
  /** Run the process as this user. @default 0:0 */
  user?: { uid: number; gid: number };
}

/** The capabilities Docker gives a container by default, so images behave as under Docker. */
export const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

const MASKED_PATHS = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/sys/firmware',
  '/proc/scsi',
];

const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** An OCI runtime config object (the subset Meseta writes). */
export type OciConfig = Record<string, unknown>;

function namespace(type: string, choice: NamespaceChoice): Record<string, string> {
  return choice.kind === 'join' ? { type, path: choice.path } : { type };
}

/** The OCI `linux.resources` for `limits` (CPU and pids; memory is the agent cgroup's). */
export function ociResources(limits: ContainerLimits): Record<string, unknown> {
  const resources: Record<string, unknown> = { devices: [{ allow: false, access: 'rwm' }] };
  if (limits.cpuShares !== undefined) {
    const cpu: Record<string, number> = { shares: limits.cpuShares };
    if (limits.cpuQuotaUs !== undefined) {
      cpu.quota = limits.cpuQuotaUs;
      cpu.period = limits.cpuPeriodUs ?? 100_000;
    }
    resources.cpu = cpu;
  }
  if (limits.pids !== undefined) resources.pids = { limit: limits.pids };
  return resources;
}

/** The config.json object for `spec`. */
export function ociConfig(spec: BundleSpec): OciConfig {
  const uts = spec.uts ?? { kind: 'own' };
  const namespaces: Array<Record<string, string>> = [
    { type: 'pid' },
    { type: 'mount' },
    namespace('ipc', spec.ipc ?? { kind: 'own' }),
    namespace('uts', uts),
  ];
  if (spec.network !== 'host') namespaces.push(namespace('network', spec.network));
  const mounts: Array<Record<string, unknown>> = [];
  if (spec.overlay) {
    const { lower, upper, work } = spec.overlay;
    mounts.push({ destination: '/', type: 'overlay', source: 'overlay', options: [`lowerdir=${lower}`, `upperdir=${upper}`, `workdir=${work}`] });
  }
  mounts.push(
    { destination: '/proc', type: 'proc', source: 'proc' },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    spec.network === 'host'
      ? { destination: '/sys', type: 'bind', source: '/sys', options: ['rbind', 'nosuid', 'noexec', 'nodev', 'ro'] }
      : { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
  );
  if (spec.sandboxDir) mounts.push({ destination: CONTAINER_SANDBOX, type: 'bind', source: spec.sandboxDir, options: ['rbind', 'rw'] });
  for (const bind of spec.readonlyBinds ?? []) {
    mounts.push({ destination: bind.destination, type: 'bind', source: bind.source, options: ['rbind', 'ro'] });
  }
  for (const volume of spec.volumes ?? []) {
    mounts.push({ destination: volume.destination, type: 'bind', source: volume.source, options: ['rbind', volume.readOnly ? 'ro' : 'rw'] });
  }
  const config: OciConfig = {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: spec.user ?? { uid: 0, gid: 0 },
      args: spec.args,
      env: spec.env,
      cwd: spec.cwd,
      capabilities: {
        bounding: DEFAULT_CAPABILITIES,
        effective: DEFAULT_CAPABILITIES,
        permitted: DEFAULT_CAPABILITIES,
      },
      noNewPrivileges: true,
    },
    root: { path: spec.rootPath, readonly: !spec.overlay },
    mounts,
    linux: {
      namespaces,
      cgroupsPath: spec.cgroupsPath,
      resources: ociResources(spec.limits),
      maskedPaths: MASKED_PATHS,
      readonlyPaths: READONLY_PATHS,
    },
  };
  if (spec.hostname !== undefined && uts.kind === 'own') config.hostname = spec.hostname;
  return config;
}
