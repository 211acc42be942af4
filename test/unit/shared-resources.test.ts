/** Pure helpers behind the master's compact task records (issue 11): shared resource lists, detached status bytes. */
import { SharedResources, fastResourceKey, resourceListKey, sameFastResource } from '../../master/shared-resources';
import { normalizeUnallocated } from '@meseta/proto/resources';
import { SLAB_BYTES, detach, detachStatusBytes, isView } from '../../master/detached-bytes';
import { parseResources } from '@meseta/proto/resource-text';
import { pb } from '@meseta/proto/wire';

describe('SharedResources', () => {
  it.each([
    ['same text, plain objects', 'cpus:0.1;mem:32', 'cpus:0.1;mem:32', true],
    ['another amount', 'cpus:0.1;mem:32', 'cpus:0.2;mem:32', false],
    ['another order', 'cpus:0.1;mem:32', 'mem:32;cpus:0.1', false],
    ['another role', 'cpus:0.1', 'cpus(web):0.1', false],
    ['ports', 'ports:[1-2]', 'ports:[1-2]', true],
  ])('%s', (_name, a, b, shared) => {
    const table = new SharedResources();
    const first = table.share(parseResources(a));
    expect(table.share(parseResources(b)) === first).toBe(shared);
  });

  it('keeps a decoded message apart from a plain object that prints alike', () => {
    const plain = parseResources('cpus:0.1');
    const decoded = pb.Resource.decode(pb.Resource.encode(plain[0]).finish());
    expect(resourceListKey(plain)).not.toBe(resourceListKey([decoded]));
  });

  const decoded = (text: string) => parseResources(text).map((r) => pb.Resource.decode(pb.Resource.encode(r).finish()));

  it.each([
    ['same decoded scalars', 'cpus:0.1;mem:32', 'cpus:0.1;mem:32', true],
    ['another decoded amount', 'cpus:0.1;mem:32', 'cpus:0.2;mem:32', false],
    ['another decoded role', 'cpus(web):0.1', 'cpus(db):0.1', false],
    ['decoded ranges (keyed by their JSON)', 'ports:[1-2]', 'ports:[1-2]', true],
    ['decoded ranges that differ', 'ports:[1-2]', 'ports:[1-3]', false],
  ])('decoded: %s', (_name, a, b, shared) => {
    const table = new SharedResources();
    const first = table.share(decoded(a));
    expect(table.share(decoded(b)) === first).toBe(shared);
  });

  it.each([
    ['a decoded scalar resource', () => decoded('cpus:0.5')[0], true],
    ['a plain object', () => parseResources('cpus:0.5')[0], false],
    ['a decoded range resource', () => decoded('ports:[1-2]')[0], false],
    ['-0 (prints as 0)', () => Object.assign(decoded('cpus:1')[0], { scalar: pb.Value.Scalar.create({ value: -0 }) }), false],
    ['a plain scalar inside a message', () => Object.assign(decoded('cpus:1')[0], { scalar: { value: 1 } }), false],
    ['unknown fields kept', () => Object.assign(decoded('cpus:1')[0], { $unknowns: [Uint8Array.from([1])] }), false],
  ])('fast key for %s: %s', (_name, make, fast) => {
    expect(fastResourceKey(make()) !== undefined).toBe(fast);
  });

  it('tells fields apart that print alike in another kind of key', () => {
    const a = decoded('cpus:1')[0];
    const b = Object.assign(decoded('cpus:1')[0], { role: '1' });
    expect(fastResourceKey(a)).not.toBe(fastResourceKey(b));
  });

  // The field-by-field comparison must say "same" exactly when both fast keys exist and are equal.
  const scalarOf = (value: number) => Object.assign(decoded('cpus:1')[0], { scalar: pb.Value.Scalar.create({ value }) });
  const variants: Array<[string, () => object]> = [
    ['cpus:0.1', () => decoded('cpus:0.1')[0]],
    ['cpus:0.2', () => decoded('cpus:0.2')[0]],
    ['mem:0.1', () => decoded('mem:0.1')[0]],
    ['cpus(web):0.1', () => decoded('cpus(web):0.1')[0]],
    ['scalar 0', () => scalarOf(0)],
    ['scalar -0', () => scalarOf(-0)],
    ['scalar NaN', () => scalarOf(NaN)],
    ['scalar Infinity', () => scalarOf(Infinity)],
    ['empty scalar', () => Object.assign(decoded('cpus:1')[0], { scalar: pb.Value.Scalar.create({}) })],
    ['plain scalar', () => Object.assign(decoded('cpus:1')[0], { scalar: { value: 1 } })],
    ['plain object', () => parseResources('cpus:0.1')[0]],
    ['ranges', () => decoded('ports:[1-2]')[0]],
    ['role "1"', () => Object.assign(decoded('cpus:1')[0], { role: '1' })],
    ['role 1 (number)', () => Object.assign(decoded('cpus:1')[0], { role: 1 })],
    ['empty list field', () => Object.assign(decoded('cpus:1')[0], { reservations: [] })],
    ['unknowns', () => Object.assign(decoded('cpus:1')[0], { $unknowns: [Uint8Array.from([1])] })],
  ];
  it.each(variants.flatMap(([a, makeA]) => variants.map(([b, makeB]) => [a, b, makeA, makeB] as const)))('sameFastResource(%s, %s) agrees with the fast keys', (_a, _b, makeA, makeB) => {
    const a = makeA();
    const b = makeB();
    const ka = fastResourceKey(a);
    expect(sameFastResource(a, b)).toBe(ka !== undefined && ka === fastResourceKey(b));
  });

  it('a run of equal decoded lists shares the first, with other lists between them too', () => {
    const table = new SharedResources();
    const a = table.share(decoded('cpus:0.1;mem:32'));
    expect(table.share(decoded('cpus:0.1;mem:32'))).toBe(a);
    const b = table.share(decoded('cpus:0.1;mem:64'));
    expect(b).not.toBe(a);
    expect(table.share(decoded('cpus:0.1;mem:32'))).toBe(a);
    expect(table.share(decoded('cpus:0.1;mem:64'))).toBe(b);
    expect(table.share(decoded('cpus:0.1'))).not.toBe(a);
    expect(table.size).toBe(3);
  });

  it('makes the normalised form once per shared list, shared itself', () => {
    const table = new SharedResources();
    let made = 0;
    const normalize = (list: Parameters<typeof normalizeUnallocated>[0]) => {
      made++;
      return normalizeUnallocated(list);
    };
    const first = table.normalized(table.share(decoded('cpus:0.1;mem:32')), normalize);
    const again = table.normalized(table.share(decoded('cpus:0.1;mem:32')), normalize);
    expect(again).toBe(first);
    expect(made).toBe(1);
    expect(first).toEqual(normalizeUnallocated(decoded('cpus:0.1;mem:32')));
    expect(table.normalized(table.share(decoded('cpus:0.2')), normalize)).not.toBe(first);
    expect(made).toBe(2);
  });

  it('starts again past its bound, and leaves empty lists alone', () => {
    const table = new SharedResources(2);
    const a = table.share(parseResources('cpus:1'));
    table.share(parseResources('cpus:2'));
    table.share(parseResources('cpus:3'));
    expect(table.size).toBe(1);
    expect(table.share(parseResources('cpus:1'))).not.toBe(a);
    const empty: never[] = [];
    expect(table.share(empty)).toBe(empty);
    expect(table.size).toBe(2);
  });
});

describe('detach', () => {
  const frame = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
  it.each([
    ['a Buffer view into a frame', frame.subarray(8, 24), true, true],
    ['a Uint8Array view', new Uint8Array(frame.buffer, frame.byteOffset + 8, 16), true, false],
    ['a Uint8Array of its own', Uint8Array.from([1, 2, 3]), false, false],
    ['a large Buffer view', Buffer.concat([Buffer.alloc(1000, 7), frame]).subarray(0, 900), true, true],
  ])('%s', (_name, bytes, copied, isBuffer) => {
    const out = detach(bytes);
    expect(out !== bytes).toBe(copied);
    expect(Buffer.isBuffer(out)).toBe(isBuffer);
    expect(Buffer.from(out)).toEqual(Buffer.from(bytes));
    if (copied) expect(out.buffer).not.toBe(bytes.buffer);
  });

  it('cuts small copies from a slab that holds them alone', () => {
    const a = detach(frame.subarray(0, 16));
    const b = detach(frame.subarray(16, 32));
    expect(a.buffer).toBe(b.buffer);
    expect(a.buffer.byteLength).toBe(SLAB_BYTES);
    expect(isView(a)).toBe(true);
    expect(detach(b)).toBe(b);
  });

  it('copies a status\'s uuid and data in place, and leaves absent ones absent', () => {
    const status = { uuid: frame.subarray(0, 16), data: frame.subarray(16, 19) };
    const out = detachStatusBytes(status);
    expect(out).toBe(status);
    expect(status.uuid.buffer).not.toBe(frame.buffer);
    expect(status.data.buffer).not.toBe(frame.buffer);
    expect([...status.data]).toEqual([16, 17, 18]);
    expect(detachStatusBytes({ state: 1 })).toEqual({ state: 1 });
  });
});
