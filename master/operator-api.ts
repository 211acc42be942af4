/** gRPC handler of the Operator API. */
import type { ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import type { OperatorCall, OperatorResponse } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { Master } from './master';
import { clusterState, metricSamples } from './state-view';
import { MESETA_VERSION } from './version';
import { encodeStateAnswer, statePartsOf } from './operator-state-encoder';

const T = pb.OperatorCall.Type;

/** Answer one operator call. Pure over the master's state. */
export function answerOperatorCall(master: Master, call: OperatorCall): OperatorResponse {
  switch (call.type) {
    case T.GET_HEALTH:
      return { type: call.type, healthy: true };
    case T.GET_VERSION:
      return { type: call.type, version: MESETA_VERSION };
    case T.GET_METRICS:
      return {
        type: call.type,
        metrics: { metrics: metricSamples(master).map((s) => ({ name: s.labels ? `${s.name}{${Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(',')}}` : s.name, value: s.value, help: s.help })) },
      };
    case T.GET_STATE:
    case T.GET_AGENTS:
    case T.GET_FRAMEWORKS:
    case T.GET_TASKS:
    case T.GET_ROLES:
    case T.GET_OFFERS: {
      const state = clusterState(master);
      // The narrower calls return the same message with only their part filled.
      const only = (keep: (keyof typeof state)[]): OperatorResponse => {
        const out: Record<string, unknown> = { master_info: state.master_info };
        for (const k of keep) out[k] = state[k];
        return { type: call.type, state: out };
      };
      if (call.type === T.GET_AGENTS) return only(['agents']);
      if (call.type === T.GET_FRAMEWORKS) return only(['frameworks', 'completed_frameworks']);
      if (call.type === T.GET_TASKS) return only(['tasks', 'completed_tasks']);
      if (call.type === T.GET_ROLES) return only(['roles']);
      if (call.type === T.GET_OFFERS) return only(['offers']);
      return { type: call.type, state };
    }
    default:
      throw new Error(`type: unknown operator call type ${call.type ?? '(missing)'}`);
  }
}

/**
 * Answer an operator call for the gRPC handler: state reads as bytes
 * encoded in slices ({@link encodeStateAnswer}), everything else as a
 * message. Rejects with the problem for a bad call.
 */
export async function respondToOperatorCall(master: Master, call: OperatorCall): Promise<OperatorResponse> {
  // The service's serializer sends encoded bytes as they are.
  if (statePartsOf(call.type)) return (await encodeStateAnswer(master, call)) as unknown as OperatorResponse;
  return answerOperatorCall(master, call);
}

/** Send the answer to `call`, or INVALID_ARGUMENT naming the problem. */
export function sendOperatorAnswer(master: Master, call: OperatorCall, callback: sendUnaryData<OperatorResponse>): void {
  respondToOperatorCall(master, call).then(
    (answer) => callback(null, answer),
    (e: unknown) => callback({ code: status.INVALID_ARGUMENT, details: (e as Error).message }),
  );
}

/** Handlers for {@link OperatorService}. */
export function operatorApi(master: Master): UntypedServiceImplementation {
  return {
    call(call: ServerUnaryCall<OperatorCall, OperatorResponse>, callback: sendUnaryData<OperatorResponse>) {
      sendOperatorAnswer(master, call.request, callback);
    },
  };
}
