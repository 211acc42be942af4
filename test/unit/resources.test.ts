/** The resource algebra of proto/src/resources.ts, as tables. */
import type { Resource } from '@meseta/proto/wire';
import {
  add,
  allocatableTo,
  allocate,
  coalesceRanges,
  contains,
  formatRanges,
  formatResources,
  normalize,
  quantities,
  ranges,
  rangesSize,
  reservationRole,
  roundScalar,
  scalar,
  scalarOf,
  set,
  shortfalls,
  subtract,
  subtractRanges,
  unallocate,
} from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';

/** Text form in, text form out: `cpus:1;ports:[1-5]`. */
const r = (text: string): Resource[] => parseResources(text);
const text = (resources: readonly Resource[]): string => formatResources(resources);

describe('add', () => {
  it.each([
    ['adds scalars of one name', 'cpus:1;mem:10', 'cpus:2', 'cpus:3;mem:10'],
    ['keeps fixed point: 0.1 + 0.2 cpus is 0.3', 'cpus:0.1', 'cpus:0.2', 'cpus:0.3'],
    ['merges adjacent port ranges', 'ports:[31000-31004]', 'ports:[31005-31010]', 'ports:[31000-31010]'],
    ['merges overlapping port ranges', 'ports:[1-10]', 'ports:[5-20,30-40]', 'ports:[1-20,30-40]'],
    ['keeps disjoint port ranges apart', 'ports:[1-2]', 'ports:[4-5]', 'ports:[1-2,4-5]'],
    ['unions sets', 'gpus:{a,b}', 'gpus:{b,c}', 'gpus:{a,b,c}'],
    ['keeps reserved and unreserved apart', 'cpus:1', 'cpus(ops):2', 'cpus:1;cpus(ops):2'],
    ['keeps reservations of different roles apart', 'cpus(dev):1', 'cpus(ops):2', 'cpus(dev):1;cpus(ops):2'],
    ['adds nothing to nothing', '', '', ''],
  ])('%s', (_case, a, b, expected) => {
    expect(text(add(r(a), r(b)))).toBe(expected);
  });

  it('does not change its arguments', () => {
    const a = r('cpus:1;ports:[1-5]');
    const before = JSON.stringify(a);
    add(a, r('cpus:2;ports:[6-9]'));
    expect(JSON.stringify(a)).toBe(before);
  });

  it('stays exact over many additions and subtractions', () => {
    let total: Resource[] = [];
    for (let i = 0; i < 1000; i++) total = add(total, [scalar('cpus', 0.1)]);
    for (let i = 0; i < 999; i++) total = subtract(total, [scalar('cpus', 0.1)]);
    expect(total).toEqual([scalar('cpus', 0.1)]);
  });
});

describe('subtract', () => {
  it.each([
    ['subtracts scalars', 'cpus:4;mem:1024', 'cpus:1.5;mem:24', 'cpus:2.5;mem:1000'],
    ['drops a scalar that reaches zero', 'cpus:1;mem:5', 'cpus:1', 'mem:5'],
    ['never goes below zero', 'cpus:1', 'cpus:2', ''],
    ['keeps fixed point: 0.3 - 0.1 cpus is 0.2', 'cpus:0.3', 'cpus:0.1', 'cpus:0.2'],
    ['cuts a hole in a port range', 'ports:[31000-32000]', 'ports:[31005-31010]', 'ports:[31000-31004,31011-32000]'],
    ['trims the ends of a port range', 'ports:[1-10]', 'ports:[1-2,9-12]', 'ports:[3-8]'],
    ['removes set items', 'gpus:{a,b,c}', 'gpus:{b}', 'gpus:{a,c}'],
    ['ignores kinds it does not have', 'cpus:1', 'gpus:{a};mem:5', 'cpus:1'],
    ['does not take reserved resources for unreserved ones', 'cpus(ops):2', 'cpus:2', 'cpus(ops):2'],
    ['takes reserved resources of the named role only', 'cpus(ops):2;cpus(dev):2', 'cpus(ops):1', 'cpus(ops):1;cpus(dev):2'],
  ])('%s', (_case, a, b, expected) => {
    expect(text(subtract(r(a), r(b)))).toBe(expected);
  });
});

describe('contains and shortfalls', () => {
  it.each([
    ['fits exactly', 'cpus:2;mem:512', 'cpus:2;mem:512', []],
    ['fits a part', 'cpus:2;mem:512;ports:[31000-31010]', 'cpus:0.5;ports:[31002-31003]', []],
    ['names a missing scalar with both amounts', 'cpus:2;mem:512', 'cpus:4', ['cpus: asked 4, offer holds 2']],
    ['names a resource the offer lacks entirely', 'cpus:2', 'mem:128', ['mem: asked 128, offer holds 0']],
    ['names missing ports', 'ports:[31000-31005]', 'ports:[31004-31010]', ['ports: asked [31004-31010], offer lacks [31006-31010]']],
    ['names missing set items', 'gpus:{a}', 'gpus:{a,b}', ['gpus: asked {a,b}, offer lacks {b}']],
    ['does not count unreserved for a reservation', 'disk:10', 'disk(ops):5', ['disk: asked 5, offer holds 0 reserved for role "ops"']],
    ['does not count a reservation for unreserved', 'cpus(ops):4', 'cpus:1', ['cpus: asked 1, offer holds 0']],
    ['lists every shortfall', 'cpus:1;mem:1', 'cpus:2;mem:2', ['cpus: asked 2, offer holds 1', 'mem: asked 2, offer holds 1']],
  ])('%s', (_case, available, needed, expected) => {
    const missing = shortfalls(r(available), r(needed));
    expect(missing.map((m) => m.message)).toEqual(expected);
    expect(contains(r(available), r(needed))).toBe(expected.length === 0);
  });

  it('reports shortfalls as data: name, requested, available', () => {
    expect(shortfalls(r('cpus:2;ports:[1-3]'), r('cpus:4;ports:[1-5]'))).toEqual([
      { name: 'cpus', requested: 4, available: 2, message: 'cpus: asked 4, offer holds 2' },
      { name: 'ports', requested: 5, available: 3, message: 'ports: asked [1-5], offer lacks [4-5]' },
    ]);
  });

  it('sums 0.1 + 0.2 cpus asked in two pieces to 0.3, which fits 0.3', () => {
    expect(contains([scalar('cpus', 0.3)], [scalar('cpus', 0.1), scalar('cpus', 0.2)])).toBe(true);
    expect(contains([scalar('cpus', 0.3)], [scalar('cpus', 0.1), scalar('cpus', 0.2), scalar('cpus', 0.001)])).toBe(false);
  });
});

describe('ranges', () => {
  it.each([
    ['sorts and merges', [[5, 6], [1, 2], [3, 4]], '[1-6]'],
    ['drops inverted spans', [[5, 1], [7, 8]], '[7-8]'],
    ['keeps gaps', [[1, 1], [3, 3]], '[1-1,3-3]'],
    ['absorbs contained spans', [[1, 100], [10, 20]], '[1-100]'],
  ])('coalesces: %s', (_case, spans, expected) => {
    expect(formatRanges(coalesceRanges((spans as Array<[number, number]>).map(([begin, end]) => ({ begin, end }))))).toBe(expected);
  });

  it.each([
    ['a single span', [[31000, 32000]], 1001],
    ['overlaps counted once', [[1, 10], [5, 14]], 14],
    ['nothing', [], 0],
  ])('counts values: %s', (_case, spans, expected) => {
    expect(rangesSize((spans as Array<[number, number]>).map(([begin, end]) => ({ begin, end })))).toBe(expected);
  });

  it('subtracts spans from spans', () => {
    expect(formatRanges(subtractRanges([{ begin: 1, end: 10 }], [{ begin: 3, end: 4 }, { begin: 10, end: 10 }]))).toBe('[1-2,5-9]');
  });
});

describe('quantities', () => {
  it.each([
    ['scalars by name', 'cpus:2;mem:1024', { cpus: 2, mem: 1024 }],
    ['ports by how many', 'ports:[31000-32000]', { ports: 1001 }],
    ['set items by how many', 'gpus:{a,b,c}', { gpus: 3 }],
    ['reservations together with unreserved', 'cpus:1;cpus(ops):2.5', { cpus: 3.5 }],
  ])('counts %s', (_case, resources, expected) => {
    expect(Object.fromEntries(quantities(r(resources)))).toEqual(expected);
  });

  it('gives one named scalar across roles', () => {
    expect(scalarOf(r('cpus:1;cpus(ops):2;mem:5'), 'cpus')).toBe(3);
    expect(scalarOf(r('mem:5'), 'cpus')).toBe(0);
  });
});

describe('roles and allocation', () => {
  it.each([
    ['unreserved', scalar('cpus', 1), '*'],
    ['statically reserved', scalar('cpus', 1, 'ops'), 'ops'],
    ['reserved in a stack: the innermost wins', { ...scalar('cpus', 1), reservations: [{ role: 'a' }, { role: 'a/b' }] }, 'a/b'],
  ])('finds the role of %s resources', (_case, resource, expected) => {
    expect(reservationRole(resource)).toBe(expected);
  });

  it.each([
    ['dev', 'cpus:1;mem:10;cpus(dev):2'],
    ['ops', 'cpus:1;mem:10;cpus(ops):3'],
    ['qa', 'cpus:1;mem:10'],
  ])('lets role %s use unreserved resources and its own reservations', (role, expected) => {
    expect(text(allocatableTo(r('cpus:1;mem:10;cpus(dev):2;cpus(ops):3'), role))).toBe(expected);
  });

  it('stamps offered resources with allocation_role and strips it again', () => {
    const offered = allocate(r('cpus:2;ports:[1-5]'), 'web');
    expect(offered.map((x) => x.allocation_role)).toEqual(['web', 'web']);
    expect(unallocate(offered)).toEqual(r('cpus:2;ports:[1-5]'));
  });

  it('keeps allocated and unallocated resources apart, as distinct kinds', () => {
    expect(contains(allocate(r('cpus:2'), 'web'), r('cpus:1'))).toBe(false);
    expect(contains(allocate(r('cpus:2'), 'web'), allocate(r('cpus:1'), 'web'))).toBe(true);
  });
});

describe('building and formatting', () => {
  it.each([
    ['scalars, ranges, sets and roles', [scalar('cpus', 2), ranges('ports', [[31000, 32000]]), set('gpus', ['b', 'a']), scalar('disk', 10, 'ops')], 'cpus:2;ports:[31000-32000];gpus:{a,b};disk(ops):10'],
    ['nothing', [], ''],
    ['a scalar rounded to three decimals', [scalar('cpus', 1.23456)], 'cpus:1.235'],
  ])('formats %s', (_case, resources, expected) => {
    expect(formatResources(resources)).toBe(expected);
  });

  it.each([
    [0.1 + 0.2, 0.3],
    [1.0004, 1],
    [2.0006, 2.001],
    [-0.0004, -0],
  ])('rounds %p to %p', (value, expected) => {
    expect(roundScalar(value)).toBe(expected);
  });

  it('normalises a list: one entry per kind, empty ones dropped', () => {
    expect(text(normalize([scalar('cpus', 1), scalar('cpus', 2), scalar('mem', 0), ranges('ports', [])]))).toBe('cpus:3');
    expect(normalize(null)).toEqual([]);
  });
});
