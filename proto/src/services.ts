/**
 * gRPC service definitions for @grpc/grpc-js, built from the generated
 * protobufjs codecs (no runtime .proto loading). Master, agent, SDK and CLI
 * all use these, so a method path is written in exactly one place.
 */
import type { ServiceDefinition, MethodDefinition } from '@grpc/grpc-js';
import { makeGenericClientConstructor } from '@grpc/grpc-js';
import { pb } from './wire';
import { execMethod } from './exec-service';
import { messageBytes, type EncodesInto } from './message-bytes';

interface Codec<T> extends EncodesInto<T> {
  decode(bytes: Uint8Array): T;
}

function method<Req, Res>(
  path: string,
  request: Codec<Req>,
  response: Codec<Res>,
  requestStream: boolean,
  responseStream: boolean,
): MethodDefinition<Req, Res> {
  return {
    path,
    requestStream,
    responseStream,
    requestSerialize: (m: Req) => messageBytes(request, m),
    requestDeserialize: (b: Buffer) => request.decode(b),
    // Bytes already encoded (a big answer serialised in slices by the server) go out as they are.
    responseSerialize: (m: Res) => (m instanceof Uint8Array ? Buffer.from(m.buffer, m.byteOffset, m.byteLength) : messageBytes(response, m)),
    responseDeserialize: (b: Buffer) => response.decode(b),
  };
}

/** Scheduler API: framework <-> master. */
export const SchedulerService = {
  subscribe: method('/meseta.v1.Scheduler/Subscribe', pb.Call, pb.EventBatch, false, true),
  call: method('/meseta.v1.Scheduler/Call', pb.Call, pb.CallResponse, false, false),
  /** Every other call over one long-lived stream, each answered by id (`scheduler.proto`). */
  calls: method('/meseta.v1.Scheduler/Calls', pb.CallBatch, pb.CallAnswerBatch, true, true),
} satisfies ServiceDefinition;

/** Agent API: agent <-> master over one bidirectional stream. */
export const AgentLinkService = {
  connect: method('/meseta.v1.AgentLink/Connect', pb.AgentToMaster, pb.MasterToAgent, true, true),
} satisfies ServiceDefinition;

/** Operator API: CLI and UI <-> master. */
export const OperatorService = {
  call: method('/meseta.v1.Operator/Call', pb.OperatorCall, pb.OperatorResponse, false, false),
  /** A debug session in a running task, relayed by the master to the task's agent. */
  exec: execMethod('/meseta.v1.Operator/Exec'),
} satisfies ServiceDefinition;

/** Discovery: a service's endpoints as a server stream (the watch API; `discovery.proto`). */
export const DiscoveryService = {
  watch: method('/meseta.v1.Discovery/Watch', pb.WatchServiceRequest, pb.ServiceWatchEvent, false, true),
} satisfies ServiceDefinition;

/** Client constructors for the three services. */
export const SchedulerClient = makeGenericClientConstructor(SchedulerService, 'Scheduler');
export const AgentLinkClient = makeGenericClientConstructor(AgentLinkService, 'AgentLink');
export const OperatorClient = makeGenericClientConstructor(OperatorService, 'Operator');
export const DiscoveryClient = makeGenericClientConstructor(DiscoveryService, 'Discovery');

/** Channel options used by every Meseta client and server. */
export const CHANNEL_OPTIONS = {
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
  'grpc.max_send_message_length': 64 * 1024 * 1024,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
  // No channelz bookkeeping (nothing reads it): per connection it cost the
  // master ~0.1 ms of CPU and two syscalls (getpeername, getsockname), a
  // few percent of registering an agent.
  'grpc.enable_channelz': 0,
} as const;
