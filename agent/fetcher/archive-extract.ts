/**
 * Unpacking a fetched archive into the sandbox, safely: nothing lands
 * outside the sandbox, nothing is written through a symlink, no link
 * points out of it.
 *
 * An archive is unpacked into a fresh folder inside the sandbox first,
 * then checked (every symlink relative and inside), handed to the task's
 * user (setuid/setgid bits dropped) and moved into place entry by entry,
 * replacing what is there (a folder meeting a folder is merged). Tarballs
 * go through the image store's own unpacker (`tar-unpack.ts`: `..`,
 * absolute paths, hard links out of the archive and writes through a
 * symlink are refused); bzip2 is decompressed with `bzip2` first. Zips are
 * listed with `unzip -Z1` and every name checked before `unzip` runs.
 * What an archive unpacks to is held to the fetcher's size limit: a zip by
 * the sizes it declares (before unzipping), a .gz while it is written, a
 * tarball once unpacked into the scratch folder (removed when too big).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { compressionOf, removeTree, TarballRefusedError, TarFormatError, unpackTarball } from '../containerizers/tar-unpack';
import { entryPath, symlinkProblem } from '../containerizers/tar-path-safety';
import { FetchError } from './downloader';
import { type ArchiveKind, gunzippedName } from './fetch-plan';

/** Who the unpacked files belong to (undefined: left as unpacked, the agent's). */
export type Owner = { uid: number; gid: number } | undefined;

/** Run a program; resolves with its stdout, rejects naming the program and its last stderr line. */
function run(program: string, args: string[], debianPackage: string, stdout?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = stdout ? fs.openSync(stdout, 'wx', 0o600) : undefined;
    const child = spawn(program, args, { stdio: ['ignore', out ?? 'pipe', 'pipe'] });
    if (out !== undefined) fs.closeSync(out);
    let text = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', (e) => reject(new FetchError(`cannot run ${program} (install the Debian package ${debianPackage}): ${e.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve(text);
      else reject(new FetchError(`${program} failed: ${err.trim().split('\n').pop() || `exit status ${code}`}`));
    });
  });
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(6);
    const { bytesRead } = await handle.read(buffer, 0, 6, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Every symlink under `root` must point inside it by a relative path; throws naming the first that does not. */
async function checkLinks(root: string, relative = ''): Promise<void> {
  for (const entry of await fs.promises.readdir(path.join(root, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) {
      const target = await fs.promises.readlink(path.join(root, child));
      if (target.startsWith('/')) throw new FetchError(`the archive was refused: symlink "${child}" points to the absolute path "${target}" (outside the sandbox)`);
      const problem = symlinkProblem(child, target);
      if (problem) throw new FetchError(`the archive was refused: ${problem.replace('image root', 'sandbox')}`);
    } else if (entry.isDirectory()) {
      await checkLinks(root, child);
    }
  }
}

/** Give everything under `dir` (itself included) to `owner` and drop setuid/setgid bits. */
async function handOver(dir: string, owner: Owner): Promise<void> {
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await handOver(full, owner);
    if (owner) await fs.promises.lchown(full, owner.uid, owner.gid);
    if (!entry.isSymbolicLink()) {
      const mode = (await fs.promises.lstat(full)).mode & 0o7777;
      if (mode & 0o6000) await fs.promises.chmod(full, mode & 0o1777);
    }
  }
}

/**
 * Move every entry of `from` into `into` (both real folders): an entry
 * not there is renamed in; a folder meeting a real folder is merged; any
 * other meeting replaces what was there (a symlink in `into` is replaced,
 * never followed).
 */
async function moveInto(from: string, into: string): Promise<void> {
  for (const entry of await fs.promises.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(into, entry.name);
    const existing = await fs.promises.lstat(target).catch(() => undefined);
    if (existing && existing.isDirectory() && entry.isDirectory()) {
      await moveInto(source, target);
      continue;
    }
    if (existing) await fs.promises.rm(target, { recursive: true, force: true });
    await fs.promises.rename(source, target);
  }
}

function tooMuch(bytes: number, maxBytes: number): FetchError {
  return new FetchError(`the archive unpacks to more than the fetcher's size limit (${bytes} bytes or more, limit ${maxBytes})`);
}

/** Unpack a tarball (plain, gzip, xz by its first bytes; bzip2 through `bzip2`) into `dest`. */
async function untar(file: string, dest: string, scratch: string, maxBytes: number): Promise<void> {
  let tarball = file;
  if (compressionOf(await readHead(file)) === 'bzip2') {
    tarball = path.join(scratch, 'archive.tar');
    await run('bzip2', ['-dc', '--', file], 'bzip2', tarball);
  }
  try {
    // Checked once unpacked (into the scratch folder, removed at once when too big).
    const { bytes } = await unpackTarball(tarball, dest);
    if (bytes > maxBytes) throw tooMuch(bytes, maxBytes);
  } catch (e) {
    if (e instanceof TarballRefusedError) throw new FetchError(`the archive was refused: ${e.message.replace(/image root/g, 'sandbox')}`);
    if (e instanceof TarFormatError) throw new FetchError(`the archive cannot be read: ${e.message}`);
    throw e;
  }
}

/** Unpack a zip into `dest` after checking every member's name and the size it declares. */
async function unzip(file: string, dest: string, maxBytes: number): Promise<void> {
  const names = (await run('unzip', ['-Z1', '--', file], 'unzip')).split('\n').filter((n) => n !== '');
  for (const name of names) {
    const checked = entryPath(name);
    if ('problem' in checked) throw new FetchError(`the archive was refused: ${checked.problem.replace(/image root/g, 'sandbox')}`);
    if (name.includes('\\')) throw new FetchError(`the archive was refused: entry "${name}" has a backslash in its name`);
  }
  const declared = Number(/(\d+) bytes uncompressed/.exec(await run('unzip', ['-Zt', '--', file], 'unzip'))?.[1] ?? NaN);
  if (declared > maxBytes) throw tooMuch(declared, maxBytes);
  await fs.promises.mkdir(dest, { mode: 0o755 });
  // -n: never overwrite (a second member of one name is an error, not a write through what the first made).
  await run('unzip', ['-qq', '-n', '--', file, '-d', dest], 'unzip').catch((e: FetchError) => {
    throw e.message.startsWith('cannot run') ? e : new FetchError(`the archive cannot be unpacked: ${e.message}`); // e.g. a member under a symlink member
  });
}

/**
 * Unpack `file` (a path inside `sandbox`, relative name `name`) into the
 * sandbox as `kind` says. The archive itself stays, as with Mesos. Rejects
 * with a {@link FetchError} naming what was refused; nothing of a refused
 * archive is left in the sandbox.
 */
export async function extractInto(sandbox: string, name: string, kind: ArchiveKind, owner: Owner, maxBytes: number = Number.MAX_SAFE_INTEGER): Promise<void> {
  const file = path.join(sandbox, name);
  if (kind === 'gzip') {
    const target = path.join(sandbox, gunzippedName(name));
    const temp = path.join(path.dirname(target), `.meseta-gunzip-${randomBytes(6).toString('hex')}`);
    try {
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(bytes > maxBytes ? tooMuch(bytes, maxBytes) : null, chunk);
        },
      });
      await pipeline(fs.createReadStream(file), zlib.createGunzip(), limit, fs.createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
      if (owner) await fs.promises.lchown(temp, owner.uid, owner.gid);
      await fs.promises.rm(target, { recursive: true, force: true });
      await fs.promises.rename(temp, target);
    } catch (e) {
      await fs.promises.rm(temp, { force: true });
      throw e instanceof FetchError ? e : new FetchError(`the archive cannot be read: corrupt gzip data (${(e as Error).message})`);
    }
    return;
  }
  const scratch = path.join(sandbox, `.meseta-extract-${randomBytes(6).toString('hex')}`);
  await fs.promises.mkdir(scratch, { mode: 0o700 });
  try {
    const dest = path.join(scratch, 'root');
    if (kind === 'tar') await untar(file, dest, scratch, maxBytes);
    else await unzip(file, dest, maxBytes);
    await checkLinks(dest);
    await handOver(dest, owner);
    await moveInto(dest, sandbox);
  } finally {
    await removeTree(scratch);
  }
}
