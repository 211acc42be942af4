/**
 * The fetcher over an in-memory downloader and a temp sandbox: files,
 * executables, output files in folders, archives unpacked (tar.gz, tar.bz2,
 * tar.xz, zip, gz) and hostile ones refused with nothing left behind; the
 * cache shares one download between concurrent fetches, evicts the least
 * recently used at its limit (never an entry in use) and keeps its entries
 * across a reopen; failures name the URI.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { silentLogger } from '@meseta/runtime/log';
import { FetchError, MemoryDownloader } from '../../agent/fetcher/downloader';
import { FetchCache } from '../../agent/fetcher/fetch-cache';
import { Fetcher } from '../../agent/fetcher/fetcher';
import { writeTar, type TarWriteEntry } from '../../agent/containerizers/tar-writer';
import type { v1 } from '@meseta/proto/wire';

let dir: string;
let sandbox: { dir: string; stderrPath: string };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-fetcher-'));
  const sandboxDir = path.join(dir, 'sandbox');
  fs.mkdirSync(sandboxDir);
  sandbox = { dir: sandboxDir, stderrPath: path.join(sandboxDir, 'stderr') };
  fs.writeFileSync(sandbox.stderrPath, '');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const HOST = 'http://127.0.0.1:9';
const tar = (entries: TarWriteEntry[]): Buffer => writeTar(entries);

function fetcher(table: Record<string, Buffer | Error>, cache?: { maxBytes: number }): { fetcher: Fetcher; downloader: MemoryDownloader; cache?: FetchCache } {
  const downloader = new MemoryDownloader(new Map(Object.entries(table)));
  const fetchCache = cache
    ? new FetchCache({ dir: path.join(dir, 'cache'), maxBytes: cache.maxBytes, maxDownloadBytes: 1 << 30, downloader, logger: silentLogger })
    : undefined;
  return { fetcher: new Fetcher({ downloader, cache: fetchCache, logger: silentLogger }), downloader, cache: fetchCache };
}

async function fetchInto(f: Fetcher, uris: v1.CommandInfo.IURI[], into = sandbox): Promise<void> {
  const plan = f.plan({ uris });
  if ('problem' in plan) throw new Error(plan.problem);
  await f.fetchUris(plan.steps, into, undefined);
}

function listSandbox(root = sandbox.dir): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      out.push(e.isDirectory() ? `${r}/` : e.isSymbolicLink() ? `${r} -> ${fs.readlinkSync(path.join(d, e.name))}` : r);
      if (e.isDirectory()) walk(path.join(d, e.name), r);
    }
  };
  walk(root, '');
  return out.sort();
}

describe('files', () => {
  it('fetches a file under its URI name, mode 0644, and logs to the sandbox stderr', async () => {
    const { fetcher: f } = fetcher({ [`${HOST}/a/notes.txt`]: Buffer.from('hello') });
    await fetchInto(f, [{ value: `${HOST}/a/notes.txt` }]);
    expect(fs.readFileSync(path.join(sandbox.dir, 'notes.txt'), 'utf8')).toBe('hello');
    expect(fs.statSync(path.join(sandbox.dir, 'notes.txt')).mode & 0o777).toBe(0o644);
    const log = fs.readFileSync(sandbox.stderrPath, 'utf8');
    expect(log).toContain(`meseta-fetcher: fetching ${HOST}/a/notes.txt into notes.txt`);
    expect(log).toContain(`meseta-fetcher: fetched ${HOST}/a/notes.txt (5 bytes)`);
  });

  it('makes an executable 0755 and never unpacks it', async () => {
    const { fetcher: f } = fetcher({ [`${HOST}/run.tar`]: Buffer.from('#!/bin/sh\necho hi\n') });
    await fetchInto(f, [{ value: `${HOST}/run.tar`, executable: true }]);
    expect(fs.statSync(path.join(sandbox.dir, 'run.tar')).mode & 0o777).toBe(0o755);
  });

  it('writes output_file, making its folders', async () => {
    const { fetcher: f } = fetcher({ [`${HOST}/x`]: Buffer.from('x') });
    await fetchInto(f, [{ value: `${HOST}/x`, output_file: 'bin/tools/x' }]);
    expect(listSandbox()).toEqual(['bin/', 'bin/tools/', 'bin/tools/x', 'stderr']);
  });

  it('never writes an output_file through a symlink an archive made', async () => {
    const archive = tar([{ path: 'inner', type: 'directory' }, { path: 'link', type: 'symlink', linkTarget: 'inner' }]);
    const { fetcher: f } = fetcher({ [`${HOST}/a.tar`]: archive, [`${HOST}/x`]: Buffer.from('x') });
    await expect(fetchInto(f, [{ value: `${HOST}/a.tar` }, { value: `${HOST}/x`, output_file: 'link/x' }])).rejects.toThrow(
      `fetching command.uris[1] "${HOST}/x" failed: output file "link/x": "link" is not a folder in the sandbox (a symlink)`,
    );
  });

  it('fails naming the URI and the reason, and says so in the sandbox stderr', async () => {
    const { fetcher: f } = fetcher({});
    const failure = fetchInto(f, [{ value: `${HOST}/missing.tgz` }]);
    await expect(failure).rejects.toThrow(FetchError);
    await expect(failure).rejects.toThrow(`fetching command.uris[0] "${HOST}/missing.tgz" failed: the server answered HTTP 404 Not Found`);
    expect(fs.readFileSync(sandbox.stderrPath, 'utf8')).toContain('failed: the server answered HTTP 404 Not Found');
    expect(listSandbox()).toEqual(['stderr']);
  });
});

describe('archives', () => {
  const files: TarWriteEntry[] = [
    { path: 'app/', type: 'directory' },
    { path: 'app/run.sh', type: 'file', content: '#!/bin/sh\n', mode: 0o4755 },
    { path: 'app/lib', type: 'symlink', linkTarget: 'run.sh' },
  ];

  it.each([
    ['app.tar', (b: Buffer) => b],
    ['app.tar.gz', (b: Buffer) => zlib.gzipSync(b)],
    ['app.tgz', (b: Buffer) => zlib.gzipSync(b)],
    ['app.tar.bz2', (b: Buffer) => execFileSync('bzip2', ['-c'], { input: b })],
    ['app.tar.xz', (b: Buffer) => execFileSync('xz', ['-0', '-c'], { input: b })],
  ])('unpacks %s into the sandbox, keeping the archive and dropping setuid', async (name, compress) => {
    const { fetcher: f } = fetcher({ [`${HOST}/${name}`]: compress(tar(files)) });
    await fetchInto(f, [{ value: `${HOST}/${name}` }]);
    expect(listSandbox()).toEqual(['app/', 'app/lib -> run.sh', 'app/run.sh', name, 'stderr'].sort());
    expect(fs.statSync(path.join(sandbox.dir, 'app/run.sh')).mode & 0o7777).toBe(0o755);
  });

  it('keeps the archive packed with extract: false', async () => {
    const { fetcher: f } = fetcher({ [`${HOST}/app.tar`]: tar(files) });
    await fetchInto(f, [{ value: `${HOST}/app.tar`, extract: false }]);
    expect(listSandbox()).toEqual(['app.tar', 'stderr']);
  });

  it('unpacks a zip', async () => {
    const src = path.join(dir, 'zipsrc');
    fs.mkdirSync(path.join(src, 'conf'), { recursive: true });
    fs.writeFileSync(path.join(src, 'conf', 'a.yml'), 'a: 1\n');
    execFileSync('zip', ['-qr', path.join(dir, 'c.zip'), 'conf'], { cwd: src });
    const { fetcher: f } = fetcher({ [`${HOST}/c.zip`]: fs.readFileSync(path.join(dir, 'c.zip')) });
    await fetchInto(f, [{ value: `${HOST}/c.zip` }]);
    expect(listSandbox()).toEqual(['c.zip', 'conf/', 'conf/a.yml', 'stderr']);
  });

  it('gunzips a plain .gz beside it', async () => {
    const { fetcher: f } = fetcher({ [`${HOST}/data.csv.gz`]: zlib.gzipSync('a,b\n') });
    await fetchInto(f, [{ value: `${HOST}/data.csv.gz` }]);
    expect(fs.readFileSync(path.join(sandbox.dir, 'data.csv'), 'utf8')).toBe('a,b\n');
  });

  it('merges into folders already there and replaces files', async () => {
    const first = tar([{ path: 'app/', type: 'directory' }, { path: 'app/a', type: 'file', content: 'old' }, { path: 'app/keep', type: 'file', content: 'k' }]);
    const second = tar([{ path: 'app/', type: 'directory' }, { path: 'app/a', type: 'file', content: 'new' }]);
    const { fetcher: f } = fetcher({ [`${HOST}/1.tar`]: first, [`${HOST}/2.tar`]: second });
    await fetchInto(f, [{ value: `${HOST}/1.tar` }, { value: `${HOST}/2.tar` }]);
    expect(fs.readFileSync(path.join(sandbox.dir, 'app/a'), 'utf8')).toBe('new');
    expect(fs.readFileSync(path.join(sandbox.dir, 'app/keep'), 'utf8')).toBe('k');
  });

  it.each<[string, TarWriteEntry[], string]>([
    ['a ../ member', [{ path: '../escape', type: 'file', content: 'x' }], 'entry "../escape" climbs out of the sandbox with ".."'],
    ['an absolute member', [{ path: '/etc/evil', type: 'file', content: 'x' }], 'entry "/etc/evil" has an absolute path'],
    ['a symlink out', [{ path: 'out', type: 'symlink', linkTarget: '../../..' }], 'symlink "out" points to "../../..", which climbs out of the sandbox'],
    ['an absolute symlink', [{ path: 'etc', type: 'symlink', linkTarget: '/etc' }], 'symlink "etc" points to the absolute path "/etc" (outside the sandbox)'],
    ['a write through a symlink', [{ path: 'd', type: 'directory' }, { path: 'l', type: 'symlink', linkTarget: 'd' }, { path: 'l/x', type: 'file', content: 'x' }], 'would be written through the symlink "l"'],
    ['a hard link out', [{ path: 'h', type: 'hardlink', linkTarget: '/etc/passwd' }], 'hard link "h" points to the absolute path "/etc/passwd"'],
  ])('refuses %s and leaves only the archive', async (_name, entries, problem) => {
    const { fetcher: f } = fetcher({ [`${HOST}/bad.tar`]: tar(entries) });
    await expect(fetchInto(f, [{ value: `${HOST}/bad.tar` }])).rejects.toThrow(`fetching command.uris[0] "${HOST}/bad.tar" failed: the archive was refused: `);
    await expect(fetchInto(fetcher({ [`${HOST}/bad.tar`]: tar(entries) }).fetcher, [{ value: `${HOST}/bad.tar` }], { ...sandbox, stderrPath: path.join(dir, 'log') })).rejects.toThrow(problem);
    expect(listSandbox().filter((e) => e !== 'bad.tar' && e !== 'stderr')).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'escape'))).toBe(false);
  });

  it('refuses a zip with a ../ member before unzipping', async () => {
    const zipped = path.join(dir, 'evil.zip');
    fs.mkdirSync(path.join(dir, 'z', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'z', 'x'), 'x');
    // zip stores the name as given, ../ included
    execFileSync('zip', ['-q', zipped, '../x'], { cwd: path.join(dir, 'z', 'a') });
    const { fetcher: f } = fetcher({ [`${HOST}/evil.zip`]: fs.readFileSync(zipped) });
    await expect(fetchInto(f, [{ value: `${HOST}/evil.zip` }])).rejects.toThrow('the archive was refused: entry "../x" climbs out of the sandbox with ".."');
    expect(listSandbox()).toEqual(['evil.zip', 'stderr']);
  });

  it.each([
    ['a tarball', 'big.tar.gz', () => zlib.gzipSync(tar([{ path: 'big', type: 'file', content: Buffer.alloc(50_000) }]))],
    ['a .gz', 'big.gz', () => zlib.gzipSync(Buffer.alloc(50_000))],
    ['a zip', 'big.zip', () => {
      fs.writeFileSync(path.join(dir, 'big'), Buffer.alloc(50_000));
      execFileSync('zip', ['-q', path.join(dir, 'big.zip'), 'big'], { cwd: dir });
      return fs.readFileSync(path.join(dir, 'big.zip'));
    }],
  ])('refuses %s that unpacks past the size limit, leaving only the archive', async (_kind, name, make) => {
    const downloader = new MemoryDownloader(new Map([[`${HOST}/${name}`, make()]]));
    const f = new Fetcher({ downloader, logger: silentLogger, maxBytes: 10_000 });
    await expect(fetchInto(f, [{ value: `${HOST}/${name}` }])).rejects.toThrow("the archive unpacks to more than the fetcher's size limit (");
    expect(listSandbox()).toEqual([name, 'stderr'].sort());
  });

  it.each<[string, { name: string; content: string; symlink?: boolean }[], string]>([
    ['a symlink to an absolute path', [{ name: 'etc', content: '/etc', symlink: true }], 'the archive was refused: symlink "etc" points to the absolute path "/etc" (outside the sandbox)'],
    ['a symlink climbing out', [{ name: 'up', content: '../..', symlink: true }], 'the archive was refused: symlink "up" points to "../..", which climbs out of the sandbox'],
    ['a write through its own symlink', [{ name: 'l', content: 'elsewhere', symlink: true }, { name: 'l/x', content: 'x' }], 'the archive cannot be unpacked: unzip failed: '],
  ])('refuses a zip with %s, leaving only the archive', async (_name, entries, message) => {
    const { fetcher: f } = fetcher({ [`${HOST}/links.zip`]: zipWith(entries) });
    await expect(fetchInto(f, [{ value: `${HOST}/links.zip` }])).rejects.toThrow(message);
    expect(listSandbox()).toEqual(['links.zip', 'stderr']);
  });

  it('refuses a corrupt archive', async () => {
    const { fetcher: f } = fetcher({ [`${HOST}/c.tar.gz`]: Buffer.concat([zlib.gzipSync(tar(files)).subarray(0, 40)]) });
    await expect(fetchInto(f, [{ value: `${HOST}/c.tar.gz` }])).rejects.toThrow(`fetching command.uris[0] "${HOST}/c.tar.gz" failed: the archive cannot be read`);
  });
});

describe('the cache', () => {
  it('shares one download between five concurrent fetches', async () => {
    const uri = `${HOST}/shared.bin`;
    const { fetcher: f, downloader, cache } = fetcher({ [uri]: Buffer.alloc(1000, 7) }, { maxBytes: 10_000 });
    await cache!.open();
    let open!: () => void;
    downloader.gate = new Promise((resolve) => (open = resolve));
    const sandboxes = [1, 2, 3, 4, 5].map((i) => {
      const d = path.join(dir, `s${i}`);
      fs.mkdirSync(d);
      return { dir: d, stderrPath: path.join(d, 'stderr') };
    });
    const fetches = sandboxes.map((s) => fetchInto(f, [{ value: uri, cache: true }], s));
    open();
    await Promise.all(fetches);
    expect(downloader.count(uri)).toBe(1);
    for (const s of sandboxes) expect(fs.readFileSync(path.join(s.dir, 'shared.bin')).length).toBe(1000);
    await fetchInto(f, [{ value: uri, cache: true }]);
    expect(downloader.count(uri)).toBe(1);
    expect(fs.readFileSync(sandbox.stderrPath, 'utf8')).toContain(`fetched ${uri} (from the cache)`);
  });

  it('evicts the least recently used entry at its limit, and keeps what fits', async () => {
    const table = { [`${HOST}/a`]: Buffer.alloc(400), [`${HOST}/b`]: Buffer.alloc(400), [`${HOST}/c`]: Buffer.alloc(400) };
    const { fetcher: f, cache } = fetcher(table, { maxBytes: 1000 });
    await cache!.open();
    await fetchInto(f, [{ value: `${HOST}/a`, cache: true }], { ...sandbox, dir: fs.mkdtempSync(path.join(dir, 's')) });
    await fetchInto(f, [{ value: `${HOST}/b`, cache: true }], { ...sandbox, dir: fs.mkdtempSync(path.join(dir, 's')) });
    await fetchInto(f, [{ value: `${HOST}/a`, cache: true }], { ...sandbox, dir: fs.mkdtempSync(path.join(dir, 's')) }); // a is now newer than b
    await fetchInto(f, [{ value: `${HOST}/c`, cache: true }], { ...sandbox, dir: fs.mkdtempSync(path.join(dir, 's')) });
    expect(cache!.list().map((e) => e.uri).sort()).toEqual([`${HOST}/a`, `${HOST}/c`]);
    expect(cache!.size()).toBe(800);
  });

  it('hands an entry too big for the cache to its fetch and keeps nothing', async () => {
    const { fetcher: f, cache } = fetcher({ [`${HOST}/big`]: Buffer.alloc(2000) }, { maxBytes: 1000 });
    await cache!.open();
    await fetchInto(f, [{ value: `${HOST}/big`, cache: true }]);
    expect(fs.statSync(path.join(sandbox.dir, 'big')).size).toBe(2000);
    expect(cache!.list()).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fs.readdirSync(path.join(dir, 'cache')).filter((n) => n !== 'index.json')).toEqual([]);
  });

  it('keeps its entries across a reopen (agent restart) and removes partial downloads', async () => {
    const uri = `${HOST}/kept`;
    const first = fetcher({ [uri]: Buffer.from('kept') }, { maxBytes: 1000 });
    await first.cache!.open();
    await fetchInto(first.fetcher, [{ value: uri, cache: true }]);
    await first.cache!.flush();
    fs.writeFileSync(path.join(dir, 'cache', '.part-0123abcd'), 'half');
    const second = fetcher({ [uri]: Buffer.from('kept') }, { maxBytes: 1000 });
    await second.cache!.open();
    expect(fs.existsSync(path.join(dir, 'cache', '.part-0123abcd'))).toBe(false);
    const into = fs.mkdtempSync(path.join(dir, 's'));
    await fetchInto(second.fetcher, [{ value: uri, cache: true }], { dir: into, stderrPath: path.join(into, 'stderr') });
    expect(second.downloader.count(uri)).toBe(0);
    expect(fs.readFileSync(path.join(into, 'kept'), 'utf8')).toBe('kept');
  });

  it('gives every waiting fetch the failure of a shared download, and caches nothing', async () => {
    const uri = `${HOST}/gone`;
    const { fetcher: f, downloader, cache } = fetcher({ [uri]: new FetchError('the server answered HTTP 503 Service Unavailable') }, { maxBytes: 1000 });
    await cache!.open();
    let open!: () => void;
    downloader.gate = new Promise((resolve) => (open = resolve));
    const a = fetchInto(f, [{ value: uri, cache: true }], { ...sandbox, dir: fs.mkdtempSync(path.join(dir, 's')) });
    const b = fetchInto(f, [{ value: uri, cache: true }], { ...sandbox, dir: fs.mkdtempSync(path.join(dir, 's')) });
    open();
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status === 'rejected' && String(ra.reason)).toContain('HTTP 503');
    expect(rb.status === 'rejected' && String(rb.reason)).toContain('HTTP 503');
    expect(downloader.count(uri)).toBe(1);
    expect(cache!.list()).toEqual([]);
  });
});

describe('progress', () => {
  it('tells how a long fetch goes every 10 s, to the sandbox stderr and the progress callback', async () => {
    const { ManualClock } = await import('@meseta/runtime/clock');
    const clock = new ManualClock(0);
    const uri = `${HOST}/slow.bin`;
    const downloader = new MemoryDownloader(new Map([[uri, Buffer.alloc(3000)]]));
    let open!: () => void;
    downloader.gate = new Promise((resolve) => (open = resolve));
    const f = new Fetcher({ downloader, logger: silentLogger, clock });
    const plan = f.plan({ uris: [{ value: uri }] });
    if ('problem' in plan) throw new Error(plan.problem);
    const told: string[] = [];
    const fetching = f.fetchUris(plan.steps, sandbox, undefined, {}, (message) => told.push(message));
    await waitUntil(() => downloader.count(uri) === 1);
    clock.advance(9_999);
    expect(told).toEqual([]);
    clock.advance(1);
    clock.advance(10_000);
    expect(told).toEqual([`fetching ${uri} (command.uris[0]): 0 bytes after 10 s`, `fetching ${uri} (command.uris[0]): 0 bytes after 20 s`]);
    open();
    await fetching;
    clock.advance(60_000);
    expect(told).toHaveLength(2);
    expect(fs.readFileSync(sandbox.stderrPath, 'utf8')).toContain(`meseta-fetcher: fetching ${uri} (command.uris[0]): 0 bytes after 20 s`);
  });
});

/** Let pending I/O callbacks run until `condition` holds. */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('createFetcher', () => {
  it('names --fetcher-cache-dir when the cache folder cannot be made', async () => {
    const { createFetcher } = await import('../../agent/fetcher/create-fetcher');
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    await expect(createFetcher({ cacheDir: path.join(blocker, 'cache') }, dir, silentLogger)).rejects.toThrow(
      `--fetcher-cache-dir: the fetcher cache cannot be used at ${path.join(blocker, 'cache')}: ENOTDIR`,
    );
  });

  it('has no cache with a size of 0', async () => {
    const { createFetcher } = await import('../../agent/fetcher/create-fetcher');
    const f = await createFetcher({ cacheBytes: 0 }, dir, silentLogger);
    const plan = f.plan({ uris: [{ value: 'http://127.0.0.1:9/a', cache: true }] });
    expect('steps' in plan && plan.steps[0].cache).toBe(false);
    expect(fs.existsSync(path.join(dir, 'fetcher-cache'))).toBe(false);
  });
});

/** A zip (stored, no compression) whose entries may be symlinks (Unix mode in the external attributes). */
function zipWith(entries: { name: string; content: string; symlink?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.content);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix
    central.writeUInt16LE(10, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('cancelling', () => {
  it('stops a direct fetch when its signal aborts, saying so', async () => {
    const uri = `${HOST}/held.bin`;
    const downloader = new MemoryDownloader(new Map([[uri, Buffer.alloc(10)]]));
    downloader.gate = new Promise(() => undefined); // never answers
    const f = new Fetcher({ downloader, logger: silentLogger });
    const plan = f.plan({ uris: [{ value: uri }, { value: `${HOST}/next` }] });
    if ('problem' in plan) throw new Error(plan.problem);
    const cancel = new AbortController();
    const fetching = f.fetchUris(plan.steps, sandbox, undefined, {}, undefined, cancel.signal);
    await waitUntil(() => downloader.count(uri) === 1);
    cancel.abort();
    await expect(fetching).rejects.toThrow(`fetching command.uris[0] "${uri}" failed: the fetch was cancelled (the task was killed or the agent is stopping)`);
    expect(downloader.count(`${HOST}/next`)).toBe(0);
    expect(listSandbox()).toEqual(['stderr']);
  });

  it('lets a cached download go on for the cache and for the other fetches waiting for it', async () => {
    const uri = `${HOST}/shared`;
    const { fetcher: f, downloader, cache } = fetcher({ [uri]: Buffer.from('shared') }, { maxBytes: 1000 });
    await cache!.open();
    let open!: () => void;
    downloader.gate = new Promise((resolve) => (open = resolve));
    const plan = f.plan({ uris: [{ value: uri, cache: true }] });
    if ('problem' in plan) throw new Error(plan.problem);
    const cancel = new AbortController();
    const other = { dir: fs.mkdtempSync(path.join(dir, 's')), stderrPath: path.join(dir, 'other-stderr') };
    const first = f.fetchUris(plan.steps, sandbox, undefined, {}, undefined, cancel.signal);
    const second = f.fetchUris(plan.steps, other, undefined);
    await waitUntil(() => downloader.count(uri) === 1);
    cancel.abort();
    await expect(first).rejects.toThrow('the fetch was cancelled');
    open();
    await second;
    expect(fs.readFileSync(path.join(other.dir, 'shared'), 'utf8')).toBe('shared');
    expect(cache!.list().map((e) => e.uri)).toEqual([uri]);
    expect(downloader.count(uri)).toBe(1);
  });

  it('removes a download too big for the cache once the only fetch that wanted it gave up', async () => {
    const uri = `${HOST}/big`;
    const { fetcher: f, downloader, cache } = fetcher({ [uri]: Buffer.alloc(2000) }, { maxBytes: 1000 });
    await cache!.open();
    let open!: () => void;
    downloader.gate = new Promise((resolve) => (open = resolve));
    const plan = f.plan({ uris: [{ value: uri, cache: true }] });
    if ('problem' in plan) throw new Error(plan.problem);
    const cancel = new AbortController();
    const first = f.fetchUris(plan.steps, sandbox, undefined, {}, undefined, cancel.signal);
    await waitUntil(() => downloader.count(uri) === 1);
    cancel.abort();
    await expect(first).rejects.toThrow('the fetch was cancelled');
    open();
    await waitUntil(() => fs.readdirSync(path.join(dir, 'cache')).every((n) => n === 'index.json'));
    expect(cache!.list()).toEqual([]);
  });
});
