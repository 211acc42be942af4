/**
 * A chunk of the UI stream's packed task rows encoded as it is packed: each
 * row's JSON is written at once into a byte scratch buffer that one client's
 * rows reuse from chunk to chunk, and the chunk becomes one string when done,
 * instead of a row array per task kept until then. A chunk of 20,000 rows
 * takes many turns to pack on a busy master, so the kept arrays lived through
 * several scavenges and were promoted: at 20,000 agents half of what the
 * mixed phase promoted into the old generation (bench/RESULTS.md, issue 11,
 * session S6, H6). The scratch is reused rather than a fresh buffer per chunk:
 * V8 counts every ArrayBuffer's bytes as external memory and starts a
 * mark-compact when that grows 64 MB past its size at the last one, which
 * fresh chunk buffers did every few seconds at 50,000 agents. The text is
 * that of `JSON.stringify({ tasks: packer.done(), remaining })`.
 */
import { TaskPacker, type PackedTaskRow } from './http-ui-pack';

/** A growable byte buffer for text, reused: written, read out as a string, written again. */
export class TextScratch {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Append `text` (UTF-8). */
  append(text: string): void {
    const worst = text.length * 3;
    if (this.pos + worst > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + worst));
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** What was appended since the last call, as a string; the scratch is empty after it. */
  take(): string {
    const text = this.buf.toString('utf8', 0, this.pos);
    this.pos = 0;
    return text;
  }
}

/** A {@link TaskPacker} whose rows are written out as they are added; {@link chunkJson} gives the chunk. */
export class TaskChunkText extends TaskPacker {
  /** @param scratch where the rows are written; one client's chunks may share one (one chunk at a time). */
  constructor(timeBase = 0, private readonly scratch = new TextScratch()) {
    super(timeBase);
  }

  protected override keepRow(row: PackedTaskRow): void {
    if (this.size > 1) this.scratch.append(',');
    this.scratch.append(JSON.stringify(row));
  }

  /**
   * The chunk's JSON, `{"tasks":{…the packed table…},"remaining":N}`; the
   * packer is spent after it (start a new one, on the same scratch, for the next chunk).
   */
  chunkJson(remaining: number): string {
    const d = this.done();
    const head = `{"tasks":{"frameworks":${JSON.stringify(d.frameworks)},"agents":${JSON.stringify(d.agents)},"states":${JSON.stringify(d.states)},"resources":${JSON.stringify(d.resources)},"time_base":${JSON.stringify(d.time_base)},"rows":[`;
    return `${head}${this.scratch.take()}]},"remaining":${JSON.stringify(remaining)}}`;
  }
}
