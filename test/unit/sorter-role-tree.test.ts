/**
 * The hierarchical role order (RoleTreeSorter): shares compared between
 * siblings only, a parent weighing its whole subtree, weights at each level,
 * a role with both frameworks and children taking part among its children.
 */
import { RoleTreeSorter } from '../../master/allocator/role-tree-sorter';

const q = (o: Record<string, number>) => new Map(Object.entries(o));
const CLUSTER = q({ cpus: 100, mem: 1000 });

function sorterWith(allocations: Record<string, number>, weights: Record<string, number> = {}): RoleTreeSorter {
  const sorter = new RoleTreeSorter();
  sorter.setTotal(CLUSTER);
  for (const [role, weight] of Object.entries(weights)) sorter.updateWeight(role, weight);
  for (const [role, cpus] of Object.entries(allocations)) {
    sorter.add(role);
    if (cpus > 0) sorter.allocated(role, q({ cpus }));
  }
  return sorter;
}

describe('RoleTreeSorter', () => {
  it.each([
    ['flat roles by share', { a: 30, b: 10, c: 20 }, {}, ['b', 'c', 'a']],
    ['a parent weighs its whole subtree: ops (20) before eng (10+15)', { 'eng/a': 10, 'eng/b': 15, ops: 20 }, {}, ['ops', 'eng/a', 'eng/b']],
    ['siblings split what their parent wins', { 'eng/a': 10, 'eng/b': 5, ops: 40 }, {}, ['eng/b', 'eng/a', 'ops']],
    ['a deep subtree is walked whole before the next sibling', { 'a/x/1': 3, 'a/x/2': 1, 'a/y': 1, b: 10 }, {}, ['a/y', 'a/x/2', 'a/x/1', 'b']],
    ['a parent weight shifts it against its siblings', { 'eng/a': 10, 'eng/b': 15, ops: 20 }, { eng: 2 }, ['eng/a', 'eng/b', 'ops']],
    ['a child weight shifts it against its siblings only', { 'eng/a': 10, 'eng/b': 15, ops: 20 }, { 'eng/b': 2 }, ['ops', 'eng/b', 'eng/a']],
    ['a role with frameworks and children takes part among its children', { eng: 4, 'eng/a': 6, 'eng/b': 2, ops: 30 }, {}, ['eng/b', 'eng', 'eng/a', 'ops']],
  ])('orders %s', (_name, allocations, weights, expected) => {
    expect([...sorterWith(allocations, weights).sort()]).toEqual(expected);
  });

  it('shares are against siblings: a child shows its own, a parent its subtree', () => {
    const sorter = sorterWith({ 'eng/a': 10, 'eng/b': 30, ops: 20 }, { eng: 2 });
    expect(sorter.share('eng/a')).toBeCloseTo(0.1);
    expect(sorter.share('eng/b')).toBeCloseTo(0.3);
    expect(sorter.share('eng')).toBeCloseTo(0.2);
    expect(sorter.share('ops')).toBeCloseTo(0.2);
  });

  it('counts only clients and drops empty inner nodes', () => {
    const sorter = sorterWith({ 'eng/a': 10, 'eng/b': 5 });
    expect(sorter.size).toBe(2);
    sorter.remove('eng/a');
    sorter.remove('eng/b');
    expect(sorter.size).toBe(0);
    expect([...sorter.sort()]).toEqual([]);
    expect(sorter.share('eng')).toBe(0);
  });

  it('takes a removed child allocation out of its parent', () => {
    const sorter = sorterWith({ 'eng/a': 10, 'eng/b': 5, ops: 12 });
    expect([...sorter.sort()]).toEqual(['ops', 'eng/b', 'eng/a']);
    sorter.remove('eng/a');
    expect(sorter.share('eng')).toBeCloseTo(0.05);
    expect([...sorter.sort()]).toEqual(['eng/b', 'ops']);
  });

  it('keeps a parent client allocation when its children come and go', () => {
    const sorter = sorterWith({ eng: 8, ops: 6 });
    sorter.add('eng/a');
    sorter.allocated('eng/a', q({ cpus: 1 }));
    expect(sorter.share('eng')).toBeCloseTo(0.09);
    expect([...sorter.sort()]).toEqual(['ops', 'eng/a', 'eng']);
    sorter.unallocated('eng/a', q({ cpus: 1 }));
    sorter.remove('eng/a');
    expect(sorter.share('eng')).toBeCloseTo(0.08);
    expect([...sorter.sort()]).toEqual(['ops', 'eng']);
    sorter.unallocated('eng', q({ cpus: 8 }));
    expect([...sorter.sort()]).toEqual(['eng', 'ops']);
  });

  it('applies a weight set before the role existed', () => {
    const sorter = new RoleTreeSorter();
    sorter.setTotal(CLUSTER);
    sorter.updateWeight('eng', 4);
    sorter.add('eng/a');
    sorter.allocated('eng/a', q({ cpus: 40 }));
    expect(sorter.share('eng')).toBeCloseTo(0.1);
  });

  it('recomputes every level when the total changes', () => {
    const sorter = sorterWith({ 'eng/a': 10, ops: 5 });
    sorter.setTotal(q({ cpus: 50 }));
    expect(sorter.share('eng')).toBeCloseTo(0.2);
    expect(sorter.share('eng/a')).toBeCloseTo(0.2);
  });
});
