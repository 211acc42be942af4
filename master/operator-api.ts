/** gRPC handler of the Operator API. */
import type { ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import type { OperatorCall, OperatorResponse } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { Master } from './master';
import { clusterState, metricSamples } from './state-view';
import { MESETA_VERSION } from './version';
import { encodeStateAnswer, statePartsOf } from './operator-state-encoder';
import { reserveByOperator } from './operator-reservations';
import { volumesByOperator } from './operator-volumes';
import { ANONYMOUS_OPERATOR, OperatorActionError, type OperatorAuthority, actOnAgent, killTask, setQuotas, setWeights, teardown } from './operator-actions';
import { quantities } from '@meseta/proto/resources';
import { getWeights } from './mesos-operator-views';
import { gracePeriodSeconds } from './drain-rules';
import { idOf } from '@meseta/proto/ids';
import { maintenanceMachinesOf, maintenanceScheduleOf, startMaintenance, stopMaintenance, updateMaintenanceSchedule } from './maintenance-actions';

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
    case T.GET_QUOTA: {
      const roles = clusterState(master).roles ?? [];
      const quotas = [...master.quotas.all].sort(([a], [b]) => a.localeCompare(b)).map(([role, q]) => ({
        role, guarantees: q.guarantees, limits: q.limits,
        consumed: Object.fromEntries(quantities(roles.find((r) => r.name === role)?.allocated_resources ?? [])),
      }));
      return { type: call.type, quotas };
    }
    case T.GET_MAINTENANCE_SCHEDULE:
      return { type: call.type, maintenance_schedule: maintenanceScheduleOf(master) };
    case T.GET_MAINTENANCE_STATUS:
      return { type: call.type, maintenance_schedule: maintenanceScheduleOf(master), maintenance_machines: maintenanceMachinesOf(master) };
    case T.GET_WEIGHTS:
      return { type: call.type, weights: (getWeights(master).weight_infos ?? []).map((w) => ({ role: w.role, weight: w.weight })) };
    default:
      throw new Error(`type: unknown operator call type ${call.type ?? '(missing)'}`);
  }
}

/** Who acts, for the calls that change the cluster. */
export interface OperatorActor {
  /** The master itself (not a viewer's filtered view of it). */
  master: Master;
  authority: OperatorAuthority;
}

/**
 * Do an action call (DRAIN_AGENT, DEACTIVATE_AGENT, REACTIVATE_AGENT,
 * KILL_TASK, TEARDOWN, UPDATE_WEIGHTS, UPDATE_QUOTA, RESERVE_RESOURCES, UNRESERVE_RESOURCES, CREATE_VOLUMES, DESTROY_VOLUMES, UPDATE_MAINTENANCE_SCHEDULE,
 * START_MAINTENANCE, STOP_MAINTENANCE); undefined for any other call. Rejects with an
 * OperatorActionError.
 */
export async function actOnOperatorCall(actor: OperatorActor, call: OperatorCall): Promise<OperatorResponse | undefined> {
  const { master, authority } = actor;
  switch (call.type) {
    case T.DRAIN_AGENT: {
      let max: number | undefined;
      try {
        max = gracePeriodSeconds(call.drain_agent?.max_grace_period?.nanoseconds, 'drain_agent.max_grace_period');
      } catch (e) {
        throw new OperatorActionError('invalid', (e as Error).message);
      }
      const request = { ...(max !== undefined ? { maxGracePeriodSeconds: max } : {}), markGone: call.drain_agent?.mark_gone === true };
      await actOnAgent(master, authority, 'drain', idOf(call.drain_agent?.agent_id), 'drain_agent.agent_id', request);
      return { type: call.type };
    }
    case T.DEACTIVATE_AGENT:
      await actOnAgent(master, authority, 'deactivate', idOf(call.deactivate_agent?.agent_id), 'deactivate_agent.agent_id');
      return { type: call.type };
    case T.REACTIVATE_AGENT:
      await actOnAgent(master, authority, 'reactivate', idOf(call.reactivate_agent?.agent_id), 'reactivate_agent.agent_id');
      return { type: call.type };
    case T.KILL_TASK: {
      const fid = idOf(call.kill_task?.framework_id) || undefined;
      killTask(master, authority, idOf(call.kill_task?.task_id), fid, call.kill_task?.kill_policy ?? undefined);
      return { type: call.type };
    }
    case T.TEARDOWN:
      await teardown(master, authority, idOf(call.teardown?.framework_id));
      return { type: call.type };
    case T.UPDATE_QUOTA:
      return {
        type: call.type,
        quotas: await setQuotas(master, authority, call.update_quota?.quotas, 'update_quota.quotas', {
          force: call.update_quota?.force === true,
          forceHint: 'set update_quota.force (meseta quota set --force) to set them anyway',
        }),
      };
    case T.UPDATE_WEIGHTS:
      return { type: call.type, weights: await setWeights(master, authority, call.update_weights?.weights, 'update_weights.weights') };
    case T.RESERVE_RESOURCES:
      return { type: call.type, resources: await reserveByOperator(master, authority, 'reserve', idOf(call.reserve_resources?.agent_id), call.reserve_resources?.resources ?? [], 'reserve_resources') };
    case T.UNRESERVE_RESOURCES:
      return { type: call.type, resources: await reserveByOperator(master, authority, 'unreserve', idOf(call.unreserve_resources?.agent_id), call.unreserve_resources?.resources ?? [], 'unreserve_resources') };
    case T.CREATE_VOLUMES:
      return { type: call.type, resources: await volumesByOperator(master, authority, 'create', idOf(call.create_volumes?.agent_id), call.create_volumes?.volumes ?? [], 'create_volumes') };
    case T.DESTROY_VOLUMES:
      return { type: call.type, resources: await volumesByOperator(master, authority, 'destroy', idOf(call.destroy_volumes?.agent_id), call.destroy_volumes?.volumes ?? [], 'destroy_volumes') };
    case T.UPDATE_MAINTENANCE_SCHEDULE:
      await updateMaintenanceSchedule(master, authority, call.update_maintenance_schedule?.schedule, 'update_maintenance_schedule.schedule');
      return { type: call.type, maintenance_schedule: maintenanceScheduleOf(master) };
    case T.START_MAINTENANCE:
      await startMaintenance(master, authority, call.start_maintenance?.machines, 'start_maintenance.machines');
      return { type: call.type, maintenance_machines: maintenanceMachinesOf(master) };
    case T.STOP_MAINTENANCE:
      await stopMaintenance(master, authority, call.stop_maintenance?.machines, 'stop_maintenance.machines');
      return { type: call.type, maintenance_machines: maintenanceMachinesOf(master) };
  }
  return undefined;
}

/**
 * Answer an operator call for the gRPC handler: state reads as bytes
 * encoded in slices ({@link encodeStateAnswer}), actions once durable,
 * everything else as a message. Rejects with the problem for a bad call.
 * `actor`: who acts (default: the anonymous caller of an open master, on
 * `master` itself).
 */
export async function respondToOperatorCall(master: Master, call: OperatorCall, actor: OperatorActor = { master, authority: ANONYMOUS_OPERATOR }): Promise<OperatorResponse> {
  // The service's serializer sends encoded bytes as they are.
  if (statePartsOf(call.type)) return (await encodeStateAnswer(master, call)) as unknown as OperatorResponse;
  const acted = await actOnOperatorCall(actor, call);
  if (acted) return acted;
  return answerOperatorCall(master, call);
}

const ACTION_STATUS = { invalid: status.INVALID_ARGUMENT, not_found: status.NOT_FOUND, denied: status.PERMISSION_DENIED, conflict: status.FAILED_PRECONDITION, failed: status.UNAVAILABLE } as const;

/** Send the answer to `call`, or an error naming the problem (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, UNAVAILABLE). */
export function sendOperatorAnswer(master: Master, call: OperatorCall, callback: sendUnaryData<OperatorResponse>, actor?: OperatorActor): void {
  respondToOperatorCall(master, call, actor).then(
    (answer) => callback(null, answer),
    (e: unknown) => callback({ code: e instanceof OperatorActionError ? ACTION_STATUS[e.kind] : status.INVALID_ARGUMENT, details: (e as Error).message }),
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
