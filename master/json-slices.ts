/**
 * Large JSON documents written a slice at a time. A document is plain JSON
 * values plus {@link StreamedObject}s: objects whose big arrays are lazy
 * iterables, walked only while writing. {@link writeStreamedJson} yields
 * to the event loop every `slice` array items (and waits for a full socket
 * to drain), so a 500,000-task `/master/state` never blocks agents' links;
 * {@link materialize} builds the same document as one value (unit tests,
 * small answers).
 */
import type { TextSink } from './state-stream';
import { drainOrClose } from './sink-drain';

/** An object with plain fields and lazily walked lists. */
export class StreamedObject {
  private made?: Record<string, unknown>;

  constructor(
    /** Written first, as `JSON.stringify` writes them; a function makes them when first read. */
    private readonly source: Record<string, unknown> | (() => Record<string, unknown>),
    /** Written after the fields, item by item; an item may itself be a StreamedObject. */
    readonly lists: ReadonlyArray<readonly [string, Iterable<unknown>]> = [],
    /**
     * Work {@link writeStreamedJson} awaits before it reads the fields, so
     * what they need (a sum over 500,000 tasks) is done a slice at a time;
     * `pause` yields to the event loop. Without it (or in {@link materialize})
     * the fields are made in one go, to the same value.
     */
    readonly prepare?: (pause: () => Promise<void>) => Promise<void>,
  ) {}

  /** The plain fields. */
  get fields(): Record<string, unknown> {
    if (typeof this.source !== 'function') return this.source;
    return (this.made ??= this.source());
  }
}

/** The document as one plain value (every list walked now). */
export function materialize(value: unknown): unknown {
  if (!(value instanceof StreamedObject)) return value;
  const out: Record<string, unknown> = { ...value.fields };
  for (const [name, items] of value.lists) out[name] = [...items].map(materialize);
  return out;
}

/** Tunables of {@link writeStreamedJson}. */
export interface StreamedJsonOptions {
  /** List items written between two yields. @default 500 */
  slice?: number;
  /** How to yield. @default setImmediate */
  yieldNow?: () => Promise<void>;
}

const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Write `value` as JSON to `out` in slices. The text equals
 * `JSON.stringify(materialize(value))` (entries as they are when reached).
 * Resolves when written or when the reader went away; the caller ends the response.
 */
export async function writeStreamedJson(out: TextSink, value: unknown, options: StreamedJsonOptions = {}): Promise<void> {
  const slice = Math.max(1, options.slice ?? 500);
  const yieldNow = options.yieldNow ?? immediate;
  let buffer: string[] = [];
  let count = 0;
  let gone = false;
  const flush = async (): Promise<void> => {
    if (buffer.length > 0 && !gone) {
      const ok = out.write(buffer.join(''));
      buffer = [];
      if (!ok && !out.destroyed) {
        await drainOrClose(out);
      }
    }
    if (out.destroyed) gone = true;
    await yieldNow();
  };
  const write = async (v: unknown): Promise<void> => {
    if (!(v instanceof StreamedObject)) {
      buffer.push(JSON.stringify(v) ?? 'null');
      return;
    }
    if (v.prepare) {
      await v.prepare(flush);
      if (gone) return;
    }
    const head = JSON.stringify(v.fields);
    buffer.push(head.slice(0, -1));
    let separator = head.length > 2 ? ',' : '';
    for (const [name, items] of v.lists) {
      buffer.push(`${separator}${JSON.stringify(name)}:[`);
      separator = ',';
      let first = true;
      for (const item of items) {
        if (gone) return;
        if (!first) buffer.push(',');
        first = false;
        await write(item);
        if (++count % slice === 0) await flush();
      }
      buffer.push(']');
    }
    buffer.push('}');
  };
  await write(value);
  if (!gone) {
    const ok = out.write(buffer.join(''));
    buffer = [];
    if (!ok && !out.destroyed) {
      await drainOrClose(out);
    }
  }
}
