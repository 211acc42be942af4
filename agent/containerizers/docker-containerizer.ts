/**
 * The `docker` containerizer: a task whose ContainerInfo is DOCKER runs as
 * a Docker container, driven through the Engine API on the daemon's unix
 * socket (`--docker-socket`):
 * - the image is used when present, else loaded from the task's
 *   `docker.image_uri` tarball or pulled by the daemon from its registry
 *   (always with `force_pull_image`; see docker-images.ts);
 * - cpus → CPU shares and CFS quota, mem → memory limit without swap;
 *   network `host`, `none`, or a CNI network: the container is created
 *   with network `none` (Docker makes its namespace, no Docker network or
 *   bridge is ever made) and, once it runs, the agent's CNI plugins are run
 *   (ADD) against `/proc/<pid>/ns/net`; DEL when it ends, is destroyed, or
 *   is found ended or gone after an agent restart (checkpoint in
 *   `<workDir>/docker-cni/<containerId>`);
 * - the sandbox is bind-mounted at /mnt/mesos/sandbox (the working
 *   directory) and the container's stdout/stderr are followed into the
 *   sandbox files;
 * - containers are named `meseta-<containerId>` and labelled with the
 *   agent, framework, task and container ids, so they can be found again.
 *
 * Pods: the parent is a container of the agent's tiny pause image
 * (imported once) with a shareable ipc namespace; members join its network,
 * uts and ipc namespaces (`container:<id>`). A pod on a CNI network: the
 * pause container joins it, the members share its address.
 */
import { type DockerStats, dockerStatsUsage } from './docker-stats-usage';
import { createHash } from 'node:crypto';
import type { CniAttacher } from '../cni/cni-attachment';
import { cniNetworkInfo, readCheckpoint } from '../cni/cni-attachment';
import * as fs from 'node:fs';
import type { LogRotation } from '../log-rotation';
import { RotatingLogFile } from '../rotating-log-file';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Logger } from '@meseta/runtime/log';
import type { ContainerInfo, v1 } from '@meseta/proto/wire';
import { pb, Reason } from '@meseta/proto/wire';
import * as path from 'node:path';
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
import { persistentVolumeBinds } from '../volume-paths';
import { DEFAULT_PIDS_LIMIT, limitsFor } from './cgroup-limits';
import { Cgroups } from './cgroups';
import { type CniChoice, containerEnvironment, networkMode } from './container-process';
import { DOCKER_LABELS, DOCKER_NAME_PREFIX, dockerCreateBody, type DockerNetwork } from './docker-container-config';
import { DockerApiError, DockerEngine, defaultDockerSocket, dockerSocketPath } from './docker-engine';
import { dockerExecSession } from './docker-exec';
import { DockerImages } from './docker-images';
import type { RegistryCredentials } from './registry-auth';
import { DockerStreamDemuxer } from './docker-stream';
import { signalFromStatus } from './exit-status';
import { pauseProgram } from './pause-program';
import { writeTar } from './tar-writer';
import { DESTROY_ATTEMPTS, DESTROY_RETRY_BASE_MS } from '../container-destroy';
import { type Clock, systemClock } from '@meseta/runtime/clock';

/** Options of {@link DockerContainerizer}. */
export interface DockerContainerizerOptions {
  /** The daemon's socket (`/path` or `unix:///path`). @default $DOCKER_HOST or /var/run/docker.sock */
  socket?: string;
  /** Where http(s) image tarballs are downloaded to. @default the OS temp dir */
  downloadDir?: string;
  /** Pids limit of a container whose task names no `pids` resource (0: none). @default 4096 */
  defaultPidsLimit?: number;
  /**
   * Folder of the agent's cgroups under each hierarchy: a pod gets `<root>/<podId>` with the
   * group's limits, and its containers are created under it (with the daemon's cgroupfs driver).
   * @default 'meseta'
   */
  cgroupsRoot?: string;
  /** Registry of image names without one (`--docker-registry`). @default docker.io */
  defaultRegistry?: string;
  /** Credentials of a registry (`--docker-config`), sent to the daemon with a pull. */
  registryCredentials?: (registry: string) => RegistryCredentials | undefined;
  logger: Logger;
  /** The clock of removal retries. @default systemClock */
  clock?: Clock;
  /** Rotate the sandbox's stdout/stderr as they are copied from the daemon (`--container-logger-max-size`, `--container-logger-max-files`). @default none */
  logRotation?: LogRotation;
  /** CNI networks (`--network-cni-config-dir`); without, a task naming a CNI network is refused. */
  cni?: CniAttacher;
  /** The agent's work dir: CNI checkpoints go to `<workDir>/docker-cni/<containerId>`. @default /tmp/meseta/agent */
  workDir?: string;
}

/** How long the agent waits for a container's log stream to drain after it exited. */
const LOG_DRAIN_MS = 2000;

interface DockerEntry {
  containerId: string;
  dockerId: string;
  kind: 'task' | 'pod';
  /** A pod's own cgroup folder (relative to the cgroups root), holding the group's limits. */
  podCgroup?: string;
  sandboxMounted: boolean;
  parent?: DockerEntry;
  children: Set<DockerEntry>;
  ended: boolean;
  killedByAgent: boolean;
  termination: Promise<Termination>;
  removed?: Promise<void>;
  /** Its CNI network and addresses (a pod's members share their pod's). */
  networkInfos?: v1.INetworkInfo[];
  /** The pid whose network namespace joined the CNI network (the container's, or its pod's pause). */
  netnsPid?: number;
}

/** True when the ContainerInfo asks for a Docker container. */
export function isDockerContainer(container: ContainerInfo | null | undefined): boolean {
  return (container?.type ?? pb.ContainerInfo.Type.POSIX) === pb.ContainerInfo.Type.DOCKER;
}

/** Runs DOCKER containers through the Docker Engine API. */
export class DockerContainerizer implements Containerizer {
  readonly name = 'docker';
  readonly volumeMounts = 'bind' as const;
  readonly terminals = true;
  readonly engine: DockerEngine;
  readonly images: DockerImages;
  private readonly containers = new Map<string, DockerEntry>();
  /** Pods' parent containers being found again after a restart, by pod id. */
  private readonly adoptedPods = new Map<string, Promise<DockerEntry | undefined>>();
  private readonly log: Logger;
  private pauseImage?: Promise<string>;
  /** The agent's cgroups, when pods can hold limits (the daemon uses the cgroupfs driver); resolved once. */
  private podCgroups?: Promise<Cgroups | undefined>;
  private released = false;
  private prepared?: Promise<void>;
  /** CNI DELs under way, by container id (the end of a container and its destroy both ask). */
  private readonly releasing = new Map<string, Promise<void>>();

  constructor(private readonly options: DockerContainerizerOptions) {
    this.log = options.logger;
    this.engine = new DockerEngine(dockerSocketPath(options.socket ?? defaultDockerSocket()));
    this.images = new DockerImages(this.engine, options.logger.child('images'), options.downloadDir);
  }

  supports(container: ContainerInfo | null | undefined): boolean {
    return isDockerContainer(container);
  }

  /** Check that a daemon answers on the socket. */
  prepare(): Promise<void> {
    this.prepared ??= this.engine.ping().catch((e: Error) => {
      this.prepared = undefined; // try again next time
      throw new Error(`--docker-socket: ${e.message} (is dockerd running? apt-get install docker.io)`);
    });
    return this.prepared;
  }

  async launch(spec: LaunchSpec): Promise<LaunchedContainer> {
    if (this.containers.has(spec.containerId)) throw new Error(`container ${spec.containerId} already exists`);
    const container = spec.task.container;
    const image = container?.docker?.image ?? '';
    if (!image.trim()) throw new Error('task.container.docker.image: required');
    const parent = spec.parentContainerId ? this.containers.get(spec.parentContainerId) : undefined;
    if (spec.parentContainerId && (!parent || parent.ended || parent.kind !== 'pod')) {
      throw new Error(`pod ${spec.parentContainerId} is not running on this agent`);
    }
    const asked = parent ? undefined : networkMode(container);
    const cni = typeof asked === 'object' ? asked : undefined;
    if (cni && !this.options.cni) throw new Error(`task.container.network_infos[0].name: "${cni.cni}" is a CNI network, and this agent has no --network-cni-config-dir`);
    const network: DockerNetwork = parent ? { container: parent.dockerId } : typeof asked === 'string' ? asked : cni ? 'none' : 'host';
    await this.prepare();
    const imageName = await this.images.ensure(image, container?.docker?.image_uri, {
      forcePull: container?.docker?.force_pull_image ?? false,
      defaultRegistry: this.options.defaultRegistry,
      credentials: this.options.registryCredentials,
      progress: spec.progress,
    });
    const labels: Record<string, string> = {
      [DOCKER_LABELS.frameworkId]: spec.frameworkId,
      [DOCKER_LABELS.taskId]: spec.taskId,
      [DOCKER_LABELS.containerId]: spec.containerId,
    };
    const agentId = spec.environment.MESOS_AGENT_ID ?? spec.environment.MESETA_AGENT_ID;
    if (agentId) labels[DOCKER_LABELS.agentId] = agentId;
    if (spec.executorId) labels[DOCKER_LABELS.executorId] = spec.executorId;
    if (parent) labels[DOCKER_LABELS.parentContainerId] = parent.containerId;
    const cgroups = parent?.podCgroup ? await this.cgroupsForPods() : undefined;
    const body = dockerCreateBody({
      image: imageName,
      command: spec.task.command,
      env: containerEnvironment(spec.environment, spec.task.command, spec.secretEnvironment),
      sandboxDir: spec.sandboxDir || undefined,
      user: spec.user ? `${spec.user.uid}:${spec.user.gid}` : undefined,
      hostname: container?.hostname || undefined,
      network,
      limits: limitsFor(spec.task.resources, this.options.defaultPidsLimit ?? DEFAULT_PIDS_LIMIT),
      labels,
      volumes: container?.volumes,
      persistentVolumes: persistentVolumeBinds(spec.volumes),
      cgroupParent: cgroups && parent?.podCgroup ? cgroups.cgroupPath(parent.podCgroup) : undefined,
    });
    const dockerId = await this.createAndStart(spec.containerId, body);
    const joined = cni ? await this.joinCni(spec.containerId, dockerId, cni) : undefined;
    const entry = this.track(spec.containerId, dockerId, 'task', !!spec.sandboxDir, parent, spec.stdoutPath, spec.stderrPath);
    entry.networkInfos = joined?.networkInfos ?? parent?.networkInfos;
    entry.netnsPid = joined?.pid ?? parent?.netnsPid;
    return { containerId: entry.containerId, networkInfos: entry.networkInfos };
  }

  async launchPod(spec: PodSpec): Promise<LaunchedContainer> {
    if (this.containers.has(spec.containerId)) throw new Error(`container ${spec.containerId} already exists`);
    const podCni = typeof spec.network === 'object' ? spec.network : undefined;
    if (podCni && !this.options.cni) throw new Error(`executor.container.network_infos[0].name: "${podCni.cni}" is a CNI network, and this agent has no --network-cni-config-dir`);
    const podNetwork = typeof spec.network === 'string' ? spec.network : 'none';
    await this.prepare();
    const image = await this.ensurePauseImage();
    const cgroups = await this.cgroupsForPods();
    // The group's limits on a cgroup of its own; every member is created under it.
    if (cgroups) await cgroups.create(spec.containerId, limitsFor(spec.resources, 0));
    const labels: Record<string, string> = { [DOCKER_LABELS.frameworkId]: spec.frameworkId, [DOCKER_LABELS.containerId]: spec.containerId };
    if (spec.agentId) labels[DOCKER_LABELS.agentId] = spec.agentId;
    if (spec.executorId) labels[DOCKER_LABELS.executorId] = spec.executorId;
    const body = dockerCreateBody({
      image,
      command: { shell: false, value: '/pause', arguments: ['/pause'] },
      env: {},
      hostname: spec.hostname,
      network: podNetwork,
      limits: { pids: 16 },
      labels,
      shareableIpc: true,
      cgroupParent: cgroups?.cgroupPath(spec.containerId),
    });
    let dockerId: string;
    let joined: Awaited<ReturnType<DockerContainerizer['joinCni']>> | undefined;
    try {
      dockerId = await this.createAndStart(spec.containerId, body);
      if (podCni) joined = await this.joinCni(spec.containerId, dockerId, podCni);
    } catch (e) {
      await cgroups?.remove(spec.containerId);
      throw e;
    }
    const entry = this.track(spec.containerId, dockerId, 'pod', false);
    if (cgroups) entry.podCgroup = spec.containerId;
    entry.networkInfos = joined?.networkInfos;
    entry.netnsPid = joined?.pid;
    return { containerId: entry.containerId, networkInfos: entry.networkInfos };
  }

  /** Where a container's CNI checkpoint is kept. */
  private cniDir(containerId: string): string {
    return path.join(this.options.workDir ?? path.join('/tmp', 'meseta', 'agent'), 'docker-cni', containerId);
  }

  /**
   * Join a started container (network `none`) to its CNI network: ADD
   * against its process's namespace. On failure the container is removed
   * (and ADD undone) and the error names the network and plugin.
   */
  private async joinCni(containerId: string, dockerId: string, choice: CniChoice): Promise<{ networkInfos: v1.INetworkInfo[]; pid: number }> {
    try {
      const inspected = await this.engine.call<{ State?: { Running?: boolean; Pid?: number } }>('GET', `/containers/${dockerId}/json`);
      const pid = inspected.body.State?.Pid;
      if (!inspected.body.State?.Running || !pid) throw new Error('the container is not running (did it exit at once?)');
      const attached = await (this.options.cni as CniAttacher).attach(containerId, this.cniDir(containerId), choice.cni, choice.portMappings, `/proc/${pid}/ns/net`);
      return { networkInfos: [cniNetworkInfo(choice, attached.addresses)], pid };
    } catch (e) {
      await this.removeContainer(dockerId, { container_id: containerId });
      await this.releaseNetwork(containerId);
      throw new Error(`the container could not join its CNI network: ${(e as Error).message}`);
    }
  }

  /** CNI DEL from the container's checkpoint, when it has one (once, however many ask). */
  private releaseNetwork(containerId: string): Promise<void> {
    const dir = this.cniDir(containerId);
    let releasing = this.releasing.get(containerId);
    if (releasing) return releasing;
    if (!readCheckpoint(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    }
    releasing = (async () => {
      const attacher = this.options.cni;
      if (!attacher) {
        this.log.warn('container was on a CNI network but this agent has no --network-cni-config-dir; its address and port mappings stay', { container_id: containerId });
        return;
      }
      try {
        await attacher.detach(dir);
      } catch (e) {
        this.log.warn('CNI DEL failed', { container_id: containerId, error: e as Error });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    })().finally(() => this.releasing.delete(containerId));
    this.releasing.set(containerId, releasing);
    return releasing;
  }

  /** A container found running after a restart: its CNI network again from its checkpoint (a pod member: its pod's). */
  private readoptNetwork(entry: DockerEntry, pid: number | undefined): void {
    const checkpoint = readCheckpoint(this.cniDir(entry.containerId));
    if (checkpoint) {
      entry.networkInfos = [cniNetworkInfo({ cni: checkpoint.network.name, portMappings: checkpoint.portMappings }, checkpoint.addresses)];
      entry.netnsPid = pid;
    } else if (entry.parent) {
      entry.networkInfos = entry.parent.networkInfos;
      entry.netnsPid = entry.parent.netnsPid;
    }
  }

  /** The network namespace of a container on a CNI network (its pod's for a member), while it runs; undefined otherwise. */
  networkNamespace(containerId: string): string | undefined {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended || !entry.networkInfos?.length || !entry.netnsPid) return undefined;
    return `/proc/${entry.netnsPid}/ns/net`;
  }

  /**
   * The agent's cgroups for pod limits, or undefined (logged once) when the daemon does not
   * use the cgroupfs driver (a systemd driver wants slices) or there is no cgroup filesystem.
   */
  private cgroupsForPods(): Promise<Cgroups | undefined> {
    this.podCgroups ??= (async () => {
      const info = await this.engine.call<{ CgroupDriver?: string }>('GET', '/info').catch(() => undefined);
      const driver = info?.body.CgroupDriver;
      if (driver !== 'cgroupfs') {
        this.log.warn('pods of Docker containers get no group limits: the daemon does not use the cgroupfs driver', { cgroup_driver: driver ?? 'unknown' });
        return undefined;
      }
      return Cgroups.detect(this.options.cgroupsRoot ?? 'meseta');
    })();
    return this.podCgroups;
  }

  /** The pause image (imported once per daemon and program). */
  private ensurePauseImage(): Promise<string> {
    this.pauseImage ??= (async () => {
      const program = pauseProgram();
      const name = `meseta/pause:${createHash('sha256').update(program).digest('hex').slice(0, 12)}`;
      if (await this.images.present(name)) return name;
      const tarball = writeTar([{ path: 'pause', type: 'file', content: program, mode: 0o755 }]);
      const { repo, tag } = { repo: name.split(':')[0], tag: name.split(':')[1] };
      const response = await this.engine.stream('POST', '/images/create', { query: { fromSrc: '-', repo, tag }, body: Readable.from([tarball]) });
      for await (const chunk of response) void chunk;
      return name;
    })().catch((e: Error) => {
      this.pauseImage = undefined;
      throw new Error(`cannot create the pod pause image: ${e.message}`);
    });
    return this.pauseImage;
  }

  /** Create and start a container; it is removed again when it cannot start. */
  private async createAndStart(containerId: string, body: Record<string, unknown>): Promise<string> {
    const created = await this.engine.call<{ Id: string; Warnings?: string[] }>('POST', '/containers/create', {
      query: { name: DOCKER_NAME_PREFIX + containerId },
      json: body,
    });
    const dockerId = created.body.Id;
    try {
      await this.engine.call('POST', `/containers/${dockerId}/start`);
    } catch (e) {
      await this.removeContainer(dockerId, { container_id: containerId });
      throw new Error(`docker could not start the container: ${(e as Error).message}`);
    }
    return dockerId;
  }

  private track(
    containerId: string,
    dockerId: string,
    kind: 'task' | 'pod',
    sandboxMounted: boolean,
    parent?: DockerEntry,
    stdoutPath?: string,
    stderrPath?: string,
    logsSince?: number,
  ): DockerEntry {
    const logsDone = stdoutPath && stderrPath ? this.followLogs(dockerId, stdoutPath, stderrPath, logsSince) : Promise.resolve();
    const entry: DockerEntry = {
      containerId,
      dockerId,
      kind,
      sandboxMounted,
      parent,
      children: new Set(),
      ended: false,
      killedByAgent: false,
      termination: this.engine
        .call<{ StatusCode: number; Error?: { Message?: string } | null }>('POST', `/containers/${dockerId}/wait`, { timeoutMs: 0, longLived: true })
        .then(
          async ({ body }) => {
            if (this.released) return new Promise<Termination>(() => undefined);
            entry.ended = true;
            for (const child of entry.children) this.kill(child.containerId, 'SIGKILL');
            await this.releaseNetwork(containerId);
            await Promise.race([logsDone, new Promise((r) => setTimeout(r, LOG_DRAIN_MS).unref())]);
            return this.terminationOf(entry, body.StatusCode);
          },
          (e: Error) => {
            if (this.released) return new Promise<Termination>(() => undefined); // its end is the next agent's to see
            entry.ended = true;
            return { message: `waiting for docker container ${dockerId} failed: ${e.message}` };
          },
        ),
    };
    this.containers.set(containerId, entry);
    parent?.children.add(entry);
    return entry;
  }

  /** Copy the container's stdout and stderr into the sandbox files (rotated with `logRotation`) until it stops. */
  private async followLogs(dockerId: string, stdoutPath: string, stderrPath: string, since?: number): Promise<void> {
    const rotation = this.options.logRotation;
    const stdout = rotation ? new RotatingLogFile(stdoutPath, rotation) : fs.createWriteStream(stdoutPath, { flags: 'a' });
    const stderr = rotation ? new RotatingLogFile(stderrPath, rotation) : fs.createWriteStream(stderrPath, { flags: 'a' });
    try {
      const response: IncomingMessage = await this.engine.stream('GET', `/containers/${dockerId}/logs`, { query: { follow: 1, stdout: 1, stderr: 1, since } });
      const demuxer = new DockerStreamDemuxer((stream, payload) => void (stream === 'stderr' ? stderr : stdout).write(payload));
      for await (const chunk of response) demuxer.push(chunk as Buffer);
    } catch (e) {
      if (!this.released) this.log.warn('following container logs failed', { docker_id: dockerId, error: e as Error });
    } finally {
      const close = (file: RotatingLogFile | fs.WriteStream): Promise<unknown> =>
        file instanceof RotatingLogFile ? Promise.resolve(file.close()) : new Promise((r) => file.end(r));
      await Promise.all([close(stdout), close(stderr)]);
    }
  }

  private async terminationOf(entry: DockerEntry, status: number): Promise<Termination> {
    const signal = signalFromStatus(status);
    if (signal === 'SIGKILL' && !entry.killedByAgent) {
      const inspected = await this.engine.call<{ State?: { OOMKilled?: boolean } }>('GET', `/containers/${entry.dockerId}/json`).catch(() => undefined);
      if (inspected?.body.State?.OOMKilled) {
        return { signal, reason: Reason.REASON_CONTAINER_LIMITATION_MEMORY, message: 'Memory limit exceeded: the container was killed by the kernel at its limit' };
      }
    }
    // Docker reports 128+N for signal N, as runc does.
    if (signal) return { exitCode: status, signal, message: terminationMessage(undefined, signal) };
    return { exitCode: status, message: terminationMessage(status, undefined) };
  }

  wait(containerId: string): Promise<Termination> {
    const entry = this.containers.get(containerId);
    if (!entry) return Promise.resolve({ message: `container ${containerId} is unknown to the docker containerizer` });
    return entry.termination;
  }

  kill(containerId: string, signal: NodeJS.Signals): void {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) return;
    if (signal === 'SIGKILL') entry.killedByAgent = true;
    void this.engine.call('POST', `/containers/${entry.dockerId}/kill`, { query: { signal } }).catch((e: Error) => {
      if (!(e instanceof DockerApiError && (e.status === 409 || e.status === 404))) this.log.warn('docker kill failed', { container_id: containerId, error: e });
    });
  }

  async destroy(containerId: string): Promise<void> {
    const entry = this.containers.get(containerId);
    if (!entry) return;
    await Promise.all([...entry.children].map((child) => this.destroy(child.containerId)));
    entry.removed ??= (async () => {
      this.kill(containerId, 'SIGKILL');
      await entry.termination;
      await this.removeContainer(entry.dockerId, { container_id: containerId });
      await this.releaseNetwork(containerId);
      entry.parent?.children.delete(entry);
      this.containers.delete(containerId);
      if (entry.podCgroup) {
        const left = await ((await this.cgroupsForPods())?.remove(entry.podCgroup) ?? Promise.resolve([]));
        if (left.length > 0) this.log.warn('pod cgroup not removed', { pod: containerId, left: left.join(', ') });
      }
    })();
    await entry.removed;
  }

  async usage(containerId: string): Promise<ContainerUsage | undefined> {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) return undefined;
    const stats = await this.engine.call<DockerStats>('GET', `/containers/${entry.dockerId}/stats`, { query: { stream: 0, 'one-shot': 1 } }).catch(() => undefined);
    if (!stats) return undefined;
    return { ...dockerStatsUsage(stats.body), timestamp: Date.now() / 1000 };
  }

  async exec(containerId: string, request: ExecRequest): Promise<ExecSession> {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) throw new Error(`container ${containerId} is not running`);
    if (entry.kind === 'pod') throw new Error(`container ${containerId} is a pod's parent; exec into one of its tasks`);
    return dockerExecSession(this.engine, entry.dockerId, request, entry.sandboxMounted);
  }

  /** After the agent destroyed every container: close the connections to the daemon. */
  async shutdown(): Promise<void> {
    this.engine.close();
  }

  /** Stop tracking every container; they run on, for the next agent to recover. */
  release(): void {
    this.released = true;
    this.containers.clear();
    this.adoptedPods.clear();
    this.engine.close();
  }

  /** The Docker id and name (the name, `meseta-<containerId>`, alone finds it again) and its pod. */
  checkpoint(containerId: string): Record<string, unknown> | undefined {
    const entry = this.containers.get(containerId);
    if (!entry) return undefined;
    const data: Record<string, unknown> = { docker_id: entry.dockerId, name: DOCKER_NAME_PREFIX + containerId };
    if (entry.parent) data.parent = entry.parent.containerId;
    return data;
  }

  /**
   * Find containers again after an agent restart, by their Docker id or
   * name: a running one is adopted (waited for, its new output followed into
   * the sandbox); one that ended is reported with its real exit code (and
   * OOM kill) and removed; one Docker does not know is missing. A pod
   * member's parent (pause) container is adopted with it, so members keep
   * joining its namespaces and the pod can still be destroyed.
   */
  async recover(records: readonly ContainerRecord[]): Promise<RecoveredContainer[]> {
    try {
      await this.prepare();
    } catch (e) {
      return records.map((r) => ({ containerId: r.containerId, state: 'missing' as const, message: (e as Error).message }));
    }
    return Promise.all(records.map((record) => this.recoverOne(record)));
  }

  private async recoverOne(record: ContainerRecord): Promise<RecoveredContainer> {
    const { containerId } = record;
    if (this.containers.has(containerId)) return { containerId, state: 'running' };
    const parent = typeof record.data?.parent === 'string' ? await this.adoptPod(record.data.parent) : undefined;
    const reference = typeof record.data?.docker_id === 'string' ? record.data.docker_id : DOCKER_NAME_PREFIX + containerId;
    let inspected: { Id: string; State?: { Running?: boolean; Pid?: number; ExitCode?: number; OOMKilled?: boolean } };
    try {
      inspected = (await this.engine.call<typeof inspected>('GET', `/containers/${encodeURIComponent(reference)}/json`)).body;
    } catch (e) {
      if (e instanceof DockerApiError && e.status === 404) {
        await this.releaseNetwork(containerId);
        return { containerId, state: 'missing', message: `docker has no container ${reference}` };
      }
      return { containerId, state: 'missing', message: `docker container ${reference} cannot be inspected: ${(e as Error).message}` };
    }
    if (inspected.State?.Running) {
      const sandbox = record.sandboxDir;
      // Output up to the sandbox files' last write is there already (seconds: a line may repeat).
      const mtimes = sandbox ? ['stdout', 'stderr'].map((f) => fs.statSync(path.join(sandbox, f), { throwIfNoEntry: false })?.mtimeMs ?? 0) : [];
      const since = Math.floor(Math.max(0, ...mtimes) / 1000) || undefined;
      const entry = this.track(containerId, inspected.Id, 'task', !!sandbox, parent, sandbox && path.join(sandbox, 'stdout'), sandbox && path.join(sandbox, 'stderr'), since);
      this.readoptNetwork(entry, inspected.State.Pid);
      return { containerId, state: 'running', pid: inspected.State.Pid, networkInfos: entry.networkInfos };
    }
    const status = inspected.State?.ExitCode ?? 0;
    const signal = signalFromStatus(status);
    await this.removeContainer(inspected.Id, { container_id: containerId });
    await this.releaseNetwork(containerId);
    const termination: Termination = inspected.State?.OOMKilled
      ? { exitCode: status, signal, reason: Reason.REASON_CONTAINER_LIMITATION_MEMORY, message: 'Memory limit exceeded: the container was killed by the kernel at its limit' }
      : { exitCode: status, signal, message: signal ? terminationMessage(undefined, signal) : terminationMessage(status, undefined) };
    return { containerId, state: 'ended', termination };
  }

  /** Track a pod's parent container found again by name (once per pod); undefined when it no longer runs. */
  private adoptPod(podId: string): Promise<DockerEntry | undefined> {
    let adopted = this.adoptedPods.get(podId);
    if (!adopted) {
      adopted = (async () => {
        const known = this.containers.get(podId);
        if (known) return known.kind === 'pod' && !known.ended ? known : undefined;
        const name = DOCKER_NAME_PREFIX + podId;
        const inspected = await this.engine.call<{ Id: string; State?: { Running?: boolean; Pid?: number } }>('GET', `/containers/${encodeURIComponent(name)}/json`).catch(() => undefined);
        if (!inspected) {
          await this.releaseNetwork(podId);
          return undefined;
        }
        const cgroups = await this.cgroupsForPods();
        if (!inspected.body.State?.Running) {
          await this.removeContainer(inspected.body.Id, { container_id: podId });
          await this.releaseNetwork(podId);
          await cgroups?.remove(podId);
          return undefined;
        }
        const entry = this.track(podId, inspected.body.Id, 'pod', false);
        if (cgroups) entry.podCgroup = podId;
        this.readoptNetwork(entry, inspected.body.State?.Pid);
        return entry;
      })();
      this.adoptedPods.set(podId, adopted);
    }
    return adopted;
  }

  /**
   * Remove a Docker container (forced, with its anonymous volumes). A failure
   * is logged with the ids and retried with a doubling pause (as the agent
   * retries a destroy); a container Docker does not know counts as removed.
   * False when it is still there after the last attempt (logged as an error).
   */
  private async removeContainer(dockerId: string, ids: Record<string, unknown>): Promise<boolean> {
    const clock = this.options.clock ?? systemClock;
    let pauseMs = DESTROY_RETRY_BASE_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.engine.call('DELETE', `/containers/${dockerId}`, { query: { force: 1, v: 1 } });
        return true;
      } catch (e) {
        if (e instanceof DockerApiError && e.status === 404) return true;
        const fields = { ...ids, docker_id: dockerId, attempt, error: e as Error };
        if (attempt >= DESTROY_ATTEMPTS || this.released) {
          this.log.error('docker container not removed; giving up: it is left behind', fields);
          return false;
        }
        this.log.warn('docker container not removed; retrying', { ...fields, retry_ms: pauseMs });
        await new Promise<void>((resolve) => clock.after(pauseMs, resolve));
        pauseMs *= 2;
      }
    }
  }

  /** The Docker id of a container it runs. */
  dockerIdOf(containerId: string): string | undefined {
    return this.containers.get(containerId)?.dockerId;
  }
}
