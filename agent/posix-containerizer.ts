/**
 * The posix containerizer: a task is a plain child process without
 * isolation, in its own session and process group, with its sandbox as
 * working directory and its stdout/stderr appended to the sandbox files.
 *
 * Signals go to the whole process group. When the main process ends, what
 * is left of its group is killed, as Mesos destroys a container whose
 * executor ended.
 *
 * With a runtime dir (the agent checkpoints) the task runs under the
 * exit-status wrapper of `recovery-posix.ts`, so that an agent started
 * later can adopt it (pid + start time, checkpointed) and learn its real
 * exit status. A program run with `shell: false` is then resolved to its
 * full path first (so a missing one is refused at launch, as before, and a
 * name like `echo` is the program, not a shell builtin); its argv[0] is
 * that path, since `/bin/sh` cannot set another.
 *
 * Debug sessions (`exec`) run the command next to the task: the same user,
 * the task's environment and sandbox (there is no isolation to enter); a
 * session goes when its task does.
 */
import { ProcTable } from './usage/proc-table';
import { sumProcUsage, taskProcesses } from './usage/proc-stat';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { CommandInfo, ContainerInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import * as path from 'node:path';
import type { ContainerRecord, Containerizer, ContainerUsage, ExecRequest, ExecSession, LaunchedContainer, LaunchSpec, RecoveredContainer, Termination } from './containerizer';
import { childExecSession } from './containerizers/exec-session';
import { spawnOnTerminal, terminalExecSession } from './containerizers/exec-tty';
import { terminationMessage } from './containerizer';
import {
  EXIT_STATUS_FILE,
  EXIT_STATUS_WRAPPER,
  findContainerLeader,
  processVerdict,
  readExitStatus,
  readProcessStat,
  unrecordedTermination,
} from './recovery-posix';
import { commandEnvironment } from './task-environment';
import { unreachableFolder } from './task-access';
import { type ExitWatch, watchForExit } from './exit-watch';
import { type Clock, systemClock } from '@meseta/runtime/clock';
import type { Socket } from 'node:net';
import type { LogRotation } from './log-rotation';
import { startLogPump } from './log-pump';

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
  /** The wait on a recovered container's end (see `exit-watch.ts`). */
  watch?: ExitWatch<Termination>;
  pid: number;
  /** Start time of the group leader (/proc), to tell it from a recycled pid. */
  startTime?: number;
  /** Where the wrapper records the exit status; absent when the task runs unwrapped. */
  statusFile?: string;
  /** The task's environment and sandbox, for debug sessions (a recovered one's are read from /proc). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The user it runs as when not the agent's (a recovered one's is read from /proc). */
  user?: { uid: number; gid: number };
  /** Debug sessions running next to it; killed when it ends. */
  sessions: Set<ExecSession>;
  ended: boolean;
  termination: Promise<Termination>;
}

/** Options of {@link PosixContainerizer}. */
export interface PosixContainerizerOptions {
  /** Start tasks with the agent's environment underneath their own, as Mesos does. @default true */
  inheritEnvironment?: boolean;
  /** How often a recovered container's leader is checked when its wrapper left no exit status. @default {@link RECOVERY_POLL_MS} */
  recoveryPollMs?: number;
  /** The clock of that check. @default systemClock */
  clock?: Clock;
  /**
   * Rotate each task's stdout and stderr (`--container-logger-max-size`,
   * `--container-logger-max-files`) through a log pump process beside it
   * (`log-pump-main.ts`). @default none: the task writes its sandbox files itself
   */
  logRotation?: LogRotation;
  /** Where {@link PosixContainerizer.usage} reads processes (one /proc scan per sampling round). @default a {@link ProcTable} of /proc */
  procTable?: ProcTable;
}

/** The log pump's script (compiled beside this file). */
/** What `checkpoint` records for a posix container. */
export interface PosixCheckpoint {
  pid: number;
  /** /proc start time of the leader; absent when it had already ended. */
  start_time?: number;
}

/** Runs each task as a child process group. */
export class PosixContainerizer implements Containerizer {
  readonly name = 'posix';
  readonly volumeMounts = 'sandbox-link' as const;
  readonly terminals = true;
  private readonly containers = new Map<string, PosixContainer>();

  private readonly procTable: ProcTable;

  constructor(private readonly options: PosixContainerizerOptions = {}) {
    this.procTable = options.procTable ?? new ProcTable();
  }

  /**
   * CPU times and resident memory summed over the task's process tree (its
   * leader, the leader's descendants and what is left in its process
   * group), from /proc. Undefined once it has ended.
   */
  async usage(containerId: string): Promise<ContainerUsage | undefined> {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended || entry.pid <= 0) return undefined;
    const procs = taskProcesses(await this.procTable.processes(), entry.pid);
    if (procs.length === 0) return undefined;
    return { ...sumProcUsage(procs), timestamp: Date.now() / 1000 };
  }

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
    const user = spec.user;
    const env = {
      ...(this.options.inheritEnvironment === false ? {} : process.env),
      ...(user ? userEnvironment(user) : {}),
      ...spec.environment,
      ...commandEnvironment(spec.task.command),
      ...spec.secretEnvironment,
    };
    if (user) {
      const blocked = await unreachableFolder(spec.sandboxDir, user);
      if (blocked) {
        throw new Error(`user "${user.name}" (uid ${user.uid}) cannot reach its sandbox: ${blocked.folder} is mode ${blocked.mode.toString(8).padStart(4, '0')}; let others pass through the agent's --work-dir and its parents (chmod o+x)`);
      }
    }
    let file = command.file;
    let args = command.args;
    let argv0 = command.argv0;
    let statusFile: string | undefined;
    if (spec.runtimeDir) {
      statusFile = path.join(spec.runtimeDir, EXIT_STATUS_FILE);
      await fs.promises.mkdir(spec.runtimeDir, { recursive: true });
      await fs.promises.rm(statusFile, { force: true });
      if (user) await fs.promises.chown(spec.runtimeDir, user.uid, user.gid); // the wrapper, run as the task's user, writes its exit status there
      const program = command.file === '/bin/sh' ? command.file : resolveProgram(command.file, spec.sandboxDir, env.PATH);
      file = '/bin/sh';
      args = ['-c', EXIT_STATUS_WRAPPER, 'meseta-task', statusFile, program, ...command.args];
      argv0 = undefined;
    }
    const pump = this.options.logRotation && (await startLogPump(this.options.logRotation, spec.stdoutPath, spec.stderrPath));
    const pumpErr = pump?.stdio[3] as Socket | undefined;
    const stdout = pump ? undefined : fs.openSync(spec.stdoutPath, 'a');
    let stderr: number | undefined;
    let child: ChildProcess;
    try {
      stderr = pump ? undefined : fs.openSync(spec.stderrPath, 'a');
      child = spawn(file, args, {
        cwd: spec.sandboxDir,
        env,
        detached: true,
        stdio: pump ? ['ignore', pump.stdin!, pumpErr!] : ['ignore', stdout!, stderr!],
        argv0,
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
      });
    } finally {
      if (stdout !== undefined) fs.closeSync(stdout);
      if (stderr !== undefined) fs.closeSync(stderr);
      // The task holds the pump's inputs now; the agent lets go of its ends.
      pump?.stdin?.destroy();
      pumpErr?.destroy();
    }
    const entry: PosixContainer = {
      child,
      pid: -1,
      statusFile,
      env,
      cwd: spec.sandboxDir,
      user: user ? { uid: user.uid, gid: user.gid } : undefined,
      sessions: new Set(),
      ended: false,
      termination: new Promise<Termination>((resolve) => {
        child.once('exit', (code, signal) => {
          entry.ended = true;
          endSessions(entry);
          if (entry.pid > 0) signalGroup(entry.pid, 'SIGKILL'); // what the main process left behind
          resolve(
            readExitStatus(statusFile) ?? {
              exitCode: signal ? undefined : (code ?? undefined),
              signal: signal ?? undefined,
              message: terminationMessage(code, signal),
            },
          );
        });
      }),
    };
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (e) => reject(new Error(`failed to start "${command.file}": ${e.message}`)));
    });
    const pid = child.pid as number;
    entry.pid = pid;
    entry.startTime = readProcessStat(pid)?.startTime;
    child.on('error', () => undefined); // a failed kill() must not crash the agent
    this.containers.set(spec.containerId, entry);
    return { containerId: spec.containerId, pid };
  }

  /** Run a command next to a running task: its environment, its sandbox as working directory. */
  async exec(containerId: string, request: ExecRequest): Promise<ExecSession> {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) throw new Error(`container ${containerId} is not running`);
    const [file, ...args] = request.args;
    const env = { ...(entry.env ?? processEnvironment(entry.pid)), ...request.env };
    const cwd = request.cwd ?? entry.cwd ?? processCwd(entry.pid);
    const user = entry.user ?? processUser(entry.pid);
    // Its own process group, so ending the session ends what the command started too.
    const options = { cwd, env, detached: true, ...(user ? { uid: user.uid, gid: user.gid } : {}) };
    const session = request.tty
      ? terminalExecSession(spawnOnTerminal(file, args, request.tty, options), `"${file}" on a terminal`, { processGroup: true })
      : childExecSession(spawn(file, args, { ...options, stdio: 'pipe' }), `"${file}"`, { processGroup: true });
    entry.sessions.add(session);
    void session.exited.then(() => entry.sessions.delete(session));
    return session;
  }

  /** Pid and start time of the group leader, to find it again after an agent restart. */
  checkpoint(containerId: string): Record<string, unknown> | undefined {
    const entry = this.containers.get(containerId);
    if (!entry) return undefined;
    const data: PosixCheckpoint = { pid: entry.pid };
    if (entry.startTime !== undefined) data.start_time = entry.startTime;
    return { ...data };
  }

  wait(containerId: string): Promise<Termination> {
    const entry = this.containers.get(containerId);
    if (!entry) return Promise.resolve({ message: `container ${containerId} is unknown to the posix containerizer` });
    return entry.termination;
  }

  kill(containerId: string, signal: NodeJS.Signals): void {
    const entry = this.containers.get(containerId);
    if (!entry || entry.ended) return;
    if (!entry.child && !this.stillOurs(entry)) return; // a recycled pid is never signalled
    signalGroup(entry.pid, signal);
  }

  async destroy(containerId: string): Promise<void> {
    const entry = this.containers.get(containerId);
    if (!entry) return;
    this.kill(containerId, 'SIGKILL');
    await entry.termination;
    this.containers.delete(containerId);
  }

  /**
   * Find checkpointed containers again after an agent restart. A leader
   * whose pid and start time match is adopted (`running`); its end is the
   * exit-status file appearing (watched), or, when its wrapper was killed
   * and writes none, the leader found gone by a check every
   * {@link RECOVERY_POLL_MS} (see `exit-watch.ts`).
   * A leader that ended (or whose pid now names another process) is
   * `ended`, with the recorded exit status when there is one; what its group
   * left behind is killed. A record without pid (the agent died while
   * launching) is looked up by its container id in the processes'
   * environments, then by its exit-status file; else it is `missing`.
   */
  async recover(records: readonly ContainerRecord[]): Promise<RecoveredContainer[]> {
    return records.map((record) => this.recoverOne(record));
  }

  release(): void {
    for (const entry of this.containers.values()) {
      entry.child?.unref();
      entry.watch?.stop();
    }
    this.containers.clear();
  }

  /** Ids of the containers it tracks. */
  containerIds(): string[] {
    return [...this.containers.keys()];
  }

  private recoverOne(record: ContainerRecord): RecoveredContainer {
    const { containerId } = record;
    const known = this.containers.get(containerId);
    if (known) return { containerId, state: 'running', pid: known.pid };
    const statusFile = record.runtimeDir ? path.join(record.runtimeDir, EXIT_STATUS_FILE) : undefined;
    const data = (record.data ?? {}) as Partial<PosixCheckpoint>;
    let pid = typeof data.pid === 'number' && data.pid > 1 ? data.pid : undefined;
    let startTime = typeof data.start_time === 'number' ? data.start_time : undefined;
    if (pid === undefined && record.data === undefined) {
      const leader = findContainerLeader(containerId);
      if (leader) {
        pid = leader.pid;
        startTime = leader.startTime;
      }
    }
    if (pid === undefined) {
      const recorded = readExitStatus(statusFile);
      if (recorded) return { containerId, state: 'ended', termination: recorded };
      return { containerId, state: 'missing', message: `no process of container ${containerId} was found and it recorded no exit status` };
    }
    const verdict = processVerdict({ pid, startTime }, readProcessStat(pid));
    if (verdict !== 'alive') {
      if (verdict !== 'recycled') signalGroup(pid, 'SIGKILL'); // its group's leftovers; the group id cannot have been reused
      const detail = verdict === 'recycled' ? `pid ${pid} now belongs to another process` : `process ${pid} is gone`;
      return { containerId, state: 'ended', termination: readExitStatus(statusFile) ?? unrecordedTermination(detail) };
    }
    this.adopt(containerId, pid, startTime, statusFile);
    return { containerId, state: 'running', pid };
  }

  private adopt(containerId: string, pid: number, startTime: number | undefined, statusFile: string | undefined): void {
    let resolve!: (termination: Termination) => void;
    const entry: PosixContainer = { pid, startTime, statusFile, sessions: new Set(), ended: false, termination: new Promise((r) => (resolve = r)) };
    const verdict = (): ReturnType<typeof processVerdict> => processVerdict({ pid, startTime }, readProcessStat(pid));
    entry.watch = watchForExit<Termination>({
      statusFile,
      readStatus: () => readExitStatus(statusFile),
      alive: () => verdict() === 'alive',
      clock: this.options.clock ?? systemClock,
      pollMs: this.options.recoveryPollMs ?? RECOVERY_POLL_MS,
    });
    void entry.watch.ended.then(({ status }) => {
      entry.ended = true;
      endSessions(entry);
      if (verdict() !== 'recycled') signalGroup(pid, 'SIGKILL'); // what the main process left behind (and a wrapper about to exit)
      resolve(status ?? unrecordedTermination(`process ${pid} ended while not the agent's child`));
    });
    this.containers.set(containerId, entry);
  }

  /** True while a recovered container's leader is still the process that was checkpointed (or a zombie of it). */
  private stillOurs(entry: PosixContainer): boolean {
    const verdict = processVerdict({ pid: entry.pid, startTime: entry.startTime }, readProcessStat(entry.pid));
    return verdict === 'alive' || verdict === 'ended';
  }
}

/**
 * How often a recovered container's leader is checked, for the one end no
 * file announces (its wrapper killed with it). Other ends wake the agent at once.
 */
export const RECOVERY_POLL_MS = 250;

function endSessions(entry: PosixContainer): void {
  for (const session of entry.sessions) session.kill('SIGKILL');
}

/** The environment of process `pid` (from /proc), or the agent's own when it cannot be read. */
function processEnvironment(pid: number): NodeJS.ProcessEnv {
  try {
    const text = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    return Object.fromEntries(
      text
        .split('\0')
        .filter((entry) => entry.includes('='))
        .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    );
  } catch {
    return process.env;
  }
}

/** The working directory of process `pid`, or undefined (the agent's) when it cannot be read. */
function processCwd(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/**
 * The full path of the program a `shell: false` command names: as given
 * when it holds a slash (relative to the sandbox), else the first match on
 * `PATH`. Throws `failed to start "x": not found` (or not executable).
 */
export function resolveProgram(file: string, cwd: string, pathVariable: string | undefined): string {
  const candidates = file.includes('/')
    ? [path.resolve(cwd, file)]
    : (pathVariable ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter((d) => d !== '').map((d) => path.resolve(cwd, d, file));
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // next
    }
  }
  throw new Error(`failed to start "${file}": ${file.includes('/') ? 'no such executable file' : 'not found on PATH'}`);
}

/** Signal a whole process group; a group that is already gone is fine. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}

/** USER, LOGNAME and HOME of the user a task runs as (the agent's own would be wrong). */
export function userEnvironment(user: { name: string; home?: string }): Record<string, string> {
  const env: Record<string, string> = { USER: user.name, LOGNAME: user.name };
  if (user.home) env.HOME = user.home;
  return env;
}

/** The user a process runs as (owner of /proc/<pid>), when it is not the agent's; undefined when unknown or the same. */
function processUser(pid: number): { uid: number; gid: number } | undefined {
  try {
    const stats = fs.statSync(`/proc/${pid}`);
    return stats.uid === process.getuid?.() ? undefined : { uid: stats.uid, gid: stats.gid };
  } catch {
    return undefined;
  }
}
