/**
 * A task's `discovery` (Mesos DiscoveryInfo, as `/state` JSON shows it) in
 * one line for the task page: `web · cluster · http 31000/tcp, admin 31001/tcp`.
 */

/** The DiscoveryInfo JSON fields the line shows. */
export interface DiscoveryJson {
  name?: string;
  visibility?: string;
  environment?: string;
  location?: string;
  version?: string;
  ports?: { ports?: Array<{ number?: number; name?: string; protocol?: string }> };
}

/** The line, or undefined when the task has no discovery info. */
export function describeDiscovery(d: DiscoveryJson | undefined): string | undefined {
  if (!d || typeof d !== 'object') return undefined;
  const parts: string[] = [];
  if (d.name) parts.push(d.name);
  parts.push((d.visibility ?? 'FRAMEWORK').toLowerCase());
  for (const extra of [d.environment, d.location, d.version]) if (extra) parts.push(extra);
  const ports = (d.ports?.ports ?? []).map((p) => `${p.name ? `${p.name} ` : ''}${p.number ?? '?'}/${p.protocol || 'tcp'}`);
  if (ports.length > 0) parts.push(ports.join(', '));
  return parts.join(' · ');
}
