/**
 * The master's endpoints in Mesos's shape, for tools written against
 * Mesos: `/master/state` (`/state.json`, `/master/state.json`),
 * `/master/state-summary`, `/master/slaves`, `/master/frameworks`
 * (`?framework_id=`), `/master/tasks` (`?limit=&offset=&order=&framework_id=&task_id=`),
 * `/master/flags`, `/master/roles` (the role tree, `mesos-roles-json.ts`),
 * `/master/redirect`, `/metrics/snapshot`, and
 * `/files/{browse,read,download}` for Mesos's virtual sandbox paths, relayed
 * to the agent that holds them. Each also answers without the `/master`
 * prefix, as Mesos's master does (except `/state`: our own document stays
 * there). The builders are pure (`mesos-state-json.ts`, `mesos-metrics.ts`);
 * this module only routes and writes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSystemFigures } from '@meseta/runtime/system-figures';
import { type ClientSecurity, httpRequestSecurityFor } from '@meseta/runtime/client-config';
import type { Master } from './master';
import { writeStreamedJson } from './json-slices';
import {
  mesosFrameworks, mesosSlaves, mesosState, mesosStateSummary, mesosTasks, parseTasksQuery, type MesosStateSource,
} from './mesos-state-json';
import { masterMetricsSnapshotSliced } from './mesos-metrics';
import { planFilesRequest, proxyAgentFiles, relayHost } from './http-agent-proxy';
import { hostPort } from './link-peer';
import { MAINTENANCE_PATHS } from './mesos-maintenance-http';
import { mesosRoles, offeredByRole } from './mesos-roles-json';
import { masterRoleTree } from './state-view';

/**
 * Mesos's paths this module answers, and the maintenance endpoints
 * (`mesos-maintenance-http.ts`, routed by `http.ts`): the guard asks for a
 * credential on all but `/master/redirect`.
 */
export const MESOS_DATA_PATHS: ReadonlySet<string> = new Set([
  '/state.json', '/master/state', '/master/state.json',
  '/state-summary', '/master/state-summary',
  '/slaves', '/master/slaves',
  '/frameworks', '/master/frameworks',
  '/tasks', '/tasks.json', '/master/tasks', '/master/tasks.json',
  '/flags', '/master/flags',
  '/roles', '/roles.json', '/master/roles', '/master/roles.json',
  '/metrics/snapshot',
  '/files/browse', '/files/read', '/files/download',
  ...MAINTENANCE_PATHS,
]);

/** Paths that redirect to the leading master (`//host:port`); open, as in Mesos. */
export const MESOS_REDIRECT_PATHS: ReadonlySet<string> = new Set(['/redirect', '/master/redirect']);

function headers(type: string): Record<string, string> {
  return { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, headers('application/json'));
  res.end(JSON.stringify(body));
}

/** Write a (possibly streamed) document: sliced for GET, headers only for HEAD. */
async function sendDocument(req: IncomingMessage, res: ServerResponse, doc: unknown): Promise<void> {
  res.writeHead(200, headers('application/json'));
  if (req.method !== 'HEAD') await writeStreamedJson(res, doc);
  res.end();
}

/** The Location of `/master/redirect`: `//host:port` of the leader, as Mesos answers (scheme-relative). */
export function redirectLocation(leader: string): string {
  return `//${leader}`;
}

/**
 * Where a Mesos virtual sandbox path (`/frameworks/<f>/executors/<e>/…`)
 * lives: the agent of the newest task of that framework whose executor is
 * `e` (a task without its own executor runs under a command executor named
 * after the task). Undefined for other paths or unknown executors.
 */
export function agentOfVirtualPath(source: MesosStateSource, requested: string): { agentId: string } | { error: string; status: number } {
  const m = /^\/frameworks\/([^/]+)\/executors\/([^/]+)(\/|$)/.exec(requested);
  if (!m) {
    return {
      status: 404,
      error: `path "${requested}": the master serves Mesos's virtual sandbox paths (/frameworks/<framework>/executors/<executor>/runs/latest/…) by asking the agent that holds them; ask an agent's /files/* for other paths`,
    };
  }
  const [, frameworkId, executorId] = m;
  const framework = source.frameworks.get(frameworkId) ?? source.completedFrameworks.find((f) => f.id === frameworkId);
  if (!framework) return { status: 404, error: `path "${requested}": no framework ${frameworkId}` };
  let agentId: string | undefined;
  for (const t of [...framework.completedTasks, ...framework.tasks.values()]) {
    if ((t.task.executor_id?.value || t.taskId) === executorId) agentId = t.agentId;
  }
  if (!agentId) return { status: 404, error: `path "${requested}": framework ${frameworkId} has no executor ${executorId}` };
  return { agentId };
}

/** Options of {@link mesosHttpRoute}. */
export interface MesosHttpOptions {
  /** The master's flags as `/master/state` and `/master/flags` list them. @default none */
  flags?: Record<string, string>;
  /** How the files relay calls agents. @default plaintext */
  agentSecurity?: ClientSecurity;
}

/**
 * Answer `pathname` if it is one of Mesos's endpoints; false otherwise.
 * `master` is the viewer's (possibly filtered) master: every document
 * shows only what that viewer may see.
 */
export async function mesosHttpRoute(master: Master, url: URL, req: IncomingMessage, res: ServerResponse, options: MesosHttpOptions = {}): Promise<boolean> {
  const pathname = url.pathname;
  if (MESOS_REDIRECT_PATHS.has(pathname)) {
    // Only the leader gets here (a standby's gate answers for it): the leader redirects to itself, as Mesos does.
    const { ip, port } = { ip: master.info.address?.ip || master.info.hostname || '', port: master.info.address?.port ?? master.info.port ?? 5050 };
    res.writeHead(307, { location: redirectLocation(`${ip}:${port}`), 'content-length': '0' });
    res.end();
    return true;
  }
  if (!MESOS_DATA_PATHS.has(pathname)) return false;
  const flags = options.flags ?? {};
  switch (pathname) {
    case '/state.json':
    case '/master/state':
    case '/master/state.json':
      await sendDocument(req, res, mesosState(master, { flags }));
      return true;
    case '/state-summary':
    case '/master/state-summary':
      await sendDocument(req, res, mesosStateSummary(master));
      return true;
    case '/slaves':
    case '/master/slaves':
      await sendDocument(req, res, mesosSlaves(master));
      return true;
    case '/frameworks':
    case '/master/frameworks': {
      const ids = url.searchParams.getAll('framework_id');
      if (ids.length > 1) return sendJson(res, 400, { error: `framework_id: given ${ids.length} times` }), true;
      await sendDocument(req, res, mesosFrameworks(master, ids[0] || undefined));
      return true;
    }
    case '/tasks':
    case '/tasks.json':
    case '/master/tasks':
    case '/master/tasks.json': {
      const query = parseTasksQuery(url.searchParams);
      if ('error' in query) return sendJson(res, 400, { error: query.error }), true;
      sendJson(res, 200, mesosTasks(master, query));
      return true;
    }
    case '/roles':
    case '/roles.json':
    case '/master/roles':
    case '/master/roles.json':
      sendJson(res, 200, mesosRoles(masterRoleTree(master), offeredByRole(master.offers.values())));
      return true;
    case '/flags':
    case '/master/flags':
      sendJson(res, 200, { flags });
      return true;
    case '/metrics/snapshot':
      sendJson(res, 200, await masterMetricsSnapshotSliced({ source: master, counters: master.metrics, now: Date.now() / 1000, system: readSystemFigures() }));
      return true;
    default:
      filesRelay(master, url, res, options.agentSecurity ?? {});
      return true;
  }
}

/** `/files/{browse,read,download}` on the master: find the agent of a virtual path and relay (download: redirect) to it. */
function filesRelay(master: Master, url: URL, res: ServerResponse, security: ClientSecurity): void {
  const operation = url.pathname.slice('/files/'.length);
  const requested = url.searchParams.get('path');
  if (!requested) return sendJson(res, 400, { error: "path: required (expecting 'path=value' in the query)" });
  const found = agentOfVirtualPath(master, requested);
  if ('error' in found) return sendJson(res, found.status, { error: found.error });
  if (operation !== 'download') {
    proxyAgentFiles(master, found.agentId, operation, url, res, undefined, security);
    return;
  }
  // Bytes are not relayed: the download is the agent's, at its address (as Mesos's UI downloads from agents).
  const agent = master.agents.get(found.agentId);
  // The same checks as the relay's (connected, a plain host name), at the same registered address.
  const plan = planFilesRequest(found.agentId, agent ? { hostname: relayHost(agent), port: agent.info.port ?? 0, status: agent.status } : undefined, 'read', new URLSearchParams({ path: requested }));
  if (!plan.ok) return sendJson(res, plan.status, { error: plan.error });
  const { protocol } = httpRequestSecurityFor(security);
  res.writeHead(307, { location: `${protocol}//${hostPort(plan.hostname, plan.port)}/files/download?${new URLSearchParams({ path: requested })}`, 'content-length': '0' });
  res.end();
}
