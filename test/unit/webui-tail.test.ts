import { TailBuffer, consumeRead, countLines, lastLines, tailStart } from '../../master/webui/src/model/tail';

describe('web UI log tail', () => {
  it.each([
    [0, 0],
    [1000, 0],
    [100_000, 100_000 - 64 * 1024],
  ])('starts a file of %p bytes at %p', (size, start) => {
    expect(tailStart(size)).toBe(start);
  });

  it.each([
    ['plain text moves by its bytes', 10, 'abc\n', {}, { text: 'abc\n', nextOffset: 14 }],
    ['multi-byte text moves by bytes, not characters', 0, 'é€\n', {}, { text: 'é€\n', nextOffset: 6 }],
    ['a full read that cut a character leaves it for the next read', 0, 'ab\uFFFD', { full: true }, { text: 'ab', nextOffset: 2 }],
    ['a short read keeps a real replacement character', 0, 'ab\uFFFD', {}, { text: 'ab\uFFFD', nextOffset: 5 }],
    ['a read from mid-file starts at the next line', 100, 'tail of line\nnext\n', { dropPartialFirstLine: true }, { text: 'next\n', nextOffset: 118 }],
    ['a mid-file read without a newline shows nothing yet', 100, 'partial', { dropPartialFirstLine: true }, { text: '', nextOffset: 107 }],
  ])('%s', (_what, offset, data, options, result) => {
    expect(consumeRead(offset, data, options)).toEqual(result);
  });

  it.each([
    ['', 0],
    ['a', 0],
    ['a\n', 1],
    ['a\nb\nc', 2],
  ])('counts %p as %p lines', (text, n) => {
    expect(countLines(text)).toBe(n);
  });

  it.each([
    ['a\nb\nc\n', 2, 'b\nc\n'],
    ['a\nb\nc', 2, 'b\nc'],
    ['a\nb\n', 5, 'a\nb\n'],
    ['a\nb\n', 0, ''],
  ])('takes the last lines of %p (%p)', (text, n, out) => {
    expect(lastLines(text, n)).toBe(out);
  });

  it('drops the oldest chunks to stay under the line cap', () => {
    const buffer = new TailBuffer(5);
    expect(buffer.append('1\n2\n')).toEqual({ text: '1\n2\n', drop: 0 });
    expect(buffer.append('3\n4\n')).toEqual({ text: '3\n4\n', drop: 0 });
    expect(buffer.append('5\n6\n')).toEqual({ text: '5\n6\n', drop: 1 });
    expect(buffer.lineCount).toBe(4);
    expect(buffer.chunkCount).toBe(2);
  });

  it('cuts a single chunk longer than the cap to its last lines', () => {
    const buffer = new TailBuffer(3);
    buffer.append('a\n');
    const big = Array.from({ length: 10 }, (_, i) => `${i}\n`).join('');
    expect(buffer.append(big)).toEqual({ text: '7\n8\n9\n', drop: 1 });
    expect(buffer.lineCount).toBe(3);
  });

  it('keeps at most the cap over a long run of 1,000-line chunks', () => {
    const buffer = new TailBuffer(10_000);
    const chunk = 'line\n'.repeat(1000);
    let onScreen = 0;
    for (let i = 0; i < 100; i++) {
      const { drop } = buffer.append(chunk);
      onScreen = onScreen + 1 - drop;
      expect(buffer.lineCount).toBeLessThanOrEqual(10_000);
    }
    expect(onScreen).toBe(buffer.chunkCount);
    expect(buffer.lineCount).toBe(10_000);
  });

  it('forgets everything when cleared', () => {
    const buffer = new TailBuffer(3);
    buffer.append('a\nb\n');
    buffer.clear();
    expect([buffer.lineCount, buffer.chunkCount]).toEqual([0, 0]);
  });
});
