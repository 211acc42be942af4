/**
 * `/files/browse` and `/files/read`: listing and reading sandbox files,
 * confined to the sandboxes under `<workDir>/frameworks`. Paths are given
 * relative to the work dir (`frameworks/<fid>/tasks/<tid>/runs/latest/stdout`,
 * as `/state` lists them) or absolute inside it (as Mesos gives them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveInSandbox, SANDBOXES_FOLDER, SandboxPathError } from './sandbox';

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

async function resolve(workDir: string, requested: string | null | undefined): Promise<string> {
  const inner = sandboxesRelative(workDir, requested);
  try {
    return await resolveInSandbox(path.join(workDir, SANDBOXES_FOLDER), inner);
  } catch (e) {
    if (e instanceof SandboxPathError) {
      const status = e.problem === 'invalid' ? 400 : e.problem === 'outside' ? 403 : 404;
      throw new FilesError(status, `path "${requested}" ${e.message.replace(/^path "[^"]*" /, '')}`);
    }
    throw e;
  }
}

function entryOf(real: string, realRoot: string, stats: fs.Stats): FileEntry {
  const rel = path.relative(realRoot, real);
  return {
    path: rel === '' ? SANDBOXES_FOLDER : `${SANDBOXES_FOLDER}/${rel.split(path.sep).join('/')}`,
    name: path.basename(real),
    size: stats.size,
    mode: modeString(stats.mode, stats.isDirectory()),
    mtime: Math.floor(stats.mtimeMs / 1000),
    is_dir: stats.isDirectory(),
    nlink: stats.nlink,
    uid: stats.uid,
    gid: stats.gid,
  };
}

/** List a sandbox directory (or describe one file). */
export async function browse(workDir: string, requested: string | null | undefined): Promise<FileEntry[]> {
  const real = await resolve(workDir, requested);
  const realRoot = await fs.promises.realpath(path.join(workDir, SANDBOXES_FOLDER));
  const stats = await fs.promises.stat(real);
  if (!stats.isDirectory()) return [entryOf(real, realRoot, stats)];
  const names = (await fs.promises.readdir(real)).sort();
  const out: FileEntry[] = [];
  for (const name of names) {
    const full = path.join(real, name);
    try {
      const target = await fs.promises.realpath(full);
      if (target !== realRoot && !target.startsWith(realRoot + path.sep)) continue; // links leading out are not shown
      out.push({ ...entryOf(full, realRoot, await fs.promises.stat(target)), name });
    } catch {
      // vanished or dangling: skip
    }
  }
  return out;
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
): Promise<{ data: string; offset: number }> {
  const offset = wholeNumber('offset', offsetText, 0, true);
  const length = wholeNumber('length', lengthText, MAX_READ_BYTES);
  const real = await resolve(workDir, requested);
  const stats = await fs.promises.stat(real);
  if (stats.isDirectory()) throw new FilesError(400, `path "${requested}" is a directory; use /files/browse`);
  if (offset === -1) return { data: '', offset: stats.size };
  const wanted = Math.max(0, Math.min(length, MAX_READ_BYTES, stats.size - offset));
  if (wanted === 0) return { data: '', offset };
  const handle = await fs.promises.open(real, 'r');
  try {
    const buffer = Buffer.alloc(wanted);
    const { bytesRead } = await handle.read(buffer, 0, wanted, offset);
    return { data: buffer.subarray(0, bytesRead).toString('utf8'), offset };
  } finally {
    await handle.close();
  }
}
