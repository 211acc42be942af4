/**
 * The arithmetic of following a growing file through `/files/read`: where
 * to start, how far the next read goes, and how much of the text to keep
 * on screen. Pure, unit-tested; the sandbox view does the fetching and DOM.
 */
import { utf8Length } from './format';

/** Bytes of history shown when a tail starts. */
export const TAIL_START_BYTES = 64 * 1024;
/** Bytes asked for per read. */
export const TAIL_READ_BYTES = 512 * 1024;
/** Lines kept on screen; older lines are dropped. */
export const TAIL_MAX_LINES = 10_000;

/** Where a tail starts in a file of `size` bytes. */
export function tailStart(size: number, history: number = TAIL_START_BYTES): number {
  return Math.max(0, size - history);
}

/**
 * The text of a read and the offset of the next one. A read that cut a
 * multi-byte character at its end leaves replacement characters there;
 * they are dropped and read again next time. A read that starts mid-file
 * (`dropPartialFirstLine`) begins at the next whole line.
 */
export function consumeRead(
  offset: number,
  data: string,
  options: { dropPartialFirstLine?: boolean; full?: boolean } = {},
): { text: string; nextOffset: number } {
  let text = data;
  let bytes = utf8Length(text);
  if (options.full) {
    // Only a read that filled its length can have cut a character.
    const trimmed = text.replace(/\uFFFD{1,3}$/, '');
    bytes -= utf8Length(text) - utf8Length(trimmed);
    text = trimmed;
  }
  const nextOffset = offset + bytes;
  if (options.dropPartialFirstLine) {
    const newline = text.indexOf('\n');
    text = newline >= 0 ? text.slice(newline + 1) : '';
  }
  return { text, nextOffset };
}

/** Number of line breaks in a text. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The last `n` lines of a text (a trailing partial line counts as one). */
export function lastLines(text: string, n: number): string {
  if (n <= 0) return '';
  let i = text.length;
  if (text.endsWith('\n')) i--;
  for (let seen = 0; i > 0; ) {
    const prev = text.lastIndexOf('\n', i - 1);
    if (prev < 0) return text;
    seen++;
    if (seen === n) return text.slice(prev + 1);
    i = prev;
  }
  return text;
}

/**
 * Chunks of text on screen, oldest first, bounded by line count. Each
 * chunk maps to one DOM text node; {@link TailBuffer.append} says how many
 * leading chunks to remove so the screen keeps at most `maxLines` lines.
 */
export class TailBuffer {
  private readonly lineCounts: number[] = [];
  private lines = 0;

  constructor(readonly maxLines: number = TAIL_MAX_LINES) {}

  /** Lines on screen. */
  get lineCount(): number {
    return this.lines;
  }

  /** Chunks on screen. */
  get chunkCount(): number {
    return this.lineCounts.length;
  }

  /**
   * Add a chunk. Returns the text to show (its last `maxLines` lines when it
   * alone is longer) and how many of the oldest chunks to drop.
   */
  append(text: string): { text: string; drop: number } {
    let shown = text;
    let count = countLines(shown);
    if (count > this.maxLines) {
      shown = lastLines(shown, this.maxLines);
      count = countLines(shown);
    }
    this.lineCounts.push(count);
    this.lines += count;
    let drop = 0;
    while (this.lines > this.maxLines && this.lineCounts.length - drop > 1) {
      this.lines -= this.lineCounts[drop];
      drop++;
    }
    this.lineCounts.splice(0, drop);
    return { text: shown, drop };
  }

  /** Forget everything (the view was cleared). */
  clear(): void {
    this.lineCounts.length = 0;
    this.lines = 0;
  }
}
