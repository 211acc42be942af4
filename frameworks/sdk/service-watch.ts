/**
 * Follow a service's endpoints through the master's watch API
 * (`GET /api/v1/discovery/watch`, server-sent events), reconnecting with
 * the last resume token so no change is missed across a dropped
 * connection, a master failover (the new leader sends the whole set) or a
 * redirect from a master that does not lead.
 *
 * `master` is `host:port` or `zk://host:port/path`. With ZooKeeper each
 * connection goes to whoever leads then. With `host:port` a redirect is
 * followed for as long as that leader answers; once it is lost the watch
 * goes back to the master it was given (so give the `zk://` URL, or a
 * master that outlives the leader, to follow a failover).
 *
 * ```ts
 * const watch = watchService({ master: '127.0.0.1:5050', service: 'web' });
 * await watch.ready();
 * const rr = watch.resolver('http');
 * const { host, port } = rr.pick()!;
 * watch.close();
 * ```
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { ClientSecurity } from '@meseta/runtime/client-config';
import { createMasterDetector, type MasterDetector } from '@meseta/runtime/master-detector';
import { backoffDelayMs } from './backoff';
import { SseParser } from './sse-parser';
import { EndpointSet, RoundRobin, type ServiceEndpoint, type WatchMessage } from './endpoint-set';

/** Options of {@link watchService}. */
export interface WatchServiceOptions {
  /** The master's `host:port` (any master: a standby redirects to the leader), or `zk://host:port/path` to follow the leader in ZooKeeper. */
  master: string;
  /** The service name. @default every service */
  service?: string;
  /** Only this framework's tasks (its name as a DNS label). @default every framework */
  framework?: string;
  /**
   * Who watches (Mesos's DiscoveryInfo visibility read as an audience):
   * `framework` (needs `framework`: every endpoint of it, and the CLUSTER and
   * EXTERNAL ones of others), `cluster` (CLUSTER and EXTERNAL endpoints) or
   * `external` (EXTERNAL only). @default `framework` with `framework`, else `cluster`
   */
  visibility?: 'framework' | 'cluster' | 'external';
  /** TLS (`ca`, `cert`, `key`) and the operator token. @default plaintext, no token */
  security?: ClientSecurity;
  /**
   * Carry on from a set kept from before (another watch's `token` and
   * `list()`): the master sends only what changed since, or the whole set
   * when it cannot (another master, a token too old).
   * @default none: the whole set first
   */
  resumeFrom?: { token: string; endpoints: readonly ServiceEndpoint[] };
  /** First reconnect delay. @default 100 */
  reconnectInitialMs?: number;
  /** Longest reconnect delay. @default 5000 */
  reconnectMaxMs?: number;
}

/** Why the watch stopped for good (bad request, refused credential). */
export class WatchRefused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'WatchRefused';
  }
}

/** A live watch of one service (or all). */
export class ServiceWatch {
  readonly endpoints = new EndpointSet();
  private readonly changeListeners = new Set<(endpoints: ServiceEndpoint[]) => void>();
  private readonly errorListeners = new Set<(e: Error) => void>();
  private readonly messageListeners = new Set<(kind: string, message: WatchMessage) => void>();
  /** When the connection was lost (undefined while connected or before the first). */
  private lostAt: number | undefined = Date.now();
  private readonly detector: MasterDetector;
  /** The leader a master redirected to, used until a connection to it is lost. */
  private redirect?: string;
  private request?: http.ClientRequest;
  private timer?: NodeJS.Timeout;
  private attempt = 0;
  private closed = false;
  private synced = false;
  private readyWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  /** Connections made (the first one included). */
  connections = 0;
  /** Whole sets received (a new watch's first, and each resume the master could not honour). */
  snapshots = 0;

  constructor(private readonly options: WatchServiceOptions) {
    this.detector = createMasterDetector(options.master);
    this.detector.onChange(() => (this.redirect = undefined));
    if (options.resumeFrom) this.endpoints.apply('snapshot', { token: options.resumeFrom.token, revision: 0, instances: [...options.resumeFrom.endpoints] });
    this.connect();
  }

  /** The token to resume from: give it to a later watch as `resumeToken`. */
  get token(): string {
    return this.endpoints.token;
  }

  /** The current endpoints, in id order. */
  list(): ServiceEndpoint[] {
    return this.endpoints.list();
  }

  /** Resolves once the set is current (first snapshot or resume answered); rejects if the watch is refused. */
  ready(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** Be told of every change of the set; returns the unsubscribe function. */
  onChange(listener: (endpoints: ServiceEndpoint[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Be told of connection problems (the watch retries) and refusals (it stops). */
  onError(listener: (e: Error) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /**
   * Be told of every watch event as it comes (`snapshot`, `change`,
   * `current`), after the set applied it: for a consumer that keeps its
   * own index (`meseta dns`). Returns the unsubscribe function.
   */
  onMessage(listener: (kind: string, message: WatchMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** True while a watch connection is up and answered. */
  get connected(): boolean {
    return this.lostAt === undefined;
  }

  /** Milliseconds since the connection was lost (0 while connected). */
  disconnectedForMs(now = Date.now()): number {
    return this.lostAt === undefined ? 0 : now - this.lostAt;
  }

  /** Round robin over the current endpoints, on the port named `portName` (default: each one's first port). */
  resolver(portName = ''): RoundRobin {
    return new RoundRobin(this.endpoints, portName);
  }

  /** Stop watching. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.request?.destroy();
    this.request = undefined;
    this.detector.close();
  }

  private url(master: string): URL {
    const { ca } = this.options.security ?? {};
    const url = new URL(`${ca ? 'https' : 'http'}://${master}/api/v1/discovery/watch`);
    if (this.options.service) url.searchParams.set('service', this.options.service);
    if (this.options.framework) url.searchParams.set('framework', this.options.framework);
    if (this.options.visibility) url.searchParams.set('visibility', this.options.visibility);
    if (this.endpoints.token) url.searchParams.set('resume', this.endpoints.token);
    return url;
  }

  private connect(): void {
    if (this.closed) return;
    this.connections++;
    if (this.redirect !== undefined) {
      this.open(this.redirect);
      return;
    }
    this.detector.leader().then(
      (address) => this.open(address),
      (e: Error) => this.retry(e),
    );
  }

  private open(master: string): void {
    if (this.closed) return;
    const security = this.options.security ?? {};
    const url = this.url(master);
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (security.token) headers.authorization = `Bearer ${security.token}`;
    const get = security.ca
      ? https.get(url, { headers, ca: security.ca, cert: security.cert, key: security.key})
      : http.get(url, { headers });
    this.request = get;
    get.on('response', (res) => {
      if (res.statusCode === 307 && res.headers.location) {
        res.resume();
        let leader: string | undefined;
        try {
          leader = new URL(res.headers.location, url).host;
        } catch {
          // keep the master we had; retry there
        }
        this.retry(new Error(`redirected to the leader at ${leader ?? master}`), 0, leader);
        return;
      }
      if (res.statusCode !== 200) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c.length < 4096 ? c : ''));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const message = `watch ${url.pathname}${url.search}: HTTP ${status} ${body.trim()}`;
          if (status >= 400 && status < 500) this.refuse(new WatchRefused(status, message));
          else this.retry(new Error(message));
        });
        return;
      }
      const parser = new SseParser();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const e of parser.push(chunk)) this.onEvent(e.event, e.data);
      });
      res.on('end', () => this.retry(new Error('the master closed the watch')));
      res.on('error', (e) => this.retry(e));
    });
    get.on('error', (e) => this.retry(e));
  }

  private onEvent(kind: string, data: string): void {
    let message: WatchMessage;
    try {
      message = JSON.parse(data) as WatchMessage;
    } catch {
      return;
    }
    this.attempt = 0;
    this.lostAt = undefined;
    const changed = this.endpoints.apply(kind, message);
    for (const l of this.messageListeners) l(kind, message);
    if (kind === 'snapshot') this.snapshots++;
    if (kind === 'snapshot' || kind === 'current') {
      this.synced = true;
      for (const w of this.readyWaiters.splice(0)) w.resolve();
    }
    if (changed) for (const l of this.changeListeners) l(this.endpoints.list());
  }

  /** Try again after a delay; at `redirect` when given, else at the leader the master spec names. */
  private retry(e: Error, delayMs?: number, redirect?: string): void {
    this.request = undefined;
    this.lostAt ??= Date.now();
    if (this.closed || this.timer) return;
    this.redirect = redirect;
    for (const l of this.errorListeners) l(e);
    const delay = delayMs ?? backoffDelayMs(this.attempt++, this.options.reconnectInitialMs ?? 100, this.options.reconnectMaxMs ?? 5000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect();
    }, delay);
  }

  private refuse(e: WatchRefused): void {
    this.closed = true;
    for (const l of this.errorListeners) l(e);
    for (const w of this.readyWaiters.splice(0)) w.reject(e);
  }
}

/** Start watching a service (see {@link ServiceWatch}). */
export function watchService(options: WatchServiceOptions): ServiceWatch {
  return new ServiceWatch(options);
}
