/**
 * The posix containerizer: a task is a plain child process without
 * isolation, in its own session and process group, with its sandbox as
 * working directory and its stdout/stderr appended to the sandbox files.
 *
 * Signals go to the whole process group. When the main process ends, what
 * is left of its group is killed, as Mesos destroys a container whose
 * executor ended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { CommandInfo, ContainerInfo } from '../proto/src/wire';
import { pb } from '../proto/src/wire';
import type { Containerizer, LaunchedContainer, LaunchSpec, RecoveredContainer, Termination } from './containerizer';
import { terminationMessage } from './containerizer';
import { commandEnvironment } from './task-environment';

/** The program and arguments a CommandInfo runs. */
export interface ProcessCommand {
  file: string;
  args: string[];
  /** argv[0] when it differs from `file`. */
  argv0?: string;
}

/**
 * The process to start for a command: `/bin/sh -c value` when `shell` is
 * true (the default); else `value` is the program and `arguments` its argv
 * (argv[0] included). Throws a message naming the missing field.
 */
export function processCommand(command: CommandInfo | null | undefined): ProcessCommand {
  if (!command) throw new Error('task.command: required by the posix containerizer');
  const value = command.value ?? '';
  if (command.shell !== false) {
    if (value.trim() === '') throw new Error('task.command.value: required (the shell command to run)');
    return { file: '/bin/sh', args: ['-c', value] };
  }
  if (value === '') throw new Error('task.command.value: required when shell is false (the program to run)');
  const argv = command.arguments ?? [];
  return { file: value, args: argv.slice(1), argv0: argv.length > 0 ? argv[0] : undefined };
}

interface PosixContainer {
  /** Absent for a container recovered after an agent restart (not our child). */
  child?: ChildProcess;
  /** Liveness poll of a recovered container. */
  poll?: NodeJS.Timeout;
  pid: number;
  ended: boolean;
  termination: Promise<Termination>;
}

/** Options of {@link PosixContainerizer}. */
export interface PosixContainerizerOptions {
  /** Start tasks with the agent's environment underneath their own, as Mesos does. @default true */
  inheritEnvironment?: boolean;
}

/** Runs each task as a child process group. */
export class PosixContainerizer implements Containerizer {
  readonly name = 'posix';
  private readonly containers = new Map<string, PosixContainer>();

  constructor(private readonly options: PosixContainerizerOptions = {}) {}

  /** Plain commands, and MESOS containers without an image. */
  supports(container: ContainerInfo | null | undefined): boolean {
    if (!container) return true;
    const type = container.type ?? pb.ContainerInfo.Type.POSIX;
    if (type === pb.ContainerInfo.Type.POSIX) return true;
    return type === pb.ContainerInfo.Type.MESOS && !container.mesos?.image;
  }

  async launch(spec: LaunchSpec): Promise<LaunchedContainer> {
    if (this.containers.has(spec.containerId)) throw new Error(`container ${spec.containerId} already exists`);
    const command = processCommand(spec.task.command);
    const env = {
      ...(this.options.inheritEnvironment === false ? {} : process.env),
      ...spec.environment,
      ...commandEnvironment(spec.task.command),
    };
    const stdout = fs.openSync(spec.stdoutPath, 'a');
    let stderr: number | undefined;
    let child: ChildProcess;
    try {
      stderr = fs.openSync(spec.stderrPath, 'a');
      child = spawn(command.file, command.args, {
        cwd: spec.sandboxDir,
        env,
        detached: true,
        stdio: ['ignore', stdout, stderr],
        argv0: command.argv0,
      });
    } finally {
      fs.closeSync(stdout);
      if (stderr !== undefined) fs.closeSync(stderr);
    }
    const entry: PosixContainer = {
      child,
      pid: -1,
      ended: false,
      termination: new Promise<Termination>((resolve) => {
        child.once('exit', (code, signal) => {
          entry.ended = true;
          if (entry.pid > 0) signalGroup(entry.pid, 'SIGKILL'); // what the main process left behind
          resolve({
            exitCode: signal ? undefined : (code ?? undefined),
            signal: signal ?? undefined,
            message: terminationMessage(code, signal),
          });
        });
      }),
    };
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (e) => reject(new Error(`failed to start "${command.file}": ${e.message}`)));
    });
    const pid = child.pid as number;
    entry.pid = pid;
    child.on('error', () => undefined); // a failed kill() must not crash the agent
    this.containers.set(spec.containerId, entry);
    return { containerId: spec.containerId, pid };
  }

  wait(containerId: string): Promise<Termination> {
    const entry = this.containers.get(containerId);
    if (!entry) return Promise.resolve({ message: `container ${containerId} is unknown to the posix containerizer` });
    return entry.termination;
  }

  kill(containerId: string, signal: NodeJS.Signals): void {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) return;
    signalGroup(entry.pid, signal);
  }

  async destroy(containerId: string): Promise<void> {
    const entry = this.containers.get(containerId);
    if (!entry) return;
    if (!entry.ended) signalGroup(entry.pid, 'SIGKILL');
    await entry.termination;
    this.containers.delete(containerId);
  }

  /**
   * Re-adopt containers whose process group is still alive after an agent
   * restart. Partial by nature: such a process is no longer the agent's
   * child, so its exit code cannot be known; the group is polled every
   * {@link RECOVERY_POLL_MS} and its end reported without an exit code.
   * Returns the containers that were adopted.
   */
  async recover(known: readonly RecoveredContainer[]): Promise<RecoveredContainer[]> {
    const adopted: RecoveredContainer[] = [];
    for (const c of known) {
      if (!c.pid || c.pid <= 1 || this.containers.has(c.containerId) || !groupAlive(c.pid)) continue;
      const pid = c.pid;
      const entry: PosixContainer = {
        pid,
        ended: false,
        termination: new Promise<Termination>((resolve) => {
          const check = (): void => {
            if (groupAlive(pid)) return;
            entry.ended = true;
            if (entry.poll) clearInterval(entry.poll);
            resolve({ message: 'Command ended while recovered after an agent restart; its exit status is unknown' });
          };
          setImmediate(() => {
            entry.poll = setInterval(check, RECOVERY_POLL_MS);
            entry.poll.unref();
          });
        }),
      };
      this.containers.set(c.containerId, entry);
      adopted.push({ containerId: c.containerId, pid });
    }
    return adopted;
  }

  release(): void {
    for (const entry of this.containers.values()) {
      entry.child?.unref();
      if (entry.poll) clearInterval(entry.poll);
    }
    this.containers.clear();
  }

  /** Ids of the containers it tracks. */
  containerIds(): string[] {
    return [...this.containers.keys()];
  }
}

/** How often a recovered container's process group is checked. */
export const RECOVERY_POLL_MS = 500;

/** True while any process of the group exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Signal a whole process group; a group that is already gone is fine. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}
