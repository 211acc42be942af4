/**
 * Server side of `meseta-link/1` (`./link-frames`): terminates a connection
 * whose client sent the link preface and hands each stream on it to a
 * handler written for grpc-js, as a {@link FramedServerStream} that has the
 * surface such a handler uses of a `ServerDuplexStream` (`metadata`,
 * `getPeer`, `getAuthContext`, `write`/`drain`, `end`, events `data`, `end`,
 * `error`, `cancelled`; `emit('error', {code, details})` ends the stream
 * with that status, as grpc-js does). So the agent link's handler, its
 * authentication and the leader gate serve both transports unchanged.
 *
 * Why: per connection, Node's HTTP/2 session and grpc-js's stream machinery
 * cost the master about 1 ms of CPU, half of what registering an agent cost
 * at tens of thousands of agents; this framing is a length prefix and a
 * protobuf.
 */
import { EventEmitter } from 'node:events';
import type * as net from 'node:net';
import { TLSSocket, type PeerCertificate } from 'node:tls';
import { Metadata, status } from '@grpc/grpc-js';
import { MAX_CONCURRENT_STREAMS, MAX_CONNECTION_IDLE_MS } from './grpc-limits';
import { FrameKind, FrameReader, LINK_PREFACE, encodeFrame, encodeStatus, parseOpenPayload, type LinkFrame } from './link-frames';

/** How messages of one service method are (de)serialized (grpc-js's `MethodDefinition` has them). */
export interface FramedLinkCodec<In, Out> {
  requestDeserialize(bytes: Buffer): In;
  responseSerialize(message: Out): Buffer;
}

/** Options of {@link framedLinkServer}. */
export interface FramedLinkServerOptions<In, Out> {
  codec: FramedLinkCodec<In, Out>;
  /** Called once per opened stream, as grpc-js calls a bidirectional method's handler. */
  onStream(stream: FramedServerStream<In, Out>): void;
  /** Streams one connection may hold at once; more are refused (RESOURCE_EXHAUSTED). @default MAX_CONCURRENT_STREAMS (gRPC's) */
  maxStreamsPerConnection?: number;
  /** A connection with no stream open for this long is closed. @default MAX_CONNECTION_IDLE_MS (gRPC's) */
  idleMs?: number;
  /** Told about connections ended for a protocol error (for the log). */
  onProtocolError?(problem: string, peer: string): void;
}

/** The grpc-js status an error emitted on a stream stands for. */
function statusOf(error: unknown): { code: number; details: string } {
  const e = error as { code?: unknown; details?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'number' ? e.code : status.UNKNOWN;
  const details = typeof e?.details === 'string' ? e.details : typeof e?.message === 'string' ? e.message : 'unknown error';
  return { code, details };
}

/** `host:port` of the peer, in grpc-js's `getPeer()` form. */
function peerOf(socket: net.Socket): string {
  const host = socket.remoteAddress ?? 'unknown';
  return host.includes(':') ? `[${host}]:${socket.remotePort ?? 0}` : `${host}:${socket.remotePort ?? 0}`;
}

/** One stream of a framed link connection, shaped like grpc-js's server duplex stream. */
export class FramedServerStream<In, Out> extends EventEmitter {
  /** True once the client cancelled or the connection closed. */
  cancelled = false;
  private done = false;

  constructor(
    private readonly connection: FramedConnection<In, Out>,
    readonly id: number,
    /** The metadata of the `OPEN` frame (e.g. `authorization`). */
    readonly metadata: Metadata,
  ) {
    super();
    // As grpc-js: an error emitted by the handler ends the stream with its status.
    this.on('error', (e) => this.finish(statusOf(e)));
  }

  /** The peer's `host:port`. */
  getPeer(): string {
    return this.connection.peer;
  }

  /** As grpc-js's: the verified client certificate of a TLS connection, else nothing. */
  getAuthContext(): { transportSecurityType?: string; sslPeerCertificate?: PeerCertificate } {
    return this.connection.authContext();
  }

  /** Send one message; false when the connection's buffer is full (wait for `drain`). */
  write(message: Out): boolean {
    if (this.done) return false;
    return this.connection.send(encodeFrame(FrameKind.DATA, this.id, this.connection.codec.responseSerialize(message)));
  }

  /** End the stream with status OK. */
  end(): void {
    this.finish({ code: status.OK, details: 'OK' });
  }

  /** @internal A frame for this stream. */
  receive(frame: LinkFrame): void {
    if (this.done && frame.kind !== FrameKind.CANCEL) return;
    switch (frame.kind) {
      case FrameKind.DATA: {
        let message: In;
        try {
          message = this.connection.codec.requestDeserialize(frame.payload);
        } catch (e) {
          // As grpc-js: a message that does not parse ends the call.
          this.emit('error', { code: status.INTERNAL, details: `message on stream ${this.id} does not parse: ${(e as Error).message}` });
          return;
        }
        this.emit('data', message);
        return;
      }
      case FrameKind.HALF_CLOSE:
        this.emit('end');
        return;
      case FrameKind.CANCEL:
        this.gone();
        return;
      default:
        this.emit('error', { code: status.INTERNAL, details: `frame kind ${frame.kind} is not expected from a client on an open stream` });
    }
  }

  /** @internal The client cancelled or the connection closed. */
  gone(): void {
    const wasDone = this.done;
    this.done = true;
    this.connection.forget(this.id);
    if (this.cancelled) return;
    this.cancelled = true;
    if (!wasDone) this.emit('cancelled');
  }

  private finish(s: { code: number; details: string }): void {
    if (this.done) return;
    this.done = true;
    this.connection.send(encodeStatus(this.id, s));
    this.connection.forget(this.id);
  }
}

/** One connection: its streams, its reader, its socket. */
class FramedConnection<In, Out> {
  readonly peer: string;
  readonly codec: FramedLinkCodec<In, Out>;
  private readonly streams = new Map<number, FramedServerStream<In, Out>>();
  private readonly reader = new FrameReader();
  private prefaceSeen = 0;
  /** Our preface goes out with the first frame (one write less per connection: it showed in profiles). */
  private prefaceOwed = false;
  private closed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly options: FramedLinkServerOptions<In, Out>,
  ) {
    this.peer = peerOf(socket);
    this.codec = options.codec;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      for (const s of this.streams.values()) s.emit('drain');
    });
    socket.on('close', () => this.onClose());
    socket.on('error', () => socket.destroy());
    socket.setKeepAlive(true, 60_000);
    socket.on('timeout', () => {
      if (this.streams.size === 0) this.protocolError(`no stream open for ${Math.round(this.idleMs / 1000)} s`);
    });
    socket.setTimeout(this.idleMs);
  }

  private get idleMs(): number {
    return this.options.idleMs ?? MAX_CONNECTION_IDLE_MS;
  }

  authContext(): { transportSecurityType?: string; sslPeerCertificate?: PeerCertificate } {
    const socket = this.socket;
    if (!(socket instanceof TLSSocket) || !socket.authorized) return {};
    const certificate = socket.getPeerCertificate();
    return { transportSecurityType: 'ssl', sslPeerCertificate: certificate.raw ? certificate : undefined };
  }

  send(bytes: Buffer): boolean {
    if (this.closed || this.socket.destroyed) return false;
    if (this.prefaceOwed) {
      this.prefaceOwed = false;
      return this.socket.write(Buffer.concat([LINK_PREFACE, bytes]));
    }
    return this.socket.write(bytes);
  }

  forget(id: number): void {
    if (this.streams.delete(id) && this.streams.size === 0 && !this.closed) this.socket.setTimeout(this.idleMs);
  }

  private onData(chunk: Buffer): void {
    if (this.prefaceSeen < LINK_PREFACE.length) {
      const n = Math.min(LINK_PREFACE.length - this.prefaceSeen, chunk.length);
      if (!chunk.subarray(0, n).equals(LINK_PREFACE.subarray(this.prefaceSeen, this.prefaceSeen + n))) {
        this.protocolError('the connection does not open with the meseta-link/1 preface');
        return;
      }
      this.prefaceSeen += n;
      if (this.prefaceSeen === LINK_PREFACE.length) this.prefaceOwed = true;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    const { frames, problem } = this.reader.push(chunk);
    for (const frame of frames) {
      if (this.closed) return;
      this.onFrame(frame);
    }
    if (problem) this.protocolError(problem);
  }

  private onFrame(frame: LinkFrame): void {
    const existing = this.streams.get(frame.stream);
    if (frame.kind === FrameKind.OPEN) {
      if (frame.stream === 0) return this.protocolError('OPEN: stream 0 is the connection itself');
      if (existing) return this.protocolError(`OPEN: stream ${frame.stream} is already open`);
      const opened = parseOpenPayload(frame.payload);
      if ('problem' in opened) {
        this.send(encodeStatus(frame.stream, { code: status.INVALID_ARGUMENT, details: opened.problem }));
        return;
      }
      const max = this.options.maxStreamsPerConnection ?? MAX_CONCURRENT_STREAMS;
      if (this.streams.size >= max) {
        this.send(encodeStatus(frame.stream, { code: status.RESOURCE_EXHAUSTED, details: `this connection holds ${this.streams.size} streams, the most one may (${max})` }));
        return;
      }
      const md = new Metadata();
      try {
        for (const [k, v] of Object.entries(opened.metadata)) md.set(k, v);
      } catch (e) {
        this.send(encodeStatus(frame.stream, { code: status.INVALID_ARGUMENT, details: `OPEN metadata: ${(e as Error).message}` }));
        return;
      }
      const stream = new FramedServerStream<In, Out>(this, frame.stream, md);
      if (this.streams.size === 0) this.socket.setTimeout(0);
      this.streams.set(frame.stream, stream);
      this.options.onStream(stream);
      return;
    }
    if (frame.kind === FrameKind.STATUS) return this.protocolError(`STATUS frames come from the server only (stream ${frame.stream})`);
    // A frame for a stream already over (its status crossed the client's frame) is dropped.
    existing?.receive(frame);
  }

  private protocolError(problem: string): void {
    if (this.closed) return;
    this.options.onProtocolError?.(problem, this.peer);
    // Say why, then close (what follows on the connection cannot be trusted).
    if (this.prefaceSeen === LINK_PREFACE.length) this.send(encodeStatus(0, { code: status.INTERNAL, details: `meseta-link/1 protocol error: ${problem}` }));
    this.closed = true;
    this.socket.end();
    this.socket.destroySoon();
    this.onClose();
  }

  private onClose(): void {
    this.closed = true;
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const s of streams) s.gone();
  }
}

/**
 * A handler for sockets that open with the link preface (the preface bytes
 * still unread, e.g. pushed back after a sniff). Each stream opened on them
 * goes to `onStream`.
 */
export function framedLinkServer<In, Out>(options: FramedLinkServerOptions<In, Out>): (socket: net.Socket) => void {
  return (socket) => {
    new FramedConnection(socket, options);
  };
}
