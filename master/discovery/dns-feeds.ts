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

/** What {@link followFeed} returns. */
export interface FeedFollower {
  /** True once the zone holds the feed's set (a first build over a big cluster takes a few turns). */
  readonly filled: boolean;
  /** Stop following (also while waiting for the set). */
  stop(): void;
}

/** Fill `zone` from the master's feed once its index is built, and follow it. */
export function followFeed(zone: DnsZone, feed: Pick<DiscoveryFeed, 'whenReady' | 'subscribe'>): FeedFollower {
  let unsubscribe: (() => void) | undefined;
  let stopped = false;
  const cancel = feed.whenReady((index) => {
    if (stopped) return;
    zone.reset(index.instances());
    unsubscribe = feed.subscribe((change) => {
      for (const r of change.removed) zone.remove(r.id);
      for (const i of change.added) zone.set(i);
    });
  });
  return {
    get filled() {
      return unsubscribe !== undefined;
    },
    stop() {
      stopped = true;
      cancel();
      unsubscribe?.();
    },
  };
}

/** Apply one watch API event to `zone`. */
export function applyWatchMessage(zone: DnsZone, kind: string, message: WatchMessage): void {
  if (kind === 'snapshot') zone.reset((message.instances ?? []) as DiscoveryInstance[]);
  else if (kind === 'change') {
    for (const r of message.removed ?? []) zone.remove(r.id);
    for (const i of message.added ?? []) zone.set(i as DiscoveryInstance);
  }
}
