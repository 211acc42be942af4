/**
 * The HTTP side of a framework: a tiny JSON router on Node's http server,
 * bound to 127.0.0.1. Handlers return `{ status, body }` or throw an
 * {@link HttpError}; request bodies are parsed as JSON with a size limit,
 * and a bad body is answered 400 naming the problem.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@meseta/runtime/log';

/** An error answered with its status and `{ error: message }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields for the JSON answer, e.g. a list of problems. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** One parsed request, as a handler sees it. */
export interface JsonRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Named parts of the route pattern (`/v1/apps/:id` → `{ id }`), URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  /** The raw request, for streaming answers. */
  raw: http.IncomingMessage;
  /** The raw response, for streaming answers (then return `{ streamed: true }`). */
  response: http.ServerResponse;
}

/** What a handler answers. */
export type JsonReply = { status?: number; body?: unknown; text?: string } | { streamed: true };

/** A route handler. */
export type JsonHandler = (request: JsonRequest) => JsonReply | Promise<JsonReply>;

interface Route {
  method: string;
  parts: string[];
  handler: JsonHandler;
}

/** Largest request body accepted. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Routes by method and path pattern (`:name` matches one path segment). */
export class JsonRouter {
  private readonly routes: Route[] = [];

  /** Add a route; earlier routes win. */
  on(method: string, pattern: string, handler: JsonHandler): this {
    this.routes.push({ method: method.toUpperCase(), parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** The matching route and its params, or why there is none (404/405). */
  match(method: string, path: string): { handler: JsonHandler; params: Record<string, string> } | HttpError {
    const segments = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    return pathMatched ? new HttpError(405, `${method} is not allowed on ${path}`) : new HttpError(404, `no such resource: ${path}`);
  }

  /** A Node request listener serving these routes. */
  listener(logger?: Logger): http.RequestListener {
    return (req, res) => void this.serve(req, res, logger);
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse, logger?: Logger): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const found = this.match(method, url.pathname);
      if (found instanceof HttpError) throw found;
      const body = await readJsonBody(req);
      const reply = await found.handler({ method, path: url.pathname, params: found.params, query: url.searchParams, body, raw: req, response: res });
      if ('streamed' in reply) return;
      if (reply.text !== undefined) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain; charset=utf-8' }).end(reply.text);
        return;
      }
      sendJson(res, reply.status ?? 200, reply.body ?? {});
    } catch (e) {
      if (e instanceof HttpError) {
        sendJson(res, e.status, { error: e.message, ...(e.details ?? {}) });
        return;
      }
      logger?.error('request failed', { method, path: url.pathname, error: e as Error });
      if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message ?? String(e) });
      else res.end();
    }
  }
}

function matchParts(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(segments[i]);
      } catch {
        return undefined;
      }
    } else if (p !== segments[i]) {
      return undefined;
    }
  }
  return params;
}

/** Answer with a JSON body. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2) + '\n';
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/**
 * Read and parse a JSON request body (undefined when empty).
 * @throws HttpError 413 when too large, 400 when not JSON.
 */
export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body: larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `request body: not valid JSON (${(e as Error).message})`);
  }
}

/** A listening server. */
export interface RunningHttpServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/** Listen on `host:port` (port 0 picks a free one). */
export async function listenHttp(listener: http.RequestListener, port: number, host = '127.0.0.1'): Promise<RunningHttpServer> {
  const server = http.createServer(listener);
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
