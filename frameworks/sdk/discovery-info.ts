/**
 * A task's discovery info in plain options, and its compilation into the
 * wire `DiscoveryInfo` (Mesos's) once the task's ports are known.
 *
 * Names become DNS labels (`<name>.<framework>.meseta.`,
 * `_<port>._<protocol>.<name>.<framework>.meseta.`), so they are checked as
 * such here, each refusal naming the field.
 */
import type { DiscoveryInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';

/** Who may find the task: its framework only, the cluster, or anyone. */
export type DiscoveryVisibility = 'framework' | 'cluster' | 'external';

/** A named port: the task's `index`-th picked port (0 first) under `name`. */
export interface DiscoveryPortSpec {
  /** The port's name (`http`): a DNS label. */
  name: string;
  /** @default 'tcp' */
  protocol?: 'tcp' | 'udp';
  /**
   * Which of the task's ports (in ascending order, as `PORT0`, `PORT1`, …).
   * @default the position of this entry in `ports`
   */
  index?: number;
}

/** How a task is found. */
export interface DiscoverySpec {
  /**
   * The service name the task answers under (several tasks may share it).
   * @default the task's name
   */
  name?: string;
  /** @default 'cluster' */
  visibility?: DiscoveryVisibility;
  /** Named ports; a plain string is a TCP port's name. @default [] */
  ports?: Array<string | DiscoveryPortSpec>;
  environment?: string;
  location?: string;
  version?: string;
  /** @default {} */
  labels?: Record<string, string>;
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `name` is not a DNS label we publish (lower case letters, digits, inner dashes, 1-63 long), or undefined. */
export function dnsLabelProblem(name: string): string | undefined {
  if (LABEL.test(name)) return undefined;
  return `"${name}" is not a DNS label (1-63 of a-z, 0-9 and inner "-")`;
}

const VISIBILITY: Record<DiscoveryVisibility, number> = {
  framework: pb.DiscoveryInfo.Visibility.FRAMEWORK,
  cluster: pb.DiscoveryInfo.Visibility.CLUSTER,
  external: pb.DiscoveryInfo.Visibility.EXTERNAL,
};

/**
 * The wire form of `spec` for a task named `taskName` holding `ports`
 * (ascending, as picked from the offer).
 * @throws Error naming the field (`discovery.ports[1].index: …`) when a name is not a DNS label, a port index is past the task's ports, or a name repeats.
 */
export function compileDiscovery(spec: DiscoverySpec, taskName: string, ports: readonly number[]): DiscoveryInfo {
  const name = spec.name ?? taskName;
  const nameProblem = dnsLabelProblem(name);
  if (nameProblem) throw new Error(`discovery.name: ${nameProblem}${spec.name === undefined ? ' (it defaults to the task name; set discovery.name)' : ''}`);
  const visibility = spec.visibility ?? 'cluster';
  if (!(visibility in VISIBILITY)) throw new Error(`discovery.visibility: "${String(visibility)}" is not framework, cluster or external`);
  const seen = new Set<string>();
  const wirePorts = (spec.ports ?? []).map((p, i) => {
    const port: DiscoveryPortSpec = typeof p === 'string' ? { name: p } : p;
    const field = `discovery.ports[${i}]`;
    const problem = dnsLabelProblem(port.name);
    if (problem) throw new Error(`${field}.name: ${problem}`);
    const protocol = port.protocol ?? 'tcp';
    if (protocol !== 'tcp' && protocol !== 'udp') throw new Error(`${field}.protocol: "${String(protocol)}" is not tcp or udp`);
    const key = `${port.name}/${protocol}`;
    if (seen.has(key)) throw new Error(`${field}.name: "${port.name}" (${protocol}) is named twice`);
    seen.add(key);
    const index = port.index ?? i;
    if (!Number.isInteger(index) || index < 0 || index >= ports.length) {
      throw new Error(`${field}.index: ${index} is past the task's ports (it holds ${ports.length}; ask for more with ports)`);
    }
    return { number: ports[index], name: port.name, protocol };
  });
  const info: DiscoveryInfo = { visibility: VISIBILITY[visibility], name };
  if (wirePorts.length > 0) info.ports = { ports: wirePorts };
  if (spec.environment) info.environment = spec.environment;
  if (spec.location) info.location = spec.location;
  if (spec.version) info.version = spec.version;
  const labels = Object.entries(spec.labels ?? {});
  if (labels.length > 0) info.labels = { labels: labels.map(([key, value]) => ({ key, value })) };
  return info;
}
