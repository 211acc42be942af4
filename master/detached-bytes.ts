/**
 * Bytes fields of a decoded status copied out of the message they came in
 * (issue 11). The protobuf decoder gives `bytes` fields as views into the
 * received frame, so a status kept for the life of a task (its 16-byte
 * uuid) kept the whole frame (and the socket chunk it was cut from) alive:
 * kilobytes per task.
 */
import type { TaskStatus } from './state-types';

/** Copies up to this size share slabs of {@link SLAB_BYTES} kept for them alone. */
export const SMALL_COPY_BYTES = 256;
/** The size of one slab of small copies. */
export const SLAB_BYTES = 8192;

let slab: ArrayBuffer | undefined;
let slabUsed = 0;

/**
 * A copy of small `bytes` cut from a slab that holds nothing else but such
 * copies (not Node's shared pool, whose slabs also hold short-lived
 * buffers: one kept uuid would keep 8 KB of them alive).
 */
function smallCopy(bytes: Uint8Array): Buffer {
  const n = bytes.byteLength;
  const at = (slabUsed + 7) & ~7;
  if (!slab || at + n > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
    return smallCopy(bytes);
  }
  const out = Buffer.from(slab, at, n);
  out.set(bytes);
  slabUsed = at + n;
  return out;
}

/** True when `bytes` is a view into a larger buffer (or one of our slabs). */
export function isView(bytes: Uint8Array): boolean {
  return bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength;
}

/**
 * `bytes` as a copy of its own when it is a view into a larger buffer that
 * is not one of ours; else itself. A Buffer stays a Buffer, a Uint8Array
 * stays one.
 */
export function detach<T extends Uint8Array>(bytes: T): T {
  if (!isView(bytes) || bytes.buffer === slab) return bytes;
  if (!Buffer.isBuffer(bytes)) return new Uint8Array(bytes) as T;
  if (bytes.byteLength <= SMALL_COPY_BYTES) return smallCopy(bytes) as unknown as T;
  const own = Buffer.allocUnsafeSlow(bytes.byteLength);
  own.set(bytes);
  return own as unknown as T;
}

/**
 * Copy `status`'s `uuid` and `data` out of their message, in place (the
 * status is the master's from here on). Same bytes, same type: every
 * answer that shows the status is unchanged.
 */
export function detachStatusBytes(status: TaskStatus): TaskStatus {
  if (status.uuid && status.uuid.length > 0) status.uuid = detach(status.uuid);
  if (status.data && status.data.length > 0) status.data = detach(status.data);
  return status;
}
