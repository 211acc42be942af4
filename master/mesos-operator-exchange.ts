/**
 * One exchange of a Mesos v1 operator API (`POST /api/v1` on the master
 * and on the agent): the request checked and its Call decoded, answers
 * written in the format the client accepts, refusals as Mesos gives them
 * (a status code and a plain-text body naming the problem), and RecordIO
 * streams of events. The codec is `@meseta/proto/mesos-http`; the framing
 * `@meseta/proto/recordio`.
 *
 * Streams: `Accept: application/json` (or protobuf) answers a stream whose
 * records are in that format, with that Content-Type, as Mesos did first;
 * `Accept: application/recordio` answers `Content-Type: application/recordio`
 * with the records' format in `Message-Content-Type`, chosen by
 * `Message-Accept` (JSON when absent), as Mesos does since 1.1.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  APPLICATION_RECORDIO,
  MesosHttpError,
  type MesosFormat,
  type MesosMessageType,
  decodeMesosMessage,
  encodeMesosMessage,
  mediaType,
  requestFormat,
  responseFormat,
} from '@meseta/proto/mesos-http';
import { encodeRecord } from '@meseta/proto/recordio';

/** Largest operator call body read: 1 MiB (calls are small; the port's own body limit may be lower). */
export const MAX_CALL_BYTES = 1024 * 1024;

/** A decoded call and the format its answer goes in. */
export interface DecodedCall<T> {
  call: T;
  /** The format of the request body. */
  requestFormat: MesosFormat;
  /** The format of a plain (not streamed) answer, from `Accept`. */
  answerFormat: MesosFormat;
}

/** Read a request's body, refusing one over `limit` bytes with 413. */
export function readBody(req: IncomingMessage, limit = MAX_CALL_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => (over ? reject(new MesosHttpError(413, `Request body is larger than ${limit} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', (e) => reject(new MesosHttpError(400, `Request body could not be read: ${e.message}`)));
  });
}

/** The answer format a request accepts (406 when it accepts neither JSON nor protobuf). */
export function answerFormatOf(req: IncomingMessage): MesosFormat {
  return responseFormat(headerOf(req, 'accept'), 'json');
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * Check the method and content type, read the body and decode the call.
 * Throws a {@link MesosHttpError}: 405 for a method other than POST, 415 for
 * a content type, 406 for an Accept it cannot meet, 400 naming the field
 * for a body that does not decode, 413 for one too large.
 */
export async function readMesosCall<T>(req: IncomingMessage, type: MesosMessageType<T>, limit = MAX_CALL_BYTES): Promise<DecodedCall<T>> {
  if (req.method !== 'POST') throw new MesosHttpError(405, `Expecting a 'POST' request, received '${req.method ?? ''}'`);
  const format = requestFormat(headerOf(req, 'content-type'));
  const answer = streamsRecordIo(req) ? 'json' : answerFormatOf(req);
  const body = await readBody(req, limit);
  return { call: decodeMesosMessage(type, body, format), requestFormat: format, answerFormat: answer };
}

/** True when the client asked for `application/recordio` (streamed answers). */
function streamsRecordIo(req: IncomingMessage): boolean {
  return (headerOf(req, 'accept') ?? '').toLowerCase().includes(APPLICATION_RECORDIO);
}

const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** Answer 200 with `message` in `format`. */
export function sendMesosMessage<T>(res: ServerResponse, type: MesosMessageType<T>, message: T, format: MesosFormat): void {
  const body = encodeMesosMessage(type, message, format);
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': mediaType(format), 'content-length': body.length });
  res.end(body);
}

/** Answer 200 in protobuf with `length` bytes still to be written (a big answer written in slices; the caller ends it). */
export function beginProtobufAnswer(res: ServerResponse, length: number): void {
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': mediaType('protobuf'), 'content-length': length });
}

/** Answer 200 in JSON with the body still to be written (a big answer written in slices; the caller ends it). */
export function beginJsonAnswer(res: ServerResponse): void {
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': mediaType('json') });
}

/** Answer `status` with no body (200 for a done action, 202 for one under way). */
export function sendEmpty(res: ServerResponse, status = 200): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-length': 0 });
  res.end();
}

/** Answer a refusal as Mesos does: its status and a plain-text body naming the problem. */
export function sendMesosError(res: ServerResponse, e: MesosHttpError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = Buffer.from(`${e.message}\n`, 'utf8');
  const headers: Record<string, string | number> = { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length };
  if (e.status === 405) headers.allow = 'POST';
  res.writeHead(e.status, headers);
  res.end(body);
}

/** A RecordIO stream of messages of one type, open on a response. */
export interface RecordStream<T> {
  /** The format of the records. */
  readonly format: MesosFormat;
  /** Write one record; false once the client is gone or the stream ended. */
  write(message: T): boolean;
  /** Write one record already encoded in {@link format}; false once the client is gone or the stream ended. */
  writeEncoded(bytes: Buffer): boolean;
  /** Bytes written but not yet taken by the client. */
  readonly backlog: number;
  end(): void;
}

/**
 * Answer 200 and open a RecordIO stream (chunked, each record written on
 * its own). The records' format follows the request's `Accept` (or
 * `Message-Accept` with `Accept: application/recordio`).
 * @throws MesosHttpError 406 when the client accepts no format we write
 */
export function openRecordStream<T>(req: IncomingMessage, res: ServerResponse, type: MesosMessageType<T>): RecordStream<T> {
  let format: MesosFormat;
  const headers: Record<string, string> = { ...COMMON_HEADERS, connection: 'keep-alive' };
  if (streamsRecordIo(req)) {
    format = responseFormat(headerOf(req, 'message-accept'), 'json');
    headers['content-type'] = APPLICATION_RECORDIO;
    headers['message-content-type'] = mediaType(format);
  } else {
    format = answerFormatOf(req);
    headers['content-type'] = mediaType(format);
  }
  res.writeHead(200, headers);
  res.flushHeaders();
  let open = true;
  res.on('close', () => (open = false));
  return {
    format,
    write(message) {
      if (!open || res.writableEnded) return false;
      res.write(encodeRecord(encodeMesosMessage(type, message, format)));
      return true;
    },
    writeEncoded(bytes) {
      if (!open || res.writableEnded) return false;
      res.write(encodeRecord(bytes));
      return true;
    },
    get backlog() {
      return res.writableLength;
    },
    end() {
      open = false;
      if (!res.writableEnded) res.end();
    },
  };
}
