/**
 * `meseta exec <task-id> -- <command...>`: run a command inside a running
 * task's container (its namespaces and cgroup), like `kubectl exec`. The
 * session is the master's `Operator.Exec` stream (the master relays it to
 * the task's agent), so only the master's address is needed: stdin up,
 * stdout and stderr down, and the command's exit code becomes this
 * command's (128+N for signal N).
 */
import { type ClientDuplexStream, type ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import type { Command } from 'commander';
import type { v1 } from '@meseta/proto/wire';
import { CHANNEL_OPTIONS, OperatorClient } from '@meseta/proto/services';
import { AgentDebugClient } from '@meseta/proto/exec-service';
import { CliError, ExitCode, UsageError } from '../cli-error';
import { collect, envFlag, masterFlag } from '../flags';
import { leaderAddress, reasonOf } from '../master-query';
import { MASTER_OPTION_HELP } from '../master-flag';
import { grpcChannelFor, type ClientSecurity } from '@meseta/runtime/client-security';
import { cliClientCredentials } from '../client-credentials';

/** The flags of `meseta exec`. */
export interface ExecFlags {
  master?: string;
  framework?: string;
  env?: string[];
  workdir?: string;
  stdin: boolean;
  tty?: boolean;
}

/** The terminal size to ask for: this one's when stdout is a terminal, else 24×80. */
export function terminalSize(out: { isTTY?: boolean; rows?: number; columns?: number }): { rows: number; columns: number } {
  return out.isTTY && out.rows && out.columns ? { rows: out.rows, columns: out.columns } : { rows: 24, columns: 80 };
}

/** The exit code for how the session ended: its exit code, 128+signal, or 1 when unknown. */
export function execExitCode(exited: v1.ExecOutput.IExited | null | undefined): number {
  if (!exited) return ExitCode.FAILURE;
  if (typeof exited.exit_code === 'number' && Object.prototype.hasOwnProperty.call(exited, 'exit_code')) return exited.exit_code & 0xff;
  if (exited.signal) return 128 + exited.signal;
  return ExitCode.FAILURE;
}

/**
 * What to tell the user when a session ended without its command running
 * to an end of its own (it could not start, or the agent ended it);
 * undefined when the command simply exited or was signalled. Pure.
 */
export function sessionEndProblem(exited: v1.ExecOutput.IExited): string | undefined {
  const message = exited.message ?? '';
  if (message === '' || /^Command (exited with status|terminated with signal)/.test(message)) return undefined;
  return message;
}

type ExecStream = ClientDuplexStream<v1.IExecInput, v1.IExecOutput>;

/** Which service a session talks to: the master's Operator.Exec (relayed) or an agent's AgentDebug.Exec. */
export type SessionEndpoint = 'master' | 'agent';

/** Run one session against the master (or an agent directly); resolves to the exit code. */
export function runSession(
  address: string,
  start: v1.ExecInput.IStart,
  io: { stdin?: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  endpoint: SessionEndpoint = 'master',
  security: ClientSecurity = cliClientCredentials().security,
): Promise<number> {
  const Client = endpoint === 'master' ? OperatorClient : AgentDebugClient;
  const channel = grpcChannelFor(security, address);
  const client = new Client(address, channel.credentials, { ...CHANNEL_OPTIONS, ...channel.options }) as unknown as {
    exec(): ExecStream;
    close(): void;
  };
  return new Promise<number>((resolve, reject) => {
    const call = client.exec();
    let code: number | undefined;
    let interrupts = 0;
    const onSignal = (): void => {
      interrupts++;
      if (interrupts === 1) call.write({ signal: 2 }); // forward Ctrl-C once
      else call.cancel();
    };
    process.on('SIGINT', onSignal);
    // On a terminal: this terminal's new size follows it.
    const out = io.stdout as NodeJS.WritableStream & { isTTY?: boolean; rows?: number; columns?: number };
    const onResize = (): void => {
      call.write({ resize: terminalSize(out) });
    };
    if (start.tty && out.isTTY) out.on('resize', onResize);
    const finish = (error?: Error): void => {
      process.off('SIGINT', onSignal);
      out.removeListener('resize', onResize);
      io.stdin?.removeListener('data', onData);
      io.stdin?.removeListener('end', onEnd);
      client.close();
      if (error) reject(error);
      else resolve(code ?? ExitCode.FAILURE);
    };
    const onData = (chunk: Buffer | string): void => {
      call.write({ stdin: Buffer.from(chunk) });
    };
    const onEnd = (): void => {
      call.write({ stdin_closed: true });
    };
    call.on('data', (output: v1.IExecOutput) => {
      if (output.stdout && output.stdout.length > 0) io.stdout.write(Buffer.from(output.stdout));
      if (output.stderr && output.stderr.length > 0) io.stderr.write(Buffer.from(output.stderr));
      if (output.exited) {
        code = execExitCode(output.exited);
        const why = sessionEndProblem(output.exited);
        if (why) io.stderr.write(`meseta: exec: ${why}\n`);
      }
    });
    call.on('error', (e: ServiceError) => {
      if (e.code === GrpcStatus.CANCELLED && interrupts > 1) {
        code = 130;
        finish();
        return;
      }
      finish(new CliError(`exec failed: ${reasonOf(e)}`));
    });
    call.on('end', () => finish());
    call.write({ start });
    if (io.stdin) {
      io.stdin.on('data', onData);
      io.stdin.on('end', onEnd);
    } else {
      call.write({ stdin_closed: true });
    }
  });
}

/** Register `meseta exec` on `program`. */
export function registerExecCommand(program: Command): void {
  program
    .command('exec')
    .summary("Run a command inside a running task's container (like kubectl exec)")
    .description(
      "Start COMMAND in the namespaces and cgroup of a running task's container, stream stdin, stdout and stderr " +
        "both ways, and exit with the command's exit code (128+N when signal N ended it; 1 when the task cannot be " +
        'reached). The first Ctrl-C is passed to the command, a second one leaves.',
    )
    .usage('[options] <task-id> -- <command...>')
    .argument('<task-id>', 'the running task')
    .argument('<command...>', 'the command and its arguments (after --)')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--framework <id>', 'the framework of the task, when its id is not unique')
    .option('--env <NAME=VALUE>', 'environment variable for the command (repeatable)', collect)
    .option('--workdir <dir>', 'working directory inside the container (default: the sandbox)')
    .option('--no-stdin', 'do not pass stdin to the command (it reads end-of-file)')
    .option('-t, --tty', 'run the command on a terminal (prompt, line editing, full-screen programs), sized as this one; posix and Docker tasks')
    .action(async (taskId: string, command: string[], flags: ExecFlags) => {
      if (command.length === 0 || command[0] === '') throw new UsageError('exec: give the command after --, e.g. meseta exec TASK -- ls /');
      const master = await leaderAddress(masterFlag('--master', flags.master));
      const env = (flags.env ?? []).map((text) => envFlag('--env', text));
      const start: v1.ExecInput.IStart = {
        framework_id: flags.framework ? { value: flags.framework } : undefined,
        task_id: { value: taskId },
        command,
        environment: env.length > 0 ? { variables: env } : undefined,
        working_directory: flags.workdir,
        ...(flags.tty ? { tty: terminalSize(process.stdout) } : {}),
      };
      // Keys go to the remote terminal as typed (Ctrl-C included) while it runs.
      const raw = flags.tty === true && flags.stdin && process.stdin.isTTY;
      if (raw) process.stdin.setRawMode(true);
      try {
        process.exitCode = await runSession(master, start, {
          stdin: flags.stdin ? process.stdin : undefined,
          stdout: process.stdout,
          stderr: process.stderr,
        });
      } finally {
        if (raw) process.stdin.setRawMode(false);
      }
    });
}
