/**
 * Real Docker registries for the image tests: Debian's `docker-registry`
 * (distribution 2.x) started on 127.0.0.1 at a free port with a config file
 * written here (storage in a temp dir; optionally htpasswd basic auth, the
 * line made by `htpasswd -B` from `apache2-utils`), stopped by pid and its
 * folder removed. Beside it:
 * - {@link pushImage}: an image pushed through the Registry API v2 itself
 *   (blobs uploaded monolithically, a Docker v2 schema 2 manifest);
 * - {@link buildLayer}: a layer tarball (.tar.gz) of a folder;
 * - {@link startCountingProxy}: an HTTP proxy on 127.0.0.1 in front of a
 *   registry that counts the blob downloads by digest.
 * Missing packages are installed; when that fails the test fails naming them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePackages } from './packages';
import { processAlive } from '../harness/process-alive';

/** What the registry tests need besides the container suite's packages. */
export const REGISTRY_REQUIREMENTS = [
  { binary: 'docker-registry', package: 'docker-registry' },
  { binary: 'htpasswd', package: 'apache2-utils' },
  { binary: 'setfattr', package: 'attr' },
];

/** A running registry. */
export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  address: string;
  dir: string;
  pid: number;
  /** Where the registry keeps a blob's content. */
  blobFile(digest: string): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { headers, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** Start a registry; with `auth`, every request needs that user and password (basic auth). */
export async function startRegistry(options: { auth?: { user: string; password: string } } = {}): Promise<TestRegistry> {
  ensurePackages(REGISTRY_REQUIREMENTS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-'));
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${dir}/data`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (options.auth) {
    const line = execFileSync('htpasswd', ['-Bbn', options.auth.user, options.auth.password], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(dir, 'htpasswd'), line + '\n');
    lines.push('auth:', '  htpasswd:', '    realm: meseta-test', `    path: ${dir}/htpasswd`);
  }
  fs.writeFileSync(path.join(dir, 'config.yml'), lines.join('\n') + '\n');
  const log = fs.openSync(path.join(dir, 'registry.log'), 'a');
  const child: ChildProcess = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pid = child.pid as number;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (processAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await get(`http://${address}/v2/`);
    if (status === 200 || status === 401) break;
    if (Date.now() > deadline || !processAlive(pid)) {
      const text = fs.existsSync(path.join(dir, 'registry.log')) ? fs.readFileSync(path.join(dir, 'registry.log'), 'utf8').slice(-500) : '';
      await stop();
      throw new Error(`docker-registry did not answer on ${address} (apt-get install docker-registry); its log: ${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address,
    dir,
    pid,
    blobFile: (digest) => {
      const hex = digest.replace(/^sha256:/, '');
      return path.join(dir, 'data', 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    },
    stop,
  };
}

/** A layer or config ready to push. */
export interface Blob {
  digest: string;
  bytes: Buffer;
}

/** Bytes and their sha256 digest. */
export function blobOf(bytes: Buffer): Blob {
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, bytes };
}

/** A gzip layer tarball of `dir`'s content (numeric owners, entries relative to the layer root). */
export function buildLayer(dir: string): Blob {
  return blobOf(execFileSync('sh', ['-c', 'tar -C "$1" --numeric-owner -cf - . | gzip -n', 'sh', dir], { maxBuffer: 256 * 1024 * 1024 }));
}

function request(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : { 'content-length': '0' }) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Push an image (layers bottom first, and an image config object) to
 * `registry` as `repository:tag`; resolves to the manifest's digest.
 */
export async function pushImage(
  registry: string,
  repository: string,
  tag: string,
  layers: readonly Blob[],
  config: Record<string, unknown>,
  auth?: { user: string; password: string },
): Promise<string> {
  const headers: Record<string, string> = auth ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` } : {};
  const diffIds = layers.map((l) => `sha256:${createHash('sha256').update(execFileSync('gzip', ['-dc'], { input: l.bytes, maxBuffer: 256 * 1024 * 1024 })).digest('hex')}`);
  const configBlob = blobOf(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config, rootfs: { type: 'layers', diff_ids: diffIds } })));
  for (const blob of [...layers, configBlob]) {
    const start = await request('POST', `http://${registry}/v2/${repository}/blobs/uploads/`, headers);
    if (start.status !== 202) throw new Error(`push ${repository}: upload start answered ${start.status}: ${start.text}`);
    const location = new URL(String(start.headers.location), `http://${registry}`);
    location.searchParams.set('digest', blob.digest);
    const put = await request('PUT', location.toString(), { ...headers, 'content-type': 'application/octet-stream' }, blob.bytes);
    if (put.status !== 201) throw new Error(`push ${repository}: blob ${blob.digest} answered ${put.status}: ${put.text}`);
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: configBlob.bytes.length, digest: configBlob.digest },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: l.bytes.length, digest: l.digest })),
    }),
  );
  const put = await request('PUT', `http://${registry}/v2/${repository}/manifests/${tag}`, { ...headers, 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' }, manifest);
  if (put.status !== 201) throw new Error(`push ${repository}:${tag}: manifest answered ${put.status}: ${put.text}`);
  return blobOf(manifest).digest;
}

/** A proxy counting blob downloads. */
export interface CountingProxy {
  address: string;
  /** GETs of each blob digest that the registry answered 200 or a redirect. */
  blobGets: Map<string, number>;
  manifestGets: number;
  stop(): Promise<void>;
}

/** Start a proxy on 127.0.0.1 in front of `registry` (`127.0.0.1:port`). */
export async function startCountingProxy(registry: string): Promise<CountingProxy> {
  const [host, port] = registry.split(':');
  const blobGets = new Map<string, number>();
  const proxy: CountingProxy = { address: '', blobGets, manifestGets: 0, stop: async () => undefined };
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host, port: Number(port), method: req.method, path: req.url, headers: { ...req.headers, host: registry } }, (answer) => {
      const blob = /\/blobs\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '');
      if (req.method === 'GET' && blob && (answer.statusCode ?? 0) < 400) blobGets.set(blob[1], (blobGets.get(blob[1]) ?? 0) + 1);
      if (req.method === 'GET' && /\/manifests\//.test(req.url ?? '')) proxy.manifestGets++;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (e) => {
      res.writeHead(502);
      res.end(e.message);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
