/**
 * A chunk of the UI stream's packed task rows encoded as it is packed: each
 * row's JSON goes straight into byte chunks outside V8's heap
 * (`byte-chunks.ts`) instead of a row array kept until the chunk is done.
 * A chunk of 20,000 rows takes many turns to pack on a busy master, so the
 * kept arrays lived through several scavenges and were promoted: at 20,000
 * agents this was half of what the mixed phase promoted into the old
 * generation (bench/RESULTS.md, issue 11, session S6, H6). The bytes are
 * those of `JSON.stringify({ tasks: packer.done(), remaining })`.
 */
import { ByteChunks, DEFAULT_CHUNK_BYTES } from './byte-chunks';
import { TaskPacker, type PackedTaskRow } from './http-ui-pack';

/** A {@link TaskPacker} whose rows are written out as they are added; {@link chunkJson} gives the chunk. */
export class TaskChunkBytes extends TaskPacker {
  private readonly full: Buffer[] = [];
  private chunks: ByteChunks;

  /** @param chunkBytes size of the byte chunks the rows are gathered in (`byte-chunks.ts`'s default). */
  constructor(timeBase = 0, private readonly chunkBytes = DEFAULT_CHUNK_BYTES) {
    super(timeBase);
    this.chunks = new ByteChunks(chunkBytes);
  }

  protected override keepRow(row: PackedTaskRow): void {
    const part = this.chunks.add(this.size === 1 ? JSON.stringify(row) : `,${JSON.stringify(row)}`);
    if (part) this.full.push(part);
  }

  /**
   * The chunk's JSON, `{"tasks":{…the packed table…},"remaining":N}`, as
   * bytes; the packer is spent after it (start a new one for the next chunk).
   */
  chunkJson(remaining: number): Buffer {
    const d = this.done();
    const head = `{"tasks":{"frameworks":${JSON.stringify(d.frameworks)},"agents":${JSON.stringify(d.agents)},"states":${JSON.stringify(d.states)},"resources":${JSON.stringify(d.resources)},"time_base":${JSON.stringify(d.time_base)},"rows":[`;
    const last = this.chunks.take();
    const parts = [Buffer.from(head), ...this.full, ...(last ? [last] : []), Buffer.from(`]},"remaining":${JSON.stringify(remaining)}}`)];
    this.full.length = 0;
    this.chunks = new ByteChunks(this.chunkBytes);
    return Buffer.concat(parts);
  }
}
