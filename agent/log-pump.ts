/**
 * Starting a task's log pump (`log-pump-main.ts`): a detached process that
 * writes the task's stdout and stderr to the sandbox files, rotated. It
 * reads either pipes it inherits (the posix containerizer hands the task
 * their other ends) or two named pipes (FIFOs) made in the container's
 * folder, which runc's launcher shell opens for the container's output.
 * Detached, so it outlives an agent restart; it ends once every writer has
 * closed its end.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { LogRotation } from './log-rotation';

const LOG_PUMP_SCRIPT = path.join(__dirname, 'log-pump-main.js');
const run = promisify(execFile);

/** Named pipes a pump reads, one per stream. */
export interface LogFifos {
  stdout: string;
  stderr: string;
}

/**
 * Start a pump writing `stdoutPath` and `stderrPath` rotated. Without
 * `fifos` its stdin and fd 3 are pipes for the task's stdout and stderr;
 * with them it reads those FIFOs instead (see {@link makeLogFifos}).
 */
export async function startLogPump(rotation: LogRotation, stdoutPath: string, stderrPath: string, fifos?: LogFifos): Promise<ChildProcess> {
  const args = [LOG_PUMP_SCRIPT, String(rotation.maxBytes), String(rotation.maxFiles), stdoutPath, stderrPath];
  if (fifos) args.push(fifos.stdout, fifos.stderr);
  const pump = spawn(process.execPath, args, {
    detached: true,
    stdio: fifos ? 'ignore' : ['pipe', 'ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    pump.once('spawn', () => resolve());
    pump.once('error', (e) => reject(new Error(`failed to start the log pump (${LOG_PUMP_SCRIPT}): ${e.message}`)));
  });
  pump.unref();
  return pump;
}

/** Make the two FIFOs of a container's output in `dir` (`stdout.pipe`, `stderr.pipe`) with coreutils' `mkfifo`. */
export async function makeLogFifos(dir: string): Promise<LogFifos> {
  const fifos = { stdout: path.join(dir, 'stdout.pipe'), stderr: path.join(dir, 'stderr.pipe') };
  try {
    await run('mkfifo', ['-m', '600', fifos.stdout, fifos.stderr]);
  } catch (e) {
    throw new Error(`the log pipes of ${dir} could not be made (mkfifo, from coreutils): ${(e as Error).message}`);
  }
  return fifos;
}
