#!/usr/bin/env node
/**
 * The `meseta` command: daemons (`master`, `agent`, `local`), operator
 * verbs (`agents`, `frameworks`, `tasks`, `state`, `version`), `run` (one
 * task, like mesos-execute) and `exec`. Exit codes: 0 success, 1 failure,
 * 2 bad flags; `run` exits with its task's code.
 *
 * It loads only the module of the verb asked for (see `verbs.ts`): a verb
 * that only reads from the master starts about as fast as `node -e 0`.
 */
// First: `meseta master` starts binding its port here, before the modules below load (see the module).
import { earlyBindSettled } from './early-master-bind';
import type { Command } from 'commander';
import { CliError, ExitCode } from './cli-error';
import { loadVerb, modulesFor, verbOf } from './verbs';
import { packageVersion } from './version-info';
import { endQuietlyWhenReaderCloses, exitAfterOutput } from './process-output';

/* eslint-disable @typescript-eslint/no-require-imports */
/** Commander, loaded when first needed (after an early bind of `meseta master`'s port). */
const commander = (): typeof import('commander') => require('commander') as typeof import('commander');
/** The client credential flags, loaded when the program is built. */
const clientCredentials = (): typeof import('./client-credentials') => require('./client-credentials') as typeof import('./client-credentials');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The command tree with these verbs (all of them when none are named);
 * `exitOverride` so {@link main} decides every exit code.
 */
export function buildProgram(verbs?: readonly string[]): Command {
  const program = new (commander().Command)('meseta')
    .description('Meseta: a two-level resource-offer cluster manager in the line of Apache Mesos.')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 failure (e.g. master unreachable), 2 bad flags; `run` exits with its task\'s code.',
    );
  clientCredentials().addCredentialOptions(program);
  for (const module of modulesFor(verbs)) loadVerb(module)(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Parse `argv`, run the verb and exit with the right code once its output is written. */
export async function main(argv: string[]): Promise<never> {
  endQuietlyWhenReaderCloses();
  // Let an early bind of the master's port listen before the CLI's modules load.
  await earlyBindSettled();
  try {
    const verb = verbOf(argv.slice(2));
    await buildProgram(verb === undefined ? undefined : [verb]).parseAsync(argv);
  } catch (e) {
    if (e instanceof commander().CommanderError) {
      // Commander has printed the message (or the help) already.
      const done = e.code === 'commander.helpDisplayed' || e.code === 'commander.version';
      return exitAfterOutput(done ? ExitCode.OK : ExitCode.USAGE);
    }
    if (e instanceof CliError) {
      process.stderr.write(`meseta: ${e.message}\n`);
      return exitAfterOutput(e.exitCode);
    }
    process.stderr.write(`meseta: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return exitAfterOutput(ExitCode.FAILURE);
  }
  return exitAfterOutput(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.OK);
}

if (require.main === module) void main(process.argv);
