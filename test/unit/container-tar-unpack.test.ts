/**
 * Unpacking root filesystem tarballs into a directory: plain, gzip and xz
 * (told apart by their first bytes), modes, links; hostile and corrupt
 * archives refused without writing outside the destination.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { compressionOf, TarballRefusedError, unpackTarball } from '../../agent/containerizers/tar-unpack';
import { TarFormatError } from '../../agent/containerizers/tar-reader';
import { writeTar, type TarWriteEntry } from '../../agent/containerizers/tar-writer';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-unpack-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function tarball(entries: TarWriteEntry[], compress: 'none' | 'gzip' | 'xz' = 'none'): string {
  const file = path.join(dir, `image.tar${compress === 'gzip' ? '.gz' : compress === 'xz' ? '.xz' : ''}`);
  const raw = writeTar(entries);
  if (compress === 'gzip') fs.writeFileSync(file, zlib.gzipSync(raw));
  else if (compress === 'xz') fs.writeFileSync(file, execFileSync('xz', ['-0', '-c'], { input: raw, maxBuffer: 1 << 30 }));
  else fs.writeFileSync(file, raw);
  return file;
}

const ROOTFS: TarWriteEntry[] = [
  { path: './', type: 'directory', mode: 0o755 },
  { path: './bin/', type: 'directory', mode: 0o555 },
  { path: './bin/busybox', type: 'file', content: '#!/bin/true\n', mode: 0o755 },
  { path: './bin/sh', type: 'symlink', linkTarget: 'busybox' },
  { path: './bin/ash', type: 'hardlink', linkTarget: './bin/busybox' },
  { path: './etc/passwd', type: 'file', content: 'root:x:0:0::/root:/bin/sh\n', mode: 0o644 },
  { path: './tmp/', type: 'directory', mode: 0o1777 },
  { path: './etc/localtime', type: 'symlink', linkTarget: '/usr/share/zoneinfo/UTC' },
];

describe('unpacking a root filesystem', () => {
  it.each(['none', 'gzip', 'xz'] as const)('unpacks a %s tarball with modes, symlinks and hard links', async (compression) => {
    const dest = path.join(dir, 'rootfs');
    const summary = await unpackTarball(tarball(ROOTFS, compression), dest);
    expect(summary).toMatchObject({ entries: ROOTFS.length, compression });
    expect(fs.readFileSync(path.join(dest, 'bin/busybox'), 'utf8')).toBe('#!/bin/true\n');
    expect(fs.statSync(path.join(dest, 'bin/busybox')).mode & 0o7777).toBe(0o755);
    expect(fs.statSync(path.join(dest, 'bin')).mode & 0o7777).toBe(0o555);
    expect(fs.statSync(path.join(dest, 'tmp')).mode & 0o7777).toBe(0o1777);
    expect(fs.readlinkSync(path.join(dest, 'bin/sh'))).toBe('busybox');
    expect(fs.readlinkSync(path.join(dest, 'etc/localtime'))).toBe('/usr/share/zoneinfo/UTC');
    expect(fs.statSync(path.join(dest, 'bin/ash')).ino).toBe(fs.statSync(path.join(dest, 'bin/busybox')).ino);
  });

  it.each<[string, TarWriteEntry[], RegExp]>([
    ['an entry climbing out with ..', [{ path: '../evil', type: 'file', content: 'x' }], /"\.\.\/evil" climbs out of the image root/],
    ['an absolute entry', [{ path: '/evil', type: 'file', content: 'x' }], /"\/evil" has an absolute path/],
    ['a hard link to an absolute path', [{ path: 'shadow', type: 'hardlink', linkTarget: '/etc/shadow' }], /points to the absolute path "\/etc\/shadow"/],
    ['a hard link out of the root', [{ path: 'shadow', type: 'hardlink', linkTarget: '../../etc/shadow' }], /climbs out of the image root/],
    ['a symlink out of the root', [{ path: 'evil', type: 'symlink', linkTarget: '../../../../etc' }], /symlink "evil" points to "..\/..\/..\/..\/etc", which climbs out/],
    [
      'a file written through an earlier symlink',
      [
        { path: 'evil', type: 'symlink', linkTarget: '/tmp' },
        { path: 'evil/planted', type: 'file', content: 'x' },
      ],
      /"evil\/planted" would be written through the symlink "evil"/,
    ],
    ['a hard link to a file the archive does not hold', [{ path: 'x', type: 'hardlink', linkTarget: 'missing' }], /not a file earlier in the archive/],
  ])('refuses %s and writes nothing outside', async (_name, entries, message) => {
    const file = tarball([{ path: 'ok', type: 'file', content: 'fine' }, ...entries]);
    const before = fs.readdirSync(dir).sort();
    const dest = path.join(dir, 'deep', 'rootfs');
    fs.mkdirSync(path.dirname(dest));
    await expect(unpackTarball(file, dest)).rejects.toBeInstanceOf(TarballRefusedError);
    await expect(unpackTarball(file, path.join(dir, 'deep', 'again'))).rejects.toThrow(message);
    expect(fs.readdirSync(dir).sort()).toEqual([...before, 'deep'].sort());
    expect(fs.readdirSync(path.join(dir, 'deep')).sort()).toEqual(['again', 'rootfs']);
    expect(fs.existsSync('/tmp/planted')).toBe(false);
  });

  it.each<[string, (file: string) => void, RegExp]>([
    ['a truncated gzip stream', (file) => fs.writeFileSync(file, zlib.gzipSync(writeTar(ROOTFS)).subarray(0, 60)), /corrupt gzip data|truncated/],
    ['a corrupt xz stream', (file) => fs.writeFileSync(file, Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(200, 7)])), /corrupt xz data|checksum|truncated/],
    ['a text file', (file) => fs.writeFileSync(file, 'not a tarball\n'.repeat(100)), /checksum|stray bytes/],
    ['bzip2 data', (file) => fs.writeFileSync(file, Buffer.from('BZh91AY&SY')), /bzip2 tarballs are not supported/],
  ])('refuses %s as unreadable', async (_name, write, message) => {
    const file = path.join(dir, 'broken');
    write(file);
    const attempt = unpackTarball(file, path.join(dir, 'rootfs'));
    await expect(attempt).rejects.toBeInstanceOf(TarFormatError);
    await expect(unpackTarball(file, path.join(dir, 'rootfs-again'))).rejects.toThrow(message);
  });
});

describe('refusing early in a large compressed archive', () => {
  it.each(['gzip', 'xz'] as const)('stops reading a %s tarball at the first refused entry (no hang on a full pipe)', async (compression) => {
    const big = Buffer.alloc(8 << 20);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE((i * 2654435761) >>> 0, i);
    const file = tarball([{ path: '../evil', type: 'file', content: 'x' }, { path: 'big', type: 'file', content: big }], compression);
    // Refused at the first entry; a reader that kept the pipe full would never settle (the test's timeout).
    await expect(unpackTarball(file, path.join(dir, 'rootfs'))).rejects.toThrow('climbs out of the image root');
  });
});

describe('telling compressions apart', () => {
  it.each<[string, number[], string]>([
    ['gzip', [0x1f, 0x8b, 8, 0], 'gzip'],
    ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
    ['bzip2', [...Buffer.from('BZh9')], 'bzip2'],
    ['zstd', [0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
    ['a plain tar', [...Buffer.from('bin/busybox')], 'none'],
  ])('recognises %s by its first bytes', (_name, bytes, expected) => {
    expect(compressionOf(Buffer.from(bytes))).toBe(expected);
  });
});

describe('unpacking an image layer', () => {
  it('lists whiteouts and opaque folders instead of writing them, and refuses whiteouts that climb out', async () => {
    const dest = path.join(dir, 'layer');
    const summary = await unpackTarball(
      tarball([
        { path: 'etc/', type: 'directory' },
        { path: 'etc/.wh.passwd', type: 'file', content: '' },
        { path: '.wh.tmp', type: 'file', content: '' },
        { path: 'opt/old/.wh..wh..opq', type: 'file', content: '' },
        { path: 'opt/old/new', type: 'file', content: 'new\n' },
      ], 'gzip'),
      dest,
      { layer: true },
    );
    expect(summary.whiteouts).toEqual(['etc/passwd', 'tmp']);
    expect(summary.opaqueDirs).toEqual(['opt/old']);
    expect(fs.readdirSync(path.join(dest, 'etc'))).toEqual([]);
    expect(fs.readdirSync(path.join(dest, 'opt/old'))).toEqual(['new']);
    await expect(unpackTarball(tarball([{ path: 'a/.wh...', type: 'file', content: '' }]), path.join(dir, 'bad'), { layer: true })).rejects.toThrow('whiteout entry "a/.wh..." names no file');
    await expect(
      unpackTarball(tarball([{ path: 'link', type: 'symlink', linkTarget: '/etc' }, { path: 'link/.wh.passwd', type: 'file', content: '' }]), path.join(dir, 'bad2'), { layer: true }),
    ).rejects.toThrow(TarballRefusedError);
  });

  it('unpacks .wh. entries as plain files when the tarball is not a layer', async () => {
    const dest = path.join(dir, 'plain');
    const summary = await unpackTarball(tarball([{ path: '.wh.x', type: 'file', content: 'x' }]), dest);
    expect(summary.whiteouts).toBeUndefined();
    expect(fs.readFileSync(path.join(dest, '.wh.x'), 'utf8')).toBe('x');
  });
});
