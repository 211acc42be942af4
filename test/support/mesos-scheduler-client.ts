/**
 * A raw-HTTP client of Mesos's Scheduler API for the conformance tests,
 * written from the Mesos docs, with no SDK: it writes the HTTP/1.1 request
 * on a TCP socket itself and reads the chunked RecordIO answer itself, so
 * the tests see the framing exactly as a Mesos client would (each record in
 * its own chunk). Events are read as JSON objects (protobuf ones through
 * `pb.Event.toObject` with Mesos's JSON options).
 */
import * as net from 'node:net';
import { RecordIoDecoder } from '@meseta/proto/recordio';
import { pb } from '@meseta/proto/wire';

/** A JSON object as Mesos writes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** What an HTTP answer was. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Options of a request. */
export interface RequestOptions {
  /** Body format. @default 'json' */
  format?: 'json' | 'protobuf';
  /** Extra or replacing headers (lower case names). */
  headers?: Record<string, string>;
  /** Send the body with `Transfer-Encoding: chunked`, in pieces of this many bytes. */
  chunkBytes?: number;
  /** HTTP method. @default POST */
  method?: string;
  /** Declare the whole body's length but send only its first this many bytes (a refusal by length comes first). */
  sendOnly?: number;
  /** Path. @default /api/v1/scheduler */
  path?: string;
}

/** The body bytes of a call: JSON text, or protobuf from a JSON-shaped object. */
export function callBody(call: Json, format: 'json' | 'protobuf'): Buffer {
  if (format === 'json') return Buffer.from(JSON.stringify(call));
  return Buffer.from(pb.Call.encode(pb.Call.fromObject(call)).finish());
}

function requestBytes(address: string, body: Buffer, options: RequestOptions): Buffer {
  const format = options.format ?? 'json';
  const type = format === 'json' ? 'application/json' : 'application/x-protobuf';
  const headers: Record<string, string> = { host: address, 'content-type': type, accept: type, ...options.headers };
  const parts: Buffer[] = [];
  if (options.chunkBytes) {
    headers['transfer-encoding'] = 'chunked';
    for (let at = 0; at < body.length; at += options.chunkBytes) {
      const piece = body.subarray(at, at + options.chunkBytes);
      parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from('0\r\n\r\n'));
  } else {
    headers['content-length'] = String(body.length);
    parts.push(options.sendOnly === undefined ? body : body.subarray(0, options.sendOnly));
  }
  const head = `${options.method ?? 'POST'} ${options.path ?? '/api/v1/scheduler'} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), ...parts]);
}

/** Reads an HTTP/1.1 response off a socket: head, then the body (content-length or chunked, chunk by chunk). */
class ResponseReader {
  private buffer = Buffer.alloc(0);
  head?: { status: number; headers: Record<string, string> };
  /** Body chunks as the server framed them (one entry per HTTP chunk, or one for a content-length body). */
  readonly chunks: Buffer[] = [];
  ended = false;

  push(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      if (!this.head) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const lines = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(lines[0].split(' ')[1]);
        const headers: Record<string, string> = {};
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          const name = line.slice(0, colon).trim().toLowerCase();
          const value = line.slice(colon + 1).trim();
          // A header sent more than once reads as one, its values joined (RFC 9110).
          headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
        }
        this.head = { status, headers };
        this.buffer = this.buffer.subarray(end + 4);
        continue;
      }
      if (this.ended) return;
      const { headers } = this.head;
      if (headers['transfer-encoding'] === 'chunked') {
        const lineEnd = this.buffer.indexOf('\r\n');
        if (lineEnd < 0) return;
        const size = parseInt(this.buffer.subarray(0, lineEnd).toString('latin1'), 16);
        if (this.buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          this.ended = true;
          return;
        }
        this.chunks.push(Buffer.from(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size)));
        this.buffer = this.buffer.subarray(lineEnd + 2 + size + 2);
        continue;
      }
      const length = Number(headers['content-length'] ?? '0');
      if (this.buffer.length < length) return;
      this.chunks.push(Buffer.from(this.buffer.subarray(0, length)));
      this.buffer = this.buffer.subarray(length);
      this.ended = true;
      return;
    }
  }
}

/** One request with its whole answer (not for SUBSCRIBE). */
export function rawRequest(address: string, call: Json | Buffer, options: RequestOptions = {}): Promise<RawAnswer> {
  const body = Buffer.isBuffer(call) ? call : callBody(call, options.format ?? 'json');
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host);
    const reader = new ResponseReader();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer from ${address} within 30 s`));
    }, 30_000);
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: reader.head!.status, headers: reader.head!.headers, body: Buffer.concat(reader.chunks) });
    };
    socket.on('data', (d: Buffer) => {
      reader.push(d);
      if (reader.head && reader.ended) finish();
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      if (reader.head && !reader.ended) finish();
      else if (!reader.head) {
        clearTimeout(timer);
        reject(new Error(`${address} closed the connection without an answer`));
      }
    });
    socket.write(requestBytes(address, body, options));
  });
}

/** A SUBSCRIBE stream: its head, and its events as they come. */
export class SchedulerStream {
  status = 0;
  headers: Record<string, string> = {};
  readonly events: Json[] = [];
  /** True when some HTTP chunk held anything but exactly one whole record. */
  framingBroken = false;
  /** Problems reading the stream (bad RecordIO, undecodable events). */
  readonly problems: string[] = [];
  closed = false;
  /** The body of a refused SUBSCRIBE. */
  refusal = '';
  private readonly socket: net.Socket;
  private readonly decoder = new RecordIoDecoder();

  constructor(
    address: string,
    call: Json | Buffer,
    private readonly options: RequestOptions = {},
  ) {
    const body = Buffer.isBuffer(call) ? call : callBody(call, options.format ?? 'json');
    const [host, port] = address.split(':');
    const reader = new ResponseReader();
    let seen = 0;
    this.socket = net.connect(Number(port), host);
    this.socket.on('data', (d: Buffer) => {
      reader.push(d);
      if (!reader.head) return;
      this.status = reader.head.status;
      this.headers = reader.head.headers;
      for (; seen < reader.chunks.length; seen++) this.onChunk(reader.chunks[seen]);
      if (reader.ended) this.socket.end();
    });
    this.socket.on('error', (e) => this.problems.push(`socket: ${e.message}`));
    this.socket.on('close', () => (this.closed = true));
    this.socket.write(requestBytes(address, body, options));
  }

  private onChunk(chunk: Buffer): void {
    if (this.status !== 200) {
      this.refusal += chunk.toString('utf8');
      return;
    }
    let records: Buffer[];
    try {
      records = this.decoder.push(chunk);
    } catch (e) {
      this.problems.push((e as Error).message);
      return;
    }
    if (records.length !== 1 || this.decoder.partial) this.framingBroken = true;
    for (const record of records) {
      try {
        if ((this.options.format ?? 'json') === 'json') {
          const text = record.toString('latin1');
          if (!/^[\x00-\x7f]*$/.test(text)) this.problems.push('a JSON event holds non-ASCII bytes');
          this.events.push(JSON.parse(text));
        } else {
          this.events.push(pb.Event.toObject(pb.Event.decode(record), { enums: String, longs: Number, bytes: String, json: true }));
        }
      } catch (e) {
        this.problems.push(`undecodable event: ${(e as Error).message}`);
      }
    }
  }

  /** Events of a type, in order. */
  ofType(type: string): Json[] {
    return this.events.filter((e) => e.type === type);
  }

  /** The stream id of the subscription. */
  get streamId(): string {
    return this.headers['mesos-stream-id'] ?? '';
  }

  /** Close the connection (the framework disconnects). */
  close(): void {
    this.socket.destroy();
  }
}
