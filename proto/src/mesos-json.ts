/**
 * Pieces of the JSON Mesos's master and agent endpoints write
 * (`/master/state`, `/state`, `/master/tasks`, …), shared by our master and
 * agent so both write them alike. Mesos's shapes are wire facts that tools
 * (mesos-dns, marathon-lb, Prometheus exporters) parse: resources as a map
 * with `cpus`, `gpus`, `mem`, `disk` always present, ranges as
 * `"[31000-32000, 33000-33005]"`, sets as `"{a, b}"`, ids as strings,
 * enums by name. Pure: no I/O.
 */
import type { Attribute, Labels, Range, Resource, TaskStatus, v1 } from './wire';
import { enumName, pb, TaskState, ValueType } from './wire';
import { coalesceRanges, reservationRole, roundScalar, UNRESERVED_ROLE } from './resources';

/** A resources map as Mesos writes it: scalars summed by name, ranges and sets as text. */
export type MesosResources = Record<string, number | string>;

/** Ranges as Mesos prints them: `[31000-32000, 33000-33005]` (coalesced, in order). */
export function mesosRanges(spans: readonly Range[]): string {
  return `[${coalesceRanges(spans)
    .map((r) => `${r.begin}-${r.end}`)
    .join(', ')}]`;
}

/** A set as Mesos prints it: `{a, b}` (sorted, each item once). */
export function mesosSet(items: Iterable<string>): string {
  return `{${[...new Set(items)].sort().join(', ')}}`;
}

/**
 * Resources as Mesos's endpoints write them: `{cpus, gpus, mem, disk, …}`,
 * the four always present (0 when absent, as Mesos does), every role summed.
 */
export function mesosResources(resources: readonly Resource[] | null | undefined): MesosResources {
  // One pass over the list as given (no normalising on the way): a framework's
  // tens of thousands of task resources sum in linear time, ranges coalesced once.
  const scalars = new Map<string, number>([['cpus', 0], ['gpus', 0], ['mem', 0], ['disk', 0]]);
  const spans = new Map<string, Range[]>();
  const sets = new Map<string, string[]>();
  for (const r of resources ?? []) {
    const name = r.name ?? '';
    if (r.type === ValueType.RANGES) {
      let list = spans.get(name);
      if (!list) spans.set(name, (list = []));
      for (const range of r.ranges?.range ?? []) list.push(range);
    } else if (r.type === ValueType.SET) {
      let list = sets.get(name);
      if (!list) sets.set(name, (list = []));
      for (const item of r.set?.item ?? []) list.push(item);
    } else {
      scalars.set(name, roundScalar((scalars.get(name) ?? 0) + (r.scalar?.value ?? 0)));
    }
  }
  const out: MesosResources = {};
  for (const [name, value] of scalars) out[name] = value;
  for (const [name, value] of spans) if (value.length > 0) out[name] = mesosRanges(value);
  for (const [name, value] of sets) if (value.length > 0) out[name] = mesosSet(value);
  return out;
}

/** Reserved resources by role (`reserved_resources`), unreserved ones left out. */
export function mesosReservedResources(resources: readonly Resource[] | null | undefined): Record<string, MesosResources> {
  const byRole = new Map<string, Resource[]>();
  for (const r of resources ?? []) {
    const role = reservationRole(r);
    if (role === UNRESERVED_ROLE) continue;
    let list = byRole.get(role);
    if (!list) byRole.set(role, (list = []));
    list.push(r);
  }
  return Object.fromEntries([...byRole].map(([role, list]) => [role, mesosResources(list)]));
}

/** The unreserved part (`unreserved_resources`). */
export function mesosUnreservedResources(resources: readonly Resource[] | null | undefined): MesosResources {
  return mesosResources((resources ?? []).filter((r) => reservationRole(r) === UNRESERVED_ROLE));
}

/** Attributes as Mesos writes them: scalars as numbers, text, ranges and sets as text. */
export function mesosAttributes(attributes: readonly Attribute[] | null | undefined): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const a of attributes ?? []) {
    const name = a.name ?? '';
    switch (a.type) {
      case ValueType.SCALAR:
        out[name] = a.scalar?.value ?? 0;
        break;
      case ValueType.RANGES:
        out[name] = mesosRanges(a.ranges?.range ?? []);
        break;
      case ValueType.SET:
        out[name] = mesosSet(a.set?.item ?? []);
        break;
      default:
        out[name] = a.text?.value ?? '';
    }
  }
  return out;
}

/** Labels as Mesos writes them: `[{key, value}]`. */
export function mesosLabels(labels: Labels | null | undefined): Array<{ key: string; value?: string }> {
  return (labels?.labels ?? []).map((l) => (l.value === null || l.value === undefined ? { key: l.key ?? '' } : { key: l.key ?? '', value: l.value }));
}

/**
 * An IPv4 address as Mesos's `MasterInfo.ip` holds it: the four bytes in
 * network order read as a little-endian uint32 (`192.0.2.1` → 16908480).
 * Undefined for anything that is not a dotted IPv4 address.
 */
export function mesosIpNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  if (bytes.some((b) => b > 255)) return undefined;
  return bytes[0] + bytes[1] * 256 + bytes[2] * 65536 + bytes[3] * 16777216;
}

/** A task state's name (`TASK_RUNNING`); TASK_STAGING when unset. */
export function mesosTaskState(state: number | null | undefined): string {
  return enumName(TaskState, state ?? TaskState.TASK_STAGING);
}

/** A container's networks as Mesos writes them in `container_status.network_infos` (name, ip_addresses, port_mappings). */
export function mesosNetworkInfos(infos: readonly v1.INetworkInfo[]): Array<Record<string, unknown>> {
  return infos.map((n) => ({
    ...(n.name ? { name: n.name } : {}),
    ip_addresses: (n.ip_addresses ?? []).map((a) => ({ protocol: a.protocol === 2 ? 'IPv6' : 'IPv4', ip_address: a.ip_address ?? '' })),
    ...(n.port_mappings?.length ? { port_mappings: n.port_mappings.map((m) => ({ host_port: m.host_port, container_port: m.container_port, protocol: m.protocol ?? 'tcp' })) } : {}),
  }));
}

/**
 * One `statuses[]` entry as Mesos writes it: state, timestamp, labels,
 * healthy, and `container_status` — where Mesos tools (mesos-dns) read a
 * task's address: `network_infos[].ip_addresses[].ip_address`. `ip` is
 * the address the task is reachable at (its agent's, for host networking, as
 * Mesos fills in for containers on the host network); none leaves the
 * network out.
 */
export function mesosStatus(status: TaskStatus, ip?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { state: mesosTaskState(status.state), timestamp: status.timestamp ?? 0 };
  if (status.labels?.labels?.length) out.labels = mesosLabels(status.labels);
  if (status.healthy !== null && status.healthy !== undefined) out.healthy = status.healthy;
  const containerStatus: Record<string, unknown> = {};
  const containerId = status.container_status?.container_id?.value || status.container_id?.value;
  if (containerId) containerStatus.container_id = { value: containerId };
  const executorPid = status.container_status?.executor_pid;
  if (executorPid !== null && executorPid !== undefined) containerStatus.executor_pid = executorPid;
  const own = status.container_status?.network_infos ?? [];
  if (own.length > 0) containerStatus.network_infos = mesosNetworkInfos(own);
  else if (ip) containerStatus.network_infos = [{ ip_addresses: [{ ip_address: ip }] }];
  if (Object.keys(containerStatus).length > 0) out.container_status = containerStatus;
  return out;
}

/** Names of the task states Mesos's summaries count per framework and agent. */
export const MESOS_SUMMARY_STATES = [
  'TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_FINISHED', 'TASK_KILLED',
  'TASK_FAILED', 'TASK_LOST', 'TASK_ERROR', 'TASK_UNREACHABLE',
] as const;

/** The framework capability names, as Mesos lists them (`["MULTI_ROLE", …]`). */
export function mesosCapabilities(capabilities: ReadonlyArray<{ type?: number | null }> | null | undefined): string[] {
  return (capabilities ?? []).map((c) => enumName(pb.FrameworkInfo.Capability.Type, c.type ?? 0));
}
