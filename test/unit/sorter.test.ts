/**
 * The contract every Sorter keeps, run against each implementation (as
 * Mesos runs its sorter tests against every sorter).
 */
import type { Sorter } from '../../master/allocator/allocator';
import { DrfSorter } from '../../master/allocator/drf-sorter';
import { RandomSorter } from '../../master/allocator/random-sorter';
import { RoleTreeSorter } from '../../master/allocator/role-tree-sorter';

const sorters: Array<[string, () => Sorter]> = [
  ['DrfSorter', () => new DrfSorter()],
  ['RandomSorter', () => new RandomSorter({ seed: 42 })],
  ['RoleTreeSorter (DRF levels)', () => new RoleTreeSorter()],
  ['RoleTreeSorter (random levels)', () => new RoleTreeSorter(() => new RandomSorter({ seed: 42 }))],
];

function q(entries: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(entries));
}

const CLUSTER = q({ cpus: 10, mem: 1000, ports: 2000 });

describe.each(sorters)('%s', (_name, makeSorter) => {
  function sorterWith(...clients: string[]): Sorter {
    const sorter = makeSorter();
    sorter.setTotal(CLUSTER);
    for (const client of clients) sorter.add(client);
    return sorter;
  }

  it('sorts an empty sorter to nothing', () => {
    expect([...sorterWith().sort()]).toEqual([]);
  });

  it('yields every client exactly once', () => {
    const sorter = sorterWith('a', 'b', 'c', 'd');
    sorter.allocated('b', q({ cpus: 3 }));
    expect([...sorter.sort()].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('counts its clients in size', () => {
    const sorter = sorterWith('a', 'b');
    expect(sorter.size).toBe(2);
    sorter.remove('a');
    expect(sorter.size).toBe(1);
  });

  it('treats adding a client twice as a no-op that keeps its allocation', () => {
    const sorter = sorterWith('a');
    sorter.allocated('a', q({ cpus: 5 }));
    sorter.add('a');
    expect(sorter.size).toBe(1);
    expect(sorter.share('a')).toBeCloseTo(0.5);
  });

  it('starts a removed and re-added client from nothing', () => {
    const sorter = sorterWith('a');
    sorter.allocated('a', q({ cpus: 5 }));
    sorter.remove('a');
    sorter.add('a');
    expect(sorter.share('a')).toBe(0);
  });

  it.each([
    ['remove', (s: Sorter) => s.remove('ghost')],
    ['updateWeight', (s: Sorter) => s.updateWeight('ghost', 3)],
    ['allocated', (s: Sorter) => s.allocated('ghost', q({ cpus: 1 }))],
    ['unallocated', (s: Sorter) => s.unallocated('ghost', q({ cpus: 1 }))],
  ])('ignores %s for an unknown client', (_call, call) => {
    const sorter = sorterWith('a');
    call(sorter);
    expect(sorter.size).toBe(1);
    expect(sorter.share('ghost')).toBe(0);
    expect([...sorter.sort()]).toEqual(['a']);
  });

  it.each([
    ['nothing allocated has share 0', {}, 1, 0],
    ['the largest fraction is the dominant share', { cpus: 2, mem: 500 }, 1, 0.5],
    ['a weight divides the share', { cpus: 2, mem: 500 }, 2, 0.25],
    ['ports count by how many', { cpus: 1, ports: 1000 }, 1, 0.5],
    ['a resource the cluster lacks is ignored', { cpus: 1, gpus: 4 }, 1, 0.1],
  ])('computes shares: %s', (_case, allocation, weight, expected) => {
    const sorter = makeSorter();
    sorter.setTotal(CLUSTER);
    sorter.add('a', weight);
    sorter.allocated('a', q(allocation));
    expect(sorter.share('a')).toBeCloseTo(expected, 10);
  });

  it('lowers the share when resources are unallocated, and never below zero', () => {
    const sorter = sorterWith('a');
    sorter.allocated('a', q({ cpus: 4 }));
    sorter.unallocated('a', q({ cpus: 3 }));
    expect(sorter.share('a')).toBeCloseTo(0.1);
    sorter.unallocated('a', q({ cpus: 5 }));
    expect(sorter.share('a')).toBe(0);
  });

  it('recomputes shares when the total changes', () => {
    const sorter = sorterWith('a');
    sorter.allocated('a', q({ cpus: 5 }));
    sorter.setTotal(q({ cpus: 20, mem: 1000 }));
    expect(sorter.share('a')).toBeCloseTo(0.25);
  });

  it('applies weight changes to the share', () => {
    const sorter = sorterWith('a');
    sorter.allocated('a', q({ cpus: 5 }));
    sorter.updateWeight('a', 5);
    expect(sorter.share('a')).toBeCloseTo(0.1);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects the weight %p', (weight) => {
    const sorter = sorterWith('a');
    expect(() => sorter.updateWeight('a', weight)).toThrow(RangeError);
    expect(() => sorter.add('b', weight)).toThrow(RangeError);
  });

  it('keeps shares exact over many small allocations (fixed point)', () => {
    const sorter = sorterWith('a');
    for (let i = 0; i < 30; i++) sorter.allocated('a', q({ cpus: 0.1 }));
    for (let i = 0; i < 10; i++) sorter.unallocated('a', q({ cpus: 0.1 }));
    expect(sorter.share('a')).toBe(0.2);
  });
});
