/**
 * `POST /api/v1` on the master: the Mesos v1 operator API
 * (`meseta.v1.master.Call` in, `Response` or a RecordIO stream of `Event`
 * out), over the same state as `/state` and the gRPC Operator API.
 *
 * - Reads (GET_*) answer from the master the handler was built over: a
 *   viewer's filtered view on a cluster with view ACLs (`auth/http-guard.ts`
 *   builds one handler per restricted viewer), so they show what `/state`
 *   shows that viewer. GET_STATE, GET_TASKS, GET_AGENTS, GET_FRAMEWORKS and
 *   GET_EXECUTORS are written a slice at a time, in JSON
 *   (`mesos-operator-stream.ts`) and in protobuf (`mesos-operator-protobuf.ts`).
 * - SUBSCRIBE: SUBSCRIBED with the whole state (built a slice at a time,
 *   in JSON and in protobuf; events meanwhile wait behind it), then one event per cluster
 *   change (`mesos-operator-events.ts`) and HEARTBEAT every
 *   `heartbeatSeconds`. A subscriber that stops reading is cut off once
 *   {@link MAX_STREAM_BACKLOG} bytes wait for it.
 * - TEARDOWN and MARK_AGENT_GONE act on the master (operator credential,
 *   checked by the guard; TEARDOWN also `teardown_framework` on the
 *   framework's principal) and answer 200 once the change is durable.
 * - DRAIN_AGENT, DEACTIVATE_AGENT, REACTIVATE_AGENT (`operator-actions.ts`,
 *   ACLs `drain_agent` / `deactivate_agent` / `reactivate_agent` on the
 *   agent's principal) answer 200 once the change is durable; a drain does
 *   not wait for its tasks to end (GET_AGENTS shows `drain_info`).
 * - UPDATE_WEIGHTS (ACL `update_weights` on each role) answers 200 once
 *   the weights are durable and in force; GET_WEIGHTS and GET_ROLES show them.
 * - UPDATE_QUOTA (Mesos 1.9 `quota_configs`, ACL `update_quotas` on each
 *   role; without `force` Mesos's capacity check, 409) answers 200 once the
 *   quotas are durable and in force; GET_QUOTA and GET_ROLES show them
 *   (`mesos-operator-quota.ts`).
 * - GET_MAINTENANCE_SCHEDULE / GET_MAINTENANCE_STATUS answer the schedule and
 *   the draining and DOWN machines; UPDATE_MAINTENANCE_SCHEDULE,
 *   START_MAINTENANCE (machines DOWN) and STOP_MAINTENANCE (machines UP)
 *   (`maintenance-actions.ts`, ACL `update_maintenance` on each machine)
 *   answer 200 once durable.
 * - Calls Mesos has that Meseta does not do are answered 501 naming them.
 *   Malformed calls: 400 naming the field; unknown agent 404; unknown
 *   framework 400 (as Mesos words them).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Resource, v1 } from '@meseta/proto/wire';
import { enumName, pb } from '@meseta/proto/wire';
import { MesosHttpError } from '@meseta/proto/mesos-http';
import { idOf } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from './master';
import { MESETA_VERSION } from './version';
import { authorityOf } from './auth/request-authority';
import { frameworkPrincipal } from './auth/view-filter';
import { getAgents, getExecutors, getFrameworks, getMaster, getRoles, getState, getTasks, getWeights, responseOf } from './mesos-operator-views';
import { HEARTBEAT_EVENT, newSubscriberMemory, operatorEventOf } from './mesos-operator-events';
import { masterFlags, masterMetrics } from './mesos-operator-facts';
import { OperatorActionError, actOnAgent, setWeights } from './operator-actions';
import { reserveByOperator } from './operator-reservations';
import { volumesByOperator } from './operator-volumes';
import { resourceFromMesos } from './mesos-scheduler-translate';
import { gracePeriodSeconds } from './drain-rules';
import { maintenanceScheduleOf, maintenanceStatusOf, startMaintenance, stopMaintenance, updateMaintenanceSchedule } from './maintenance-actions';
import { beginJsonAnswer, beginProtobufAnswer, openRecordStream, readMesosCall, sendEmpty, sendMesosError, sendMesosMessage } from './mesos-operator-exchange';
import { STREAMED_READS, subscribedJson, writeOperatorReadJson } from './mesos-operator-stream';
import { operatorReadProtobuf, subscribedProtobuf, writePieces } from './mesos-operator-protobuf';
import { QuotaCapacityError, getQuota, updateQuotaByOperator } from './mesos-operator-quota';
import { getOperations } from './mesos-operations-view';

const T = pb.master.Call.Type;

/** Bytes a SUBSCRIBE stream may hold unread before the subscriber is cut off: 64 MiB. */
export const MAX_STREAM_BACKLOG = 64 * 1024 * 1024;

/** Options of {@link mesosOperatorHandler}. */
export interface MesosOperatorOptions {
  /** Seconds between HEARTBEAT events on SUBSCRIBE streams. @default 15 */
  heartbeatSeconds?: number;
}

/** Calls Mesos has that this master refuses, with why. */
const NOT_DONE: Partial<Record<number, string>> = {
  [T.SET_LOGGING_LEVEL]: 'Meseta has no logging verbosity levels to set',
  [T.GROW_VOLUME]: 'persistent volumes cannot be resized (destroy and create one of the new size)',
  [T.SHRINK_VOLUME]: 'persistent volumes cannot be resized (destroy and create one of the new size)',
  [T.SET_QUOTA]: 'Mesos deprecated it in 1.9; use UPDATE_QUOTA (quota_configs with guarantees and limits)',
  [T.REMOVE_QUOTA]: 'Mesos deprecated it in 1.9; use UPDATE_QUOTA with a config that has neither guarantees nor limits',
};

/** The name of a call type for messages (`GET_STATE`, or the number when unknown). */
function typeName(type: number | null | undefined): string {
  return enumName(pb.master.Call.Type, type);
}

/**
 * The answer to a call that is answered with one Response (not SUBSCRIBE,
 * TEARDOWN or MARK_AGENT_GONE): pure over the master's state.
 * @throws MesosHttpError for a call it does not answer this way
 */
export function answerMasterCall(master: Master, call: v1.master.ICall): v1.master.IResponse {
  switch (call.type) {
    case T.GET_HEALTH:
      return responseOf('GET_HEALTH', { healthy: true });
    case T.GET_FLAGS:
      return responseOf('GET_FLAGS', { flags: masterFlags(master) });
    case T.GET_VERSION:
      return responseOf('GET_VERSION', { version_info: { version: MESETA_VERSION } });
    case T.GET_METRICS:
      return responseOf('GET_METRICS', { metrics: masterMetrics(master) });
    case T.GET_LOGGING_LEVEL:
      return responseOf('GET_LOGGING_LEVEL', { level: 0 });
    case T.LIST_FILES:
    case T.READ_FILE: {
      const path = call.type === T.LIST_FILES ? call.list_files?.path : call.read_file?.path;
      const field = call.type === T.LIST_FILES ? 'list_files.path' : 'read_file.path';
      if (!path) throw new MesosHttpError(400, `${field}: required`);
      throw new MesosHttpError(404, `${field}: '${path}' not found: the master serves no files of its own; sandboxes are read from their agent's /api/v1 (LIST_FILES, READ_FILE)`);
    }
    case T.GET_STATE:
      return responseOf('GET_STATE', getState(master));
    case T.GET_AGENTS:
      return responseOf('GET_AGENTS', getAgents(master));
    case T.GET_FRAMEWORKS:
      return responseOf('GET_FRAMEWORKS', getFrameworks(master));
    case T.GET_EXECUTORS:
      return responseOf('GET_EXECUTORS', getExecutors(master));
    case T.GET_TASKS:
      return responseOf('GET_TASKS', getTasks(master));
    case T.GET_ROLES:
      return responseOf('GET_ROLES', getRoles(master));
    case T.GET_WEIGHTS:
      return responseOf('GET_WEIGHTS', getWeights(master));
    case T.GET_QUOTA:
      return responseOf('GET_QUOTA', getQuota(master));
    case T.GET_OPERATIONS:
      return responseOf('GET_OPERATIONS', getOperations(master));
    case T.GET_MASTER:
      return responseOf('GET_MASTER', getMaster(master));
    case T.GET_MAINTENANCE_SCHEDULE:
      return responseOf('GET_MAINTENANCE_SCHEDULE', { schedule: maintenanceScheduleOf(master) });
    case T.GET_MAINTENANCE_STATUS:
      return responseOf('GET_MAINTENANCE_STATUS', { status: maintenanceStatusOf(master) });
  }
  throw refusalOf(call);
}

/** Why a call is not answered: missing type, unknown type, or a call Meseta does not do. */
export function refusalOf(call: v1.master.ICall): MesosHttpError {
  const type = call.type;
  if (type === null || type === undefined || type === T.UNKNOWN) return new MesosHttpError(400, 'type: missing or not a known call type (e.g. {"type": "GET_STATE"})');
  const why = NOT_DONE[type];
  if (why) return new MesosHttpError(501, `${typeName(type)}: not implemented by Meseta: ${why}`);
  if (pb.master.Call.Type[type] === undefined) return new MesosHttpError(400, `type: unknown call type ${type}`);
  return new MesosHttpError(400, `${typeName(type)}: not answered by this endpoint`);
}

/** The request listener for `/api/v1` over `master` (a viewer's view of it on clusters with view ACLs). */
export function mesosOperatorHandler(master: Master, log: Logger, options: MesosOperatorOptions = {}) {
  const heartbeatSeconds = options.heartbeatSeconds ?? 15;

  const subscribe = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const stream = openRecordStream(req, res, pb.master.Event);
    const memory = newSubscriberMemory();
    // Events while SUBSCRIBED is built (a slice at a time in JSON) wait behind it.
    let held: v1.master.IEvent[] | undefined = [];
    const stop = (): void => {
      unsubscribe();
      clearInterval(heartbeat);
    };
    const send = (event: v1.master.IEvent): void => {
      if (stream.backlog > MAX_STREAM_BACKLOG) {
        log.warn('operator event stream cut off: the subscriber stopped reading', { backlog_bytes: stream.backlog, principal: authorityOf(req).principal });
        stop();
        stream.end();
        return;
      }
      if (!stream.write(event)) stop();
    };
    const unsubscribe = master.events.subscribe((e) => {
      const event = operatorEventOf(master, e, memory);
      if (!event) return;
      if (held) held.push(event);
      else send(event);
    });
    const heartbeat = setInterval(() => send(HEARTBEAT_EVENT), heartbeatSeconds * 1000);
    heartbeat.unref();
    res.on('close', stop);
    if (stream.format === 'json') stream.writeEncoded(Buffer.from(await subscribedJson(master, heartbeatSeconds), 'ascii'));
    else {
      // In protobuf: encoded a slice at a time, then the record's length and its bytes written a slice at a time.
      const pieces = await subscribedProtobuf(master, heartbeatSeconds);
      if (!res.writableEnded && !res.destroyed) {
        res.write(`${pieces.length}\n`);
        await writePieces(res, pieces);
      }
    }
    const waiting = held;
    held = undefined;
    for (const event of waiting) send(event);
  };

  const teardown = async (req: IncomingMessage, res: ServerResponse, call: v1.master.ICall): Promise<void> => {
    const id = idOf(call.teardown?.framework_id);
    if (!id) throw new MesosHttpError(400, 'teardown.framework_id: required');
    const fw = master.frameworks.get(id);
    if (!fw) throw new MesosHttpError(400, `teardown.framework_id: no framework ${id} is subscribed (it may have been removed already)`);
    const authority = authorityOf(req);
    const denied = authority.check('teardown_framework', frameworkPrincipal(fw));
    if (denied) throw new MesosHttpError(403, denied.message);
    const why = `torn down by the operator${authority.principal ? ` (principal ${authority.principal})` : ''}`;
    log.info('operator TEARDOWN', { framework: id, principal: authority.principal });
    if (!(await master.teardownFramework(id, why))) throw new MesosHttpError(400, `teardown.framework_id: no framework ${id} is subscribed (it may have been removed already)`);
    sendEmpty(res);
  };

  const markAgentGone = async (req: IncomingMessage, res: ServerResponse, call: v1.master.ICall): Promise<void> => {
    const id = idOf(call.mark_agent_gone?.agent_id);
    if (!id) throw new MesosHttpError(400, 'mark_agent_gone.agent_id: required');
    if (!master.agents.has(id)) throw new MesosHttpError(404, `mark_agent_gone.agent_id: agent '${id}' not found`);
    const principal = authorityOf(req).principal;
    log.warn('operator MARK_AGENT_GONE', { agent: id, principal });
    await master.markAgentGone(id, `marked gone by the operator${principal ? ` (principal ${principal})` : ''}`);
    sendEmpty(res);
  };

  const actOn = async (req: IncomingMessage, res: ServerResponse, call: v1.master.ICall): Promise<void> => {
    const authority = authorityOf(req);
    try {
      if (call.type === T.DRAIN_AGENT) {
        let max: number | undefined;
        try {
          max = gracePeriodSeconds(call.drain_agent?.max_grace_period?.nanoseconds, 'drain_agent.max_grace_period');
        } catch (e) {
          throw new MesosHttpError(400, (e as Error).message);
        }
        const request = { ...(max !== undefined ? { maxGracePeriodSeconds: max } : {}), markGone: call.drain_agent?.mark_gone === true };
        log.warn('operator DRAIN_AGENT', { agent: idOf(call.drain_agent?.agent_id), principal: authority.principal, max_grace_period_s: max });
        await actOnAgent(master, authority, 'drain', idOf(call.drain_agent?.agent_id), 'drain_agent.agent_id', request);
      } else if (call.type === T.RESERVE_RESOURCES || call.type === T.UNRESERVE_RESOURCES) {
        const reserve = call.type === T.RESERVE_RESOURCES;
        const body = reserve ? call.reserve_resources : call.unreserve_resources;
        log.info(reserve ? 'operator RESERVE_RESOURCES' : 'operator UNRESERVE_RESOURCES', { agent: idOf(body?.agent_id), principal: authority.principal });
        const resources = (body?.resources ?? []).map((r) => resourceFromMesos(r as Resource));
        await reserveByOperator(master, authority, reserve ? 'reserve' : 'unreserve', idOf(body?.agent_id), resources, reserve ? 'reserve_resources' : 'unreserve_resources');
        // Mesos answers 202 Accepted: the change is applied (and durable) here before the answer.
        res.writeHead(202).end();
        return;
      } else if (call.type === T.CREATE_VOLUMES || call.type === T.DESTROY_VOLUMES) {
        const create = call.type === T.CREATE_VOLUMES;
        const body = create ? call.create_volumes : call.destroy_volumes;
        log.info(create ? 'operator CREATE_VOLUMES' : 'operator DESTROY_VOLUMES', { agent: idOf(body?.agent_id), principal: authority.principal });
        const volumes = (body?.volumes ?? []).map((r) => resourceFromMesos(r as Resource));
        await volumesByOperator(master, authority, create ? 'create' : 'destroy', idOf(body?.agent_id), volumes, create ? 'create_volumes' : 'destroy_volumes');
        // As RESERVE_RESOURCES: 202 Accepted, once applied and durable here.
        res.writeHead(202).end();
        return;
      } else if (call.type === T.UPDATE_QUOTA) {
        log.info('operator UPDATE_QUOTA', { quota_configs: call.update_quota?.quota_configs, force: call.update_quota?.force === true, principal: authority.principal });
        await updateQuotaByOperator(master, authority, call.update_quota);
      } else if (call.type === T.UPDATE_WEIGHTS) {
        log.info('operator UPDATE_WEIGHTS', { weights: call.update_weights?.weight_infos, principal: authority.principal });
        await setWeights(master, authority, call.update_weights?.weight_infos, 'update_weights.weight_infos');
      } else if (call.type === T.UPDATE_MAINTENANCE_SCHEDULE) {
        log.info('operator UPDATE_MAINTENANCE_SCHEDULE', { windows: call.update_maintenance_schedule?.schedule?.windows?.length ?? 0, principal: authority.principal });
        await updateMaintenanceSchedule(master, authority, call.update_maintenance_schedule?.schedule, 'update_maintenance_schedule.schedule');
      } else if (call.type === T.START_MAINTENANCE) {
        log.warn('operator START_MAINTENANCE', { machines: call.start_maintenance?.machines, principal: authority.principal });
        await startMaintenance(master, authority, call.start_maintenance?.machines, 'start_maintenance.machines');
      } else if (call.type === T.STOP_MAINTENANCE) {
        log.info('operator STOP_MAINTENANCE', { machines: call.stop_maintenance?.machines, principal: authority.principal });
        await stopMaintenance(master, authority, call.stop_maintenance?.machines, 'stop_maintenance.machines');
      } else if (call.type === T.DEACTIVATE_AGENT) {
        log.info('operator DEACTIVATE_AGENT', { agent: idOf(call.deactivate_agent?.agent_id), principal: authority.principal });
        await actOnAgent(master, authority, 'deactivate', idOf(call.deactivate_agent?.agent_id), 'deactivate_agent.agent_id');
      } else {
        log.info('operator REACTIVATE_AGENT', { agent: idOf(call.reactivate_agent?.agent_id), principal: authority.principal });
        await actOnAgent(master, authority, 'reactivate', idOf(call.reactivate_agent?.agent_id), 'reactivate_agent.agent_id');
      }
    } catch (e) {
      if (e instanceof QuotaCapacityError) throw new MesosHttpError(409, e.message);
      if (e instanceof OperatorActionError) throw new MesosHttpError({ invalid: 400, not_found: 404, denied: 403, conflict: 409, failed: 503 }[e.kind], e.message);
      throw e;
    }
    sendEmpty(res);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { call, answerFormat } = await readMesosCall(req, pb.master.Call);
    switch (call.type) {
      case T.SUBSCRIBE:
        return subscribe(req, res);
      case T.TEARDOWN:
        return teardown(req, res, call);
      case T.MARK_AGENT_GONE:
        return markAgentGone(req, res, call);
      case T.DRAIN_AGENT:
      case T.DEACTIVATE_AGENT:
      case T.REACTIVATE_AGENT:
      case T.UPDATE_WEIGHTS:
      case T.UPDATE_QUOTA:
      case T.RESERVE_RESOURCES:
      case T.UNRESERVE_RESOURCES:
      case T.CREATE_VOLUMES:
      case T.DESTROY_VOLUMES:
      case T.UPDATE_MAINTENANCE_SCHEDULE:
      case T.START_MAINTENANCE:
      case T.STOP_MAINTENANCE:
        return actOn(req, res, call);
    }
    if (answerFormat === 'json' && call.type != null && STREAMED_READS.has(call.type)) {
      // GET_STATE, GET_TASKS, … at 500,000 tasks: written a slice at a time, never one block.
      beginJsonAnswer(res);
      await writeOperatorReadJson(master, call.type, res);
      res.end();
      return;
    }
    if (answerFormat === 'protobuf' && call.type != null && STREAMED_READS.has(call.type)) {
      // The same in protobuf: items encoded a slice at a time, then written a slice at a time.
      const pieces = await operatorReadProtobuf(master, call.type);
      beginProtobufAnswer(res, pieces.length);
      await writePieces(res, pieces);
      res.end();
      return;
    }
    sendMesosMessage(res, pb.master.Response, answerMasterCall(master, call), answerFormat);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof MesosHttpError) {
        if (e.status >= 500 && e.status !== 501) log.error('operator call failed', { problem: e.message });
        sendMesosError(res, e);
        return;
      }
      log.error('operator call failed', { url: req.url, problem: (e as Error).message });
      sendMesosError(res, new MesosHttpError(500, (e as Error).message));
    });
  };
}
