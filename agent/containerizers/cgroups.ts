/**
 * The agent's own cgroups, one folder per container under a root
 * (`--cgroups-root`, default `meseta`), in cgroup v1 (one hierarchy per
 * controller, as on this machine) or v2 (the unified hierarchy).
 *
 * The runtime (runc) creates and removes each container's innermost
 * cgroup and applies the CPU and pids limits there. The agent creates the
 * folder above it and puts the memory limit on that folder: the kernel's
 * record of hitting the limit (v1 `memory.failcnt`, v2 `memory.events`)
 * then outlives the runtime's cleanup, so an OOM kill can be told apart
 * from other ends. When the container is gone the agent removes its folder
 * from every hierarchy (runc leaves the parents it created).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerLimits } from './cgroup-limits';
import { type CgroupUsage, cgroupV1Usage, cgroupV2Usage } from './cgroup-usage';

/** Where the cgroup filesystems are mounted. */
export interface CgroupMounts {
  version: 'v1' | 'v2';
  /** v1: mount point of each controller (`memory` → `/sys/fs/cgroup/memory`). */
  controllers: Record<string, string>;
  /** Every cgroup mount point (v1 hierarchies, named ones and the unified one). */
  all: string[];
  /** Mount point of the unified (v2) hierarchy, if any. */
  unified?: string;
}

/** The controllers of cgroup v1 (mount options that are not controllers are left out). */
const V1_CONTROLLERS = new Set(['cpu', 'cpuacct', 'cpuset', 'memory', 'devices', 'freezer', 'net_cls', 'net_prio', 'blkio', 'perf_event', 'hugetlb', 'pids', 'rdma', 'misc']);

/**
 * Read `/proc/self/mountinfo` text: v1 when a v1 hierarchy carries the
 * memory controller (legacy or hybrid), else v2 when cgroup2 is mounted.
 * Returns undefined when neither is usable.
 */
export function parseCgroupMounts(mountinfo: string): CgroupMounts | undefined {
  const controllers: Record<string, string> = {};
  const all: string[] = [];
  let unified: string | undefined;
  for (const line of mountinfo.split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const fields = line.slice(0, dash).split(' ');
    const [fstype, , superOptions = ''] = line.slice(dash + 3).split(' ');
    const mountPoint = (fields[4] ?? '').replace(/\\040/g, ' ');
    if (fstype === 'cgroup2') {
      unified ??= mountPoint;
      all.push(mountPoint);
    } else if (fstype === 'cgroup') {
      all.push(mountPoint);
      for (const option of superOptions.split(',')) {
        if (V1_CONTROLLERS.has(option)) controllers[option] ??= mountPoint;
      }
    }
  }
  if (controllers.memory) return { version: 'v1', controllers, all, unified };
  if (unified) return { version: 'v2', controllers: {}, all, unified };
  return undefined;
}

/** One step of making a cgroup folder: a directory, or a value written to a control file. */
export type CgroupStep = { kind: 'mkdir'; path: string } | { kind: 'write'; path: string; value: string; optional: boolean };

/** What the kernel recorded about a container's memory. */
export interface MemoryVerdict {
  /** True when the container was killed by the kernel for exceeding its memory limit (v2 exact; v1: limit hit). */
  limitHit: boolean;
  /** Peak usage, when the kernel keeps it. */
  peakBytes?: number;
}

export type { CgroupUsage } from './cgroup-usage';

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function keyed(text: string | undefined, key: string): number | undefined {
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The agent's cgroups under one root folder. */
export class Cgroups {
  constructor(
    readonly mounts: CgroupMounts,
    /** Folder under each hierarchy's root, e.g. `meseta`. */
    readonly root: string,
    /** The machine has swap: v1 limits memory + swap too. */
    readonly swap: boolean = false,
  ) {}

  /** Detect the mounts of this machine; undefined when there is no usable cgroup filesystem. */
  static async detect(root: string): Promise<Cgroups | undefined> {
    const mounts = parseCgroupMounts(await fs.promises.readFile('/proc/self/mountinfo', 'utf8'));
    const swapTotal = keyed((await readText('/proc/meminfo'))?.replace(/:\s+/g, ' ').replace(/ kB$/gm, ''), 'SwapTotal') ?? 0;
    return mounts ? new Cgroups(mounts, root, swapTotal > 0) : undefined;
  }

  /** `root/relative`, the path runc's `cgroupsPath` takes (with a leading slash). */
  cgroupPath(relative: string): string {
    return `/${path.posix.join(this.root, relative)}`;
  }

  private dir(mount: string, relative: string): string {
    return path.join(mount, this.root, relative);
  }

  private mountOf(controller: string): string | undefined {
    return this.mounts.version === 'v2' ? this.mounts.unified : this.mounts.controllers[controller];
  }

  /**
   * The steps that create the folder `relative` with `limits`: memory (and,
   * for a pod, CPU and pids); v2 delegates the controllers on the way down.
   * Pure: {@link create} and {@link createSync} carry them out.
   */
  creationSteps(relative: string, limits: ContainerLimits): CgroupStep[] {
    const steps: CgroupStep[] = [];
    const mkdir = (dir: string): number => steps.push({ kind: 'mkdir', path: dir });
    const write = (file: string, value: string | number, optional = false): number => steps.push({ kind: 'write', path: file, value: String(value), optional });
    if (this.mounts.version === 'v2') {
      const segments = [...this.root.split('/'), ...relative.split('/')].filter((x) => x !== '');
      let current = this.mounts.unified as string;
      for (const segment of segments) {
        // Delegate memory, cpu and pids to the next level (ignored when a controller is missing).
        write(path.join(current, 'cgroup.subtree_control'), '+memory +cpu +pids', true);
        current = path.join(current, segment);
        mkdir(current);
      }
      write(path.join(current, 'cgroup.subtree_control'), '+memory +cpu +pids', true);
      if (limits.memoryBytes !== undefined) {
        write(path.join(current, 'memory.max'), limits.memoryBytes);
        write(path.join(current, 'memory.swap.max'), 0, true);
      }
      if (limits.cpuShares !== undefined) {
        // v2 weight 1..10000 from v1 shares 2..262144 (the formula runc uses).
        write(path.join(current, 'cpu.weight'), 1 + Math.floor(((limits.cpuShares - 2) * 9999) / 262142));
        if (limits.cpuQuotaUs !== undefined) write(path.join(current, 'cpu.max'), `${limits.cpuQuotaUs} ${limits.cpuPeriodUs ?? 100_000}`);
      }
      if (limits.pids !== undefined) write(path.join(current, 'pids.max'), limits.pids);
      return steps;
    }
    // The folder in every hierarchy: runc then only adds its own below it (creating the
    // parents itself, cpuset's especially, costs it milliseconds per container).
    for (const mount of new Set(this.mounts.all)) mkdir(this.dir(mount, relative));
    const memory = this.mountOf('memory');
    if (memory) {
      const dir = this.dir(memory, relative);
      if (limits.memoryBytes !== undefined) {
        write(path.join(dir, 'memory.limit_in_bytes'), limits.memoryBytes);
        // Swap counts against the limit too; only where there is swap (setting it
        // without swap stops the kernel from counting hits in memory.failcnt).
        if (this.swap) write(path.join(dir, 'memory.memsw.limit_in_bytes'), limits.memoryBytes, true);
      }
    }
    const cpu = this.mountOf('cpu');
    if (cpu && limits.cpuShares !== undefined) {
      const dir = this.dir(cpu, relative);
      write(path.join(dir, 'cpu.shares'), limits.cpuShares);
      if (limits.cpuQuotaUs !== undefined) {
        write(path.join(dir, 'cpu.cfs_period_us'), limits.cpuPeriodUs ?? 100_000);
        write(path.join(dir, 'cpu.cfs_quota_us'), limits.cpuQuotaUs);
      }
    }
    const pids = this.mountOf('pids');
    if (pids && limits.pids !== undefined) {
      const dir = this.dir(pids, relative);
      write(path.join(dir, 'pids.max'), limits.pids);
    }
    return steps;
  }

  /**
   * Create the folder `relative` with `limits`, on the thread pool: cgroup
   * operations take the kernel's global cgroup lock, which containers
   * starting and ending at the same time hold; waiting for it must not block
   * the agent's event loop.
   */
  async create(relative: string, limits: ContainerLimits): Promise<void> {
    const steps = this.creationSteps(relative, limits);
    if (this.mounts.version === 'v1') {
      // v1 folders sit in separate hierarchies: make them side by side, then write.
      await Promise.all(steps.filter((step) => step.kind === 'mkdir').map((step) => fs.promises.mkdir(step.path, { recursive: true })));
    }
    for (const step of steps) {
      if (step.kind === 'mkdir' && this.mounts.version === 'v1') continue;
      try {
        if (step.kind === 'mkdir') await fs.promises.mkdir(step.path, { recursive: true });
        else await fs.promises.writeFile(step.path, step.value);
      } catch (e) {
        if (step.kind === 'mkdir' || !step.optional) throw e;
      }
    }
  }

  /** {@link create}, synchronously: for a container starting alone, when nobody holds the kernel's cgroup lock. */
  createSync(relative: string, limits: ContainerLimits): void {
    for (const step of this.creationSteps(relative, limits)) {
      try {
        if (step.kind === 'mkdir') fs.mkdirSync(step.path, { recursive: true });
        else fs.writeFileSync(step.path, step.value);
      } catch (e) {
        if (step.kind === 'mkdir' || !step.optional) throw e;
      }
    }
  }

  /** What the kernel recorded about the memory of `relative` (read before {@link remove}). */
  async memoryVerdict(relative: string): Promise<MemoryVerdict> {
    if (this.mounts.version === 'v2') {
      const dir = this.dir(this.mounts.unified as string, relative);
      const events = await readText(path.join(dir, 'memory.events'));
      const peak = Number((await readText(path.join(dir, 'memory.peak')))?.trim());
      return { limitHit: (keyed(events, 'oom_kill') ?? 0) > 0, peakBytes: Number.isFinite(peak) ? peak : undefined };
    }
    const memory = this.mountOf('memory');
    if (!memory) return { limitHit: false };
    const dir = this.dir(memory, relative);
    // In v1 the OOM kill is counted on the (already removed) cgroup of the
    // killed process; the limit being hit is recorded here.
    // With swap accounting the combined counter is charged (and fails) first.
    const failcnt =
      Number((await readText(path.join(dir, 'memory.failcnt')))?.trim() ?? 0) +
      Number((await readText(path.join(dir, 'memory.memsw.failcnt')))?.trim() ?? 0);
    const oom = keyed(await readText(path.join(dir, 'memory.oom_control')), 'oom_kill') ?? 0;
    const peak = Number((await readText(path.join(dir, 'memory.max_usage_in_bytes')))?.trim());
    return { limitHit: failcnt > 0 || oom > 0, peakBytes: Number.isFinite(peak) ? peak : undefined };
  }

  /**
   * CPU times, memory and memory limit of `relative` (its whole subtree):
   * a few small reads of the kernel's files, side by side on the thread pool.
   */
  async usage(relative: string): Promise<CgroupUsage> {
    if (this.mounts.version === 'v2') {
      const dir = this.dir(this.mounts.unified as string, relative);
      const [cpuStat, memoryStat, memoryCurrent, memoryMax] = await Promise.all(
        ['cpu.stat', 'memory.stat', 'memory.current', 'memory.max'].map((file) => readText(path.join(dir, file))),
      );
      return cgroupV2Usage({ cpuStat, memoryStat, memoryCurrent, memoryMax });
    }
    const cpuacct = this.mountOf('cpuacct');
    const memory = this.mountOf('memory');
    const memoryDir = memory && this.dir(memory, relative);
    const [cpuacctStat, memoryStat, memoryUsage, memoryLimit] = await Promise.all([
      cpuacct ? readText(path.join(this.dir(cpuacct, relative), 'cpuacct.stat')) : undefined,
      memoryDir ? readText(path.join(memoryDir, 'memory.stat')) : undefined,
      memoryDir ? readText(path.join(memoryDir, 'memory.usage_in_bytes')) : undefined,
      memoryDir ? readText(path.join(memoryDir, 'memory.limit_in_bytes')) : undefined,
    ]);
    return cgroupV1Usage({ cpuacctStat, memoryStat, memoryUsage, memoryLimit });
  }

  /** Pids of every process in `relative` and below. */
  async processes(relative: string): Promise<number[]> {
    const mount = this.mounts.version === 'v2' ? this.mounts.unified : (this.mountOf('pids') ?? this.mountOf('memory'));
    if (!mount) return [];
    const pids: number[] = [];
    const walk = async (dir: string): Promise<void> => {
      const procs = await readText(path.join(dir, 'cgroup.procs'));
      for (const line of (procs ?? '').split('\n')) if (line.trim()) pids.push(Number(line));
      const children = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const child of children) if (child.isDirectory()) await walk(path.join(dir, child.name));
    };
    await walk(this.dir(mount, relative));
    return pids;
  }

  /**
   * Remove `relative` and everything below it from every hierarchy. A
   * folder still busy (its last process exiting) is retried for ~1 s.
   * Returns the folders that could not be removed.
   */
  async remove(relative: string): Promise<string[]> {
    const left: string[] = [];
    for (const mount of this.mounts.all) {
      const top = this.dir(mount, relative);
      // The usual case, an empty folder, takes one rmdir.
      try {
        await fs.promises.rmdir(top);
        continue;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      }
      const removeTree = async (dir: string): Promise<void> => {
        const children = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => undefined);
        if (children === undefined) return; // not there
        for (const child of children) if (child.isDirectory()) await removeTree(path.join(dir, child.name));
        for (let attempt = 0; ; attempt++) {
          try {
            await fs.promises.rmdir(dir);
            return;
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'ENOENT') return;
            if (code !== 'EBUSY' || attempt >= 10) {
              left.push(dir);
              return;
            }
            await sleep(20 * (attempt + 1));
          }
        }
      };
      await removeTree(top);
    }
    return left;
  }

  /** Remove the root folder from every hierarchy where it is empty; one still in use (another agent's) stays. */
  async removeRoot(): Promise<void> {
    for (const mount of new Set(this.mounts.all)) await fs.promises.rmdir(path.join(mount, this.root)).catch(() => undefined);
  }

  /** Names of the folders under the root in the memory (v1) or unified (v2) hierarchy. */
  async children(): Promise<string[]> {
    const mount = this.mountOf('memory');
    if (!mount) return [];
    const entries = await fs.promises.readdir(path.join(mount, this.root), { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  }
}
