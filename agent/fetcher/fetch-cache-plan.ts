/**
 * The fetcher cache's decisions (pure, no I/O): what an entry is called
 * and which entries make room for a new one.
 *
 * Entries are keyed by URI and the user fetching it, as Mesos keys its
 * cache: two users never share a download (a file only one of them may
 * read stays theirs). Room is made least recently used first; an entry in
 * use (being downloaded, or copied into a sandbox) is never evicted.
 */
import { createHash } from 'node:crypto';

/** One cache entry as the eviction choice sees it. */
export interface CacheEntryView {
  key: string;
  /** Bytes on disk. */
  size: number;
  /** When it was last fetched or used (ms). */
  lastUsed: number;
  /** Downloading, or being copied into a sandbox. */
  inUse: boolean;
}

/** The entries to remove, or why the new one cannot be kept (as data). */
export type EvictionChoice =
  | { evict: string[] }
  | { refused: { asked: number; limit: number; inUse: number; message: string } };

/**
 * The key of a URI fetched by `user` (undefined: the agent's own user):
 * a hex digest, which is also the entry's file name.
 */
export function cacheKey(uri: string, user: string | undefined): string {
  return createHash('sha256')
    .update(`${user ?? ''}\n${uri}`)
    .digest('hex');
}

/**
 * Which entries to evict so that `incoming` more bytes fit under `limit`:
 * the least recently used first (ties by key, so the choice is stable),
 * never one in use. Refused when even evicting every idle entry leaves too
 * little room; the message says how much was asked and how much there is.
 */
export function chooseEvictions(entries: readonly CacheEntryView[], limit: number, incoming: number): EvictionChoice {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  let excess = total + incoming - limit;
  if (excess <= 0) return { evict: [] };
  const inUse = entries.filter((e) => e.inUse).reduce((sum, e) => sum + e.size, 0);
  if (incoming + inUse > limit) {
    return {
      refused: {
        asked: incoming,
        limit,
        inUse,
        message: `needs ${incoming} bytes; the cache holds at most ${limit} and ${inUse} of them are in use`,
      },
    };
  }
  const idle = entries.filter((e) => !e.inUse).sort((a, b) => a.lastUsed - b.lastUsed || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const evict: string[] = [];
  for (const entry of idle) {
    if (excess <= 0) break;
    evict.push(entry.key);
    excess -= entry.size;
  }
  return { evict };
}
