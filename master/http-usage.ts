/**
 * The usage routes of the web UI (authenticated as the other UI routes; a
 * restricted viewer is served over its filtered view, so an agent or task
 * it may not see is 404):
 * - `GET /api/v1/usage/cluster`: the master's cluster series of the last hour
 *   (`cluster-usage.ts`);
 * - `GET /api/v1/usage/agents/<agentId>`: that agent's own series;
 * - `GET /api/v1/usage/tasks/<frameworkId>/<taskId>`: that task's series
 *   (its newest container), from the agent that runs or ran it.
 * The master keeps no history per agent or task: it asks the agent
 * (`/api/v1/usage`), under the files proxy's rules (`planAgentTarget`: only
 * an active agent, at the host its link comes from and its registered port),
 * and relays the answer checked and reshaped (`usage-series-shape.ts`).
 * Refusals `{ "error" }`: 404 unknown, 410 gone, 503 not connected, 502 an
 * agent answer it cannot use. A known task its agent has not measured yet
 * gets an empty series (200), so a page opened right after a launch shows
 * "not measured yet" instead of an error.
 */
import type { ServerResponse } from 'node:http';
import { httpRequestFunctionFor, httpRequestSecurityFor, type ClientSecurity } from '@meseta/runtime/client-security';
import type { Master } from './master';
import { planAgentTarget, relayHost } from './http-agent-proxy';
import { hostPort } from './link-peer';
import { shapeUsageSeries } from './usage-series-shape';
import { findTask } from './http-ui-view';
import { CLUSTER_USAGE_INTERVAL_SECONDS } from './master-usage';
import { sendJson } from './http-json';

/** How soon the page asks again for a task its agent has not measured yet (the agents' default --usage-interval). */
const UNMEASURED_POLL_SECONDS = 10;

/** Largest agent answer read (an hour of points at 1 s is about 250 KB). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** A usage route's parts, or undefined for other paths. */
export type UsageRoute = { kind: 'cluster' } | { kind: 'agent'; agentId: string } | { kind: 'task'; frameworkId: string; taskId: string };

/** `/api/v1/usage/...` → which series. */
export function parseUsagePath(pathname: string): UsageRoute | undefined {
  if (pathname === '/api/v1/usage/cluster') return { kind: 'cluster' };
  try {
    const agent = /^\/api\/v1\/usage\/agents\/([^/]+)$/.exec(pathname);
    if (agent) return { kind: 'agent', agentId: decodeURIComponent(agent[1]) };
    const task = /^\/api\/v1\/usage\/tasks\/([^/]+)\/([^/]+)$/.exec(pathname);
    if (task) return { kind: 'task', frameworkId: decodeURIComponent(task[1]), taskId: decodeURIComponent(task[2]) };
  } catch {
    return undefined;
  }
  return undefined;
}


/** Serve one usage route over `view` (the viewer's master). */
export function serveUsage(view: Master, route: UsageRoute, res: ServerResponse, security: ClientSecurity = {}, timeoutMs = 10_000): void {
  if (route.kind === 'cluster') {
    sendJson(res, 200, { interval_seconds: CLUSTER_USAGE_INTERVAL_SECONDS, points: view.usage.clusterSeries() });
    return;
  }
  let agentId: string;
  let query = '';
  let what: string;
  if (route.kind === 'agent') {
    agentId = route.agentId;
    what = 'its usage';
  } else {
    const found = findTask(view, route.frameworkId, route.taskId);
    if (!found) {
      sendJson(res, 404, { error: `no task ${route.taskId} of framework ${route.frameworkId}` });
      return;
    }
    agentId = found.record.agentId;
    query = `?framework_id=${encodeURIComponent(route.frameworkId)}&task_id=${encodeURIComponent(route.taskId)}`;
    what = `the usage of task ${route.taskId}`;
  }
  const record = view.agents.get(agentId);
  const target = planAgentTarget(agentId, record ? { hostname: relayHost(record), port: record.info.port ?? 0, status: record.status } : undefined, what);
  if (!target.ok) {
    sendJson(res, target.status, { error: target.error });
    return;
  }
  const where = `agent ${agentId} at ${hostPort(target.hostname, target.port)}`;
  const fail = (status: number, error: string): void => {
    if (!res.headersSent) sendJson(res, status, { error });
  };
  const secured = httpRequestSecurityFor(security);
  const upstream = httpRequestFunctionFor(security)(
    { ...secured.tls, host: target.hostname, port: target.port, path: `/api/v1/usage${query}`, method: 'GET', headers: { ...secured.headers, accept: 'application/json' }, timeout: timeoutMs },
    (answer) => {
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          answer.destroy();
          fail(502, `${where} answered /api/v1/usage with more than ${MAX_ANSWER_BYTES} bytes`);
          return;
        }
        chunks.push(chunk);
      });
      answer.on('end', () => {
        if (res.headersSent) return;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          fail(502, `${where} answered /api/v1/usage with something that is not JSON`);
          return;
        }
        if (answer.statusCode === 404 && route.kind === 'task') {
          // A task the master knows that its agent has not measured yet (just launched, or an agent
          // too old to measure): an empty series, not an error — the page shows "not measured yet".
          sendJson(res, 200, { agent_id: agentId, framework_id: route.frameworkId, task_id: route.taskId, interval_seconds: UNMEASURED_POLL_SECONDS, limits: {}, points: [] });
          return;
        }
        if (answer.statusCode === 404) {
          fail(404, `${where}: ${String((body as { error?: unknown })?.error ?? 'no usage')}`);
          return;
        }
        if (answer.statusCode !== 200) {
          fail(502, `${where} answered /api/v1/usage with ${answer.statusCode}: ${String((body as { error?: unknown })?.error ?? text.slice(0, 200))}`);
          return;
        }
        const shaped = shapeUsageSeries(agentId, body);
        if (shaped.ok) sendJson(res, 200, shaped.value);
        else fail(502, `${where} answered an unusable usage series: ${shaped.error}`);
      });
      answer.on('error', (e) => fail(502, `${where} broke off: ${e.message}`));
    },
  );
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${timeoutMs} ms`)));
  upstream.on('error', (e: NodeJS.ErrnoException) => fail(502, `${where} could not be reached: ${e.code ?? e.message}`));
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.end();
}
