#!/usr/bin/env node
/**
 * The `meseta` command: daemons (`master`, `agent`, `local`), operator
 * verbs (`agents`, `frameworks`, `tasks`, `state`) and `run` (one task, like
 * mesos-execute). Exit codes: 0 success, 1 failure, 2 bad flags; `run`
 * exits with its task's code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { CliError, ExitCode } from './cli-error';
import { registerAgentCommand } from './commands/agent';
import { registerExecCommand } from './commands/exec';
import { registerLocalCommand } from './commands/local';
import { registerMasterCommand } from './commands/master';
import { registerRunCommand } from './commands/run';
import { registerStateCommands } from './commands/state';

/** The version in package.json (found from the source or the compiled file). */
function packageVersion(): string {
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const parsed = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'meseta' && parsed.version) return parsed.version;
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}

/** The whole command tree; `exitOverride` so {@link main} decides every exit code. */
export function buildProgram(): Command {
  const program = new Command('meseta')
    .description('Meseta: a two-level resource-offer cluster manager in the line of Apache Mesos.')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 failure (e.g. master unreachable), 2 bad flags; `run` exits with its task\'s code.',
    );
  registerMasterCommand(program);
  registerAgentCommand(program);
  registerLocalCommand(program);
  registerStateCommands(program);
  registerRunCommand(program);
  registerExecCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Parse `argv`, run the verb and exit with the right code. */
export async function main(argv: string[]): Promise<never> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has printed the message (or the help) already.
      const done = e.code === 'commander.helpDisplayed' || e.code === 'commander.version';
      process.exit(done ? ExitCode.OK : ExitCode.USAGE);
    }
    if (e instanceof CliError) {
      process.stderr.write(`meseta: ${e.message}\n`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`meseta: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(ExitCode.FAILURE);
  }
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.OK);
}

if (require.main === module) void main(process.argv);
