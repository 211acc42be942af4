/** The logger's line batching (issue 11): lines of one turn in one write, in order; at once past the cap; nothing lost on flush. */
import { LineBatcher, createLogger } from '@meseta/runtime/log';

function batcher(maxBytes?: number) {
  const writes: string[] = [];
  const pending: Array<() => void> = [];
  const b = new LineBatcher((t) => writes.push(t), (f) => pending.push(f), maxBytes);
  const turn = (): void => {
    for (const f of pending.splice(0)) f();
  };
  return { b, writes, pending, turn };
}

describe('LineBatcher', () => {
  it.each([
    ['one line', ['a'], ['a\n']],
    ['a burst in one write, in order', ['a', 'b', 'c'], ['a\nb\nc\n']],
    ['nothing logged, nothing written', [], []],
  ])('%s', (_name, lines, expected) => {
    const { b, writes, turn } = batcher();
    for (const l of lines) b.push(l);
    expect(writes).toEqual([]);
    turn();
    expect(writes).toEqual(expected);
  });

  it('schedules one flush per turn, and again after it', () => {
    const { b, writes, pending, turn } = batcher();
    b.push('a');
    b.push('b');
    expect(pending).toHaveLength(1);
    turn();
    b.push('c');
    expect(pending).toHaveLength(1);
    turn();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes at once past its cap, keeping the order', () => {
    const { b, writes, turn } = batcher(8);
    b.push('1234');
    b.push('5678');
    expect(writes).toEqual(['1234\n5678\n']);
    b.push('x');
    turn();
    expect(writes).toEqual(['1234\n5678\n', 'x\n']);
  });

  it('flush writes what is gathered now (exit), and a later scheduled flush writes nothing twice', () => {
    const { b, writes, turn } = batcher();
    b.push('last words');
    b.flush();
    turn();
    expect(writes).toEqual(['last words\n']);
  });

  it('a logger with its own sink still gets each line as it is logged', () => {
    const lines: string[] = [];
    createLogger('t', 'info', (l) => lines.push(l)).info('agent registered', { agent: 'a1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ INFO t agent registered agent=a1$/);
  });
});
