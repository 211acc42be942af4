/**
 * What keeps a {@link DnsZone} current: the master's own endpoint feed
 * (`meseta master --dns-port`), or the watch API seen from outside
 * (`meseta dns`, through the SDK's watch). Both are pushed changes; the
 * zone is never rebuilt by polling `/state`.
 */
import type { WatchMessage } from '@meseta/sdk';
import type { DiscoveryFeed } from './discovery-feed';
import type { DiscoveryInstance } from './discovery-instance';
import type { DnsZone } from './dns-zone';

/** Fill `zone` from the master's feed and follow it; returns the unsubscribe function. */
export function followFeed(zone: DnsZone, feed: DiscoveryFeed): () => void {
  zone.reset(feed.index.instances());
  return feed.subscribe((change) => {
    for (const r of change.removed) zone.remove(r.id);
    for (const i of change.added) zone.set(i);
  });
}

/** Apply one watch API event to `zone`. */
export function applyWatchMessage(zone: DnsZone, kind: string, message: WatchMessage): void {
  if (kind === 'snapshot') zone.reset((message.instances ?? []) as DiscoveryInstance[]);
  else if (kind === 'change') {
    for (const r of message.removed ?? []) zone.remove(r.id);
    for (const i of message.added ?? []) zone.set(i as DiscoveryInstance);
  }
}
