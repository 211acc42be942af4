/**
 * The CLI side of a framework's HTTP API: JSON requests with the server's
 * `{ error }` answer turned into an exception that carries it.
 */
import * as http from 'node:http';

/** A non-2xx answer: status and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The framework did not answer at all (nothing listening, timeout): the CLI says how to start it or where to point. */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** One JSON request; resolves with the parsed answer of a 2xx reply. */
export function requestJson<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<T> {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // plain text answer
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(parsed as T);
          else {
            const message = (parsed as { error?: string } | undefined)?.error ?? `${status} ${text}`.trim();
            reject(new ApiError(status, message, parsed));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => reject(new UnreachableError(url.origin, `${method} ${url.href}: ${e.message}`)));
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * Follow a newline-delimited JSON stream (`?watch=true` answers) and call
 * `onEvent` for each line (a plain JSON answer is one event); resolves
 * when the server ends the stream, rejects on text that is not JSON.
 */
export function followJsonLines(baseUrl: string, path: string, onEvent: (event: unknown) => void): Promise<void> {
  const url = new URL(path, baseUrl);
  return new Promise<void>((resolve, reject) => {
    const req = http.get(url, (res) => {
      if ((res.statusCode ?? 0) >= 300) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let message = text;
          try {
            message = (JSON.parse(text) as { error?: string }).error ?? text;
          } catch {
            // plain text
          }
          reject(new ApiError(res.statusCode ?? 0, message, text));
        });
        return;
      }
      // A stream is JSON lines; a plain JSON answer (e.g. a deployment that already ended) is one event.
      const whole = !String(res.headers['content-type'] ?? '').includes('ndjson');
      let pending = '';
      let failed = false;
      const parse = (text: string): void => {
        if (failed) return;
        let event: unknown;
        try {
          event = JSON.parse(text);
        } catch (e) {
          failed = true;
          res.destroy();
          reject(new Error(`GET ${url.href}: an answer that is not JSON (${(e as Error).message})`));
          return;
        }
        onEvent(event);
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (whole) {
          pending += chunk;
          return;
        }
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) parse(line);
      });
      res.on('end', () => {
        if (pending.trim()) parse(pending);
        resolve();
      });
      res.on('error', reject);
    });
    req.on('error', (e) => reject(new UnreachableError(url.origin, `GET ${url.href}: ${e.message}`)));
  });
}
