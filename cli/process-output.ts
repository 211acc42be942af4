/**
 * Ending the `meseta` process without losing output. `process.exit` ends
 * the process at once, and when stdout is a pipe Node may still hold what
 * was written (the kernel takes 64 KiB at a time), so `meseta state --json |
 * python3 …` would read a cut document. And a reader that goes away early
 * (`| head`) must end the command quietly, not with an EPIPE stack trace.
 */

type OutputStream = NodeJS.WritableStream & { writableLength: number; destroyed: boolean };

/** Resolves once everything written to `stream` so far has been handed to the OS. */
export function drained(stream: OutputStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) {
      resolve();
      return;
    }
    // Writes complete in order: the callback of an empty write runs after every earlier one.
    stream.write('', () => resolve());
  });
}

/** Exit with `code` after stdout and stderr are drained. */
export async function exitAfterOutput(code: number): Promise<never> {
  await Promise.all([drained(process.stdout as OutputStream), drained(process.stderr as OutputStream)]);
  process.exit(code);
}

/**
 * A reader that closed its end (`meseta tasks | head`) ends the command
 * quietly with the exit code so far; other output errors are reported.
 */
export function endQuietlyWhenReaderCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw e;
    });
  }
}
