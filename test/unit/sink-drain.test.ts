import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { drainOrClose } from '../../master/sink-drain';
import { writeStreamedJson, StreamedObject } from '../../master/json-slices';

describe('drainOrClose: no listener left behind', () => {
  it.each([['drain'], ['close']] as const)('after %s, neither drain nor close listeners remain', async (event) => {
    const out = new EventEmitter();
    const waiting = drainOrClose(out);
    expect(out.listenerCount('drain')).toBe(1);
    expect(out.listenerCount('close')).toBe(1);
    out.emit(event);
    await waiting;
    expect(out.listenerCount('drain')).toBe(0);
    expect(out.listenerCount('close')).toBe(0);
  });

  it('a sink without off still resolves', async () => {
    const emitter = new EventEmitter();
    const waiting = drainOrClose({ once: (e, l) => emitter.once(e, l) });
    emitter.emit('drain');
    await expect(waiting).resolves.toBeUndefined();
  });

  it('a sliced document through a small socket buffer: many drains, no close listeners piled up', async () => {
    // A stream with a 64-byte buffer read slowly: nearly every slice waits for a drain.
    const out = new PassThrough({ highWaterMark: 64 });
    let most = 0;
    const chunks: Buffer[] = [];
    const reader = setInterval(() => {
      most = Math.max(most, out.listenerCount('close'));
      let c: Buffer | null;
      while ((c = out.read() as Buffer | null) !== null) chunks.push(c);
    }, 1);
    const items = Array.from({ length: 400 }, (_, i) => ({ n: i, text: 'x'.repeat(50) }));
    await writeStreamedJson(out, new StreamedObject({ a: 1 }, [['items', items]]), { slice: 5 });
    clearInterval(reader);
    let c: Buffer | null;
    while ((c = out.read() as Buffer | null) !== null) chunks.push(c);
    expect(JSON.parse(Buffer.concat(chunks).toString())).toEqual({ a: 1, items });
    // PassThrough keeps a close listener or two of its own; the writer added none that stayed.
    expect(most).toBeLessThanOrEqual(3); // the build before left one per drain: 80 here
  });
});
