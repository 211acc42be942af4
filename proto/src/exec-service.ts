/**
 * gRPC definition of the agent's debug-session service
 * (`meseta.v1.AgentDebug/Exec`, see proto/meseta/v1/exec.proto): one
 * bidirectional stream per session, served on the agent's one port.
 */
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { makeGenericClientConstructor } from '@grpc/grpc-js';
import { pb } from './wire';
import type { v1 } from './wire';

/** The Exec method at `path`: agents serve it as AgentDebug/Exec, the master as Operator/Exec. */
export function execMethod(path: string): MethodDefinition<v1.IExecInput, v1.IExecOutput> {
  return {
    path,
    requestStream: true,
    responseStream: true,
    requestSerialize: (m: v1.IExecInput) => Buffer.from(pb.ExecInput.encode(m).finish()),
    requestDeserialize: (b: Buffer) => pb.ExecInput.decode(b),
    responseSerialize: (m: v1.IExecOutput) => Buffer.from(pb.ExecOutput.encode(m).finish()),
    responseDeserialize: (b: Buffer) => pb.ExecOutput.decode(b),
  };
}

/** Debug sessions into running tasks: agent side (and a master proxying it). */
export const AgentDebugService = { exec: execMethod('/meseta.v1.AgentDebug/Exec') } satisfies ServiceDefinition;

/** Client constructor for {@link AgentDebugService}. */
export const AgentDebugClient = makeGenericClientConstructor(AgentDebugService, 'AgentDebug');
