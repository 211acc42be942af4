/**
 * One TCP port for gRPC and plain HTTP, as Mesos serves everything on 5050.
 *
 * Each new connection is sniffed: one that opens with the HTTP/2 preface
 * goes to the gRPC server, anything else (browsers, curl) to the HTTP/1.1
 * handler. The first bytes are pushed back before handing the socket over.
 */
import * as net from 'node:net';
import * as http from 'node:http';
import { Server, ServerCredentials } from '@grpc/grpc-js';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

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
}

/** Listen on one port for both gRPC (HTTP/2) and HTTP/1.1. */
export async function listenDual(options: DualServerOptions): Promise<DualServer> {
  const injector = options.grpc.createConnectionInjector(ServerCredentials.createInsecure());
  const httpServer = http.createServer(options.onHttpRequest);
  httpServer.keepAliveTimeout = 5_000;
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const n = Math.min(head.length, HTTP2_PREFACE.length);
      const isH2 = head.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      if (isH2 && head.length < HTTP2_PREFACE.length) return; // need more bytes to decide
      socket.removeListener('data', onData);
      if (isH2) {
        // Node's HTTP/2 session takes the socket's native handle and first
        // replays what is buffered in it (the sniffed bytes pushed back), so
        // no JS stream relays gRPC traffic (at 50,000 links the relay cost
        // more CPU than the master's own work).
        socket.pause();
        socket.unshift(head);
        injector.injectConnection(socket);
      } else {
        socket.pause();
        socket.unshift(head);
        httpServer.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, options.host ?? '127.0.0.1', () => {
      tcp.removeListener('error', reject);
      resolve();
    });
  });
  const address = tcp.address() as net.AddressInfo;
  return {
    port: address.port,
    http: httpServer,
    close: () =>
      new Promise<void>((resolve) => {
        tcp.close(() => resolve());
        injector.destroy();
        options.grpc.forceShutdown();
        httpServer.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
