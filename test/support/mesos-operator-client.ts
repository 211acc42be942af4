/**
 * A raw-HTTP client of the Mesos v1 operator API (`POST /api/v1`) for
 * tests: one call in JSON or protobuf, and SUBSCRIBE-style RecordIO streams
 * read record by record. node:http and the generated message classes only
 * (no SDK), as a third-party Mesos tool would speak it.
 */
import * as http from 'node:http';
import { RecordIoDecoder } from '@meseta/proto/recordio';
import { type MesosFormat, type MesosMessageType, encodeMesosMessage, mediaType } from '@meseta/proto/mesos-http';

/**
 * Decode an answer. JSON is read with JSON.parse (as most Mesos clients do):
 * int64 fields such as TimeInfo.nanoseconds exceed 2^53 and are read
 * rounded, which the strict request reader of mesos-http refuses.
 */
export function decodeAnswer<T>(type: MesosMessageType<T>, body: Buffer, format: MesosFormat): T {
  if (format === 'protobuf') return type.decode(body);
  return type.fromObject(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
}

/** One answer: status, headers, body, and the decoded message when it is 200 with a body. */
export interface OperatorAnswer<R> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  message?: R;
}

/** Options of {@link operatorCall}. */
export interface OperatorCallOptions {
  format?: MesosFormat;
  /** `Authorization: Bearer <token>`. */
  token?: string;
  /** Replace the request body (bad input tests). */
  rawBody?: Buffer | string;
  /** Replace or remove (`null`) headers. */
  headers?: Record<string, string | null>;
  method?: string;
  path?: string;
}

/** POST one call to `address` (`127.0.0.1:PORT`) and read the whole answer. */
export function operatorCall<C, R>(
  address: string,
  callType: MesosMessageType<C>,
  responseType: MesosMessageType<R>,
  call: C,
  options: OperatorCallOptions = {},
): Promise<OperatorAnswer<R>> {
  const format = options.format ?? 'json';
  const body = options.rawBody !== undefined ? Buffer.from(options.rawBody) : encodeMesosMessage(callType, call, format);
  const [host, port] = address.split(':');
  const headers: Record<string, string> = { 'content-type': mediaType(format), accept: mediaType(format), 'content-length': String(body.length) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method: options.method ?? 'POST', path: options.path ?? '/api/v1', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const answer: OperatorAnswer<R> = { status: res.statusCode ?? 0, headers: res.headers, body: buf, text: buf.toString('utf8') };
        if (answer.status === 200 && buf.length > 0) answer.message = decodeAnswer(responseType, buf, format);
        resolve(answer);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An open event stream. */
export interface OperatorStream<E> {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every record decoded so far, in order. */
  readonly events: E[];
  /** Resolves with the first event (from the start) that `match` accepts; rejects after `timeoutMs`. */
  next(match: (e: E) => boolean, timeoutMs: number, what: string): Promise<E>;
  close(): void;
}

/** Open a stream (SUBSCRIBE, a nested container session, ...) and decode its records as `eventType`. */
export function operatorStream<C, E>(
  address: string,
  callType: MesosMessageType<C>,
  eventType: MesosMessageType<E>,
  call: C,
  options: OperatorCallOptions = {},
): Promise<OperatorStream<E>> {
  const format = options.format ?? 'json';
  const body = encodeMesosMessage(callType, call, format);
  const [host, port] = address.split(':');
  const headers: Record<string, string> = { 'content-type': mediaType(format), accept: mediaType(format), 'content-length': String(body.length) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  const recordFormat: MesosFormat = (options.headers?.accept ?? '').includes('recordio')
    ? (options.headers?.['message-accept'] ?? '').includes('protobuf') ? 'protobuf' : 'json'
    : format;
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method: 'POST', path: options.path ?? '/api/v1', headers, agent: false }, (res) => {
      const events: E[] = [];
      const waiters: Array<{ match: (e: E) => boolean; resolve: (e: E) => void }> = [];
      const decoder = new RecordIoDecoder();
      let errorText = '';
      res.on('data', (chunk: Buffer) => {
        if (res.statusCode !== 200) {
          errorText += chunk.toString('utf8');
          return;
        }
        for (const record of decoder.push(chunk)) {
          const e = decodeAnswer(eventType, Buffer.from(record), recordFormat);
          events.push(e);
          for (const w of [...waiters]) {
            if (w.match(e)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(e);
            }
          }
        }
      });
      res.on('error', () => undefined);
      const stream: OperatorStream<E> = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        next(match, timeoutMs, what) {
          const found = events.find(match);
          if (found) return Promise.resolve(found);
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no ${what} within ${timeoutMs} ms; got ${events.length} records${errorText ? `; body: ${errorText}` : ''}`)), timeoutMs);
            waiters.push({ match, resolve: (e) => { clearTimeout(timer); ok(e); } });
          });
        },
        close() {
          req.destroy();
          res.destroy();
        },
      };
      resolve(stream);
    });
    req.on('error', reject);
    req.end(body);
  });
}
