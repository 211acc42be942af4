/**
 * One unary Operator API call to the master, with a deadline, turning any
 * failure into `cannot reach master at ADDRESS: REASON` (exit 1).
 */
import type { ServiceError } from '@grpc/grpc-js';
import { grpcChannelFor } from '@meseta/runtime/client-security';
import type { OperatorResponse } from '@meseta/proto/wire';
import type { v1 } from '@meseta/proto/wire';
import { CHANNEL_OPTIONS, OperatorClient } from '@meseta/proto/services';
import { CliError } from './cli-error';
import { cliClientCredentials } from './client-credentials';
import { leaderAddress, QUERY_TIMEOUT_MS } from './leader-address';

export { leaderAddress, QUERY_TIMEOUT_MS } from './leader-address';

type OperatorCallback = (error: ServiceError | null, response?: OperatorResponse) => void;
interface OperatorStub {
  call(request: v1.IOperatorCall, options: { deadline: Date }, callback: OperatorCallback): void;
  close(): void;
}

/** Ask the master at `address` (`host:port`) one Operator API question. */
export async function queryMaster(
  address: string,
  type: v1.OperatorCall.Type,
  timeoutMs: number = QUERY_TIMEOUT_MS,
): Promise<OperatorResponse> {
  address = await leaderAddress(address, timeoutMs);
  const { security } = cliClientCredentials();
  const channel = grpcChannelFor(security, address);
  const client = new OperatorClient(address, channel.credentials, { ...CHANNEL_OPTIONS, ...channel.options }) as unknown as OperatorStub;
  try {
    return await new Promise<OperatorResponse>((resolve, reject) => {
      client.call({ type }, { deadline: new Date(Date.now() + timeoutMs) }, (error, response) => {
        if (error) reject(new CliError(`cannot reach master at ${address}: ${reasonOf(error)}`));
        else resolve(response ?? {});
      });
    });
  } finally {
    client.close();
  }
}

/**
 * The readable part of a gRPC error: `connect ECONNREFUSED 127.0.0.1:1`
 * rather than `14 UNAVAILABLE: No connection established. Last error: Error: ...`.
 */
export function reasonOf(error: Pick<ServiceError, 'details' | 'message'>): string {
  let text = (error.details || error.message || 'unknown error').trim();
  const last = /Last error: (.*)$/s.exec(text);
  if (last) text = last[1];
  text = text.replace(/\.?\s*Resolution note:.*$/s, '').replace(/^Error: /, '').trim();
  return text || 'unknown error';
}
