/**
 * RecordIO, the framing of Mesos's v1 HTTP event streams: each record is
 * its length in bytes as ASCII decimal, a newline, then the record's bytes
 * (`5\nhello`). A SUBSCRIBE response of the scheduler, executor and operator
 * APIs is a stream of such records, each holding one JSON or protobuf event.
 *
 * Pure: no I/O, no timers. The decoder takes chunks as they arrive (a record
 * may be split across chunks, and one chunk may hold several records) and
 * hands back the records it completed.
 */

/** The largest record the decoder accepts unless told otherwise: 16 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** A length prefix longer than this many digits is refused before it is parsed. */
const MAX_PREFIX_DIGITS = 16;

const NEWLINE = 0x0a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** The stream is not valid RecordIO: a bad length prefix, or a record over the size limit. */
export class RecordIoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordIoError';
  }
}

/**
 * One record framed for a RecordIO stream: `<decimal length>\n<bytes>`.
 * The length counts bytes, not characters.
 */
export function encodeRecord(record: Uint8Array): Buffer {
  const prefix = Buffer.from(`${record.length}\n`, 'ascii');
  return Buffer.concat([prefix, record]);
}

/** Options of a {@link RecordIoDecoder}. */
export interface RecordIoDecoderOptions {
  /**
   * The largest record accepted, in bytes; a longer length prefix is an
   * error (before its bytes arrive, so a bad peer cannot fill memory).
   * @default DEFAULT_MAX_RECORD_BYTES (16 MiB)
   */
  maxRecordBytes?: number;
}

/**
 * Decodes a RecordIO stream pushed in chunks of any size.
 *
 * After an error the decoder is broken: every later {@link push} throws the
 * same error, because the framing of what follows cannot be trusted.
 */
export class RecordIoDecoder {
  private readonly maxRecordBytes: number;
  /** Digits of the length prefix read so far (while reading a prefix). */
  private prefix = '';
  /** The record being filled, once its prefix is read. */
  private record: Buffer | undefined;
  private filled = 0;
  private failure: RecordIoError | undefined;
  private offset = 0;

  constructor(options: RecordIoDecoderOptions = {}) {
    const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    if (!Number.isSafeInteger(max) || max < 0) {
      throw new RangeError(`maxRecordBytes: must be a whole number of bytes >= 0, got ${String(max)}`);
    }
    this.maxRecordBytes = max;
  }

  /** True when a record or length prefix has started but not ended. */
  get partial(): boolean {
    return this.prefix.length > 0 || this.record !== undefined;
  }

  /**
   * Feeds the next chunk of the stream and returns the records it
   * completed, in order (none when the chunk ends inside a record).
   * @throws RecordIoError on a bad length prefix or a record over the limit
   */
  push(chunk: Uint8Array): Buffer[] {
    if (this.failure) throw this.failure;
    const records: Buffer[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.record === undefined) {
        at = this.readPrefix(chunk, at, records);
      } else {
        const take = Math.min(this.record.length - this.filled, chunk.length - at);
        this.record.set(chunk.subarray(at, at + take), this.filled);
        this.filled += take;
        at += take;
        if (this.filled === this.record.length) this.finishRecord(records);
      }
    }
    this.offset += chunk.length;
    return records;
  }

  /** Reads prefix bytes from `chunk` at `at`; returns where reading stopped. */
  private readPrefix(chunk: Uint8Array, at: number, records: Buffer[]): number {
    while (at < chunk.length) {
      const byte = chunk[at];
      if (byte === NEWLINE) {
        if (this.prefix.length === 0) {
          this.fail(at, 'an empty length prefix (a newline where the record length should be)');
        }
        const length = Number(this.prefix);
        if (length > this.maxRecordBytes) {
          this.fail(at, `a record of ${length} bytes, the limit is ${this.maxRecordBytes}`);
        }
        this.prefix = '';
        this.record = Buffer.allocUnsafe(length);
        this.filled = 0;
        if (length === 0) this.finishRecord(records);
        return at + 1;
      }
      if (byte < DIGIT_0 || byte > DIGIT_9) {
        this.fail(at, `a length prefix holding ${describeByte(byte)} (only the digits 0-9 and a newline belong there)`);
      }
      if (this.prefix.length >= MAX_PREFIX_DIGITS) {
        this.fail(at, `a length prefix longer than ${MAX_PREFIX_DIGITS} digits`);
      }
      this.prefix += String.fromCharCode(byte);
      at++;
    }
    return at;
  }

  private finishRecord(records: Buffer[]): void {
    records.push(this.record as Buffer);
    this.record = undefined;
    this.filled = 0;
  }

  private fail(at: number, what: string): never {
    this.failure = new RecordIoError(`RecordIO: ${what}, at byte ${this.offset + at} of the stream`);
    throw this.failure;
  }
}

function describeByte(byte: number): string {
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
