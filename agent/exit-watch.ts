/**
 * Waiting for the end of a process the agent is not the parent of: a
 * container adopted after an agent restart.
 *
 * A parent learns of its child's end from the kernel (the 'exit' event of
 * a ChildProcess, runc's `run` in the foreground, Docker's
 * `POST /containers/{id}/wait`). An adopted process has another parent, and
 * Node offers no pidfd (`pidfd_open` + poll) to wait on an arbitrary pid. So
 * the wait is on what the adopted process's own parent leaves behind: every
 * container the agent can adopt runs under a small shell that outlives the
 * agent and writes the exit status to a file when the container ends (the
 * posix exit-status wrapper, the runc launcher's subshell). The file's
 * directory is watched (inotify): its appearance is the end, with the real
 * exit status.
 *
 * That shell can itself be killed (a SIGKILL to the posix task's process
 * group kills the wrapper too) and then writes nothing. Only for that case
 * a slow liveness check remains: the one poll left in the agent, because no
 * kernel event exists for it that Node can wait on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock, TimerHandle } from '@meseta/runtime/clock';

/** Options of {@link watchForExit}. */
export interface ExitWatchOptions<T> {
  /** The file the process's parent writes when it ends; its directory must exist to be watched. */
  statusFile?: string;
  /** The complete status in that file, or undefined while there is none. */
  readStatus(): T | undefined;
  /** False once the process is gone (the fallback check). */
  alive(): boolean;
  clock: Clock;
  /** Period of the fallback liveness check. */
  pollMs: number;
  /**
   * How long to wait for the status file once the process is gone (its
   * parent writes it just after). 0: report at once without a status.
   * @default 0
   */
  statusGraceMs?: number;
  /** Told when the directory cannot be watched (the fallback check then does the work alone). */
  onWatchError?(error: Error): void;
}

/** A running watch: `ended` resolves once, with the recorded status when there is one. */
export interface ExitWatch<T> {
  ended: Promise<{ status?: T }>;
  /** Stop watching (the agent lets go of the container); `ended` then never resolves. */
  stop(): void;
}

/** Resolve when the process ends, woken by its status file (inotify) or, failing that, by the liveness check. */
export function watchForExit<T>(options: ExitWatchOptions<T>): ExitWatch<T> {
  let watcher: fs.FSWatcher | undefined;
  let poll: TimerHandle | undefined;
  let grace: TimerHandle | undefined;
  let done = false;
  let finish!: (result: { status?: T }) => void;
  const ended = new Promise<{ status?: T }>((resolve) => (finish = resolve));
  const stop = (): void => {
    done = true;
    watcher?.close();
    poll?.cancel();
    grace?.cancel();
  };
  const end = (result: { status?: T }): void => {
    if (done) return;
    stop();
    finish(result);
  };
  const check = (): void => {
    if (done) return;
    const status = options.readStatus();
    if (status !== undefined) return end({ status });
    if (grace || options.alive()) return;
    // Gone. A process that writes its own status and then exits (the posix
    // wrapper) may have done both between the read above and the liveness
    // check: read once more before calling it unrecorded.
    const late = options.readStatus();
    if (late !== undefined) return end({ status: late });
    const graceMs = options.statusGraceMs ?? 0;
    if (graceMs <= 0) return end({});
    // Gone, and its parent is about to write the file: the watch ends it, or the grace period does.
    grace = options.clock.after(graceMs, () => end({ status: options.readStatus() }));
  };
  if (options.statusFile) {
    const name = path.basename(options.statusFile);
    try {
      watcher = fs.watch(path.dirname(options.statusFile), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) check();
      });
      watcher.on('error', (e) => options.onWatchError?.(e));
    } catch (e) {
      options.onWatchError?.(e as Error);
    }
  }
  poll = options.clock.every(options.pollMs, check);
  check(); // it may have ended before the watch began
  return { ended, stop };
}
