/**
 * The framing of `meseta-link/1`, the agent link's light transport (beside
 * gRPC over HTTP/2 on the same port): pure encoding and decoding, no I/O.
 *
 * A connection opens with {@link LINK_PREFACE} from the client; the server's
 * first bytes are the same preface (sent with its first frame), so a client
 * can tell a server that does not speak the link. Then both sides send frames:
 *
 * ```
 * u32 length (of what follows: 5 + payload)  u8 kind  u32 stream  payload
 * ```
 *
 * Several streams (agent links) may share one connection; the client picks
 * their ids. Kinds: `OPEN` (client: payload is a JSON object of string
 * metadata, e.g. `authorization`), `DATA` (both ways: one protobuf message),
 * `HALF_CLOSE` (client: no more messages), `CANCEL` (client: the stream is
 * given up), `STATUS` (server: the stream is over; payload is JSON
 * `{code, details}` with gRPC's status codes, 0 = OK). A `STATUS` on stream 0
 * ends the whole connection (a protocol error, named in `details`).
 */

/** What a client sends first; the server answers with the same bytes. */
export const LINK_PREFACE = Buffer.from('MESETA-LINK/1\r\n');

/** The ALPN protocol name of the light link on TLS ports. */
export const LINK_ALPN = 'meseta-link/1';

/** Frame kinds. */
export const FrameKind = {
  OPEN: 1,
  DATA: 2,
  HALF_CLOSE: 3,
  CANCEL: 4,
  STATUS: 5,
} as const;

/** One of {@link FrameKind}'s values. */
export type FrameKindValue = (typeof FrameKind)[keyof typeof FrameKind];

/** Bytes before a frame's payload. */
export const FRAME_HEADER_BYTES = 9;

/** Largest payload accepted (as the gRPC channels' 64 MiB message limit). */
export const MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;

/** A decoded frame. */
export interface LinkFrame {
  kind: FrameKindValue;
  stream: number;
  payload: Buffer;
}

/** The end of a stream as the server reports it. */
export interface LinkStatus {
  code: number;
  details: string;
}

const KINDS = new Set<number>(Object.values(FrameKind));

/** One frame as bytes. */
export function encodeFrame(kind: FrameKindValue, stream: number, payload: Uint8Array = EMPTY): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  out.writeUInt32BE(5 + payload.length, 0);
  out[4] = kind;
  out.writeUInt32BE(stream >>> 0, 5);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

const EMPTY = new Uint8Array(0);

/** A `STATUS` frame. */
export function encodeStatus(stream: number, status: LinkStatus): Buffer {
  return encodeFrame(FrameKind.STATUS, stream, Buffer.from(JSON.stringify({ code: status.code, details: status.details })));
}

/** An `OPEN` frame carrying `metadata`. */
export function encodeOpen(stream: number, metadata: Readonly<Record<string, string>>): Buffer {
  return encodeFrame(FrameKind.OPEN, stream, Buffer.from(JSON.stringify(metadata)));
}

/** The metadata of an `OPEN` frame, or a problem naming what is wrong. */
export function parseOpenPayload(payload: Buffer): { metadata: Record<string, string> } | { problem: string } {
  if (payload.length === 0) return { metadata: {} };
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    return { problem: `OPEN metadata: not JSON (${(e as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'OPEN metadata: expected a JSON object of strings' };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return { problem: `OPEN metadata: "${k}" must be a string, got ${v === null ? 'null' : typeof v}` };
    out[k.toLowerCase()] = v;
  }
  return { metadata: out };
}

/** The status of a `STATUS` frame, or a problem naming what is wrong. */
export function parseStatusPayload(payload: Buffer): { status: LinkStatus } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    return { problem: `STATUS: not JSON (${(e as Error).message})` };
  }
  const v = value as { code?: unknown; details?: unknown } | null;
  if (!v || typeof v !== 'object' || !Number.isInteger(v.code)) return { problem: 'STATUS: expected {"code": integer, "details": string}' };
  return { status: { code: v.code as number, details: typeof v.details === 'string' ? v.details : '' } };
}

/**
 * Cuts a byte stream into frames. Feed it chunks as they arrive; it returns
 * the whole frames so far and keeps the rest. A frame that cannot be valid
 * (unknown kind, too long) is reported as a problem; the connection must
 * then be closed (what follows cannot be trusted).
 */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private failed?: string;

  constructor(private readonly maxPayload: number = MAX_FRAME_PAYLOAD) {}

  /** The frames completed by `chunk`, or the problem that makes the stream unreadable. */
  push(chunk: Buffer): { frames: LinkFrame[]; problem?: string } {
    if (this.failed) return { frames: [], problem: this.failed };
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: LinkFrame[] = [];
    let at = 0;
    while (this.pending.length - at >= 4) {
      const length = this.pending.readUInt32BE(at);
      if (length < 5) return this.fail(frames, `frame length ${length} is shorter than its 5-byte header`);
      if (length - 5 > this.maxPayload) return this.fail(frames, `frame payload of ${length - 5} bytes is over the limit of ${this.maxPayload}`);
      if (this.pending.length - at < 4 + length) break;
      const kind = this.pending[at + 4];
      if (!KINDS.has(kind)) return this.fail(frames, `unknown frame kind ${kind}`);
      const stream = this.pending.readUInt32BE(at + 5);
      frames.push({ kind: kind as FrameKindValue, stream, payload: this.pending.subarray(at + FRAME_HEADER_BYTES, at + 4 + length) });
      at += 4 + length;
    }
    this.pending = at === this.pending.length ? Buffer.alloc(0) : this.pending.subarray(at);
    return { frames };
  }

  private fail(frames: LinkFrame[], problem: string): { frames: LinkFrame[]; problem: string } {
    this.failed = problem;
    this.pending = Buffer.alloc(0);
    return { frames, problem };
  }
}
