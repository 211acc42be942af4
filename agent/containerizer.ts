/**
 * The interface every containerizer implements (posix, fake, later docker
 * and tar), and the facts they share: what to launch, how a container ended.
 */
import type { NetworkMode } from './containerizers/container-process';
import type { MountStyle, VolumeMount } from './volume-paths';
import * as os from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { ContainerInfo, Reason, Resource, TaskInfo, v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';

/** Everything a containerizer needs to start one task's container. */
export interface LaunchSpec {
  /** Unique id of this container (one per task run). */
  containerId: string;
  frameworkId: string;
  taskId: string;
  executorId?: string;
  /** The task as the framework described it (command, container, resources, labels). */
  task: TaskInfo;
  /** Absolute sandbox directory; stdout/stderr files already exist there. */
  sandboxDir: string;
  stdoutPath: string;
  stderrPath: string;
  /** Variables the agent adds to the task's own environment (MESOS_SANDBOX, PORT0, ...). */
  environment: Record<string, string>;
  /**
   * A directory of the container's own, under the agent's checkpoint dir
   * (`<workDir>/meta/runs/<containerId>`), for runtime files that must
   * outlive the agent (the posix exit-status file, a runc bundle). It exists
   * when launch is called, is handed back in {@link ContainerRecord} after an
   * agent restart and is removed once the task is forgotten. Absent when the
   * agent does not checkpoint.
   */
  runtimeDir?: string;
  /**
   * Set for a nested container: the pod (started with
   * {@link Containerizer.launchPod}) whose network, ipc and uts namespaces
   * it joins and under whose cgroup it runs.
   */
  parentContainerId?: string;
  /**
   * Given only to containerizers with {@link Containerizer.startsBeforeSandbox}:
   * resolves once the sandbox directory and its stdout/stderr files exist
   * (rejects when they could not be made). The container's process must not
   * start before.
   */
  sandboxReady?: Promise<void>;
  /**
   * The OS user the task runs as (already resolved; the sandbox is theirs).
   * Undefined: the agent's own user.
   */
  user?: { name: string; uid: number; gid: number; home?: string };
  /**
   * SECRET variables with their resolved values, put over the task's own
   * variables. Never logged, checkpointed or written where `/files` serves.
   */
  secretEnvironment?: Record<string, string>;
  /**
   * Tell how a slow step of the launch goes (an image pull: layers
   * done/total); the agent reports it as TASK_STARTING with this message.
   */
  progress?: (message: string) => void;
  /**
   * The task's own Docker config (registry credentials) for its image,
   * resolved from its secret; used before the agent's `--docker-config`.
   * Never logged or checkpointed.
   */
  registryConfig?: string;
  /**
   * The task's persistent volumes, their directories already made, with
   * where the task sees each one in this containerizer's
   * {@link Containerizer.volumeMounts} style: `bind` containerizers mount
   * each `hostPath` at its absolute `target` (read-only when asked);
   * `sandbox-link` ones find the links already in the sandbox.
   */
  volumes?: VolumeMount[];
}

/** Registry images and layers an agent keeps (see `containerizers/layer-store.ts`). */
export interface CachedImages {
  images: Array<{ reference: string; manifest_digest: string; layers: string[]; pulled_at: string }>;
  layers: Array<{ digest: string; bytes: number; in_use: number; last_used: string }>;
}

/** The parent container of a task group (pod). */
export interface PodSpec {
  /** Unique id of the pod's parent container. */
  containerId: string;
  frameworkId: string;
  executorId?: string;
  agentId?: string;
  /** Everything the group holds (its tasks' and its executor's resources): the pod's limits. */
  resources: Resource[];
  /** The pod's shared network: host, none (loopback only) or a CNI network. */
  network: NetworkMode;
  /** Host name inside the pod (its own uts namespace). */
  hostname: string;
}

/** A command to run in a running container (a debug session, like `kubectl exec`). */
export interface ExecRequest {
  /** argv; argv[0] is looked up in the container's PATH. */
  args: string[];
  /** Variables added to the container's environment. */
  env?: Record<string, string>;
  /** Working directory in the container. @default the sandbox */
  cwd?: string;
  /** Run on a terminal of this size (see `containerizers/exec-tty.ts`). @default plain pipes */
  tty?: { rows: number; columns: number };
}

/** How a debug session's process ended. */
export interface ExecExit {
  exitCode?: number;
  signal?: NodeJS.Signals;
  message: string;
}

/** A running debug session: its standard streams and its end. */
export interface ExecSession {
  stdin: Writable;
  stdout: Readable;
  stderr: Readable;
  /** Resolves once the process has ended and its output has been read. */
  exited: Promise<ExecExit>;
  /** Signal the session's process (e.g. when the client goes away). */
  kill(signal: NodeJS.Signals): void;
  /** Resize its terminal (sessions started with `tty`). */
  resize?(size: { rows: number; columns: number }): void;
}

/** A started container. */
export interface LaunchedContainer {
  containerId: string;
  /** The main process (and process group) id, when there is one. */
  pid?: number;
  /** Its network and addresses when it is on a CNI network (reported in `container_status.network_infos`). */
  networkInfos?: v1.INetworkInfo[];
}

/** How a container ended. */
export interface Termination {
  /** Exit code of the main process when it ended by itself. */
  exitCode?: number;
  /** Signal that ended the main process, e.g. `SIGKILL`. */
  signal?: NodeJS.Signals;
  /** Set when the containerizer itself knows why (e.g. a limit was hit). */
  reason?: Reason;
  /** One line for humans: `Command exited with status 1`. */
  message: string;
}

/** Resource usage of a container, when the containerizer can measure it. */
export interface ContainerUsage {
  cpusUserTimeSecs?: number;
  cpusSystemTimeSecs?: number;
  /** Anonymous resident memory (cgroup `rss`/`anon`, the sum of /proc RSS for posix). */
  memRssBytes?: number;
  /** Everything charged to the container's memory cgroup, page cache included. */
  memTotalBytes?: number;
  /** The memory limit the kernel enforces, when there is one. */
  memLimitBytes?: number;
  /** Processes counted (posix). */
  processes?: number;
  timestamp: number;
}

/**
 * What the agent checkpointed about one container, handed back to the
 * containerizer that launched it when the agent starts again.
 */
export interface ContainerRecord {
  containerId: string;
  /** The {@link LaunchSpec.runtimeDir} it was launched with. */
  runtimeDir?: string;
  /** The sandbox it was launched in. */
  sandboxDir?: string;
  /**
   * What {@link Containerizer.checkpoint} returned right after launch.
   * Undefined when the agent died before it could ask: the container may or
   * may not have been started.
   */
  data?: Record<string, unknown>;
}

/**
 * A container as found again after an agent restart:
 * - `running`: adopted; `wait`, `kill` and `destroy` work as for one it launched.
 * - `ended`: it ended while the agent was away; `termination` says how
 *   (with the real exit code when the containerizer could learn it).
 * - `missing`: no trace of it (never started, or nothing left to ask); `message` says what was looked for.
 */
export type RecoveredContainer =
  | { containerId: string; state: 'running'; pid?: number; networkInfos?: v1.INetworkInfo[] }
  | { containerId: string; state: 'ended'; termination: Termination }
  | { containerId: string; state: 'missing'; message: string };

/** Runs task containers. Every method may be called for unknown ids and must not throw for them (except launch). */
export interface Containerizer {
  /** Name as `--containerizers` spells it. */
  readonly name: string;
  /**
   * False when its containers write nothing to a sandbox (the fake one): the
   * agent then creates no sandbox directory and passes empty paths.
   * @default true
   */
  readonly usesSandbox?: boolean;
  /**
   * True when `launch` may be called while the sandbox is still being made:
   * the containerizer prepares the container meanwhile and waits for
   * {@link LaunchSpec.sandboxReady} before starting it (launch latency).
   * @default false
   */
  readonly startsBeforeSandbox?: boolean;
  /**
   * How its tasks see persistent volumes: `sandbox-link` (posix: the agent
   * links `<sandbox>/<container_path>` to the volume), `bind` (runc, Docker:
   * a bind mount from {@link LaunchSpec.volumes}). Undefined: volumes are
   * kept on disk but not shown to the task (the fake containerizer).
   */
  readonly volumeMounts?: MountStyle;
  /** True when this containerizer can run a container of this kind (undefined: no ContainerInfo). */
  supports(container: ContainerInfo | null | undefined): boolean;
  /** Start a container; rejects with a message naming the problem. */
  launch(spec: LaunchSpec): Promise<LaunchedContainer>;
  /** Registry images and their layers cached on the agent (the runc containerizer's layer store), for `/state`. */
  cachedImages?(): CachedImages;
  /** Resolves once the container has ended (immediately when it already has). */
  wait(containerId: string): Promise<Termination>;
  /**
   * The network namespace (a path `nsenter --net=` takes) of a running
   * container on a CNI network, where its HTTP/TCP health checks run;
   * undefined for containers on the agent's network or not running.
   */
  networkNamespace?(containerId: string): string | undefined;
  /** Send a signal to every process of the container. */
  kill(containerId: string, signal: NodeJS.Signals): void;
  /** Kill everything of the container (SIGKILL) and release it; resolves when it has ended. */
  destroy(containerId: string): Promise<void>;
  /** Current resource usage, if measurable. */
  usage?(containerId: string): Promise<ContainerUsage | undefined>;
  /**
   * What must be checkpointed to find this container again after the agent
   * restarts (posix: pid and start time; docker/runc: the container name).
   * JSON-safe. The agent asks right after `launch` resolves and stores the
   * answer in {@link ContainerRecord.data}.
   */
  checkpoint?(containerId: string): Record<string, unknown> | undefined;
  /**
   * Find the checkpointed containers again after an agent restart: one
   * answer per record (a record without an answer counts as `missing`).
   * Containers reported `running` are tracked from then on. A containerizer
   * without `recover` cannot keep containers across restarts: all of its
   * records count as missing.
   */
  recover?(records: readonly ContainerRecord[]): Promise<RecoveredContainer[]>;
  /** Stop tracking every container without killing it (they outlive the agent). */
  release?(): void;
  /**
   * The agent is stopping and has destroyed every container: let go of
   * what the containerizer itself holds (folders made ahead of time, an
   * empty cgroup root, connections). Optional.
   */
  shutdown?(): Promise<void>;
  /**
   * Check what the containerizer needs (runtime binary, daemon, cgroups,
   * directories) before the agent starts; rejects with a message naming
   * the flag or package to fix.
   */
  prepare?(): Promise<void>;
  /**
   * Start the parent container of a task group (pod). Its members are then
   * launched with {@link LaunchSpec.parentContainerId}; {@link destroy} of
   * the pod destroys its members first. Containerizers without it run a
   * group's tasks side by side.
   */
  launchPod?(spec: PodSpec): Promise<LaunchedContainer>;
  /** Start a debug session in the namespaces (and cgroup) of a running container. */
  exec?(containerId: string, request: ExecRequest): Promise<ExecSession>;
  /** True when {@link exec} takes `tty` (a session on a terminal). */
  readonly terminals?: boolean;
}

/** `Command exited with status N` / `Command terminated with signal SIGTERM`, as Mesos words it. */
export function terminationMessage(exitCode: number | null | undefined, signal: NodeJS.Signals | null | undefined): string {
  if (signal) return `Command terminated with signal ${signal}`;
  return `Command exited with status ${exitCode ?? 0}`;
}

/** The number of a signal name (SIGTERM → 15), for TaskStatus.signal. */
export function signalNumber(signal: NodeJS.Signals | undefined): number | undefined {
  if (!signal) return undefined;
  return (os.constants.signals as Record<string, number>)[signal];
}

/** The container type name of a task, for messages: POSIX, DOCKER, MESOS. */
export function containerTypeName(container: ContainerInfo | null | undefined): string {
  if (!container) return 'POSIX';
  return (pb.ContainerInfo.Type as unknown as Record<number, string>)[container.type ?? 0] ?? String(container.type);
}
