/**
 * One spawned `node dist/cli/meseta.js ...` process: its stdout kept as
 * lines (and copied to a file), its stderr written straight to a file, and
 * a way to stop it by pid (SIGTERM, then SIGKILL). Every live process is
 * SIGKILLed if the test process exits without stopping it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, requireBuild } from './paths';

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How to start a {@link MesetaProcess}. */
export interface MesetaProcessOptions {
  /** Name of the log files: `<label>.stdout.log`, `<label>.stderr.log`. */
  label: string;
  /** Where the log files go. */
  logDir: string;
  /** Extra environment; merged over the test's environment. @default {} */
  env?: NodeJS.ProcessEnv;
  /** Working directory. @default the repository root */
  cwd?: string;
  /** Run this compiled script instead of `dist/cli/meseta.js` (e.g. a test scheduler). */
  script?: string;
  /** Start node through this command, e.g. `['ip', 'netns', 'exec', NAME]` (it must exec node, so the pid stays node's). */
  wrap?: readonly string[];
}

/** How long {@link MesetaProcess.stop} waits after SIGTERM before SIGKILL. */
export const STOP_GRACE_MS = 5000;

// Children still running. The exit hook is installed only while there are
// some, so test files sharing a jest worker do not pile up listeners.
const live = new Set<ChildProcess>();
function killLiveChildren(): void {
  for (const child of live) {
    try {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
function track(child: ChildProcess): void {
  if (live.size === 0) process.on('exit', killLiveChildren);
  live.add(child);
}
function untrack(child: ChildProcess): void {
  if (live.delete(child) && live.size === 0) process.off('exit', killLiveChildren);
}

/** A running (or ended) `meseta` command. */
export class MesetaProcess {
  /** The child process. */
  readonly process: ChildProcess;
  /** Its pid. */
  readonly pid: number;
  /** Full path of the stderr log. */
  readonly stderrPath: string;
  /** Full path of the stdout log. */
  readonly stdoutPath: string;
  /** Every complete stdout line so far. */
  readonly lines: string[] = [];
  /** Resolves when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  private exit: ProcessExit | undefined;
  private readonly lineListeners = new Set<() => void>();

  constructor(args: readonly string[], options: MesetaProcessOptions) {
    const bin = options.script ?? requireBuild();
    fs.mkdirSync(options.logDir, { recursive: true });
    this.stdoutPath = path.join(options.logDir, `${options.label}.stdout.log`);
    this.stderrPath = path.join(options.logDir, `${options.label}.stderr.log`);
    const stderrFd = fs.openSync(this.stderrPath, 'a');
    const stdoutFile = fs.createWriteStream(this.stdoutPath, { flags: 'a' });
    fs.writeSync(stderrFd, `# meseta ${args.join(' ')}\n`);
    try {
      const [command, ...prefix] = options.wrap && options.wrap.length > 0 ? [...options.wrap, process.execPath] : [process.execPath];
      this.process = spawn(command, [...prefix, bin, ...args], {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', stderrFd],
      });
    } finally {
      fs.closeSync(stderrFd);
    }
    if (this.process.pid === undefined) throw new Error(`could not spawn meseta ${args.join(' ')}`);
    this.pid = this.process.pid;
    track(this.process);
    let pending = '';
    this.process.stdout!.setEncoding('utf8');
    this.process.stdout!.on('data', (chunk: string) => {
      stdoutFile.write(chunk);
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      if (parts.length === 0) return;
      this.lines.push(...parts);
      for (const listener of this.lineListeners) listener();
    });
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        untrack(this.process);
        this.exit = { code, signal };
        // stdout may still hold the last lines; wait for it to end.
        const done = (): void => {
          if (pending) this.lines.push(pending);
          pending = '';
          stdoutFile.end();
          for (const listener of this.lineListeners) listener();
          resolve(this.exit!);
        };
        if (this.process.stdout!.readableEnded) done();
        else this.process.stdout!.once('close', done);
      });
    });
  }

  /** True until the process has exited. */
  get running(): boolean {
    return this.exit === undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Send `signal` by pid; a no-op once the process has exited. */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.running) return;
    try {
      process.kill(this.pid, signal);
    } catch {
      // exited meanwhile
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  async stop(graceMs: number = STOP_GRACE_MS): Promise<ProcessExit> {
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The stderr log's text (the daemon's log lines). */
  stderr(): string {
    try {
      return fs.readFileSync(this.stderrPath, 'utf8');
    } catch {
      return '';
    }
  }

  /** All stdout so far, lines joined. */
  stdout(): string {
    return this.lines.join('\n');
  }

  /**
   * Wait for a stdout line matching `pattern` (already printed or still to
   * come) and return its match. Fails early, with the end of stderr in the
   * message, when the process exits first.
   */
  waitForLine(pattern: RegExp, timeoutMs: number, what: string = String(pattern)): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        for (const line of this.lines) {
          const match = line.match(pattern);
          if (match) return finish(() => resolve(match));
        }
        if (this.exit !== undefined) {
          finish(() => reject(new Error(`${this.describe()} exited (${formatExit(this.exit!)}) before printing ${what}${this.tail()}`)));
        }
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${this.describe()} to print ${what}${this.tail()}`))),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.lineListeners.delete(check);
        settle();
      };
      this.lineListeners.add(check);
      check();
    });
  }

  private describe(): string {
    return `meseta ${this.process.spawnargs.slice(2).join(' ')} (pid ${this.pid})`;
  }

  private tail(): string {
    const stdout = this.lines.slice(-10).join('\n');
    const stderr = this.stderr().split('\n').slice(-20).join('\n');
    return `\n--- stdout (last lines) ---\n${stdout}\n--- stderr ${this.stderrPath} (last lines) ---\n${stderr}`;
  }
}

/** `code 3` or `signal SIGTERM`. */
export function formatExit(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}
