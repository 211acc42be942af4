/**
 * The pure part of following a rotated log (`meseta logs -f` with the
 * agent's `--container-logger-max-size`): from a listing of the run's
 * folder (names, inodes, sizes) and the file followed so far (inode and
 * offset), which files to read, from where and to where, so that every
 * byte is printed once and in order across rotations (`stdout` →
 * `stdout.1` → `stdout.2` …). No I/O.
 */

/** One file of the run's folder as `/files/browse` lists it. */
export interface ListedFile {
  name: string;
  ino: number;
  size: number;
}

/** The file followed and how much of it was printed. */
export interface FollowedFile {
  ino: number;
  offset: number;
}

/** One read of a poll. */
export interface FollowRead {
  name: string;
  /** The inode the file must still have for the read to count. */
  ino: number;
  from: number;
  /** Where to stop (a rotated file is finished); undefined: the live file, to its end. */
  to?: number;
}

/** What one poll reads, and what is lost when the followed file was already dropped. */
export interface FollowPlan {
  reads: FollowRead[];
  /** Set when the followed file was rotated out before its end was read. */
  lost?: string;
}

/** `stdout.3` → 3 for `stdout`; undefined for other names. */
function rotationIndex(stream: string, name: string): number | undefined {
  if (!name.startsWith(`${stream}.`)) return undefined;
  const rest = name.slice(stream.length + 1);
  return /^[1-9]\d*$/.test(rest) ? Number(rest) : undefined;
}

/**
 * The reads of one poll. Without a followed file yet, the live file from
 * its start. The live file is the followed one: read on from the offset.
 * Else it was rotated: the rest of the followed file (now `stdout.N`), the
 * newer rotated files whole, then the live file from 0. When the followed
 * file is gone altogether (more rotations than files kept since the last
 * poll), every rotated file left is newer than it: all of them whole, and
 * the loss is said.
 */
export function followPlan(stream: string, listing: ListedFile[], followed: FollowedFile | undefined): FollowPlan {
  const live = listing.find((f) => f.name === stream);
  if (!live) return { reads: [] };
  if (!followed || followed.ino === live.ino) {
    return { reads: [{ name: stream, ino: live.ino, from: followed?.offset ?? 0 }] };
  }
  const rotated = listing
    .map((f) => ({ file: f, index: rotationIndex(stream, f.name) }))
    .filter((r): r is { file: ListedFile; index: number } => r.index !== undefined)
    .sort((a, b) => b.index - a.index) // oldest first
    .map((r) => r.file);
  const at = rotated.findIndex((f) => f.ino === followed.ino);
  const reads: FollowRead[] = [];
  let lost: string | undefined;
  if (at >= 0) {
    const file = rotated[at];
    if (followed.offset < file.size) reads.push({ name: file.name, ino: file.ino, from: followed.offset, to: file.size });
    for (const newer of rotated.slice(at + 1)) reads.push({ name: newer.name, ino: newer.ino, from: 0, to: newer.size });
  } else {
    lost = `some ${stream} output was rotated away before it could be read (the agent keeps --container-logger-max-files files)`;
    for (const file of rotated) reads.push({ name: file.name, ino: file.ino, from: 0, to: file.size });
  }
  reads.push({ name: stream, ino: live.ino, from: 0 });
  return { reads, lost };
}

/** True when every read's file still has the inode it had when planned. */
export function readsStillValid(reads: FollowRead[], listing: ListedFile[]): boolean {
  return reads.every((r) => listing.find((f) => f.name === r.name)?.ino === r.ino);
}
