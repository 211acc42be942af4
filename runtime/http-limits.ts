/**
 * Limits on what one client may make the one-port server hold: how long a
 * connection may stay silent before it says which protocol it speaks, how
 * long headers and a request body may take, how long an idle keep-alive
 * connection stays open, how large headers and bodies may be, and how many
 * connections may be open at once (in total and from one remote address).
 *
 * A slow client (slowloris: a byte of headers a second, a body that never
 * ends) is cut off by the headers and request timeouts, which Node's HTTP
 * server checks on every open connection every `checkIntervalMs`. A request
 * that is complete is no longer timed, so long-lived responses (the event
 * streams under `/api/v1/events`) keep working.
 *
 * {@link ConnectionCounter} is pure (no I/O); {@link limitRequestBodies}
 * wraps a request listener; {@link httpServerOptions} and
 * {@link applyHttpTimeouts} set Node's own limits on the `http.Server`.
 */
import type * as http from 'node:http';

const KiB = 1024;

/** Limits of the one-port server. Every field has a default; see {@link DEFAULT_HTTP_LIMITS}. */
export interface HttpLimits {
  /** A new connection that sends nothing for this long is closed (before gRPC or HTTP is chosen). @default 10000 */
  firstBytesTimeoutMs: number;
  /** Headers of a request must arrive within this time. @default 20000 */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this time. @default 60000 */
  requestTimeoutMs: number;
  /** A keep-alive connection with no request in flight is closed after this. @default 5000 */
  keepAliveTimeoutMs: number;
  /** Largest request line plus headers, in bytes (431 above). @default 16384 */
  maxHeaderBytes: number;
  /** Largest request body, in bytes, for paths without their own limit (413 above). @default 65536 */
  maxBodyBytes: number;
  /** Body limits by path prefix (longest prefix wins), e.g. `{ '/api/v1/upload': 1048576 }`. @default {} */
  bodyBytesByPath: Readonly<Record<string, number>>;
  /** Open connections at most, all protocols together; new ones above it are closed at once. @default 65536 */
  maxConnections: number;
  /** Open connections at most from one remote address; new ones above it are closed at once. @default 16384 */
  maxConnectionsPerAddress: number;
  /** How often Node checks the headers and request timeouts of open connections. @default 1000 */
  checkIntervalMs: number;
}

/**
 * Defaults: far above what a real client needs (a browser sends headers in
 * one packet; the web UI and CLI send no bodies), low enough that a client
 * that trickles cannot keep a socket past a minute. The connection limits
 * leave room for tens of thousands of agents (each holds one connection to
 * the master; the scale bench opens 10,000 from one address).
 */
export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimits> = Object.freeze({
  firstBytesTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 16 * KiB,
  maxBodyBytes: 64 * KiB,
  bodyBytesByPath: Object.freeze({}),
  maxConnections: 65_536,
  maxConnectionsPerAddress: 16_384,
  checkIntervalMs: 1_000,
});

/** A limit that is wrong: which one, what was given, what is allowed. */
export class HttpLimitError extends Error {
  constructor(
    readonly field: keyof HttpLimits,
    readonly given: unknown,
    readonly allowed: string,
  ) {
    super(`${field}: ${String(given)} is not allowed (${allowed})`);
  }
}

/**
 * `partial` over the defaults, checked: every number must be a positive
 * integer (the timeouts at least 1 ms); `headersTimeoutMs` must not exceed
 * `requestTimeoutMs` (Node requires it). Throws {@link HttpLimitError}.
 */
export function resolveHttpLimits(partial: Partial<HttpLimits> = {}): HttpLimits {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...stripUndefined(partial) };
  const numeric: Array<keyof HttpLimits> = [
    'firstBytesTimeoutMs', 'headersTimeoutMs', 'requestTimeoutMs', 'keepAliveTimeoutMs', 'maxHeaderBytes',
    'maxConnections', 'maxConnectionsPerAddress', 'checkIntervalMs',
  ];
  for (const field of numeric) {
    const v = limits[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new HttpLimitError(field, v, 'a whole number, at least 1');
  }
  if (!Number.isSafeInteger(limits.maxBodyBytes) || limits.maxBodyBytes < 0) {
    throw new HttpLimitError('maxBodyBytes', limits.maxBodyBytes, 'a whole number of bytes, 0 or more');
  }
  for (const [prefix, bytes] of Object.entries(limits.bodyBytesByPath)) {
    if (!prefix.startsWith('/') || !Number.isSafeInteger(bytes) || bytes < 0) {
      throw new HttpLimitError('bodyBytesByPath', `${prefix}=${bytes}`, 'a path starting with / and a whole number of bytes, 0 or more');
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new HttpLimitError('headersTimeoutMs', limits.headersTimeoutMs, `at most requestTimeoutMs (${limits.requestTimeoutMs})`);
  }
  return limits;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Options for `http.createServer` that carry the limits Node takes only at construction. */
export function httpServerOptions(limits: HttpLimits): http.ServerOptions {
  return { maxHeaderSize: limits.maxHeaderBytes, connectionsCheckingInterval: limits.checkIntervalMs, requestTimeout: limits.requestTimeoutMs };
}

/**
 * Set the timeouts an `http.Server` takes as properties, and start Node's
 * checking of them. Node starts that check (every `connectionsCheckingInterval`)
 * when the server emits `listening`; the one-port server never listens with
 * it (connections are handed over by the sniffer), so `listening` is
 * emitted here, or headers and request timeouts would never fire. The
 * server's `close()` stops the check.
 */
export function applyHttpTimeouts(server: http.Server, limits: HttpLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.emit('listening');
}

/** The body limit for a request path: the longest matching prefix in `bodyBytesByPath`, else `maxBodyBytes`. */
export function bodyLimitFor(limits: Pick<HttpLimits, 'maxBodyBytes' | 'bodyBytesByPath'>, path: string): number {
  const pathname = path.split('?')[0];
  let best: string | undefined;
  for (const prefix of Object.keys(limits.bodyBytesByPath)) {
    if (pathname.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? limits.maxBodyBytes : limits.bodyBytesByPath[best];
}

/**
 * A request listener that refuses bodies over the path's limit with 413 and
 * closes the connection: at once when `content-length` says so, or as soon
 * as a chunked body passes the limit (the handler has already run then; the
 * socket is destroyed so no more is read).
 */
export function limitRequestBodies(listener: http.RequestListener, limits: Pick<HttpLimits, 'maxBodyBytes' | 'bodyBytesByPath'>): http.RequestListener {
  return (req, res) => {
    const limit = bodyLimitFor(limits, req.url ?? '/');
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      refuseBody(res, `request body: content-length ${declared} bytes, the limit for ${req.url?.split('?')[0]} is ${limit}`);
      return;
    }
    if (declared === undefined && req.headers['transfer-encoding'] !== undefined) {
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit) {
          req.removeAllListeners('data');
          if (!res.headersSent) refuseBody(res, `request body: more than ${limit} bytes, the limit for ${req.url?.split('?')[0]}`);
          else req.socket.destroy();
        }
      });
    }
    listener(req, res);
  };
}

function refuseBody(res: http.ServerResponse, message: string): void {
  res.shouldKeepAlive = false;
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ error: message }) + '\n', () => res.socket?.destroy());
}

/**
 * Counts open connections, in total and per remote address, and says
 * whether a new one may stay. Pure: the caller closes a refused socket and
 * calls {@link release} for every admitted one when it closes.
 */
export class ConnectionCounter {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(private readonly limits: Pick<HttpLimits, 'maxConnections' | 'maxConnectionsPerAddress'>) {}

  /** Admit a connection from `address` (counted when admitted), or say which limit refuses it. */
  admit(address: string): { admitted: true } | { admitted: false; limit: 'maxConnections' | 'maxConnectionsPerAddress'; open: number; max: number } {
    if (this.total >= this.limits.maxConnections) return { admitted: false, limit: 'maxConnections', open: this.total, max: this.limits.maxConnections };
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (fromAddress >= this.limits.maxConnectionsPerAddress) {
      return { admitted: false, limit: 'maxConnectionsPerAddress', open: fromAddress, max: this.limits.maxConnectionsPerAddress };
    }
    this.total++;
    this.byAddress.set(address, fromAddress + 1);
    return { admitted: true };
  }

  /** An admitted connection from `address` closed. */
  release(address: string): void {
    const n = this.byAddress.get(address) ?? 0;
    if (n <= 0) return;
    this.total--;
    if (n === 1) this.byAddress.delete(address);
    else this.byAddress.set(address, n - 1);
  }

  /** Open connections counted, in total. */
  get open(): number {
    return this.total;
  }

  /** Open connections counted from `address`. */
  openFrom(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }
}
