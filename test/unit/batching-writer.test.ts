/**
 * The writer every hot stream writes through (`runtime/batching-writer.ts`):
 * one message per tick, batches cut at `maxBatch`, held while the stream
 * does not drain, `idle` / `written` / `finish` / `close` as the master's
 * Calls stream and the SDK's use them. The stream is an in-memory stand-in.
 */
import { BatchingWriter, type BatchingWriterOptions, type WritableLike } from '@meseta/runtime/batching-writer';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

class FakeStream implements WritableLike<number[]> {
  written: number[][] = [];
  /** write answers false while set. */
  full = false;
  /** write throws while set. */
  broken = false;
  private drainListeners: (() => void)[] = [];
  write(message: number[]): boolean {
    if (this.broken) throw new Error('stream gone');
    this.written.push(message);
    return !this.full;
  }
  once(_event: 'drain', listener: () => void): unknown {
    this.drainListeners.push(listener);
    return this;
  }
  drain(): void {
    this.full = false;
    for (const l of this.drainListeners.splice(0)) l();
  }
}

function writerOn(stream: FakeStream, options: BatchingWriterOptions = {}): { writer: BatchingWriter<number, number[]>; writtenCalls: () => number } {
  let writtenCalls = 0;
  const writer = new BatchingWriter<number, number[]>(stream, (items) => [...items], {
    ...options,
    written: () => {
      writtenCalls++;
      options.written?.();
    },
  });
  return { writer, writtenCalls: () => writtenCalls };
}

describe('BatchingWriter', () => {
  it.each<[string, number | undefined, number, number[]]>([
    ['one tick is one message', undefined, 7, [7]],
    ['a tick above maxBatch is cut into maxBatch pieces', 3, 7, [3, 3, 1]],
    ['exactly maxBatch is one message', 4, 4, [4]],
  ])('%s', async (_name, maxBatch, items, sizes) => {
    const stream = new FakeStream();
    const { writer, writtenCalls } = writerOn(stream, maxBatch ? { maxBatch } : {});
    for (let i = 0; i < items; i++) writer.push(i);
    expect(writer.pending).toBe(items);
    expect(writer.idle).toBe(false);
    await tick();
    expect(stream.written.map((m) => m.length)).toEqual(sizes);
    expect(stream.written.flat()).toEqual(Array.from({ length: items }, (_, i) => i));
    expect(writer.idle).toBe(true);
    expect(writtenCalls()).toBe(1);
  });

  it('holds what comes while the stream is full, writes it at the drain, and says when it is idle again', async () => {
    const stream = new FakeStream();
    const { writer, writtenCalls } = writerOn(stream);
    stream.full = true;
    writer.push(1);
    await tick();
    expect(stream.written).toEqual([[1]]);
    expect(writer.idle).toBe(false); // waiting for the drain
    expect(writtenCalls()).toBe(0);
    writer.push(2);
    writer.push(3);
    await tick();
    expect(stream.written).toEqual([[1]]);
    expect(writer.pending).toBe(2);
    stream.drain();
    expect(stream.written).toEqual([[1], [2, 3]]); // at once, not a tick later
    expect(writer.idle).toBe(true);
    expect(writtenCalls()).toBe(1);
  });

  it('calls written after a drain that left nothing queued', async () => {
    const stream = new FakeStream();
    const { writer, writtenCalls } = writerOn(stream);
    stream.full = true;
    writer.push(1);
    await tick();
    expect(writtenCalls()).toBe(0);
    stream.drain();
    expect(writtenCalls()).toBe(1);
    expect(writer.idle).toBe(true);
  });

  it('close returns what it held unwritten, writes nothing more, and returns nothing a second time', async () => {
    const stream = new FakeStream();
    const { writer } = writerOn(stream);
    writer.push(1);
    writer.push(2);
    expect(writer.close()).toEqual([1, 2]);
    writer.push(3);
    await tick();
    expect(stream.written).toEqual([]);
    expect(writer.close()).toEqual([]);
    expect(writer.idle).toBe(true);
  });

  it('finish writes what is queued now and resolves; later pushes are ignored', async () => {
    const stream = new FakeStream();
    const { writer } = writerOn(stream);
    writer.push(1);
    const done = writer.finish();
    expect(stream.written).toEqual([[1]]); // at once
    writer.push(2);
    await done;
    await tick();
    expect(stream.written).toEqual([[1]]);
  });

  it('finish waits for a drain the stream asked for', async () => {
    const stream = new FakeStream();
    const { writer } = writerOn(stream);
    stream.full = true;
    writer.push(1);
    await tick();
    let finished = false;
    void writer.finish().then(() => (finished = true));
    await tick();
    expect(finished).toBe(false);
    stream.drain();
    await tick();
    expect(finished).toBe(true);
  });

  it('a write that throws is reported before the writer closes, so the caller can take what it still held', async () => {
    const stream = new FakeStream();
    let held: number[] | undefined;
    const writer: BatchingWriter<number, number[]> = new BatchingWriter<number, number[]>(stream, (items) => [...items], {
      maxBatch: 2,
      writeFailed: () => (held = writer.close()),
    });
    stream.broken = true;
    for (let i = 0; i < 5; i++) writer.push(i);
    await tick();
    expect(held).toEqual([2, 3, 4]); // the first batch was handed to the failed write
    expect(writer.idle).toBe(true);
  });

  it('toMessage is called once per message, just before it is written', async () => {
    const stream = new FakeStream();
    const seen: number[][] = [];
    const writer = new BatchingWriter<number, number[]>(
      stream,
      (items) => {
        seen.push([...items]);
        expect(stream.written).toHaveLength(seen.length - 1);
        return items;
      },
      { maxBatch: 2 },
    );
    for (let i = 0; i < 3; i++) writer.push(i);
    await tick();
    expect(seen).toEqual([[0, 1], [2]]);
  });
});
