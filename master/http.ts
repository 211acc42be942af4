/**
 * The master's HTTP/1.1 endpoints:
 * - `/health`, `/version`, `/state` (our JSON: Mesos-style field names), `/metrics` (Prometheus text);
 * - Mesos's Scheduler HTTP API, `POST /api/v1/scheduler` (`mesos-scheduler-http.ts`);
 * - Mesos's own endpoints in Mesos's shape (`mesos-http.ts`): `/master/state`,
 *   `/master/tasks`, `/metrics/snapshot`, `/files/*`, `/master/redirect`, …;
 * - the web UI at `/` (built into dist/webui; a plain status page when not built);
 * - the UI's API: `/api/v1/events` (server-sent events: snapshot, then deltas),
 *   `/api/v1/snapshot`, `/api/v1/tasks/<framework>/<task>`, and the sandbox
 *   files proxy `/api/v1/agents/<agent>/files/{browse,read}`, and an agent's
 *   cached registry images `/api/v1/agents/<agent>/images` (`http-agent-images.ts`), usage
 *   series for the charts `/api/v1/usage/{cluster,agents/<agent>,tasks/<framework>/<task>}`
 *   (`http-usage.ts`), the roles page's tree `/api/v1/roles` and an agent's
 *   reservations and volumes `/api/v1/agents/<agent>/storage` (`http-ui-roles.ts`), and
 *   reads of a framework's own API at its webui_url, `/api/v1/frameworks/<id>/api/...`
 *   (`framework-api-proxy.ts`);
 * - the UI's operator actions, `POST /api/v1/actions/<verb>` (`http-ui-actions.ts`), and its
 *   terminal, `POST /api/v1/exec` and `/api/v1/exec/<session>/input` (`http-exec.ts`).
 * Every handler is wrapped so that no request can take the master down.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import type { Master } from './master';
import { clusterState, metricSamplesKept, metricSamplesSliced } from './state-view';
import { MetricSums } from './metric-sums';
import { writeStateJson, writeUiSnapshotJson } from './state-stream';
import { renderPrometheus } from './metrics';
import { MESETA_VERSION } from './version';
import { UiEventStream } from './http-events';
import { uiTaskDetail } from './http-ui-view';
import { parseProxyPath, proxyAgentFiles } from './http-agent-proxy';
import { parseImagesPath } from './agent-images';
import { relayAgentImages } from './http-agent-images';
import { parseUsagePath, serveUsage } from './http-usage';
import { usageMetricSamples } from './master-usage';
import { parseFrameworkApiPath, proxyFrameworkApi } from './framework-api-proxy';
import { findWebUiDir, serveStatic } from './http-static';
import { statusPage } from './http-status-page';
import type { DiscoveryFeed } from './discovery/discovery-feed';
import { handleDiscoveryWatch, type TaskVisibility } from './discovery/http-watch';
import { mesosHttpRoute } from './mesos-http';
import { MAINTENANCE_PATHS, maintenanceHttp } from './mesos-maintenance-http';
import { mesosOperatorHandler } from './mesos-operator-http';
import { SCHEDULER_PATH, mesosSchedulerHandler } from './mesos-scheduler-http';
import { handleUiAction, parseActionPath } from './http-ui-actions';
import { UiExecSessions } from './http-exec';
import { agentExecDialer } from './exec-proxy';
import { parseStoragePath, uiAgentStorage, uiRoleTree } from './http-ui-roles';

export { escapeHtml } from './http-status-page';

function send(res: ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  send(res, code, 'application/json', JSON.stringify(body));
}

/** `/state` as Mesos-style JSON (snake_case, enum names). */
export function stateJson(master: Master): unknown {
  const message = pb.ClusterState.fromObject(clusterState(master) as Record<string, unknown>);
  return pb.ClusterState.toObject(message, JSON_OPTIONS);
}

/** `/api/v1/tasks/<framework>/<task>` → its ids, or undefined for other paths. */
export function parseTaskPath(pathname: string): { frameworkId: string; taskId: string } | undefined {
  const m = /^\/api\/v1\/tasks\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (!m) return undefined;
  try {
    return { frameworkId: decodeURIComponent(m[1]), taskId: decodeURIComponent(m[2]) };
  } catch {
    return undefined;
  }
}

/** Which tasks `view` shows (undefined when it is the whole master). */
function visibleTasks(view: Master, whole: Master): TaskVisibility {
  if (view === whole) return undefined;
  return (frameworkId, taskId) => view.frameworks.get(frameworkId)?.tasks.has(taskId) === true;
}

/** Options of {@link masterHttpHandler}. */
export interface MasterHttpOptions {
  /** Folder of the built UI. @default {@link findWebUiDir}() */
  webUiDir?: string;
  /** Milliseconds between the UI's deltas. @default 200 */
  eventIntervalMs?: number;
  /** How the files proxy and the images relay call agents (TLS, client certificate). @default plaintext */
  agentSecurity?: ClientSecurity;
  /** The endpoint index behind `/api/v1/discovery/watch`. @default none: the path answers 404 */
  discovery?: DiscoveryFeed;
  /** The master's flags as Mesos's `/master/state` and `/master/flags` list them. @default none */
  mesosFlags?: Record<string, string>;
  /** The whole master when `master` is a viewer's filtered view (usage reports are read from it). @default `master` */
  wholeMaster?: Master;
}

/** The request listener for the master's port. */
export function masterHttpHandler(master: Master, log: Logger, options: MasterHttpOptions = {}) {
  const events = new UiEventStream(master, { intervalMs: options.eventIntervalMs });
  // /metrics figures kept as the cluster changes (the whole master's; a viewer's filtered view is walked per read).
  const metricSums = options.wholeMaster === undefined || options.wholeMaster === master ? new MetricSums(master) : undefined;
  const operatorApi = mesosOperatorHandler(master, log.child('operator-api'));
  const schedulerApi = mesosSchedulerHandler(master, log.child('mesos-scheduler-api'));
  const actionLog = log.child('ui-actions');
  const execSessions = new UiExecSessions(master, agentExecDialer(options.agentSecurity ?? {}), log.child('ui-exec'));
  const webUiDir = options.webUiDir ?? findWebUiDir();
  if (!webUiDir) log.warn('web UI not built (npm run build); serving the plain status page at /');

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/v1' || url.pathname === '/api/v1/') return operatorApi(req, res);
    if (url.pathname === SCHEDULER_PATH) return schedulerApi(req, res);
    if (MAINTENANCE_PATHS.has(url.pathname)) return maintenanceHttp(master, url.pathname, req, res);
    if (execSessions.handle(url.pathname, req, res)) return;
    const actionVerb = parseActionPath(url.pathname);
    if (actionVerb !== undefined) return handleUiAction(master, req, res, actionVerb, actionLog);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: `method ${req.method} is not allowed; use GET` });
      return;
    }
    const pathname = url.pathname;
    switch (pathname) {
      case '/health':
        send(res, 200, 'text/plain', 'ok\n');
        return;
      case '/state':
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        if (req.method !== 'HEAD') await writeStateJson(master, res);
        res.end();
        return;
      case '/metrics':
        send(res, 200, 'text/plain; version=0.0.4', renderPrometheus([...(await (metricSums ? metricSamplesKept(master, metricSums) : metricSamplesSliced(master))), ...(await usageMetricSamples(master, options.wholeMaster ?? master))]));
        return;
      case '/version':
        sendJson(res, 200, { version: MESETA_VERSION });
        return;
      case '/api/v1/events':
        if (req.method === 'HEAD') send(res, 200, 'text/event-stream; charset=utf-8', '');
        else events.handle(res);
        return;
      case '/api/v1/discovery/watch':
        if (!options.discovery) break;
        if (req.method === 'HEAD') send(res, 200, 'text/event-stream; charset=utf-8', '');
        else handleDiscoveryWatch(options.discovery, req, res, url, visibleTasks(master, options.discovery.master));
        return;
      case '/api/v1/snapshot':
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        if (req.method !== 'HEAD') await writeUiSnapshotJson(master, res, Date.now() / 1000);
        res.end();
        return;
    }
    if (await mesosHttpRoute(master, url, req, res, { flags: options.mesosFlags, agentSecurity: options.agentSecurity })) return;
    const task = parseTaskPath(pathname);
    if (task) {
      const detail = uiTaskDetail(master, task.frameworkId, task.taskId);
      if (detail) sendJson(res, 200, detail);
      else sendJson(res, 404, { error: `no task ${task.taskId} of framework ${task.frameworkId}` });
      return;
    }
    const files = parseProxyPath(pathname);
    if (files) {
      proxyAgentFiles(master, files.agentId, files.operation, url, res, undefined, options.agentSecurity);
      return;
    }
    const usage = parseUsagePath(pathname);
    if (usage) {
      serveUsage(master, usage, res, options.agentSecurity);
      return;
    }
    if (pathname === '/api/v1/roles') {
      sendJson(res, 200, uiRoleTree(master));
      return;
    }
    const storageOf = parseStoragePath(pathname);
    if (storageOf !== undefined) {
      const storage = uiAgentStorage(master, storageOf);
      if (storage) sendJson(res, 200, storage);
      else sendJson(res, 404, { error: `agent '${storageOf}' is not known to this master` });
      return;
    }
    const images = parseImagesPath(pathname);
    if (images) {
      relayAgentImages(master, images.agentId, res, undefined, options.agentSecurity);
      return;
    }
    const frameworkApi = parseFrameworkApiPath(pathname);
    if (frameworkApi) {
      proxyFrameworkApi(master, frameworkApi.frameworkId, frameworkApi.path, url.searchParams, res);
      return;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, { error: `no such endpoint: ${pathname}` });
      return;
    }
    if (webUiDir && (await serveStatic(webUiDir, pathname, res, req.method === 'HEAD'))) return;
    if (pathname === '/') {
      send(res, 200, 'text/html; charset=utf-8', statusPage(master));
      return;
    }
    sendJson(res, 404, { error: `no such endpoint: ${pathname}` });
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((e: unknown) => {
      log.error('http handler failed', { url: req.url, problem: (e as Error).message });
      if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message });
      else res.end();
    });
  };
}
