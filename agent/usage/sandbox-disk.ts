/**
 * Bytes a sandbox takes on disk, as `du` counts them (allocated blocks, each
 * hard-linked inode once), by an asynchronous walk with a cap on the entries
 * it looks at, so one huge sandbox costs a sampling round a bounded amount
 * of work. A walk that hits the cap reports what it counted and says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a walk found. */
export interface DiskUsage {
  bytes: number;
  /** False when the walk stopped at its cap (the bytes are then a lower bound). */
  complete: boolean;
}

/** The default cap on entries looked at per sandbox and round. */
export const DEFAULT_MAX_ENTRIES = 20_000;

/** Walk `dir` (not following symbolic links) and sum allocated bytes. Undefined when `dir` cannot be read. */
export async function sandboxDiskUsage(dir: string, maxEntries = DEFAULT_MAX_ENTRIES): Promise<DiskUsage | undefined> {
  const seen = new Set<string>();
  let bytes = 0;
  let entries = 0;
  const count = (stats: fs.Stats): void => {
    if (stats.nlink > 1) {
      const key = `${stats.dev}:${stats.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    bytes += stats.blocks * 512;
  };
  try {
    count(await fs.promises.lstat(dir));
  } catch {
    return undefined;
  }
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let names: fs.Dirent[];
    try {
      names = await fs.promises.readdir(current, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable (another user's files): counted as nothing
    }
    for (const entry of names) {
      if (++entries > maxEntries) return { bytes, complete: false };
      const full = path.join(current, entry.name);
      try {
        count(await fs.promises.lstat(full));
      } catch {
        continue;
      }
      if (entry.isDirectory()) pending.push(full);
    }
  }
  return { bytes, complete: true };
}
