/**
 * The content-addressed store of root filesystems unpacked from tarballs,
 * shared by every container of the agent (and by agents sharing the
 * directory):
 *
 *   <dir>/sha256/<digest>/rootfs   an unpacked image, never written again
 *   <dir>/tmp/<id>/                 unpacking in progress (renamed into place when complete)
 *   <dir>/downloads/<id>            http(s) downloads in progress
 *
 * An image is keyed by the SHA-256 of its tarball. It is unpacked once:
 * concurrent launches of the same image wait for the same unpacking, and
 * an image already in the store is used as is. A tarball that cannot be
 * read or that holds an entry escaping the root is refused with an
 * {@link ImageRefusedError} saying which entry and why.
 *
 * Every image handed out is leased until {@link ImageStore.release}. With
 * `maxBytes`, {@link ImageStore.collect} removes the least recently used
 * images without a lease until the store fits (image-gc.ts). An image's
 * last use is its folder's mtime, so it survives a restart. Only for a
 * store one agent owns: another agent's leases are not seen.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import { download, sha256File, tarballSource, type TarballSource } from './tarball-source';
import { removeTree, TarballRefusedError, TarFormatError, unpackTarball } from './tar-unpack';
import { imagesToCollect, type ImageRecord } from './image-gc';

/** The tarball cannot be used: not found, unreadable, corrupt or escaping. */
export class ImageRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageRefusedError';
  }
}

/** An image ready to be used as the lower layer of containers. */
export interface StoredImage {
  /** `sha256:<hex>` of the tarball. */
  digest: string;
  /** Absolute path of the unpacked root filesystem (read-only by convention). */
  rootfs: string;
}

/** Counters, for tests and metrics. */
export interface ImageStoreStats {
  /** Tarballs unpacked by this process. */
  unpacks: number;
  /** Requests answered by an image already unpacked (or being unpacked). */
  hits: number;
  /** Tarballs refused. */
  refusals: number;
  /** Images removed to keep the store under its limit. */
  collected: number;
}

/** Options of {@link ImageStore}. */
export interface ImageStoreOptions {
  dir: string;
  logger: Logger;
  /** Give up an http(s) download after this long. @default 300000 */
  downloadTimeoutMs?: number;
  /** Keep the unpacked images under this size, removing unused ones (see {@link ImageStore.collect}). @default no limit */
  maxBytes?: number;
}

/** The content-addressed image store. */
export class ImageStore {
  private readonly inflight = new Map<string, Promise<StoredImage>>();
  /** Digest of a local file by `dev:ino:size:mtime`, so it is hashed once. */
  private readonly fileDigests = new Map<string, string>();
  /** Digest of a downloaded URL (cached images are downloaded once). */
  private readonly urlDigests = new Map<string, string>();
  private readonly counters: ImageStoreStats = { unpacks: 0, hits: 0, refusals: 0, collected: 0 };
  private prepared?: Promise<void>;
  /** Unpacked sizes, read once from each image's `source` file. */
  private readonly sizes = new Map<string, number>();
  private collecting: Promise<string[]> = Promise.resolve([]);
  /** Containers using each image (launching or running). */
  private readonly leases = new Map<string, number>();
  /**
   * An image was unpacked or a lease ended since the last collection: only
   * then can one find anything (true at first, for what an earlier agent left).
   */
  private collectable = true;

  constructor(private readonly options: ImageStoreOptions) {}

  /** The store's directory. */
  get dir(): string {
    return this.options.dir;
  }

  /** Counters since the store was created. */
  stats(): ImageStoreStats {
    return { ...this.counters };
  }

  /** Create the store's folders and clear what an interrupted unpacking left. */
  prepare(): Promise<void> {
    this.prepared ??= (async () => {
      await fs.promises.mkdir(path.join(this.dir, 'sha256'), { recursive: true });
      await removeTree(path.join(this.dir, 'tmp'));
      await removeTree(path.join(this.dir, 'downloads'));
      await fs.promises.mkdir(path.join(this.dir, 'tmp'), { recursive: true });
      await fs.promises.mkdir(path.join(this.dir, 'downloads'), { recursive: true });
    })();
    return this.prepared;
  }

  /**
   * The unpacked image of the tarball at `uri`. With `cached` false an
   * http(s) tarball is downloaded again (its digest may have changed).
   * Rejects with {@link ImageRefusedError} naming the problem.
   */
  async image(uri: string, options: { cached?: boolean } = {}): Promise<StoredImage> {
    await this.prepare();
    let source: TarballSource;
    try {
      source = tarballSource(uri);
    } catch (e) {
      throw this.refuse((e as Error).message);
    }
    const remembered = source.kind === 'http' && options.cached !== false ? this.urlDigests.get(source.url) : undefined;
    if (remembered) {
      const existing = await this.existing(remembered);
      if (existing) return this.used(existing);
    }
    const { digest, file, temporary } = await this.fetch(source, uri);
    try {
      let pending = this.inflight.get(digest);
      if (pending) {
        this.counters.hits++;
      } else {
        pending = this.unpackOnce(digest, file, uri);
        this.inflight.set(digest, pending);
        void pending.then(
          () => this.inflight.delete(digest),
          () => this.inflight.delete(digest),
        );
      }
      return this.used(await pending);
    } finally {
      if (temporary) {
        // Only after unpacking: concurrent requests of one download share the file.
        const waiting = this.inflight.get(digest);
        await (waiting ?? Promise.resolve()).catch(() => undefined);
        await fs.promises.rm(file, { force: true });
      }
    }
  }

  /** Take a lease on an image a container uses (one found again after a restart); {@link image} takes one itself. */
  lease(digest: string): void {
    this.leases.set(digest, (this.leases.get(digest) ?? 0) + 1);
  }

  /** The container that used `digest` is gone. */
  release(digest: string): void {
    const left = (this.leases.get(digest) ?? 0) - 1;
    if (left > 0) this.leases.set(digest, left);
    else {
      this.leases.delete(digest);
      this.collectable = true;
    }
  }

  /**
   * With a size limit, remove the least recently used images without a
   * lease, and not being unpacked, until the store fits. One collection at
   * a time; resolves to the digests removed. Reads the store only when an
   * image was unpacked or a lease ended since the last collection, so a
   * launch of a cached image costs nothing here.
   */
  collect(): Promise<string[]> {
    const maxBytes = this.options.maxBytes;
    if (maxBytes === undefined || !this.collectable) return Promise.resolve([]);
    this.collectable = false;
    this.collecting = this.collecting.catch(() => []).then(() => this.collectNow(maxBytes));
    return this.collecting;
  }

  private async collectNow(maxBytes: number): Promise<string[]> {
    const records: ImageRecord[] = [];
    for (const digest of await this.list()) {
      const dir = this.imageDir(digest);
      const stat = await fs.promises.stat(dir).catch(() => undefined);
      if (!stat) continue;
      records.push({ digest, bytes: await this.sizeOf(digest), lastUsedMs: stat.mtimeMs });
    }
    const busy = new Set([...this.leases.keys(), ...this.inflight.keys()]);
    const removed: string[] = [];
    for (const digest of imagesToCollect(records, busy, maxBytes)) {
      // Out of the store in one rename, so no launch finds it half removed.
      const doomed = path.join(this.dir, 'tmp', randomUUID());
      try {
        await fs.promises.rename(this.imageDir(digest), doomed);
      } catch {
        continue; // gone already
      }
      await removeTree(doomed);
      this.sizes.delete(digest);
      this.counters.collected++;
      removed.push(digest);
      this.options.logger.info('image removed to keep the store under its limit', { digest, bytes: records.find((r) => r.digest === digest)?.bytes, max_bytes: maxBytes });
    }
    return removed;
  }

  /** The unpacked size recorded when the image was unpacked (0 when unknown). */
  private async sizeOf(digest: string): Promise<number> {
    const known = this.sizes.get(digest);
    if (known !== undefined) return known;
    let bytes = 0;
    try {
      const source = JSON.parse(await fs.promises.readFile(path.join(this.imageDir(digest), 'source'), 'utf8')) as { summary?: { bytes?: number } };
      bytes = Number(source.summary?.bytes ?? 0) || 0;
    } catch {
      // an image unpacked by an older agent: counted as empty
    }
    this.sizes.set(digest, bytes);
    return bytes;
  }

  /** Lease the image to the caller and record the use (its folder's mtime), for the collector's least-recently-used order. */
  private used(image: StoredImage): StoredImage {
    this.lease(image.digest);
    if (this.options.maxBytes !== undefined) {
      const now = new Date();
      void fs.promises.utimes(this.imageDir(image.digest), now, now).catch(() => undefined);
    }
    return image;
  }

  /** Digests of every image in the store. */
  async list(): Promise<string[]> {
    const names = await fs.promises.readdir(path.join(this.dir, 'sha256')).catch(() => [] as string[]);
    return names.map((n) => `sha256:${n}`);
  }

  private imageDir(digest: string): string {
    return path.join(this.dir, 'sha256', digest.replace(/^sha256:/, ''));
  }

  private async existing(digest: string): Promise<StoredImage | undefined> {
    const rootfs = path.join(this.imageDir(digest), 'rootfs');
    // On every launch, synchronously: one stat is cheaper than a thread-pool round trip.
    return fs.existsSync(rootfs) ? { digest, rootfs } : undefined;
  }

  /** The tarball as a local file and its digest (downloading it when remote). */
  private async fetch(source: TarballSource, uri: string): Promise<{ digest: string; file: string; temporary: boolean }> {
    if (source.kind === 'file') {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(source.path); // on every launch: cheaper than a thread-pool round trip
      } catch (e) {
        throw this.refuse(`image tarball "${uri}" cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      if (!stat.isFile()) throw this.refuse(`image tarball "${uri}" is not a file`);
      const key = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;
      let digest = this.fileDigests.get(key);
      if (!digest) {
        digest = await sha256File(source.path);
        this.fileDigests.set(key, digest);
      }
      return { digest, file: source.path, temporary: false };
    }
    const file = path.join(this.dir, 'downloads', randomUUID());
    try {
      const digest = await download(source.url, file, this.options.downloadTimeoutMs ?? 300_000);
      this.urlDigests.set(source.url, digest);
      return { digest, file, temporary: true };
    } catch (e) {
      await fs.promises.rm(file, { force: true });
      throw this.refuse(`image tarball "${uri}" cannot be downloaded: ${(e as Error).message}`);
    }
  }

  private async unpackOnce(digest: string, file: string, uri: string): Promise<StoredImage> {
    const found = await this.existing(digest);
    if (found) {
      this.counters.hits++;
      return found;
    }
    const work = path.join(this.dir, 'tmp', randomUUID());
    const started = Date.now();
    try {
      await fs.promises.mkdir(work);
      const summary = await unpackTarball(file, path.join(work, 'rootfs'));
      await fs.promises.writeFile(path.join(work, 'source'), JSON.stringify({ uri, digest, summary }) + '\n');
      try {
        await fs.promises.rename(work, this.imageDir(digest));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
        await removeTree(work); // another agent sharing the store was faster
      }
      this.counters.unpacks++;
      this.collectable = true;
      this.options.logger.info('image unpacked', { digest, uri, entries: summary.entries, ms: Date.now() - started });
      return { digest, rootfs: path.join(this.imageDir(digest), 'rootfs') };
    } catch (e) {
      await removeTree(work);
      if (e instanceof TarballRefusedError) throw this.refuse(`image tarball "${uri}" refused: ${e.message}`);
      if (e instanceof TarFormatError) throw this.refuse(`image tarball "${uri}" is corrupt: ${e.message}`);
      throw this.refuse(`image tarball "${uri}" could not be unpacked: ${(e as Error).message}`);
    }
  }

  private refuse(message: string): ImageRefusedError {
    this.counters.refusals++;
    return new ImageRefusedError(message);
  }
}
