/** BoundedHistory: eviction by count and by bytes, newest kept, order; approximateSize. */
import { BoundedHistory, approximateSize } from '../../master/bounded-history';

interface Entry {
  id: string;
  size: number;
}

function history(maxItems: number, maxBytes: number): BoundedHistory<Entry> {
  return new BoundedHistory<Entry>({ maxItems, maxBytes, sizeOf: (e) => e.size });
}

const e = (id: string, size = 1): Entry => ({ id, size });
const ids = (h: BoundedHistory<Entry>): string[] => h.items().map((x) => x.id);

describe('BoundedHistory', () => {
  it.each([
    ['keeps everything under both bounds', 5, 100, [e('a'), e('b'), e('c')], ['a', 'b', 'c'], [], 3],
    ['evicts the oldest by count', 2, 100, [e('a'), e('b'), e('c'), e('d')], ['c', 'd'], ['a', 'b'], 2],
    ['keeps exactly maxItems at the count bound', 3, 100, [e('a'), e('b'), e('c')], ['a', 'b', 'c'], [], 3],
    ['evicts the oldest by bytes', 10, 10, [e('a', 4), e('b', 4), e('c', 4)], ['b', 'c'], ['a'], 8],
    ['keeps entries summing exactly maxBytes', 10, 12, [e('a', 4), e('b', 4), e('c', 4)], ['a', 'b', 'c'], [], 12],
    ['evicts several small entries for one large one', 10, 10, [e('a', 3), e('b', 3), e('c', 3), e('d', 9)], ['d'], ['a', 'b', 'c'], 9],
    ['keeps the newest alone when it is larger than maxBytes', 10, 10, [e('a', 2), e('b', 50)], ['b'], ['a'], 50],
    ['evicts an oversized entry once a newer one comes', 10, 10, [e('a', 50), e('b', 2)], ['b'], ['a'], 2],
    ['keeps nothing with maxItems 0', 0, 100, [e('a'), e('b')], [], ['a', 'b'], 0],
    ['counts an entry of size 0 against the count only', 2, 0, [e('a', 0), e('b', 0), e('c', 0)], ['b', 'c'], ['a'], 0],
  ])('%s', (_case, maxItems, maxBytes, pushes, kept, evicted, bytes) => {
    const h = history(maxItems, maxBytes);
    const out: string[] = [];
    for (const p of pushes) out.push(...h.push(p).map((x) => x.id));
    expect(ids(h)).toEqual(kept);
    expect(out).toEqual(evicted);
    expect(h.length).toBe(kept.length);
    expect(h.bytes).toBe(bytes);
  });

  it('returns the entries one push evicts, oldest first', () => {
    const h = history(10, 10);
    h.push(e('a', 3));
    h.push(e('b', 3));
    h.push(e('c', 3));
    expect(h.push(e('d', 8)).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('measures each entry once, at push', () => {
    let calls = 0;
    const h = new BoundedHistory<Entry>({ maxItems: 3, maxBytes: 100, sizeOf: (x) => (calls++, x.size) });
    for (let i = 0; i < 10; i++) h.push(e(String(i), 5));
    h.items();
    expect(calls).toBe(10);
    expect(h.bytes).toBe(15);
  });

  it('keeps order and totals across many pushes interleaved with reads', () => {
    const h = history(100, 1000);
    for (let i = 0; i < 10_000; i++) {
      h.push(e(String(i), (i % 7) + 1));
      if (i % 997 === 0) expect(h.items()[h.length - 1].id).toBe(String(i));
    }
    const kept = h.items();
    expect(kept.length).toBe(100);
    expect(kept.map((x) => Number(x.id))).toEqual(Array.from({ length: 100 }, (_, k) => 9_900 + k));
    expect(h.bytes).toBe(kept.reduce((s, x) => s + x.size, 0));
  });

  it.each([
    ['oldest', 0, '9900'],
    ['newest', 99, '9999'],
    ['past the end', 100, undefined],
    ['negative', -1, undefined],
  ])('at() reads the %s kept entry in place, between evictions', (_n, index, id) => {
    const h = history(100, 1000);
    for (let i = 0; i < 10_000; i++) {
      h.push(e(String(i)));
      if (i >= 99) expect(h.at(h.length - 1)?.id).toBe(String(i));
    }
    expect(h.at(index)?.id).toBe(id);
    expect(ids(h)[index]).toBe(id);
  });

  it('is empty after clear and fills again', () => {
    const h = history(2, 100);
    h.push(e('a', 5));
    h.push(e('b', 5));
    h.clear();
    expect(h.items()).toEqual([]);
    expect(h.length).toBe(0);
    expect(h.bytes).toBe(0);
    expect(h.push(e('c', 5))).toEqual([]);
    expect(ids(h)).toEqual(['c']);
  });

  it.each([
    ['a negative maxItems', -1, 10],
    ['a fractional maxItems', 1.5, 10],
    ['a negative maxBytes', 1, -1],
    ['a NaN maxBytes', 1, NaN],
  ])('refuses %s', (_case, maxItems, maxBytes) => {
    expect(() => history(maxItems, maxBytes)).toThrow(RangeError);
  });
});

describe('approximateSize', () => {
  it.each([
    ['a string counts its length', 'hello', 5],
    ['a number counts 8', 42, 8],
    ['a boolean counts 8', true, 8],
    ['null counts 0', null, 0],
    ['undefined counts 0', undefined, 0],
    ['a byte array counts its bytes', new Uint8Array(100), 100],
    ['an empty object counts its reference', {}, 8],
    ['an object counts keys, values and references', { ab: 'xyz' }, 8 + 2 + 8 + 3],
    ['an array counts its elements and references', ['a', 'bc'], 8 + 2 * 8 + 1 + 2],
    ['nested objects add up', { a: { b: 1 } }, 8 + (1 + 8) + 8 + (1 + 8) + 8],
  ])('%s', (_case, value, expected) => {
    expect(approximateSize(value)).toBe(expected);
  });

  it('grows with the text a status carries', () => {
    const small = { task_id: { value: 't1' }, state: 1, message: 'ok' };
    const large = { ...small, message: 'x'.repeat(4096) };
    expect(approximateSize(large) - approximateSize(small)).toBe(4094);
  });

  it('counts an object reached twice once, so a cycle ends', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.x = a;
    a.y = a;
    expect(approximateSize(a)).toBe(8 + (4 + 8 + 1) + (1 + 8) + (1 + 8));
    const shared = { v: 'xyz' };
    expect(approximateSize([shared, shared])).toBe(8 + 2 * 8 + (8 + 1 + 8 + 3));
  });
});
