/**
 * `meseta run`: run one command as a task, like mesos-execute. Exits with
 * the task's exit code (see task-exit-code.ts for the table).
 */
import type { Command } from 'commander';
import { pb } from '../../proto/src/wire';
import type { TaskSpec } from '../../frameworks/sdk/index';
import { daemonLogger, LOG_LEVEL_HELP } from '../daemon';
import { amountFlag, collect, durationFlag, envFlag, masterFlag, textFlag } from '../flags';
import { queryMaster } from '../master-query';
import { MASTER_OPTION_HELP } from './state';

/** The flags of `meseta run`, as commander hands them over. */
export interface RunFlags {
  master?: string;
  name?: string;
  command?: string;
  cpus: string;
  mem: string;
  disk?: string;
  env?: string[];
  killAfter?: string;
  role?: string;
  output: boolean;
  logLevel?: string;
}

/** The task `meseta run` launches, from its flags. */
export function runTaskSpec(flags: RunFlags): TaskSpec {
  const spec: TaskSpec = {
    name: textFlag('--name', flags.name),
    command: textFlag('--command', flags.command),
    cpus: amountFlag('--cpus', flags.cpus, true),
    mem: amountFlag('--mem', flags.mem, true),
  };
  if (flags.disk !== undefined) spec.disk = amountFlag('--disk', flags.disk);
  if (flags.env && flags.env.length > 0) {
    spec.env = Object.fromEntries(flags.env.map((text) => envFlag('--env', text)).map((e) => [e.name, e.value]));
  }
  return spec;
}

/** Register `meseta run` on `program`. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .summary('Run one command as a task and exit with its exit code (like mesos-execute)')
    .description(
      'Subscribe a framework, launch --command as one task in the first offer it fits, print each state ' +
        'change, and tear the framework down when the task ends.\n\n' +
        'Exit code: 0 for TASK_FINISHED; for TASK_FAILED the command\'s exit code (128+signal when a signal ' +
        'ended it, else 1); 128+signal for TASK_KILLED (137 when the signal is unknown); 1 for any other end ' +
        '(TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE...) or when the master cannot be reached; 130 after ' +
        'Ctrl-C, which kills the task first.',
    )
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--name <name>', 'task name (the task id is NAME-<uuid>)')
    .option('--command <command>', 'shell command to run')
    .option('--cpus <amount>', 'cpus to ask for', '0.1')
    .option('--mem <MB>', 'memory to ask for, in MB', '32')
    .option('--disk <MB>', 'disk to ask for, in MB')
    .option('--env <NAME=VALUE>', 'environment variable for the task (repeatable)', collect)
    .option('--kill-after <duration>', 'kill the task this long after it starts running, e.g. 30s')
    .option('--role <role>', 'role to ask resources for', '*')
    .option('--no-output', 'do not print the task\'s stdout/stderr from its sandbox when it ends')
    .option('--log-level <level>', LOG_LEVEL_HELP.replace('else info', 'else warn'))
    .action(async (flags: RunFlags) => {
      const master = masterFlag('--master', flags.master);
      const task = runTaskSpec(flags);
      const killAfterSeconds = flags.killAfter === undefined ? undefined : durationFlag('--kill-after', flags.killAfter);
      const logger = daemonLogger('run', flags.logLevel, 'warn');
      // Fail fast, with the reason, when nobody listens there.
      await queryMaster(master, pb.OperatorCall.Type.GET_HEALTH);
      const { TaskRun } = await import('../task-run');
      const run = new TaskRun({ master, task, role: flags.role, killAfterSeconds, logger, showOutput: flags.output });
      const onSignal = (): void => run.interrupt();
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        process.exitCode = await run.run();
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
