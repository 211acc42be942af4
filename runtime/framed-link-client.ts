/**
 * Client side of `meseta-link/1` (`./link-frames`): one TCP (or TLS)
 * connection carrying link streams, each shaped like the grpc-js client
 * duplex stream its user already handles (`write`, `end`, `cancel`; events
 * `data`, `error` with `code` and `details`, `end`, `status`).
 *
 * A server that does not speak the link (an older master: it answers the
 * preface as a bad HTTP/1.1 request; over TLS it refuses the ALPN name)
 * fails every stream with {@link LinkUnsupportedError}, so the caller can
 * use gRPC instead.
 */
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { status } from '@grpc/grpc-js';
import { FrameKind, FrameReader, LINK_ALPN, LINK_PREFACE, encodeFrame, encodeOpen, parseStatusPayload, type LinkFrame, type LinkStatus } from './link-frames';

/** How messages are (de)serialized (grpc-js's `MethodDefinition` has them). */
export interface FramedLinkClientCodec<Out, In> {
  requestSerialize(message: Out): Buffer;
  responseDeserialize(bytes: Buffer): In;
}

/** TLS material of the client: verified against `ca`; `cert`/`key` as client certificate. */
export interface FramedLinkTls {
  ca: Buffer | string;
  cert?: Buffer | string;
  key?: Buffer | string;
}

/** Options of {@link FramedLinkClient}. */
export interface FramedLinkClientOptions<Out, In> {
  /** `host:port` (`[v6]:port`). */
  address: string;
  codec: FramedLinkClientCodec<Out, In>;
  /** TLS when set (the server's certificate is checked against the host, IP SANs for an IP). */
  tls?: FramedLinkTls;
  /** Metadata sent when each stream opens (e.g. `authorization`). */
  metadata?: Readonly<Record<string, string>>;
}

/** The error a stream fails with (as grpc-js's `ServiceError`: `code`, `details`). */
export class LinkStreamError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`${code} ${status[code] ?? 'UNKNOWN'}: ${details}`);
  }
}

/** The server does not speak `meseta-link/1`: use gRPC with it. */
export class LinkUnsupportedError extends LinkStreamError {
  readonly linkUnsupported = true;
  constructor(details: string) {
    super(status.UNIMPLEMENTED, details);
  }
}

/** SNI name sent when dialling an IP (TLS forbids an IP as server name); the certificate is still checked against the IP. */
const IP_SERVER_NAME_PLACEHOLDER = 'meseta-ip-address.invalid';

/** One stream of the link. */
export class FramedClientStream<Out, In> extends EventEmitter {
  private over = false;

  constructor(
    private readonly connection: FramedClientConnection<Out, In>,
    readonly id: number,
  ) {
    super();
  }

  /** Send one message; false when the connection's buffer is full (wait for `drain`). */
  write(message: Out): boolean {
    if (this.over) return false;
    return this.connection.send(encodeFrame(FrameKind.DATA, this.id, this.connection.codec.requestSerialize(message)));
  }

  /** No more messages from this side; the server ends the stream with a status. */
  end(): void {
    if (this.over) return;
    this.connection.send(encodeFrame(FrameKind.HALF_CLOSE, this.id));
  }

  /** Give the stream up (fails it with CANCELLED, as grpc-js does). */
  cancel(): void {
    if (this.over) return;
    this.connection.send(encodeFrame(FrameKind.CANCEL, this.id));
    this.close({ code: status.CANCELLED, details: 'Cancelled on client' });
  }

  /** @internal */
  receive(frame: LinkFrame): void {
    if (this.over) return;
    if (frame.kind === FrameKind.DATA) {
      let message: In;
      try {
        message = this.connection.codec.responseDeserialize(frame.payload);
      } catch (e) {
        this.connection.send(encodeFrame(FrameKind.CANCEL, this.id));
        this.close({ code: status.INTERNAL, details: `a message from the server does not parse: ${(e as Error).message}` });
        return;
      }
      this.emit('data', message);
      return;
    }
    if (frame.kind === FrameKind.STATUS) {
      const parsed = parseStatusPayload(frame.payload);
      this.close('problem' in parsed ? { code: status.INTERNAL, details: parsed.problem } : parsed.status);
      return;
    }
    this.connection.send(encodeFrame(FrameKind.CANCEL, this.id));
    this.close({ code: status.INTERNAL, details: `frame kind ${frame.kind} is not expected from the server` });
  }

  /** @internal The stream is over with `s` (or `error`, which carries its own). */
  close(s: LinkStatus, error?: LinkStreamError): void {
    if (this.over) return;
    this.over = true;
    this.connection.forget(this.id);
    if (s.code === status.OK) {
      this.emit('status', s);
      this.emit('end');
      return;
    }
    // As grpc-js: `error`, then `status`; an unheard error must not throw.
    if (this.listenerCount('error') > 0) this.emit('error', error ?? new LinkStreamError(s.code, s.details));
    this.emit('status', s);
  }
}

/** One connection; a new one is made when it closed. */
class FramedClientConnection<Out, In> {
  readonly codec: FramedLinkClientCodec<Out, In>;
  private readonly socket: net.Socket;
  private readonly streams = new Map<number, FramedClientStream<Out, In>>();
  private readonly reader = new FrameReader();
  private nextId = 1;
  private prefaceSeen = 0;
  closed = false;

  constructor(
    private readonly options: FramedLinkClientOptions<Out, In>,
    private readonly onClosed: () => void,
  ) {
    this.codec = options.codec;
    const colon = options.address.lastIndexOf(':');
    const host = options.address.slice(0, colon).replace(/^\[|\]$/g, '');
    const port = Number(options.address.slice(colon + 1));
    const plain = net.connect({ host, port, noDelay: true });
    plain.setKeepAlive(true, 30_000);
    if (options.tls) {
      const t = options.tls;
      this.socket = tls.connect({
        socket: plain,
        ca: t.ca,
        cert: t.cert,
        key: t.key,
        ALPNProtocols: [LINK_ALPN],
        servername: net.isIP(host) ? IP_SERVER_NAME_PLACEHOLDER : host,
        checkServerIdentity: (_name, certificate) => tls.checkServerIdentity(host, certificate),
      });
      plain.on('error', (e) => this.fail(e));
    } else {
      this.socket = plain;
    }
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('drain', () => {
      for (const s of this.streams.values()) s.emit('drain');
    });
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('close', () => this.fail(undefined));
    this.socket.write(LINK_PREFACE);
  }

  open(metadata: Readonly<Record<string, string>>): FramedClientStream<Out, In> {
    const id = this.nextId++;
    const stream = new FramedClientStream<Out, In>(this, id);
    this.streams.set(id, stream);
    this.send(encodeOpen(id, metadata));
    return stream;
  }

  send(bytes: Buffer): boolean {
    if (this.closed) return false;
    return this.socket.write(bytes);
  }

  forget(id: number): void {
    this.streams.delete(id);
  }

  destroy(): void {
    this.fail(undefined, { code: status.CANCELLED, details: 'connection closed by the client' });
  }

  private onData(chunk: Buffer): void {
    if (this.prefaceSeen < LINK_PREFACE.length) {
      const n = Math.min(LINK_PREFACE.length - this.prefaceSeen, chunk.length);
      if (!chunk.subarray(0, n).equals(LINK_PREFACE.subarray(this.prefaceSeen, this.prefaceSeen + n))) {
        const said = chunk.subarray(0, Math.min(chunk.length, 40)).toString('latin1').split('\r\n')[0];
        this.fail(new LinkUnsupportedError(`${this.options.address} does not offer meseta-link/1 (it answered "${said}")`));
        return;
      }
      this.prefaceSeen += n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    const { frames, problem } = this.reader.push(chunk);
    for (const frame of frames) {
      if (this.closed) return;
      if (frame.stream === 0 && frame.kind === FrameKind.STATUS) {
        const parsed = parseStatusPayload(frame.payload);
        this.fail(undefined, 'problem' in parsed ? { code: status.INTERNAL, details: parsed.problem } : parsed.status);
        return;
      }
      this.streams.get(frame.stream)?.receive(frame);
    }
    if (problem) this.fail(undefined, { code: status.INTERNAL, details: `meseta-link/1 protocol error from the server: ${problem}` });
  }

  private fail(error: Error | undefined, s?: LinkStatus): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    let failure: LinkStreamError;
    if (error instanceof LinkStreamError) failure = error;
    else if (s) failure = new LinkStreamError(s.code, s.details);
    else if (error && /NO_APPLICATION_PROTOCOL/i.test((error as NodeJS.ErrnoException).code ?? error.message)) {
      failure = new LinkUnsupportedError(`${this.options.address} refused the ALPN protocol ${LINK_ALPN} (${error.message})`);
    } else failure = new LinkStreamError(status.UNAVAILABLE, `connection to ${this.options.address} ${error ? `failed: ${error.message}` : 'closed'}`);
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const stream of streams) stream.close({ code: failure.code, details: failure.details }, failure);
    this.onClosed();
  }
}

/**
 * A `meseta-link/1` client of one server address: streams share one
 * connection, opened on the first stream and again after it closed.
 */
export class FramedLinkClient<Out, In> {
  private connection?: FramedClientConnection<Out, In>;

  constructor(private readonly options: FramedLinkClientOptions<Out, In>) {}

  /** Open a stream (and the connection first, when none is open). */
  open(): FramedClientStream<Out, In> {
    if (!this.connection || this.connection.closed) {
      const connection: FramedClientConnection<Out, In> = new FramedClientConnection(this.options, () => {
        if (this.connection === connection) this.connection = undefined;
      });
      this.connection = connection;
    }
    return this.connection.open(this.options.metadata ?? {});
  }

  /** Close the connection; its streams fail with CANCELLED. */
  close(): void {
    this.connection?.destroy();
    this.connection = undefined;
  }
}
