/**
 * `GET /api/v1/frameworks/<frameworkId>/api/<path>`: the web UI reads a
 * framework's own HTTP API (the services framework's apps, the jobs
 * framework's jobs) through the master, so one origin and one login serve.
 * Not an open proxy: the target is the `webui_url` the framework registered
 * with (FrameworkInfo.webui_url), only for a framework that is subscribed
 * and connected now and visible to the caller; only GET; only the paths a
 * read needs (`/health` and `/v1/...`, no `..`, no `%2F`), only the
 * listed query parameters; no header of the browser's (cookies, tokens) is
 * passed on; only JSON answers up to 8 MiB come back.
 */
import type { ServerResponse } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Master } from './master';
import { isPlainHost } from './http-agent-proxy';
import { sendJson } from './http-json';

/** Largest answer relayed from a framework. */
export const MAX_FRAMEWORK_ANSWER_BYTES = 8 * 1024 * 1024;
/** How long a framework has to answer. */
export const FRAMEWORK_ANSWER_TIMEOUT_MS = 5000;
/** Query parameters passed on (the frameworks' list filters). */
export const PASSED_QUERY = ['running', 'detail'] as const;

/** What the proxy knows of a framework. */
export interface ProxiedFramework {
  name: string;
  webuiUrl: string;
  /** Subscribed and its stream connected now. */
  connected: boolean;
}

/** The request to make, or the refusal to send to the browser. */
export type FrameworkProxyPlan = { ok: true; url: URL } | { ok: false; status: number; error: string };

/** `/api/v1/frameworks/<id>/api/<rest>` → its parts, or undefined for other paths. */
export function parseFrameworkApiPath(pathname: string): { frameworkId: string; path: string } | undefined {
  const m = /^\/api\/v1\/frameworks\/([^/]+)\/api(\/.*)$/.exec(pathname);
  if (!m) return undefined;
  try {
    return { frameworkId: decodeURIComponent(m[1]), path: m[2] };
  } catch {
    return undefined;
  }
}

const SAFE_PATH = /^\/(health|v1(\/[A-Za-z0-9._~-]+(%[0-9A-Fa-f]{2}[A-Za-z0-9._~-]*)*)+)$/;

/**
 * Decide where to send a read: the framework's registered URL joined with
 * `path` (404 unknown framework, 409 no web UI URL, 503 not connected, 502
 * an unusable URL, 400 a path or parameter the proxy does not pass). Pure.
 */
export function planFrameworkRequest(frameworkId: string, framework: ProxiedFramework | undefined, path: string, query: URLSearchParams): FrameworkProxyPlan {
  if (!framework) return { ok: false, status: 404, error: `no such framework: ${frameworkId}` };
  const who = `framework ${framework.name || frameworkId}`;
  if (!framework.webuiUrl) return { ok: false, status: 409, error: `${who} registered no webui_url, so its API cannot be reached through the master` };
  if (!framework.connected) return { ok: false, status: 503, error: `${who} is not connected to the master; its API is read while it is` };
  let base: URL;
  try {
    base = new URL(framework.webuiUrl);
  } catch {
    return { ok: false, status: 502, error: `${who} registered webui_url "${framework.webuiUrl}", which is not a URL` };
  }
  if ((base.protocol !== 'http:' && base.protocol !== 'https:') || base.username || base.password || !isPlainHost(base.hostname.replace(/^\[|\]$/g, ''))) {
    return { ok: false, status: 502, error: `${who} registered webui_url "${framework.webuiUrl}", which is not an http(s) URL of a plain host` };
  }
  if (!SAFE_PATH.test(path) || /%2f|%2e|%5c/i.test(path) || path.split('/').some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, status: 400, error: `path: ${path} is not a framework API read (/health or /v1/...)` };
  }
  const url = new URL(base.origin);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  for (const key of new Set(query.keys())) {
    if (!(PASSED_QUERY as readonly string[]).includes(key)) return { ok: false, status: 400, error: `${key}: not a parameter the proxy passes (takes ${PASSED_QUERY.join(', ')})` };
    const values = query.getAll(key);
    if (values.length > 1) return { ok: false, status: 400, error: `${key}: given ${values.length} times` };
    url.searchParams.set(key, values[0]);
  }
  return { ok: true, url };
}


/** Serve one proxied read on `res`: plan it over `master`'s frameworks, call the framework, relay its JSON. */
export function proxyFrameworkApi(master: Master, frameworkId: string, path: string, query: URLSearchParams, res: ServerResponse): void {
  const record = master.frameworks.get(frameworkId);
  const framework = record ? { name: record.info.name ?? '', webuiUrl: record.info.webui_url ?? '', connected: record.connected && record.active } : undefined;
  const plan = planFrameworkRequest(frameworkId, framework, path, query);
  if (!plan.ok) return sendJson(res, plan.status, { error: plan.error });
  const who = `framework ${framework?.name || frameworkId} at ${plan.url.origin}`;
  const get = plan.url.protocol === 'https:' ? https.get : http.get;
  const req = get(plan.url, { headers: { accept: 'application/json' }, timeout: FRAMEWORK_ANSWER_TIMEOUT_MS, agent: false }, (answer) => {
    const type = String(answer.headers['content-type'] ?? '');
    const chunks: Buffer[] = [];
    let size = 0;
    answer.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FRAMEWORK_ANSWER_BYTES) {
        answer.destroy();
        if (!res.headersSent) sendJson(res, 502, { error: `${who} answered more than ${MAX_FRAMEWORK_ANSWER_BYTES} bytes` });
        return;
      }
      chunks.push(c);
    });
    answer.on('end', () => {
      if (res.headersSent) return;
      if (!type.startsWith('application/json')) return sendJson(res, 502, { error: `${who} answered ${type || 'no content type'}, not JSON` });
      res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(Buffer.concat(chunks));
    });
    answer.on('error', (e) => !res.headersSent && sendJson(res, 502, { error: `${who}: ${e.message}` }));
  });
  req.on('timeout', () => req.destroy(new Error(`no answer within ${FRAMEWORK_ANSWER_TIMEOUT_MS} ms`)));
  req.on('error', (e) => !res.headersSent && sendJson(res, 502, { error: `${who} did not answer: ${e.message}` }));
}
