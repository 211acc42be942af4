/**
 * The end of a task's stderr, read through the master's files proxy
 * (`/api/v1/agents/<agent>/files/read`, the task's latest run, as `meseta
 * logs` reads it): first its size (`offset=-1`), then its last bytes. Over
 * TLS with a token when the client config says so, as the framework's own
 * driver. Never throws: a sandbox that cannot be read gives undefined.
 */
import { clientSecurityFromEnvironment, httpRequestFunctionFor, httpRequestSecurityFor, type ClientSecurity } from '@meseta/runtime/client-config';

/** Where a task's sandbox is. */
export interface TaskSandbox {
  agentId: string;
  frameworkId: string;
  taskId: string;
}

/** Reads the tail of a task's stderr. */
export interface SandboxTailReader {
  /** Up to `bytes` from the end of the task's stderr; undefined when it cannot be read. */
  stderrTail(sandbox: TaskSandbox, bytes?: number): Promise<string | undefined>;
}

/** Bytes read from the end by default. */
export const TAIL_BYTES = 4096;

/** The sandbox-relative path of a task's stderr (latest run). */
export function stderrPath(s: TaskSandbox): string {
  return `frameworks/${s.frameworkId}/tasks/${s.taskId}/runs/latest/stderr`;
}

/** Reads stderr tails through the master at `master` (host:port). */
export class MasterSandboxTailReader implements SandboxTailReader {
  constructor(
    private readonly master: string,
    private readonly timeoutMs = 3000,
    private readonly security?: ClientSecurity,
  ) {}

  async stderrTail(sandbox: TaskSandbox, bytes = TAIL_BYTES): Promise<string | undefined> {
    let security: ClientSecurity;
    try {
      security = this.security ?? clientSecurityFromEnvironment().security;
    } catch {
      return undefined;
    }
    const base = `/api/v1/agents/${encodeURIComponent(sandbox.agentId)}/files/read?path=${encodeURIComponent(stderrPath(sandbox))}`;
    const size = await this.get(`${base}&offset=-1`, security);
    if (!size || typeof size.offset !== 'number') return undefined;
    const from = Math.max(0, size.offset - bytes);
    const read = await this.get(`${base}&offset=${from}&length=${size.offset - from}`, security);
    if (!read || typeof read.data !== 'string') return undefined;
    // A cut at the front may split a line (or a character): drop the partial first line.
    return from > 0 ? read.data.slice(read.data.indexOf('\n') + 1) : read.data;
  }

  private get(path: string, security: ClientSecurity): Promise<{ data?: unknown; offset?: unknown } | undefined> {
    const secured = httpRequestSecurityFor(security);
    return new Promise((resolve) => {
      const req = httpRequestFunctionFor(security)(`${secured.protocol}//${this.master}${path}`, { ...secured.tls, headers: secured.headers, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return resolve(undefined);
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: unknown; offset?: unknown });
          } catch {
            resolve(undefined);
          }
        });
        res.on('error', () => resolve(undefined));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(undefined));
      req.end();
    });
  }
}
