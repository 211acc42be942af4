/**
 * One HTTP GET of a master endpoint (`/state`, `/version`) as JSON, for the
 * read-only verbs. It needs only `node:http`: no gRPC, no protobuf code, so
 * `meseta agents` starts about as fast as Node itself. A master that does
 * not lead answers 307 to the leader; that hint is followed. Any failure
 * becomes `cannot reach master at ADDRESS: REASON` (exit 1), as the Operator
 * API path says it. Over TLS with a token when the client config says so
 * (`./client-credentials`).
 */
import { httpRequestFunctionFor, httpRequestSecurityFor, type ClientSecurity } from '@meseta/runtime/client-config';
import { CliError } from './cli-error';
import { cliClientCredentials } from './client-credentials';
import { leaderAddress, QUERY_TIMEOUT_MS } from './leader-address';

/** Options of {@link getMasterJson}. */
export interface MasterHttpOptions {
  /** Give up after this long, redirects included. @default {@link QUERY_TIMEOUT_MS} */
  timeoutMs?: number;
  /** Leader redirects (307) to follow before giving up. @default 3 */
  maxRedirects?: number;
  /** TLS and token. @default the CLI's client credentials */
  security?: ClientSecurity;
}

/** What one GET returned: a body to parse, or where the leader is. */
type Answer = { kind: 'body'; body: string } | { kind: 'redirect'; address: string };

/**
 * `host:port` of a redirect's `Location` (`http://127.0.0.3:5050/state`, or
 * https), or undefined when it is not an http(s) URL with a host.
 */
export function redirectAddress(location: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    const url = new URL(location);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return undefined;
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return undefined;
  }
}

/**
 * GET `path` from the master at `address` (`host:port` or `zk://...`) and
 * parse the answer as JSON. Resolves with the parsed body; rejects with a
 * {@link CliError} naming the master and the reason.
 */
export async function getMasterJson(address: string, path: string, options: MasterHttpOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? QUERY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const security = options.security ?? cliClientCredentials().security;
  let target = await leaderAddress(address, timeoutMs);
  for (let redirects = 0; ; redirects++) {
    const answer = await getOnce(target, path, Math.max(1, deadline - Date.now()), timeoutMs, security);
    if (answer.kind === 'body') {
      try {
        return JSON.parse(answer.body) as unknown;
      } catch (e) {
        throw new CliError(`master at ${target} answered ${path} with text that is not JSON: ${(e as Error).message}`);
      }
    }
    if (redirects >= (options.maxRedirects ?? 3)) {
      throw new CliError(`cannot reach master at ${address}: still redirected after ${redirects} hops (last to ${answer.address})`);
    }
    target = answer.address;
  }
}

/** One GET, given `timeoutMs` of the query's `queryTimeoutMs` (the one a timeout message names). */
function getOnce(address: string, path: string, timeoutMs: number, queryTimeoutMs: number, security: ClientSecurity): Promise<Answer> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon);
  const port = Number(address.slice(colon + 1));
  return new Promise<Answer>((resolve, reject) => {
    const fail = (reason: string): void => reject(new CliError(`cannot reach master at ${address}: ${reason}`));
    // agent: false: one connection, closed after the answer (no keep-alive pool to wait for).
    const secured = httpRequestSecurityFor(security);
    const request = httpRequestFunctionFor(security);
    const headers = { ...secured.headers, accept: 'application/json' };
    const req = request({ ...secured.tls, host, port, path, method: 'GET', agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (e) => fail(e.message));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const code = res.statusCode ?? 0;
        if (code === 307 || code === 308) {
          const next = redirectAddress(res.headers.location);
          if (next) resolve({ kind: 'redirect', address: next });
          else fail(`redirected to "${res.headers.location ?? ''}", which is not a master address`);
        } else if (code >= 200 && code < 300) {
          resolve({ kind: 'body', body });
        } else {
          fail(`${path} answered HTTP ${code}${errorText(body)}`);
        }
      });
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      fail(`no answer within ${queryTimeoutMs} ms`);
    });
    req.on('error', (e) => fail(e.message));
    req.end();
  });
}

/** `: <error>` from a JSON `{ error }` body, else the first line of the text. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return `: ${parsed.error}`;
  } catch {
    // not JSON
  }
  const line = body.trim().split('\n')[0];
  return line ? `: ${line.slice(0, 200)}` : '';
}
