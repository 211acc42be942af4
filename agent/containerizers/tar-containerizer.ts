/**
 * The `tar` containerizer: a task whose ContainerInfo is MESOS with a TAR
 * image, or with a DOCKER image pulled from a registry (as Mesos's unified
 * containerizer), runs in a container of its own, made of
 * - the image: a tarball unpacked once into the content-addressed image
 *   store, or a registry image's layers in the layer store (layer-store.ts);
 * - an overlay root (the image or its layers below, a writable layer of its
 *   own above), mounted inside the container's mount namespace;
 * - for a registry image, its config's entrypoint, cmd, env, working dir
 *   and user (registry-image.ts);
 * - a generated OCI bundle run by `runc` (pid, mount, uts, ipc namespaces;
 *   host network, a network of its own with only loopback for `none`, or
 *   a namespace joined to a CNI network, see ../cni/cni-attachment.ts);
 * - the agent's cgroup folder `<root>/<containerId>` holding the memory
 *   limit, with runc's own cgroup (CPU shares and quota, pids) below it.
 *
 * Pods: {@link launchPod} starts a parent container running the tiny pause
 * program; it holds the pod's network, ipc and uts namespaces and the
 * group's cgroup (`<root>/<podId>`, the group's total memory and CPU);
 * each task of the group is a nested container joining those namespaces
 * with its own root filesystem and limits (`<root>/<podId>/<taskId>`).
 *
 * When a container ends, its writable layer, bundle and cgroup folders are
 * removed; the overlay mount vanishes with its mount namespace.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import type { ContainerInfo, v1 } from '@meseta/proto/wire';
import { pb, Reason } from '@meseta/proto/wire';
import type {
  ContainerRecord,
  Containerizer,
  ContainerUsage,
  ExecRequest,
  ExecSession,
  LaunchedContainer,
  LaunchSpec,
  PodSpec,
  RecoveredContainer,
  Termination,
} from '../containerizer';
import { terminationMessage } from '../containerizer';
import { DEFAULT_PIDS_LIMIT, limitsFor, type ContainerLimits } from './cgroup-limits';
import { Cgroups } from './cgroups';
import { containerArgv, containerEnvironment, environmentList, networkMode, type CniChoice } from './container-process';
import type { CniAttacher } from '../cni/cni-attachment';
import { cniNetworkInfo, netnsPath, readCheckpoint } from '../cni/cni-attachment';
import { childExecSession } from './exec-session';
import { ImageStore } from './image-store';
import { LayerStore } from './layer-store';
import type { LogRotation } from '../log-rotation';
import { makeLogFifos, startLogPump } from '../log-pump';
import { RegistryClient } from './registry-client';
import type { RegistryCredentials } from './registry-auth';
import { isRegistryImage, registryImageLaunch, type RegistryImageLaunch } from './registry-image';
import { CONTAINER_SANDBOX, ociConfig, type BundleSpec, type NamespaceChoice } from './oci-bundle';
import { pauseProgram } from './pause-program';
import { RuncRuntime } from './runc-runtime';
import { EXIT_STATUS_FILE, recordedExitStatus, RuncLauncher } from './runc-launcher';
import { signalFromStatus } from './exit-status';
import { pidInCgroup, runcStatePid, tarCheckpointOf, type TarCheckpoint } from './tar-recovery';
import { watchForExit } from '../exit-watch';
import { type Clock, systemClock } from '@meseta/runtime/clock';
import { volumeBinds } from '@meseta/proto/container-validation';
import { persistentVolumeBinds } from '../volume-paths';

/** Options of {@link TarContainerizer}. */
export interface TarContainerizerOptions {
  /** The agent's work dir: containers live in `<workDir>/containers`, runc's state in `<workDir>/runc`. */
  workDir: string;
  /** The image store. @default `<workDir>/images` */
  imageStoreDir?: string;
  /** The runc binary. @default 'runc' */
  runc?: string;
  /** runc's state directory. @default `<workDir>/runc` */
  runcRoot?: string;
  /** Folder of the agent's cgroups under each hierarchy. @default 'meseta' */
  cgroupsRoot?: string;
  /** Pids limit of a container whose task names no `pids` resource (0: none). @default 4096 */
  defaultPidsLimit?: number;
  /** Keep the image store under this size, removing images no container uses (least recently used first); the layer store gets the same limit. @default no limit */
  imageStoreMaxBytes?: number;
  /** The layer store of registry images. @default `<workDir>/image-layers` */
  layerStoreDir?: string;
  /** Registry of image names without one (`--docker-registry`). @default docker.io */
  defaultRegistry?: string;
  /** Credentials of a registry (`--docker-config`). */
  registryCredentials?: (registry: string) => RegistryCredentials | undefined;
  logger: Logger;
  /** The clock of the checks on adopted containers. @default systemClock */
  clock?: Clock;
  /** CNI networks (`--network-cni-config-dir`); without, a task naming a CNI network is refused. */
  cni?: CniAttacher;
  /** Rotate tasks' stdout/stderr (`--container-logger-max-size`, `--container-logger-max-files`) through a log pump reading FIFOs. @default none */
  logRotation?: LogRotation;
}

/** One container the containerizer runs (a task, a nested task or a pod's parent). */
interface RuncEntry {
  id: string;
  kind: 'task' | 'pod';
  /** `<workDir>/containers/<id>`: bundle, writable layer. */
  dir: string;
  /** cgroup folder relative to the cgroups root. */
  cgroup: string;
  limits: ContainerLimits;
  pid: number;
  /** Digest of its image (leased from the store until it is cleaned up). */
  image?: string;
  /** Digests of its registry image's layers (leased from the layer store until it is cleaned up). */
  layers?: string[];
  parent?: RuncEntry;
  children: Set<RuncEntry>;
  ended: boolean;
  /** The agent signalled SIGKILL (a kill is not an OOM). */
  killedByAgent: boolean;
  /** Found again after an agent restart: not our child (its status comes from its runc subshell's file, when written). */
  adopted?: boolean;
  /** Its CNI network and addresses (a pod's members share their pod's). */
  networkInfos?: v1.INetworkInfo[];
  /** Stop watching it (release). */
  detach(): void;
  termination: Promise<Termination>;
  /** Resolves once its folders and cgroups are removed. */
  cleanedUp: Promise<void>;
}

/** A failure to join a CNI network (told apart from runc's own failures). */
class CniRefusal extends Error {}

export { cniNetworkInfo };

/** The CNI network of a container found again after a restart, from the checkpoint in its folder. */
function networkFromCheckpoint(dir: string): v1.INetworkInfo[] | undefined {
  const checkpoint = readCheckpoint(dir);
  return checkpoint ? [cniNetworkInfo({ cni: checkpoint.network.name, portMappings: checkpoint.portMappings }, checkpoint.addresses)] : undefined;
}

/** True when the ContainerInfo asks for a MESOS container with a TAR or DOCKER (registry) image. */
export function isTarContainer(container: ContainerInfo | null | undefined): boolean {
  if (!container || (container.type ?? pb.ContainerInfo.Type.POSIX) !== pb.ContainerInfo.Type.MESOS) return false;
  const image = container.mesos?.image;
  return !!image && ((image.type ?? pb.Image.Type.TAR) === pb.Image.Type.TAR || isRegistryImage(container));
}

/** Runs MESOS containers with TAR images through runc. */
export class TarContainerizer implements Containerizer {
  readonly name = 'tar';
  readonly volumeMounts = 'bind' as const;
  /** Its bundle, writable layer and cgroup are made while the agent makes the sandbox. */
  readonly startsBeforeSandbox = true;
  readonly store: ImageStore;
  readonly layers: LayerStore;
  readonly runc: RuncRuntime;
  private readonly launcher: RuncLauncher;
  readonly containersDir: string;
  private cgroups?: Cgroups;
  private readonly containers = new Map<string, RuncEntry>();
  private readonly removals = new SerialQueue();
  /** Containers between their first write and runc (for choosing synchronous cgroup writes). */
  private starting = 0;
  private released = false;
  /** Where the next task's container folder is made ahead of time (see {@link takeSpareFolder}). */
  readonly sparesDir: string;
  /** A container folder made ahead of time, ready to be renamed into place. */
  private spareFolder?: string;
  private makingSpare = false;
  private readonly log: Logger;
  private prepared?: Promise<void>;

  constructor(private readonly options: TarContainerizerOptions) {
    this.log = options.logger;
    this.containersDir = path.join(options.workDir, 'containers');
    this.sparesDir = path.join(options.workDir, 'container-spares');
    this.store = new ImageStore({
      dir: options.imageStoreDir ?? path.join(options.workDir, 'images'),
      maxBytes: options.imageStoreMaxBytes,
      logger: options.logger.child('images'),
    });
    this.layers = new LayerStore({
      dir: options.layerStoreDir ?? path.join(options.workDir, 'image-layers'),
      maxBytes: options.imageStoreMaxBytes,
      client: new RegistryClient({ credentials: options.registryCredentials }),
      logger: options.logger.child('layers'),
    });
    this.runc = new RuncRuntime({ binary: options.runc, root: options.runcRoot ?? path.join(options.workDir, 'runc') });
    this.launcher = new RuncLauncher(this.runc.binary, this.runc.root);
  }

  supports(container: ContainerInfo | null | undefined): boolean {
    return isTarContainer(container);
  }

  /** Check runc and the cgroup filesystem, create the folders. */
  prepare(): Promise<void> {
    this.prepared ??= (async () => {
      await checkRunc(this.runc.binary);
      const cgroups = await Cgroups.detect(this.options.cgroupsRoot ?? 'meseta');
      if (!cgroups) throw new Error('--containerizers: tar needs a mounted cgroup filesystem (v1 with the memory controller, or v2)');
      this.cgroups = cgroups;
      await fs.promises.mkdir(this.containersDir, { recursive: true });
      await fs.promises.mkdir(this.runc.root, { recursive: true });
      await fs.promises.rm(this.sparesDir, { recursive: true, force: true });
      await fs.promises.mkdir(this.sparesDir, { recursive: true });
      await this.store.prepare();
      await this.layers.prepare();
      this.makeSpareFolder();
    })();
    return this.prepared;
  }

  /** The registry images and layers in the layer store (as last read), for `/state`. */
  cachedImages(): ReturnType<LayerStore['cached']> {
    return this.layers.cached();
  }

  /** The cgroups in use (after {@link prepare}). */
  cgroupTree(): Cgroups | undefined {
    return this.cgroups;
  }

  async launch(spec: LaunchSpec): Promise<LaunchedContainer> {
    try {
      return await this.launchTask(spec);
    } catch (e) {
      // A failure is reported once the sandbox the agent was making exists, as for other containerizers.
      await spec.sandboxReady?.catch(() => undefined);
      throw e;
    }
  }

  private async launchTask(spec: LaunchSpec): Promise<LaunchedContainer> {
    await this.prepare();
    if (this.containers.has(spec.containerId)) throw new Error(`container ${spec.containerId} already exists`);
    const container = spec.task.container;
    const image = container?.mesos?.image;
    const parent = spec.parentContainerId ? this.containers.get(spec.parentContainerId) : undefined;
    if (spec.parentContainerId && (!parent || parent.ended || parent.kind !== 'pod')) {
      throw new Error(`pod ${spec.parentContainerId} is not running on this agent`);
    }
    const network = parent ? 'pod' : networkMode(container);
    if (isRegistryImage(container)) {
      const launch = await registryImageLaunch(spec, this.layers, { defaultRegistry: this.options.defaultRegistry, logger: this.log });
      try {
        const launched = await this.startTask(spec, { lower: launch.lowerDirs, layers: launch.image.layers }, parent, network, launch);
        void this.layers.collect(); // the store may have grown past its limit
        return launched;
      } catch (e) {
        this.layers.releaseAll(launch.image.layers);
        throw e;
      }
    }
    const uri = image?.tar?.uri ?? '';
    if (!uri) throw new Error('task.container.mesos.image.tar.uri: required (the root filesystem tarball)');
    const argv = containerArgv(spec.task.command);
    const stored = await this.store.image(uri, { cached: image?.cached ?? true });
    try {
      const launched = await this.startTask(spec, { lower: stored.rootfs, image: stored.digest }, parent, network, { args: argv });
      void this.store.collect(); // the store may have grown past its limit
      return launched;
    } catch (e) {
      this.store.release(stored.digest);
      throw e;
    }
  }

  private startTask(
    spec: LaunchSpec,
    root: { lower: string; image?: string; layers?: string[] },
    parent: RuncEntry | undefined,
    network: ReturnType<typeof networkMode> | 'pod',
    process: Pick<RegistryImageLaunch, 'args'> & Partial<Pick<RegistryImageLaunch, 'imageEnv' | 'cwd' | 'user'>>,
  ): Promise<LaunchedContainer> {
    const container = spec.task.container;
    const dir = path.join(this.containersDir, spec.containerId);
    const limits = limitsFor(spec.task.resources, this.options.defaultPidsLimit ?? DEFAULT_PIDS_LIMIT);
    const cgroup = parent ? `${parent.cgroup}/${spec.containerId}` : spec.containerId;
    // The image's variables below the agent's and the task's own.
    const env = containerEnvironment({ ...process.imageEnv, ...spec.environment }, spec.task.command, spec.secretEnvironment);
    const user = spec.user ? { uid: spec.user.uid, gid: spec.user.gid } : process.user;
    const joined = (kind: string): NamespaceChoice => ({ kind: 'join', path: `/proc/${parent?.pid}/ns/${kind}` });
    const bundle: BundleSpec = {
      args: process.args,
      env: environmentList(env),
      cwd: process.cwd ?? CONTAINER_SANDBOX,
      hostname: container?.hostname || spec.containerId.slice(0, 12),
      rootPath: path.join(dir, 'root'),
      overlay: { lower: root.lower, upper: path.join(dir, 'upper'), work: path.join(dir, 'work') },
      sandboxDir: spec.sandboxDir,
      network: network === 'pod' ? joined('net') : network === 'host' ? 'host' : typeof network === 'object' ? { kind: 'join', path: netnsPath(spec.containerId) } : { kind: 'own' },
      ipc: parent ? joined('ipc') : { kind: 'own' },
      uts: parent ? joined('uts') : { kind: 'own' },
      cgroupsPath: (this.cgroups as Cgroups).cgroupPath(`${cgroup}/task`),
      limits,
      readonlyBinds: network === 'host' ? hostNameFiles() : [],
      volumes: [...volumeBinds(container?.volumes, 'task.container.volumes'), ...persistentVolumeBinds(spec.volumes)],
      user,
    };
    return this.start({ id: spec.containerId, kind: 'task', dir, cgroup, limits, image: root.image, layers: root.layers, parent, bundle, stdoutPath: spec.stdoutPath, stderrPath: spec.stderrPath, sandboxReady: spec.sandboxReady, cni: typeof network === 'object' ? network : undefined });
  }

  async launchPod(spec: PodSpec): Promise<LaunchedContainer> {
    await this.prepare();
    if (this.containers.has(spec.containerId)) throw new Error(`container ${spec.containerId} already exists`);
    const dir = path.join(this.containersDir, spec.containerId);
    const limits = limitsFor(spec.resources, 0);
    await fs.promises.mkdir(path.join(dir, 'root'), { recursive: true });
    await fs.promises.writeFile(path.join(dir, 'root', 'pause'), pauseProgram(), { mode: 0o755 });
    const bundle: BundleSpec = {
      args: ['/pause'],
      env: [],
      cwd: '/',
      hostname: spec.hostname,
      rootPath: path.join(dir, 'root'),
      network: spec.network === 'host' ? 'host' : typeof spec.network === 'object' ? { kind: 'join', path: netnsPath(spec.containerId) } : { kind: 'own' },
      cgroupsPath: (this.cgroups as Cgroups).cgroupPath(`${spec.containerId}/pause`),
      limits: { pids: 16 },
    };
    return this.start({ id: spec.containerId, kind: 'pod', dir, cgroup: spec.containerId, limits, bundle, created: true, cni: typeof spec.network === 'object' ? spec.network : undefined });
  }

  /** Write the bundle, create the cgroup, run runc; cleans everything up when it fails. */
  private async start(request: {
    id: string;
    kind: 'task' | 'pod';
    dir: string;
    cgroup: string;
    limits: ContainerLimits;
    image?: string;
    layers?: string[];
    parent?: RuncEntry;
    bundle: BundleSpec;
    stdoutPath?: string;
    stderrPath?: string;
    /** The bundle dir exists already. */
    created?: boolean;
    /** Wait for this before starting the container (the agent still makes the sandbox). */
    sandboxReady?: Promise<void>;
    /** The CNI network it joins (in a namespace of its own, made before runc runs). */
    cni?: CniChoice;
  }): Promise<LaunchedContainer> {
    const cgroups = this.cgroups as Cgroups;
    const { id, dir } = request;
    try {
      // Alone, the cgroup is made synchronously (two tiny writes); with other containers starting
      // or ending, on the thread pool: it may wait for the kernel's global cgroup lock they hold,
      // which must not block the event loop. The bundle is a few tiny synchronous writes.
      const cgroupLimits = request.kind === 'pod' ? request.limits : { memoryBytes: request.limits.memoryBytes };
      const busy = this.starting > 0 || this.removals.pending > 0;
      this.starting++;
      try {
        const cgroupReady = busy ? cgroups.create(request.cgroup, cgroupLimits) : Promise.resolve(cgroups.createSync(request.cgroup, cgroupLimits));
        cgroupReady.catch(() => undefined);
        if (request.kind === 'task') {
          if (!this.takeSpareFolder(dir)) makeContainerFolder(dir);
          premakeMountPoints(path.join(dir, 'upper'), request.bundle);
        } else if (!request.created) {
          fs.mkdirSync(dir, { recursive: true });
        }
        // Owner-only (made afresh, so the mode holds): the process environment in it may hold resolved secrets.
        fs.rmSync(path.join(dir, 'config.json'), { force: true });
        fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(ociConfig(request.bundle)), { mode: 0o600, flag: 'wx' });
        await cgroupReady;
      } finally {
        this.starting--;
      }
      if (request.sandboxReady) {
        await request.sandboxReady.catch((e: Error) => {
          throw new Error(`the sandbox could not be made: ${e.message}`);
        });
      }
      let networkInfos: v1.INetworkInfo[] | undefined;
      if (request.cni) {
        const cni = this.options.cni;
        if (!cni) throw new CniRefusal(`network_infos[0].name: "${request.cni.cni}" is a CNI network, and this agent has no --network-cni-config-dir`);
        try {
          const attached = await cni.attach(id, dir, request.cni.cni, request.cni.portMappings);
          networkInfos = [cniNetworkInfo(request.cni, attached.addresses)];
        } catch (e) {
          throw new CniRefusal((e as Error).message);
        }
      }
      const output = await this.outputFor(dir, request.stdoutPath, request.stderrPath);
      let container;
      try {
        container = await this.launcher.run(id, dir, output.stdout, output.stderr);
      } catch (e) {
        output.abandon();
        throw e;
      }
      const entry = this.track(request, container.pid, container.exited, false, container.release);
      entry.networkInfos = networkInfos ?? request.parent?.networkInfos;
      return { containerId: entry.id, pid: entry.pid, networkInfos: entry.networkInfos };
    } catch (e) {
      await this.removeLeftovers(id, dir, request.cgroup);
      if (e instanceof CniRefusal) throw new Error(`the container could not join its CNI network: ${e.message}`);
      throw new Error(`runc could not start the container: ${(e as Error).message}`);
    }
  }

  /**
   * Where runc's launcher shell sends a container's stdout and stderr: the
   * sandbox files, or with log rotation two FIFOs in the container's folder
   * read by a detached log pump that writes the sandbox files rotated (it
   * outlives an agent restart, as the posix containerizer's does, and ends
   * when the container's output closes). `abandon` stops a pump whose
   * container never started.
   */
  private async outputFor(dir: string, stdoutPath: string | undefined, stderrPath: string | undefined): Promise<{ stdout: string; stderr: string; abandon: () => void }> {
    const rotation = this.options.logRotation;
    if (!rotation || !stdoutPath || !stderrPath) return { stdout: stdoutPath || '/dev/null', stderr: stderrPath || '/dev/null', abandon: () => undefined };
    const fifos = await makeLogFifos(dir);
    const pump = await startLogPump(rotation, stdoutPath, stderrPath, fifos);
    return {
      ...fifos,
      abandon: () => {
        if (pump.pid !== undefined) {
          try {
            process.kill(pump.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      },
    };
  }

  /**
   * Move the container folder made ahead of time to `dir` (one rename
   * instead of the half dozen folder creations on the launch path, each
   * a journal update that can take a millisecond on a busy disk) and start
   * making the next one. False when none is ready.
   */
  private takeSpareFolder(dir: string): boolean {
    const spare = this.spareFolder;
    if (!spare) return false;
    this.spareFolder = undefined;
    try {
      fs.renameSync(spare, dir);
      return true;
    } catch (e) {
      this.log.warn('spare container folder not usable', { folder: spare, error: e as Error });
      return false;
    } finally {
      this.makeSpareFolder();
    }
  }

  /** Make a container folder ahead of time, on the thread pool, once the current launches are under way. */
  private makeSpareFolder(): void {
    if (this.spareFolder || this.makingSpare || this.released) return;
    this.makingSpare = true;
    const folder = path.join(this.sparesDir, randomUUID());
    setImmediate(() => {
      makeContainerFolderAsync(folder).then(
        () => {
          this.makingSpare = false;
          if (this.released) void fs.promises.rm(folder, { recursive: true, force: true });
          else this.spareFolder = folder;
        },
        (e: Error) => {
          this.makingSpare = false;
          this.log.warn('spare container folder not made', { folder, error: e });
        },
      );
    });
  }

  private track(
    request: { id: string; kind: 'task' | 'pod'; dir: string; cgroup: string; limits: ContainerLimits; image?: string; layers?: string[]; parent?: RuncEntry },
    pid: number,
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
    adopted = false,
    detach: () => void = () => undefined,
  ): RuncEntry {
    let cleaned!: () => void;
    const entry: RuncEntry = {
      id: request.id,
      kind: request.kind,
      dir: request.dir,
      cgroup: request.cgroup,
      limits: request.limits,
      pid,
      image: request.image,
      layers: request.layers,
      parent: request.parent,
      children: new Set(),
      ended: false,
      killedByAgent: false,
      adopted,
      detach,
      cleanedUp: new Promise<void>((r) => (cleaned = r)),
      termination: exited.then(async (exit) => {
        // Released to an agent that comes after: its end is that agent's to see.
        if (this.released) return new Promise<Termination>(() => undefined);
        entry.ended = true;
        // Members cannot outlive their pod's parent.
        for (const child of entry.children) this.kill(child.id, 'SIGKILL');
        const termination = await this.terminationOf(entry, exit.code, exit.signal);
        // Clean up right away; destroy() waits for it.
        void this.cleanUp(entry).finally(cleaned);
        return termination;
      }),
    };
    this.containers.set(entry.id, entry);
    request.parent?.children.add(entry);
    return entry;
  }

  /** How the container ended, telling an OOM kill from other ends. */
  private async terminationOf(entry: RuncEntry, code: number | null, runcSignal: NodeJS.Signals | null): Promise<Termination> {
    if (runcSignal) return { signal: runcSignal, message: `runc was terminated with signal ${runcSignal}; the container's status is unknown` };
    const signal = signalFromStatus(code);
    if ((signal === 'SIGKILL' || (entry.adopted && code === null)) && !entry.killedByAgent && this.cgroups) {
      const verdict = await this.cgroups.memoryVerdict(entry.cgroup);
      if (verdict.limitHit) {
        const limitMb = Math.round((entry.limits.memoryBytes ?? verdict.peakBytes ?? 0) / 1024 / 1024);
        return {
          signal,
          reason: Reason.REASON_CONTAINER_LIMITATION_MEMORY,
          message: `Memory limit exceeded: the container was killed by the kernel at its limit of ${limitMb} MB`,
        };
      }
    }
    if (entry.adopted) {
      // `code` is what its runc subshell recorded (see adoptedExit); null when it wrote nothing.
      if (code === null) return { message: 'the container ended while it was adopted after an agent restart; its exit status is unknown' };
      const adoptedSignal = signalFromStatus(code);
      return adoptedSignal ? { signal: adoptedSignal, message: terminationMessage(undefined, adoptedSignal) } : { exitCode: code, message: terminationMessage(code, undefined) };
    }
    if (signal) return { signal, message: terminationMessage(undefined, signal) };
    return { exitCode: code ?? undefined, message: terminationMessage(code, undefined) };
  }

  private async cleanUp(entry: RuncEntry): Promise<void> {
    // A pod's members go first: their cgroups sit inside the pod's.
    await Promise.all([...entry.children].map((child) => child.cleanedUp));
    await this.removeLeftovers(entry.id, entry.dir, entry.cgroup);
    if (entry.image) {
      this.store.release(entry.image);
      void this.store.collect();
    }
    if (entry.layers) {
      this.layers.releaseAll(entry.layers);
      void this.layers.collect();
    }
    const parent = entry.parent;
    parent?.children.delete(entry);
    // A pod found again after a restart has no group watching it: it goes with its last member.
    if (parent?.adopted && parent.children.size === 0) void this.destroy(parent.id);
  }

  /** Remove the bundle, writable layer, cgroup folders and any runc state of a container. */
  private async removeLeftovers(id: string, dir: string, cgroup: string): Promise<void> {
    if (fs.existsSync(path.join(this.runc.root, id))) {
      await this.runc.forceDelete(id).catch((e: Error) => this.log.warn('runc delete --force failed; removing the rest', { container_id: id, error: e }));
    }
    // CNI DEL from the checkpoint in its folder (kill, failure, destroy and recovery all come here), then its namespace goes.
    if (readCheckpoint(dir)) {
      const attacher = this.options.cni;
      if (!attacher) this.log.warn('container was on a CNI network but this agent has no --network-cni-config-dir; its namespace and addresses stay', { container_id: id });
      else await attacher.detach(dir).catch((e: Error) => this.log.warn('CNI DEL failed', { container_id: id, error: e }));
    }
    // One container at a time, so cleaning up never crowds out launches on the thread pool.
    await this.removals.run(async () => {
      const left = this.cgroups ? await this.cgroups.remove(cgroup) : [];
      if (left.length > 0) this.log.warn('cgroups not removed', { container_id: id, cgroups: left.join(',') });
      await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch((e) => this.log.warn('container folder not removed', { container_id: id, error: e }));
    });
  }

  wait(containerId: string): Promise<Termination> {
    const entry = this.containers.get(containerId);
    if (!entry) return Promise.resolve({ message: `container ${containerId} is unknown to the tar containerizer` });
    return entry.termination;
  }

  kill(containerId: string, signal: NodeJS.Signals): void {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) return;
    // An adopted container's pid is not held by us: never signal it once it left the cgroup.
    if (entry.adopted && this.cgroups && !pidInCgroup(entry.pid, this.cgroups.cgroupPath(entry.cgroup))) return;
    if (signal === 'SIGKILL') {
      // PID 1 of a pid namespace takes the whole namespace with it.
      entry.killedByAgent = true;
      for (const child of entry.children) this.kill(child.id, 'SIGKILL');
      signalPid(entry.pid, 'SIGKILL');
      return;
    }
    // Every process, as `runc kill --all` does: PID 1 ignores signals it has no handler for.
    void (this.cgroups?.processes(entry.cgroup) ?? Promise.resolve([])).then((pids) => {
      for (const pid of pids) signalPid(pid, signal);
    });
  }

  async destroy(containerId: string): Promise<void> {
    const entry = this.containers.get(containerId);
    if (!entry) return;
    await Promise.all([...entry.children].map((child) => this.destroy(child.id)));
    this.kill(containerId, 'SIGKILL');
    await entry.termination;
    await entry.cleanedUp;
    this.containers.delete(containerId);
  }

  async usage(containerId: string): Promise<ContainerUsage | undefined> {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended || !this.cgroups) return undefined;
    return { ...(await this.cgroups.usage(entry.cgroup)), timestamp: Date.now() / 1000 };
  }

  async exec(containerId: string, request: ExecRequest): Promise<ExecSession> {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) throw new Error(`container ${containerId} is not running`);
    if (entry.kind === 'pod') throw new Error(`container ${containerId} is a pod's parent; exec into one of its tasks`);
    const child = this.runc.exec(containerId, { args: request.args, env: request.env, cwd: request.cwd ?? CONTAINER_SANDBOX });
    return childExecSession(child, 'runc exec');
  }

  /** Stop tracking every container; they run on, for the next agent to recover. */
  release(): void {
    this.released = true;
    if (this.spareFolder) void fs.promises.rm(this.spareFolder, { recursive: true, force: true });
    this.spareFolder = undefined;
    for (const entry of this.containers.values()) entry.detach();
    this.containers.clear();
    this.launcher.close();
    this.layers.close();
  }

  /** After the agent destroyed every container: the spare folder, the launcher shell and the empty cgroup root go. */
  async shutdown(): Promise<void> {
    this.released = true;
    if (this.spareFolder) await fs.promises.rm(this.spareFolder, { recursive: true, force: true });
    this.spareFolder = undefined;
    this.launcher.close();
    this.layers.close();
    await fs.promises.rmdir(this.sparesDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') this.log.warn('spare folders dir not removed', { dir: this.sparesDir, error: e });
    });
    await this.cgroups?.removeRoot();
  }

  /** PID 1, cgroup folder and pod of a container, to find it again after a restart. */
  checkpoint(containerId: string): Record<string, unknown> | undefined {
    const entry = this.containers.get(containerId);
    if (!entry) return undefined;
    const data: TarCheckpoint = { pid: entry.pid, cgroup: entry.cgroup };
    if (entry.parent) data.parent = entry.parent.id;
    if (entry.image) data.image = entry.image;
    if (entry.layers) data.layers = entry.layers;
    return { ...data };
  }

  /**
   * Find containers again after an agent restart. One whose PID 1 still
   * lives in its cgroup is adopted: its end is the exit-status file its
   * runc subshell writes (watched; the real status), or its PID 1 found
   * gone from the cgroup by a check every {@link RECOVERY_POLL_MS} when the
   * subshell died too (status unknown, an OOM kill still told); its pod is adopted with it and
   * destroyed with its last member. One that ended is reported `ended` and
   * cleaned up; one never started (no checkpoint, no runc state) is
   * `missing`. Container folders nobody claims are destroyed.
   */
  async recover(records: readonly ContainerRecord[]): Promise<RecoveredContainer[]> {
    await this.prepare();
    const answers: RecoveredContainer[] = [];
    for (const record of records) answers.push(await this.recoverOne(record));
    const claimed = new Set([...this.containers.keys(), ...records.map((r) => r.containerId)]);
    const folders = await fs.promises.readdir(this.containersDir).catch(() => [] as string[]);
    for (const id of folders.filter((f) => !claimed.has(f))) {
      this.log.warn('destroying a container no task claims', { container_id: id });
      const pid = runcStatePid(this.runc.root, id);
      if (pid) signalPid(pid, 'SIGKILL');
      await this.removeLeftovers(id, path.join(this.containersDir, id), id);
    }
    return answers;
  }

  private async recoverOne(record: ContainerRecord): Promise<RecoveredContainer> {
    const { containerId } = record;
    const known = this.containers.get(containerId);
    if (known) return { containerId, state: 'running', pid: known.pid };
    const cgroups = this.cgroups as Cgroups;
    const data = tarCheckpointOf(record.data);
    const dir = path.join(this.containersDir, containerId);
    const cgroup = data?.cgroup ?? containerId;
    const pid = data?.pid ?? runcStatePid(this.runc.root, containerId);
    const parent = data?.parent ? this.adoptPod(data.parent) : undefined;
    if (pid && pidInCgroup(pid, cgroups.cgroupPath(cgroup))) {
      const limits: ContainerLimits = {};
      const watch = this.adoptedExit(dir, () => pidInCgroup(pid, cgroups.cgroupPath(cgroup)));
      const exited = watch.ended.then(({ status }) => ({ code: status ?? null, signal: null }));
      if (data?.image) this.store.lease(data.image); // no collection may take its image
      if (data?.layers) this.layers.leaseAll(data.layers); // nor its layers
      const entry = this.track({ id: containerId, kind: 'task', dir, cgroup, limits, image: data?.image, layers: data?.layers, parent }, pid, exited, true, watch.stop);
      entry.networkInfos = networkFromCheckpoint(dir) ?? parent?.networkInfos;
      return { containerId, state: 'running', pid, networkInfos: entry.networkInfos };
    }
    if (!pid && !fs.existsSync(dir)) return { containerId, state: 'missing', message: `no runc container ${containerId} (it never started)` };
    const verdict = await cgroups.memoryVerdict(cgroup);
    const status = recordedExitStatus(dir);
    await this.removeLeftovers(containerId, dir, cgroup);
    if (parent && parent.children.size === 0) void this.destroy(parent.id);
    const signal = signalFromStatus(status);
    let termination: Termination;
    if (verdict.limitHit && (signal === 'SIGKILL' || status === undefined)) {
      termination = { signal, reason: Reason.REASON_CONTAINER_LIMITATION_MEMORY, message: 'Memory limit exceeded: the container was killed by the kernel at its limit (while the agent was away)' };
    } else if (status === undefined) {
      termination = { message: 'the container ended while the agent was away; its exit status is unknown' };
    } else {
      termination = signal ? { signal, message: terminationMessage(undefined, signal) } : { exitCode: status, message: terminationMessage(status, undefined) };
    }
    return { containerId, state: 'ended', termination };
  }

  /** Track a pod's parent container found again (by runc's state), once. */
  private adoptPod(podId: string): RuncEntry | undefined {
    const known = this.containers.get(podId);
    if (known) return known;
    const pid = runcStatePid(this.runc.root, podId);
    const cgroups = this.cgroups as Cgroups;
    if (!pid || !pidInCgroup(pid, cgroups.cgroupPath(podId))) return undefined;
    const podDir = path.join(this.containersDir, podId);
    const watch = this.adoptedExit(podDir, () => pidInCgroup(pid, cgroups.cgroupPath(podId)));
    const exited = watch.ended.then(({ status }) => ({ code: status ?? null, signal: null }));
    const entry = this.track({ id: podId, kind: 'pod', dir: podDir, cgroup: podId, limits: {} }, pid, exited, true, watch.stop);
    entry.networkInfos = networkFromCheckpoint(podDir);
    return entry;
  }

  /** The network namespace of a running container on a CNI network (its pod's for a member); undefined otherwise. */
  networkNamespace(containerId: string): string | undefined {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended || !entry.networkInfos?.length) return undefined;
    const owner = entry.parent ?? entry;
    return readCheckpoint(owner.dir)?.netns ?? netnsPath(owner.id);
  }

  /**
   * Wait for an adopted container's end (see `exit-watch.ts`): its runc
   * subshell, which outlived the agent, writes `<bundle>/exit-status` once
   * runc has ended; the bundle dir is watched. Only if that subshell is gone
   * too does the check of PID 1 in its cgroup tell the end (its status
   * then unknown), after {@link ADOPTED_STATUS_GRACE_MS} for the file.
   */
  private adoptedExit(bundleDir: string, alive: () => boolean): ReturnType<typeof watchForExit<number>> {
    return watchForExit<number>({
      statusFile: path.join(bundleDir, EXIT_STATUS_FILE),
      readStatus: () => recordedExitStatus(bundleDir),
      alive,
      clock: this.options.clock ?? systemClock,
      pollMs: RECOVERY_POLL_MS,
      statusGraceMs: ADOPTED_STATUS_GRACE_MS,
      onWatchError: (e) => this.log.warn('cannot watch an adopted container\'s exit status; checking its PID 1 instead', { bundle: bundleDir, error: e }),
    });
  }

  /** Ids of the containers it tracks. */
  containerIds(): string[] {
    return [...this.containers.keys()];
  }
}

/** Runs tasks one after another. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** Tasks queued or running. */
  pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task, task).finally(() => this.pending--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** How often a container adopted after an agent restart is checked, for an end no exit-status file announces. */
export const RECOVERY_POLL_MS = 1000;

/** How long the exit-status file of an adopted container is awaited once its PID 1 left its cgroup (runc cleans up first). */
export const ADOPTED_STATUS_GRACE_MS = 2000;

/**
 * Make the bind mounts' targets in the container's writable layer before
 * runc starts: runc would otherwise create them through the overlay, which
 * copies their parent folders up from the image first (milliseconds per
 * launch). The image's folders of the same names stay visible below.
 */
export function premakeMountPoints(upperDir: string, bundle: BundleSpec): void {
  if (bundle.sandboxDir) fs.mkdirSync(path.join(upperDir, CONTAINER_SANDBOX), { recursive: true });
  for (const bind of bundle.readonlyBinds ?? []) {
    const target = path.join(upperDir, bind.destination);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.statSync(bind.source).isDirectory()) fs.mkdirSync(target, { recursive: true });
    else fs.closeSync(fs.openSync(target, 'a'));
  }
}

/** The folders of a task's container: `root` (the overlay's mount point), the overlay's `upper` and `work`, and the sandbox's mount point in `upper`. */
function makeContainerFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const d of ['root', 'upper', 'work']) fs.mkdirSync(path.join(dir, d));
  fs.mkdirSync(path.join(dir, 'upper', CONTAINER_SANDBOX), { recursive: true });
}

/** {@link makeContainerFolder} on the thread pool. */
async function makeContainerFolderAsync(dir: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  await Promise.all([fs.promises.mkdir(path.join(dir, 'root')), fs.promises.mkdir(path.join(dir, 'work')), fs.promises.mkdir(path.join(dir, 'upper', CONTAINER_SANDBOX), { recursive: true })]);
}

/** Host files a host-network container needs to resolve names like the agent. */
function hostNameFiles(): Array<{ source: string; destination: string }> {
  return ['/etc/resolv.conf', '/etc/hosts'].filter((f) => fs.existsSync(f)).map((f) => ({ source: f, destination: f }));
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

/** Fail with the package to install when the runc binary does not run. */
async function checkRunc(binary: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, ['--version'], { stdio: 'ignore' });
    child.once('error', (e) => reject(new Error(`--containerizers: tar needs runc ("${binary}" cannot run: ${e.message}; apt-get install runc)`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`--containerizers: tar needs runc ("${binary} --version" exited with ${code})`))));
  });
}
