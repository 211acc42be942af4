/**
 * Running OCI bundles with `runc`: `runc run` in the foreground (runc stays
 * the parent of the container's PID 1, exits with its status and removes
 * the container and its cgroup), `runc exec` for debug sessions, and the
 * few housekeeping calls (`list`, `delete`).
 *
 * runc runs in its own process group, so a Ctrl-C to the agent's terminal
 * does not reach it, and containers outlive an agent that restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

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

/** Where the container's stdout and stderr go (open file descriptors). */
export interface RuncStdio {
  stdout: number;
  stderr: number;
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
   * `runc run` the bundle in `bundleDir` as `id`. Resolves once the
   * container's process has started (runc wrote its pid file), rejects with
   * a {@link RuncError} carrying runc's own message when it could not start.
   */
  run(id: string, bundleDir: string, stdio: RuncStdio): Promise<RuncContainer> {
    const pidFile = path.join(bundleDir, 'pid');
    const logFile = path.join(bundleDir, 'runc.log');
    return new Promise<RuncContainer>((resolve, reject) => {
      let settled = false;
      let exited!: Promise<RuncExit>;
      const watcher = fs.watch(bundleDir, (_event, name) => {
        if (name === 'pid') tryStarted();
      });
      watcher.on('error', () => undefined);
      const finish = (result: { pid: number } | { error: Error }): void => {
        if (settled) return;
        settled = true;
        watcher.close();
        if ('pid' in result) resolve({ pid: result.pid, exited, release: () => child.unref() });
        else reject(result.error);
      };
      const readPid = (): number | undefined => {
        try {
          const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
          return Number.isInteger(pid) && pid > 0 ? pid : undefined;
        } catch {
          return undefined;
        }
      };
      const tryStarted = (): void => {
        const pid = readPid();
        if (pid !== undefined) finish({ pid });
      };
      let child: ChildProcess;
      try {
        child = spawn(
          this.binary,
          [...this.globalArgs(logFile), 'run', '--bundle', bundleDir, '--pid-file', pidFile, '--no-new-keyring', id],
          { stdio: ['ignore', stdio.stdout, stdio.stderr], detached: true },
        );
      } catch (e) {
        finish({ error: new RuncError(`cannot start runc: ${(e as Error).message}`) });
        return;
      }
      exited = new Promise<RuncExit>((done) => {
        child.once('error', (e) => {
          finish({ error: new RuncError(`cannot start ${this.binary}: ${e.message} (is runc installed? apt-get install runc)`) });
          done({ code: null, signal: null });
        });
        child.once('exit', (code, signal) => {
          tryStarted(); // the watch may not have fired yet
          if (!settled) {
            const logged = lastRuncError(readQuietly(logFile));
            finish({ error: new RuncError(logged ?? `runc exited with ${code ?? signal} before the container started`) });
          }
          done({ code, signal });
        });
      });
    });
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

function readQuietly(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
