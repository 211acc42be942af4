/**
 * The agent-wide fetcher cache (`--fetcher-cache-dir`, default
 * `<workDir>/fetcher-cache`; `--fetcher-cache-size`, default 2 GB as
 * Mesos): one file per entry, named by its key (URI + user, see
 * `fetch-cache-plan.ts`), and `index.json` (URI, user, size, last use)
 * rewritten by temp file + rename, so the cache survives agent restarts.
 *
 * - Concurrent fetches of one key share one download: the first starts it,
 *   the rest wait for it.
 * - A finished download makes room by evicting idle entries, least
 *   recently used first; entries being downloaded or copied (leased) are
 *   never evicted. One that cannot fit even then is handed to its waiting
 *   fetches and removed after them, never kept (Mesos's fallback: fetch
 *   without the cache).
 * - At start the index is read back; files it does not name (partial
 *   downloads of a stopped agent) are removed, entries whose file is gone or
 *   of another size are dropped, and the cache is brought under its limit.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import type { FetchSource } from '@meseta/proto/fetch-uri';
import { cacheKey, chooseEvictions } from './fetch-cache-plan';
import { type Downloader, FETCH_CANCELLED, FetchError } from './downloader';

/** Mesos's default `--fetcher_cache_size`: 2 GB. */
export const DEFAULT_FETCHER_CACHE_BYTES = 2 * 1024 ** 3;

const INDEX = 'index.json';
const FORMAT = 'meseta-fetcher-cache/1';
const KEY_FILE = /^[0-9a-f]{64}$/;
const SCRATCH_FILE = /^(\.part-|\.transient-|\.index-)[0-9a-f]+/;

/** What the cache is made of. */
export interface FetchCacheOptions {
  dir: string;
  /** The most bytes the entries may hold together. */
  maxBytes: number;
  downloader: Downloader;
  /** Largest single download. */
  maxDownloadBytes: number;
  logger: Logger;
  /** @default Date.now */
  now?: () => number;
}

/** Who fetches: the key takes the name; file sources are checked against uid/gid. */
export interface CacheUser {
  name: string;
  uid: number;
  gid: number;
}

/** A leased copy of a cached URI: copy `file`, then `release()`. */
export interface CacheLease {
  file: string;
  /** False for the fetch that did the download; true for one served from the cache or sharing the download. */
  hit: boolean;
  release(): void;
}

interface Entry {
  key: string;
  uri: string;
  user?: string;
  size: number;
  lastUsed: number;
  /** Leases out, the download counting as one. */
  refs: number;
  file: string;
  /** Resolves when downloaded (rejects when the download failed). */
  ready?: Promise<void>;
  /** Not on disk under its key yet. */
  downloading: boolean;
  /** Too big to keep: removed when its last lease goes. */
  transient?: boolean;
}

interface IndexFile {
  format: string;
  entries: { key: string; uri: string; user?: string; size: number; last_used: number }[];
}

/** The cache. {@link open} before use. */
export class FetchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly log: Logger;
  private writing: Promise<void> = Promise.resolve();
  private writeAgain = false;
  private writeQueued = false;

  constructor(private readonly options: FetchCacheOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.logger;
  }

  /** The cache folder. */
  get dir(): string {
    return this.options.dir;
  }

  /** Bytes held by kept entries. */
  size(): number {
    let total = 0;
    for (const e of this.entries.values()) if (!e.downloading && !e.transient) total += e.size;
    return total;
  }

  /** Kept entries (for tests and logs): URI, user, size. */
  list(): { uri: string; user?: string; size: number }[] {
    return [...this.entries.values()].filter((e) => !e.downloading && !e.transient).map((e) => ({ uri: e.uri, user: e.user, size: e.size }));
  }

  /** Make the folder, read the index back, remove leftovers, evict down to the limit. */
  async open(): Promise<void> {
    await fs.promises.mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    let index: IndexFile | undefined;
    try {
      index = JSON.parse(await fs.promises.readFile(path.join(this.options.dir, INDEX), 'utf8')) as IndexFile;
      if (index.format !== FORMAT || !Array.isArray(index.entries)) throw new Error(`not a ${FORMAT} index`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('fetcher cache index unreadable: starting with an empty cache', { dir: this.options.dir, error: e as Error });
      index = undefined;
    }
    for (const item of index?.entries ?? []) {
      if (typeof item.key !== 'string' || !KEY_FILE.test(item.key) || typeof item.uri !== 'string') continue;
      if (cacheKey(item.uri, item.user) !== item.key) continue;
      const file = path.join(this.options.dir, item.key);
      const stats = await fs.promises.lstat(file).catch(() => undefined);
      if (!stats?.isFile() || stats.size !== item.size) continue;
      this.entries.set(item.key, { key: item.key, uri: item.uri, user: item.user, size: item.size, lastUsed: Number(item.last_used) || 0, refs: 0, file, downloading: false });
    }
    for (const name of await fs.promises.readdir(this.options.dir)) {
      if ((KEY_FILE.test(name) && !this.entries.has(name)) || SCRATCH_FILE.test(name)) {
        await fs.promises.rm(path.join(this.options.dir, name), { force: true });
      }
    }
    const choice = chooseEvictions(this.views(), this.options.maxBytes, 0);
    if ('evict' in choice) for (const key of choice.evict) await this.evict(key);
    await this.persist();
    this.log.info('fetcher cache ready', { dir: this.options.dir, entries: this.entries.size, bytes: this.size(), limit: this.options.maxBytes });
  }

  /**
   * A local copy of `uri` fetched as `user`: from the cache, from a
   * download under way, or downloaded now. Rejects with the downloader's
   * error (each waiting fetch gets it). `onProgress` sees the download's
   * progress only for the fetch that started it. `signal` stops this fetch
   * waiting (a {@link FetchError}); the download itself goes on for the
   * cache and any other fetch waiting for it.
   */
  async acquire(uri: string, source: FetchSource, user: CacheUser | undefined, onProgress?: (bytes: number, total?: number) => void, signal?: AbortSignal): Promise<CacheLease> {
    const key = cacheKey(uri, user?.name);
    const found = this.entries.get(key);
    if (found) {
      found.refs++;
      if (found.ready) {
        try {
          await until(found.ready, signal);
        } catch (e) {
          found.refs--;
          throw e;
        }
      }
      found.lastUsed = this.now();
      this.persistSoon();
      return this.lease(found, true);
    }
    const entry: Entry = { key, uri, user: user?.name, size: 0, lastUsed: this.now(), refs: 1, file: path.join(this.options.dir, key), downloading: true };
    entry.ready = this.download(entry, source, user, onProgress);
    this.entries.set(key, entry);
    const downloaded = entry.ready.then(
      () => {
        entry.ready = undefined;
        this.releaseIfDone(entry); // too big to keep, and every fetch that wanted it gave up
      },
      (e: unknown) => {
        entry.ready = undefined;
        this.entries.delete(key);
        throw e;
      },
    );
    downloaded.catch(() => undefined); // each waiter sees the failure through its own await
    try {
      await until(downloaded, signal);
    } catch (e) {
      entry.refs--; // this fetch no longer waits; the download goes on for the cache
      this.releaseIfDone(entry);
      throw e;
    }
    return this.lease(entry, false);
  }

  private lease(entry: Entry, hit: boolean): CacheLease {
    let released = false;
    return {
      file: entry.file,
      hit,
      release: () => {
        if (released) return;
        released = true;
        entry.refs--;
        this.releaseIfDone(entry);
      },
    };
  }

  /** A transient entry goes with its last lease (once downloaded). */
  private releaseIfDone(entry: Entry): void {
    if (!entry.transient || entry.refs > 0 || entry.downloading) return;
    this.entries.delete(entry.key);
    void fs.promises.rm(entry.file, { force: true });
  }

  private async download(entry: Entry, source: FetchSource, user: CacheUser | undefined, onProgress?: (bytes: number, total?: number) => void): Promise<void> {
    const part = path.join(this.options.dir, `.part-${randomBytes(8).toString('hex')}`);
    try {
      const { bytes } = await this.options.downloader.download(source, part, { maxBytes: this.options.maxDownloadBytes, reader: user, onProgress });
      entry.size = bytes;
      const others = this.views().filter((v) => v.key !== entry.key);
      const choice = chooseEvictions(others, this.options.maxBytes, bytes);
      if ('refused' in choice) {
        entry.transient = true;
        entry.downloading = false;
        entry.file = path.join(this.options.dir, `.transient-${randomBytes(8).toString('hex')}`);
        await fs.promises.rename(part, entry.file);
        this.log.info('fetched URI not cached: too big for the fetcher cache', { uri: entry.uri, reason: choice.refused.message });
        return;
      }
      for (const key of choice.evict) await this.evict(key);
      await fs.promises.rename(part, entry.file);
      entry.downloading = false;
      this.persistSoon();
    } catch (e) {
      await fs.promises.rm(part, { force: true });
      throw e;
    }
  }

  private views(): { key: string; size: number; lastUsed: number; inUse: boolean }[] {
    return [...this.entries.values()].filter((e) => !e.transient && !e.downloading).map((e) => ({ key: e.key, size: e.size, lastUsed: e.lastUsed, inUse: e.refs > 0 }));
  }

  private async evict(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    await fs.promises.rm(entry.file, { force: true });
    this.log.info('fetcher cache evicted an entry', { uri: entry.uri, bytes: entry.size });
    this.persistSoon();
  }

  /** Write the index once the current write is done (writes never overlap; bursts coalesce). */
  private persistSoon(): void {
    if (this.writeQueued) {
      this.writeAgain = true;
      return;
    }
    this.writeQueued = true;
    this.writing = this.writing.then(async () => {
      this.writeQueued = false;
      await this.persist().catch((e: Error) => this.log.warn('fetcher cache index not written', { dir: this.options.dir, error: e }));
      if (this.writeAgain) {
        this.writeAgain = false;
        this.persistSoon();
      }
    });
  }

  /** Resolves once every index write asked for so far is on disk. */
  async flush(): Promise<void> {
    while (this.writeQueued || this.writeAgain) await this.writing;
    await this.writing;
  }

  private async persist(): Promise<void> {
    const index: IndexFile = {
      format: FORMAT,
      entries: [...this.entries.values()]
        .filter((e) => !e.downloading && !e.transient)
        .map((e) => ({ key: e.key, uri: e.uri, ...(e.user !== undefined ? { user: e.user } : {}), size: e.size, last_used: e.lastUsed })),
    };
    const temp = path.join(this.options.dir, `.index-${randomBytes(6).toString('hex')}`);
    const handle = await fs.promises.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(index));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, path.join(this.options.dir, INDEX));
  }
}

/** `promise`, or a {@link FetchError} as soon as `signal` aborts. */
function until<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new FetchError(FETCH_CANCELLED));
  return new Promise<T>((resolve, reject) => {
    const cancelled = (): void => reject(new FetchError(FETCH_CANCELLED));
    signal.addEventListener('abort', cancelled, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', cancelled);
        resolve(value);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', cancelled);
        reject(e);
      },
    );
  });
}
