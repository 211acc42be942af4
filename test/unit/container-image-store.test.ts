/**
 * The content-addressed image store: keyed by the tarball's digest,
 * unpacked once however many launches ask at the same time, shared by
 * local paths, file:// and http:// URIs of the same bytes, and refusing
 * unreadable or hostile tarballs with a message naming the problem.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { silentLogger } from '@meseta/runtime/log';
import { ImageRefusedError, ImageStore } from '../../agent/containerizers/image-store';
import { tarballSource } from '../../agent/containerizers/tarball-source';
import { writeTar } from '../../agent/containerizers/tar-writer';

let dir: string;
let server: http.Server | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-store-'));
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function image(name: string, content = 'hello'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, writeTar([{ path: 'bin/', type: 'directory' }, { path: 'bin/hello', type: 'file', content, mode: 0o755 }]));
  return file;
}

function store(): ImageStore {
  return new ImageStore({ dir: path.join(dir, 'store'), logger: silentLogger });
}

describe('the image store', () => {
  it('unpacks an image once however many launches ask for it at the same time', async () => {
    const images = store();
    const file = image('a.tar');
    const results = await Promise.all(Array.from({ length: 20 }, () => images.image(file)));
    expect(new Set(results.map((r) => r.rootfs)).size).toBe(1);
    expect(images.stats()).toMatchObject({ unpacks: 1, hits: 19 });
    expect(fs.readFileSync(path.join(results[0].rootfs, 'bin/hello'), 'utf8')).toBe('hello');
    expect(results[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await images.list()).toEqual([results[0].digest]);
  });

  it('keys images by content: two paths of the same bytes share one image', async () => {
    const images = store();
    const first = await images.image(image('a.tar'));
    const second = await images.image(pathToFileURL(image('copy.tar')).toString());
    expect(second).toEqual(first);
    expect(images.stats().unpacks).toBe(1);
    const other = await images.image(image('b.tar', 'different'));
    expect(other.digest).not.toBe(first.digest);
  });

  it('keeps under its limit by removing the least recently used images no container leases', async () => {
    // Each image is 1,000 bytes unpacked; the store may hold two.
    const images = new ImageStore({ dir: path.join(dir, 'store'), logger: silentLogger, maxBytes: 2000 });
    const a = await images.image(image('a.tar', 'a'.repeat(1000)));
    const b = await images.image(image('b.tar', 'b'.repeat(1000)));
    images.release(a.digest); // a's container ended; b's still runs
    const c = await images.image(image('c.tar', 'c'.repeat(1000)));
    expect(await images.collect()).toEqual([a.digest]);
    expect(new Set(await images.list())).toEqual(new Set([b.digest, c.digest]));
    expect(fs.existsSync(a.rootfs)).toBe(false);
    // Over the limit with every image leased: nothing goes until a lease ends.
    const d = await images.image(image('d.tar', 'd'.repeat(1000)));
    expect(await images.collect()).toEqual([]);
    images.release(c.digest);
    expect(await images.collect()).toEqual([c.digest]);
    expect(new Set(await images.list())).toEqual(new Set([b.digest, d.digest]));
    expect(images.stats().collected).toBe(2);
    // A removed image is unpacked again when asked for.
    expect(fs.readFileSync(path.join((await images.image(image('a2.tar', 'a'.repeat(1000)))).rootfs, 'bin/hello'), 'utf8')).toBe('a'.repeat(1000));
  });

  it('keeps every image without a limit', async () => {
    const images = store();
    const a = await images.image(image('a.tar', 'a'.repeat(1000)));
    images.release(a.digest);
    expect(await images.collect()).toEqual([]);
    expect(await images.list()).toEqual([a.digest]);
  });

  it('finds images unpacked by an earlier store on the same directory', async () => {
    const file = image('a.tar');
    const first = await store().image(file);
    const again = store();
    expect(await again.image(file)).toEqual(first);
    expect(again.stats()).toMatchObject({ unpacks: 0, hits: 1 });
  });

  it('downloads http:// tarballs and keys them by content too', async () => {
    const file = image('a.tar');
    server = http.createServer((req, res) => {
      if (req.url === '/a.tar') fs.createReadStream(file).pipe(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const images = store();
    const local = await images.image(file);
    expect(await images.image(`http://127.0.0.1:${port}/a.tar`)).toEqual(local);
    await expect(images.image(`http://127.0.0.1:${port}/missing.tar`)).rejects.toThrow(/cannot be downloaded: HTTP 404/);
    expect(fs.readdirSync(path.join(dir, 'store', 'downloads'))).toEqual([]);
  });

  it.each<[string, (file: string) => string, RegExp]>([
    ['a missing file', () => path.join(dir, 'nope.tar'), /"[^"]*nope.tar" cannot be read: ENOENT/],
    ['a relative path', () => 'images/a.tar', /must be absolute/],
    ['an unsupported scheme', () => 'ftp://127.0.0.1/a.tar', /only local paths, file:\/\/ and http\(s\):\/\//],
    ['a corrupt tarball', (file) => (fs.writeFileSync(file, 'garbage'.repeat(100)), file), /is corrupt:/],
    [
      'an escaping tarball',
      (file) => (fs.writeFileSync(file, writeTar([{ path: '../escape', type: 'file', content: 'x' }])), file),
      /refused: entry "..\/escape" climbs out of the image root/,
    ],
  ])('refuses %s with a message naming it, and leaves nothing behind', async (_name, make, message) => {
    const images = store();
    const attempt = images.image(make(path.join(dir, 'bad.tar')));
    await expect(attempt).rejects.toBeInstanceOf(ImageRefusedError);
    await expect(attempt).rejects.toThrow(message);
    expect(await images.list()).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'store', 'tmp'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'escape'))).toBe(false);
  });
});

describe('tarball sources', () => {
  it.each<[string, object]>([
    ['/srv/images/busybox.tar', { kind: 'file', path: '/srv/images/busybox.tar' }],
    ['file:///srv/images/busybox.tar.gz', { kind: 'file', path: '/srv/images/busybox.tar.gz' }],
    ['http://127.0.0.1:8000/busybox.tar.xz', { kind: 'http', url: 'http://127.0.0.1:8000/busybox.tar.xz' }],
    ['  /padded.tar  ', { kind: 'file', path: '/padded.tar' }],
  ])('reads %j', (uri, expected) => {
    expect(tarballSource(uri)).toEqual(expected);
  });
});
