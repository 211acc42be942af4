/**
 * Who may find an endpoint (pure), after Mesos's `DiscoveryInfo.visibility`:
 * FRAMEWORK — the framework's own tasks; CLUSTER — anything in the
 * cluster; EXTERNAL — also clients outside it. Mesos only carries the
 * field and leaves its meaning to discovery systems; Meseta's read it so:
 *
 * - every consumer has an audience: `framework` (a watcher that names its
 *   framework), `cluster` (other watchers, the DNS servers, ZooKeeper
 *   publishing) or `external` (a watcher or `meseta dns` serving clients
 *   outside the cluster);
 * - the `framework` audience sees every endpoint of its framework; `cluster`
 *   sees CLUSTER and EXTERNAL endpoints; `external` only EXTERNAL ones.
 *
 * A task without DiscoveryInfo is published as Mesos-DNS publishes every
 * task: cluster-wide (its visibility reads CLUSTER).
 */
import type { DiscoveryInstance } from './discovery-instance';

/** The audiences a discovery consumer can serve. */
export const AUDIENCES = ['framework', 'cluster', 'external'] as const;

/** Who a consumer serves. */
export type Audience = (typeof AUDIENCES)[number];

/** Visibilities each audience may see. */
const SEES: Record<Audience, readonly string[]> = {
  framework: ['FRAMEWORK', 'CLUSTER', 'EXTERNAL'],
  cluster: ['CLUSTER', 'EXTERNAL'],
  external: ['EXTERNAL'],
};

/** True when `audience` may find `instance` (the `framework` audience only within its framework, by name). */
export function audienceSees(audience: Audience, instance: Pick<DiscoveryInstance, 'visibility' | 'framework'>, framework?: string): boolean {
  if (audience === 'framework') return SEES[instance.framework === framework ? 'framework' : 'cluster'].includes(instance.visibility);
  return SEES[audience].includes(instance.visibility);
}

/** `text` as an audience, or undefined when it is none (case does not matter). */
export function parseAudience(text: string): Audience | undefined {
  const lower = text.trim().toLowerCase();
  return (AUDIENCES as readonly string[]).includes(lower) ? (lower as Audience) : undefined;
}
