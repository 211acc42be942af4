/**
 * Kept history with a ceiling in items and in bytes: the master's completed
 * tasks, completed frameworks and recent declines. Mesos bounds these by
 * count only (`--max_completed_frameworks`, `--max_completed_tasks_per_framework`,
 * both `boost::circular_buffer`s); a count alone does not bound memory when
 * one entry can carry a 4 KiB status message and 64 labels, so this
 * container bounds the sum of the entries' sizes too.
 *
 * Rules:
 * - `push` appends and then evicts the oldest entries until both bounds hold.
 * - The newest entry is always kept, even when it alone is larger than
 *   `maxBytes` (it then sits alone and `bytes` exceeds `maxBytes` until the
 *   next push evicts it): the latest completed task is the one an operator
 *   asks about, and the API's size limits (`proto/src/limits.ts`) keep any
 *   single entry small. The one exception is `maxItems: 0`, which keeps
 *   nothing (history switched off, like Mesos's `--max_completed_tasks_per_framework=0`).
 * - `sizeOf` is called once per item, at push; the size is remembered, so an
 *   item changed after it was pushed keeps its old size.
 *
 * Cost: `push` is O(1) amortised plus O(k) for the k entries it evicts
 * (entries sit in an array with a head index; the dead prefix is dropped in
 * place once it is larger than the live part, never `Array.shift` per
 * eviction). `items` is O(1) when nothing was evicted since the last call,
 * else O(length) once.
 */

/** How much a `BoundedHistory` keeps, and how to measure an entry. */
export interface BoundedHistoryOptions<T> {
  /** Most entries kept; 0 keeps none. A non-negative integer. */
  maxItems: number;
  /** Most bytes kept (sum of `sizeOf` over the entries); the newest entry is kept even when larger. */
  maxBytes: number;
  /** Size of one entry in bytes; called once per push. See {@link approximateSize}. */
  sizeOf(item: T): number;
}

/** A first-in, first-out history bounded in count and in bytes. */
export class BoundedHistory<T> {
  private readonly maxItems: number;
  private readonly maxBytes: number;
  private readonly sizeOf: (item: T) => number;
  /** Entries, oldest first, from `head` on; slots before `head` are dead. */
  private buf: T[] = [];
  private sizes: number[] = [];
  private head = 0;
  private total = 0;

  constructor(o: BoundedHistoryOptions<T>) {
    if (!Number.isInteger(o.maxItems) || o.maxItems < 0) {
      throw new RangeError(`maxItems: ${o.maxItems}, must be a non-negative integer`);
    }
    if (!(o.maxBytes >= 0)) throw new RangeError(`maxBytes: ${o.maxBytes}, must be non-negative`);
    this.maxItems = o.maxItems;
    this.maxBytes = o.maxBytes;
    this.sizeOf = o.sizeOf;
  }

  /**
   * Append `item` (the newest), then evict the oldest entries until the
   * count and byte bounds hold, always keeping `item` itself unless
   * `maxItems` is 0. Returns the evicted entries, oldest first.
   */
  push(item: T): T[] {
    if (this.maxItems === 0) return [item];
    const size = Math.max(0, this.sizeOf(item) || 0);
    this.buf.push(item);
    this.sizes.push(size);
    this.total += size;
    const evicted: T[] = [];
    while (this.length > 1 && (this.length > this.maxItems || this.total > this.maxBytes)) {
      evicted.push(this.buf[this.head]);
      this.total -= this.sizes[this.head];
      (this.buf as Array<T | undefined>)[this.head] = undefined; // let it be collected
      this.head++;
    }
    if (this.head > 16 && this.head * 2 > this.buf.length) this.compact();
    return evicted;
  }

  /**
   * The kept entries, oldest first. A view, not a copy: read it before the
   * next `push` or `clear`, and copy it to keep it longer.
   */
  items(): readonly T[] {
    if (this.head > 0) this.compact();
    return this.buf;
  }

  /**
   * The kept entry at `index` (0 the oldest), or undefined; reads in place
   * (unlike {@link items}, no compaction, so a read per push stays cheap).
   */
  at(index: number): T | undefined {
    return index >= 0 && index < this.length ? this.buf[this.head + index] : undefined;
  }

  /** Number of kept entries. */
  get length(): number {
    return this.buf.length - this.head;
  }

  /** Sum of the kept entries' sizes, as measured at push. */
  get bytes(): number {
    return this.total;
  }

  /** Drop every entry. */
  clear(): void {
    this.buf = [];
    this.sizes = [];
    this.head = 0;
    this.total = 0;
  }

  /** Move the live entries to the front of the arrays, in place. */
  private compact(): void {
    const n = this.head;
    this.buf.copyWithin(0, n);
    this.buf.length -= n;
    this.sizes.copyWithin(0, n);
    this.sizes.length -= n;
    this.head = 0;
  }
}

/** Bytes counted for a number, bigint or boolean (a double). */
const SCALAR_BYTES = 8;
/** Bytes counted per object or array, and per array element or object key, for the reference. */
const REF_BYTES = 8;
/** Nesting deeper than this is not counted (protobuf messages are far shallower). */
const MAX_DEPTH = 64;

/**
 * A cheap estimate of the memory a protobuf-ish value holds, in bytes:
 * strings count their length, byte arrays their byte length, numbers,
 * bigints and booleans 8, objects and arrays 8 each plus their own
 * enumerable keys' lengths and values. `null` and `undefined` count 0.
 * It walks the value once without building any string (no
 * `JSON.stringify`); an object reached twice (shared, or a cycle) is
 * counted once, as it is held once; nesting past depth 64 is not counted.
 *
 * It is an estimate for bounding history, not an exact heap size: strings
 * count one byte per UTF-16 unit, and engine overheads are ignored.
 */
export function approximateSize(value: unknown): number {
  let total = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    switch (typeof v) {
      case 'string':
        total += v.length;
        continue;
      case 'number':
      case 'bigint':
      case 'boolean':
        total += SCALAR_BYTES;
        continue;
      case 'object':
        break;
      default:
        continue; // undefined, functions, symbols
    }
    if (v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      total += v.byteLength;
      continue;
    }
    total += REF_BYTES;
    if (depth >= MAX_DEPTH) continue;
    if (Array.isArray(v)) {
      total += REF_BYTES * v.length;
      for (const e of v) stack.push([e, depth + 1]);
      continue;
    }
    for (const key of Object.keys(v)) {
      total += key.length + REF_BYTES;
      stack.push([(v as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return total;
}
