/**
 * Making sure a task's Docker image is on the daemon before its container
 * is created: used when present (unless the task forces a pull); else
 * loaded from the tarball URI the task gives (`docker save` format →
 * `POST /images/load`; a plain root filesystem tarball → `POST
 * /images/create?fromSrc=-`, i.e. import, under the task's image name), or
 * pulled from its registry by the daemon (`POST /images/create?fromImage=`,
 * credentials in `X-Registry-Auth`, progress as layers done/total). A
 * failed pull names the image, the registry and why (not found,
 * unauthorized, registry unreachable). Concurrent launches of one image
 * wait for the same load or pull.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Logger } from '@meseta/runtime/log';
import { DockerApiError, type DockerEngine } from './docker-engine';
import { localTarball } from './tarball-source';
import { uncompressedStream } from './tar-unpack';
import { readTar } from './tar-reader';
import { DOCKER_HUB, formatImageReference, parseImageReference, type ImageReference } from '@meseta/proto/image-reference';
import { registryAuthHeader, type RegistryCredentials } from './registry-auth';
import { DockerPullProgress, dockerPullFailure } from './docker-pull-progress';

/** How {@link DockerImages.ensure} may get an image. */
export interface EnsureOptions {
  /** Pull even when the daemon has the image (`force_pull_image`). */
  forcePull?: boolean;
  /** Registry of names without one. @default docker.io */
  defaultRegistry?: string;
  /** Credentials of a registry. */
  credentials?: (registry: string) => RegistryCredentials | undefined;
  /** Told `pulling image ...: n/m layers` as a pull goes. */
  progress?: (message: string) => void;
}

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
   * Make sure the image is on the daemon, loading it from `tarballUri` or
   * pulling it when it is not (always pulling with `forcePull`). Resolves
   * to the name to create the container with: the task's, or in full with
   * the registry when the agent's default registry is not Docker Hub.
   * Rejects with a {@link DockerImageError} saying what went wrong.
   */
  async ensure(name: string, tarballUri?: string | null, options: EnsureOptions = {}): Promise<string> {
    if (tarballUri) {
      if (await this.present(name)) return name;
      await this.once(`${name}\u0000${tarballUri}`, () => this.load(name, tarballUri));
      return name;
    }
    let ref: ImageReference;
    try {
      ref = parseImageReference(name, 'task.container.docker.image', options.defaultRegistry ?? DOCKER_HUB);
    } catch (e) {
      throw new DockerImageError((e as Error).message);
    }
    // A bare name on another default registry is pulled (and run) under its full name.
    const full = ref.registry === DOCKER_HUB ? name : `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
    if (!options.forcePull && (await this.present(full))) return full;
    await this.once(`pull\u0000${full}`, () => this.pull(full, ref, options));
    return full;
  }

  private async once(key: string, work: () => Promise<void>): Promise<void> {
    let pending = this.loading.get(key);
    if (!pending) {
      pending = work().finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    await pending;
  }

  /** Pull through the daemon, telling progress; a failure names the image, the registry and why. */
  private async pull(name: string, ref: ImageReference, options: EnsureOptions): Promise<void> {
    const started = Date.now();
    const reference = formatImageReference(ref);
    const credentials = options.credentials?.(ref.registry);
    const headers: Record<string, string> = credentials ? { 'x-registry-auth': registryAuthHeader(credentials, ref.registry) } : {};
    const fromImage = ref.registry === DOCKER_HUB ? ref.repository : `${ref.registry}/${ref.repository}`;
    const progress = new DockerPullProgress();
    const tell = (): void => {
      const state = progress.state();
      options.progress?.(`pulling image ${reference}: ${state.layersDone}/${state.layersTotal} layers`);
      this.log.info('pulling image', { image: reference, layers_done: state.layersDone, layers_total: state.layersTotal });
    };
    const failed = (message: string): DockerImageError =>
      new DockerImageError(`image ${reference} could not be pulled from registry ${ref.registry}: ${dockerPullFailure(message)}: ${message}`);
    options.progress?.(`pulling image ${reference}`);
    try {
      const response = await this.engine.stream('POST', '/images/create', { query: { fromImage, tag: ref.digest ?? ref.tag }, headers });
      for await (const chunk of response) if (progress.feed((chunk as Buffer).toString('utf8'))) tell();
      if (progress.end()) tell();
    } catch (e) {
      throw failed((e as Error).message);
    }
    const error = progress.state().error;
    if (error) throw failed(error);
    if (!(await this.present(name))) throw failed(`the daemon finished the pull but has no image named "${name}"`);
    this.log.info('image pulled', { image: reference, layers: progress.state().layersTotal, ms: Date.now() - started });
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
