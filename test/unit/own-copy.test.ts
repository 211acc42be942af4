/** ownCopy reads as `{ ...source, ...extra }` does (issue 11: the spread gave each held task a hidden class of its own). */
import { ownCopy } from '../../master/own-copy';
import { pb } from '@meseta/proto/wire';

describe('ownCopy', () => {
  const decoded = () => pb.Task.decode(pb.Task.encode({ name: 'web', task_id: { value: 't1' }, framework_id: { value: 'f1' }, state: 1 }).finish());
  it.each([
    ['plain fields in order', { b: 1, a: 2 }, undefined],
    ['a field overwritten keeps its place', { a: 1, b: 2, c: 3 }, { b: 9 }],
    ['a new field comes last', { a: 1 }, { z: 1, a: 5 }],
    ['undefined values stay own fields', { a: undefined, b: 1 }, { c: undefined }],
    ['a decoded message: own fields only, no prototype defaults', decoded(), { agent_id: { value: 'a1' }, framework_id: { value: 'f2' } }],
  ])('%s', (_name, source: object, extra?: object) => {
    const spread = { ...source, ...extra };
    const copy = ownCopy(source as Record<string, unknown>, extra as Record<string, unknown> | undefined);
    expect(Object.keys(copy)).toEqual(Object.keys(spread));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(spread));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { constructor?: unknown }).constructor).toBe(Object);
    expect(copy).toStrictEqual(spread);
    expect(copy).not.toBe(source);
  });

  it('a copy with more fields than a literal {} holds in itself reads as the spread', () => {
    const source = { a: 1, b: 'x', c: null, d: [1], e: { v: 1 }, f: true, g: undefined, h: 2, i: 3, j: 4, k: 5, l: 6 };
    const copy = ownCopy(source as Record<string, unknown>, { m: 7, a: 0 });
    expect(copy).toStrictEqual({ ...source, m: 7, a: 0 });
    expect(Object.keys(copy)).toEqual([...Object.keys(source), 'm']);
    expect(Object.prototype.toString.call(copy)).toBe('[object Object]');
  });

  it('leaves a non-enumerable field behind, as the spread does', () => {
    const source = decoded();
    Object.defineProperty(source, '$unknowns', { value: [Uint8Array.from([1])], enumerable: false });
    expect('$unknowns' in ownCopy(source)).toBe(false);
    expect('$unknowns' in { ...source }).toBe(false);
  });
});
