/**
 * The web UI's terminal: a debug session in a running task over two kinds
 * of plain HTTP requests, relayed by the master to the task's agent over
 * the same session protocol `meseta exec` uses (`AgentDebug/Exec`, with a
 * terminal: `start.tty`).
 *
 * - `POST /api/v1/exec` `{framework_id, task_id, rows, columns, command?}`
 *   opens it. A refusal before the session starts is an HTTP status with
 *   `{error, field?}` (400 input, 403 the `exec` ACL, 404 unknown task,
 *   409 the task has ended, 503 its agent is away). Otherwise the answer is
 *   a stream of JSON lines that lasts as long as the session:
 *   `{"session": id}`, `{"started": {...}}`, `{"output": base64}`…, and
 *   last `{"exited": {exit_code, signal, message}}` or `{"error": {code,
 *   message}}` (the agent's refusal, e.g. no such command, or the agent
 *   going away).
 * - `POST /api/v1/exec/<session>/input` `{data?, resize?, signal?, close?}`
 *   feeds it: typed text, the terminal's new size, a signal, or the end.
 *   Only the principal that opened a session may feed it.
 *
 * The session ends with its stream: a browser tab that closes drops the
 * request, the master cancels the agent's stream, and the agent kills the
 * command (its process group and its terminal's session).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import type { v1 } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from './master';
import { authorityOf } from './auth/request-authority';
import { frameworkPrincipal } from './auth/view-filter';
import { isExecRefusal, routeExec } from './exec-route';
import type { AgentExecDialer } from './exec-proxy';
import { MAX_INPUT_BYTES, UiExecInputError, parseExecInput, parseExecStart } from './ui-exec-input';
import { HttpRefusal, readBodyText, sendJson } from './http-json';

/** `POST` here opens a session. */
export const EXEC_PATH = '/api/v1/exec';

/** `/api/v1/exec/<session>/input` → the session id, or undefined for other paths. */
export function parseExecInputPath(pathname: string): string | undefined {
  const m = /^\/api\/v1\/exec\/([A-Za-z0-9-]{1,64})\/input$/.exec(pathname);
  return m?.[1];
}

/** HTTP status of a routing refusal. */
const HTTP_OF_GRPC: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 400,
  [GrpcStatus.NOT_FOUND]: 404,
  [GrpcStatus.FAILED_PRECONDITION]: 409,
  [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.UNAVAILABLE]: 503,
};

/** The body as JSON (an empty body is `{}`); rejects with an {@link HttpRefusal} naming `body`. */
async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = await readBodyText(req, limit);
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpRefusal(400, 'body: not JSON', 'body');
  }
}

/** The name of a gRPC status code (`NOT_FOUND`). */
function codeName(code: number): string {
  return (Object.entries(GrpcStatus).find(([, v]) => v === code)?.[0] as string | undefined) ?? String(code);
}

interface Session {
  id: string;
  principal?: string;
  taskId: string;
  write(input: v1.IExecInput): void;
  end(why: string): void;
}

/** The UI's debug sessions on one master (a viewer's view of it on clusters with view ACLs). */
export class UiExecSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly master: Master,
    private readonly dial: AgentExecDialer,
    private readonly log: Logger,
  ) {}

  /** Sessions open now. */
  get size(): number {
    return this.sessions.size;
  }

  /** Answer `POST /api/v1/exec` or `POST /api/v1/exec/<id>/input`; false for other paths. */
  handle(pathname: string, req: IncomingMessage, res: ServerResponse): boolean {
    const inputOf = parseExecInputPath(pathname);
    if (pathname !== EXEC_PATH && inputOf === undefined) return false;
    const work = req.method !== 'POST' ? Promise.reject(new HttpRefusal(405, `method ${req.method} is not allowed; use POST`)) : inputOf === undefined ? this.open(req, res) : this.feed(req, res, inputOf);
    work.catch((e: unknown) => {
      req.resume();
      if (res.headersSent) return;
      if (e instanceof HttpRefusal) return sendJson(res, e.status, { error: e.message, ...(e.field ? { field: e.field } : {}) });
      if (e instanceof UiExecInputError) return sendJson(res, 400, { error: e.message, field: e.field });
      this.log.error('web UI debug session failed', { problem: (e as Error).message });
      sendJson(res, 500, { error: (e as Error).message });
    });
    return true;
  }

  private async open(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const start = parseExecStart(await readJson(req, 16_384));
    const master = this.master;
    const route = routeExec({ frameworks: master.frameworks, completedFrameworks: master.completedFrameworks, agents: master.agents }, start.taskId, start.frameworkId);
    if (isExecRefusal(route)) throw new HttpRefusal(HTTP_OF_GRPC[route.code] ?? 400, route.details, route.code === GrpcStatus.NOT_FOUND ? 'task_id' : undefined);
    const authority = authorityOf(req);
    const fw = master.frameworks.get(route.frameworkId);
    const denied = authority.check('exec', fw ? frameworkPrincipal(fw) : '');
    if (denied) {
      this.log.warn('web UI debug session refused', { principal: authority.principal, task: start.taskId, framework: route.frameworkId, problem: denied.message });
      throw new HttpRefusal(403, denied.message);
    }

    const id = randomUUID();
    this.log.info('web UI debug session', { session: id, task_id: start.taskId, framework_id: route.frameworkId, agent_id: route.agentId, principal: authority.principal, command: start.command.join(' ') });
    const agent = this.dial(route.agentAddress);
    const upstream = agent.call;
    let done = false;
    const line = (o: unknown): boolean => res.write(`${JSON.stringify(o)}\n`);
    const finish = (last?: unknown): void => {
      if (done) return;
      done = true;
      this.sessions.delete(id);
      if (last) line(last);
      res.end();
      agent.close();
    };
    const session: Session = {
      id,
      principal: authority.principal,
      taskId: start.taskId,
      write: (input) => {
        if (!done) upstream.write(input);
      },
      end: (why) => {
        if (done) return;
        this.log.info('web UI debug session ended', { session: id, why });
        upstream.cancel();
        finish({ exited: { message: why } });
      },
    };
    this.sessions.set(id, session);

    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    line({ session: id });
    upstream.on('data', (out: v1.IExecOutput) => {
      if (done) return;
      let ok = true;
      if (out.started) ok = line({ started: { container_id: idOf(out.started.container_id), agent_id: idOf(out.started.agent_id) } });
      if (out.stdout && out.stdout.length > 0) ok = line({ output: Buffer.from(out.stdout).toString('base64') });
      if (out.stderr && out.stderr.length > 0) ok = line({ output: Buffer.from(out.stderr).toString('base64') });
      if (out.exited) {
        finish({ exited: { exit_code: out.exited.exit_code ?? undefined, signal: out.exited.signal ?? undefined, message: out.exited.message ?? '' } });
        return;
      }
      if (!ok) {
        upstream.pause();
        res.once('drain', () => upstream.resume());
      }
    });
    upstream.on('end', () => finish());
    upstream.on('error', (e: ServiceError) => {
      if (done) return;
      const message = e.code === GrpcStatus.UNAVAILABLE ? `agent ${route.agentId} at ${route.agentAddress} cannot be reached: ${e.details}` : e.details;
      finish({ error: { code: codeName(e.code), message } });
    });
    // The browser went away (tab closed, page left, fetch aborted): the agent's command goes too.
    res.on('close', () => {
      if (done) return;
      this.log.info('web UI debug session ended: the browser went away', { session: id, task_id: start.taskId });
      upstream.cancel();
      finish();
    });
    upstream.write({
      start: { task_id: { value: start.taskId }, framework_id: { value: route.frameworkId }, command: start.command, tty: { rows: start.rows, columns: start.columns } },
    });
  }

  private async feed(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const input = parseExecInput(await readJson(req, MAX_INPUT_BYTES * 2 + 1024));
    const session = this.sessions.get(id);
    if (!session) throw new HttpRefusal(404, `session: no open session ${id} (it has ended)`, 'session');
    const principal = authorityOf(req).principal;
    if (session.principal !== principal) throw new HttpRefusal(403, `session: session ${id} was opened by another principal`, 'session');
    if (input.data) session.write({ stdin: input.data });
    if (input.resize) session.write({ resize: input.resize });
    if (input.signal) session.write({ signal: input.signal });
    if (input.close) session.end('closed by the browser');
    sendJson(res, 200, { ok: true });
  }
}
