/**
 * One watcher of the endpoint feed, whatever carries it (server-sent
 * events, a gRPC stream): what it gets first (the whole set, or the
 * changes since its token then `current`), then each committed change that
 * touches what it watches, narrowed to its service, framework and the
 * tasks its viewer may see.
 */
import type { DiscoveryFeed } from './discovery-feed';
import type { DiscoveryInstance } from './discovery-instance';
import { dnsLabel } from './discovery-instance';
import { type EndpointChange, type EndpointIndex, onlyService } from './endpoint-index';
import { type Audience, audienceSees, parseAudience } from './visibility';

/** What a watcher reads: the index once built and its committed changes (a {@link DiscoveryFeed}). */
export type WatchSource = Pick<DiscoveryFeed, 'whenReady' | 'subscribe'>;

/** Which tasks a viewer may see; undefined: all. */
export type TaskVisibility = ((frameworkId: string, taskId: string) => boolean) | undefined;

/** What one watcher asks for. */
export interface WatchQuery {
  service?: string;
  framework?: string;
  token?: string;
  /**
   * Who watches (see visibility.ts): `framework` (needs `framework`: all of
   * its endpoints, and the CLUSTER and EXTERNAL ones of others), `cluster`
   * or `external`. @default `framework` when `framework` is given, else `cluster`
   */
  visibility?: string;
}

/** The audience of a watch query (its `visibility`, else the default). */
export function watchAudience(query: WatchQuery): Audience {
  return (query.visibility !== undefined ? parseAudience(query.visibility) : undefined) ?? (query.framework !== undefined ? 'framework' : 'cluster');
}

/** An event for the watcher. */
export type WatchEvent =
  | { kind: 'snapshot'; token: string; revision: number; why: string; instances: DiscoveryInstance[] }
  | { kind: 'change'; token: string; revision: number; added: DiscoveryInstance[]; removed: Array<{ id: string; service: string }>; change: EndpointChange }
  | { kind: 'current'; token: string; revision: number };

/** Why `query` is not acceptable, naming the field; undefined when it is. */
export function watchQueryProblem(query: WatchQuery): string | undefined {
  for (const name of ['service', 'framework'] as const) {
    const v = query[name];
    if (v === undefined) continue;
    if (v === '' || dnsLabel(v) !== v) return `${name}: "${v}" is not a DNS label (1-63 of a-z, 0-9 and inner "-")`;
  }
  if (query.token !== undefined && query.token.length > 200) return `resume: ${query.token.length} characters, at most 200`;
  if (query.visibility !== undefined) {
    const audience = parseAudience(query.visibility);
    if (!audience) return `visibility: "${query.visibility.slice(0, 40)}" is not framework, cluster or external`;
    if (audience === 'framework' && query.framework === undefined) return 'visibility: framework needs framework (the watching framework\'s name)';
  }
  return undefined;
}

function idParts(id: string): [string, string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
}

/**
 * Start a watcher: `send` gets the first events once the feed's index is
 * built (at once when it is; a first build over a big cluster takes a few
 * turns of the event loop), then the changes as they are committed.
 * Returns the function that ends the watcher (also while it waits).
 */
export function openWatch(feed: WatchSource, query: WatchQuery, visible: TaskVisibility, send: (event: WatchEvent) => void): () => void {
  let ended = false;
  let unsubscribe: (() => void) | undefined;
  const cancel = feed.whenReady((index) => {
    if (!ended) unsubscribe = follow(feed, index, query, visible, send);
  });
  return () => {
    ended = true;
    cancel();
    unsubscribe?.();
  };
}

/** The first events of a watcher over the built `index`, then its changes; returns the unsubscribe function. */
function follow(feed: WatchSource, index: EndpointIndex, query: WatchQuery, visible: TaskVisibility, send: (event: WatchEvent) => void): () => void {
  const { service, framework } = query;
  const audience = watchAudience(query);
  const keep = (i: Pick<DiscoveryInstance, 'framework' | 'frameworkId' | 'taskId' | 'visibility'>): boolean =>
    (framework === undefined || i.framework === framework) && audienceSees(audience, i, framework) && (visible === undefined || visible(i.frameworkId, i.taskId));
  const narrow = (c: EndpointChange): EndpointChange | undefined => {
    const only = onlyService(c, service);
    if (!only) return undefined;
    if (framework === undefined && visible === undefined && only.added.every((i) => audienceSees(audience, i))) return only;
    const added = only.added.filter(keep);
    const removed = only.removed.filter((r) => {
      const [frameworkId, taskId] = idParts(r.id);
      return visible === undefined || visible(frameworkId, taskId);
    });
    return added.length + removed.length > 0 ? { revision: c.revision, added, removed } : undefined;
  };
  const change = (c: EndpointChange): void => {
    const n = narrow(c);
    if (n) send({ kind: 'change', token: index.token(n.revision), revision: n.revision, added: n.added, removed: n.removed, change: c });
  };
  const answer = index.resume(service, query.token);
  if (answer.kind === 'snapshot') {
    send({ kind: 'snapshot', token: index.token(answer.revision), revision: answer.revision, why: answer.why, instances: answer.instances.filter(keep) });
  } else {
    for (const c of answer.changes) change(c);
    send({ kind: 'current', token: index.token(answer.revision), revision: answer.revision });
  }
  return feed.subscribe(change);
}
