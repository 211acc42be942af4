/**
 * Shared pieces of the framework CLIs (`meseta-services`, `meseta-jobs`):
 * running a commander program with clear exit codes (0 success, 1 failure,
 * 2 bad usage) and the `meseta` CLI's output handling (cli/process-output.ts),
 * reading JSON files, printing API answers, and the `serve`
 * command with the flags every framework takes, serving until SIGTERM/SIGINT.
 */
import * as fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { createLogger } from '@meseta/runtime/log';
import { stateStoreFor } from './framework-connection';
import { endQuietlyWhenReaderCloses, exitAfterOutput } from '../../cli/process-output';
import { ApiError, UnreachableError } from './http-client';
import type { FrameworkOptions } from './running-framework';

/** What a framework CLI adds to an error so it carries the fix. */
export interface CliHints {
  /** After "cannot reach ... at URL": how to start the framework or point at it. */
  unreachable: string;
  /** After a 404 ("no app web"): where to look for what exists. */
  notFound?: string;
}

/**
 * Run `program` with `argv`, then exit once stdout and stderr are drained
 * (a piped `--json` is read whole), with 0 success, 1 failure, 2 bad usage.
 * A reader that goes away early (`| head`) ends the command quietly. Errors
 * print as `error: ...` with the fix from `hints`, never as a stack trace.
 */
export async function runCli(program: Command, argv: string[], hints?: CliHints): Promise<void> {
  endQuietlyWhenReaderCloses();
  program.exitOverride();
  for (const command of program.commands) exitOverrideAll(command);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    process.exitCode = errorExitCode(e, hints);
  }
  await exitAfterOutput(typeof process.exitCode === 'number' ? process.exitCode : 0);
}

function exitOverrideAll(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideAll(sub);
}

/** Print what went wrong (with the fix) and give the exit code. */
function errorExitCode(e: unknown, hints: CliHints | undefined): number {
  if (e instanceof CommanderError) {
    // Commander printed the message or the help already.
    return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  }
  if (e instanceof UnreachableError) {
    process.stderr.write(`error: cannot reach the framework at ${e.url}: ${e.message}
${hints ? `  ${hints.unreachable}
` : ''}`);
    return 1;
  }
  if (e instanceof ApiError) {
    process.stderr.write(`error: ${e.message}
`);
    const problems = (e.body as { problems?: Array<{ field: string; message: string }> } | undefined)?.problems;
    for (const p of problems ?? []) process.stderr.write(`  ${p.field}: ${p.message}
`);
    if (e.status === 404 && hints?.notFound) process.stderr.write(`  ${hints.notFound}
`);
    return 1;
  }
  const errno = e as NodeJS.ErrnoException & { port?: number; address?: string };
  if (errno?.code === 'EADDRINUSE') {
    process.stderr.write(`error: ${errno.address ?? '127.0.0.1'}:${errno.port ?? '?'} is in use: give --port another port (--port 0 picks a free one) or stop what holds it\n`);
    return 1;
  }
  if (e instanceof UsageProblem) {
    process.stderr.write(`error: ${e.message}
`);
    return 2;
  }
  process.stderr.write(`error: ${(e as Error).message}
`);
  return 1;
}

/** A bad argument or flag value (exit 2); the message names it and says what is wanted. */
export class UsageProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageProblem';
  }
}

/** A JSON file's content; an error names the file. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
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

/** What one framework's `serve` command has of its own. */
export interface ServeCommandSpec {
  /** Program name and default framework name, e.g. 'meseta-jobs'; the default state file is `<name>.state.json`. */
  name: string;
  /** Logger component, e.g. 'jobs'; the command is described as `run the <component> framework`. */
  component: string;
  /** Default HTTP API port. */
  port: number;
  /** Default of `--offer-refuse` (seconds). */
  offerRefuseSeconds: number;
  /** What `--offer-refuse` says it is. */
  offerRefuseHelp: string;
}

/** The flags every framework's `serve` takes, as commander hands them over. */
export interface ServeFlags {
  master: string;
  port: string;
  stateFile: string;
  zk?: string;
  name: string;
  failoverTimeout: string;
  offerRefuse: string;
}

/** The framework options the shared `serve` flags give; the framework does not wait for subscription. */
export type ServeOptions = Required<Pick<FrameworkOptions, 'master' | 'store' | 'port' | 'name' | 'failoverTimeoutSeconds' | 'logger' | 'waitForSubscription'>> & {
  offerRefuseSeconds: number;
};

/**
 * Add `serve` to `program`: the shared flags (master, port, state file or
 * ZooKeeper, name, failover timeout, offer refuse time), and an action that
 * starts the framework with `start`, prints `<name> listening on
 * 127.0.0.1:PORT` and serves until SIGTERM/SIGINT. Add the framework's own
 * flags to the command returned; `start` gets them in `flags`.
 */
export function addServeCommand<F extends ServeFlags>(
  program: Command,
  spec: ServeCommandSpec,
  start: (options: ServeOptions, flags: F) => Promise<{ port: number; stop(): Promise<void> }>,
): Command {
  return program
    .command('serve')
    .description(`run the ${spec.component} framework`)
    .option('--master <host:port>', 'master address', '127.0.0.1:5050')
    .option('--port <port>', 'HTTP API port on 127.0.0.1 (0 picks one)', String(spec.port))
    .option('--state-file <path>', 'where the state is kept', `${spec.name}.state.json`)
    .option('--zk <url>', 'keep the state in ZooKeeper instead: zk://host:port/path')
    .option('--name <name>', 'framework name', spec.name)
    .option('--failover-timeout <seconds>', 'how long the master keeps tasks while this framework is away', String(7 * 24 * 3600))
    .option('--offer-refuse <seconds>', spec.offerRefuseHelp, String(spec.offerRefuseSeconds))
    .action(async (flags: F) => {
      const logger = createLogger(spec.component);
      const running = await start(
        {
          master: flags.master,
          store: stateStoreFor({ stateFile: flags.stateFile, zk: flags.zk, logger }),
          port: numberFlag('--port', flags.port, spec.port),
          name: flags.name,
          failoverTimeoutSeconds: numberFlag('--failover-timeout', flags.failoverTimeout, 604800),
          offerRefuseSeconds: numberFlag('--offer-refuse', flags.offerRefuse, spec.offerRefuseSeconds),
          logger,
          waitForSubscription: false,
        },
        flags,
      );
      process.stdout.write(`${spec.name} listening on 127.0.0.1:${running.port}\n`);
      serveUntilSignalled(() => running.stop());
      await new Promise(() => undefined);
    });
}
