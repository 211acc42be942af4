/**
 * Opening a file or folder under a root folder so that no link can lead
 * the read outside it, whatever a task does to its sandbox meanwhile (swap
 * a file for a symlink between a check and the read, for instance).
 *
 * Node has no `openat`, so instead of walking the path a component at a
 * time the descriptor is checked after the open: the kernel's own record of
 * what was opened (`/proc/self/fd/N`) must lie under the root's real path.
 * Whatever links the path went through and whenever they were swapped,
 * the file read is the file that descriptor names. Only regular files and
 * folders are served: FIFOs, sockets and device nodes are refused (opened
 * non-blocking, so a FIFO cannot hang the agent).
 *
 * A folder is listed through its descriptor (`/proc/self/fd/N` as the path)
 * and its entries are looked at with `lstat` through it too, so a folder
 * swapped for a link after the open lists nothing outside.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a confined open was refused: maps to HTTP 400 / 403 / 404. */
export type ConfinedProblem = 'invalid' | 'outside' | 'not-found';

/** A refused confined open; the message names the path and the problem. */
export class ConfinedPathError extends Error {
  constructor(
    readonly problem: ConfinedProblem,
    readonly requested: string,
    detail: string,
  ) {
    super(`path "${requested}" ${detail}`);
    this.name = 'ConfinedPathError';
  }
}

/** An open file or folder, known to lie under the root. Close it. */
export interface ConfinedHandle {
  handle: fs.promises.FileHandle;
  /** Its real absolute path when it was opened (from the descriptor). */
  realPath: string;
  stats: fs.Stats;
}

/** `/proc/self/fd/N`: a path that names exactly the open descriptor. */
export function descriptorPath(handle: fs.promises.FileHandle): string {
  return `/proc/self/fd/${handle.fd}`;
}

/** True when `candidate` is `root` or lies under it (both real, absolute). */
export function isUnder(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** The real path a descriptor names, without the kernel's ` (deleted)` mark of a removed file. */
async function descriptorRealPath(handle: fs.promises.FileHandle): Promise<string> {
  const target = await fs.promises.readlink(descriptorPath(handle));
  return target.endsWith(' (deleted)') ? target.slice(0, -' (deleted)'.length) : target;
}

const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY;

/**
 * Open `relativePath` under `realRoot` (a real path: `fs.realpath` of the
 * root) for reading. Refuses a NUL byte (`invalid`), absolute paths and
 * `..` (`outside`), anything the opened descriptor shows outside the root
 * (`outside`), anything but regular files and folders (`outside`), and
 * paths that do not exist (`not-found`). The empty path is the root.
 */
export async function openConfined(realRoot: string, relativePath: string): Promise<ConfinedHandle> {
  if (relativePath.includes('\0')) throw new ConfinedPathError('invalid', relativePath, 'contains a NUL byte');
  if (path.isAbsolute(relativePath)) throw new ConfinedPathError('outside', relativePath, 'must be relative to the sandbox');
  if (relativePath.split(/[/\\]+/).includes('..')) throw new ConfinedPathError('outside', relativePath, 'must not contain ".."');
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path.join(realRoot, relativePath), OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ConfinedPathError('not-found', relativePath, 'does not exist');
    if (code === 'ELOOP') throw new ConfinedPathError('outside', relativePath, 'goes through too many links');
    if (code === 'EACCES' || code === 'EPERM') throw new ConfinedPathError('outside', relativePath, 'cannot be opened by the agent');
    throw e;
  }
  try {
    const realPath = await descriptorRealPath(handle);
    if (!isUnder(realRoot, realPath)) throw new ConfinedPathError('outside', relativePath, 'leads outside the sandbox');
    const stats = await handle.stat();
    if (!stats.isFile() && !stats.isDirectory()) throw new ConfinedPathError('outside', relativePath, 'is not a regular file or a folder');
    return { handle, realPath, stats };
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
}

/** One entry of an open folder, with what it is (a link: what it leads to, if that stays under the root). */
export interface ConfinedEntry {
  name: string;
  /** lstat of the entry itself. */
  own: fs.Stats;
  /** For a link: stats of its target when that is a regular file or folder under the root; else undefined. */
  target?: fs.Stats;
}

/**
 * The entries of an open folder, sorted by name, read through its
 * descriptor. `relativeDir` is the folder's path under the root, used to
 * open a link's target confined. Entries that vanish meanwhile are skipped;
 * links leading outside (or dangling) come back without `target`.
 */
export async function listConfined(realRoot: string, folder: ConfinedHandle, relativeDir: string): Promise<ConfinedEntry[]> {
  const base = descriptorPath(folder.handle);
  const names = (await fs.promises.readdir(base)).sort();
  const out: ConfinedEntry[] = [];
  for (const name of names) {
    let own: fs.Stats;
    try {
      own = await fs.promises.lstat(path.join(base, name));
    } catch {
      continue; // vanished
    }
    if (!own.isSymbolicLink()) {
      out.push({ name, own });
      continue;
    }
    try {
      const opened = await openConfined(realRoot, path.join(relativeDir, name));
      await opened.handle.close();
      out.push({ name, own, target: opened.stats });
    } catch {
      out.push({ name, own });
    }
  }
  return out;
}
