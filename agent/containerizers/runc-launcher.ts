/**
 * Starting `runc run` through one long-lived shell instead of forking the
 * agent for every container. Forking a Node process costs time in
 * proportion to its memory (milliseconds for the agent, a few hundred
 * microseconds for a shell) and blocks its event loop; the shell forks a
 * small subshell per container, which runs runc, waits for it, writes its
 * exit status to `<bundle>/exit-status` and reports `<id> <status>` on the
 * launcher's stdout.
 *
 * The exit-status file outlives the agent: a container that ends while the
 * agent is away leaves its real status for the next agent to read. When the
 * agent goes, the shell's stdin closes and it stops taking launches; the
 * subshells and their containers go on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuncContainer, RuncExit } from './runc-runtime';
import { lastRuncError, RuncError } from './runc-runtime';

/** The file the subshell writes runc's exit status to, in the bundle. */
export const EXIT_STATUS_FILE = 'exit-status';

/**
 * The launcher's shell program: one launch per input line
 * (`id TAB bundle TAB stdout TAB stderr`), one `id status` output line per
 * ended container. `$1` is the runc binary, `$2` its state directory.
 */
export const LAUNCHER_SCRIPT = [
  'runc="$1"; root="$2"',
  "tab=$(printf '\\t')",
  'while IFS="$tab" read -r id bundle out err; do',
  '  (',
  '    "$runc" --root "$root" --log "$bundle/runc.log" --log-format json run --bundle "$bundle" --pid-file "$bundle/pid" --no-new-keyring "$id" </dev/null >>"$out" 2>>"$err"',
  '    code=$?',
  `    echo "$code" > "$bundle/${EXIT_STATUS_FILE}"`,
  '    echo "$id $code"',
  '  ) &',
  'done',
].join('\n');

/** The exit status a container's subshell recorded, if it did. */
export function recordedExitStatus(bundleDir: string): number | undefined {
  try {
    const text = fs.readFileSync(path.join(bundleDir, EXIT_STATUS_FILE), 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Parse one output line of the launcher: `id status`. */
export function parseExitLine(line: string): { id: string; code: number } | undefined {
  const m = /^(\S+) (\d+)$/.exec(line.trim());
  return m ? { id: m[1], code: Number(m[2]) } : undefined;
}

/** How long the launcher's shell stays without containers before it ends. */
export const IDLE_CLOSE_MS = 30_000;

/** Starts containers through a long-lived shell; see the file comment. */
export class RuncLauncher {
  private shell?: ChildProcess;
  private buffered = '';
  private readonly exits = new Map<string, (exit: RuncExit) => void>();
  private idleTimer?: NodeJS.Timeout;

  constructor(
    readonly binary: string,
    readonly root: string,
    private readonly shellPath: string = '/bin/sh',
  ) {}

  /** The running shell, started (again) when needed. */
  private ensureShell(): ChildProcess {
    if (this.shell && this.shell.exitCode === null && this.shell.signalCode === null) return this.shell;
    const shell = spawn(this.shellPath, ['-c', LAUNCHER_SCRIPT, 'meseta-runc-launcher', this.binary, this.root], {
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true, // its own process group: a Ctrl-C to the agent does not reach the containers
    });
    shell.stdin?.on('error', () => undefined);
    shell.stdout?.setEncoding('utf8');
    shell.stdout?.on('data', (chunk: string) => this.onOutput(chunk));
    shell.on('error', () => undefined);
    this.shell = shell;
    this.holdProcess(false);
    return shell;
  }

  private onOutput(chunk: string): void {
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const parsed = parseExitLine(this.buffered.slice(0, newline));
      this.buffered = this.buffered.slice(newline + 1);
      if (!parsed) continue;
      const done = this.exits.get(parsed.id);
      this.exits.delete(parsed.id);
      done?.({ code: parsed.code, signal: null });
    }
    if (this.exits.size === 0) {
      this.holdProcess(false);
      this.closeWhenIdle();
    }
  }

  /** Keep the process alive while containers are waited for, and only then (an idle shell never holds it). */
  private holdProcess(hold: boolean): void {
    const shell = this.shell;
    if (!shell) return;
    for (const handle of [shell, shell.stdin, shell.stdout] as Array<{ ref?: () => void; unref?: () => void } | null>) {
      if (hold) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  /** End the shell after {@link IDLE_CLOSE_MS} without containers (it starts again with the next launch). */
  private closeWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.exits.size === 0) this.close();
    }, IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  /**
   * Run the bundle in `bundleDir` as `id`, its stdout and stderr appended
   * to the given files. Resolves once the container's process has started
   * (runc wrote its pid file); rejects with runc's own message when it
   * could not start. Paths must not hold tabs or newlines.
   */
  run(id: string, bundleDir: string, stdoutPath: string, stderrPath: string): Promise<RuncContainer> {
    for (const field of [id, bundleDir, stdoutPath, stderrPath]) {
      if (/[\t\n]/.test(field)) return Promise.reject(new RuncError(`cannot launch: "${field}" holds a tab or newline`));
    }
    const pidFile = path.join(bundleDir, 'pid');
    return new Promise<RuncContainer>((resolve, reject) => {
      let settled = false;
      const readPid = (): number | undefined => {
        try {
          const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
          return Number.isInteger(pid) && pid > 0 ? pid : undefined;
        } catch {
          return undefined;
        }
      };
      const watcher = fs.watch(bundleDir, (_event, name) => {
        if (name === 'pid') tryStarted();
      });
      watcher.on('error', () => undefined);
      const exited = new Promise<RuncExit>((done) => this.exits.set(id, done));
      const finish = (result: { pid: number } | { error: Error }): void => {
        if (settled) return;
        settled = true;
        watcher.close();
        if ('pid' in result) resolve({ pid: result.pid, exited, release: () => undefined });
        else reject(result.error);
      };
      const tryStarted = (): void => {
        const pid = readPid();
        if (pid !== undefined) finish({ pid });
      };
      void exited.then((exit) => {
        tryStarted(); // the watch may not have fired yet
        if (settled) return;
        let logged: string | undefined;
        try {
          logged = lastRuncError(fs.readFileSync(path.join(bundleDir, 'runc.log'), 'utf8'));
        } catch {
          logged = undefined;
        }
        const fallback = exit.code === 127 ? `"${this.binary}" was not found (apt-get install runc)` : `runc exited with ${exit.code} before the container started`;
        finish({ error: new RuncError(logged ?? fallback) });
      });
      clearTimeout(this.idleTimer);
      const shell = this.ensureShell();
      this.holdProcess(true);
      shell.stdin?.write(`${id}\t${bundleDir}\t${stdoutPath}\t${stderrPath}\n`);
    });
  }

  /**
   * Stop the shell: it takes no more launches (running containers and their
   * subshells go on; their ends still arrive while the agent runs).
   */
  close(): void {
    clearTimeout(this.idleTimer);
    this.shell?.stdin?.end();
    this.shell = undefined;
  }
}
