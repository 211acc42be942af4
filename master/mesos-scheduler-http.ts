/**
 * Mesos's v1 Scheduler HTTP API on the master: `POST /api/v1/scheduler`,
 * beside (not instead of) our gRPC Scheduler service, over the same master:
 * SUBSCRIBE goes to `Master.subscribe` and every other call to
 * `Master.handleCall`, exactly as the gRPC handlers (`scheduler-api.ts`) do.
 *
 * - Bodies are JSON or protobuf by `Content-Type` (415 otherwise); answers
 *   by `Accept` (406 when neither is acceptable). Chunked bodies are read
 *   like any other; the body limit is the one-port server's
 *   (`runtime/http-limits.ts`, {@link SCHEDULER_BODY_BYTES} for this path).
 * - SUBSCRIBE answers 200 with `Mesos-Stream-Id` and a RecordIO stream of
 *   events, each record in its own chunk (JSON kept ASCII). An `Accept` of
 *   `application/recordio` takes the record format from `Message-Accept`
 *   and answers with `Message-Content-Type`, as Mesos's newer clients ask.
 * - Every other call must carry `Mesos-Stream-Id` and answers 202 once the
 *   master took it (TEARDOWN: once the removal is durable), or a text body
 *   naming the problem: 400 (malformed, missing stream id), 404 (unknown
 *   framework or agent), 409 (stale stream id, framework not connected or
 *   being removed), 501 (a call Meseta does not implement), 503 (the
 *   registry cannot write; retry).
 * - Authentication and ACLs are the master's HTTP guard's (a framework
 *   credential: bearer token, Basic, or a client certificate) with the same
 *   checks as the gRPC guard (`subscribeRefusalFor`, `callRefusalFor`).
 *
 * Mesos's and our messages differ in a few places; `mesos-scheduler-translate.ts` maps them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { status } from '@grpc/grpc-js';
import type { Call, Event, FrameworkInfo } from '@meseta/proto/wire';
import { CallType, EventType, pb } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { encodeRecord } from '@meseta/proto/recordio';
import {
  APPLICATION_RECORDIO,
  MesosHttpError,
  decodeMesosMessage,
  encodeMesosMessage,
  mediaType,
  requestFormat,
  responseFormat,
  type MesosFormat,
} from '@meseta/proto/mesos-http';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from './master';
import type { FrameworkSink } from './state';
import { CallError } from './call-errors';
import { RegistryWriteError } from './durable-writes';
import { authorityOf } from './auth/request-authority';
import { callRefusalFor, subscribeRefusalFor, type SchedulerActor } from './auth/grpc-guard';
import type { TrustRefusal } from './auth/trust';
import { callFromMesos, eventToMesos } from './mesos-scheduler-translate';

/** The endpoint's path. */
export const SCHEDULER_PATH = '/api/v1/scheduler';

/**
 * The body limit of this path (the one-port server's `bodyBytesByPath`):
 * 4 MiB, the largest message our gRPC Scheduler service takes, so an ACCEPT
 * of many tasks fits as it does over gRPC.
 */
export const SCHEDULER_BODY_BYTES = 4 * 1024 * 1024;

/** A subscriber that stops reading is cut off when this much is queued for it. */
const MAX_STREAM_BACKLOG_BYTES = 64 * 1024 * 1024;

const TEXT = 'text/plain; charset=utf-8';
const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** Answer `code` with a text body naming the problem. */
export function sendText(res: ServerResponse, code: number, message: string, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = Buffer.from(`${message}\n`, 'utf8');
  res.writeHead(code, { ...COMMON_HEADERS, 'content-type': TEXT, 'content-length': body.length, ...headers });
  res.end(body);
}

/** The HTTP status of a refused call: the master's CallError codes, a registry that cannot write, a codec error. */
export function httpStatusOf(e: unknown): number {
  if (e instanceof MesosHttpError) return e.status;
  if (e instanceof RegistryWriteError) return 503;
  if (e instanceof CallError) {
    switch (e.code) {
      case status.INVALID_ARGUMENT:
        return 400;
      case status.NOT_FOUND:
        return 404;
      case status.FAILED_PRECONDITION:
        return 409;
      case status.PERMISSION_DENIED:
        return 403;
      case status.UNAUTHENTICATED:
        return 401;
      case status.UNIMPLEMENTED:
        return 501;
      case status.UNAVAILABLE:
        return 503;
      case status.RESOURCE_EXHAUSTED:
        return 429;
      default:
        return 500;
    }
  }
  return 500;
}

/** The status of an authentication or authorization refusal. */
export function refusalStatus(r: TrustRefusal): number {
  return r.refused === 'unauthenticated' ? 401 : 403;
}

/** The `WWW-Authenticate` challenges of a 401: Mesos's Basic, and our bearer tokens. */
export const AUTHENTICATE_CHALLENGES = ['Basic realm="meseta"', 'Bearer realm="meseta"'];

/** How a SUBSCRIBE stream is written: the record format and the response's content type headers. */
export interface StreamFormat {
  format: MesosFormat;
  headers: Record<string, string>;
}

/**
 * The stream format from `Accept` (and `Message-Accept` when `Accept` asks
 * for `application/recordio`). JSON when the client says nothing.
 * @throws MesosHttpError 406
 */
export function streamFormat(accept: string | undefined, messageAccept: string | undefined): StreamFormat {
  const wantsRecordIo = (accept ?? '').split(',').some((t) => t.split(';')[0].trim().toLowerCase() === APPLICATION_RECORDIO);
  if (wantsRecordIo) {
    const format = responseFormat(messageAccept, 'json');
    return { format, headers: { 'content-type': APPLICATION_RECORDIO, 'message-content-type': mediaType(format) } };
  }
  const format = responseFormat(accept, 'json');
  return { format, headers: { 'content-type': mediaType(format) } };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The whole request body (chunked or not). Rejects when the client goes away mid-body. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('the client went away before its body ended')));
  });
}

function actorOf(req: IncomingMessage): SchedulerActor | undefined {
  const authority = authorityOf(req);
  if (authority.principal === undefined) return undefined;
  return { name: authority.principal, check: (action, object) => authority.check(action, object) };
}

/** The request listener of `POST /api/v1/scheduler`. */
export function mesosSchedulerHandler(master: Master, log: Logger): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const refuse = (res: ServerResponse, e: unknown, what: string): void => {
    const code = httpStatusOf(e);
    const message = e instanceof RegistryWriteError ? `${e.message}; retry` : (e as Error).message;
    if (code >= 500 && code !== 501 && code !== 503) log.error(`${what} failed`, { problem: message });
    else log.debug(`${what} refused`, { status: code, problem: message });
    sendText(res, code, message);
  };

  const subscribe = async (req: IncomingMessage, res: ServerResponse, call: Call): Promise<void> => {
    let stream: StreamFormat;
    try {
      stream = streamFormat(header(req, 'accept'), header(req, 'message-accept'));
    } catch (e) {
      return refuse(res, e, 'subscribe');
    }
    const actor = actorOf(req);
    const info = call.subscribe?.framework_info;
    if (actor) {
      const refusal = subscribeRefusalFor(master, actor, call);
      if (refusal) {
        log.warn('subscribe refused', { principal: actor.name, problem: refusal.message });
        return sendText(res, refusalStatus(refusal), refusal.message);
      }
      // The framework is recorded with the principal that authenticated it, as over gRPC.
      if (info && !info.principal) info.principal = actor.name;
    }
    const framework: FrameworkInfo | undefined = info ?? undefined;
    let started = false;
    let closed = false;
    let endAfterStart = false;
    const queued: Buffer[] = [];
    const write = (record: Buffer): void => {
      if (res.writableLength > MAX_STREAM_BACKLOG_BYTES) {
        log.warn('scheduler event stream cut off: the framework stopped reading', { framework: idOf(framework?.id), backlog_bytes: res.writableLength });
        closed = true;
        res.destroy();
        return;
      }
      res.write(record);
    };
    const sink: FrameworkSink = {
      send: (event: Event) => {
        if (closed) return;
        const record = encodeRecord(encodeMesosMessage(pb.Event, eventToMesos(event, framework), stream.format));
        if (started) write(record);
        else queued.push(record);
      },
      close: (error?: string) => {
        if (closed) return;
        if (error) sink.send({ type: EventType.ERROR, error: { message: error } });
        closed = true;
        if (started) res.end();
        else endAfterStart = true;
      },
    };
    let subscription: { frameworkId: string; streamId: string };
    try {
      // Resolves once the subscription is durable and SUBSCRIBED was queued.
      subscription = await master.subscribe(call, sink);
    } catch (e) {
      closed = true;
      return refuse(res, e, 'subscribe');
    }
    if (res.destroyed || req.socket.destroyed) {
      closed = true;
      master.frameworkDisconnected(subscription.frameworkId, subscription.streamId);
      return;
    }
    res.writeHead(200, { ...COMMON_HEADERS, ...stream.headers, 'mesos-stream-id': subscription.streamId });
    started = true;
    for (const record of queued.splice(0)) write(record);
    if (endAfterStart) res.end();
    res.on('close', () => {
      closed = true;
      master.frameworkDisconnected(subscription.frameworkId, subscription.streamId);
    });
    log.info('framework subscribed over the Mesos HTTP API', { framework: subscription.frameworkId, format: stream.format });
  };

  const other = async (req: IncomingMessage, res: ServerResponse, call: Call): Promise<void> => {
    const actor = actorOf(req);
    if (actor) {
      const refusal = callRefusalFor(master, actor, call);
      if (refusal) {
        log.warn('call refused', { principal: actor.name, framework: idOf(call.framework_id), problem: refusal.message });
        return sendText(res, refusalStatus(refusal), refusal.message);
      }
    }
    try {
      // TEARDOWN answers once the removal is durable and done.
      const done = master.handleCall(call);
      if (done) await done;
    } catch (e) {
      return refuse(res, e, 'call');
    }
    res.writeHead(202, { ...COMMON_HEADERS, 'content-length': 0 });
    res.end();
  };

  return async (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      return sendText(res, 405, `method ${req.method ?? ''} is not allowed on ${SCHEDULER_PATH}; use POST`, { allow: 'POST' });
    }
    let format: MesosFormat;
    try {
      format = requestFormat(header(req, 'content-type'));
    } catch (e) {
      req.resume();
      return refuse(res, e, 'call');
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      log.debug('scheduler call body not read', { problem: (e as Error).message });
      return;
    }
    let mesosCall: Call;
    try {
      mesosCall = decodeMesosMessage(pb.Call, body, format);
    } catch (e) {
      return refuse(res, e, 'call');
    }
    if (mesosCall.type === CallType.SUBSCRIBE) return subscribe(req, res, callFromMesos(mesosCall, undefined));
    const streamId = header(req, 'mesos-stream-id');
    if (!streamId) {
      return sendText(res, 400, `All non-SUBSCRIBE calls must carry the 'Mesos-Stream-Id' header (the one the SUBSCRIBE response gave)`);
    }
    return other(req, res, callFromMesos(mesosCall, streamId));
  };
}
