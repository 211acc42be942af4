/**
 * What differs between our Scheduler API messages and Mesos's for the same
 * call or event, applied at the edge of the Mesos HTTP API (`POST
 * /api/v1/scheduler`) so the master underneath sees one model. Pure: no I/O.
 *
 * In (calls): resources written in Mesos's pre-reservation-refinement form
 * (`role`, `reservation`) or with `allocation_info` become our
 * `reservations` and `allocation_role`.
 *
 * Out (events): offers get Mesos's `url` (the agent's address),
 * `allocation_info` beside our `allocation_role`, and `role` for
 * frameworks without the RESERVATION_REFINEMENT capability; task statuses
 * get `container_status.container_id`; SUBSCRIBED loses our `stream_id`
 * (Mesos sends it in the `Mesos-Stream-Id` header) and its `master_info`
 * gets the packed IPv4 `ip` and `pid` Mesos's protobuf clients require.
 */
import type { Call, Event, FrameworkInfo, MasterInfo, Offer, Resource, TaskStatus } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';

const RESERVATION_REFINEMENT = pb.FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT;
const STATIC = pb.Resource.ReservationInfo.Type.STATIC;
const DYNAMIC = pb.Resource.ReservationInfo.Type.DYNAMIC;

/** A resource a Mesos client sent, in our form: `role`/`reservation` → `reservations`, `allocation_info` → `allocation_role`. */
export function resourceFromMesos(r: Resource): Resource {
  const out: Resource = { ...r };
  const hasStack = (r.reservations ?? []).length > 0;
  if (!hasStack && r.role && r.role !== '*') {
    const dynamic = r.reservation;
    out.reservations = [{
      type: dynamic ? DYNAMIC : STATIC,
      role: r.role,
      ...(dynamic?.principal ? { principal: dynamic.principal } : {}),
      ...(dynamic?.labels ? { labels: dynamic.labels } : {}),
    }];
  }
  delete out.role;
  delete out.reservation;
  if (!out.allocation_role && r.allocation_info?.role) out.allocation_role = r.allocation_info.role;
  delete out.allocation_info;
  return out;
}

function resourcesFromMesos(list: Resource[] | null | undefined): Resource[] | undefined {
  return list ? list.map(resourceFromMesos) : undefined;
}

/** A call as the master takes it (resources in our form), with the stream id from the header. */
export function callFromMesos(call: Call, streamId: string | undefined): Call {
  const out: Call = { ...call };
  if (streamId !== undefined) out.stream_id = streamId;
  if (call.accept?.operations) {
    out.accept = {
      ...call.accept,
      operations: call.accept.operations.map((op) => ({
        ...op,
        ...(op.launch ? { launch: { ...op.launch, task_infos: (op.launch.task_infos ?? []).map((t) => ({ ...t, resources: resourcesFromMesos(t.resources), ...(t.executor ? { executor: { ...t.executor, resources: resourcesFromMesos(t.executor.resources) } } : {}) })) } } : {}),
        ...(op.launch_group
          ? {
              launch_group: {
                ...op.launch_group,
                ...(op.launch_group.executor ? { executor: { ...op.launch_group.executor, resources: resourcesFromMesos(op.launch_group.executor.resources) } } : {}),
                ...(op.launch_group.task_group ? { task_group: { tasks: (op.launch_group.task_group.tasks ?? []).map((t) => ({ ...t, resources: resourcesFromMesos(t.resources) })) } } : {}),
              },
            }
          : {}),
        ...(op.reserve ? { reserve: { resources: resourcesFromMesos(op.reserve.resources) } } : {}),
        ...(op.unreserve ? { unreserve: { resources: resourcesFromMesos(op.unreserve.resources) } } : {}),
        ...(op.create ? { create: { volumes: resourcesFromMesos(op.create.volumes) } } : {}),
        ...(op.destroy ? { destroy: { volumes: resourcesFromMesos(op.destroy.volumes) } } : {}),
      })),
    };
  }
  return out;
}

/** A resource of ours as a Mesos framework reads it. */
export function resourceToMesos(r: Resource, refinement: boolean): Resource {
  const out: Resource = { ...r };
  if (r.allocation_role) out.allocation_info = { role: r.allocation_role };
  if (!refinement) {
    const stack = r.reservations ?? [];
    const top = stack[stack.length - 1];
    out.role = top?.role || '*';
    if (top && top.type === DYNAMIC) {
      out.reservation = { ...(top.principal ? { principal: top.principal } : {}), ...(top.labels ? { labels: top.labels } : {}) };
    }
    // Pre-refinement frameworks read `role`/`reservation`; Mesos leaves the stack out for them.
    delete out.reservations;
  }
  return out;
}

/** True when the framework reads reservations as a stack (Mesos's RESERVATION_REFINEMENT). */
export function readsReservationStack(info: FrameworkInfo | undefined): boolean {
  return (info?.capabilities ?? []).some((c) => c.type === RESERVATION_REFINEMENT);
}

/** An offer as Mesos writes it: `url` of the agent, `allocation_info`, resources in the framework's form. */
export function offerToMesos(offer: Offer, refinement: boolean): Offer {
  const address = offer.agent_address;
  const role = offer.resources?.find((r) => r.allocation_role)?.allocation_role;
  return {
    ...offer,
    ...(address ? { url: { scheme: 'http', address: { hostname: address.hostname || offer.hostname || '', ip: address.ip || '', port: address.port ?? 5051 }, path: '/slave(1)' } } : {}),
    ...(role ? { allocation_info: { role } } : {}),
    resources: (offer.resources ?? []).map((r) => resourceToMesos(r, refinement)),
  };
}

/** A task status as Mesos writes it: the container id in `container_status`. */
export function statusToMesos(status: TaskStatus): TaskStatus {
  if (!status.container_id || status.container_status) return status;
  return { ...status, container_status: { container_id: status.container_id } };
}

/** An IPv4 address packed as Mesos's MasterInfo.ip: the four bytes in network order read as a little-endian uint32. */
export function packedIpv4(ip: string | undefined): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip ?? '');
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  if (bytes.some((b) => b > 255)) return undefined;
  return Buffer.from(bytes).readUInt32LE(0);
}

/** MasterInfo with the fields Mesos's clients require (`ip`, `pid`). */
export function masterInfoToMesos(info: MasterInfo): MasterInfo {
  const ip = info.address?.ip ?? undefined;
  const packed = packedIpv4(ip ?? undefined);
  return {
    ...info,
    ip: info.ip ?? packed ?? 0,
    ...(info.pid ? {} : { pid: `master@${ip ?? info.hostname ?? ''}:${info.port ?? info.address?.port ?? 5050}` }),
  };
}

/** An event as a Mesos framework reads it. */
export function eventToMesos(event: Event, framework: FrameworkInfo | undefined): Event {
  if (event.subscribed) {
    const { stream_id: _streamId, ...subscribed } = event.subscribed;
    return { ...event, subscribed: { ...subscribed, ...(subscribed.master_info ? { master_info: masterInfoToMesos(subscribed.master_info) } : {}) } };
  }
  if (event.offers?.offers) {
    const refinement = readsReservationStack(framework);
    return { ...event, offers: { offers: event.offers.offers.map((o) => offerToMesos(o, refinement)) } };
  }
  if (event.update?.status) return { ...event, update: { status: statusToMesos(event.update.status) } };
  const op = event.update_operation_status?.status;
  if (op?.converted_resources) {
    const refinement = readsReservationStack(framework);
    return { ...event, update_operation_status: { status: { ...op, converted_resources: op.converted_resources.map((r) => resourceToMesos(r, refinement)) } } };
  }
  return event;
}
