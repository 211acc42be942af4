/**
 * `GET /api/v1/discovery/watch?service=<name>[&framework=<name>][&resume=<token>]`:
 * the endpoints of a service as server-sent events (every service when
 * `service` is left out, as `meseta dns` asks).
 *
 * - First `snapshot` (the whole set; also when the token cannot be
 *   honoured: another master, too old) or the `change`s since the token
 *   followed by `current`, then a `change` per committed change that
 *   touches the watched set. Each event's `id:` is the resume token
 *   after it, so EventSource resends it as `Last-Event-ID` on reconnect
 *   (read as well as `resume`).
 * - Data: `{"token", "revision", "instances": [...]}` for a snapshot,
 *   `{"token", "revision", "added": [...], "removed": [{"id", "service"}]}`
 *   for a change (an added instance replaces the one of its id).
 * - A viewer restricted by ACLs sees only instances of tasks it may view.
 * - A watcher that does not read (more than `maxBufferedBytes` waiting)
 *   is closed; it resumes with its last token and misses nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiscoveryFeed } from './discovery-feed';
import type { DiscoveryInstance } from './discovery-instance';
import { dnsLabel } from './discovery-instance';
import { type EndpointChange, onlyService } from './endpoint-index';

/** Which tasks a viewer may see; undefined: all. */
export type TaskVisibility = ((frameworkId: string, taskId: string) => boolean) | undefined;

/** Options of {@link handleDiscoveryWatch}. */
export interface WatchHttpOptions {
  /** Seconds between keep-alive comments. @default 15 */
  keepAliveSeconds?: number;
  /** Bytes a watcher may leave unread before it is closed. @default 8 MiB */
  maxBufferedBytes?: number;
}

/** The watch's query, checked; or the problem naming the parameter. */
export function parseWatchQuery(url: URL, lastEventId: string | undefined): { service?: string; framework?: string; token?: string } | { error: string } {
  const out: { service?: string; framework?: string; token?: string } = {};
  for (const name of ['service', 'framework'] as const) {
    const v = url.searchParams.get(name);
    if (v === null) continue;
    if (v === '' || dnsLabel(v) !== v) return { error: `${name}: "${v}" is not a DNS label (1-63 of a-z, 0-9 and inner "-")` };
    out[name] = v;
  }
  const token = url.searchParams.get('resume') ?? lastEventId;
  if (token) {
    if (token.length > 200) return { error: `resume: ${token.length} characters, at most 200` };
    out.token = token;
  }
  for (const key of url.searchParams.keys()) {
    if (!['service', 'framework', 'resume'].includes(key)) return { error: `${key}: unknown parameter (service, framework, resume)` };
  }
  return out;
}

function idParts(id: string): [string, string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
}

/** A change as sent to unfiltered watchers of one service ('*': all), encoded once for all of them. */
const ENCODED = new WeakMap<EndpointChange, Map<string, string>>();

/** Serve one watcher until it goes away. */
export function handleDiscoveryWatch(feed: DiscoveryFeed, req: IncomingMessage, res: ServerResponse, url: URL, visible: TaskVisibility, options: WatchHttpOptions = {}): void {
  const lastEventId = typeof req.headers['last-event-id'] === 'string' ? req.headers['last-event-id'] : undefined;
  const query = parseWatchQuery(url, lastEventId);
  if ('error' in query) {
    res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: query.error }));
    return;
  }
  const { service, framework } = query;
  const index = feed.index;
  const keep = (i: Pick<DiscoveryInstance, 'framework' | 'frameworkId' | 'taskId'>): boolean =>
    (framework === undefined || i.framework === framework) && (visible === undefined || visible(i.frameworkId, i.taskId));
  const narrow = (c: EndpointChange): EndpointChange | undefined => {
    const only = onlyService(c, service);
    if (!only || (framework === undefined && visible === undefined)) return only;
    const added = only.added.filter(keep);
    const removed = only.removed.filter((r) => {
      const [frameworkId, taskId] = idParts(r.id);
      return visible === undefined || visible(frameworkId, taskId);
    });
    return added.length + removed.length > 0 ? { revision: c.revision, added, removed } : undefined;
  };
  const event = (name: string, revision: number, body: Record<string, unknown>): string => {
    const token = index.token(revision);
    return `event: ${name}\nid: ${token}\ndata: ${JSON.stringify({ token, revision, ...body })}\n\n`;
  };

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff' });
  const answer = index.resume(service, query.token);
  if (answer.kind === 'snapshot') {
    res.write(event('snapshot', answer.revision, { service: service ?? null, why: answer.why, instances: answer.instances.filter(keep) }));
  } else {
    for (const c of answer.changes) {
      const n = narrow(c);
      if (n) res.write(event('change', n.revision, { added: n.added, removed: n.removed }));
    }
    res.write(event('current', answer.revision, {}));
  }

  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const sharable = framework === undefined && visible === undefined;
  const unsubscribe = feed.subscribe((c) => {
    const key = service ?? '*';
    let text = sharable ? ENCODED.get(c)?.get(key) : undefined;
    if (text === undefined) {
      const n = narrow(c);
      text = n ? event('change', n.revision, { added: n.added, removed: n.removed }) : '';
      if (sharable) {
        let m = ENCODED.get(c);
        if (!m) ENCODED.set(c, (m = new Map()));
        m.set(key, text);
      }
    }
    if (text === '') return;
    res.write(text);
    if (res.writableLength > maxBuffered) res.destroy();
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), (options.keepAliveSeconds ?? 15) * 1000);
  keepAlive.unref();
  const end = (): void => {
    unsubscribe();
    clearInterval(keepAlive);
  };
  res.on('close', end);
  req.on('close', end);
}
