/**
 * A small client of the Docker Engine API over its unix socket (never the
 * `docker` command line): JSON requests, streamed bodies (image loads),
 * streamed responses (logs) and hijacked connections (exec sessions).
 * Every failure is a {@link DockerApiError} carrying the daemon's own
 * message and status.
 */
import * as http from 'node:http';
import type { Duplex, Readable } from 'node:stream';

/** The API version asked for: Docker 20.10 (Debian bookworm's docker.io) and later serve it. */
export const DOCKER_API_VERSION = 'v1.41';

/** A refusal or failure answered by the daemon (or no answer at all: status 0). */
export class DockerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DockerApiError';
  }
}

/** The socket path of `unix:///path` or a plain path. */
export function dockerSocketPath(address: string): string {
  const trimmed = address.trim();
  if (trimmed.startsWith('unix://')) return trimmed.slice('unix://'.length);
  if (/^[a-z]+:\/\//i.test(trimmed)) throw new Error(`--docker-socket: "${address}" is not a unix socket (unix:///path or /path)`);
  return trimmed;
}

/** The default socket: `$DOCKER_HOST` when it names a unix socket, else /var/run/docker.sock. */
export function defaultDockerSocket(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST ?? '';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/** Options of one request. */
interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  json?: unknown;
  /** Streamed body (e.g. a tarball). */
  body?: Readable;
  contentType?: string;
  /** Give up after this long (0: never). @default 60000 */
  timeoutMs?: number;
  /** A request that stays open long (wait, logs): its own connection, not one of the pool's. */
  longLived?: boolean;
  /** Extra request headers (e.g. `X-Registry-Auth`). */
  headers?: Record<string, string>;
}

/** Engine API client bound to one socket. */
export class DockerEngine {
  private readonly agent: http.Agent;
  /** Requests that stay open (wait, logs), ended by {@link close}. */
  private readonly open = new Set<http.ClientRequest>();

  constructor(readonly socketPath: string) {
    // Keep connections open between requests: launching is a handful of calls.
    this.agent = new http.Agent({ keepAlive: true });
  }

  /** Close every connection, the long-lived ones (wait, logs) included. */
  close(): void {
    this.agent.destroy();
    for (const request of this.open) request.destroy();
    this.open.clear();
  }

  private path(pathname: string, query?: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
    const q = params.toString();
    return `/${DOCKER_API_VERSION}${pathname}${q ? `?${q}` : ''}`;
  }

  /** Start a request; resolves with the response (any status). */
  private send(method: string, pathname: string, options: RequestOptions = {}): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...options.headers };
      let payload: Buffer | undefined;
      if (options.json !== undefined) {
        payload = Buffer.from(JSON.stringify(options.json));
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
      } else if (options.body) {
        headers['content-type'] = options.contentType ?? 'application/x-tar';
      }
      const request = http.request(
        {
          socketPath: this.socketPath,
          method,
          path: this.path(pathname, options.query),
          headers,
          agent: options.longLived ? false : this.agent,
          timeout: options.timeoutMs ?? 60_000,
        },
        resolve,
      );
      if (options.longLived) {
        this.open.add(request);
        request.on('close', () => this.open.delete(request));
      }
      request.on('timeout', () => request.destroy(new DockerApiError(0, `Docker daemon at ${this.socketPath} did not answer ${method} ${pathname} in time`)));
      request.on('error', (e) => reject(e instanceof DockerApiError ? e : new DockerApiError(0, `cannot reach the Docker daemon at ${this.socketPath}: ${e.message}`)));
      if (payload) request.end(payload);
      else if (options.body) {
        options.body.on('error', (e) => request.destroy(e));
        options.body.pipe(request);
      } else request.end();
    });
  }

  /** A request whose answer is JSON (or empty); throws {@link DockerApiError} for a status >= 400. */
  async call<T = unknown>(method: string, pathname: string, options: RequestOptions = {}): Promise<{ status: number; body: T }> {
    const response = await this.send(method, pathname, options);
    const text = await readAll(response);
    const status = response.statusCode ?? 0;
    let body: unknown = undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (status >= 400) {
      const message = (body as { message?: string })?.message ?? (typeof body === 'string' ? body : `HTTP ${status}`);
      throw new DockerApiError(status, message.trim());
    }
    return { status, body: body as T };
  }

  /** A request whose answer is streamed; the response is returned unread (status checked). */
  async stream(method: string, pathname: string, options: RequestOptions = {}): Promise<http.IncomingMessage> {
    const response = await this.send(method, pathname, { timeoutMs: 0, longLived: true, ...options });
    const status = response.statusCode ?? 0;
    if (status >= 400) {
      const text = await readAll(response);
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // plain text
      }
      throw new DockerApiError(status, message.trim() || `HTTP ${status}`);
    }
    response.socket?.setTimeout(0);
    return response;
  }

  /**
   * POST with `Upgrade: tcp` and take over the connection (exec start): the
   * returned socket carries the raw multiplexed stream both ways.
   */
  hijack(pathname: string, json: unknown): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(json));
      const request = http.request({
        socketPath: this.socketPath,
        method: 'POST',
        path: this.path(pathname),
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), connection: 'Upgrade', upgrade: 'tcp' },
      });
      request.on('upgrade', (_response, socket, head) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      request.on('response', (response) => {
        void readAll(response).then((text) => {
          let message = text;
          try {
            message = (JSON.parse(text) as { message?: string }).message ?? text;
          } catch {
            // plain text
          }
          reject(new DockerApiError(response.statusCode ?? 0, message.trim() || `HTTP ${response.statusCode} instead of a hijacked stream`));
        });
      });
      request.on('error', (e) => reject(new DockerApiError(0, `cannot reach the Docker daemon at ${this.socketPath}: ${e.message}`)));
      request.end(payload);
    });
  }

  /** `GET /_ping`: resolves when a daemon answers. */
  async ping(): Promise<void> {
    const response = await this.send('GET', '/_ping', { timeoutMs: 5000 });
    await readAll(response);
    if (response.statusCode !== 200) throw new DockerApiError(response.statusCode ?? 0, `Docker daemon at ${this.socketPath} answered /_ping with ${response.statusCode}`);
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
