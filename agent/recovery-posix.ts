/**
 * How the posix containerizer finds its processes again after an agent
 * restart, and how a task's exit status outlives the agent.
 *
 * **Identity.** A process is named by its pid and its start time (field 22
 * of `/proc/<pid>/stat`, clock ticks since boot). A pid whose start time
 * differs from the checkpointed one was recycled: it is another process and
 * is never adopted or signalled.
 *
 * **Exit status.** The agent that launched a task is its parent and learns
 * how it ended; an agent started later is not, and the kernel tells
 * nobody else. So every checkpointed posix task runs under a small
 * `/bin/sh` wrapper ({@link EXIT_STATUS_WRAPPER}), the leader of the task's
 * process group: it runs the command as its child, then writes
 * `exit_status=N` to `<runtimeDir>/exit-status` and exits with N. Whoever
 * sees the wrapper gone reads the file. The wrapper catches the terminating
 * signals (the handler does nothing: a shell defers it until its foreground
 * child has ended) so that a SIGTERM to the group reaches the task and the
 * wrapper stays to record how the task took it. The command itself starts
 * with default signal dispositions (caught signals are reset by exec).
 * One window remains: between the wrapper's fork and the command's exec
 * (well under a millisecond after launch) the child still has the
 * wrapper's handler, so a SIGTERM landing exactly then is lost and the kill
 * completes with SIGKILL when the grace period ends. (Running the command
 * in the background and `wait`ing instead would close it, but a
 * non-interactive shell starts background commands with SIGINT and SIGQUIT
 * ignored, and the command would inherit that.)
 * A shell reports a command killed by signal N as 128+N, so statuses
 * 129..192 naming a signal are read as that signal (a command that exits
 * 130 on its own is reported as SIGINT, as a shell would show it). No file
 * means the wrapper itself was killed (SIGKILL to the group).
 *
 * Linux only (/proc); elsewhere nothing can be verified and
 * {@link readProcessStat} always answers undefined.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Reason } from '@meseta/proto/wire';
import type { Termination } from './containerizer';
import { terminationMessage } from './containerizer';

/** The fields of `/proc/<pid>/stat` recovery uses. */
export interface ProcessStat {
  pid: number;
  /** R, S, D, Z (zombie: ended, not reaped), T, X... */
  state: string;
  ppid: number;
  /** Process group id. */
  pgrp: number;
  session: number;
  /** Clock ticks after boot at which the process started. */
  startTime: number;
}

/**
 * Parse the text of `/proc/<pid>/stat`. The command name (field 2) is in
 * parentheses and may hold spaces and parentheses itself, so fields are
 * counted from the last `)`. Undefined when the text is not a stat line.
 */
export function parseProcessStat(text: string): ProcessStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state); field N is rest[N - 3].
  if (rest.length < 20 || !Number.isInteger(pid)) return undefined;
  const numbers = [rest[1], rest[2], rest[3], rest[19]].map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) return undefined;
  const [ppid, pgrp, session, startTime] = numbers;
  return { pid, state: rest[0], ppid, pgrp, session, startTime };
}

/** `/proc/<pid>/stat` of a live (or zombie) process; undefined when there is none (or no /proc). */
export function readProcessStat(pid: number): ProcessStat | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    return parseProcessStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * What became of a checkpointed process:
 * - `alive`: the same process (pid and start time match), still running;
 * - `ended`: the same process, now a zombie nobody reaped;
 * - `gone`: no process has that pid;
 * - `recycled`: another process has that pid (or the start time was never
 *   recorded, so it cannot be told apart): it is not ours.
 */
export type ProcessVerdict = 'alive' | 'ended' | 'gone' | 'recycled';

/** Decide what became of the process checkpointed as `pid` started at `startTime`. Pure. */
export function processVerdict(checkpointed: { pid: number; startTime?: number }, current: ProcessStat | undefined): ProcessVerdict {
  if (!current || current.pid !== checkpointed.pid) return 'gone';
  if (checkpointed.startTime === undefined || current.startTime !== checkpointed.startTime) return 'recycled';
  return current.state === 'Z' || current.state === 'X' ? 'ended' : 'alive';
}

/** Name of the exit-status file in a container's runtime dir. */
export const EXIT_STATUS_FILE = 'exit-status';

/**
 * The wrapper every checkpointed posix task runs under:
 * `/bin/sh -c WRAPPER meseta-task <status file> <program> <args...>`.
 * `printf` and `trap` are shell builtins, so the task's own PATH cannot break it.
 */
export const EXIT_STATUS_WRAPPER = [
  'trap : HUP INT QUIT TERM USR1 USR2 ALRM',
  'f=$1; shift',
  '"$@"',
  's=$?',
  "printf 'exit_status=%s\\n' \"$s\" > \"$f\"",
  'exit "$s"',
].join('\n');

/**
 * The status in an exit-status file's text, or undefined when it is not a
 * complete `exit_status=N` line (a wrapper killed while writing).
 */
export function parseExitStatus(text: string): number | undefined {
  const m = /^exit_status=(\d{1,3})\n$/.exec(text);
  if (!m) return undefined;
  const status = Number(m[1]);
  return status <= 255 ? status : undefined;
}

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(
  Object.entries(os.constants.signals).map(([name, n]) => [n as number, name as NodeJS.Signals]),
);

/** How a task ended, from the status a shell reports for it (128+N: signal N). Pure. */
export function terminationFromShellStatus(status: number): Termination {
  const signal = status > 128 && status <= 192 ? SIGNAL_NAMES.get(status - 128) : undefined;
  if (signal) return { signal, message: terminationMessage(undefined, signal) };
  return { exitCode: status, message: terminationMessage(status, undefined) };
}

/** The termination recorded in `file`, or undefined when there is no complete record. */
export function readExitStatus(file: string | undefined): Termination | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const status = parseExitStatus(text);
  return status === undefined ? undefined : terminationFromShellStatus(status);
}

/** The termination of a task whose end was not recorded (the wrapper was killed, or the host lost it). */
export function unrecordedTermination(detail: string): Termination {
  return { reason: Reason.REASON_EXECUTOR_TERMINATED, message: `Command ended while the agent was away and its exit status was not recorded (${detail})` };
}

/**
 * The leader of the process group whose environment names `containerId`
 * (`MESETA_CONTAINER_ID=...`): a wrapper the agent started but died before
 * checkpointing. Scans /proc; only used for such rare records.
 */
export function findContainerLeader(containerId: string): ProcessStat | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  const needle = `\0MESETA_CONTAINER_ID=${containerId}\0`;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcessStat(Number(entry));
    if (!stat || stat.pgrp !== stat.pid || stat.state === 'Z') continue;
    try {
      const environ = `\0${fs.readFileSync(`/proc/${entry}/environ`, 'latin1')}`;
      if (environ.includes(needle)) return stat;
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

/** This boot's id (`/proc/sys/kernel/random/boot_id`), or undefined where there is none. */
export function readBootId(): string | undefined {
  try {
    const id = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return id === '' ? undefined : id;
  } catch {
    return undefined;
  }
}
