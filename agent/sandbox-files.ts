/**
 * `/files/browse` and `/files/read`: listing and reading sandbox files,
 * confined to the sandboxes under `<workDir>/frameworks`. Paths are given
 * relative to the work dir (`frameworks/<fid>/tasks/<tid>/runs/latest/stdout`,
 * as `/state` lists them) or absolute inside it (as Mesos gives them).
 *
 * Every file and folder is opened confined (`confined-open.ts`): the open
 * descriptor itself must lie under the sandboxes, so swapping a file for a
 * symlink at any moment cannot leak a file from outside. Secret files
 * (`Volume.source` SECRET) are listed but never read out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SANDBOXES_FOLDER } from './sandbox';
import { type ConfinedHandle, ConfinedPathError, listConfined, openConfined } from './confined-open';

/** Most bytes one `/files/read` returns. */
export const MAX_READ_BYTES = 1024 * 1024;

/** A refused files request: HTTP status and a message naming the problem. */
export class FilesError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'FilesError';
  }
}

/** One entry of a directory listing. */
export interface FileEntry {
  /** Relative to the work dir, ready for `/files/read?path=`. */
  path: string;
  name: string;
  size: number;
  mode: string;
  mtime: number;
  is_dir: boolean;
  nlink: number;
  uid: number;
  gid: number;
  /** The file's inode (ours): how `meseta logs -f` notices that a log it follows was rotated. */
  ino: number;
}

/** `drwxr-xr-x` from a stat mode. */
export function modeString(mode: number, isDir: boolean): string {
  const bits = 'rwxrwxrwx';
  let out = isDir ? 'd' : '-';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}

/** The request path as a path under the sandboxes folder, or a 400/403. */
export function sandboxesRelative(workDir: string, requested: string | null | undefined): string {
  if (requested === null || requested === undefined || requested === '') throw new FilesError(400, 'path: required');
  let relative = requested;
  if (path.isAbsolute(requested)) {
    const base = path.resolve(workDir);
    if (requested !== base && !requested.startsWith(base + path.sep)) {
      throw new FilesError(403, `path "${requested}" lies outside the agent's sandboxes`);
    }
    relative = path.relative(base, requested);
  }
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  if (segments[0] !== SANDBOXES_FOLDER) {
    throw new FilesError(403, `path "${requested}" lies outside the agent's sandboxes (paths start with ${SANDBOXES_FOLDER}/)`);
  }
  return segments.slice(1).join('/');
}

/** Where the sandboxes are and which of their files are secrets. */
export interface SandboxFilesOptions {
  /**
   * True for a secret file (its path under the sandboxes folder, as
   * `<framework>/tasks/<task>/runs/<container>/<file>`): never read out.
   */
  isSecretFile?: (pathUnderSandboxes: string) => boolean;
}

function filesError(requested: string | null | undefined, e: ConfinedPathError): FilesError {
  const status = e.problem === 'invalid' ? 400 : e.problem === 'outside' ? 403 : 404;
  return new FilesError(status, `path "${requested}" ${e.message.replace(/^path "[^"]*" /, '')}`);
}

/** The sandboxes folder's real path (404 when there is none yet). */
async function sandboxesRoot(workDir: string, requested: string | null | undefined): Promise<string> {
  try {
    return await fs.promises.realpath(path.join(workDir, SANDBOXES_FOLDER));
  } catch {
    throw new FilesError(404, `path "${requested}" is not there: the sandbox does not exist`);
  }
}

/** Open the requested path confined to the sandboxes (see confined-open.ts); the caller closes it. */
async function open(workDir: string, requested: string | null | undefined): Promise<{ opened: ConfinedHandle; realRoot: string }> {
  const inner = sandboxesRelative(workDir, requested);
  const realRoot = await sandboxesRoot(workDir, requested);
  try {
    return { opened: await openConfined(realRoot, inner), realRoot };
  } catch (e) {
    if (e instanceof ConfinedPathError) throw filesError(requested, e);
    throw e;
  }
}

function entryOf(realPath: string, realRoot: string, stats: fs.Stats, name = path.basename(realPath)): FileEntry {
  const rel = path.relative(realRoot, realPath);
  return {
    path: rel === '' ? SANDBOXES_FOLDER : `${SANDBOXES_FOLDER}/${rel.split(path.sep).join('/')}`,
    name,
    size: stats.size,
    mode: modeString(stats.mode, stats.isDirectory()),
    mtime: Math.floor(stats.mtimeMs / 1000),
    is_dir: stats.isDirectory(),
    nlink: stats.nlink,
    uid: stats.uid,
    gid: stats.gid,
    ino: stats.ino,
  };
}

/**
 * List a sandbox directory (or describe one file). The folder is opened
 * confined and listed through its descriptor; links leading out are not shown.
 */
export async function browse(workDir: string, requested: string | null | undefined): Promise<FileEntry[]> {
  return (await browseListing(workDir, requested)).entries;
}

/** {@link browse}, saying whether the path named a file (its one entry) or a folder (its entries). */
export async function browseListing(workDir: string, requested: string | null | undefined): Promise<{ isFile: boolean; entries: FileEntry[] }> {
  const { opened, realRoot } = await open(workDir, requested);
  try {
    if (!opened.stats.isDirectory()) return { isFile: true, entries: [entryOf(opened.realPath, realRoot, opened.stats)] };
    const relativeDir = path.relative(realRoot, opened.realPath);
    const out: FileEntry[] = [];
    for (const entry of await listConfined(realRoot, opened, relativeDir)) {
      const stats = entry.own.isSymbolicLink() ? entry.target : entry.own;
      if (!stats) continue; // a link leading out, or dangling
      if (!stats.isFile() && !stats.isDirectory()) continue;
      out.push(entryOf(path.join(opened.realPath, entry.name), realRoot, stats, entry.name));
    }
    return { isFile: false, entries: out };
  } finally {
    await opened.handle.close();
  }
}

function wholeNumber(field: string, text: string | null | undefined, fallback: number, allowMinusOne = false): number {
  if (text === null || text === undefined || text === '') return fallback;
  if (!/^-?\d+$/.test(text)) throw new FilesError(400, `${field}: "${text}" is not a whole number`);
  const n = Number(text);
  if (n < 0 && !(allowMinusOne && n === -1)) throw new FilesError(400, `${field}: "${text}" must not be negative`);
  return n;
}

/**
 * Read part of a sandbox file, Mesos style: `{ data, offset }`. `offset=-1`
 * returns no data and the file size as offset (to tail from the end);
 * `length` defaults to the rest of the file, capped at {@link MAX_READ_BYTES}.
 */
export async function readFile(
  workDir: string,
  requested: string | null | undefined,
  offsetText?: string | null,
  lengthText?: string | null,
  options: SandboxFilesOptions = {},
): Promise<{ data: string; offset: number }> {
  const offset = wholeNumber('offset', offsetText, 0, true);
  const length = wholeNumber('length', lengthText, MAX_READ_BYTES);
  const { opened, realRoot } = await open(workDir, requested);
  try {
    const { stats } = opened;
    if (stats.isDirectory()) throw new FilesError(400, `path "${requested}" is a directory; use /files/browse`);
    if (options.isSecretFile?.(path.relative(realRoot, opened.realPath).split(path.sep).join('/'))) {
      throw new FilesError(403, `path "${requested}" is a secret file of its task; its content is not served`);
    }
    if (offset === -1) return { data: '', offset: stats.size };
    const wanted = Math.max(0, Math.min(length, MAX_READ_BYTES, stats.size - offset));
    if (wanted === 0) return { data: '', offset };
    const buffer = Buffer.alloc(wanted);
    const { bytesRead } = await opened.handle.read(buffer, 0, wanted, offset);
    return { data: buffer.subarray(0, bytesRead).toString('utf8'), offset };
  } finally {
    await opened.handle.close();
  }
}

/** An opened file for `/files/download`: the caller streams it and closes the handle. */
export interface DownloadFile {
  handle: fs.promises.FileHandle;
  size: number;
  /** The file's name, for `Content-Disposition`. */
  name: string;
}

/**
 * Open a sandbox file for download, confined like {@link readFile}: a
 * folder is 400, a secret file 403, anything outside the sandboxes 403.
 */
export async function openForDownload(
  workDir: string,
  requested: string | null | undefined,
  options: SandboxFilesOptions = {},
): Promise<DownloadFile> {
  const { opened, realRoot } = await open(workDir, requested);
  try {
    if (opened.stats.isDirectory()) throw new FilesError(400, `path "${requested}" is a directory; a directory cannot be downloaded (use /files/browse)`);
    if (options.isSecretFile?.(path.relative(realRoot, opened.realPath).split(path.sep).join('/'))) {
      throw new FilesError(403, `path "${requested}" is a secret file of its task; its content is not served`);
    }
    return { handle: opened.handle, size: opened.stats.size, name: path.basename(opened.realPath) };
  } catch (e) {
    await opened.handle.close();
    throw e;
  }
}
