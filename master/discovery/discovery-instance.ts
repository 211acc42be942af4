/**
 * A task as service discovery publishes it: one endpoint of a service.
 * Pure: what a task record, its agent and its framework say.
 *
 * A task is published while it is TASK_RUNNING and, when it has a health
 * check, its latest status says healthy (a task whose first check has not
 * run yet is not published). It answers under its `discovery.name`, else
 * its task name, made a DNS label (as Mesos-DNS does); its framework under
 * its name made a DNS label. A task on a CNI network is published with its
 * own address and container ports (see task-address.ts).
 */
import { TaskState, enumName, pb } from '@meseta/proto/wire';
import type { AgentRecord, FrameworkRecord, TaskRecord } from '../state';
import { containerPort, taskNetwork } from './task-address';

/** A named port of an endpoint. */
export interface EndpointPort {
  number: number;
  /** `''` for a port the task holds but did not name. */
  name: string;
  /** `tcp` or `udp`. */
  protocol: string;
}

/** One healthy, running task of a service. */
export interface DiscoveryInstance {
  /** `<frameworkId>/<taskId>`: unique in the cluster. */
  id: string;
  /** The service name (a DNS label). */
  service: string;
  /** The framework's name as a DNS label. */
  framework: string;
  frameworkId: string;
  taskId: string;
  agentId: string;
  /** The agent's host name. */
  host: string;
  /** The address to dial: the task's own on a CNI network, else the agent's IP (its host name when it declared none). */
  ip: string;
  ports: EndpointPort[];
  /** `FRAMEWORK`, `CLUSTER` or `EXTERNAL` (CLUSTER for a task without DiscoveryInfo, see visibility.ts). */
  visibility: string;
  labels?: Record<string, string>;
}

/**
 * `text` as one DNS label: lower case, every run of other characters than
 * a-z, 0-9 and `-` made one `-`, no `-` at either end, at most 63
 * characters; `''` when nothing is left.
 */
export function dnsLabel(text: string): string {
  const known = labels.get(text);
  if (known !== undefined) return known;
  const label = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, 63).replace(/-+$/, '');
  // Framework and task names repeat across thousands of tasks: kept, and the cache starts over when full.
  if (text.length > 256) return label;
  if (labels.size >= MAX_CACHED_LABELS) labels.clear();
  labels.set(text, label);
  return label;
}

/** Names already made labels (see {@link dnsLabel}); inputs over 256 characters are not kept. */
const labels = new Map<string, string>();
const MAX_CACHED_LABELS = 10_000;

/** True when the task counts as an endpoint now (running, and healthy when checked). */
export function isServing(record: Pick<TaskRecord, 'task' | 'latest'>): boolean {
  if (record.task.state !== TaskState.TASK_RUNNING) return false;
  if (!record.task.health_check) return true;
  return record.latest?.healthy === true;
}

const NO_PORTS: readonly number[] = Object.freeze([]);

/** The port numbers of a task's `ports` resources, ascending (one shared empty list for a task without). */
function heldPorts(record: Pick<TaskRecord, 'resources'>): readonly number[] {
  if (!record.resources.some((r) => r.name === 'ports')) return NO_PORTS;
  const out: number[] = [];
  for (const r of record.resources) {
    if (r.name !== 'ports') continue;
    for (const span of r.ranges?.range ?? []) for (let p = Number(span.begin); p <= Number(span.end) && out.length < 1024; p++) out.push(p);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The endpoint `record` is now, or undefined when it is not published
 * (not running, not healthy, or no name left as a DNS label). `id`, when
 * the caller has it, is `<frameworkId>/<taskId>` already made (`taskKey`).
 */
export function discoveryInstance(
  record: TaskRecord, agent: Pick<AgentRecord, 'info'> | undefined, framework: Pick<FrameworkRecord, 'info'> | undefined,
  id = `${record.frameworkId}/${record.taskId}`,
): DiscoveryInstance | undefined {
  if (!isServing(record)) return undefined;
  const discovery = record.task.discovery;
  const service = dnsLabel(discovery?.name || record.task.name || record.taskId);
  const frameworkName = dnsLabel(framework?.info.name ?? '');
  if (!service || !frameworkName) return undefined;
  const declared = discovery?.ports?.ports;
  const ports: EndpointPort[] = [];
  if (declared && declared.length > 0) {
    for (const p of declared) if (p.number) ports.push({ number: p.number, name: dnsLabel(p.name ?? ''), protocol: (p.protocol || 'tcp').toLowerCase() });
    const namedNumbers = new Set(ports.map((p) => p.number));
    for (const n of heldPorts(record)) if (!namedNumbers.has(n)) ports.push({ number: n, name: '', protocol: 'tcp' });
  } else {
    for (const n of heldPorts(record)) ports.push({ number: n, name: '', protocol: 'tcp' });
  }
  const network = taskNetwork(record.statuses, record.latest);
  if (network) {
    for (const p of ports) p.number = containerPort(network, p.number, p.protocol);
    // A mapped container port the task holds no host port for is still one it serves on its own address.
    for (const [key, number] of network.containerPorts) {
      const protocol = key.slice(0, key.indexOf(':'));
      if (!ports.some((p) => p.number === number && p.protocol === protocol)) ports.push({ number, name: '', protocol });
    }
  }
  const instance: DiscoveryInstance = {
    id,
    service,
    framework: frameworkName,
    frameworkId: record.frameworkId,
    taskId: record.taskId,
    agentId: record.agentId,
    host: agent?.info.hostname ?? '',
    ip: network?.ip || agent?.info.ip || agent?.info.hostname || '',
    ports,
    visibility: discovery ? enumName(pb.DiscoveryInfo.Visibility, discovery.visibility ?? pb.DiscoveryInfo.Visibility.FRAMEWORK) : 'CLUSTER',
  };
  const labels = discovery?.labels?.labels ?? [];
  if (labels.length > 0) instance.labels = Object.fromEntries(labels.map((l) => [l.key ?? '', l.value ?? '']));
  return instance;
}

/** True when two instances publish the same thing (an update that changes nothing is not sent). */
export function sameInstance(a: DiscoveryInstance, b: DiscoveryInstance): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
