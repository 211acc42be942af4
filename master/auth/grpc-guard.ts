/**
 * Where gRPC calls enter the master on an authenticated cluster. Each
 * service's handlers are wrapped so that nothing reaches the master before
 * its caller is known and allowed:
 *
 * - Scheduler.Subscribe: a framework credential; `FrameworkInfo.principal`
 *   must be that principal (left empty, the master fills it in); re-subscribing an existing framework id needs
 *   the principal that subscribed it; `register_framework` for each role.
 * - Scheduler.Call: a framework credential, and the framework the call
 *   names must have been subscribed by that principal (so framework B
 *   cannot KILL, ACCEPT, SUPPRESS or TEARDOWN for framework A);
 *   `run_task` for each launched task's user.
 * - Scheduler.Calls: the stream takes a framework credential when it
 *   opens (else UNAUTHENTICATED / PERMISSION_DENIED and no call is read);
 *   each call on it is then checked as Scheduler.Call checks one, and a
 *   refused call is answered with its refusal (the stream stays open).
 * - AgentLink.Connect: an agent credential (the id binding and the
 *   task-ownership of status updates are checked in `agent-link.ts` /
 *   `agent-lifecycle.ts` with the principal handed over here).
 * - Operator.Call: an operator credential; GET_* answers are filtered by
 *   the view ACLs. Operator.Exec: an operator credential and `exec`.
 *
 * On an open master (no `--credentials`) every wrapper passes calls through.
 */
import { status, type ServerDuplexStream, type ServerUnaryCall, type ServerWritableStream, type sendUnaryData, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { AgentToMaster, Call, MasterToAgent, Operation, OperatorCall, OperatorResponse } from '@meseta/proto/wire';
import { CallType, OperationType } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from '../master';
import type { AgentLinkAdmission } from '../agent-api';
import type { ExecAdmission } from '../exec-proxy';
import { sendOperatorAnswer } from '../operator-api';
import type { Principal } from './authenticator';
import type { PrincipalKind } from './credentials';
import type { AclAction } from './acls';
import { type GrpcCallLike, presentedByCall } from './request-identity';
import { type MasterTrust, type TrustRefusal, isRefusal } from './trust';
import { filteredMaster, frameworkPrincipal } from './view-filter';
import type { FrameworkRecord } from '../state';

/** A refusal as a grpc-js status. */
export function grpcRefusal(r: TrustRefusal): { code: status; details: string } {
  return { code: r.refused === 'unauthenticated' ? status.UNAUTHENTICATED : status.PERMISSION_DENIED, details: r.message };
}

function identifyCall(trust: MasterTrust, call: GrpcCallLike, endpoint: string, kinds: readonly PrincipalKind[], log: Logger): Principal | undefined | TrustRefusal {
  const who = trust.identify(presentedByCall(call), endpoint, kinds);
  if (isRefusal(who)) log.warn('call refused', { endpoint, problem: who.message });
  return who;
}

/** The master as the viewer may see it. */
export function viewFor(master: Master, trust: MasterTrust, viewer: Principal | undefined): Master {
  if (trust.seesEverything(viewer)) return master;
  return filteredMaster(master, {
    framework: (p) => trust.may(viewer, 'view_framework', p),
    task: (p) => trust.may(viewer, 'view_task', p),
    agent: (p) => trust.may(viewer, 'view_agent', p),
  });
}

/** An authenticated caller and its ACL checks (gRPC: the principal and the master's trust; HTTP: the request's authority). */
export interface SchedulerActor {
  readonly name: string;
  check(action: AclAction, object: string): TrustRefusal | undefined;
}

function actorOf(trust: MasterTrust, principal: Principal): SchedulerActor {
  return { name: principal.name, check: (action, object) => trust.check(principal, action, object) };
}

/** The refusal of a subscription, or undefined when `principal` may subscribe as asked. */
export function subscribeRefusal(master: Master, trust: MasterTrust, principal: Principal | undefined, call: Call): TrustRefusal | undefined {
  return principal ? subscribeRefusalFor(master, actorOf(trust, principal), call) : undefined;
}

/** {@link subscribeRefusal} for any authenticated caller (the Mesos HTTP API uses it too). */
export function subscribeRefusalFor(master: Master, principal: SchedulerActor, call: Call): TrustRefusal | undefined {
  const info = call.subscribe?.framework_info;
  if (!info) return undefined; // malformed: the master's validation names the field
  const claimed = info.principal ?? '';
  if (claimed !== '' && claimed !== principal.name) {
    return { refused: 'permission_denied', message: `framework_info.principal: "${claimed}" is not the authenticated principal "${principal.name}"` };
  }
  const requestedId = idOf(info.id) || idOf(call.framework_id);
  const existing = requestedId ? master.frameworks.get(requestedId) : undefined;
  if (existing && frameworkPrincipal(existing) !== principal.name) {
    return { refused: 'permission_denied', message: `framework_info.id: framework ${requestedId} was subscribed by principal "${frameworkPrincipal(existing)}"; principal "${principal.name}" may not take it over` };
  }
  const roles = info.roles && info.roles.length > 0 ? info.roles : [info.role || '*'];
  for (const role of roles) {
    const denied = principal.check('register_framework', role);
    if (denied) return denied;
  }
  return undefined;
}

/** The refusal of a Scheduler call, or undefined when `principal` may make it. */
export function callRefusal(master: Master, trust: MasterTrust, principal: Principal | undefined, call: Call): TrustRefusal | undefined {
  return principal ? callRefusalFor(master, actorOf(trust, principal), call) : undefined;
}

/** {@link callRefusal} for any authenticated caller (the Mesos HTTP API uses it too). */
export function callRefusalFor(master: Master, principal: SchedulerActor, call: Call): TrustRefusal | undefined {
  const fid = idOf(call.framework_id);
  const fw: FrameworkRecord | undefined = master.frameworks.get(fid);
  // An unknown framework: the master answers NOT_FOUND without touching anything.
  if (!fw) return undefined;
  const owner = frameworkPrincipal(fw);
  if (owner !== principal.name) {
    return { refused: 'permission_denied', message: `framework_id: framework ${fid} was subscribed by principal "${owner}"; principal "${principal.name}" may not act on it` };
  }
  switch (call.type) {
    case CallType.ACCEPT:
      for (const [i, op] of (call.accept?.operations ?? []).entries()) {
        // As the operator's calls: reserve_resources on each role reserved for, unreserve_resources on each reserver.
        const reservationDenied = reservationRefusal(principal, op, `accept.operations[${i}]`) ?? volumeRefusal(principal, op, `accept.operations[${i}]`);
        if (reservationDenied) {
          // As Mesos drops an unauthorized operation with OPERATION_ERROR: operations with ids hear why.
          master.operationsRefused?.(fw, call.accept?.operations ?? [], reservationDenied.message);
          return reservationDenied;
        }
        const tasks = [...(op.launch?.task_infos ?? []), ...(op.launch_group?.task_group?.tasks ?? [])];
        for (const task of tasks) {
          const user = task.command?.user || op.launch_group?.executor?.command?.user || fw.info.user || '';
          const denied = principal.check('run_task', user);
          if (denied) return { ...denied, message: `task ${idOf(task.task_id)}: ${denied.message}` };
        }
      }
      return undefined;
    case CallType.UPDATE_FRAMEWORK: {
      // As at SUBSCRIBE: the principal stays the caller's, and each role needs register_framework.
      const info = call.update_framework?.framework_info;
      const claimed = info?.principal ?? '';
      if (claimed !== '' && claimed !== principal.name) {
        return { refused: 'permission_denied', message: `update_framework.framework_info.principal: "${claimed}" is not the authenticated principal "${principal.name}"` };
      }
      const roles = info?.roles && info.roles.length > 0 ? info.roles : [info?.role || '*'];
      for (const role of roles) {
        const denied = principal.check('register_framework', role);
        if (denied) return denied;
      }
      return undefined;
    }
    // KILL, SHUTDOWN and TEARDOWN act on the caller's own framework (checked
    // above): `kill_task` and `teardown_framework` govern acting on other
    // principals' frameworks, which only operator calls (to come) can do.
    default:
      return undefined;
  }
}

/**
 * The ACL refusal of an ACCEPT's RESERVE (`reserve_resources` on the role of
 * each new reservation) or UNRESERVE (`unreserve_resources` on the principal
 * that made each reservation), naming the operation; Mesos checks the same
 * two actions.
 */
function reservationRefusal(principal: SchedulerActor, op: Operation, field: string): TrustRefusal | undefined {
  const reserve = op.type === OperationType.RESERVE;
  if (!reserve && op.type !== OperationType.UNRESERVE) return undefined;
  const resources = (reserve ? op.reserve?.resources : op.unreserve?.resources) ?? [];
  for (const [k, r] of resources.entries()) {
    const top = r.reservations?.[r.reservations.length - 1];
    const denied = reserve ? principal.check('reserve_resources', top?.role ?? '') : principal.check('unreserve_resources', top?.principal ?? '');
    if (denied) return { ...denied, message: `${field}.${reserve ? 'reserve' : 'unreserve'}.resources[${k}]: ${denied.message}` };
  }
  return undefined;
}

/**
 * The ACL refusal of an ACCEPT's CREATE (`create_volume` on the role of each
 * volume's reservation) or DESTROY (`destroy_volume` on each volume's
 * creator principal, as the operation names it), naming the operation; the
 * operator's CREATE_VOLUMES / DESTROY_VOLUMES check the same two actions.
 */
function volumeRefusal(principal: SchedulerActor, op: Operation, field: string): TrustRefusal | undefined {
  const create = op.type === OperationType.CREATE;
  if (!create && op.type !== OperationType.DESTROY) return undefined;
  const volumes = (create ? op.create?.volumes : op.destroy?.volumes) ?? [];
  for (const [k, v] of volumes.entries()) {
    const top = v.reservations?.[v.reservations.length - 1];
    const denied = create ? principal.check('create_volume', top?.role ?? '') : principal.check('destroy_volume', v.disk?.persistence?.principal ?? '');
    if (denied) return { ...denied, message: `${field}.${create ? 'create' : 'destroy'}.volumes[${k}]: ${denied.message}` };
  }
  return undefined;
}

/** Wrap the Scheduler service's handlers. */
export function guardScheduler(inner: UntypedServiceImplementation, master: () => Master, trust: MasterTrust, log: Logger): UntypedServiceImplementation {
  if (!trust.enabled) return inner;
  const subscribe = inner.subscribe as (stream: ServerWritableStream<Call, unknown>) => void;
  const callHandler = inner.call as (call: ServerUnaryCall<Call, object>, callback: sendUnaryData<object>) => void;
  const callsHandler = inner.calls as ((stream: ServerDuplexStream<unknown, unknown>, check: (call: Call) => { code: status; details: string } | undefined) => void) | undefined;
  // Framework ids whose subscription is in flight, by principal: a second
  // principal asking for the same new id meanwhile is refused (the id is
  // only in the master's records once the first is durable).
  const inFlight = new Map<string, { principal: string; count: number }>();
  return {
    ...inner,
    subscribe(stream: ServerWritableStream<Call, unknown>) {
      const who = identifyCall(trust, stream, 'Scheduler.Subscribe', ['framework'], log);
      const refusal = isRefusal(who) ? who : subscribeRefusal(master(), trust, who, stream.request);
      if (refusal) {
        if (!isRefusal(who)) log.warn('subscribe refused', { principal: who?.name, problem: refusal.message });
        stream.emit('error', grpcRefusal(refusal));
        return;
      }
      // The framework is recorded with the principal that authenticated it.
      const info = stream.request.subscribe?.framework_info;
      if (who && !isRefusal(who) && info && !info.principal) info.principal = who.name;
      const id = info ? idOf(info.id) || idOf(stream.request.framework_id) : '';
      const claim = id ? inFlight.get(id) : undefined;
      if (who && !isRefusal(who) && claim && claim.principal !== who.name) {
        const message = `framework_info.id: framework ${id} is being subscribed by principal "${claim.principal}"; principal "${who.name}" may not take it over`;
        log.warn('subscribe refused', { principal: who.name, problem: message });
        stream.emit('error', grpcRefusal({ refused: 'permission_denied', message }));
        return;
      }
      if (!id || !who || isRefusal(who)) return subscribe(stream);
      if (claim) claim.count++;
      else inFlight.set(id, { principal: who.name, count: 1 });
      const release = (): void => {
        const c = inFlight.get(id);
        if (c && --c.count === 0) inFlight.delete(id);
      };
      Promise.resolve(subscribe(stream) as unknown).then(release, release);
    },
    call(call: ServerUnaryCall<Call, object>, callback: sendUnaryData<object>) {
      const who = identifyCall(trust, call, 'Scheduler.Call', ['framework'], log);
      const refusal = isRefusal(who) ? who : callRefusal(master(), trust, who, call.request);
      if (refusal) {
        if (!isRefusal(who)) log.warn('call refused', { principal: who?.name, framework: idOf(call.request.framework_id), problem: refusal.message });
        callback(grpcRefusal(refusal));
        return;
      }
      callHandler(call, callback);
    },
    calls(stream: ServerDuplexStream<unknown, unknown>) {
      if (!callsHandler) {
        stream.emit('error', { code: status.UNIMPLEMENTED, details: 'Scheduler.Calls is not served' });
        return;
      }
      const who = identifyCall(trust, stream, 'Scheduler.Calls', ['framework'], log);
      if (isRefusal(who)) {
        stream.emit('error', grpcRefusal(who));
        return;
      }
      callsHandler(stream, (call) => {
        const refusal = callRefusal(master(), trust, who, call);
        if (!refusal) return undefined;
        log.warn('call refused', { principal: who?.name, framework: idOf(call.framework_id), problem: refusal.message });
        return grpcRefusal(refusal);
      });
    },
  };
}

/** Who may open an agent link: an agent credential. */
export function agentLinkAdmission(trust: MasterTrust, log: Logger): AgentLinkAdmission | undefined {
  if (!trust.enabled) return undefined;
  return (stream: ServerDuplexStream<AgentToMaster, MasterToAgent>) => {
    const who = identifyCall(trust, stream, 'AgentLink.Connect', ['agent'], log);
    if (isRefusal(who)) return grpcRefusal(who);
    return { principal: who?.name };
  };
}

/** Wrap the Operator service's handlers (Call, and Exec's opening). */
export function guardOperator(
  inner: UntypedServiceImplementation,
  master: () => Master,
  trust: MasterTrust,
  log: Logger,
): UntypedServiceImplementation {
  if (!trust.enabled) return inner;
  const exec = inner.exec as (call: ServerDuplexStream<unknown, unknown>) => void;
  return {
    ...inner,
    call(call: ServerUnaryCall<OperatorCall, OperatorResponse>, callback: sendUnaryData<OperatorResponse>) {
      const who = identifyCall(trust, call, 'Operator.Call', ['operator'], log);
      if (isRefusal(who)) {
        callback(grpcRefusal(who));
        return;
      }
      const real = master();
      sendOperatorAnswer(viewFor(real, trust, who), call.request, callback, {
        master: real,
        authority: { ...(who?.name !== undefined ? { principal: who.name } : {}), check: (action, object) => trust.check(who, action, object) },
      });
    },
    exec(call: ServerDuplexStream<unknown, unknown>) {
      const who = identifyCall(trust, call, 'Operator.Exec', ['operator'], log);
      if (isRefusal(who)) {
        call.emit('error', grpcRefusal(who));
        return;
      }
      exec(call);
    },
  };
}

/** The `exec` ACL on the task a session was routed to. */
export function execAdmission(master: () => Master, trust: MasterTrust, log: Logger): ExecAdmission | undefined {
  if (!trust.enabled) return undefined;
  return (call, route) => {
    const who = trust.identify(presentedByCall(call), 'Operator.Exec', ['operator']);
    if (isRefusal(who)) return grpcRefusal(who);
    const fw = master().frameworks.get(route.frameworkId);
    const denied = trust.check(who, 'exec', fw ? frameworkPrincipal(fw) : '');
    if (!denied) return undefined;
    log.warn('debug session refused', { principal: who?.name, task: route.taskId, framework: route.frameworkId, problem: denied.message });
    return grpcRefusal(denied);
  };
}
