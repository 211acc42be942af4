/** ByteChunks: pieces encoded once into chunks that are each whole UTF-8, in order. */
import { ByteChunks } from '../../master/byte-chunks';

describe('ByteChunks', () => {
  it.each([
    ['ascii pieces in one chunk', 64, ['{"a":', '1', '}']],
    ['ascii pieces over several chunks', 8, ['{"agents":[', '"a1"', ',', '"a2"', ']}']],
    ['two- and three-byte characters', 7, ['é', 'ü€', '日本語', 'x']],
    ['surrogate pairs (4 bytes)', 9, ['😀', 'a😀b', '😀😀']],
    ['a piece larger than a chunk', 4, ['short', 'a much longer piece than the chunk', 'z']],
    ['an empty piece', 4, ['', 'ab', '']],
  ])('%s: the chunks decode to the pieces joined, each chunk whole', (_name, chunkBytes, pieces) => {
    const c = new ByteChunks(chunkBytes);
    const out: Buffer[] = [];
    for (const p of pieces) {
      const full = c.add(p);
      if (full) out.push(Buffer.from(full));
    }
    const last = c.take();
    if (last) out.push(last);
    expect(c.size).toBe(0);
    expect(c.take()).toBeUndefined();
    // Each chunk decodes on its own (no character cut between two).
    for (const chunk of out) expect(Buffer.from(chunk.toString('utf8'), 'utf8').equals(chunk)).toBe(true);
    expect(Buffer.concat(out).toString('utf8')).toBe(pieces.join(''));
  });

  it('refuses a chunk size that is not a positive integer, naming it', () => {
    expect(() => new ByteChunks(0)).toThrow(/chunkBytes: 0/);
    expect(() => new ByteChunks(1.5)).toThrow(/chunkBytes: 1.5/);
  });
});
