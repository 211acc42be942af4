/** The agent page's cached-images text and order (master/webui/src/model/images.ts). */
import type { AgentImage } from '../../master/agent-images';
import { imageSortValue, inUseText, isoSeconds, layerTotals, shortDigest } from '../../master/webui/src/model/images';
import { sortRows } from '../../master/webui/src/model/table';

describe('cached images in the UI', () => {
  it.each([
    ['sha256:' + 'ab'.repeat(32), 'abababababab'],
    ['sha256:ABCDEF0123456789', 'ABCDEF012345'],
    ['sha256:abc', 'sha256:abc'],
    ['md5:0123456789abcdef', 'md5:0123456789abcdef'],
    ['', ''],
  ])('shortDigest(%j) = %j', (digest, short) => {
    expect(shortDigest(digest)).toBe(short);
  });

  it.each<[string, number | undefined]>([
    ['2026-12-06T08:00:00.000Z', 1796544000],
    ['1970-01-01T00:00:01Z', 1],
    ['not a time', undefined],
  ])('isoSeconds(%j) = %j', (iso, seconds) => {
    expect(isoSeconds(iso)).toBe(seconds);
  });

  it.each([
    [0, 0, '0 layers · 0 B'],
    [1, 512, '1 layer · 512 B'],
    [3, 1_572_864, '3 layers · 1.5 MB'],
    [1200, 5 * 1024 ** 3, '1,200 layers · 5.0 GB'],
  ])('layerTotals of %d layers, %d bytes', (layers, bytes, text) => {
    expect(layerTotals({ totals: { images: 1, layers, bytes } })).toBe(text);
  });

  it.each([
    [0, 'no'],
    [-1, 'no'],
    [1, '1 container'],
    [20, '20 containers'],
  ])('inUseText(%d) = %j', (n, text) => {
    expect(inUseText(n)).toBe(text);
  });

  const image = (reference: string, bytes: number, lastUsed: string, layers: number, inUse: number): AgentImage => ({
    reference, digest: `sha256:${reference.length}`, layers: Array.from({ length: layers }, (_, i) => `sha256:${i}`), bytes, pulled_at: lastUsed, last_used: lastUsed, in_use: inUse,
  });
  const rows = [
    image('r/b:1', 300, '2026-12-06T08:00:00Z', 2, 0),
    image('r/a:1', 100, '2026-12-06T09:00:00Z', 3, 2),
    image('r/c:1', 200, '2026-12-06T07:00:00Z', 1, 1),
  ];
  it.each<[string, boolean, string[]]>([
    ['reference', false, ['r/a:1', 'r/b:1', 'r/c:1']],
    ['size', true, ['r/b:1', 'r/c:1', 'r/a:1']],
    ['last_used', true, ['r/a:1', 'r/b:1', 'r/c:1']],
    ['layers', false, ['r/c:1', 'r/b:1', 'r/a:1']],
    ['in_use', true, ['r/a:1', 'r/c:1', 'r/b:1']],
  ])('sorted by %s (descending %s)', (key, descending, order) => {
    expect(sortRows(rows, imageSortValue(key), descending).map((m) => m.reference)).toEqual(order);
  });
});
