/**
 * JSON answers and request bodies of the master's own HTTP routes (the web
 * UI's API, the relays to agents and frameworks): one way to write a JSON
 * answer (never cached, never sniffed as another type) and to read a body
 * within a size limit, refusing a larger one with 413 naming `body`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal of an HTTP request: its status, the sentence the caller sees, and the field at fault if any. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Answer `code` with `body` as JSON (`cache-control: no-store`, `nosniff`), plus any `headers`. */
export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}

/** The request body as text; rejects with an {@link HttpRefusal} (413 past `limit` bytes, 400 when the request breaks off). */
export function readBodyText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(new HttpRefusal(413, `body: larger than ${limit} bytes`, 'body')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', (e) => reject(new HttpRefusal(400, `body: ${e.message}`, 'body')));
  });
}
