/**
 * The Mesos operator API's big reads (GET_STATE, GET_TASKS, GET_AGENTS,
 * GET_FRAMEWORKS, GET_EXECUTORS) answered in protobuf without one long
 * synchronous block: the lists' items are encoded one by one, a slice at a
 * time with a yield between slices, each as a length-delimited field of
 * its list; the enclosing messages' tags and lengths are put around them
 * once every item is encoded (a length comes before its message), and the
 * bytes go to the socket a slice at a time, waiting on a full socket.
 * Fields are laid out in field-number order, as protobufjs writes them, so
 * the bytes are exactly `encodeMesosMessage(Response, answer, 'protobuf')`
 * for the same state (each item as it is when reached; unit-tested).
 */
import { pb } from '@meseta/proto/wire';
import type { Master } from './master';
import { type OperatorStreamOptions, type SplicedList, operatorReadLists } from './mesos-operator-stream';
import { drainOrClose } from './sink-drain';

const T = pb.master.Call.Type;

/** A protobufjs message class, as far as this module uses it. */
interface ProtoCodec {
  fromObject(o: Record<string, unknown>): unknown;
  encode(m: unknown): { finish(): Uint8Array };
}

/**
 * Encoded bytes in pieces (byte chunks and nested pieces, in order; nesting
 * instead of copying, so putting a key and a length around 1,000,000 chunks
 * costs nothing), and their total length.
 */
export interface Pieces {
  parts: Array<Uint8Array | Pieces>;
  length: number;
}

/** The byte chunks of `pieces` in order, walked without copying. */
export function* chunksOf(pieces: Pieces): Generator<Uint8Array> {
  for (const p of pieces.parts) {
    if (p instanceof Uint8Array) yield p;
    else yield* chunksOf(p);
  }
}

const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `n` (a non-negative integer) as a protobuf varint. */
export function varint(n: number): Uint8Array {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

/** The key (field number and wire type) protobufjs writes for `field` of `codec`, read off the encoding of a message holding only it. */
function keyOf(codec: ProtoCodec, field: string, value: unknown): { key: Uint8Array; number: number } {
  const bytes = codec.encode(codec.fromObject({ [field]: value })).finish();
  let n = 0;
  let i = 0;
  for (let mul = 1; ; mul *= 0x80) {
    const b = bytes[i++];
    n += (b & 0x7f) * mul;
    if (b < 0x80) break;
  }
  return { key: bytes.slice(0, i), number: Math.floor(n / 8) };
}

/** A length-delimited field: key, length, body. */
function delimited(key: Uint8Array, body: Pieces): Pieces {
  const len = varint(body.length);
  return { parts: [key, len, body], length: key.length + len.length + body.length };
}

/** Fields of one message, each already encoded, joined in field-number order. */
function join(fields: Array<{ number: number; pieces: Pieces }>): Pieces {
  const sorted = [...fields].sort((a, b) => a.number - b.number);
  return { parts: sorted.map((f) => f.pieces), length: sorted.reduce((n, f) => n + f.pieces.length, 0) };
}

/** A repeated message field's items, each encoded as a field of `parent`, a slice at a time. */
async function encodeList(parent: ProtoCodec, field: string, list: SplicedList, slice: number, yieldNow: () => Promise<void>, count: { n: number }): Promise<{ number: number; pieces: Pieces }> {
  const { key, number } = keyOf(parent, field, [list.marker]);
  const codec = list.codec as unknown as ProtoCodec;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (const item of list.items) {
    const body = codec.encode(codec.fromObject(list.message(item) as Record<string, unknown>)).finish();
    const len = varint(body.length);
    chunks.push(key, len, body);
    length += key.length + len.length + body.length;
    if (++count.n % slice === 0) await yieldNow();
  }
  return { number, pieces: { parts: chunks, length } };
}

const R = pb.master.Response;
const codecOf = (c: unknown): ProtoCodec => c as ProtoCodec;
/** Each sub-answer's type and its lists' field names, in {@link operatorReadLists}' order. */
const PARTS = {
  get_tasks: { codec: codecOf(R.GetTasks), fields: ['tasks', 'unreachable_tasks', 'completed_tasks'] },
  get_agents: { codec: codecOf(R.GetAgents), fields: ['agents', 'recovered_agents'] },
  get_frameworks: { codec: codecOf(R.GetFrameworks), fields: ['frameworks', 'completed_frameworks'] },
  get_executors: { codec: codecOf(R.GetExecutors), fields: ['executors'] },
} as const;
type PartName = keyof typeof PARTS;
const PART_OF: Record<number, PartName> = { [T.GET_TASKS]: 'get_tasks', [T.GET_AGENTS]: 'get_agents', [T.GET_FRAMEWORKS]: 'get_frameworks', [T.GET_EXECUTORS]: 'get_executors' };
/** GET_STATE's parts in {@link operatorReadLists}' order. */
const STATE_PARTS: PartName[] = ['get_tasks', 'get_executors', 'get_frameworks', 'get_agents'];

/** One sub-answer (GetTasks, …) from its lists. */
async function encodePart(name: PartName, lists: SplicedList[], slice: number, yieldNow: () => Promise<void>, count: { n: number }): Promise<Pieces> {
  const { codec, fields } = PARTS[name];
  const encoded = [];
  for (let i = 0; i < fields.length; i++) encoded.push(await encodeList(codec, fields[i], lists[i], slice, yieldNow, count));
  return join(encoded);
}

/** A GetState (its four parts, each always present) from GET_STATE's lists. */
async function encodeState(lists: SplicedList[], slice: number, yieldNow: () => Promise<void>, count: { n: number }): Promise<Pieces> {
  const state = codecOf(R.GetState);
  const parts = [];
  let at = 0;
  for (const name of STATE_PARTS) {
    const n = PARTS[name].fields.length;
    const pieces = await encodePart(name, lists.slice(at, at + n), slice, yieldNow, count);
    at += n;
    const { key, number } = keyOf(state, name, {});
    parts.push({ number, pieces: delimited(key, pieces) });
  }
  return join(parts);
}

/**
 * SUBSCRIBE's first event (SUBSCRIBED with the whole state) as protobuf
 * bytes in pieces, encoded a slice at a time: the bytes of
 * `encodeMesosMessage(Event, subscribedEvent(master, heartbeatSeconds), 'protobuf')`.
 */
export async function subscribedProtobuf(master: Master, heartbeatSeconds: number, options: OperatorStreamOptions = {}): Promise<Pieces> {
  const slice = Math.max(1, options.slice ?? 500);
  const yieldNow = options.yieldNow ?? (() => master.turnGate.nextTurn());
  const lists = await operatorReadLists(master, T.GET_STATE, { slice, yieldNow });
  const state = await encodeState(lists, slice, yieldNow, { n: 0 });
  const E = pb.master.Event;
  const event = codecOf(E);
  const subscribed = codecOf(E.Subscribed);
  const head = event.encode(event.fromObject({ type: E.Type.SUBSCRIBED })).finish();
  const heartbeat = subscribed.encode(subscribed.fromObject({ heartbeat_interval_seconds: heartbeatSeconds })).finish();
  const getState = keyOf(subscribed, 'get_state', {});
  const body = join([
    { number: getState.number, pieces: delimited(getState.key, state) },
    { number: keyOf(subscribed, 'heartbeat_interval_seconds', heartbeatSeconds).number, pieces: { parts: [heartbeat], length: heartbeat.length } },
  ]);
  const outer = delimited(keyOf(event, 'subscribed', {}).key, body);
  return { parts: [head, outer], length: head.length + outer.length };
}

/**
 * One of the streamed reads over `master` as the protobuf bytes of its
 * `Response`, in pieces (encoded a slice at a time; nothing is copied into
 * one buffer).
 */
export async function operatorReadProtobuf(master: Master, type: number, options: OperatorStreamOptions = {}): Promise<Pieces> {
  const slice = Math.max(1, options.slice ?? 500);
  const yieldNow = options.yieldNow ?? (() => master.turnGate.nextTurn());
  const lists = await operatorReadLists(master, type, { slice, yieldNow });
  const count = { n: 0 };
  const response = codecOf(R);
  // The Response's own type enum (numbered apart from the Call's).
  const head = response.encode(response.fromObject({ type: R.Type[T[type] as keyof typeof R.Type] })).finish();
  let body: Pieces;
  let field: string;
  if (type === T.GET_STATE) {
    field = 'get_state';
    body = await encodeState(lists, slice, yieldNow, count);
  } else {
    const name = PART_OF[type];
    if (!name) throw new Error(`call type ${type} is not a streamed read`);
    field = name;
    body = await encodePart(name, lists, slice, yieldNow, count);
  }
  const outer = delimited(keyOf(response, field, {}).key, body);
  return { parts: [head, outer], length: head.length + outer.length };
}

/** Where the pieces go: a response (or a test's collector). */
export interface ByteSink {
  /** Returns false when the sink's buffer is full (wait for `drain`). */
  write(chunk: Uint8Array): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  readonly destroyed?: boolean;
}

/**
 * Write pieces to `out`, `slice` pieces joined per write with a yield
 * between writes, waiting on a full socket. Resolves when written or when
 * the reader went away; the caller ends the response.
 */
export async function writePieces(out: ByteSink, pieces: Pieces, options: OperatorStreamOptions = {}): Promise<void> {
  const per = Math.max(1, options.slice ?? 500) * 3; // three chunks (key, length, body) an item
  const yieldNow = options.yieldNow ?? immediate;
  const chunks = chunksOf(pieces);
  let next = chunks.next();
  while (!next.done) {
    const group: Uint8Array[] = [];
    for (; !next.done && group.length < per; next = chunks.next()) group.push(next.value);
    if (out.destroyed) return;
    if (!out.write(Buffer.concat(group)) && !out.destroyed) {
      await drainOrClose(out);
    }
    if (!next.done) await yieldNow();
  }
}
