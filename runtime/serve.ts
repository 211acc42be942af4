/**
 * One TCP port for gRPC and plain HTTP, as Mesos serves everything on 5050.
 *
 * Each new connection is sniffed: one that opens with the HTTP/2 preface
 * goes to the gRPC server, anything else (browsers, curl) to the HTTP/1.1
 * handler. The first bytes are pushed back before handing the socket over.
 *
 * With `tls`, every connection is TLS first (a plaintext client gets no
 * answer it can read, its handshake fails). ALPN picks the handler
 * ({@link chooseAlpnProtocol}): `h2` (grpc-js) goes to the gRPC server,
 * `http/1.1` (browsers, curl) to the HTTP handler, and so does a client
 * that offers no ALPN (every gRPC client offers `h2`). A client certificate is asked for
 * but optional; {@link peerCertificateOfCall} and
 * {@link peerCertificateOfRequest} (`./peer-identity`) read it.
 */
import * as net from 'node:net';
import * as http from 'node:http';
import * as tls from 'node:tls';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { chooseAlpnProtocolWithLink } from './alpn-choice';
import { applyHttpTimeouts, httpServerOptions, limitRequestBodies, resolveHttpLimits, type HttpLimits } from './http-limits';
import { connectionGuard } from './connection-guard';
import { guardRequests } from './http-request-guard';
import { LINK_ALPN, LINK_PREFACE } from './link-frames';
import { LISTEN_BACKLOG, type EarlyListener } from './early-listener';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

/** Where the first bytes of a connection send it: gRPC, the light agent link, or HTTP/1.1 (undefined: need more bytes). */
export function sniffRoute(head: Buffer, linkServed: boolean): 'grpc' | 'link' | 'http' | undefined {
  const candidates: Array<['grpc' | 'link', Buffer]> = linkServed ? [['grpc', HTTP2_PREFACE], ['link', LINK_PREFACE]] : [['grpc', HTTP2_PREFACE]];
  for (const [route, preface] of candidates) {
    const n = Math.min(head.length, preface.length);
    if (!head.subarray(0, n).equals(preface.subarray(0, n))) continue;
    return head.length < preface.length ? undefined : route;
  }
  return 'http';
}

/**
 * gRPC server keepalive for a daemon holding thousands of links (a master
 * with 50,000 agents): it pings an idle connection every 60 s and gives
 * the peer 30 s to answer, so a few seconds of a busy event loop never
 * drop a link for a late ping acknowledgement (liveness of agents is the
 * master's own heartbeats, which discount its stalls); clients may ping
 * every 5 s at most.
 */
export const SERVER_KEEPALIVE_OPTIONS = {
  'grpc.keepalive_time_ms': 60_000,
  'grpc.keepalive_timeout_ms': 30_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
} as const;

/** Connections the kernel may queue before they are accepted (see `./early-listener`). */
export { LISTEN_BACKLOG } from './early-listener';

/** A listening dual-protocol port. */
export interface DualServer {
  /** The bound port (useful when 0 was asked). */
  readonly port: number;
  /** The HTTP/1.1 server, e.g. to count connections. */
  readonly http: http.Server;
  /** Stop accepting, end open connections, and resolve when closed. */
  close(): Promise<void>;
}

/** Options of {@link listenDual}. */
export interface DualServerOptions {
  /** Address to bind. @default '127.0.0.1' */
  host?: string;
  /** Port to bind; 0 picks a free one. */
  port: number;
  grpc: Server;
  onHttpRequest: http.RequestListener;
  /** Timeouts, size and connection limits (`./http-limits`). @default DEFAULT_HTTP_LIMITS */
  limits?: Partial<HttpLimits>;
  /** Serve TLS only, with this certificate. @default plaintext */
  tls?: TlsServerMaterial;
  /**
   * Takes connections of the light agent link (`meseta-link/1`: they open
   * with its preface, or over TLS ask for it by ALPN), the preface still
   * unread (`./framed-link-server`). @default not served: such a connection goes to HTTP/1.1
   */
  link?: (socket: net.Socket) => void;
  /**
   * A port bound already (`./early-listener`, before the daemon's modules
   * loaded): served instead of binding `host:port`, plaintext or TLS.
   * @default bind `host:port` here
   */
  bound?: EarlyListener;
}

/** PEM contents (not paths) of a daemon's TLS identity. */
export interface TlsServerMaterial {
  /** The daemon's certificate chain (`--tls-cert`). */
  cert: Buffer;
  /** Its private key (`--tls-key`). */
  key: Buffer;
  /**
   * CA certificates that sign the client certificates to accept as verified
   * (`--tls-ca`). @default none: client certificates never count as verified
   */
  ca?: Buffer;
}

/**
 * The TLS server that does the handshakes of a TLS port: certificate,
 * optional client certificate (verified against `ca`, never required),
 * ALPN by {@link chooseAlpnProtocol}.
 */
export function createTlsHandshaker(
  material: TlsServerMaterial,
  onSecure: (socket: tls.TLSSocket) => void,
  /** A client that has not finished its handshake in this long is dropped. @default 10000 */
  handshakeTimeoutMs = 10_000,
  /** Also answer the light agent link's ALPN name. @default false */
  linkServed = false,
): tls.Server {
  const server = tls.createServer(
    {
      cert: material.cert,
      key: material.key,
      ca: material.ca,
      requestCert: true,
      rejectUnauthorized: false,
      ALPNCallback: ({ protocols }) => chooseAlpnProtocolWithLink(protocols, linkServed),
      minVersion: 'TLSv1.2',
      handshakeTimeout: handshakeTimeoutMs,
    },
    onSecure,
  );
  // A failed handshake (plaintext client, unknown CA on the client's side)
  // only ends that connection.
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  return server;
}

/** Listen on one port for both gRPC (HTTP/2) and HTTP/1.1. */
export async function listenDual(options: DualServerOptions): Promise<DualServer> {
  const injector = options.grpc.createConnectionInjector(ServerCredentials.createInsecure());
  const limits = resolveHttpLimits(options.limits);
  const guard = connectionGuard(limits);
  const httpServer = http.createServer(httpServerOptions(limits), limitRequestBodies(guardRequests(options.onHttpRequest), limits));
  applyHttpTimeouts(httpServer, limits);
  const sockets = new Set<net.Socket>();
  const route = (socket: net.Socket): void => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const to = sniffRoute(head, options.link !== undefined);
      if (to === undefined) return; // need more bytes to decide
      socket.removeListener('data', onData);
      guard.sniffed(socket);
      if (to === 'link') {
        socket.pause();
        socket.unshift(head);
        options.link!(socket);
        socket.resume();
      } else if (to === 'grpc') {
        // Node's HTTP/2 session takes the socket's native handle and first
        // replays what is buffered in it (the sniffed bytes pushed back), so
        // no JS stream relays gRPC traffic (at 50,000 links the relay cost
        // more CPU than the master's own work).
        socket.pause();
        socket.unshift(head);
        toGrpc(socket);
      } else {
        socket.pause();
        socket.unshift(head);
        toHttp(socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  };
  const toGrpc = (socket: net.Socket): void => injector.injectConnection(socket);
  const toHttp = (socket: net.Socket): void => {
    httpServer.emit('connection', socket);
  };
  const handshaker = options.tls
    ? createTlsHandshaker(options.tls, (secure) => {
        secure.on('error', () => secure.destroy());
        if (secure.alpnProtocol === 'h2') toGrpc(secure);
        else if (secure.alpnProtocol === LINK_ALPN && options.link) options.link(secure);
        else toHttp(secure); // http/1.1, or no ALPN at all (openssl s_client, old clients)
      }, limits.firstBytesTimeoutMs, options.link !== undefined)
    : undefined;
  const onConnection = (socket: net.Socket): void => {
    if (!guard.admit(socket)) return; // over a connection limit: closed at once
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    if (handshaker) {
      guard.sniffed(socket); // the TLS handshake has its own timeout (firstBytesTimeoutMs)
      handshaker.emit('connection', socket);
    }
    else route(socket);
  };
  let tcp: net.Server;
  if (options.bound) {
    tcp = options.bound.server;
    options.bound.handOver(onConnection);
  } else {
    tcp = net.createServer(onConnection);
    const server = tcp;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port, host: options.host ?? '127.0.0.1', backlog: LISTEN_BACKLOG }, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  }
  const address = tcp.address() as net.AddressInfo;
  return {
    port: address.port,
    http: httpServer,
    close: () =>
      new Promise<void>((resolve) => {
        tcp.close(() => resolve());
        injector.destroy();
        options.grpc.forceShutdown();
        httpServer.close(); // stops its timeout checks (./http-limits)
        httpServer.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
