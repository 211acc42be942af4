/**
 * Running the `meseta` command from tests, as a user would.
 */
import { MesetaProcess, formatExit } from './meseta-process';
import { artifactsDir } from './paths';

/** What a finished command left behind. */
export interface CliResult {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli} and {@link spawnCli}. */
export interface CliOptions {
  /** Extra environment. @default {} */
  env?: NodeJS.ProcessEnv;
  /** Kill the command (SIGTERM, then SIGKILL) and fail after this long. @default 60000 */
  timeoutMs?: number;
  /** Folder for its logs. @default a fresh `test-artifacts/...` folder */
  logDir?: string;
}

/**
 * Run `meseta ...args` to completion. Rejects (after stopping it) only when
 * it runs past `timeoutMs`; a non-zero exit is a result, not an error.
 */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    const exit = await child.stop();
    throw new Error(
      `meseta ${args.join(' ')} did not finish within ${timeoutMs} ms (stopped: ${formatExit(exit)})\n` +
        `--- stdout ---\n${child.stdout()}\n--- stderr ---\n${child.stderr()}`,
    );
  }
  return { code: outcome.code, signal: outcome.signal, stdout: child.stdout(), stderr: stripHeader(child.stderr()) };
}

/** Start `meseta ...args` and hand back the process (for long-running verbs). Stop it yourself. */
export function spawnCli(args: readonly string[], options: CliOptions = {}): MesetaProcess {
  const label = args.find((a) => !a.startsWith('-')) ?? 'meseta';
  return new MesetaProcess(args, { label, logDir: options.logDir ?? artifactsDir(`cli-${label}`), env: options.env });
}

/** The log file starts with a `# meseta ...` line the harness wrote; drop it. */
function stripHeader(stderr: string): string {
  return stderr.replace(/^# meseta .*\n/, '');
}
