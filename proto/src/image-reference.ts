/**
 * Docker image references (`[registry/]name[:tag][@sha256:hex]`) parsed
 * the way Docker reads them (pure, no I/O):
 * - the first `/`-separated part is a registry when it has a `.` or a `:`,
 *   or is `localhost`; otherwise the reference is on the default registry;
 * - on Docker Hub (`docker.io`) a one-part name gets `library/`;
 * - the tag defaults to `latest` unless a digest is given.
 * A bad reference is an {@link ImageReferenceError} naming the field and
 * what is wrong with it.
 */

/** The registry Docker uses for a name without one. */
export const DOCKER_HUB = 'docker.io';
/** Where Docker Hub's Registry API v2 answers. */
export const DOCKER_HUB_API = 'registry-1.docker.io';

/** A parsed reference. */
export interface ImageReference {
  /** `host[:port]` of the registry (`docker.io` for Docker Hub). */
  registry: string;
  /** Repository path in the registry (`library/busybox`). */
  repository: string;
  /** Tag; undefined when only a digest names the image. */
  tag?: string;
  /** `sha256:<64 hex>` when the reference pins a manifest. */
  digest?: string;
}

/** A reference that cannot be parsed. */
export class ImageReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageReferenceError';
  }
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?$|^\[[0-9a-fA-F:]+\](?::[0-9]{1,5})?$/;

/**
 * Parse `text`. `defaultRegistry` is where a name without a registry lives
 * (the agent's `--docker-registry`); `field` names the field in errors.
 */
export function parseImageReference(text: string, field = 'image', defaultRegistry: string = DOCKER_HUB): ImageReference {
  const ref = text.trim();
  const bad = (problem: string): ImageReferenceError => new ImageReferenceError(`${field}: "${text}" is not an image reference (${problem})`);
  if (!ref) throw new ImageReferenceError(`${field}: required (an image reference such as busybox:latest or registry.example.org/team/app@sha256:...)`);
  if (ref.length > 1024) throw bad('longer than 1024 characters');
  if (/\s/.test(ref)) throw bad('it has white space');
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`the digest "${digest}" is not sha256: and 64 lowercase hex digits`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`the tag "${tag}" must be 1-128 letters, digits, "_", "." or "-", not starting with "." or "-"`);
  }
  const parts = rest.split('/');
  let registry = normaliseRegistry(defaultRegistry);
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    const host = parts.shift() as string;
    if (!HOST.test(host)) throw bad(`the registry "${host}" is not a host name with an optional port`);
    registry = normaliseRegistry(host);
  }
  if (parts.length === 0 || parts.some((p) => p === '')) throw bad('the name has an empty part');
  for (const part of parts) {
    if (!COMPONENT.test(part)) throw bad(`the name part "${part}" must be lowercase letters and digits, separated by ".", "_", "__" or "-"`);
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  if (repository.length > 255) throw bad('the name is longer than 255 characters');
  if (!tag && !digest) tag = 'latest';
  return { registry, repository, tag, digest };
}

/** `index.docker.io` and `registry-1.docker.io` are Docker Hub under its usual name. */
export function normaliseRegistry(host: string): string {
  const h = host.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return h === 'index.docker.io' || h === DOCKER_HUB_API ? DOCKER_HUB : h;
}

/** The host the Registry API v2 answers on for `registry`. */
export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}

/** `registry/repository[:tag][@digest]` in full (what logs and messages show). */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The manifest to ask for: the digest when pinned, else the tag. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}
