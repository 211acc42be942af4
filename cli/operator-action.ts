/**
 * One Operator API action (DRAIN_AGENT, KILL_TASK, …) sent to the leading
 * master. A refusal is shown as the master words it (it names the field
 * and the problem); an unreachable master as `cannot reach master`.
 */
import { status, type ServiceError } from '@grpc/grpc-js';
import { grpcChannelFor } from '@meseta/runtime/client-security';
import type { OperatorResponse, v1 } from '@meseta/proto/wire';
import { CHANNEL_OPTIONS, OperatorClient } from '@meseta/proto/services';
import { CliError } from './cli-error';
import { cliClientCredentials } from './client-credentials';
import { leaderAddress, QUERY_TIMEOUT_MS } from './leader-address';
import { reasonOf } from './master-query';

interface OperatorStub {
  call(request: v1.IOperatorCall, options: { deadline: Date }, callback: (error: ServiceError | null, response?: OperatorResponse) => void): void;
  close(): void;
}

/** The gRPC statuses that are the master's answer, not a failure to reach it. */
const REFUSALS: ReadonlySet<number> = new Set([status.INVALID_ARGUMENT, status.NOT_FOUND, status.PERMISSION_DENIED, status.FAILED_PRECONDITION]);

/** Send `call` to the master at `address` (its leader); resolves with the answer. */
export async function actOnMaster(address: string, call: v1.IOperatorCall, timeoutMs: number = QUERY_TIMEOUT_MS): Promise<OperatorResponse> {
  address = await leaderAddress(address, timeoutMs);
  const { security } = cliClientCredentials();
  const channel = grpcChannelFor(security, address);
  const client = new OperatorClient(address, channel.credentials, { ...CHANNEL_OPTIONS, ...channel.options }) as unknown as OperatorStub;
  try {
    return await new Promise<OperatorResponse>((resolve, reject) => {
      client.call(call, { deadline: new Date(Date.now() + timeoutMs) }, (error, response) => {
        if (!error) resolve(response ?? {});
        else if (REFUSALS.has(error.code)) reject(new CliError(`the master refused: ${reasonOf(error)}`));
        else if (error.code === status.UNAUTHENTICATED) reject(new CliError(`the master refused: ${reasonOf(error)} (this needs an operator credential)`));
        else reject(new CliError(`cannot reach master at ${address}: ${reasonOf(error)}`));
      });
    });
  } finally {
    client.close();
  }
}
