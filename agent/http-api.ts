/**
 * The agent's HTTP/1.1 endpoints (served on its one port beside gRPC):
 * `GET /health`, `GET /state` (also `/state.json`, `/slave(1)/state`: ours
 * and Mesos's agent state in one document), `GET /metrics/snapshot`
 * (Mesos's metric names), `GET /files/browse?path=`,
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
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
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
        sendError(res, 404, `no endpoint ${url.pathname} (try /health, /state, /metrics/snapshot, /files/browse, /files/read, /files/download)`);
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
