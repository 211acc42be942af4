/**
 * The `runc` command line: `runc exec` for debug sessions, the few
 * housekeeping calls (`list`, `delete`), and what `runc run` reports (its
 * exit, its log). Containers are started by runc-launcher.ts: `runc run`
 * in the foreground, so runc stays the parent of the container's PID 1,
 * exits with its status and removes the container and its cgroup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

/** How `runc run` ended. */
export interface RuncExit {
  /** runc's exit code: the container's status, 128+N when signal N ended it. */
  code: number | null;
  /** Set when runc itself was killed by a signal. */
  signal: NodeJS.Signals | null;
}

/** A container started by {@link RuncRuntime.run}. */
export interface RuncContainer {
  /** Host pid of the container's PID 1. */
  pid: number;
  /** Resolves when runc has exited (the container is gone). */
  exited: Promise<RuncExit>;
  /** Stop watching runc (it and the container go on without the agent). */
  release(): void;
}

/** Options of {@link RuncRuntime}. */
export interface RuncOptions {
  /** The runc binary. @default 'runc' */
  binary?: string;
  /** runc's state directory (`--root`). */
  root: string;
}

/** The last error runc logged (json log lines), or undefined. */
export function lastRuncError(log: string): string | undefined {
  let last: string | undefined;
  for (const line of log.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string };
      if ((entry.level === 'error' || entry.level === 'fatal') && entry.msg) last = entry.msg;
    } catch {
      last = line.trim();
    }
  }
  return last;
}

/** A failure of runc itself, with what it logged. */
export class RuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuncError';
  }
}

/** Thin wrapper over the runc command line. */
export class RuncRuntime {
  readonly binary: string;
  readonly root: string;

  constructor(options: RuncOptions) {
    this.binary = options.binary ?? 'runc';
    this.root = options.root;
  }

  private globalArgs(logFile?: string): string[] {
    const args = ['--root', this.root];
    if (logFile) args.push('--log', logFile, '--log-format', 'json');
    return args;
  }

  /**
   * `runc exec` a process in the running container `id` (all its
   * namespaces and its cgroup), with piped stdin, stdout and stderr. Its
   * exit code is the process's (128+N for signal N).
   */
  exec(id: string, options: { args: string[]; env?: Record<string, string>; cwd?: string }): ChildProcess {
    const args = [...this.globalArgs(), 'exec'];
    if (options.cwd) args.push('--cwd', options.cwd);
    for (const [name, value] of Object.entries(options.env ?? {})) args.push('--env', `${name}=${value}`);
    args.push('--', id, ...options.args);
    return spawn(this.binary, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  }

  /** Ids of the containers in runc's state directory. */
  async list(): Promise<string[]> {
    const entries = await fs.promises.readdir(this.root, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  }

  /** `runc delete --force`: remove a container runc still knows (e.g. left by a crashed runc). */
  async forceDelete(id: string): Promise<void> {
    await this.command(['delete', '--force', id]);
  }

  /** Run one runc command to completion; rejects with its stderr when it fails. */
  private command(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, [...this.globalArgs(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('error', (e) => reject(new RuncError(`cannot start ${this.binary}: ${e.message}`)));
      child.once('close', (code) => (code === 0 ? resolve(out) : reject(new RuncError(err.trim() || `runc ${args[0]} exited with ${code}`))));
    });
  }
}
