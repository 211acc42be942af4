/**
 * The log pump of one task when `--container-logger-max-size` is given
 * (as Mesos's `mesos-logrotate-logger`): a small process the posix
 * containerizer starts beside the task, reading the task's stdout on fd 0
 * and its stderr on fd 3 and writing them to the sandbox's `stdout` and
 * `stderr`, rotated (`rotating-log-file.ts`). It is detached from the agent,
 * so the task keeps its output (and its pipes) across an agent restart; it
 * ends when the task and everything that inherited its output have closed
 * them.
 *
 * With two more arguments it reads those named pipes (FIFOs) instead of
 * fd 0 and fd 3: the tar containerizer's runc containers write into them.
 *
 * argv: `<maxBytes> <maxFiles> <stdoutPath> <stderrPath> [<stdoutFifo> <stderrFifo>]`.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import type { Readable } from 'node:stream';
import { logRotationProblem } from './log-rotation';
import { RotatingLogFile } from './rotating-log-file';

/** A readable on `fd`: a pipe or socket (as the agent gives them) without blocking a thread, else read as a file. */
function input(fd: number): Readable {
  try {
    return new net.Socket({ fd, readable: true, writable: false });
  } catch {
    return fs.createReadStream('', { fd });
  }
}

function main(argv: string[]): void {
  const [maxBytesText, maxFilesText, stdoutPath, stderrPath, stdoutFifo, stderrFifo] = argv;
  const rotation = { maxBytes: Number(maxBytesText), maxFiles: Number(maxFilesText) };
  const problem = logRotationProblem(rotation) ?? (!stdoutPath || !stderrPath ? 'usage: log-pump-main <maxBytes> <maxFiles> <stdout> <stderr> [<stdoutFifo> <stderrFifo>]' : undefined);
  if (problem) {
    process.stderr.write(`meseta log pump: ${problem}\n`);
    process.exit(2);
  }
  const streams: Array<[Readable, RotatingLogFile]> = [
    [stdoutFifo ? fs.createReadStream(stdoutFifo) : input(0), new RotatingLogFile(stdoutPath, rotation)],
    [stderrFifo ? fs.createReadStream(stderrFifo) : input(3), new RotatingLogFile(stderrPath, rotation)],
  ];
  for (const [input, file] of streams) {
    input.on('data', (chunk) => file.write(chunk as Buffer));
    input.on('end', () => file.close());
    input.on('error', (e) => {
      process.stderr.write(`meseta log pump: ${e.message}\n`);
      file.close();
    });
  }
}

main(process.argv.slice(2));
