/**
 * Shared pieces of the framework CLIs (`meseta-services`, `meseta-jobs`):
 * running a commander program with clear exit codes (0 success, 1 failure,
 * 2 bad usage), printing API answers, and serving until SIGTERM/SIGINT.
 */
import { Command, CommanderError } from 'commander';
import { ApiError } from './http-client';

/** Run `program` with `argv`; never throws, sets the exit code. */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof ApiError) {
      process.stderr.write(`error: ${e.message}\n`);
      const problems = (e.body as { problems?: Array<{ field: string; message: string }> } | undefined)?.problems;
      for (const p of problems ?? []) process.stderr.write(`  ${p.field}: ${p.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

/** Print an answer as indented JSON. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Keep serving until SIGTERM or SIGINT, then call `stop` and exit 0. */
export function serveUntilSignalled(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    stop().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`stop failed: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

/** A positive number flag, or an error naming the flag. */
export function numberFlag(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: "${text}" is not a number >= 0`);
  return n;
}
