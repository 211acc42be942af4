/**
 * Who may use an agent's own port besides the master's link: debug
 * sessions (`AgentDebug.Exec`) and the HTTP endpoints (`/state`,
 * `/files/*`) run commands in tasks and read their sandboxes, so on an
 * authenticated cluster the agent takes them only from principals of kind
 * `master` (the master relaying an operator's session or sandbox read,
 * after it checked that operator's ACLs) or `operator` (an operator
 * calling the agent directly), as listed in `--http-credentials FILE`
 * (the master's credentials file format; give the agent the same file as
 * the master: it holds only token hashes when written with `token_sha256`).
 * `/health` stays open, and `/api/v1/executor` checks its callers itself
 * (each executor's own bearer token). Without the flag the agent's port is open, as before.
 *
 * The checks are the master's (`master/auth`): the same file format, the
 * same bearer-token and client-certificate reading, the same refusals.
 */
import type * as http from 'node:http';
import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import type { Logger } from '@meseta/runtime/log';
import { CredentialsAuthenticator } from '../master/auth/authenticator';
import { loadCredentialsFile, type PrincipalKind } from '../master/auth/credentials';
import { presentedByCall, presentedByRequest } from '../master/auth/request-identity';
import { MasterTrust, isRefusal } from '../master/auth/trust';
import { requestUrl } from '../master/auth/http-guard';

/** Who may call the agent's debug sessions and HTTP endpoints. */
const CALLER_KINDS: readonly PrincipalKind[] = ['master', 'operator'];

/** The agent's check of its callers; `undefined` when the port is open. */
export interface AgentCallerTrust {
  /** Wrap the AgentDebug service: a session opens only for an allowed caller. */
  guardExec<C extends ServerDuplexStream<never, never>>(service: { exec: (call: C) => void }): { exec: (call: C) => void };
  /** Wrap the HTTP handler: every path but `/health` needs an allowed caller. */
  guardHttp(handler: http.RequestListener): http.RequestListener;
}

/** Read `--http-credentials`; throws naming the flag, file and field when it is bad. */
export function agentCallerTrust(file: string | undefined, log: Logger): AgentCallerTrust | undefined {
  if (!file) {
    log.warn('no --http-credentials: debug sessions and sandbox reads on this agent\'s port are open to anyone who reaches it');
    return undefined;
  }
  let credentials;
  try {
    credentials = loadCredentialsFile(file);
  } catch (e) {
    throw new Error((e as Error).message.replace(/^--credentials/, '--http-credentials'));
  }
  const trust = new MasterTrust({ authenticator: new CredentialsAuthenticator(credentials) });
  return {
    guardExec(service) {
      return {
        exec(call) {
          const who = trust.identify(presentedByCall(call), 'AgentDebug.Exec', CALLER_KINDS);
          if (isRefusal(who)) {
            log.warn('debug session refused', { problem: who.message });
            call.emit('error', { code: who.refused === 'unauthenticated' ? status.UNAUTHENTICATED : status.PERMISSION_DENIED, details: who.message });
            return;
          }
          log.info('debug session caller', { principal: who?.name, kinds: who?.kinds.join(',') });
          service.exec(call);
        },
      };
    },
    guardHttp(handler) {
      return (req, res) => {
        const pathname = requestUrl(req)?.pathname ?? '(unparsable request target)';
        // Executors authenticate their calls with the token the agent gave them (executor-http.ts).
        if (pathname === '/health' || pathname === '/api/v1/executor') return handler(req, res);
        const who = trust.identify(presentedByRequest(req), pathname, CALLER_KINDS);
        if (isRefusal(who)) {
          const code = who.refused === 'unauthenticated' ? 401 : 403;
          res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(code === 401 ? { 'www-authenticate': 'Bearer realm="meseta-agent"' } : {}) });
          res.end(JSON.stringify({ error: who.message }));
          return;
        }
        handler(req, res);
      };
    },
  };
}
