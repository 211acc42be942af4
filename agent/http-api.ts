/**
 * The agent's HTTP/1.1 endpoints (served on its one port beside gRPC):
 * `GET /health`, `GET /state`, `GET /files/browse?path=`,
 * `GET /files/read?path=&offset=&length=`. Every handler is wrapped: no
 * request can crash the daemon; errors are JSON `{ "error": "..." }`.
 */
import type * as http from 'node:http';
import type { Logger } from '@meseta/runtime/log';
import type { AgentSnapshot } from './agent';
import { stateJson } from './agent-state';
import { browse, FilesError, readFile } from './sandbox-files';
import { secretFilePaths } from './task-access';

/** What the HTTP endpoints read from. */
export interface AgentHttpSource {
  snapshot(): AgentSnapshot;
  master: string;
  workDir: string;
  logger: Logger;
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

/** The request listener for the agent's port. */
export function agentHttpHandler(source: AgentHttpSource): http.RequestListener {
  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://agent.invalid');
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
        sendJson(res, 200, stateJson(source.snapshot(), source.master));
        return;
      case '/files/browse':
        sendJson(res, 200, await browse(source.workDir, url.searchParams.get('path')));
        return;
      case '/files/read':
        sendJson(
          res,
          200,
          await readFile(source.workDir, url.searchParams.get('path'), url.searchParams.get('offset'), url.searchParams.get('length'), {
            isSecretFile: (file) => secretFilesOf(source.snapshot()).has(file),
          }),
        );
        return;
      default:
        sendError(res, 404, `no endpoint ${url.pathname} (try /health, /state, /files/browse, /files/read)`);
    }
  };
  return (req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof FilesError) {
        sendError(res, e.status, e.message);
        return;
      }
      source.logger.error('http request failed', { url: req.url, error: e as Error });
      sendError(res, 500, `internal error: ${(e as Error)?.message ?? String(e)}`);
    });
  };
}
