/**
 * The agent's side of debug sessions (`meseta.v1.AgentDebug/Exec`): the
 * first message names a running task and a command; the command is started
 * in the task's container by its containerizer; stdin from the stream goes
 * to the process, its stdout and stderr come back as they are written, and
 * the last message says how it ended. A client that goes away takes the
 * process with it.
 */
import { status as GrpcStatus, type ServerDuplexStream } from '@grpc/grpc-js';
import * as os from 'node:os';
import type { Readable } from 'node:stream';
import type { v1 } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import { commandEnvironment } from '../task-environment';
import type { ExecSession } from '../containerizer';
import { signalNumber } from '../containerizer';
import type { ExecTarget } from '../agent';
import { checkTerminalSize, type TerminalSize } from './exec-tty';

/** What the service needs from the agent. */
export interface ExecServerSource {
  target(frameworkId: string, taskId: string): ExecTarget;
  agentId(): string | undefined;
  logger: Logger;
}

type ExecCall = ServerDuplexStream<v1.IExecInput, v1.IExecOutput>;

const PROBLEM_STATUS = {
  'not-found': GrpcStatus.NOT_FOUND,
  'not-running': GrpcStatus.FAILED_PRECONDITION,
  unsupported: GrpcStatus.UNIMPLEMENTED,
} as const;

/** The name of signal number `n` (2 → SIGINT), or undefined. */
export function signalName(n: number | null | undefined): NodeJS.Signals | undefined {
  if (!n) return undefined;
  const entry = Object.entries(os.constants.signals).find(([, number]) => number === n);
  return entry?.[0] as NodeJS.Signals | undefined;
}

function fail(call: ExecCall, code: GrpcStatus, details: string): void {
  call.emit('error', { code, details });
}

/** Resolves when the stream has ended (or errored). */
function ended(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.readableEnded) resolve();
    stream.once('end', resolve);
    stream.once('error', () => resolve());
    stream.once('close', resolve);
  });
}

/** The grpc-js implementation of the AgentDebug service. */
export function execServiceImplementation(source: ExecServerSource): { exec: (call: ExecCall) => void } {
  return { exec: (call) => serveSession(call, source) };
}

function serveSession(call: ExecCall, source: ExecServerSource): void {
  let session: ExecSession | undefined;
  let starting = false;
  let finished = false;
  const pendingInput: v1.IExecInput[] = [];
  const log = source.logger;

  const applyInput = (input: v1.IExecInput): void => {
    if (!session) return;
    if (input.stdin && input.stdin.length > 0) session.stdin.write(Buffer.from(input.stdin));
    if (input.stdin_closed) session.stdin.end();
    const signal = signalName(input.signal);
    if (signal) session.kill(signal);
    if (input.resize && session.resize) {
      try {
        session.resize(checkTerminalSize(input.resize, 'resize'));
      } catch (e) {
        log.warn('debug session resize ignored', { problem: (e as Error).message });
      }
    }
  };

  const start = async (request: v1.ExecInput.IStart): Promise<void> => {
    const taskId = idOf(request.task_id);
    const command = request.command ?? [];
    if (!taskId) return fail(call, GrpcStatus.INVALID_ARGUMENT, 'start.task_id: required');
    if (command.length === 0 || command[0] === '') return fail(call, GrpcStatus.INVALID_ARGUMENT, 'start.command: required (argv of the process to run)');
    let tty: TerminalSize | undefined;
    try {
      tty = request.tty ? checkTerminalSize(request.tty, 'start.tty') : undefined;
    } catch (e) {
      return fail(call, GrpcStatus.INVALID_ARGUMENT, (e as Error).message);
    }
    const target = source.target(idOf(request.framework_id), taskId);
    if ('problem' in target) return fail(call, PROBLEM_STATUS[target.problem], target.message);
    if (tty && !target.containerizer.terminals) {
      return fail(call, GrpcStatus.UNIMPLEMENTED, `task ${taskId} runs in the ${target.containerizer.name} containerizer, which has no terminal sessions yet; run the command without start.tty (meseta exec)`);
    }
    let started: ExecSession;
    try {
      started = await (target.containerizer.exec as NonNullable<typeof target.containerizer.exec>).call(target.containerizer, target.containerId, {
        args: [...command],
        env: commandEnvironment({ environment: request.environment }),
        cwd: request.working_directory || undefined,
        ...(tty ? { tty } : {}),
      });
    } catch (e) {
      return fail(call, GrpcStatus.FAILED_PRECONDITION, `the debug session could not start: ${(e as Error).message}`);
    }
    session = started;
    log.info('debug session started', { task_id: taskId, command: command.join(' ') });
    if (finished) {
      started.kill('SIGKILL'); // the client went away meanwhile
      return;
    }
    call.write({ started: { container_id: { value: target.containerId }, agent_id: source.agentId() ? { value: source.agentId() } : undefined } });
    const forward = (stream: Readable, field: 'stdout' | 'stderr'): void => {
      stream.on('data', (chunk: Buffer) => {
        if (finished) return;
        if (!call.write({ [field]: chunk })) {
          stream.pause();
          call.once('drain', () => stream.resume());
        }
      });
    };
    forward(started.stdout, 'stdout');
    forward(started.stderr, 'stderr');
    for (const input of pendingInput.splice(0)) applyInput(input);
    const [exit] = await Promise.all([started.exited, ended(started.stdout), ended(started.stderr)]);
    if (finished) return;
    finished = true;
    log.info('debug session ended', { task_id: taskId, exit_code: exit.exitCode, signal: exit.signal });
    call.write({ exited: { exit_code: exit.exitCode, signal: signalNumber(exit.signal), message: exit.message } });
    call.end();
  };

  call.on('data', (input: v1.IExecInput) => {
    if (!starting) {
      starting = true;
      if (!input.start) {
        fail(call, GrpcStatus.INVALID_ARGUMENT, 'the first message must be start { task_id, command }');
        return;
      }
      const { start: _start, ...rest } = input;
      if (rest.stdin || rest.stdin_closed || rest.signal) pendingInput.push(rest);
      start(input.start).catch((e: Error) => {
        log.error('debug session failed', { error: e });
        if (!finished) fail(call, GrpcStatus.INTERNAL, e.message);
      });
      return;
    }
    if (session) applyInput(input);
    else pendingInput.push(input);
  });
  // The client half-closed: its stdin is over.
  call.on('end', () => {
    if (session) session.stdin.end();
    else pendingInput.push({ stdin_closed: true });
  });
  call.on('cancelled', () => {
    if (finished) return;
    finished = true;
    session?.kill('SIGKILL');
  });
  call.on('error', () => {
    if (finished) return;
    finished = true;
    session?.kill('SIGKILL');
  });
}
