/**
 * Text gathered into large byte chunks for a response: each piece is
 * encoded once, straight into the current chunk (no array of small strings
 * joined and encoded again per slice, which at 500,000 entries was most of
 * `/state`'s own time and garbage). A piece never straddles two chunks, so
 * every chunk is whole UTF-8. Pure: the caller writes the chunks.
 */

/** Bytes of a chunk unless a single piece needs more. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/** Collects pieces of text into byte chunks. */
export class ByteChunks {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly chunkBytes = DEFAULT_CHUNK_BYTES) {
    if (!(Number.isInteger(chunkBytes) && chunkBytes > 0)) throw new RangeError(`chunkBytes: ${chunkBytes}, must be a positive integer`);
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  /** Bytes gathered and not yet taken. */
  get size(): number {
    return this.pos;
  }

  /**
   * Add one piece. When the current chunk may not hold it (a UTF-16 unit is
   * at most 3 bytes of UTF-8), the chunk filled so far is returned for
   * writing and the piece starts the next one.
   */
  add(text: string): Buffer | undefined {
    let full: Buffer | undefined;
    const worst = text.length * 3;
    if (this.pos + worst > this.buf.length) {
      full = this.take();
      if (worst > this.buf.length) this.buf = Buffer.allocUnsafe(Math.max(this.chunkBytes, worst));
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
    return full;
  }

  /**
   * The bytes gathered so far (undefined when none). Less than half a chunk
   * is copied out and the chunk reused; more is handed over whole.
   */
  take(): Buffer | undefined {
    if (this.pos === 0) return undefined;
    if (this.pos * 2 < this.buf.length) {
      const copy = Buffer.from(this.buf.subarray(0, this.pos));
      this.pos = 0;
      return copy;
    }
    const full = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.chunkBytes);
    this.pos = 0;
    return full;
  }
}
