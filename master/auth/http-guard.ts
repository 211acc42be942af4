/**
 * Where HTTP requests enter the master on an authenticated cluster.
 *
 * - Open: `/health`, `/version`, the web UI's files (they hold no cluster
 *   data), and the login endpoints below.
 * - Everything else (`/state`, `/metrics`, Mesos's endpoints such as
 *   `/master/state`, `/metrics/snapshot` and `/files/*`, `/api/v1/*`, the plain status
 *   page when the UI is not built) takes an operator credential:
 *   `Authorization: Bearer <token>`, a verified client certificate, or the
 *   web UI's session cookie. No credential or an unknown one: 401; another
 *   kind of principal or an ACL refusal: 403; each with `{ "error": … }`
 *   naming the endpoint or the action and the principal.
 * - `POST /api/v1/login` with `{"token": "…"}` in the body exchanges an
 *   operator token for a session cookie (`HttpOnly; SameSite=Strict`, and
 *   `Secure` over TLS), so the token never sits in a URL, a log or the
 *   browser's script-readable storage; EventSource sends the cookie.
 *   `POST /api/v1/logout` ends it; `GET /api/v1/whoami` (open) says
 *   whether the master is open, and who the caller is when it presented a
 *   credential the master accepts (no principal: the UI shows its login).
 *
 * - `POST /api/v1/scheduler` (Mesos's Scheduler HTTP API) takes a
 *   framework credential instead: a bearer token, Mesos's
 *   `Authorization: Basic base64(principal:token)`, or a client
 *   certificate; refusals are text bodies, as Mesos answers there. The
 *   call's own checks (`register_framework` per role, acting only on the
 *   principal's own frameworks) are the gRPC guard's, run by the handler.
 *
 * Each viewer gets the master's handler over {@link viewFor}: `/state`,
 * the snapshot, Mesos's documents, the event stream and task pages show only
 * what its view ACLs allow. The sandbox proxy and Mesos's `/files/*` also
 * need `access_sandbox` on the framework the path names; an agent's cached
 * images (`/api/v1/agents/<id>/images`) need an operator credential and
 * `view_agent` on it (an agent the view hides answers 404). `/master/redirect`
 * is open, as in Mesos (it tells only the leader's address).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from '../master';
import { parseProxyPath } from '../http-agent-proxy';
import { parseImagesPath } from '../agent-images';
import { MESOS_DATA_PATHS } from '../mesos-http';
import type { Principal } from './authenticator';
import { presentedByRequest, SESSION_COOKIE } from './request-identity';
import { type MasterTrust, type TrustRefusal, SESSION_SECONDS, isRefusal } from './trust';
import { viewFor } from './grpc-guard';
import { frameworkPrincipal } from './view-filter';
import { rememberAuthority } from './request-authority';
import { AUTHENTICATE_CHALLENGES, SCHEDULER_PATH, refusalStatus, sendText } from '../mesos-scheduler-http';
import { sendJson } from '../http-json';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Paths served to anyone. */
const OPEN_PATHS = new Set(['/health', '/version']);

/** Largest login body read. */
const MAX_LOGIN_BODY = 4096;

/** The request's URL, or undefined for a target `new URL` refuses (answered 400, never thrown). */
export function requestUrl(req: Pick<IncomingMessage, 'url'>): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}


/**
 * The `WWW-Authenticate` challenges of a 401 on `pathname`. Mesos's
 * endpoints and APIs offer Basic beside our bearer tokens (Mesos clients
 * answer Basic); the web UI's own paths offer Bearer only, because a Basic
 * challenge makes the browser pop up its own password dialog over the UI's
 * login form.
 */
export function challengesFor(pathname: string): string[] {
  const webUi = pathname === '/' || pathname.startsWith('/api/v1/') || pathname === '/api/v1';
  const mesosApi = pathname === '/api/v1' || pathname === SCHEDULER_PATH;
  return webUi && !mesosApi ? AUTHENTICATE_CHALLENGES.filter((c) => !c.startsWith('Basic')) : AUTHENTICATE_CHALLENGES;
}

function refuse(res: ServerResponse, r: TrustRefusal, pathname: string): void {
  if (r.refused === 'unauthenticated') sendJson(res, 401, { error: r.message }, { 'www-authenticate': challengesFor(pathname) });
  else sendJson(res, 403, { error: r.message });
}

/** True when `pathname` serves cluster data and needs a credential. */
export function needsCredential(pathname: string, webUiBuilt: boolean): boolean {
  if (OPEN_PATHS.has(pathname)) return false;
  if (pathname.startsWith('/api/')) return true;
  if (pathname === '/state' || pathname === '/metrics' || MESOS_DATA_PATHS.has(pathname)) return true;
  // Without the built UI, `/` is the plain status page: cluster data.
  if (!webUiBuilt && (pathname === '/' || pathname === '/index.html')) return true;
  return false;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function sessionCookie(req: IncomingMessage, value: string, maxAge: number): string {
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`;
}

/** Options of {@link guardHttp}. */
export interface HttpGuardOptions {
  /** True when the web UI is built (its files are then served openly). */
  webUiBuilt: boolean;
}

/**
 * The master's HTTP handler behind authentication. `handlerFor(view)`
 * builds the ordinary handler over a (possibly filtered) master; one is
 * kept per restricted viewer, so each has its own UI event stream.
 */
export function guardHttp(handlerFor: (view: Master) => Handler, master: Master, trust: MasterTrust, log: Logger, options: HttpGuardOptions): Handler {
  const full = handlerFor(master);
  if (!trust.enabled) {
    return (req, res) => {
      if (requestUrl(req)?.pathname === '/api/v1/whoami') return sendJson(res, 200, { authentication: false });
      full(req, res);
    };
  }
  const perViewer = new Map<string, Handler>();
  const handlerOf = (who: Principal | undefined): Handler => {
    if (trust.seesEverything(who)) return full;
    let h = perViewer.get(who!.name);
    if (!h) perViewer.set(who!.name, (h = handlerFor(viewFor(master, trust, who))));
    return h;
  };

  const login = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req, MAX_LOGIN_BODY);
    if (body === undefined) return sendJson(res, 413, { error: `body: larger than ${MAX_LOGIN_BODY} bytes` });
    let token: unknown;
    try {
      token = (JSON.parse(body) as { token?: unknown }).token;
    } catch {
      return sendJson(res, 400, { error: 'body: must be JSON {"token": "<operator token>"}' });
    }
    if (typeof token !== 'string' || token === '') return sendJson(res, 400, { error: 'token: required, a non-empty string' });
    const who = trust.identify({ token }, 'login', ['operator']);
    if (isRefusal(who)) {
      log.warn('login refused', { problem: who.message });
      return refuse(res, who, '/api/v1/login');
    }
    const session = trust.startSession(who!);
    log.info('web UI login', { principal: who!.name });
    sendJson(res, 200, { principal: who!.name }, { 'set-cookie': sessionCookie(req, session, SESSION_SECONDS) });
  };

  return (req, res) => {
    const url = requestUrl(req);
    if (!url) return sendJson(res, 400, { error: `request target: ${JSON.stringify(req.url)} is not a valid path` });
    const pathname = url.pathname;
    if (pathname === '/api/v1/login') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: `method ${req.method} is not allowed; use POST` });
      login(req, res).catch((e: unknown) => sendJson(res, 500, { error: (e as Error).message }));
      return;
    }
    if (pathname === '/api/v1/logout') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: `method ${req.method} is not allowed; use POST` });
      const session = presentedByRequest(req).session;
      if (session) trust.endSession(session);
      req.resume();
      return sendJson(res, 200, { ok: true }, { 'set-cookie': sessionCookie(req, '', 0) });
    }
    if (pathname === '/api/v1/whoami') {
      const who = trust.identify(presentedByRequest(req), pathname, ['operator']);
      return sendJson(res, 200, isRefusal(who) ? { authentication: true } : { authentication: true, principal: who!.name });
    }
    if (!needsCredential(pathname, options.webUiBuilt)) return full(req, res);
    if (pathname === SCHEDULER_PATH) {
      const framework = trust.identify(presentedByRequest(req), pathname, ['framework']);
      if (isRefusal(framework)) {
        log.warn('scheduler call refused', { problem: framework.message });
        req.resume();
        return sendText(res, refusalStatus(framework), framework.message, framework.refused === 'unauthenticated' ? { 'www-authenticate': AUTHENTICATE_CHALLENGES } : {});
      }
      rememberAuthority(req, { principal: framework?.name, check: (action, object) => trust.check(framework, action, object) });
      return full(req, res);
    }
    const endpoint = agentEndpoint(pathname) ?? pathname;
    const who = trust.identify(presentedByRequest(req), endpoint, ['operator']);
    if (isRefusal(who)) {
      log.debug('http request refused', { path: pathname, problem: who.message });
      return refuse(res, who, pathname);
    }
    const files = parseProxyPath(pathname);
    if (files || pathname.startsWith('/files/')) {
      const denied = trust.check(who, 'access_sandbox', sandboxOwner(master, url.searchParams.get('path') ?? ''));
      if (denied) {
        log.warn('sandbox read refused', { principal: who!.name, agent: files?.agentId, path: pathname, problem: denied.message });
        return refuse(res, denied, pathname);
      }
    }
    rememberAuthority(req, { principal: who?.name, check: (action, object) => trust.check(who, action, object) });
    handlerOf(who)(req, res);
  };
}

/**
 * How a refusal names an agent relay (`/api/v1/agents/…/files`,
 * `/api/v1/agents/…/images`), without the agent id or file path the caller
 * chose; undefined for other paths.
 */
export function agentEndpoint(pathname: string): string | undefined {
  if (!pathname.startsWith('/api/v1/agents/')) return undefined;
  return parseImagesPath(pathname) ? '/api/v1/agents/…/images' : '/api/v1/agents/…/files';
}

/**
 * The principal of the framework whose sandbox `path` is in
 * (`frameworks/<id>/…`), or `''` for a path outside one framework's
 * sandboxes (only an ACL granting ANY framework allows that).
 */
export function sandboxOwner(master: Master, path: string): string {
  const m = /^\/?frameworks\/([^/]+)(\/|$)/.exec(path);
  if (!m || path.split('/').includes('..')) return '';
  const fw = master.frameworks.get(m[1]) ?? master.completedFrameworks.find((f) => f.id === m[1]);
  return fw ? frameworkPrincipal(fw) : '';
}
