/**
 * A streaming reader of tar archives (ustar, pax and GNU long names), with
 * no I/O of its own: it turns a stream of bytes into a stream of entries
 * and their contents, and refuses anything it cannot read with a
 * {@link TarFormatError} saying where (a bad header checksum, a truncated
 * body, an unknown entry kind).
 */

/** The kinds of entry a root filesystem tarball holds. */
export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'character-device' | 'block-device' | 'fifo';

/** One entry's header, long names and pax records already applied. */
export interface TarEntry {
  /** The path as written in the archive (not yet checked or normalised). */
  path: string;
  type: TarEntryType;
  /** Permission bits (and setuid/setgid/sticky). */
  mode: number;
  uid: number;
  gid: number;
  /** Bytes of content (files only; 0 for the rest). */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** Target of a symlink or hard link. */
  linkTarget: string;
  /** Byte offset of the header in the (uncompressed) archive, for messages. */
  offset: number;
}

/** What {@link readTar} yields: an entry, then its content in chunks, then its end. */
export type TarEvent = { kind: 'entry'; entry: TarEntry } | { kind: 'data'; chunk: Buffer } | { kind: 'end-of-entry' };

/** The archive cannot be read; `message` says where and why. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

/** Size of a tar block. */
export const BLOCK = 512;

const TYPE_BY_FLAG: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'character-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
};

/** A header as it stands in its block, before long names and pax records apply. */
export interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  /** True for `ustar` headers (whose `prefix` field is part of the name). */
  ustar: boolean;
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul < 0 ? field.length : nul).toString('utf8');
}

/**
 * A numeric field: octal ASCII (spaces and NULs around it allowed), or
 * GNU base-256 when the first byte has its high bit set.
 */
export function numericField(block: Buffer, start: number, length: number, what: string, offset: number): number {
  const field = block.subarray(start, start + length);
  if (field[0] & 0x80) {
    if (field[0] & 0x40) throw new TarFormatError(`header at byte ${offset}: negative ${what}`);
    let value = field[0] & 0x3f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i];
    if (!Number.isSafeInteger(value)) throw new TarFormatError(`header at byte ${offset}: ${what} too large`);
    return value;
  }
  const digits = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new TarFormatError(`header at byte ${offset}: ${what} "${digits}" is not an octal number`);
  return parseInt(digits, 8);
}

/** True when every byte of the block is zero (an end-of-archive marker). */
export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/**
 * Parse one 512-byte header block, checking its checksum (unsigned, or the
 * signed sum some old writers used). Throws {@link TarFormatError} for a
 * checksum mismatch, i.e. a corrupt or non-tar file.
 */
export function parseHeader(block: Buffer, offset: number): RawHeader {
  let stored: number;
  try {
    stored = numericField(block, 148, 8, 'checksum', offset);
  } catch {
    throw new TarFormatError(`header at byte ${offset}: no valid checksum (not a tar archive, or corrupt)`);
  }
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed) {
    throw new TarFormatError(`header at byte ${offset}: checksum mismatch (not a tar archive, or corrupt)`);
  }
  const magic = block.subarray(257, 263).toString('latin1');
  const ustar = magic === 'ustar\0' || magic === 'ustar ';
  let name = text(block, 0, 100);
  const prefix = magic === 'ustar\0' ? text(block, 345, 155) : '';
  if (prefix) name = `${prefix}/${name}`;
  return {
    name,
    mode: numericField(block, 100, 8, 'mode', offset),
    uid: numericField(block, 108, 8, 'uid', offset),
    gid: numericField(block, 116, 8, 'gid', offset),
    size: numericField(block, 124, 12, 'size', offset),
    mtime: numericField(block, 136, 12, 'mtime', offset),
    typeflag: String.fromCharCode(block[156]),
    linkname: text(block, 157, 100),
    ustar,
  };
}

/**
 * The records of a pax extended header (`"%d %s=%s\n"` each). Throws for a
 * malformed record.
 */
export function parsePaxRecords(body: Buffer, offset: number): Record<string, string> {
  const records: Record<string, string> = {};
  let at = 0;
  while (at < body.length) {
    if (body[at] === 0) break; // padding
    const space = body.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(body.subarray(at, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0 || at + length > body.length) {
      throw new TarFormatError(`pax header at byte ${offset}: malformed record`);
    }
    const record = body.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq < 0) throw new TarFormatError(`pax header at byte ${offset}: record without "="`);
    records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}

/** Pulls exact byte counts out of a chunked source. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;
  /** Bytes consumed so far (the archive offset). */
  consumed = 0;

  constructor(private readonly source: AsyncIterator<Buffer | Uint8Array | string>) {}

  /** Make at least `n` bytes available; false when the source ended before. */
  async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      if (chunk.length === 0) continue;
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
    return this.length >= n;
  }

  /** Bytes available without reading further. */
  get available(): number {
    return this.length;
  }

  /** Take exactly `n` bytes (they must be available). */
  take(n: number): Buffer {
    let out: Buffer;
    if (this.chunks[0].length >= n) {
      out = this.chunks[0].subarray(0, n);
      this.chunks[0] = this.chunks[0].subarray(n);
      if (this.chunks[0].length === 0) this.chunks.shift();
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const head = this.chunks[0];
        const part = Math.min(head.length, n - filled);
        head.copy(out, filled, 0, part);
        filled += part;
        if (part === head.length) this.chunks.shift();
        else this.chunks[0] = head.subarray(part);
      }
    }
    this.length -= n;
    this.consumed += n;
    return out;
  }

  /** Take up to `n` bytes of what is already there (at least one byte must be). */
  takeSome(n: number): Buffer {
    return this.take(Math.min(n, this.chunks[0].length));
  }
}

const PAX_HEADER_LIMIT = 1024 * 1024;

/**
 * Read a tar archive from `source` (chunks of the uncompressed bytes).
 * Yields each entry, then its content in chunks (files only), then
 * `end-of-entry`. Ends at the end-of-archive marker or at the end of the
 * input after a whole entry. Throws {@link TarFormatError} for a corrupt
 * header, a truncated entry, an unsupported entry kind or a file that is
 * not a tar archive at all.
 */
export async function* readTar(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<TarEvent> {
  const queue = new ByteQueue(source[Symbol.asyncIterator]());
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  let entries = 0;
  for (;;) {
    const offset = queue.consumed;
    if (!(await queue.fill(BLOCK))) {
      if (queue.available > 0) throw new TarFormatError(`truncated archive: ${queue.available} stray bytes at byte ${offset}`);
      if (entries === 0) throw new TarFormatError('empty file: not a tar archive');
      return; // a missing end-of-archive marker is tolerated, as GNU tar does
    }
    const block = queue.take(BLOCK);
    if (isZeroBlock(block)) {
      if (entries === 0) throw new TarFormatError('the archive starts with an end-of-archive marker: no entries');
      return;
    }
    const raw = parseHeader(block, offset);
    entries++;
    const padded = Math.ceil(raw.size / BLOCK) * BLOCK;
    const meta = raw.typeflag === 'x' || raw.typeflag === 'g' || raw.typeflag === 'L' || raw.typeflag === 'K';
    if (meta) {
      if (raw.size > PAX_HEADER_LIMIT) throw new TarFormatError(`header at byte ${offset}: extended header of ${raw.size} bytes is too large`);
      if (!(await queue.fill(padded))) throw new TarFormatError(`truncated archive: extended header at byte ${offset} is cut short`);
      const body = queue.take(padded).subarray(0, raw.size);
      if (raw.typeflag === 'x') pax = { ...pax, ...parsePaxRecords(body, offset) };
      else if (raw.typeflag === 'g') globalPax = { ...globalPax, ...parsePaxRecords(body, offset) };
      else if (raw.typeflag === 'L') longName = text(body, 0, body.length);
      else longLink = text(body, 0, body.length);
      continue;
    }
    const type = TYPE_BY_FLAG[raw.typeflag];
    if (!type) {
      const flag = JSON.stringify(raw.typeflag);
      throw new TarFormatError(`entry "${raw.name}" at byte ${offset}: unsupported entry type ${flag}`);
    }
    const records = { ...globalPax, ...pax };
    const size = records.size !== undefined ? Number(records.size) : raw.size;
    if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError(`entry "${raw.name}" at byte ${offset}: bad pax size`);
    const entry: TarEntry = {
      path: records.path ?? longName ?? raw.name,
      type,
      mode: raw.mode & 0o7777,
      uid: records.uid !== undefined ? Number(records.uid) : raw.uid,
      gid: records.gid !== undefined ? Number(records.gid) : raw.gid,
      size: type === 'file' ? size : 0,
      mtime: records.mtime !== undefined ? Math.floor(Number(records.mtime)) : raw.mtime,
      linkTarget: records.linkpath ?? longLink ?? raw.linkname,
      offset,
    };
    longName = undefined;
    longLink = undefined;
    pax = {};
    yield { kind: 'entry', entry };
    // Only files have content; bytes written after other kinds are skipped.
    const bodySize = size;
    let left = bodySize;
    while (left > 0) {
      if (!(await queue.fill(1))) throw new TarFormatError(`truncated archive: "${entry.path}" is cut short (${left} of ${bodySize} bytes missing)`);
      const chunk = queue.takeSome(left);
      left -= chunk.length;
      if (type === 'file') yield { kind: 'data', chunk };
    }
    const padding = Math.ceil(bodySize / BLOCK) * BLOCK - bodySize;
    if (padding > 0) {
      if (!(await queue.fill(padding))) throw new TarFormatError(`truncated archive: padding after "${entry.path}" is missing`);
      queue.take(padding);
    }
    yield { kind: 'end-of-entry' };
  }
}
