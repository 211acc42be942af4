/**
 * The content-addressed store of image layers pulled from registries,
 * shared by every container of the agent and kept across restarts:
 *
 *   <dir>/layers/sha256/<hex>/rootfs   a layer unpacked (whiteouts in overlay form), never written again
 *   <dir>/layers/sha256/<hex>/layer.json  its digest, sizes, the image it came with
 *   <dir>/images/<hex of the reference>.json  a pulled image: reference, manifest digest, config, layer digests
 *   <dir>/tmp/                          downloads and unpacking in progress (cleared at start)
 *
 * A layer is keyed by the sha256 of its blob (verified while downloading).
 * Each is downloaded and unpacked once: concurrent pulls of one layer wait
 * for the same download. An image already pulled is used as is unless the
 * pull is forced (`force_pull_image`). Every layer handed out is leased
 * until {@link LayerStore.release}; with `maxBytes`, {@link LayerStore.collect}
 * removes the least recently used layers no container holds until the
 * store fits (image-gc.ts), also after a restart (a layer's last use is its
 * folder's mtime; containers found again lease theirs first).
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import { formatImageReference, type ImageReference } from '@meseta/proto/image-reference';
import { imagesToCollect, type ImageRecord } from './image-gc';
import { applyWhiteouts } from './overlay-whiteouts';
import { RegistryError, type RegistryClient } from './registry-client';
import { choosePlatform, type Descriptor, type ImageRuntime, parseImageConfig } from './registry-manifest';
import type { RegistryCredentials } from './registry-auth';
import { removeTree, TarballRefusedError, TarFormatError, unpackTarball } from './tar-unpack';

/** A pulled image, its layers leased to the caller. */
export interface PulledImage {
  /** The reference as asked, in full. */
  reference: string;
  /** Digest of the (platform) manifest. */
  manifestDigest: string;
  /** Layer digests, bottom first. */
  layers: string[];
  /** Unpacked layer folders, bottom first (overlay wants them top first). */
  layerDirs: string[];
  runtime: ImageRuntime;
}

/** How far a pull is. */
export interface PullProgress {
  layersDone: number;
  layersTotal: number;
  /** Bytes downloaded by this pull so far. */
  bytes: number;
}

/** A cached image as `/state` lists it. */
export interface CachedImage {
  reference: string;
  manifest_digest: string;
  layers: string[];
  pulled_at: string;
}

/** A cached layer as `/state` lists it. */
export interface CachedLayer {
  digest: string;
  bytes: number;
  in_use: number;
  last_used: string;
}

/** Counters, for tests and metrics. */
export interface LayerStoreStats {
  /** Layer blobs downloaded by this process. */
  downloads: number;
  /** Layer requests answered by a layer already there or being downloaded. */
  hits: number;
  /** Layers removed to keep the store under its limit. */
  collected: number;
}

/** Options of {@link LayerStore}. */
export interface LayerStoreOptions {
  dir: string;
  client: RegistryClient;
  logger: Logger;
  /** Keep the unpacked layers under this size. @default no limit */
  maxBytes?: number;
  /** Layers downloaded at once by one pull. @default 3 */
  parallel?: number;
}

interface ImageFile {
  reference: string;
  manifestDigest: string;
  layers: string[];
  runtime: ImageRuntime;
  pulledAt: string;
}

/** The layer store. */
export class LayerStore {
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly leases = new Map<string, number>();
  /** Layers a collection has chosen and is moving out right now: a pull that leases one waits for that to finish before trusting its folder. */
  private readonly removing = new Map<string, Promise<void>>();
  private readonly counters: LayerStoreStats = { downloads: 0, hits: 0, collected: 0 };
  private readonly sizes = new Map<string, number>();
  private collecting: Promise<string[]> = Promise.resolve([]);
  private prepared?: Promise<void>;
  /** What the store held when last read (after start, each pull and each collection), for `/state`. */
  private view: { images: CachedImage[]; layers: CachedLayer[] } = { images: [], layers: [] };
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly options: LayerStoreOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  stats(): LayerStoreStats {
    return { ...this.counters };
  }

  /** Create the folders and clear what an interrupted pull left. */
  prepare(): Promise<void> {
    this.prepared ??= (async () => {
      await fs.promises.mkdir(path.join(this.dir, 'layers', 'sha256'), { recursive: true });
      await fs.promises.mkdir(path.join(this.dir, 'images'), { recursive: true });
      await removeTree(path.join(this.dir, 'tmp'));
      await fs.promises.mkdir(path.join(this.dir, 'tmp'), { recursive: true });
      await this.refresh();
    })();
    return this.prepared;
  }

  /** Read the store again for {@link cached} (one read at a time, in order). */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(async () => {
      this.view = await this.contents().catch(() => this.view);
    });
    return this.refreshing;
  }

  /** The images and layers in the store as last read, with how many containers hold each layer now. */
  cached(): { images: CachedImage[]; layers: CachedLayer[] } {
    return { images: this.view.images, layers: this.view.layers.map((l) => ({ ...l, in_use: this.leases.get(l.digest) ?? 0 })) };
  }

  /** The folder of a layer's unpacked root. */
  layerDir(digest: string): string {
    return path.join(this.dir, 'layers', 'sha256', digest.replace(/^sha256:/, ''), 'rootfs');
  }

  private imageFile(reference: string): string {
    return path.join(this.dir, 'images', `${createHash('sha256').update(reference).digest('hex')}.json`);
  }

  /**
   * The image `ref` names, pulled when it is not in the store (or always
   * with `force`); its layers are leased to the caller. Rejects with a
   * {@link RegistryError} (not found, unauthorized, unreachable, digest
   * mismatch) or an Error naming the layer that could not be unpacked.
   */
  async pull(ref: ImageReference, options: { force?: boolean; onProgress?: (progress: PullProgress) => void; credentials?: RegistryCredentials } = {}): Promise<PulledImage> {
    await this.prepare();
    const reference = formatImageReference(ref);
    if (!options.force) {
      const cached = await this.cachedImage(reference);
      if (cached) {
        this.leaseAll(cached.layers);
        await this.removalsOf(cached.layers);
        if (cached.layers.every((d) => fs.existsSync(this.layerDir(d)))) {
          this.touch(cached.layers);
          return this.pulled(cached);
        }
        this.releaseAll(cached.layers); // a layer was collected: pull again
      }
    }
    const client = this.options.client;
    const credentials = options.credentials;
    let fetched = await client.manifest(ref, undefined, credentials);
    if (fetched.manifest.kind === 'index') {
      const chosen = choosePlatform(fetched.manifest.manifests);
      fetched = await client.manifest(ref, chosen.digest, credentials);
      if (fetched.manifest.kind !== 'image') throw new RegistryError('invalid', `${reference}: the linux/amd64 entry of its index is another index`);
    }
    const manifest = fetched.manifest;
    let runtime: ImageRuntime;
    try {
      runtime = parseImageConfig(await client.blobText(ref, manifest.config.digest, credentials));
    } catch (e) {
      if (e instanceof RegistryError) throw e;
      throw new RegistryError('invalid', `${reference}: ${(e as Error).message}`);
    }
    const layers = manifest.layers.map((l) => l.digest);
    this.leaseAll(layers); // from now on no collection takes them
    try {
      const progress: PullProgress = { layersDone: 0, layersTotal: layers.length, bytes: 0 };
      options.onProgress?.({ ...progress });
      const queue = [...manifest.layers];
      const worker = async (): Promise<void> => {
        for (let layer = queue.shift(); layer; layer = queue.shift()) {
          await this.layer(ref, layer, (n) => (progress.bytes += n), credentials);
          progress.layersDone++;
          options.onProgress?.({ ...progress });
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.parallel ?? 3, Math.max(1, queue.length)) }, worker));
      const image: ImageFile = { reference, manifestDigest: fetched.digest, layers, runtime, pulledAt: new Date().toISOString() };
      await this.writeImageFile(image);
      this.touch(layers);
      void this.refresh();
      return this.pulled(image);
    } catch (e) {
      this.releaseAll(layers);
      throw e;
    }
  }

  private pulled(image: ImageFile): PulledImage {
    return { reference: image.reference, manifestDigest: image.manifestDigest, layers: image.layers, layerDirs: image.layers.map((d) => this.layerDir(d)), runtime: image.runtime };
  }

  private async cachedImage(reference: string): Promise<ImageFile | undefined> {
    try {
      return JSON.parse(await fs.promises.readFile(this.imageFile(reference), 'utf8')) as ImageFile;
    } catch {
      return undefined;
    }
  }

  private async writeImageFile(image: ImageFile): Promise<void> {
    const file = this.imageFile(image.reference);
    const temporary = path.join(this.dir, 'tmp', `${randomUUID()}.json`);
    await fs.promises.writeFile(temporary, JSON.stringify(image) + '\n');
    await fs.promises.rename(temporary, file);
  }

  /** Make sure one layer is in the store: there already, being fetched by another pull, or fetched now. */
  private async layer(ref: ImageReference, layer: Descriptor, onBytes: (n: number) => void, credentials?: RegistryCredentials): Promise<void> {
    await this.removalsOf([layer.digest]); // leased already: no new removal starts, but one underway must end first
    if (fs.existsSync(this.layerDir(layer.digest))) {
      this.counters.hits++;
      return;
    }
    let pending = this.inflight.get(layer.digest);
    if (pending) {
      this.counters.hits++;
    } else {
      pending = this.fetchLayer(ref, layer, onBytes, credentials).finally(() => this.inflight.delete(layer.digest));
      this.inflight.set(layer.digest, pending);
    }
    await pending;
  }

  private async fetchLayer(ref: ImageReference, layer: Descriptor, onBytes: (n: number) => void, credentials?: RegistryCredentials): Promise<void> {
    const id = randomUUID();
    const blob = path.join(this.dir, 'tmp', `${id}.blob`);
    const work = path.join(this.dir, 'tmp', id);
    const started = Date.now();
    try {
      this.counters.downloads++;
      await this.options.client.blobToFile(ref, layer.digest, blob, onBytes, credentials);
      await fs.promises.mkdir(work);
      let summary;
      try {
        summary = await unpackTarball(blob, path.join(work, 'rootfs'), { layer: true });
      } catch (e) {
        if (e instanceof TarballRefusedError || e instanceof TarFormatError) throw new Error(`layer ${layer.digest} of ${formatImageReference(ref)} refused: ${e.message}`);
        throw e;
      }
      await applyWhiteouts(path.join(work, 'rootfs'), summary.whiteouts ?? [], summary.opaqueDirs ?? []);
      await fs.promises.writeFile(path.join(work, 'layer.json'), JSON.stringify({ digest: layer.digest, size: layer.size, bytes: summary.bytes, entries: summary.entries, from: formatImageReference(ref) }) + '\n');
      try {
        await fs.promises.rename(work, path.dirname(this.layerDir(layer.digest)));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
        await removeTree(work); // another agent sharing the store was faster
      }
      this.sizes.set(layer.digest, summary.bytes);
      this.options.logger.info('image layer pulled', { digest: layer.digest, image: formatImageReference(ref), compressed_bytes: layer.size, bytes: summary.bytes, ms: Date.now() - started });
    } finally {
      await fs.promises.rm(blob, { force: true });
      await removeTree(work);
    }
  }

  /** Wait until no collection is moving any of these layers out (each is gone or kept afterwards). */
  private async removalsOf(layers: readonly string[]): Promise<void> {
    const underway = layers.map((d) => this.removing.get(d)).filter((p): p is Promise<void> => p !== undefined);
    if (underway.length > 0) await Promise.all(underway);
  }

  /** Take a lease on layers a container uses (one found again after a restart); {@link pull} takes them itself. */
  leaseAll(layers: readonly string[]): void {
    for (const d of layers) this.leases.set(d, (this.leases.get(d) ?? 0) + 1);
  }

  /** The container that used these layers is gone. */
  releaseAll(layers: readonly string[]): void {
    for (const d of layers) {
      const left = (this.leases.get(d) ?? 0) - 1;
      if (left > 0) this.leases.set(d, left);
      else this.leases.delete(d);
    }
  }

  /** Record a use (the folders' mtime), for least-recently-used collection. */
  private touch(layers: readonly string[]): void {
    if (this.options.maxBytes === undefined) return;
    const now = new Date();
    for (const d of layers) void fs.promises.utimes(path.dirname(this.layerDir(d)), now, now).catch(() => undefined);
  }

  /** Digests of every layer in the store. */
  async listLayers(): Promise<string[]> {
    const names = await fs.promises.readdir(path.join(this.dir, 'layers', 'sha256')).catch(() => [] as string[]);
    return names.map((n) => `sha256:${n}`);
  }

  private async sizeOf(digest: string): Promise<number> {
    const known = this.sizes.get(digest);
    if (known !== undefined) return known;
    let bytes = 0;
    try {
      const meta = JSON.parse(await fs.promises.readFile(path.join(path.dirname(this.layerDir(digest)), 'layer.json'), 'utf8')) as { bytes?: number };
      bytes = Number(meta.bytes ?? 0) || 0;
    } catch {
      // unknown: counted as empty
    }
    this.sizes.set(digest, bytes);
    return bytes;
  }

  /** With a size limit, remove the least recently used layers nobody holds until the store fits; resolves to the digests removed. */
  collect(): Promise<string[]> {
    const maxBytes = this.options.maxBytes;
    if (maxBytes === undefined) return Promise.resolve([]);
    this.collecting = this.collecting.catch(() => []).then(() => this.collectNow(maxBytes));
    return this.collecting;
  }

  private async collectNow(maxBytes: number): Promise<string[]> {
    const records: ImageRecord[] = [];
    for (const digest of await this.listLayers()) {
      const stat = await fs.promises.stat(path.dirname(this.layerDir(digest))).catch(() => undefined);
      if (stat) records.push({ digest, bytes: await this.sizeOf(digest), lastUsedMs: stat.mtimeMs });
    }
    const busy = new Set([...this.leases.keys(), ...this.inflight.keys()]);
    const removed: string[] = [];
    for (const digest of imagesToCollect(records, busy, maxBytes)) {
      // Leases are taken while this loop awaits: ask again now, and mark the
      // layer in the same turn so a pull leasing it after this waits (see removalsOf).
      if (this.leases.has(digest) || this.inflight.has(digest)) continue;
      const doomed = path.join(this.dir, 'tmp', randomUUID());
      const moved = fs.promises.rename(path.dirname(this.layerDir(digest)), doomed).then(
        () => true,
        () => false,
      );
      this.removing.set(digest, moved.then(() => undefined));
      const ok = await moved.finally(() => this.removing.delete(digest));
      if (!ok) continue;
      await removeTree(doomed);
      this.sizes.delete(digest);
      this.counters.collected++;
      removed.push(digest);
      this.options.logger.info('image layer removed to keep the store under its limit', { digest, bytes: records.find((r) => r.digest === digest)?.bytes, max_bytes: maxBytes });
    }
    if (removed.length > 0) void this.refresh();
    return removed;
  }

  /** Close the registry client's connections (the agent is stopping). */
  close(): void {
    this.options.client.close();
  }

  /** The images and layers in the store, for `/state`. */
  async contents(): Promise<{ images: CachedImage[]; layers: CachedLayer[] }> {
    const layers: CachedLayer[] = [];
    const present = new Set<string>();
    for (const digest of await this.listLayers()) {
      const stat = await fs.promises.stat(path.dirname(this.layerDir(digest))).catch(() => undefined);
      if (!stat) continue;
      present.add(digest);
      layers.push({ digest, bytes: await this.sizeOf(digest), in_use: this.leases.get(digest) ?? 0, last_used: stat.mtime.toISOString() });
    }
    const images: CachedImage[] = [];
    const files = await fs.promises.readdir(path.join(this.dir, 'images')).catch(() => [] as string[]);
    for (const name of files.filter((f) => f.endsWith('.json'))) {
      try {
        const image = JSON.parse(await fs.promises.readFile(path.join(this.dir, 'images', name), 'utf8')) as ImageFile;
        // An image whose layers were collected is pulled again when asked for: not listed as cached.
        if (image.layers.every((d) => present.has(d))) images.push({ reference: image.reference, manifest_digest: image.manifestDigest, layers: image.layers, pulled_at: image.pulledAt });
      } catch {
        // half written by an older agent: skip
      }
    }
    images.sort((a, b) => a.reference.localeCompare(b.reference));
    return { images, layers };
  }
}
