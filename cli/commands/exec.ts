/**
 * `meseta exec <task-id> -- <command...>`: run a command inside a running
 * task's container (its namespaces and cgroup), like `kubectl exec`. The
 * task's agent is found in the master's state (its advertised ip and
 * port); the session then goes straight to the agent's
 * `AgentDebug.Exec` stream: stdin up, stdout and stderr down, and the
 * command's exit code becomes this command's (128+N for signal N).
 */
import { credentials, type ClientDuplexStream, type ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import type { Command } from 'commander';
import type { ClusterState, v1 } from '../../proto/src/wire';
import { enumName, pb } from '../../proto/src/wire';
import { idOf } from '../../proto/src/ids';
import { isTerminal } from '../../proto/src/task-state';
import { CHANNEL_OPTIONS } from '../../proto/src/services';
import { AgentDebugClient } from '../../proto/src/exec-service';
import { CliError, ExitCode, UsageError } from '../cli-error';
import { collect, envFlag, masterFlag } from '../flags';
import { queryMaster, reasonOf } from '../master-query';
import { MASTER_OPTION_HELP } from './state';

/** The flags of `meseta exec`. */
export interface ExecFlags {
  master?: string;
  framework?: string;
  env?: string[];
  workdir?: string;
  stdin: boolean;
}

/** Where a task runs, from the master's state. */
export interface TaskLocation {
  frameworkId: string;
  agentId: string;
  /** `ip:port` of the agent. */
  agentAddress: string;
}

/**
 * Find a live task in the master's state: its framework and its agent's
 * address. Throws a {@link CliError} saying why when there is none (unknown,
 * ended, ambiguous across frameworks, agent without an address).
 */
export function locateTask(state: ClusterState, taskId: string, frameworkId?: string): TaskLocation {
  const matches = (state.tasks ?? []).filter((t) => idOf(t.task_id) === taskId && (!frameworkId || idOf(t.framework_id) === frameworkId));
  if (matches.length === 0) {
    const ended = (state.completed_tasks ?? []).find((t) => idOf(t.task_id) === taskId);
    if (ended) throw new CliError(`task ${taskId} has ended (${enumName(pb.TaskState, ended.state)}); exec needs a running task`);
    throw new CliError(`no task ${taskId}${frameworkId ? ` in framework ${frameworkId}` : ''} is known to the master`);
  }
  if (matches.length > 1) {
    throw new CliError(`task id ${taskId} exists in several frameworks (${matches.map((t) => idOf(t.framework_id)).join(', ')}); give --framework`);
  }
  const task = matches[0];
  if (isTerminal(task.state)) throw new CliError(`task ${taskId} has ended (${enumName(pb.TaskState, task.state)}); exec needs a running task`);
  const agentId = idOf(task.agent_id);
  const agent = (state.agents ?? []).find((a) => idOf(a.agent_info?.id) === agentId);
  const info = agent?.agent_info;
  const host = info?.ip || info?.hostname;
  if (!host || !info?.port) throw new CliError(`the master knows no address for agent ${agentId} of task ${taskId}`);
  return { frameworkId: idOf(task.framework_id), agentId, agentAddress: `${host}:${info.port}` };
}

/** The exit code for how the session ended: its exit code, 128+signal, or 1 when unknown. */
export function execExitCode(exited: v1.ExecOutput.IExited | null | undefined): number {
  if (!exited) return ExitCode.FAILURE;
  if (typeof exited.exit_code === 'number' && Object.prototype.hasOwnProperty.call(exited, 'exit_code')) return exited.exit_code & 0xff;
  if (exited.signal) return 128 + exited.signal;
  return ExitCode.FAILURE;
}

type ExecStream = ClientDuplexStream<v1.IExecInput, v1.IExecOutput>;

/** Run one session against the agent; resolves to the exit code. */
export function runSession(
  agentAddress: string,
  start: v1.ExecInput.IStart,
  io: { stdin?: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const client = new AgentDebugClient(agentAddress, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as {
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
    const finish = (error?: Error): void => {
      process.off('SIGINT', onSignal);
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
      if (output.exited) code = execExitCode(output.exited);
    });
    call.on('error', (e: ServiceError) => {
      if (e.code === GrpcStatus.CANCELLED && interrupts > 1) {
        code = 130;
        finish();
        return;
      }
      finish(new CliError(`exec on agent ${agentAddress} failed: ${reasonOf(e)}`));
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
    .action(async (taskId: string, command: string[], flags: ExecFlags) => {
      if (command.length === 0 || command[0] === '') throw new UsageError('exec: give the command after --, e.g. meseta exec TASK -- ls /');
      const master = masterFlag('--master', flags.master);
      const env = (flags.env ?? []).map((text) => envFlag('--env', text));
      const response = await queryMaster(master, pb.OperatorCall.Type.GET_STATE);
      const location = locateTask(response.state ?? {}, taskId, flags.framework);
      const start: v1.ExecInput.IStart = {
        framework_id: { value: location.frameworkId },
        task_id: { value: taskId },
        command,
        environment: env.length > 0 ? { variables: env } : undefined,
        working_directory: flags.workdir,
      };
      process.exitCode = await runSession(location.agentAddress, start, {
        stdin: flags.stdin ? process.stdin : undefined,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    });
}
