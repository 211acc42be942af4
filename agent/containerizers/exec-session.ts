/**
 * Debug sessions as {@link ExecSession}s: a child process (`runc exec`,
 * or the command itself next to a posix task) whose exit code is the
 * session's, and the plumbing shared by every kind (waiting for the output
 * to drain before reporting the end).
 */
import type { ChildProcess } from 'node:child_process';
import type { ExecExit, ExecSession } from '../containerizer';
import { terminationMessage } from '../containerizer';
import { signalFromStatus } from './exit-status';

/** How a session's `kill` reaches its process. */
export interface ChildSessionOptions {
  /**
   * The child leads its own process group (spawned `detached`): signal the
   * whole group, so a shell's children go too (dash does not exec a lone
   * `-c` command, so killing the shell alone would leave them running and
   * holding the output pipes). Otherwise signal the child only (`runc exec`
   * forwards signals to the process it started).
   */
  processGroup?: boolean;
}

/** The session of a child process with piped stdio; `what` names it in messages (e.g. `runc exec`). */
export function childExecSession(child: ChildProcess, what: string, options: ChildSessionOptions = {}): ExecSession {
  if (!child.stdin || !child.stdout || !child.stderr) throw new Error(`${what} needs piped stdio`);
  child.stdin.on('error', () => undefined); // the process may exit before reading its stdin
  const exited = new Promise<ExecExit>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) => resolve({ exitCode: e.code === 'EACCES' ? 126 : 127, message: startFailure(what, e) }));
    child.once('close', (code, signal) => {
      if (signal) {
        resolve({ signal, message: `${what} was terminated with signal ${signal}` });
        return;
      }
      const byStatus = signalFromStatus(code);
      resolve(byStatus ? { exitCode: code ?? undefined, signal: byStatus, message: terminationMessage(undefined, byStatus) } : { exitCode: code ?? 0, message: terminationMessage(code, undefined) });
    });
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    kill: (signal) => {
      try {
        if (options.processGroup && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    },
  };
}

/** Why a session's command did not start, as a shell would say it (127 not found, 126 not runnable). */
export function startFailure(what: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return `cannot start ${what}: command not found (not on the task's PATH, or no such file, or its working directory is gone)`;
  if (e.code === 'EACCES') return `cannot start ${what}: permission denied (not executable by the task's user)`;
  return `cannot start ${what}: ${e.message}`;
}
