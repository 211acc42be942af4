/**
 * The Registry API v2 client against a registry stand-in on 127.0.0.1
 * (an in-test HTTP server): Bearer token auth through the challenge's
 * realm, an OCI index resolved to linux/amd64, a blob redirected to
 * another host (no Authorization sent there), digests checked.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseImageReference } from '@meseta/proto/image-reference';
import { RegistryClient, RegistryError } from '../../agent/containerizers/registry-client';
import { MEDIA_TYPES } from '../../agent/containerizers/registry-manifest';

const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const LAYER = Buffer.from('layer bytes');
const CONFIG = Buffer.from(JSON.stringify({ config: { Cmd: ['/bin/true'] } }));
const MANIFEST = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: { digest: sha(CONFIG), size: CONFIG.length }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(LAYER), size: LAYER.length }] }));
const INDEX = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [{ digest: sha('arm'), size: 3, platform: { os: 'linux', architecture: 'arm64' } }, { digest: sha(MANIFEST), size: MANIFEST.length, platform: { os: 'linux', architecture: 'amd64' } }] }));

let registry: http.Server;
let storage: http.Server;
let registryAddress: string;
let storageAddress: string;
const seen: Array<{ url: string; authorization?: string }> = [];
const storageSeen: Array<{ authorization?: string }> = [];
let dir: string;

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-client-'));
  storage = http.createServer((req, res) => {
    storageSeen.push({ authorization: req.headers.authorization });
    res.end(req.url === '/corrupt' ? Buffer.from('other bytes') : LAYER);
  });
  storageAddress = await listen(storage);
  registry = http.createServer((req, res) => {
    const url = req.url ?? '';
    seen.push({ url, authorization: req.headers.authorization });
    if (url.startsWith('/token')) {
      const query = new URL(url, 'http://x').searchParams;
      const basic = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
      if (req.headers.authorization !== basic) return void res.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED","message":"bad user"}]}');
      return void res.end(JSON.stringify({ token: `tok-${query.get('scope')}-${query.get('service')}` }));
    }
    if (req.headers.authorization !== 'Bearer tok-repository:team/app:pull-test-registry') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${registryAddress}/token",service="test-registry",scope="repository:team/app:pull"` });
      return void res.end();
    }
    if (url === '/v2/team/app/manifests/multi') return void res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex }).end(INDEX);
    if (url === '/v2/team/app/manifests/lying') return void res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest, 'docker-content-digest': sha('something else') }).end(MANIFEST);
    if (url === `/v2/team/app/manifests/${sha(MANIFEST)}`) return void res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest }).end(MANIFEST);
    if (url === `/v2/team/app/blobs/${sha(CONFIG)}`) return void res.end(CONFIG);
    if (url === `/v2/team/app/blobs/${sha(LAYER)}`) return void res.writeHead(307, { location: `http://${storageAddress}/layer` }).end();
    if (url === `/v2/team/app/blobs/${sha('corrupt')}`) return void res.writeHead(307, { location: `http://${storageAddress}/corrupt` }).end();
    res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
  });
  registryAddress = await listen(registry);
});

const clients: RegistryClient[] = [];

afterAll(async () => {
  for (const c of clients) c.close();
  registry.closeAllConnections();
  storage.closeAllConnections();
  await new Promise((r) => registry.close(r));
  await new Promise((r) => storage.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

function client(password = 'secret'): RegistryClient {
  const c = new RegistryClient({ credentials: () => ({ username: 'alice', password }) });
  clients.push(c);
  return c;
}

describe('the registry client', () => {
  it('gets a token from the realm, resolves an index to linux/amd64 and checks every digest', async () => {
    const c = client();
    const ref = parseImageReference(`${registryAddress}/team/app:multi`);
    const index = await c.manifest(ref);
    expect(index.manifest.kind).toBe('index');
    if (index.manifest.kind !== 'index') return;
    const amd64 = index.manifest.manifests.find((m) => m.platform?.architecture === 'amd64');
    const image = await c.manifest(ref, amd64?.digest);
    expect(image.digest).toBe(sha(MANIFEST));
    expect(await c.blobText(ref, sha(CONFIG))).toBe(CONFIG.toString());
    const file = path.join(dir, 'layer');
    let bytes = 0;
    await c.blobToFile(ref, sha(LAYER), file, (n) => (bytes += n));
    expect(fs.readFileSync(file)).toEqual(LAYER);
    expect(bytes).toBe(LAYER.length);
    // One token request; the storage the blob was redirected to never saw the token.
    expect(seen.filter((s) => s.url.startsWith('/token')).length).toBe(1);
    expect(storageSeen.every((s) => s.authorization === undefined)).toBe(true);
  });

  it.each<[string, string, string | undefined, string]>([
    ['a missing tag', 'nope', undefined, 'not-found'],
    ['a manifest whose digest header lies', 'lying', undefined, 'digest-mismatch'],
    ['a blob whose content is not its digest', '', sha('corrupt'), 'digest-mismatch'],
  ])('refuses %s', async (_what, tag, blob, kind) => {
    const c = client();
    const ref = parseImageReference(`${registryAddress}/team/app:${tag || 'x'}`);
    const attempt = blob ? c.blobToFile(ref, blob, path.join(dir, 'x')) : c.manifest(ref);
    await expect(attempt).rejects.toMatchObject({ kind });
  });

  it('says unauthorized, naming the user, when the token service refuses the credentials', async () => {
    const attempt = client('wrong').manifest(parseImageReference(`${registryAddress}/team/app:multi`));
    await expect(attempt).rejects.toBeInstanceOf(RegistryError);
    await expect(attempt).rejects.toThrow(`manifest team/app:multi at ${registryAddress}: unauthorized: the token service http://${registryAddress} refused user "alice": UNAUTHORIZED bad user`);
  });

  it('says unreachable when nothing listens', async () => {
    const attempt = client().manifest(parseImageReference('127.0.0.1:1/team/app:x'));
    await expect(attempt).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
