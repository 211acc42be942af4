/**
 * An app definition's `discovery` block: how its instances are found
 * (the master's watch API, `meseta dns`). Pure.
 *
 * ```json
 * "discovery": { "name": "web", "visibility": "cluster", "ports": ["http", {"name": "stats", "protocol": "udp"}] }
 * ```
 * Without the block an app is still published: under its id (dots become
 * dashes: `shop.web` → `shop-web`), its ports named `port0`, `port1`, … (TCP).
 */
import type { DiscoverySpec } from '@meseta/sdk';
import { dnsLabelProblem } from '@meseta/sdk';
import { type FieldReader, isObject } from '../common/definition-reader';

const FIELDS = ['name', 'visibility', 'ports'] as const;

/** The default service name of an app: its id as one DNS label. */
export function serviceNameOf(appId: string): string {
  return appId.replace(/\./g, '-');
}

/**
 * What an app publishes when its definition says nothing: its id, every
 * port as `port<i>`/tcp; undefined when the id makes no DNS label (then
 * only a `discovery.name` publishes it).
 */
export function defaultDiscovery(appId: string, ports: number): DiscoverySpec | undefined {
  const name = serviceNameOf(appId);
  if (dnsLabelProblem(name)) return undefined;
  return { name, visibility: 'cluster', ports: Array.from({ length: ports }, (_, i) => `port${i}`) };
}

/** Read `discovery` (undefined when absent: {@link defaultDiscovery} applies); problems go to the reader. */
export function readAppDiscovery(r: FieldReader | undefined, appId: string, ports: number): DiscoverySpec | undefined {
  if (!r) return undefined;
  r.onlyKnown(FIELDS);
  const name = r.string('name', false) ?? serviceNameOf(appId);
  const nameProblem = dnsLabelProblem(name);
  if (nameProblem) r.problem('name', nameProblem);
  const visibility = r.string('visibility', false)?.toLowerCase() ?? 'cluster';
  if (visibility !== 'framework' && visibility !== 'cluster' && visibility !== 'external') {
    r.problem('visibility', `must be framework, cluster or external, got "${visibility}"`);
  }
  const spec: DiscoverySpec = { name, visibility: visibility as DiscoverySpec['visibility'], ports: [] };
  const raw = r.object.ports;
  if (raw === undefined) return { ...spec, ports: Array.from({ length: ports }, (_, i) => `port${i}`) };
  if (!Array.isArray(raw)) {
    r.problem('ports', 'must be a list of port names or {"name", "protocol"}');
    return spec;
  }
  if (raw.length > ports) r.problem('ports', `names ${raw.length} ports but the app has ${ports}`);
  raw.forEach((p: unknown, i) => {
    const field = `ports[${i}]`;
    const entry = typeof p === 'string' ? { name: p, protocol: 'tcp' } : isObject(p) ? { name: p.name, protocol: p.protocol ?? 'tcp' } : undefined;
    if (!entry || typeof entry.name !== 'string') return r.problem(field, 'must be a port name or {"name": "...", "protocol": "tcp"|"udp"}');
    const problem = dnsLabelProblem(entry.name);
    if (problem) return r.problem(`${field}.name`, problem);
    if (entry.protocol !== 'tcp' && entry.protocol !== 'udp') return r.problem(`${field}.protocol`, `must be tcp or udp, got ${JSON.stringify(entry.protocol)}`);
    spec.ports!.push({ name: entry.name, protocol: entry.protocol, index: i });
  });
  return spec;
}
