/**
 * Getting one URI's bytes into a local file: the fetcher's only network
 * and source-file I/O, behind the {@link Downloader} interface (an
 * in-memory stand-in, {@link MemoryDownloader}, serves unit tests).
 *
 * {@link NodeDownloader}: `http(s)://` with Node's http/https (redirects
 * followed up to a bound, a stall timeout, a size cap checked against
 * Content-Length and again while reading), `file://` and absolute paths
 * copied (regular files only; for a task user other than root, only files
 * that user could read).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FetchSource } from '@meseta/proto/fetch-uri';

/** A fetch that failed; `message` is the reason alone (the caller names the URI). */
export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchError';
  }
}

/** Limits and reporting for one download. */
export interface DownloadOptions {
  /** Refuse (and stop reading) past this many bytes. */
  maxBytes: number;
  /** For file sources: the user the task runs as, who must be able to read the file (undefined or uid 0: anyone). */
  reader?: { uid: number; gid: number };
  /** Bytes so far and the total when known; called as data arrives. */
  onProgress?(bytes: number, total?: number): void;
  /** Stops the download (it rejects with a {@link FetchError} saying so). */
  signal?: AbortSignal;
}

/** The reason a download stopped by its signal gives. */
export const FETCH_CANCELLED = 'the fetch was cancelled (the task was killed or the agent is stopping)';

/** Gets the bytes of a source. */
export interface Downloader {
  /**
   * Write the bytes of `source` to `dest` (created; must not exist).
   * Resolves with the byte count; rejects with a {@link FetchError} naming
   * the reason (HTTP status, refused, unknown host, stalled, too big, not a
   * file, not readable). A partial `dest` is the caller's to remove.
   */
  download(source: FetchSource, dest: string, options: DownloadOptions): Promise<{ bytes: number }>;
}

/** What the Node downloader takes. */
export interface NodeDownloaderOptions {
  /** Redirects followed before giving up. @default 5 */
  maxRedirects?: number;
  /** No bytes for this long (connecting included) fails the download. @default 60000 (Mesos's --fetcher_stall_timeout) */
  stallTimeoutMs?: number;
}

function tooBig(bytes: number, max: number): FetchError {
  return new FetchError(`it is larger than the fetcher's size limit (${bytes} bytes or more, limit ${max})`);
}

/** The reason of a network error in words (DNS, refused, reset), with its code. */
function networkReason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name could not be resolved (${e.code})`;
    case 'ECONNREFUSED':
      return 'the connection was refused (ECONNREFUSED)';
    case 'ECONNRESET':
      return 'the connection was reset (ECONNRESET)';
    default:
      return e.code ? `${e.message}` : e.message;
  }
}

/** The real downloader: Node's http/https and the file system. */
export class NodeDownloader implements Downloader {
  private readonly maxRedirects: number;
  private readonly stallTimeoutMs: number;

  constructor(options: NodeDownloaderOptions = {}) {
    this.maxRedirects = options.maxRedirects ?? 5;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  }

  download(source: FetchSource, dest: string, options: DownloadOptions): Promise<{ bytes: number }> {
    return source.kind === 'file' ? this.copy(source.path, dest, options) : this.get(source.url, dest, options, 0);
  }

  private async copy(file: string, dest: string, options: DownloadOptions): Promise<{ bytes: number }> {
    let stats: fs.Stats;
    try {
      stats = await fs.promises.stat(file);
    } catch (e) {
      throw new FetchError(`the file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (!stats.isFile()) throw new FetchError('it is not a regular file');
    if (stats.size > options.maxBytes) throw tooBig(stats.size, options.maxBytes);
    if (options.reader && options.reader.uid !== 0) {
      const problem = await readProblem(file, stats, options.reader);
      if (problem) throw new FetchError(problem);
    }
    const limit = byteLimit(options);
    try {
      await pipeline(fs.createReadStream(file), limit.stream, fs.createWriteStream(dest, { flags: 'wx', mode: 0o644 }), { signal: options.signal });
    } catch (e) {
      if (options.signal?.aborted) throw new FetchError(FETCH_CANCELLED);
      throw e;
    }
    return { bytes: limit.bytes() };
  }

  private get(url: string, dest: string, options: DownloadOptions, redirects: number): Promise<{ bytes: number }> {
    return new Promise((resolve, reject) => {
      const client = url.startsWith('https:') ? https : http;
      let settled = false;
      /** The body under way: what was announced and what came. */
      let body: { total?: number; bytes(): number } | undefined;
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        if (options.signal?.aborted) reject(new FetchError(FETCH_CANCELLED));
        else if (e instanceof FetchError) reject(e);
        else if (body?.total !== undefined && body.bytes() < body.total) {
          reject(new FetchError(`the server sent ${body.bytes()} of the ${body.total} bytes it announced (${networkReason(e as NodeJS.ErrnoException)})`));
        } else reject(new FetchError(networkReason(e as NodeJS.ErrnoException)));
      };
      if (options.signal?.aborted) {
        fail(new FetchError(FETCH_CANCELLED));
        return;
      }
      const request = client.get(url, { timeout: this.stallTimeoutMs, headers: { 'user-agent': 'meseta-fetcher' }, signal: options.signal }, (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          if (redirects >= this.maxRedirects) {
            fail(new FetchError(`more than ${this.maxRedirects} redirects (the last to ${response.headers.location})`));
            return;
          }
          let next: string;
          try {
            next = new URL(response.headers.location, url).toString();
          } catch {
            fail(new FetchError(`a redirect to "${response.headers.location}", which is not a URL`));
            return;
          }
          if (!/^https?:/.test(next)) {
            fail(new FetchError(`a redirect to "${next}", which is not http(s)`));
            return;
          }
          settled = true;
          this.get(next, dest, options, redirects + 1).then(resolve, reject);
          return;
        }
        if (status !== 200) {
          response.resume();
          fail(new FetchError(`the server answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`));
          return;
        }
        const declared = Number(response.headers['content-length']);
        const total = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
        if (total !== undefined && total > options.maxBytes) {
          response.destroy();
          fail(tooBig(total, options.maxBytes));
          return;
        }
        const limit = byteLimit(options, total);
        body = { total, bytes: limit.bytes };
        pipeline(response, limit.stream, fs.createWriteStream(dest, { flags: 'wx', mode: 0o644 })).then(
          () => {
            if (total !== undefined && limit.bytes() !== total) {
              fail(new FetchError(`the server sent ${limit.bytes()} of the ${total} bytes it announced`));
              return;
            }
            if (settled) return;
            settled = true;
            resolve({ bytes: limit.bytes() });
          },
          (e: Error) => fail(e),
        );
      });
      request.on('timeout', () => request.destroy(new FetchError(`no data for ${this.stallTimeoutMs} ms (stalled)`)));
      request.on('error', fail);
    });
  }
}

/** A pass-through that counts bytes, reports progress and stops past the limit. */
function byteLimit(options: DownloadOptions, total?: number): { stream: Transform; bytes(): number } {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        done(tooBig(bytes, options.maxBytes));
        return;
      }
      options.onProgress?.(bytes, total);
      done(null, chunk);
    },
  });
  return { stream, bytes: () => bytes };
}

/**
 * Why `reader` could not read `file` (no read permission on the file, or no
 * search permission on a folder above it), or undefined. Supplementary
 * groups are not counted: tasks run without them.
 */
async function readProblem(file: string, stats: fs.Stats, reader: { uid: number; gid: number }): Promise<string | undefined> {
  const may = (s: fs.Stats, owner: number, group: number, other: number): boolean =>
    s.uid === reader.uid ? (s.mode & owner) !== 0 : s.gid === reader.gid ? (s.mode & group) !== 0 : (s.mode & other) !== 0;
  if (!may(stats, 0o400, 0o040, 0o004)) return `the task's user (uid ${reader.uid}) may not read it (mode ${(stats.mode & 0o777).toString(8)})`;
  for (let folder = path.dirname(await fs.promises.realpath(file)); ; folder = path.dirname(folder)) {
    const s = await fs.promises.stat(folder);
    if (!may(s, 0o100, 0o010, 0o001)) return `the task's user (uid ${reader.uid}) may not pass through ${folder} (mode ${(s.mode & 0o777).toString(8)})`;
    if (folder === path.dirname(folder)) return undefined;
  }
}

/**
 * Sources from a table, for unit tests: a URI maps to bytes or to a
 * failure; {@link MemoryDownloader.count} says how often each was asked.
 * `gate` (when set) holds every download until it resolves.
 */
export class MemoryDownloader implements Downloader {
  private readonly asked = new Map<string, number>();
  gate?: Promise<void>;

  constructor(private readonly table: Map<string, Buffer | Error>) {}

  /** How many downloads of `uri` were started. */
  count(uri: string): number {
    return this.asked.get(uri) ?? 0;
  }

  async download(source: FetchSource, dest: string, options: DownloadOptions): Promise<{ bytes: number }> {
    const key = source.kind === 'file' ? source.path : source.url;
    this.asked.set(key, this.count(key) + 1);
    if (this.gate) {
      const signal = options.signal;
      await new Promise<void>((resolve, reject) => {
        const cancelled = (): void => reject(new FetchError(FETCH_CANCELLED));
        if (signal?.aborted) return cancelled();
        signal?.addEventListener('abort', cancelled, { once: true });
        void this.gate!.then(() => {
          signal?.removeEventListener('abort', cancelled);
          resolve();
        });
      });
    }
    const found = this.table.get(key);
    if (found === undefined) throw new FetchError('the server answered HTTP 404 Not Found');
    if (found instanceof Error) throw found;
    if (found.length > options.maxBytes) throw tooBig(found.length, options.maxBytes);
    await fs.promises.writeFile(dest, found, { flag: 'wx' });
    options.onProgress?.(found.length, found.length);
    return { bytes: found.length };
  }
}
