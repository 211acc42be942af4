/**
 * The interface every containerizer implements (posix, fake, later docker
 * and tar), and the facts they share: what to launch, how a container ended.
 */
import * as os from 'node:os';
import type { ContainerInfo, Reason, TaskInfo } from '../proto/src/wire';
import { pb } from '../proto/src/wire';

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
}

/** A started container. */
export interface LaunchedContainer {
  containerId: string;
  /** The main process (and process group) id, when there is one. */
  pid?: number;
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
  memRssBytes?: number;
  timestamp: number;
}

/** A container found again after an agent restart. */
export interface RecoveredContainer {
  containerId: string;
  pid?: number;
}

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
  /** True when this containerizer can run a container of this kind (undefined: no ContainerInfo). */
  supports(container: ContainerInfo | null | undefined): boolean;
  /** Start a container; rejects with a message naming the problem. */
  launch(spec: LaunchSpec): Promise<LaunchedContainer>;
  /** Resolves once the container has ended (immediately when it already has). */
  wait(containerId: string): Promise<Termination>;
  /** Send a signal to every process of the container. */
  kill(containerId: string, signal: NodeJS.Signals): void;
  /** Kill everything of the container (SIGKILL) and release it; resolves when it has ended. */
  destroy(containerId: string): Promise<void>;
  /** Current resource usage, if measurable. */
  usage?(containerId: string): Promise<ContainerUsage | undefined>;
  /**
   * Find containers still alive after an agent restart. Checkpointing and
   * recovery come later; implementations may return an empty list.
   */
  recover?(known: readonly RecoveredContainer[]): Promise<RecoveredContainer[]>;
  /** Stop tracking every container without killing it (they outlive the agent). */
  release?(): void;
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
