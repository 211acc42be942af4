/**
 * Docker's multiplexed stream format (logs and attach without a TTY), pure:
 * frames of an 8-byte header — stream (1 stdout, 2 stderr), three zero
 * bytes, the payload length (big endian) — followed by the payload.
 */

/** Which stream a frame belongs to. */
export type DockerStreamName = 'stdin' | 'stdout' | 'stderr' | 'system';

const NAMES: Record<number, DockerStreamName> = { 0: 'stdin', 1: 'stdout', 2: 'stderr', 3: 'system' };

/** Splits a byte stream into frames, across chunk boundaries. */
export class DockerStreamDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: DockerStreamName, payload: Buffer) => void) {}

  /** Feed the next chunk; calls `onFrame` for every complete frame. Throws for a malformed header. */
  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    while (this.pending.length - at >= 8) {
      const kind = this.pending[at];
      const name = NAMES[kind];
      if (!name || this.pending[at + 1] !== 0 || this.pending[at + 2] !== 0 || this.pending[at + 3] !== 0) {
        throw new Error(`malformed Docker stream header at byte ${at}: ${this.pending.subarray(at, at + 8).toString('hex')}`);
      }
      const size = this.pending.readUInt32BE(at + 4);
      if (this.pending.length - at - 8 < size) break;
      this.onFrame(name, this.pending.subarray(at + 8, at + 8 + size));
      at += 8 + size;
    }
    this.pending = this.pending.subarray(at);
  }

  /** Bytes of an incomplete frame still waiting. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** One frame in the multiplexed format (tests, and the inverse of the demuxer). */
export function dockerFrame(stream: DockerStreamName, payload: Buffer | string): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = { stdin: 0, stdout: 1, stderr: 2, system: 3 }[stream];
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
