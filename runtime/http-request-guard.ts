/**
 * The last line between a malformed HTTP request and a daemon's life: a
 * request whose target `new URL` refuses (`//%2F`, `http://[`) is
 * answered 400 before any handler parses it, and a handler that throws
 * (or whose promise rejects) ends that one request with 500 instead of the
 * process. Handlers still check their own input; this only makes sure a
 * check someone forgot cannot take the daemon down.
 */
import type * as http from 'node:http';
import { createLogger } from './log';

const log = createLogger('http');

function logHandlerError(error: unknown, req: http.IncomingMessage): void {
  log.error('http handler failed; answered 500', { method: req.method, url: (req.url ?? '').slice(0, 200), problem: error instanceof Error ? error.message : String(error) });
}

/** The request target as a URL, or undefined when `new URL` refuses it. */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** `listener`, answering 400 to a request target that is not a valid URL and 500 to a handler's exception. */
export function guardRequests(listener: http.RequestListener, onHandlerError: (error: unknown, req: http.IncomingMessage) => void = logHandlerError): http.RequestListener {
  return (req, res) => {
    if (!parseRequestTarget(req.url)) {
      fail(res, 400, `request target: ${JSON.stringify((req.url ?? '').slice(0, 200))} is not a valid URL`);
      return;
    }
    const failed = (error: unknown): void => {
      onHandlerError(error, req);
      fail(res, 500, 'internal error');
    };
    try {
      const result = (listener as (q: http.IncomingMessage, s: http.ServerResponse) => unknown)(req, res);
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(undefined, failed);
    } catch (error) {
      failed(error);
    }
  };
}

function fail(res: http.ServerResponse, status: number, message: string): void {
  if (res.headersSent || res.writableEnded) {
    res.destroy();
    return;
  }
  res.shouldKeepAlive = false;
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ error: message }) + '\n');
}
