/**
 * `POST /api/v1/executor`: the executor API on the agent's HTTP/1.1 side,
 * as Mesos serves it. One Call per request, JSON or protobuf by
 * `Content-Type`; SUBSCRIBE is answered 200 with a RecordIO stream of
 * Events (each record written as its own chunk; `Accept` chooses the
 * records' encoding, or `Accept: application/recordio` with
 * `Message-Accept`), every other call 202 with no body. A refusal is a 4xx
 * with a text body naming the problem: 400 (malformed call), 401 (no or
 * unknown `Authorization: Bearer` token), 403 (another executor's token,
 * not subscribed, shutting down), 404 (no such executor here), 405, 406,
 * 413, 415. The agent is never harmed by what arrives here.
 */
import type * as http from 'node:http';
import { pb } from '@meseta/proto/wire';
import type { TaskStatus, v1 } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { encodeRecord } from '@meseta/proto/recordio';
import {
  APPLICATION_RECORDIO,
  decodeMesosMessage,
  encodeMesosMessage,
  type MesosFormat,
  MesosHttpError,
  mediaType,
  requestFormat,
  responseFormat,
} from '@meseta/proto/mesos-http';
import type { Clock, TimerHandle } from '@meseta/runtime/clock';
import type { Logger } from '@meseta/runtime/log';
import type { ExecutorApiTarget } from './agent';
import { bearerToken, callAccessProblem, callShapeProblem } from './executor-call-check';
import type { ExecutorStream } from './executors';

/** The path of the executor API. */
export const EXECUTOR_API_PATH = '/api/v1/executor';

/** The largest call body the agent reads (a SUBSCRIBE may resend many tasks and updates). */
export const MAX_EXECUTOR_CALL_BYTES = 8 * 1024 * 1024;

/** How often a subscribed executor gets a HEARTBEAT event. */
export const EXECUTOR_HEARTBEAT_MS = 30_000;

const CallType = pb.executor.Call.Type;

/** What the handler needs. */
export interface ExecutorHttpOptions {
  /** The agent's executor side (undefined while the agent starts: 503). */
  target: () => ExecutorApiTarget | undefined;
  clock: Clock;
  logger: Logger;
  /** @default EXECUTOR_HEARTBEAT_MS */
  heartbeatMs?: number;
}

function refuse(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `${message}\n`;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new MesosHttpError(413, `the call is ${size}+ bytes; the limit is ${limit}`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** How the events of a SUBSCRIBE are written: the records' encoding and the response's content type. */
function streamFormat(req: http.IncomingMessage, callFormat: MesosFormat): { format: MesosFormat; headers: Record<string, string> } {
  const accept = req.headers.accept;
  const wantsRecordIo = (accept ?? '').split(',').some((r) => r.split(';')[0].trim().toLowerCase() === APPLICATION_RECORDIO);
  if (wantsRecordIo) {
    const messageAccept = req.headers['message-accept'];
    const format = responseFormat(Array.isArray(messageAccept) ? messageAccept.join(',') : messageAccept, callFormat);
    return { format, headers: { 'content-type': APPLICATION_RECORDIO, 'message-content-type': mediaType(format) } };
  }
  const format = responseFormat(accept, callFormat);
  return { format, headers: { 'content-type': mediaType(format) } };
}

/** The handler of `POST /api/v1/executor`. */
export function executorHttpHandler(options: ExecutorHttpOptions): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const log = options.logger;
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      refuse(res, 405, `${EXECUTOR_API_PATH} takes POST, not ${req.method}`, { allow: 'POST' });
      return;
    }
    const target = options.target();
    if (!target) {
      refuse(res, 503, 'the agent is starting; try again');
      return;
    }
    const callFormat = requestFormat(req.headers['content-type']);
    const body = await readBody(req, MAX_EXECUTOR_CALL_BYTES);
    const call = decodeMesosMessage(pb.executor.Call, body, callFormat) as v1.executor.ICall;
    const shape = callShapeProblem(call);
    if (shape) {
      refuse(res, 400, shape);
      return;
    }
    const executors = target.executors;
    const access = callAccessProblem(
      call,
      bearerToken(req.headers.authorization),
      (frameworkId, executorId) => {
        const e = executors.get(frameworkId, executorId);
        if (!e) return undefined;
        const phase = e.phase === 'subscribed' ? 'subscribed' : e.phase === 'terminating' || e.phase === 'terminated' ? 'terminating' : 'registering';
        return { token: e.token, phase };
      },
      (token) => executors.isToken(token),
    );
    if (access) {
      refuse(res, access.status, access.message, access.status === 401 ? { 'www-authenticate': 'Bearer realm="mesos-executor"' } : {});
      return;
    }
    const executor = executors.get(idOf(call.framework_id), idOf(call.executor_id))!;
    switch (call.type) {
      case CallType.SUBSCRIBE: {
        const { format, headers } = streamFormat(req, callFormat);
        let heartbeat: TimerHandle | undefined;
        let open = true;
        const stream: ExecutorStream = {
          send: (event) => {
            if (!open) return;
            if (!res.headersSent) res.writeHead(200, { ...headers, 'cache-control': 'no-cache' });
            res.write(encodeRecord(encodeMesosMessage(pb.executor.Event, event as v1.executor.Event, format)));
          },
          close: () => {
            if (!open) return;
            open = false;
            heartbeat?.cancel();
            res.end();
          },
        };
        const problem = target.subscribe(executor, call, stream);
        if (problem) {
          open = false;
          refuse(res, 400, problem);
          return;
        }
        heartbeat = options.clock.every(options.heartbeatMs ?? EXECUTOR_HEARTBEAT_MS, () => stream.send({ type: pb.executor.Event.Type.HEARTBEAT }));
        res.on('close', () => {
          open = false;
          heartbeat?.cancel();
          executors.streamClosed(executor, stream);
        });
        return;
      }
      case CallType.UPDATE: {
        const problem = target.update(executor, call.update!.status as TaskStatus);
        if (problem) refuse(res, 400, problem);
        else res.writeHead(202).end();
        return;
      }
      case CallType.MESSAGE:
        target.message(executor, call.message!.data ?? new Uint8Array());
        res.writeHead(202).end();
        return;
      default:
        res.writeHead(202).end(); // HEARTBEAT
    }
  };
  return (req, res) =>
    handle(req, res).catch((e: unknown) => {
      if (e instanceof MesosHttpError) {
        refuse(res, e.status, e.message);
        return;
      }
      log.error('executor call failed', { error: e as Error });
      refuse(res, 500, `internal error: ${(e as Error)?.message ?? String(e)}`);
    });
}
