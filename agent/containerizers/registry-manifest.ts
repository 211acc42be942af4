/**
 * Image manifests and configs as a registry serves them, and what a
 * container runs from them (pure, no I/O):
 * - {@link parseManifest}: a Docker manifest v2 schema 2 or OCI image
 *   manifest (config + layers), or a Docker manifest list / OCI index
 *   (from which {@link choosePlatform} picks linux/amd64);
 * - {@link parseImageConfig}: entrypoint, cmd, env, working dir and user
 *   of an image config;
 * - {@link imageLaunch}: the argv, environment and working dir of a task,
 *   by Mesos's rules (the docker/runtime isolator): a task's command
 *   overrides the image's Entrypoint/Cmd; without one the image's run,
 *   with the task's arguments (if any) in place of Cmd.
 */
import type { CommandInfo } from '@meseta/proto/wire';

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

/** The `Accept` header a manifest request sends: every format understood. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.dockerManifest, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.ociIndex].join(', ');

/** Layer media types that are gzip or plain tar (both read by the unpacker). */
const LAYER_TYPES = new Set([
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
]);

/** A content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string; variant?: string };
}

/** A manifest, or a list of them by platform. */
export type Manifest = { kind: 'image'; config: Descriptor; layers: Descriptor[] } | { kind: 'index'; manifests: Descriptor[] };

/** Something the registry served that cannot be used. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function descriptor(value: unknown, where: string): Descriptor {
  const d = value as Partial<Descriptor> | null;
  if (!d || typeof d !== 'object') throw new ManifestError(`${where}: not an object`);
  if (typeof d.digest !== 'string' || !DIGEST.test(d.digest)) throw new ManifestError(`${where}.digest: "${String(d.digest)}" is not a sha256 digest`);
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) throw new ManifestError(`${where}.size: not a byte count`);
  return { mediaType: typeof d.mediaType === 'string' ? d.mediaType : '', digest: d.digest, size: d.size, platform: d.platform };
}

/** Parse a manifest body; `contentType` is the response's Content-Type (the body's mediaType wins when set). */
export function parseManifest(body: string, contentType = ''): Manifest {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch (e) {
    throw new ManifestError(`manifest: not JSON (${(e as Error).message})`);
  }
  if (!json || typeof json !== 'object') throw new ManifestError('manifest: not a JSON object');
  const mediaType = (typeof json.mediaType === 'string' && json.mediaType) || contentType.split(';')[0].trim();
  if (json.schemaVersion === 1) throw new ManifestError('manifest: schema version 1 is not supported (push the image again with a current Docker or an OCI tool)');
  if (mediaType === MEDIA_TYPES.dockerList || mediaType === MEDIA_TYPES.ociIndex || (Array.isArray(json.manifests) && !json.layers)) {
    if (!Array.isArray(json.manifests)) throw new ManifestError('manifest list: "manifests" is not a list');
    return { kind: 'index', manifests: json.manifests.map((m, i) => descriptor(m, `manifests[${i}]`)) };
  }
  if (mediaType && mediaType !== MEDIA_TYPES.dockerManifest && mediaType !== MEDIA_TYPES.ociManifest) {
    throw new ManifestError(`manifest: media type "${mediaType}" is not supported (Docker v2 schema 2 or OCI)`);
  }
  const config = descriptor(json.config, 'config');
  if (!Array.isArray(json.layers)) throw new ManifestError('manifest: "layers" is not a list');
  const layers = json.layers.map((l, i) => descriptor(l, `layers[${i}]`));
  layers.forEach((layer, i) => {
    if (layer.mediaType && !LAYER_TYPES.has(layer.mediaType)) throw new ManifestError(`layers[${i}].mediaType: "${layer.mediaType}" is not supported (tar or tar+gzip layers)`);
  });
  return { kind: 'image', config, layers };
}

/** The manifest of `os/architecture` in a list; throws naming the platforms there are. */
export function choosePlatform(manifests: readonly Descriptor[], os = 'linux', architecture = 'amd64'): Descriptor {
  const found = manifests.find((m) => m.platform?.os === os && m.platform?.architecture === architecture);
  if (found) return found;
  const offered = manifests.map((m) => `${m.platform?.os ?? '?'}/${m.platform?.architecture ?? '?'}`).join(', ') || 'none';
  throw new ManifestError(`the image has no ${os}/${architecture} manifest (it has: ${offered})`);
}

/** What an image config says about the process to run. */
export interface ImageRuntime {
  entrypoint: string[];
  cmd: string[];
  /** `NAME=value` strings. */
  env: string[];
  workingDir?: string;
  user?: string;
  /** The layers' uncompressed digests, bottom first (`rootfs.diff_ids`). */
  diffIds: string[];
}

function strings(value: unknown, where: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ManifestError(`image config ${where}: not a list of strings`);
  return value as string[];
}

/** Parse an image config blob. */
export function parseImageConfig(body: string): ImageRuntime {
  let json: { config?: Record<string, unknown> | null; rootfs?: { diff_ids?: unknown } };
  try {
    json = JSON.parse(body) as typeof json;
  } catch (e) {
    throw new ManifestError(`image config: not JSON (${(e as Error).message})`);
  }
  const c = json.config ?? {};
  return {
    entrypoint: strings(c.Entrypoint, 'Entrypoint'),
    cmd: strings(c.Cmd, 'Cmd'),
    env: strings(c.Env, 'Env'),
    workingDir: typeof c.WorkingDir === 'string' && c.WorkingDir ? c.WorkingDir : undefined,
    user: typeof c.User === 'string' && c.User ? c.User : undefined,
    diffIds: strings(json.rootfs?.diff_ids, 'rootfs.diff_ids'),
  };
}

/** What the container's first process is. */
export interface ImageLaunch {
  args: string[];
  /** Image variables first, so the task's (put over them by the caller) win. */
  imageEnv: Record<string, string>;
  /** Working dir inside the container; undefined: the sandbox. */
  cwd?: string;
}

/**
 * The task's process in an image (Mesos's table): a shell command runs as
 * `/bin/sh -c value`; a value with shell false runs as given; without a
 * value the image's Entrypoint runs with the task's arguments, or with the
 * image's Cmd when there are none (Cmd alone runs when there is no
 * Entrypoint). Nothing to run is an error naming the field.
 */
export function imageLaunch(command: CommandInfo | null | undefined, image: ImageRuntime, imageName: string): ImageLaunch {
  const imageEnv: Record<string, string> = {};
  for (const pair of image.env) {
    const eq = pair.indexOf('=');
    if (eq > 0) imageEnv[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const cwd = image.workingDir;
  const value = command?.value ?? '';
  const shell = command ? command.shell !== false : false;
  if (shell && value.trim() !== '') return { args: ['/bin/sh', '-c', value], imageEnv, cwd };
  if (!shell && value !== '') return { args: [value, ...(command?.arguments ?? []).slice(1)], imageEnv, cwd };
  const taskArgs = shell ? [] : [...(command?.arguments ?? [])];
  const args = image.entrypoint.length > 0 ? [...image.entrypoint, ...(taskArgs.length > 0 ? taskArgs : image.cmd)] : taskArgs.length > 0 ? taskArgs : image.cmd;
  if (args.length === 0) {
    throw new Error(`task.command: required: the image ${imageName} has neither Entrypoint nor Cmd (give command.value, or command.shell false with arguments)`);
  }
  return { args, imageEnv, cwd };
}
