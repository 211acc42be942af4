/**
 * Which images the image store removes when it holds more than its limit
 * (pure): the least recently used first, never one a container uses, until
 * what is left fits (or only images in use are left).
 */

/** An image in the store, as the collector sees it. */
export interface ImageRecord {
  digest: string;
  /** Unpacked size. */
  bytes: number;
  /** When a container last asked for it (ms since the epoch). */
  lastUsedMs: number;
}

/** The digests to remove, oldest use first, so that the store holds at most `maxBytes` where it can. */
export function imagesToCollect(images: readonly ImageRecord[], inUse: ReadonlySet<string>, maxBytes: number): string[] {
  let total = images.reduce((sum, image) => sum + image.bytes, 0);
  const collected: string[] = [];
  const candidates = images.filter((image) => !inUse.has(image.digest)).sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.digest.localeCompare(b.digest));
  for (const image of candidates) {
    if (total <= maxBytes) break;
    collected.push(image.digest);
    total -= image.bytes;
  }
  return collected;
}
