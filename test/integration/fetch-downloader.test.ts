/**
 * The fetcher's downloader against a real HTTP server on 127.0.0.1 started
 * here (and a port nobody listens on): each way a download fails is a
 * FetchError whose message says why, and nothing is left half-written
 * unnoticed; local files are copied only when regular and readable.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { FetchError, NodeDownloader } from '../../agent/fetcher/downloader';
import { freePort } from '../harness/free-port';

let server: http.Server;
let base: string;
let dir: string;
let n = 0;
const hanging = new Set<http.ServerResponse>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-downloader-'));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    switch (url.pathname) {
      case '/ok':
        res.writeHead(200, { 'content-length': 5 }).end('hello');
        return;
      case '/chunked-big':
        res.writeHead(200); // no Content-Length: counted while reading
        res.write(Buffer.alloc(600));
        res.end(Buffer.alloc(600));
        return;
      case '/declared-big':
        res.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000));
        return;
      case '/short':
        res.writeHead(200, { 'content-length': 100 });
        // Cut the connection once the client has had time to read the head and the first bytes.
        res.write('only this', () => setTimeout(() => res.socket?.destroy(), 100));
        return;
      case '/hang':
        hanging.add(res); // never answers
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/to-ftp':
        res.writeHead(301, { location: 'ftp://127.0.0.1/x' }).end();
        return;
      case '/to-ok':
        res.writeHead(307, { location: '/ok' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.socket?.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const downloader = new NodeDownloader({ stallTimeoutMs: 300 });
const dest = (): string => path.join(dir, `out-${++n}`);
const get = (url: string, maxBytes = 1000): Promise<{ bytes: number }> => downloader.download({ kind: 'http', url }, dest(), { maxBytes });

describe('http', () => {
  it('downloads, and follows a redirect', async () => {
    const target = dest();
    await expect(downloader.download({ kind: 'http', url: `${base}/to-ok` }, target, { maxBytes: 100 })).resolves.toEqual({ bytes: 5 });
    expect(fs.readFileSync(target, 'utf8')).toBe('hello');
  });

  it.each([
    ['a 404', '/nothing', 'the server answered HTTP 404 Not Found'],
    ['a body past the limit with no length', '/chunked-big', 'it is larger than the fetcher\'s size limit (1200 bytes or more, limit 1000)'],
    ['a declared length past the limit', '/declared-big', 'it is larger than the fetcher\'s size limit (5000 bytes or more, limit 1000)'],
    ['a server that stops answering', '/hang', 'no data for 300 ms (stalled)'],
    ['a redirect loop', '/loop', 'more than 5 redirects (the last to /loop)'],
    ['a redirect off http', '/to-ftp', 'a redirect to "ftp://127.0.0.1/x", which is not http(s)'],
  ])('refuses %s', async (_name, pathname, message) => {
    const failure = get(`${base}${pathname}`);
    await expect(failure).rejects.toThrow(FetchError);
    await expect(failure).rejects.toThrow(message);
  });

  it('refuses a body shorter than announced', async () => {
    const failure = get(`${base}/short`);
    await expect(failure).rejects.toThrow(FetchError);
    await expect(failure).rejects.toThrow('the server sent 9 of the 100 bytes it announced (the connection was reset (ECONNRESET))');
  });

  it('says a refused connection is refused', async () => {
    const port = await freePort();
    await expect(get(`http://127.0.0.1:${port}/x`)).rejects.toThrow('the connection was refused (ECONNREFUSED)');
  });

  it('says an unknown host could not be resolved', async () => {
    await expect(get('http://meseta-no-such-host.invalid/x')).rejects.toThrow(/the host name could not be resolved \((ENOTFOUND|EAI_AGAIN)\)/);
  });
});

describe('local files', () => {
  it('copies a regular file', async () => {
    const source = path.join(dir, 'source.txt');
    fs.writeFileSync(source, 'local');
    const target = dest();
    await expect(downloader.download({ kind: 'file', path: source }, target, { maxBytes: 100 })).resolves.toEqual({ bytes: 5 });
    expect(fs.readFileSync(target, 'utf8')).toBe('local');
  });

  it.each([
    ['a missing file', (): string => path.join(dir, 'missing'), 'the file cannot be read (ENOENT)'],
    ['a folder', (): string => dir, 'it is not a regular file'],
  ])('refuses %s', async (_name, source, message) => {
    await expect(downloader.download({ kind: 'file', path: source() }, dest(), { maxBytes: 100 })).rejects.toThrow(message);
  });

  it('refuses a file larger than the limit', async () => {
    const source = path.join(dir, 'big.bin');
    fs.writeFileSync(source, Buffer.alloc(200));
    await expect(downloader.download({ kind: 'file', path: source }, dest(), { maxBytes: 100 })).rejects.toThrow("it is larger than the fetcher's size limit (200 bytes or more, limit 100)");
  });

  it('refuses a file the reader may not read, or whose folder it may not pass', async () => {
    const source = path.join(dir, 'private.txt');
    fs.writeFileSync(source, 'x', { mode: 0o600 });
    fs.chmodSync(source, 0o600);
    const reader = { uid: 64_001, gid: 64_001 };
    await expect(downloader.download({ kind: 'file', path: source }, dest(), { maxBytes: 100, reader })).rejects.toThrow("the task's user (uid 64001) may not read it (mode 600)");
    const closed = path.join(dir, 'closed');
    fs.mkdirSync(closed, { mode: 0o700 });
    fs.chmodSync(closed, 0o700);
    fs.writeFileSync(path.join(closed, 'open.txt'), 'x', { mode: 0o644 });
    fs.chmodSync(path.join(closed, 'open.txt'), 0o644);
    fs.chmodSync(dir, 0o755);
    await expect(downloader.download({ kind: 'file', path: path.join(closed, 'open.txt') }, dest(), { maxBytes: 100, reader })).rejects.toThrow(
      `the task's user (uid 64001) may not pass through ${fs.realpathSync(closed)} (mode 700)`,
    );
  });
});
