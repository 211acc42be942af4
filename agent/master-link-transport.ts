/**
 * How the agent dials its master's AgentLink: the light `meseta-link/1`
 * framing (`runtime/framed-link-client.ts`) when the master offers it, gRPC
 * otherwise. Both give a stream with the same surface, so the link's logic
 * (agent/master-link.ts) does not know which one it has.
 */
import * as grpc from '@grpc/grpc-js';
import type { AgentToMaster, MasterToAgent } from '@meseta/proto/wire';
import { AgentLinkClient, AgentLinkService } from '@meseta/proto/services';
import { bearer, grpcChannelFor, type ClientSecurity } from '@meseta/runtime/client-security';
import { FramedLinkClient } from '@meseta/runtime/framed-link-client';

/** Which transport the agent uses toward the master (`--master-link`). */
export type MasterLinkTransport = 'auto' | 'grpc';

/** The transports {@link MasterLinkTransport} names. */
export const MASTER_LINK_TRANSPORTS: readonly MasterLinkTransport[] = ['auto', 'grpc'];

/** A failed stream, as grpc-js's `ServiceError` (the light link's errors have the same fields). */
export interface LinkCallError {
  code?: number;
  details?: string;
  message: string;
  /** Set when the master does not speak the light link: dial it with gRPC. */
  linkUnsupported?: boolean;
}

/** What the agent uses of its link stream, whichever the transport. */
export interface LinkCall {
  on(event: 'data', listener: (message: MasterToAgent) => void): unknown;
  on(event: 'error', listener: (error: LinkCallError) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  once(event: 'status' | 'error', listener: () => void): unknown;
  write(message: AgentToMaster): boolean;
  end(): void;
  cancel(): void;
}

/** Opens link streams to one master address. */
export interface LinkDialer {
  readonly transport: 'link' | 'grpc';
  connect(): LinkCall;
  close(): void;
}

/** A gRPC dialer (a grpc-js channel). */
export function grpcDialer(address: string, security: ClientSecurity, channelOptions: grpc.ChannelOptions): LinkDialer {
  const channel = grpcChannelFor(security, address);
  const client = new AgentLinkClient(address, channel.credentials, { ...channelOptions, ...channel.options }) as unknown as grpc.Client & { connect(): LinkCall };
  return { transport: 'grpc', connect: () => client.connect(), close: () => client.close() };
}

/** A `meseta-link/1` dialer: TLS exactly when a CA is set, the token as `authorization` metadata. */
export function lightLinkDialer(address: string, security: ClientSecurity): LinkDialer {
  const client = new FramedLinkClient<AgentToMaster, MasterToAgent>({
    address,
    codec: AgentLinkService.connect,
    ...(security.ca ? { tls: { ca: security.ca, cert: security.cert, key: security.key } } : {}),
    metadata: security.token ? { authorization: bearer(security.token) } : {},
  });
  return { transport: 'link', connect: () => client.open() as unknown as LinkCall, close: () => client.close() };
}
