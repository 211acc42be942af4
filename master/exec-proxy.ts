/**
 * The master's side of debug sessions (`meseta.v1.Operator/Exec`): an
 * operator names a running task and a command; the master finds the task's
 * agent ({@link routeExec}) and opens that agent's `AgentDebug/Exec`
 * stream, then relays both ways: stdin, signals and end-of-input up,
 * stdout, stderr and the exit down, the agent's refusal as the agent gave it.
 * Operators need only the master's address (or `zk://`), as with every
 * other operator call. Either side going away ends the other.
 */
import { status as GrpcStatus, type ClientDuplexStream, type ServerDuplexStream, type ServiceError } from '@grpc/grpc-js';
import type { v1 } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { CHANNEL_OPTIONS } from '@meseta/proto/services';
import { AgentDebugClient } from '@meseta/proto/exec-service';
import type { Logger } from '@meseta/runtime/log';
import { grpcChannelFor, type ClientSecurity } from '@meseta/runtime/client-security';
import { isExecRefusal, routeExec, type ExecRouteState } from './exec-route';

type OperatorExecCall = ServerDuplexStream<v1.IExecInput, v1.IExecOutput>;
type AgentExecCall = ClientDuplexStream<v1.IExecInput, v1.IExecOutput>;

/** Opens a session stream to an agent; replaced in tests. */
export type AgentExecDialer = (agentAddress: string) => { call: AgentExecCall; close(): void };

/** Dial agents' AgentDebug service over gRPC, with TLS and a token as `security` says. */
export function agentExecDialer(security: ClientSecurity): AgentExecDialer {
  return (agentAddress) => {
    const channel = grpcChannelFor(security, agentAddress);
    const client = new AgentDebugClient(agentAddress, channel.credentials, { ...CHANNEL_OPTIONS, ...channel.options }) as unknown as {
      exec(): AgentExecCall;
      close(): void;
    };
    return { call: client.exec(), close: () => client.close() };
  };
}

/** Dial the agent's AgentDebug service over plaintext gRPC. */
export const dialAgentExec: AgentExecDialer = agentExecDialer({});

/**
 * May this caller open a session in the routed task (the `exec` ACL,
 * `master/auth/grpc-guard.ts`)? The refusal to send, or undefined.
 */
export type ExecAdmission = (call: OperatorExecCall, route: { frameworkId: string; agentId: string; taskId: string }) => { code: GrpcStatus; details: string } | undefined;

/** The grpc-js implementation of `Operator/Exec` over the master's state. */
export function execProxyImplementation(
  state: () => ExecRouteState,
  log: Logger,
  dial: AgentExecDialer = dialAgentExec,
  admit?: ExecAdmission,
): { exec: (call: OperatorExecCall) => void } {
  return { exec: (call) => relaySession(call, state, log, dial, admit) };
}

function relaySession(call: OperatorExecCall, state: () => ExecRouteState, log: Logger, dial: AgentExecDialer, admit?: ExecAdmission): void {
  let agent: { call: AgentExecCall; close(): void } | undefined;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    agent?.close();
  };
  const refuse = (code: GrpcStatus, details: string): void => {
    if (done) return;
    finish();
    call.emit('error', { code, details });
  };

  call.on('data', (input: v1.IExecInput) => {
    if (done) return;
    if (agent) {
      agent.call.write(input);
      return;
    }
    if (!input.start) return refuse(GrpcStatus.INVALID_ARGUMENT, 'start: the first message must name the task and the command');
    const taskId = idOf(input.start.task_id);
    const command = input.start.command ?? [];
    if (command.length === 0 || command[0] === '') return refuse(GrpcStatus.INVALID_ARGUMENT, 'start.command: required (argv of the process to run)');
    const route = routeExec(state(), taskId, idOf(input.start.framework_id) || undefined);
    if (isExecRefusal(route)) return refuse(route.code, route.details);
    const denied = admit?.(call, { frameworkId: route.frameworkId, agentId: route.agentId, taskId });
    if (denied) return refuse(denied.code, denied.details);
    log.info('debug session relayed', { task_id: taskId, framework_id: route.frameworkId, agent_id: route.agentId, command: command.join(' ') });
    agent = dial(route.agentAddress);
    const upstream = agent.call;
    upstream.on('data', (output: v1.IExecOutput) => {
      if (done) return;
      if (!call.write(output)) {
        upstream.pause();
        call.once('drain', () => upstream.resume());
      }
    });
    upstream.on('end', () => {
      if (done) return;
      finish();
      call.end();
    });
    upstream.on('error', (e: ServiceError) => {
      if (done) return;
      // The agent's own refusals (NOT_FOUND, FAILED_PRECONDITION…) pass through; a
      // dead agent reads as UNAVAILABLE naming it.
      const details = e.code === GrpcStatus.UNAVAILABLE ? `agent ${route.agentId} at ${route.agentAddress} cannot be reached: ${e.details}` : e.details;
      refuse(e.code, details);
    });
    upstream.write({ ...input, start: { ...input.start, framework_id: { value: route.frameworkId } } });
  });
  // The operator half-closed: pass it on, the agent reads it as end of stdin.
  call.on('end', () => {
    if (!done && agent) agent.call.end();
  });
  const dropped = (): void => {
    if (done) return;
    agent?.call.cancel();
    finish();
  };
  call.on('cancelled', dropped);
  call.on('error', dropped);
}
