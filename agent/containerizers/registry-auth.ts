/**
 * Registry credentials and challenges (pure, no I/O):
 * - {@link parseChallenge} reads a `WWW-Authenticate` header (`Bearer
 *   realm=...,service=...,scope=...` or `Basic realm=...`);
 * - {@link credentialsFor} finds a registry's user and password in a Docker
 *   config file's JSON (`{"auths": {"host:port": {"auth": base64(user:pass)}}}`,
 *   the format of `~/.docker/config.json` and of Mesos's `--docker_config`).
 */
import { DOCKER_HUB, normaliseRegistry } from '@meseta/proto/image-reference';

/** A user name and password for one registry. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

/** What a registry asked for on a 401. */
export type AuthChallenge =
  | { scheme: 'bearer'; realm: string; service?: string; scope?: string }
  | { scheme: 'basic'; realm?: string };

/** The challenge of a `WWW-Authenticate` header; undefined when it is neither Bearer nor Basic or has no realm. */
export function parseChallenge(header: string | undefined): AuthChallenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  const params: Record<string, string> = {};
  const pattern = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(match[2])) !== null) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  if (scheme === 'basic') return { scheme: 'basic', realm: params.realm };
  if (scheme !== 'bearer' || !params.realm) return undefined;
  return { scheme: 'bearer', realm: params.realm, service: params.service, scope: params.scope };
}

/** A Docker config that cannot be used. */
export class DockerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerConfigError';
  }
}

/** The registry named by a key of `auths` (`https://index.docker.io/v1/` → `docker.io`). */
export function authKeyRegistry(key: string): string {
  const withoutScheme = key.trim().replace(/^[a-z]+:\/\//i, '');
  return normaliseRegistry(withoutScheme.split('/')[0]);
}

/**
 * Parse a Docker config's text and check its shape; `source` names where it
 * came from (a flag, a task field) in errors.
 */
export function parseDockerConfig(text: string, source: string): Record<string, RegistryCredentials> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Without the parser's words: they quote the text, which may be a secret.
    throw new DockerConfigError(`${source}: not JSON (a Docker config is {"auths": {"host:port": {"auth": "<base64 of user:password>"}}})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new DockerConfigError(`${source}: not a JSON object`);
  // The file format has `auths`; the older .dockercfg format is the map itself.
  const auths = (json as { auths?: unknown }).auths ?? json;
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) throw new DockerConfigError(`${source}: "auths" is not an object`);
  const result: Record<string, RegistryCredentials> = {};
  for (const [key, value] of Object.entries(auths as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') throw new DockerConfigError(`${source}: auths["${key}"] is not an object`);
    const entry = value as { auth?: unknown; username?: unknown; password?: unknown };
    let username: string | undefined;
    let password: string | undefined;
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon <= 0) throw new DockerConfigError(`${source}: auths["${key}"].auth is not base64 of "user:password"`);
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    } else if (typeof entry.username === 'string' && typeof entry.password === 'string') {
      username = entry.username;
      password = entry.password;
    } else {
      continue; // credential helpers and identity tokens are not used
    }
    result[authKeyRegistry(key)] = { username, password };
  }
  return result;
}

/** The credentials of `registry` in a parsed config (Docker Hub under any of its names). */
export function credentialsFor(config: Record<string, RegistryCredentials> | undefined, registry: string): RegistryCredentials | undefined {
  if (!config) return undefined;
  const wanted = normaliseRegistry(registry);
  return config[wanted] ?? (wanted === DOCKER_HUB ? config['index.docker.io'] : undefined);
}

/**
 * `X-Registry-Auth` of the Docker Engine API: `{username, password,
 * serveraddress}` in base64 with the URL alphabet and its `=` padding (the
 * daemon decodes with padding; without it the credentials are dropped).
 */
export function registryAuthHeader(credentials: RegistryCredentials, registry: string): string {
  const json = JSON.stringify({ username: credentials.username, password: credentials.password, serveraddress: registry });
  return Buffer.from(json).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}
