/**
 * The streaming tar reader: entries and contents across chunk boundaries,
 * pax long names, base-256 sizes, and corrupt or truncated archives refused
 * with a message saying where.
 */
import { BLOCK, numericField, parseHeader, parsePaxRecords, readTar, TarFormatError, type TarEntry } from '../../agent/containerizers/tar-reader';
import { writeTar, type TarWriteEntry } from '../../agent/containerizers/tar-writer';

async function* chunks(buffer: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

async function readAll(buffer: Buffer, chunkSize = 7): Promise<Array<{ entry: TarEntry; content: string }>> {
  const out: Array<{ entry: TarEntry; content: string }> = [];
  for await (const event of readTar(chunks(buffer, chunkSize))) {
    if (event.kind === 'entry') out.push({ entry: event.entry, content: '' });
    else if (event.kind === 'data') out[out.length - 1].content += event.chunk.toString();
  }
  return out;
}

const SAMPLE: TarWriteEntry[] = [
  { path: 'bin/', type: 'directory' },
  { path: 'bin/busybox', type: 'file', content: 'x'.repeat(1500), mode: 0o755, uid: 0, gid: 0, mtime: 1700000000 },
  { path: 'bin/sh', type: 'symlink', linkTarget: 'busybox' },
  { path: 'bin/ash', type: 'hardlink', linkTarget: 'bin/busybox' },
  { path: `deep/${'d'.repeat(120)}/file`, type: 'file', content: 'long name' },
];

describe('reading a tar archive', () => {
  it.each([1, 7, 512, 100_000])('yields every entry and its content when the input comes in chunks of %i bytes', async (size) => {
    const entries = await readAll(writeTar(SAMPLE), size);
    expect(entries.map((e) => [e.entry.path, e.entry.type, e.entry.linkTarget])).toEqual([
      ['bin/', 'directory', ''],
      ['bin/busybox', 'file', ''],
      ['bin/sh', 'symlink', 'busybox'],
      ['bin/ash', 'hardlink', 'bin/busybox'],
      [`deep/${'d'.repeat(120)}/file`, 'file', ''],
    ]);
    expect(entries[1].content).toBe('x'.repeat(1500));
    expect(entries[1].entry).toMatchObject({ mode: 0o755, size: 1500, mtime: 1700000000 });
    expect(entries[4].content).toBe('long name');
  });

  it.each<[string, (tar: Buffer) => Buffer, RegExp]>([
    ['a flipped byte in a header', (tar) => Buffer.concat([tar.subarray(0, 10), Buffer.from('Z'), tar.subarray(11)]), /checksum mismatch/],
    ['a file cut in the middle of a body', (tar) => tar.subarray(0, BLOCK * 2 + 100), /truncated archive: "bin\/busybox" is cut short/],
    ['stray bytes after the last block', (tar) => Buffer.concat([tar.subarray(0, BLOCK * 6), Buffer.from('abc')]), /stray bytes/],
    ['an empty file', () => Buffer.alloc(0), /empty file/],
    ['a file that is not tar at all', () => Buffer.from('hello world, this is text'.repeat(40)), /checksum|stray bytes/],
    ['an archive that starts with its end marker', () => Buffer.alloc(BLOCK * 2), /no entries/],
  ])('refuses %s', async (_name, damage, message) => {
    await expect(readAll(damage(writeTar(SAMPLE)))).rejects.toThrow(message);
    await expect(readAll(damage(writeTar(SAMPLE)))).rejects.toBeInstanceOf(TarFormatError);
  });

  it('tolerates an archive without its end-of-archive blocks, as GNU tar does', async () => {
    const tar = writeTar(SAMPLE.slice(0, 2));
    const entries = await readAll(tar.subarray(0, tar.length - BLOCK * 2));
    expect(entries).toHaveLength(2);
  });

  it('refuses entry kinds it does not know, naming the entry', async () => {
    const tar = writeTar([{ path: 'sparse', type: 'file', content: 'a' }]);
    tar[156] = 'S'.charCodeAt(0);
    let sum = 0;
    tar.fill(0x20, 148, 156);
    for (let i = 0; i < BLOCK; i++) sum += tar[i];
    tar.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    await expect(readAll(tar)).rejects.toThrow(/entry "sparse" at byte 0: unsupported entry type "S"/);
  });
});

describe('header fields', () => {
  it.each<[string, number[], number]>([
    ['octal with a trailing NUL', [...Buffer.from('0000644\0')], 0o644],
    ['octal padded with spaces', [...Buffer.from('   755 \0')], 0o755],
    ['an empty field', [0, 0, 0, 0, 0, 0, 0, 0], 0],
    ['GNU base-256', [0x80, 0, 0, 0, 0, 0, 0x01, 0x00], 256],
  ])('reads %s', (_name, bytes, expected) => {
    expect(numericField(Buffer.from(bytes), 0, bytes.length, 'mode', 0)).toBe(expected);
  });

  it('refuses a numeric field that is not octal, naming it', () => {
    expect(() => numericField(Buffer.from('12a4567\0'), 0, 8, 'size', 1024)).toThrow('header at byte 1024: size "12a4567" is not an octal number');
  });

  it('joins the ustar prefix and name', () => {
    const block = writeTar([{ path: 'x', type: 'file' }]).subarray(0, BLOCK);
    block.write('usr/share', 345, 'latin1');
    let sum = 0;
    block.fill(0x20, 148, 156);
    for (let i = 0; i < BLOCK; i++) sum += block[i];
    block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    expect(parseHeader(block, 0).name).toBe('usr/share/x');
  });

  it.each<[string, string, Record<string, string>]>([
    ['one record', '16 path=a/b/c/d\n', { path: 'a/b/c/d' }],
    ['two records', '12 path=abc\n16 linkpath=xyz\n', { path: 'abc', linkpath: 'xyz' }],
    ['a value with an equals sign', '14 path=a=b=c\n', { path: 'a=b=c' }],
  ])('reads pax headers with %s', (_name, text, expected) => {
    expect(parsePaxRecords(Buffer.from(text), 0)).toEqual(expected);
  });

  it('refuses a pax record whose length runs past the header', () => {
    expect(() => parsePaxRecords(Buffer.from('99 path=a\n'), 512)).toThrow('pax header at byte 512: malformed record');
  });
});
