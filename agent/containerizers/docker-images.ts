/**
 * Making sure a task's Docker image is on the daemon before its container
 * is created: used when present; else loaded from the tarball URI the task
 * gives (`docker save` format → `POST /images/load`; a plain root
 * filesystem tarball → `POST /images/create?fromSrc=-`, i.e. import, under
 * the task's image name). The agent never pulls from a registry: a missing
 * image without a tarball is a launch failure that says so, at once.
 * Concurrent launches of one image wait for the same load.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Logger } from '@meseta/runtime/log';
import { DockerApiError, type DockerEngine } from './docker-engine';
import { localTarball } from './tarball-source';
import { uncompressedStream } from './tar-unpack';
import { readTar } from './tar-reader';

/** `repo[:tag]` split as Docker does (a `:` after the last `/` starts the tag; default `latest`). */
export function splitImageName(name: string): { repo: string; tag: string } {
  const at = name.indexOf('@');
  if (at >= 0) return { repo: name.slice(0, at), tag: name.slice(at + 1) };
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return { repo: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repo: name, tag: 'latest' };
}

/** The format of an image tarball: `docker save` output (or OCI layout) to load, or a root filesystem to import. */
export type ImageTarballFormat = 'load' | 'import';

/** True for the top-level entries only a `docker save` / OCI image archive has. */
export function isImageArchiveEntry(entryPath: string): boolean {
  const name = entryPath.replace(/^(\.\/)+/, '');
  return name === 'manifest.json' || name === 'repositories' || name === 'index.json' || name === 'oci-layout';
}

/** Read the tarball's entries to tell a saved image from a root filesystem. */
export async function imageTarballFormat(file: string): Promise<ImageTarballFormat> {
  const { stream, done } = await uncompressedStream(file);
  try {
    for await (const event of readTar(stream)) {
      if (event.kind === 'entry' && isImageArchiveEntry(event.entry.path)) return 'load';
    }
    await done;
    return 'import';
  } finally {
    stream.destroy();
  }
}

/** The first error in a JSON-lines progress stream (load, import), or undefined. */
export function progressError(text: string): string | undefined {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const message = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
      if (message.error || message.errorDetail?.message) return message.errorDetail?.message ?? message.error;
    } catch {
      // not JSON: ignore
    }
  }
  return undefined;
}

/** The image is not there and cannot be loaded. */
export class DockerImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerImageError';
  }
}

/** Image presence and loading for one daemon. */
export class DockerImages {
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly engine: DockerEngine,
    private readonly log: Logger,
    private readonly downloadDir: string = os.tmpdir(),
  ) {}

  /** True when the daemon has an image by this name. */
  async present(name: string): Promise<boolean> {
    try {
      await this.engine.call('GET', `/images/${encodeURIComponent(name)}/json`);
      return true;
    } catch (e) {
      if (e instanceof DockerApiError && e.status === 404) return false;
      throw e;
    }
  }

  /**
   * Make sure `name` is on the daemon, loading it from `tarballUri` when it
   * is not. Rejects with a {@link DockerImageError} saying what is missing.
   */
  async ensure(name: string, tarballUri?: string | null): Promise<void> {
    if (await this.present(name)) return;
    if (!tarballUri) {
      throw new DockerImageError(
        `docker image "${name}" is not on this agent and the task gives no image tarball (container.docker.image_uri) to load it from; the agent does not pull from registries`,
      );
    }
    const key = `${name}\u0000${tarballUri}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(name, tarballUri).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    await pending;
  }

  /** Load or import a tarball, then check the image is there. */
  private async load(name: string, uri: string): Promise<void> {
    const started = Date.now();
    let local: { file: string; release(): Promise<void> };
    try {
      local = await localTarball(uri, this.downloadDir);
    } catch (e) {
      throw new DockerImageError(`docker image "${name}" cannot be loaded: ${(e as Error).message}`);
    }
    try {
      let format: ImageTarballFormat;
      try {
        format = await imageTarballFormat(local.file);
      } catch (e) {
        throw new DockerImageError(`docker image tarball "${uri}" is corrupt: ${(e as Error).message}`);
      }
      const { repo, tag } = splitImageName(name);
      const response =
        format === 'load'
          ? await this.engine.stream('POST', '/images/load', { query: { quiet: 1 }, body: fs.createReadStream(local.file) })
          : await this.engine.stream('POST', '/images/create', { query: { fromSrc: '-', repo, tag }, body: fs.createReadStream(local.file) });
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      const error = progressError(Buffer.concat(chunks).toString('utf8'));
      if (error) throw new DockerImageError(`docker could not ${format} "${uri}": ${error}`);
      if (!(await this.present(name))) {
        throw new DockerImageError(`the tarball "${uri}" was loaded but holds no image named "${name}"`);
      }
      this.log.info(`image ${format}ed`, { image: name, uri, ms: Date.now() - started });
    } catch (e) {
      if (e instanceof DockerImageError) throw e;
      throw new DockerImageError(`docker image "${name}" cannot be loaded from "${uri}": ${(e as Error).message}`);
    } finally {
      await local.release();
    }
  }
}
