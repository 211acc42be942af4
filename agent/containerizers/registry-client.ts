/**
 * A small client of the Docker Registry HTTP API v2 over Node's http/https:
 * manifests (by tag or digest, every format {@link MANIFEST_ACCEPT} names)
 * and blobs, with token auth (a 401's `WWW-Authenticate: Bearer realm=...`
 * is answered by asking the realm for a token, with the registry's
 * credentials when there are some) and basic auth, redirects followed (a
 * blob's storage elsewhere gets no Authorization), and every manifest and
 * blob checked against its sha256 digest. Registries on a loopback address
 * are spoken to over plain http (as Docker treats 127.0.0.0/8), others over
 * https. Failures are {@link RegistryError}s whose `kind` says why.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { type ImageReference, manifestReference, registryApiHost } from '@meseta/proto/image-reference';
import { type AuthChallenge, parseChallenge, type RegistryCredentials } from './registry-auth';
import { MANIFEST_ACCEPT, type Manifest, parseManifest } from './registry-manifest';

/** Why a registry request failed. */
export type RegistryErrorKind = 'not-found' | 'unauthorized' | 'unreachable' | 'digest-mismatch' | 'invalid';

/** A failed registry request; the message names the registry and what was asked. */
export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** Credentials of a registry (`host[:port]`), if any. */
  credentials?: (registry: string) => RegistryCredentials | undefined;
  /** Registries spoken to over plain http besides loopback ones. */
  plainHttp?: readonly string[];
  /** Give up a request that sends nothing for this long. @default 60000 */
  timeoutMs?: number;
}

/** A manifest as fetched: parsed, with its digest (checked) and body. */
export interface FetchedManifest {
  manifest: Manifest;
  digest: string;
  body: string;
  mediaType: string;
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  stream: http.IncomingMessage;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/** True for a registry the client speaks plain http to. */
export function usesPlainHttp(registry: string, plainHttp: readonly string[] = []): boolean {
  return LOOPBACK.test(registry) || plainHttp.includes(registry);
}

/** Registry API v2 client; one per agent (tokens are cached by registry and scope). */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  /** Connections kept open between the requests of a pull; closed by {@link close}. */
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(private readonly options: RegistryClientOptions = {}) {}

  private base(registry: string): string {
    return `${usesPlainHttp(registry, this.options.plainHttp) ? 'http' : 'https'}://${registryApiHost(registry)}`;
  }

  /**
   * The manifest `ref` names (by digest when pinned, else by tag), its digest verified.
   * `credentials` (a task's own) are used instead of the client's for this registry.
   */
  async manifest(ref: ImageReference, reference: string = manifestReference(ref), credentials?: RegistryCredentials): Promise<FetchedManifest> {
    const url = `${this.base(ref.registry)}/v2/${ref.repository}/manifests/${reference}`;
    const what = `manifest ${ref.repository}:${reference} at ${ref.registry}`;
    const response = await this.get(ref, url, { accept: MANIFEST_ACCEPT }, what, credentials);
    const bytes = await readBytes(response.stream, 4 * 1024 * 1024, what);
    const body = bytes.toString('utf8');
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const expected = reference.startsWith('sha256:') ? reference : headerValue(response.headers['docker-content-digest']);
    if (expected && expected.startsWith('sha256:') && expected !== digest) {
      throw new RegistryError('digest-mismatch', `${what}: its content has digest ${digest}, not ${expected}`);
    }
    const mediaType = headerValue(response.headers['content-type']) ?? '';
    try {
      return { manifest: parseManifest(body, mediaType), digest, body, mediaType };
    } catch (e) {
      throw new RegistryError('invalid', `${what}: ${(e as Error).message}`);
    }
  }

  /** A small blob (an image config) as text, its digest verified. */
  async blobText(ref: ImageReference, digest: string, credentials?: RegistryCredentials, maxBytes = 4 * 1024 * 1024): Promise<string> {
    const what = `blob ${digest} of ${ref.repository} at ${ref.registry}`;
    const response = await this.get(ref, `${this.base(ref.registry)}/v2/${ref.repository}/blobs/${digest}`, {}, what, credentials);
    const bytes = await readBytes(response.stream, maxBytes, what);
    const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (actual !== digest) throw new RegistryError('digest-mismatch', `${what}: the registry sent content with digest ${actual}; refused`);
    return bytes.toString('utf8');
  }

  /**
   * Download a blob into `file`, hashing it on the way; a content whose
   * sha256 is not `digest` is a `digest-mismatch` (the file is left for the
   * caller to remove). `onBytes` is told of each chunk's size.
   */
  async blobToFile(ref: ImageReference, digest: string, file: string, onBytes?: (n: number) => void, credentials?: RegistryCredentials): Promise<void> {
    const what = `blob ${digest} of ${ref.repository} at ${ref.registry}`;
    const response = await this.get(ref, `${this.base(ref.registry)}/v2/${ref.repository}/blobs/${digest}`, {}, what, credentials);
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    try {
      await pipeline(response.stream, tap, fs.createWriteStream(file, { mode: 0o600 }));
    } catch (e) {
      throw new RegistryError('unreachable', `${what}: the download broke off: ${(e as Error).message}`);
    }
    const actual = `sha256:${hash.digest('hex')}`;
    if (actual !== digest) throw new RegistryError('digest-mismatch', `${what}: the registry sent content with digest ${actual}; refused`);
  }

  /** GET with auth (one retry after a 401 challenge) and redirects; a status other than 200 is a RegistryError. */
  private async get(ref: ImageReference, url: string, headers: Record<string, string>, what: string, own?: RegistryCredentials): Promise<Response> {
    const scope = `repository:${ref.repository}:pull`;
    const credentials = own ?? this.options.credentials?.(ref.registry);
    // Tokens are kept per identity: one got with some credentials never serves a pull without them.
    const identity = credentials ? createHash('sha256').update(`${credentials.username}\0${credentials.password}`).digest('hex') : 'anonymous';
    const key = `${ref.registry} ${scope} ${identity}`;
    let authorization = this.tokens.get(key);
    let response = await this.follow(url, { ...headers, ...(authorization ? { authorization } : {}) }, what);
    if (response.status === 401) {
      response.stream.resume();
      const challenge = parseChallenge(headerValue(response.headers['www-authenticate']));
      if (!challenge) throw new RegistryError('unauthorized', `${what}: the registry answered 401 without a Bearer or Basic challenge`);
      authorization = await this.authorize(challenge, credentials, scope, ref.registry, what);
      this.tokens.set(key, authorization);
      response = await this.follow(url, { ...headers, authorization }, what);
    }
    if (response.status === 200) return response;
    const text = await readText(response.stream, 64 * 1024, what).catch(() => '');
    const detail = registryErrorText(text) || `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) {
      this.tokens.delete(key);
      throw new RegistryError('unauthorized', `${what}: unauthorized (${credentials ? `the credentials of user "${credentials.username}" were refused` : 'no credentials for this registry'}): ${detail}`);
    }
    if (response.status === 404) throw new RegistryError('not-found', `${what}: not found: ${detail}`);
    throw new RegistryError(response.status >= 500 ? 'unreachable' : 'invalid', `${what}: the registry answered ${response.status}: ${detail}`);
  }

  /** The Authorization header answering a challenge (asking the token realm when it is Bearer). */
  private async authorize(challenge: AuthChallenge, credentials: RegistryCredentials | undefined, scope: string, registry: string, what: string): Promise<string> {
    const basic = credentials ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : undefined;
    if (challenge.scheme === 'basic') {
      if (!basic) throw new RegistryError('unauthorized', `${what}: unauthorized: the registry asks for a user name and password and the agent has none for ${registry} (--docker-config, or the task's container.mesos.image.docker.config)`);
      return basic;
    }
    const realm = new URL(challenge.realm);
    if (challenge.service) realm.searchParams.set('service', challenge.service);
    realm.searchParams.set('scope', challenge.scope ?? scope);
    const response = await this.follow(realm.toString(), basic ? { authorization: basic } : {}, `token for ${what}`);
    const text = await readText(response.stream, 1024 * 1024, what).catch(() => '');
    if (response.status === 401 || response.status === 403) {
      throw new RegistryError('unauthorized', `${what}: unauthorized: the token service ${realm.origin} refused ${credentials ? `user "${credentials.username}"` : 'an anonymous request'}: ${registryErrorText(text) || `HTTP ${response.status}`}`);
    }
    if (response.status !== 200) throw new RegistryError('unreachable', `${what}: the token service ${realm.origin} answered ${response.status}`);
    let token: string | undefined;
    try {
      const json = JSON.parse(text) as { token?: string; access_token?: string };
      token = json.token ?? json.access_token;
    } catch {
      // below
    }
    if (!token) throw new RegistryError('invalid', `${what}: the token service ${realm.origin} sent no token`);
    return `Bearer ${token}`;
  }

  /** Close the connections kept open. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** One request, following up to 5 redirects (Authorization only to the first host). */
  private async follow(url: string, headers: Record<string, string>, what: string): Promise<Response> {
    let current = new URL(url);
    const origin = current.host;
    for (let hop = 0; hop <= 5; hop++) {
      const sent = current.host === origin ? headers : withoutAuthorization(headers);
      const response = await this.request(current, sent, what);
      const location = headerValue(response.headers.location);
      if ([301, 302, 303, 307, 308].includes(response.status) && location) {
        response.stream.resume();
        current = new URL(location, current);
        continue;
      }
      return response;
    }
    throw new RegistryError('unreachable', `${what}: more than 5 redirects`);
  }

  private request(url: URL, headers: Record<string, string>, what: string): Promise<Response> {
    const module = url.protocol === 'https:' ? https : http;
    const timeout = this.options.timeoutMs ?? 60_000;
    return new Promise((resolve, reject) => {
      const agent = url.protocol === 'https:' ? this.agents.https : this.agents.http;
      const request = module.get(url, { headers: { 'user-agent': 'meseta-agent', ...headers }, timeout, agent }, (stream) => {
        resolve({ status: stream.statusCode ?? 0, headers: stream.headers, stream });
      });
      request.on('timeout', () => request.destroy(new Error(`no answer in ${timeout} ms`)));
      request.on('error', (e) => reject(new RegistryError('unreachable', `${what}: the registry ${url.host} is unreachable: ${(e as Error).message}`)));
    });
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const { authorization: _dropped, ...rest } = headers;
  return rest;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The messages of a registry's `{"errors": [{code, message}]}` body, or the text itself. */
export function registryErrorText(text: string): string {
  try {
    const json = JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> };
    if (Array.isArray(json.errors)) return json.errors.map((e) => [e.code, e.message].filter(Boolean).join(' ')).join('; ');
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 200);
}

async function readText(stream: NodeJS.ReadableStream, maxBytes: number, what: string): Promise<string> {
  return (await readBytes(stream, maxBytes, what)).toString('utf8');
}

async function readBytes(stream: NodeJS.ReadableStream, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw new RegistryError('invalid', `${what}: larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
