/**
 * `GET /api/v1/discovery/watch?service=<name>[&framework=<name>][&resume=<token>][&visibility=framework|cluster|external]`:
 * the endpoints of a service as server-sent events (every service when
 * `service` is left out, as `meseta dns` asks), those the watcher's
 * audience may see (`visibility`, see visibility.ts).
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
import type { EndpointChange } from './endpoint-index';
import { type TaskVisibility, type WatchEvent, type WatchQuery, type WatchSource, openWatch, watchAudience, watchQueryProblem } from './watch-session';

export type { TaskVisibility } from './watch-session';

/** Options of {@link handleDiscoveryWatch}. */
export interface WatchHttpOptions {
  /** Seconds between keep-alive comments. @default 15 */
  keepAliveSeconds?: number;
  /** Bytes a watcher may leave unread before it is closed. @default 8 MiB */
  maxBufferedBytes?: number;
}

/** The watch's query, checked; or the problem naming the parameter. */
export function parseWatchQuery(url: URL, lastEventId: string | undefined): WatchQuery | { error: string } {
  for (const key of url.searchParams.keys()) {
    if (!['service', 'framework', 'resume', 'visibility'].includes(key)) return { error: `${key}: unknown parameter (service, framework, resume, visibility)` };
  }
  const out: WatchQuery = {};
  const service = url.searchParams.get('service');
  const framework = url.searchParams.get('framework');
  const token = url.searchParams.get('resume') ?? lastEventId;
  const visibility = url.searchParams.get('visibility');
  if (visibility !== null) out.visibility = visibility;
  if (service !== null) out.service = service;
  if (framework !== null) out.framework = framework;
  if (token) out.token = token;
  const problem = watchQueryProblem(out);
  return problem ? { error: problem } : out;
}

/** A change as sent to unfiltered watchers of one audience and service ('<audience>:*': all), encoded once for all of them. */
const ENCODED = new WeakMap<EndpointChange, Map<string, string>>();

function encode(e: WatchEvent): string {
  const body =
    e.kind === 'snapshot' ? { token: e.token, revision: e.revision, why: e.why, instances: e.instances }
    : e.kind === 'change' ? { token: e.token, revision: e.revision, added: e.added, removed: e.removed }
    : { token: e.token, revision: e.revision };
  return `event: ${e.kind}\nid: ${e.token}\ndata: ${JSON.stringify(body)}\n\n`;
}

/** Serve one watcher until it goes away. */
export function handleDiscoveryWatch(feed: WatchSource, req: IncomingMessage, res: ServerResponse, url: URL, visible: TaskVisibility, options: WatchHttpOptions = {}): void {
  const lastEventId = typeof req.headers['last-event-id'] === 'string' ? req.headers['last-event-id'] : undefined;
  const query = parseWatchQuery(url, lastEventId);
  if ('error' in query) {
    res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: query.error }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff' });
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const sharable = query.framework === undefined && visible === undefined;
  const key = `${watchAudience(query)}:${query.service ?? '*'}`;
  const end = openWatch(feed, query, visible, (e) => {
    let text: string | undefined;
    if (e.kind === 'change' && sharable) {
      let m = ENCODED.get(e.change);
      if (!m) ENCODED.set(e.change, (m = new Map()));
      text = m.get(key);
      if (text === undefined) m.set(key, (text = encode(e)));
    } else text = encode(e);
    res.write(text);
    if (res.writableLength > maxBuffered) res.destroy();
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), (options.keepAliveSeconds ?? 15) * 1000);
  keepAlive.unref();
  const stop = (): void => {
    end();
    clearInterval(keepAlive);
  };
  res.on('close', stop);
  req.on('close', stop);
}
