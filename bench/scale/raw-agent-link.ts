/**
 * A lean AgentLink.Connect client for the scale harness: the same wire
 * protocol as grpc-js (gRPC over HTTP/2: a POST to
 * `/meseta.v1.AgentLink/Connect`, length-prefixed protobuf messages both
 * ways), written on Node's `http2` directly, so that a swarm process can
 * drive thousands of agents without grpc-js's per-channel machinery
 * (resolver, load balancer, subchannel pool, channelz), which cost the
 * swarms more CPU than the master spent serving them.
 *
 * The master cannot tell it from grpc-js: what it receives is the same
 * HTTP/2 connection, headers and frames. One {@link RawAgentLinkConnection}
 * is one TCP connection (an HTTP/2 session), opened again when it closed
 * (a master failover); each `connect()` is one stream on it.
 */
import * as http2 from 'node:http2';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { EventEmitter } from 'node:events';
import { pb, type AgentToMaster, type MasterToAgent } from '@meseta/proto/wire';
import type { AgentLinkStream } from './simulated-agent';

const PATH = '/meseta.v1.AgentLink/Connect';

/** One stream of the link, with the surface the simulated agent uses. */
class RawLinkStream extends EventEmitter implements AgentLinkStream {
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly stream: http2.ClientHttp2Stream) {
    super();
    stream.on('data', (chunk: Buffer) => this.onChunk(chunk));
    stream.on('trailers', (trailers) => {
      const status = Number(trailers['grpc-status'] ?? 0);
      if (status !== 0) this.end('error', new Error(`grpc-status ${status}: ${String(trailers['grpc-message'] ?? '')}`));
    });
    stream.on('response', (headers) => {
      const status = headers['grpc-status'];
      if (status !== undefined && Number(status) !== 0) this.end('error', new Error(`grpc-status ${String(status)}: ${String(headers['grpc-message'] ?? '')}`));
    });
    stream.on('end', () => this.end('end'));
    stream.on('close', () => this.end('end'));
    stream.on('error', (e: Error) => this.end('error', e));
  }

  write(message: AgentToMaster): boolean {
    if (this.ended) return false;
    const body = pb.AgentToMaster.encode(message).finish();
    const frame = Buffer.allocUnsafe(5 + body.length);
    frame[0] = 0;
    frame.writeUInt32BE(body.length, 1);
    frame.set(body, 5);
    return this.stream.write(frame);
  }

  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.stream.destroyed) this.stream.close(http2.constants.NGHTTP2_CANCEL);
  }

  private onChunk(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 5) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < 5 + length) return;
      const body = this.pending.subarray(5, 5 + length);
      this.pending = this.pending.subarray(5 + length);
      let message: MasterToAgent;
      try {
        message = pb.MasterToAgent.decode(body);
      } catch (e) {
        this.end('error', e as Error);
        return;
      }
      if (!this.ended) this.emit('data', message);
    }
  }

  private end(kind: 'end' | 'error', error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.emit(kind, error);
    if (!this.stream.destroyed) this.stream.close(http2.constants.NGHTTP2_CANCEL);
  }
}

/** One HTTP/2 connection to the master carrying agents' link streams. */
export class RawAgentLinkConnection {
  private session?: http2.ClientHttp2Session;

  /**
   * @param headers extra request headers (e.g. `authorization`).
   * @param tls when given, the connection is TLS (`https://`) verified against `tls.ca`, with `cert`/`key` as client certificate if set.
   */
  constructor(
    private readonly address: string,
    private readonly headers: Record<string, string> = {},
    private readonly tls?: { ca: Buffer; cert?: Buffer; key?: Buffer },
  ) {}

  /** Open a link stream (and the connection first, when it is not open). */
  connect(): AgentLinkStream {
    const session = this.openSession();
    const stream = session.request(
      {
        ':method': 'POST',
        ':path': PATH,
        'content-type': 'application/grpc',
        te: 'trailers',
        'user-agent': 'meseta-scale-bench',
        ...this.headers,
      },
      { endStream: false },
    );
    return new RawLinkStream(stream);
  }

  /** Close the connection (its streams end). */
  close(): void {
    this.session?.destroy();
    this.session = undefined;
  }

  private openSession(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    // Nagle off, as grpc-js and the master do: small messages go out at once.
    const colon = this.address.lastIndexOf(':');
    const host = this.address.slice(0, colon).replace(/^\[|\]$/g, '');
    const port = Number(this.address.slice(colon + 1));
    const security = this.tls;
    const createConnection = (): net.Socket => {
      const socket = net.connect({ host, port, noDelay: true });
      if (!security) return socket;
      return tls.connect({ socket, host, ca: security.ca, cert: security.cert, key: security.key, ALPNProtocols: ['h2'], ...(net.isIP(host) ? {} : { servername: host }) });
    };
    const session = http2.connect(`${security ? 'https' : 'http'}://${this.address}`, { settings: { enablePush: false }, createConnection });
    session.on('error', () => session.destroy());
    session.on('goaway', () => session.close());
    session.on('close', () => {
      if (this.session === session) this.session = undefined;
    });
    session.setTimeout(0);
    this.session = session;
    return session;
  }
}
