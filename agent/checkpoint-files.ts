/**
 * Checkpoint file I/O: atomic replacement (temp file, fsync, rename) and
 * reading back with an answer that names the file and what is wrong with it.
 *
 * A reader never sees a half-written file: the new content is complete and
 * on disk under a temporary name before `rename` swaps it in, and rename is
 * atomic. Temporary files left by a crash (`*.tmp-*`) are ignored by
 * readers and removed by {@link removeTemporaryFiles}.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let temporaryCounter = 0;

/** Marker in the names of temporary files. */
export const TEMPORARY_MARKER = '.tmp-';

/**
 * Replace `file` with `data` atomically: write `file.tmp-<pid>-<n>`, fsync
 * it, rename it over `file`. Creates the parent dirs unless `makeDirs` is
 * false (the caller knows they exist). With `fsync` false (tests) the data
 * is not forced to disk; the rename is still atomic.
 */
export async function writeFileAtomic(file: string, data: string, fsync = true, makeDirs = true): Promise<void> {
  const temporary = `${file}${TEMPORARY_MARKER}${process.pid}-${++temporaryCounter}`;
  if (makeDirs) await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.promises.open(temporary, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    if (fsync) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.promises.rename(temporary, file);
  } catch (e) {
    await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** What reading a checkpoint file found. */
export type CheckpointRead =
  | { kind: 'missing'; file: string }
  | { kind: 'ok'; file: string; value: unknown }
  | { kind: 'corrupt'; file: string; problem: string };

/** Read and parse a JSON checkpoint file. Never throws. */
export function readCheckpointFile(file: string): CheckpointRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing', file };
    return { kind: 'corrupt', file, problem: `cannot be read (${code ?? (e as Error).message})` };
  }
  if (text.trim() === '') return { kind: 'corrupt', file, problem: 'is empty' };
  try {
    return { kind: 'ok', file, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { kind: 'corrupt', file, problem: `is not valid JSON (${(e as Error).message})` };
  }
}

/**
 * A checkpoint the agent cannot start from. The message names the file,
 * what is wrong with it, and what the operator can do.
 */
export class CheckpointError extends Error {
  constructor(
    /** The file at fault. */
    readonly file: string,
    /** What is wrong with it, e.g. `is not valid JSON (...)`. */
    readonly problem: string,
    /** What to do about it. */
    readonly remedy: string,
  ) {
    super(`checkpoint ${file} ${problem}; ${remedy}`);
    this.name = 'CheckpointError';
  }
}

/** Names in a dir, without temporary files; empty when the dir does not exist. */
export function listCheckpointDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => !name.includes(TEMPORARY_MARKER)).sort();
  } catch {
    return [];
  }
}

/** Remove temporary files a crash left in `dir` (and below it when `recursive`). Returns how many. */
export function removeTemporaryFiles(dir: string, recursive = true): number {
  let removed = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) removed += removeTemporaryFiles(full);
    } else if (entry.name.includes(TEMPORARY_MARKER)) {
      fs.rmSync(full, { force: true });
      removed++;
    }
  }
  return removed;
}
