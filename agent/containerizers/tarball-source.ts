/**
 * Where an image tarball comes from — a local absolute path, `file://` or
 * `http(s)://` URI — and getting it onto the local disk (downloads are
 * hashed on the way, so the image store can key them by content).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

/** The URI names no tarball the agent can read. */
export class TarballSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarballSourceError';
  }
}

/** Where a tarball comes from, resolved from its URI. */
export type TarballSource = { kind: 'file'; path: string } | { kind: 'http'; url: string };

/**
 * A tarball URI as a source: a local absolute path, `file:///path` or
 * `http(s)://...`. Throws {@link TarballSourceError} for anything else.
 */
export function tarballSource(uri: string): TarballSource {
  const trimmed = uri.trim();
  if (trimmed === '') throw new TarballSourceError('image tarball URI is empty');
  if (/^https?:\/\//i.test(trimmed)) return { kind: 'http', url: trimmed };
  if (/^file:\/\//i.test(trimmed)) {
    try {
      return { kind: 'file', path: fileURLToPath(trimmed) };
    } catch (e) {
      throw new TarballSourceError(`image tarball URI "${uri}" is not a valid file:// URI: ${(e as Error).message}`);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new TarballSourceError(`image tarball URI "${uri}": only local paths, file:// and http(s):// are supported`);
  }
  if (!path.isAbsolute(trimmed)) throw new TarballSourceError(`image tarball path "${uri}" must be absolute (or a file:// or http:// URI)`);
  return { kind: 'file', path: trimmed };
}

/** `sha256:<hex>` of a file. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return `sha256:${hash.digest('hex')}`;
}

/** Download `url` into `file`, hashing on the way; follows up to 5 redirects. */
export function download(url: string, file: string, timeoutMs: number, redirects = 5): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const request = get(url, { timeout: timeoutMs }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location && redirects > 0) {
        response.resume();
        resolve(download(new URL(response.headers.location, url).toString(), file, timeoutMs, redirects - 1));
        return;
      }
      if (status !== 200) {
        response.resume();
        reject(new Error(`HTTP ${status}`));
        return;
      }
      const hash = createHash('sha256');
      response.on('data', (chunk: Buffer) => hash.update(chunk));
      pipeline(response, fs.createWriteStream(file)).then(
        () => resolve(`sha256:${hash.digest('hex')}`),
        (e: Error) => reject(e),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/**
 * The tarball at `uri` as a local file: the file itself for a path or
 * file:// URI, else a download into `downloadDir` that `release()` removes.
 */
export async function localTarball(uri: string, downloadDir: string, timeoutMs = 300_000): Promise<{ file: string; release(): Promise<void> }> {
  const source = tarballSource(uri);
  if (source.kind === 'file') {
    try {
      const stat = await fs.promises.stat(source.path);
      if (!stat.isFile()) throw new Error('not a file');
    } catch (e) {
      throw new TarballSourceError(`tarball "${uri}" cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return { file: source.path, release: async () => undefined };
  }
  await fs.promises.mkdir(downloadDir, { recursive: true });
  const file = path.join(downloadDir, `download-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  try {
    await download(source.url, file, timeoutMs);
  } catch (e) {
    await fs.promises.rm(file, { force: true });
    throw new TarballSourceError(`tarball "${uri}" cannot be downloaded: ${(e as Error).message}`);
  }
  return { file, release: () => fs.promises.rm(file, { force: true }) };
}
