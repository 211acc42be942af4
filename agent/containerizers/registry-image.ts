/**
 * A runc task's registry image (ContainerInfo MESOS with a DOCKER image,
 * as Mesos's unified containerizer runs them): the reference parsed
 * (`task.container.mesos.image.docker.name`, bare names on the agent's
 * default registry), the image pulled into the layer store (again when
 * `image.cached` is false, Mesos's way of forcing a pull), progress told
 * to the agent (TASK_STARTING) and the log, and the process the image's
 * config and the task's command make (registry-manifest.ts). A failed pull
 * is an Error naming the image, the registry and why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import type { ContainerInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { LaunchSpec } from '../containerizer';
import { formatImageReference, parseImageReference, DOCKER_HUB } from '@meseta/proto/image-reference';
import type { LayerStore, PulledImage } from './layer-store';
import { RegistryError, type RegistryErrorKind } from './registry-client';
import { credentialsFor, parseDockerConfig, type RegistryCredentials } from './registry-auth';
import { imageLaunch, type ImageLaunch } from './registry-manifest';

/** True when the ContainerInfo is MESOS with a DOCKER image. */
export function isRegistryImage(container: ContainerInfo | null | undefined): boolean {
  return (container?.type ?? pb.ContainerInfo.Type.POSIX) === pb.ContainerInfo.Type.MESOS && container?.mesos?.image?.type === pb.Image.Type.DOCKER;
}

/** What a container of a registry image runs on and as. */
export interface RegistryImageLaunch extends ImageLaunch {
  image: PulledImage;
  /** Overlay `lowerdir`: the layers' folders, top first, `:`-separated. */
  lowerDirs: string;
  /** The image config's user, when it names one the image knows. */
  user?: { uid: number; gid: number };
}

/** The longest `lowerdir=` value the overlay mount takes here (a 4 KiB page of options, less room for upperdir and workdir). */
export const MAX_LOWERDIR_CHARS = 3500;

/** Words for a failed pull's reason. */
export const PULL_FAILURE: Record<RegistryErrorKind, string> = {
  'not-found': 'not found',
  unauthorized: 'unauthorized',
  unreachable: 'registry unreachable',
  'digest-mismatch': 'content does not match its digest',
  invalid: 'invalid image',
};

/** The one-line message of a failed pull. */
export function pullFailureMessage(reference: string, registry: string, error: Error): string {
  const reason = error instanceof RegistryError ? PULL_FAILURE[error.kind] : 'cannot be unpacked';
  return `image ${reference} could not be pulled from registry ${registry}: ${reason}: ${error.message}`;
}

/** Pull the task's image (its layers leased) and decide its process. */
export async function registryImageLaunch(spec: LaunchSpec, layers: LayerStore, options: { defaultRegistry?: string; logger: Logger }): Promise<RegistryImageLaunch> {
  const image = spec.task.container?.mesos?.image;
  const ref = parseImageReference(image?.docker?.name ?? '', 'task.container.mesos.image.docker.name', options.defaultRegistry ?? DOCKER_HUB);
  const reference = formatImageReference(ref);
  // The task's own credentials (its secret), else the agent's (--docker-config, in the client).
  let credentials: RegistryCredentials | undefined;
  if (spec.registryConfig !== undefined) {
    credentials = credentialsFor(parseDockerConfig(spec.registryConfig, 'task.container.mesos.image.docker.config (its secret)'), ref.registry);
  }
  const started = Date.now();
  let lastDone = -1;
  let pulled: PulledImage;
  try {
    pulled = await layers.pull(ref, {
      force: image?.cached === false,
      credentials,
      onProgress: (p) => {
        if (p.layersDone === lastDone) return;
        lastDone = p.layersDone;
        const message = `pulling image ${reference}: ${p.layersDone}/${p.layersTotal} layers (${p.bytes} bytes downloaded)`;
        options.logger.info('pulling image', { task_id: spec.taskId, image: reference, layers_done: p.layersDone, layers_total: p.layersTotal, bytes: p.bytes });
        spec.progress?.(message);
      },
    });
  } catch (e) {
    const message = pullFailureMessage(reference, ref.registry, e as Error);
    options.logger.warn('image pull failed', { task_id: spec.taskId, image: reference, error: message });
    throw new Error(message);
  }
  if (lastDone >= 0) options.logger.info('image pulled', { task_id: spec.taskId, image: reference, manifest: pulled.manifestDigest, ms: Date.now() - started });
  try {
    const launch = imageLaunch(spec.task.command, pulled.runtime, reference);
    const user = pulled.runtime.user ? imageUser(pulled.runtime.user, pulled.layerDirs, reference) : undefined;
    const lowerDirs = [...pulled.layerDirs].reverse().join(':');
    // The kernel takes a mount's options in one page; with the upper and work folders beside them.
    if (lowerDirs.length > MAX_LOWERDIR_CHARS) {
      throw new Error(`image ${reference} has ${pulled.layers.length} layers: their folders (${lowerDirs.length} characters) do not fit in one overlay mount's options (at most ${MAX_LOWERDIR_CHARS}); use a shorter --work-dir or an image with fewer layers`);
    }
    return { ...launch, image: pulled, lowerDirs, user };
  } catch (e) {
    layers.releaseAll(pulled.layers);
    throw e;
  }
}

/** `uid[:gid]` numbers, or names looked up in the image's own /etc/passwd and /etc/group (the topmost layer that has them). */
export function imageUser(user: string, layerDirs: readonly string[], reference: string): { uid: number; gid: number } {
  const [name, group] = user.split(':');
  const fileOf = (file: string): string | undefined => {
    for (const dir of [...layerDirs].reverse()) {
      try {
        return fs.readFileSync(path.join(dir, file), 'utf8');
      } catch {
        // not in this layer
      }
    }
    return undefined;
  };
  let uid: number;
  let gid: number | undefined;
  if (/^\d+$/.test(name)) uid = Number(name);
  else {
    const entry = idsByName(fileOf('etc/passwd'), name);
    if (!entry) throw new Error(`the image ${reference} runs as user "${name}", which its /etc/passwd does not have`);
    uid = entry[0];
    gid = entry[1];
  }
  if (group !== undefined) {
    if (/^\d+$/.test(group)) gid = Number(group);
    else {
      const entry = idsByName(fileOf('etc/group'), group);
      if (!entry) throw new Error(`the image ${reference} runs as group "${group}", which its /etc/group does not have`);
      gid = entry[0];
    }
  }
  return { uid, gid: gid ?? 0 };
}

/** The numbers of `name` in a passwd (`name:x:uid:gid:...`) or group (`name:x:gid:...`) file. */
export function idsByName(text: string | undefined, name: string): [number, number | undefined] | undefined {
  for (const line of (text ?? '').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && /^\d+$/.test(fields[2] ?? '')) return [Number(fields[2]), /^\d+$/.test(fields[3] ?? '') ? Number(fields[3]) : undefined];
  }
  return undefined;
}
