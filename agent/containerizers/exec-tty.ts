/**
 * Debug sessions on a terminal (the browser's shell): the command runs on a
 * pseudo-terminal that util-linux `script` opens on the host, so the
 * process sees a tty (prompt, line editing, echo, `$COLUMNS`), everything
 * it writes comes back on one stream, and what is typed goes in. `script`
 * starts the command in a session of its own with the pty as its
 * controlling terminal; the size is set by `stty` before the command runs
 * and changed later with `stty -F <pty>` (the kernel sends SIGWINCH to
 * the foreground process group, as a real terminal does).
 *
 * No native module: Node cannot open a pty itself, and `script` is in
 * every Debian (bsdutils, essential).
 */
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import type { ExecSession } from '../containerizer';
import { childExecSession, type ChildSessionOptions } from './exec-session';

/** A terminal's size in character cells. */
export interface TerminalSize {
  rows: number;
  columns: number;
}

/** Largest size accepted (anything above is a mistake, not a screen). */
export const MAX_TERMINAL_CELLS = 1000;

/** A size checked for use on the command line; refuses with the field at fault. */
export function checkTerminalSize(size: { rows?: number | null; columns?: number | null } | null | undefined, field: string): TerminalSize {
  const rows = Number(size?.rows ?? 0);
  const columns = Number(size?.columns ?? 0);
  for (const [name, v] of [['rows', rows], ['columns', columns]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_TERMINAL_CELLS) throw new Error(`${field}.${name}: must be a whole number from 1 to ${MAX_TERMINAL_CELLS} (got ${v})`);
  }
  return { rows, columns };
}

/** `argv` as one POSIX shell word list, each word single-quoted. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}

/** The `script` command line that runs `argv` on a terminal of `size`. */
export function terminalCommand(argv: readonly string[], size: TerminalSize): { file: string; args: string[] } {
  const inner = `stty rows ${size.rows} cols ${size.columns} 2>/dev/null; exec ${shellQuote(argv)}`;
  // -q no banner, -f flush at once, -e exit with the command's status, -c the command, /dev/null no typescript file.
  return { file: 'script', args: ['-q', '-f', '-e', '-c', inner, '/dev/null'] };
}

/** Start `file args` on a terminal of `size`, with `options` (stdio is piped). */
export function spawnOnTerminal(file: string, args: readonly string[], size: TerminalSize, options: SpawnOptions): ChildProcess {
  const command = terminalCommand([file, ...args], size);
  // script picks the shell that runs -c from $SHELL; a plain POSIX shell unless the environment names one.
  const env = { ...(options.env ?? process.env) };
  if (!env.SHELL) env.SHELL = '/bin/sh';
  if (!env.TERM) env.TERM = 'xterm-256color';
  return spawn(command.file, command.args, { ...options, env, stdio: 'pipe' });
}

/** Pids whose /proc stat field (`ppid` or `session`) is `value`. */
function processesWith(field: 'ppid' | 'session', value: number): number[] {
  const found: number[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return found;
  }
  // After "pid (comm) ": state ppid pgrp session …; comm may hold spaces and parentheses, so read after the last ')'.
  const index = field === 'ppid' ? 1 : 3;
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[index]) === value) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * The terminal side of a session started by {@link spawnOnTerminal}: its
 * pty (found through `script`'s child) for resizing, and that child's
 * session for signals (it is not in `script`'s process group).
 */
export class TerminalHandle {
  private inner?: { pid: number; pty: string };

  constructor(private readonly script: ChildProcess) {}

  /** `script`'s child and its terminal, once it runs. */
  private find(): { pid: number; pty: string } | undefined {
    if (this.inner) return this.inner;
    const pid = this.script.pid;
    if (pid === undefined) return undefined;
    for (const child of processesWith('ppid', pid)) {
      try {
        const pty = fs.readlinkSync(`/proc/${child}/fd/0`);
        if (pty.startsWith('/dev/pts/')) return (this.inner = { pid: child, pty });
      } catch {
        // not ours to read, or gone
      }
    }
    return undefined;
  }

  /** Set the terminal's size; the command gets SIGWINCH. Resolves false when the terminal is gone. */
  resize(size: TerminalSize): Promise<boolean> {
    const inner = this.find();
    if (!inner) return Promise.resolve(false);
    return new Promise((resolve) => {
      execFile('stty', ['-F', inner.pty, 'rows', String(size.rows), 'cols', String(size.columns)], { timeout: 5000 }, (e) => resolve(!e));
    });
  }

  /**
   * Signal every process of the command's terminal session: the command and
   * whatever it started, a shell's background jobs included (they run in
   * process groups of their own).
   */
  signalCommand(signal: NodeJS.Signals): void {
    const inner = this.find();
    if (!inner) return;
    for (const pid of new Set([inner.pid, ...processesWith('session', inner.pid)])) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }
}

/**
 * The {@link ExecSession} of a command started by {@link spawnOnTerminal}:
 * as {@link childExecSession}, plus resizing, and signals that reach the
 * command's own session too.
 */
export function terminalExecSession(child: ChildProcess, what: string, options: ChildSessionOptions = {}): ExecSession {
  const session = childExecSession(child, what, options);
  const terminal = new TerminalHandle(child);
  return {
    ...session,
    kill: (signal) => {
      terminal.signalCommand(signal);
      session.kill(signal);
    },
    resize: (size) => void terminal.resize(size),
  };
}
