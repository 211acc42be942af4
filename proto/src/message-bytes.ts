/**
 * A message's wire bytes in one exact-size Buffer, encoded through one
 * scratch writer that keeps its grown buffer between messages.
 *
 * Why it exists: protobufjs's writer starts at 128 bytes and doubles as it
 * goes, so a 10 KB message (the master's MasterToAgent with ten RunTasks, a
 * framework's CallBatch of ACCEPTs) allocated 128 → 256 → … → 16 KB, each
 * step above 4 KB a new ArrayBuffer outside node's pool; `finish()` then
 * copied the bytes out, and `Buffer.from()` copied them again. Here the
 * scratch buffer is already big enough and the bytes are copied once. (A view
 * of the scratch buffer instead of the copy is safe for grpc-js's server,
 * which frames a response in the same call, but not for its client, which
 * awaits first; tried for responses in S5, no end-to-end gain shown.)
 */
import * as protobuf from 'protobufjs/minimal';

/** What a generated codec offers for encoding into a given writer. */
export interface EncodesInto<T> {
  encode(message: T, writer?: protobuf.Writer): protobuf.Writer;
}

/** Size the scratch buffer starts at. */
const INITIAL_BYTES = 64 * 1024;
/** A scratch buffer grown past this (one huge message) is dropped after use, so it does not stay pinned. */
const KEEP_AT_MOST_BYTES = 1024 * 1024;

let scratch: protobuf.Writer | undefined;
let inUse = false;

/** The writer's fields this module resets (protobufjs keeps them public but untyped). */
interface WriterState {
  pos: number;
  buf: Uint8Array;
  states: number[] | null;
}

function freshScratch(): protobuf.Writer {
  const w = protobuf.Writer.create();
  const state = w as unknown as WriterState;
  // Pre-size through the writer's own growth, so `buf` is whatever type its `alloc` makes (a Buffer under node).
  (w as unknown as { _reserve(n: number): void })._reserve(INITIAL_BYTES);
  state.pos = 0;
  return w;
}

/**
 * `message` encoded by `codec`, as a Buffer of exactly its length: the same
 * bytes as `Buffer.from(codec.encode(message).finish())`.
 *
 * Re-entrant: a nested call (an encoder that encodes something while another
 * encode is running) gets a writer of its own.
 */
export function messageBytes<T>(codec: EncodesInto<T>, message: T): Buffer {
  if (inUse) return Buffer.from(codec.encode(message).finish());
  inUse = true;
  const writer = (scratch ??= freshScratch());
  const state = writer as unknown as WriterState;
  try {
    state.pos = 0;
    state.states = null;
    codec.encode(message, writer);
    const out = Buffer.allocUnsafe(state.pos);
    out.set(state.buf.subarray(0, state.pos), 0);
    return out;
  } finally {
    if (state.buf.length > KEEP_AT_MOST_BYTES) scratch = undefined;
    else {
      state.pos = 0;
      state.states = null;
    }
    inUse = false;
  }
}
