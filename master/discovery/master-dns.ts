/**
 * `meseta master --dns-port`: the DNS server inside the master, fed by the
 * master's own endpoint feed. A master that does not lead has no feed and
 * answers SERVFAIL (a resolver then asks the next server listed).
 */
import { DnsZone } from './dns-zone';
import { type RunningDnsServer, startDnsServer } from './dns-server';
import { type FeedFollower, followFeed } from './dns-feeds';
import type { DiscoveryFeed } from './discovery-feed';

/** The master's DNS options. */
export interface MasterDnsOptions {
  /** UDP and TCP port; 0 picks a free one. */
  port: number;
  /** @default the master's ip */
  host?: string;
  /** @default 5 */
  ttl?: number;
  /** @default 'meseta' */
  domain?: string;
  /** Who asks: `cluster` answers CLUSTER and EXTERNAL endpoints, `external` only EXTERNAL ones (see visibility.ts). @default 'cluster' */
  audience?: 'cluster' | 'external';
}

/** The master's DNS server; `follow(feed)` once this master leads. */
export interface MasterDns extends RunningDnsServer {
  follow(feed: DiscoveryFeed): void;
}

/** Start answering (SERVFAIL until {@link MasterDns.follow}). */
export async function startMasterDns(options: MasterDnsOptions, host: string): Promise<MasterDns> {
  const zone = new DnsZone({ ttl: options.ttl, domain: options.domain, audience: options.audience });
  let following: FeedFollower | undefined;
  // SERVFAIL until the zone holds the feed's set (its first build may take a few turns).
  const server = await startDnsServer({ zone, host: options.host ?? host, port: options.port, ready: () => following?.filled === true });
  return {
    get port() {
      return server.port;
    },
    get answered() {
      return server.answered;
    },
    follow(feed) {
      following?.stop();
      following = followFeed(zone, feed);
    },
    close: async () => {
      following?.stop();
      await server.close();
    },
  };
}
