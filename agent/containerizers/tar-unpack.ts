/**
 * Unpack a root filesystem tarball (.tar, .tar.gz, .tar.xz — recognised by
 * their first bytes, not their name) into a directory, refusing any entry
 * that would land outside it (see tar-path-safety.ts) and any archive that
 * cannot be read. Device nodes and fifos are skipped: the runtime gives
 * each container its own /dev.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { readTar, TarFormatError, type TarEntry } from './tar-reader';
import { entryPath, hardLinkTarget, joinInside, symlinkOnTheWay, symlinkProblem } from './tar-path-safety';

/** The archive holds an entry that must not be unpacked. */
export class TarballRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarballRefusedError';
  }
}

/** How a tarball is compressed. */
export type TarCompression = 'none' | 'gzip' | 'xz' | 'bzip2' | 'zstd';

/** The compression of a file from its first bytes. */
export function compressionOf(head: Buffer): TarCompression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.length >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** What was unpacked. */
export interface UnpackSummary {
  entries: number;
  bytes: number;
  /** Device nodes and fifos left out. */
  skipped: number;
  compression: TarCompression;
  /** With `layer`: paths (relative to the root) an image layer deletes (`.wh.<name>` entries), made nothing here. */
  whiteouts?: string[];
  /** With `layer`: folders whose content below this layer is hidden (`.wh..wh..opq` entries). */
  opaqueDirs?: string[];
}

/** Options of {@link unpackTarball}. */
export interface UnpackOptions {
  /**
   * The tarball is an image layer: `.wh.<name>` entries (whiteouts) and
   * `.wh..wh..opq` (an opaque folder) are not unpacked but listed in the
   * summary, for the layer store to turn into overlay whiteouts.
   */
  layer?: boolean;
}

/** Prefix of a whiteout entry in an image layer. */
export const WHITEOUT_PREFIX = '.wh.';
/** Name of the entry that makes its folder opaque. */
export const OPAQUE_WHITEOUT = '.wh..wh..opq';

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The uncompressed bytes of `file` as a stream. `done` rejects when the
 * decompressor reports the compressed data as corrupt.
 */
export async function uncompressedStream(file: string): Promise<{ stream: Readable; compression: TarCompression; done: Promise<void> }> {
  const compression = compressionOf(await readHead(file, 6));
  if (compression === 'bzip2' || compression === 'zstd') {
    throw new TarFormatError(`${compression} tarballs are not supported (use .tar, .tar.gz or .tar.xz)`);
  }
  if (compression === 'none') return { stream: fs.createReadStream(file), compression, done: Promise.resolve() };
  if (compression === 'gzip') {
    const gunzip = zlib.createGunzip();
    const input = fs.createReadStream(file);
    input.on('error', (e) => gunzip.destroy(e));
    const stream = input.pipe(gunzip);
    stream.once('close', () => input.destroy()); // a reader that gives up closes the file too
    return { stream, compression, done: Promise.resolve() };
  }
  const xz = spawn('xz', ['-dc', '--', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xz.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<void>((resolve, reject) => {
    xz.once('error', (e) => reject(new TarFormatError(`cannot run xz to read an .xz tarball (install xz-utils): ${e.message}`)));
    xz.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new TarFormatError(`corrupt xz data: ${stderr.trim().split('\n').pop() || `xz exited with ${code}`}`));
    });
  });
  done.catch(() => undefined);
  // Take the output at once: Node drains (and discards) a child's stdout that
  // nobody reads when the child exits, so a fast xz would look like an empty file.
  const stream = new PassThrough();
  xz.stdout.pipe(stream);
  // A reader that gives up (an entry refused) stops xz too: left unread, it would block on a full pipe.
  stream.once('close', () => {
    if (stream.readableEnded || xz.exitCode !== null || xz.signalCode !== null) return;
    xz.stdout.destroy();
    xz.kill('SIGKILL');
  });
  return { stream, compression, done };
}

type Kind = 'directory' | 'file' | 'symlink' | 'other';

/** Unpacks one archive into one directory. */
class Unpacker {
  readonly kinds = new Map<string, Kind>([['', 'directory']]);
  readonly symlinks = new Set<string>();
  readonly directoryModes = new Map<string, { mode: number; mtime: number; uid: number; gid: number }>();
  readonly asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  entries = 0;
  bytes = 0;
  skipped = 0;

  constructor(private readonly root: string) {}

  /** The checked path of an entry below the root. */
  target(entry: TarEntry): string {
    const checked = entryPath(entry.path);
    if ('problem' in checked) throw new TarballRefusedError(checked.problem);
    const through = symlinkOnTheWay(checked.path, this.symlinks);
    if (through) throw new TarballRefusedError(`entry "${entry.path}" would be written through the symlink "${through}"`);
    return checked.path;
  }

  /** Create the parents of `relative` that are not there yet. */
  async parents(relative: string): Promise<void> {
    const segments = relative.split('/').slice(0, -1);
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      const kind = this.kinds.get(prefix);
      if (kind === 'directory') continue;
      if (kind !== undefined) throw new TarballRefusedError(`entry "${relative}" needs "${prefix}" to be a directory, but the archive made it a ${kind}`);
      await fs.promises.mkdir(joinInside(this.root, prefix), { mode: 0o755 });
      this.kinds.set(prefix, 'directory');
    }
  }

  /** Remove what an earlier entry put at `relative`, when a later one replaces it. */
  async replace(relative: string, next: Kind): Promise<void> {
    const kind = this.kinds.get(relative);
    if (kind === undefined || (kind === 'directory' && next === 'directory')) return;
    await fs.promises.rm(joinInside(this.root, relative), { recursive: true, force: true });
    this.kinds.delete(relative);
    this.symlinks.delete(relative);
  }

  async owner(absolute: string, entry: TarEntry): Promise<void> {
    if (this.asRoot) await fs.promises.lchown(absolute, entry.uid, entry.gid);
  }

  async directory(relative: string, entry: TarEntry): Promise<void> {
    if (relative !== '') {
      await this.parents(relative);
      await this.replace(relative, 'directory');
      if (this.kinds.get(relative) !== 'directory') await fs.promises.mkdir(joinInside(this.root, relative), { mode: 0o700 });
      this.kinds.set(relative, 'directory');
    }
    // Modes are applied at the end: a read-only directory must still be filled.
    this.directoryModes.set(relative, { mode: entry.mode, mtime: entry.mtime, uid: entry.uid, gid: entry.gid });
  }

  async file(relative: string, entry: TarEntry, content: AsyncIterator<Buffer>): Promise<void> {
    await this.parents(relative);
    await this.replace(relative, 'file');
    const absolute = joinInside(this.root, relative);
    const handle = await fs.promises.open(absolute, 'wx', 0o600);
    try {
      for (;;) {
        const next = await content.next();
        if (next.done) break;
        await handle.write(next.value);
        this.bytes += next.value.length;
      }
    } finally {
      await handle.close();
    }
    this.kinds.set(relative, 'file');
    await this.owner(absolute, entry);
    await fs.promises.chmod(absolute, entry.mode); // after chown, which clears setuid
    await fs.promises.utimes(absolute, entry.mtime, entry.mtime);
  }

  async symlink(relative: string, entry: TarEntry): Promise<void> {
    const problem = symlinkProblem(relative, entry.linkTarget);
    if (problem) throw new TarballRefusedError(problem);
    await this.parents(relative);
    await this.replace(relative, 'symlink');
    const absolute = joinInside(this.root, relative);
    await fs.promises.symlink(entry.linkTarget, absolute);
    this.kinds.set(relative, 'symlink');
    this.symlinks.add(relative);
    await this.owner(absolute, entry);
  }

  async hardlink(relative: string, entry: TarEntry): Promise<void> {
    const target = hardLinkTarget(entry.path, entry.linkTarget);
    if ('problem' in target) throw new TarballRefusedError(target.problem);
    const through = symlinkOnTheWay(target.path, this.symlinks);
    if (through) throw new TarballRefusedError(`hard link "${entry.path}" points through the symlink "${through}"`);
    const kind = this.kinds.get(target.path);
    if (kind !== 'file' && kind !== 'symlink') {
      throw new TarballRefusedError(`hard link "${entry.path}" points to "${entry.linkTarget}", which is not a file earlier in the archive`);
    }
    await this.parents(relative);
    await this.replace(relative, 'file');
    await fs.promises.link(joinInside(this.root, target.path), joinInside(this.root, relative));
    this.kinds.set(relative, kind);
    if (kind === 'symlink') this.symlinks.add(relative);
  }

  /** Directory modes, owners and times, deepest first. */
  async finish(): Promise<void> {
    const dirs = [...this.directoryModes.entries()].sort((a, b) => b[0].split('/').length - a[0].split('/').length);
    for (const [relative, meta] of dirs) {
      const absolute = joinInside(this.root, relative);
      if (this.asRoot) await fs.promises.chown(absolute, meta.uid, meta.gid);
      await fs.promises.chmod(absolute, meta.mode);
      await fs.promises.utimes(absolute, meta.mtime, meta.mtime);
    }
  }
}

/**
 * Unpack `file` into `dest` (created, must not exist). Throws
 * {@link TarballRefusedError} for an entry that would escape, and
 * {@link TarFormatError} for an archive that cannot be read. On error
 * `dest` is left for the caller to remove.
 */
export async function unpackTarball(file: string, dest: string, options: UnpackOptions = {}): Promise<UnpackSummary> {
  await fs.promises.mkdir(dest, { mode: 0o755 });
  const { stream, compression, done } = await uncompressedStream(file);
  const unpacker = new Unpacker(dest);
  const whiteouts: string[] = [];
  const opaqueDirs: string[] = [];
  const events = readTar(wrapErrors(stream, compression));
  try {
    let next = await events.next();
    while (!next.done) {
      const event = next.value;
      if (event.kind !== 'entry') throw new TarFormatError('tar reader out of step'); // cannot happen
      const entry = event.entry;
      unpacker.entries++;
      const relative = unpacker.target(entry);
      let contentDone = false;
      const content: AsyncIterator<Buffer> = {
        next: async () => {
          if (contentDone) return { done: true, value: undefined };
          const e = await events.next();
          if (e.done || e.value.kind === 'end-of-entry') {
            contentDone = true;
            return { done: true, value: undefined };
          }
          if (e.value.kind !== 'data') throw new TarFormatError('tar reader out of step');
          return { done: false, value: e.value.chunk };
        },
      };
      const base = relative.slice(relative.lastIndexOf('/') + 1);
      if (options.layer && base.startsWith(WHITEOUT_PREFIX)) {
        const dir = relative.slice(0, relative.length - base.length).replace(/\/$/, '');
        if (base === OPAQUE_WHITEOUT) {
          await unpacker.parents(relative);
          opaqueDirs.push(dir);
        } else {
          const name = base.slice(WHITEOUT_PREFIX.length);
          if (name === '' || name === '.' || name === '..') throw new TarballRefusedError(`whiteout entry "${entry.path}" names no file`);
          const hidden = dir ? `${dir}/${name}` : name;
          await unpacker.parents(hidden);
          const through = symlinkOnTheWay(hidden, unpacker.symlinks);
          if (through) throw new TarballRefusedError(`whiteout entry "${entry.path}" would be made through the symlink "${through}"`);
          await unpacker.replace(hidden, 'other');
          whiteouts.push(hidden);
        }
        while (!contentDone) await content.next();
        next = await events.next();
        continue;
      }
      switch (entry.type) {
        case 'directory':
          await unpacker.directory(relative, entry);
          break;
        case 'file':
          if (relative === '') throw new TarballRefusedError(`entry "${entry.path}" is a file where the image root should be`);
          await unpacker.file(relative, entry, content);
          break;
        case 'symlink':
          await unpacker.symlink(relative, entry);
          break;
        case 'hardlink':
          await unpacker.hardlink(relative, entry);
          break;
        default:
          unpacker.skipped++;
      }
      while (!contentDone) await content.next(); // the end-of-entry of kinds without content
      next = await events.next();
    }
    await done;
    await unpacker.finish();
  } catch (e) {
    // The input ran out by itself: a decompressor that failed explains it better than the reader.
    const ranOut = stream.readableEnded;
    stream.destroy();
    const decompression = await done.then(
      () => undefined,
      (error: Error) => error,
    );
    throw e instanceof TarFormatError && ranOut && decompression ? decompression : e;
  }
  const summary: UnpackSummary = { entries: unpacker.entries, bytes: unpacker.bytes, skipped: unpacker.skipped, compression };
  if (options.layer) Object.assign(summary, { whiteouts, opaqueDirs });
  return summary;
}

/** Decompression errors become {@link TarFormatError}s naming the compression. */
async function* wrapErrors(stream: Readable, compression: TarCompression): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    throw new TarFormatError(`corrupt ${compression} data: ${(e as Error).message}`);
  }
}

/** Remove a partly unpacked directory (no error when it is not there). */
export async function removeTree(dir: string): Promise<void> {
  await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Re-exported so callers catch both kinds from one module. */
export { TarFormatError } from './tar-reader';
