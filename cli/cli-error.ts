/**
 * The one error type the `meseta` command reports without a stack trace:
 * a message for the operator and the exit code to leave with.
 */

/** Exit codes the command uses, as documented in `meseta --help`. */
export const ExitCode = {
  /** Everything went as asked. */
  OK: 0,
  /** A runtime failure: unreachable master, daemon failed to start, task failed without a code. */
  FAILURE: 1,
  /** A flag or argument the command cannot accept. */
  USAGE: 2,
} as const;

/** A failure to report as `meseta: <message>` followed by `exit(exitCode)`. */
export class CliError extends Error {
  constructor(
    message: string,
    /** The process exit code. */
    readonly exitCode: number = ExitCode.FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A bad flag value: exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.USAGE);
    this.name = 'UsageError';
  }
}
