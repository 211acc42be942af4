/**
 * `GET /api/v1/agents/<agentId>/files/browse?path=` and
 * `GET /api/v1/agents/<agentId>/files/read?path=&offset=&length=`: the
 * browser reads sandbox files through the master (one origin). The proxy
 * only ever calls the registered address of that agent, while its link is
 * up and when it is a plain IP or host name, only its
 * `/files/browse` and `/files/read` endpoints, and only with those query
 * parameters; the agent itself confines paths to its sandboxes and its
 * refusals (403 for `..`, absolute paths or links leading out) pass through.
 */
import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { httpRequestFunctionFor, httpRequestSecurityFor, type ClientSecurity } from '@meseta/runtime/client-security';
import type { Master } from './master';
import type { AgentRecord } from './state';
import { sendJson } from './http-json';

/** The agent endpoints the proxy reaches, with the query parameters each takes. */
export const PROXIED_FILE_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  browse: ['path'],
  read: ['path', 'offset', 'length'],
};

/** Largest response body relayed from an agent (its reads are capped at 1 MiB of data). */
export const MAX_PROXIED_BYTES = 8 * 1024 * 1024;

/** What the proxy may call: an agent's registered address. */
export interface AgentAddress {
  hostname: string;
  port: number;
  status: string;
}

/** A request to make to an agent, or the refusal to send to the browser. */
export type ProxyPlan =
  | { ok: true; hostname: string; port: number; path: string }
  | { ok: false; status: number; error: string };

/**
 * Decide what to ask the agent for. `operation` is the path segment after
 * `/files/`; only {@link PROXIED_FILE_OPERATIONS} pass, with only their
 * parameters (each at most once), re-encoded.
 */
export function planFilesRequest(
  agentId: string,
  agent: AgentAddress | undefined,
  operation: string,
  query: URLSearchParams,
): ProxyPlan {
  const allowed = Object.prototype.hasOwnProperty.call(PROXIED_FILE_OPERATIONS, operation) ? PROXIED_FILE_OPERATIONS[operation] : undefined;
  if (!allowed) {
    return { ok: false, status: 404, error: `no such files endpoint: ${operation} (use browse or read)` };
  }
  const target = planAgentTarget(agentId, agent, 'its sandboxes');
  if (!target.ok) return target;
  const forwarded = new URLSearchParams();
  for (const key of new Set(query.keys())) {
    if (!allowed.includes(key)) return { ok: false, status: 400, error: `${key}: not a parameter of files/${operation} (takes ${allowed.join(', ')})` };
    const values = query.getAll(key);
    if (values.length > 1) return { ok: false, status: 400, error: `${key}: given ${values.length} times` };
    forwarded.set(key, values[0]);
  }
  if (!forwarded.get('path')) return { ok: false, status: 400, error: 'path: required' };
  return { ok: true, hostname: target.hostname, port: target.port, path: `/files/${operation}?${forwarded.toString()}` };
}

/** Where to call an agent, or the refusal to send to the browser. */
export type AgentTarget = { ok: true; hostname: string; port: number } | { ok: false; status: number; error: string };

/**
 * Whether the master may call this agent now, and where: only a known agent
 * (404), not gone (410), while its link is up (503: a disconnected agent's
 * port may be anyone's now), at a plain host and a real port (502).
 * `what` names what the caller wanted from it (`its sandboxes`).
 */
export function planAgentTarget(agentId: string, agent: AgentAddress | undefined, what: string): AgentTarget {
  if (!agent) return { ok: false, status: 404, error: `no such agent: ${agentId}` };
  if (agent.status === 'GONE') return { ok: false, status: 410, error: `agent ${agentId} is gone; ${what} cannot be read` };
  if (agent.status !== 'ACTIVE') {
    // Its registered address is only trusted while its link is up: a disconnected agent's port may be anyone's now.
    return { ok: false, status: 503, error: `agent ${agentId} is ${agent.status.toLowerCase()}; ${what} can be read once it is connected again` };
  }
  if (!isPlainHost(agent.hostname) || !Number.isInteger(agent.port) || agent.port <= 0 || agent.port > 65535) {
    return { ok: false, status: 502, error: `agent ${agentId} registered no usable address` };
  }
  return { ok: true, hostname: agent.hostname, port: agent.port };
}

const HOST_LABEL = '[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?';
const HOST_NAME = new RegExp(`^${HOST_LABEL}(\\.${HOST_LABEL})*\\.?$`);

/**
 * True for an IP address or a DNS name, nothing else: no port, user, path
 * or scheme can ride in on an agent's registered host name.
 */
export function isPlainHost(host: string): boolean {
  if (!host || host.length > 253) return false;
  return isIP(host) !== 0 || HOST_NAME.test(host);
}

/** `/api/v1/agents/<id>/files/<operation>` → its parts, or undefined for other paths. */
export function parseProxyPath(pathname: string): { agentId: string; operation: string } | undefined {
  const m = /^\/api\/v1\/agents\/([^/]+)\/files\/([^/]+)$/.exec(pathname);
  if (!m) return undefined;
  try {
    return { agentId: decodeURIComponent(m[1]), operation: decodeURIComponent(m[2]) };
  } catch {
    return undefined;
  }
}


/**
 * The host the relay calls for an agent: where its link really comes from
 * when the master saw it (`AgentRecord.linkPeerHost`), else the host name it
 * declared at registration.
 */
export function relayHost(record: Pick<AgentRecord, 'info' | 'linkPeerHost'>): string {
  return record.linkPeerHost ?? record.info.hostname ?? '';
}

/** Serve a proxied files request: plan it, call the agent, relay its answer. */
export function proxyAgentFiles(
  master: Master,
  agentId: string,
  operation: string,
  url: URL,
  res: ServerResponse,
  timeoutMs = 10_000,
  security: ClientSecurity = {},
): void {
  const record = master.agents.get(agentId);
  const plan = planFilesRequest(
    agentId,
    record ? { hostname: relayHost(record), port: record.info.port ?? 0, status: record.status } : undefined,
    operation,
    url.searchParams,
  );
  if (!plan.ok) {
    sendJson(res, plan.status, { error: plan.error });
    return;
  }
  const where = `agent ${agentId} at ${plan.hostname}:${plan.port}`;
  const secured = httpRequestSecurityFor(security);
  const upstream = httpRequestFunctionFor(security)(
    {
      ...secured.tls,
      host: plan.hostname,
      port: plan.port,
      path: plan.path,
      method: 'GET',
      headers: { ...secured.headers, accept: 'application/json' },
      timeout: timeoutMs,
    },
    (answer) => {
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_PROXIED_BYTES) {
          answer.destroy();
          if (!res.headersSent) sendJson(res, 502, { error: `${where} answered more than ${MAX_PROXIED_BYTES} bytes` });
          return;
        }
        chunks.push(chunk);
      });
      answer.on('end', () => {
        if (res.headersSent) return;
        const body = Buffer.concat(chunks);
        const type = String(answer.headers['content-type'] ?? '');
        if (!type.startsWith('application/json')) {
          sendJson(res, 502, { error: `${where} answered ${answer.statusCode} with ${type || 'no content type'}, not JSON` });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(body);
      });
      answer.on('error', (e) => {
        if (!res.headersSent) sendJson(res, 502, { error: `${where} broke off: ${e.message}` });
      });
    },
  );
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${timeoutMs} ms`)));
  upstream.on('error', (e: NodeJS.ErrnoException) => {
    if (!res.headersSent) sendJson(res, 502, { error: `${where} could not be reached: ${e.code ?? e.message}` });
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.end();
}
