/**
 * The agent's HTTP/1.1 endpoints (served on its one port beside gRPC):
 * `GET /health`, `GET /state` (also `/state.json`, `/slave(1)/state`: ours
 * and Mesos's agent state in one document), `GET /metrics/snapshot`
 * (Mesos's metric names), `GET /metrics` (Prometheus text with per-task
 * usage), `GET /monitor/statistics` (Mesos's per-container statistics),
 * `GET /api/v1/usage` (the last hour as chart series), `GET /files/browse?path=`,
 * `GET /files/read?path=&offset=&length=`, `GET /files/download?path=`
 * (Mesos's virtual sandbox paths too, `http-mesos-files.ts`). Every handler
 * is wrapped: no request can crash the daemon; errors are JSON `{ "error": "..." }`.
 */
import type * as http from 'node:http';
import type { Logger } from '@meseta/runtime/log';
import type { AgentSnapshot } from './agent';
import { readSystemFigures } from '@meseta/runtime/system-figures';
import { agentStateJson } from './agent-state';
import { FilesError, sandboxesRelative } from './sandbox-files';
import { collectedMessage } from './sandbox-gc-policy';
import { secretFilePaths } from './task-access';
import { agentMetricsSnapshot } from './mesos-agent-state';
import { browseFiles, downloadFile, type FilesSource, readFiles } from './http-mesos-files';
import { type MetricSample, renderPrometheus } from '@meseta/runtime/prometheus-text';
import { quantities } from '@meseta/proto/resources';
import type { AgentUsage } from './usage/agent-usage';

/** What the HTTP endpoints read from. */
export interface AgentHttpSource {
  snapshot(): AgentSnapshot;
  master: string;
  workDir: string;
  logger: Logger;
  /** The address the agent listens on (its Mesos `pid`, its tasks' address). @default '127.0.0.1' */
  ip?: string;
  /** Seconds since the epoch when the agent started. @default when the handler was made */
  startTime?: number;
  /** The agent's flags as Mesos lists them. @default none */
  flags?: Record<string, string>;
  /** `POST /api/v1/executor` (`executor-http.ts`). @default none: 404 */
  executorApi?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  /** `POST /api/v1`, the Mesos v1 agent operator API (`mesos-operator-http.ts`). @default none: 404 */
  operatorApi?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  /** When the sandbox run a path under the sandboxes folder lies in was garbage-collected (`sandbox-gc.ts`), or undefined. @default never */
  collectedAt?: (pathUnderSandboxes: string) => number | undefined;
  /** The containers' usage (`usage/agent-usage.ts`) behind `/metrics`, `/monitor/statistics` and `/api/v1/usage`. @default none: those answer without containers */
  usage?: AgentUsage;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

function sendText(res: http.ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * `/api/v1/usage`: the agent's own series, or with `task_id` (and
 * `framework_id`, optional) one task's newest container's; 400 naming a
 * bad parameter, 404 for a task never measured here.
 */
function sendUsage(res: http.ServerResponse, url: URL, usage: AgentUsage | undefined): void {
  for (const key of url.searchParams.keys()) {
    if (key !== 'task_id' && key !== 'framework_id') {
      sendError(res, 400, `${key}: unknown parameter (use task_id, and framework_id)`);
      return;
    }
  }
  const taskId = url.searchParams.get('task_id');
  const frameworkId = url.searchParams.get('framework_id') ?? '';
  if (taskId === null) {
    if (frameworkId) sendError(res, 400, 'framework_id: needs task_id');
    else if (!usage) sendError(res, 404, 'this agent keeps no usage');
    else sendJson(res, 200, usage.agentSeries());
    return;
  }
  if (taskId === '') {
    sendError(res, 400, 'task_id: must not be empty');
    return;
  }
  const series = usage?.taskSeries(frameworkId, taskId);
  if (series) sendJson(res, 200, series);
  else sendError(res, 404, `task ${taskId}${frameworkId ? ` of framework ${frameworkId}` : ''}: no usage measured on this agent (not run here, not measured yet, or ended too long ago)`);
}

/** The agent's `/metrics`: its resources, tasks and per-container usage. */
export function agentMetricSamples(snapshot: AgentSnapshot, usage: AgentUsage | undefined): MetricSample[] {
  const samples: MetricSample[] = [];
  const total = quantities(snapshot.resources);
  const used = quantities(snapshot.usedResources);
  for (const name of ['cpus', 'mem', 'disk', 'gpus']) {
    samples.push({ name: 'meseta_agent_resources_total', value: total.get(name) ?? 0, type: 'gauge', help: 'Resources of the agent', labels: { resource: name } });
  }
  for (const name of ['cpus', 'mem', 'disk', 'gpus']) {
    samples.push({ name: 'meseta_agent_resources_used', value: used.get(name) ?? 0, type: 'gauge', help: 'Resources its tasks hold', labels: { resource: name } });
  }
  const phases = new Map<string, number>([['launching', 0], ['running', 0], ['killing', 0], ['terminated', 0]]);
  for (const t of snapshot.tasks) phases.set(t.phase, (phases.get(t.phase) ?? 0) + 1);
  for (const [phase, n] of phases) samples.push({ name: 'meseta_agent_tasks', value: n, type: 'gauge', help: 'Tasks the agent holds, by phase', labels: { phase } });
  samples.push({ name: 'meseta_agent_registered', value: snapshot.registered ? 1 : 0, type: 'gauge', help: '1 while registered with the master' });
  if (usage) samples.push(...usage.metricSamples(snapshot.id ?? ''));
  return samples;
}

/** Paths under the sandboxes folder of every secret file of the agent's tasks (running and completed). */
export function secretFilesOf(snapshot: Pick<AgentSnapshot, 'tasks' | 'completedTasks'>): Set<string> {
  const out = new Set<string>();
  for (const task of [...snapshot.tasks, ...snapshot.completedTasks]) {
    const relativeDir = task.sandbox?.relativeDir;
    if (!relativeDir) continue;
    const underSandboxes = relativeDir.split('/').slice(1).join('/'); // without the leading `frameworks/`
    for (const file of secretFilePaths(underSandboxes, task.info)) out.add(file);
  }
  return out;
}

/**
 * For a `/files/*` request that found nothing: the 410 message when the
 * path lies in a sandbox that was garbage-collected, else undefined.
 */
function collectedAnswer(source: AgentHttpSource, req: http.IncomingMessage): string | undefined {
  if (!source.collectedAt) return undefined;
  const url = new URL(req.url ?? '/', 'http://agent.invalid');
  if (!url.pathname.startsWith('/files/')) return undefined;
  const requested = url.searchParams.get('path');
  try {
    const inner = sandboxesRelative(source.workDir, requested);
    const at = source.collectedAt(inner);
    return at === undefined ? undefined : collectedMessage(requested ?? '', at);
  } catch {
    return undefined; // a Mesos virtual path or a bad one: its 404 stands
  }
}

/** The request listener for the agent's port. */
export function agentHttpHandler(source: AgentHttpSource): http.RequestListener {
  const startTime = source.startTime ?? Date.now() / 1000;
  const meta = () => ({ ip: source.ip ?? '127.0.0.1', startTime, master: source.master, flags: source.flags ?? {} });
  const files: FilesSource = {
    snapshot: () => source.snapshot(),
    workDir: source.workDir,
    isSecretFile: (file) => secretFilesOf(source.snapshot()).has(file),
  };
  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://agent.invalid');
    if (url.pathname === '/api/v1/executor' && source.executorApi) return source.executorApi(req, res);
    if ((url.pathname === '/api/v1' || url.pathname === '/api/v1/') && source.operatorApi) return source.operatorApi(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, `method ${req.method} not allowed; the agent's endpoints take GET`);
      return;
    }
    switch (url.pathname) {
      case '/health':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      case '/state':
      case '/state.json':
      case '/slave(1)/state':
      case '/slave(1)/state.json':
        sendJson(res, 200, agentStateJson(source.snapshot(), meta()));
        return;
      case '/metrics':
        sendText(res, 200, 'text/plain; version=0.0.4', renderPrometheus(agentMetricSamples(source.snapshot(), source.usage)));
        return;
      case '/monitor/statistics':
      case '/monitor/statistics.json':
      case '/slave(1)/monitor/statistics':
      case '/slave(1)/monitor/statistics.json':
        sendJson(res, 200, source.usage?.monitorStatistics() ?? []);
        return;
      case '/api/v1/usage':
        sendUsage(res, url, source.usage);
        return;
      case '/metrics/snapshot':
        sendJson(res, 200, agentMetricsSnapshot(source.snapshot(), startTime, Date.now() / 1000, readSystemFigures()));
        return;
      case '/files/browse':
        sendJson(res, 200, await browseFiles(files, url));
        return;
      case '/files/read':
        sendJson(res, 200, await readFiles(files, url));
        return;
      case '/files/download':
        await downloadFile(files, url, res, req.method === 'HEAD');
        return;
      default:
        sendError(res, 404, `no endpoint ${url.pathname} (try /health, /state, /metrics, /metrics/snapshot, /monitor/statistics, /api/v1/usage, /files/browse, /files/read, /files/download)`);
    }
  };
  return (req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof FilesError) {
        const collected = e.status === 404 ? collectedAnswer(source, req) : undefined;
        if (collected) sendError(res, 410, collected);
        else sendError(res, e.status, e.message);
        return;
      }
      source.logger.error('http request failed', { url: req.url, error: e as Error });
      sendError(res, 500, `internal error: ${(e as Error)?.message ?? String(e)}`);
    });
  };
}
