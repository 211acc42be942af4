/** The quota tree's pure parts: role lines and the operator's check that children's guarantees fit in their parent's. */
import { quotaTreeProblem, roleLine, QuotaTree } from '../../master/allocator/quota-tree';
import type { RoleQuota } from '../../master/allocator/quota';

const q = (o: Record<string, number>) => new Map(Object.entries(o));
const guarantee = (o: Record<string, number>): RoleQuota => ({ guarantees: q(o), limits: new Map() });

describe('roleLine', () => {
  it.each([
    ['eng', ['eng']],
    ['eng/a', ['eng/a', 'eng']],
    ['eng/a/x', ['eng/a/x', 'eng/a', 'eng']],
  ])('%s → %j', (role, line) => expect(roleLine(role)).toEqual(line));
});

describe('quotaTreeProblem', () => {
  const tree = (o: Record<string, Record<string, number>>) => new Map(Object.entries(o).map(([r, g]) => [r, guarantee(g)]));
  it.each([
    ['a child within its parent', tree({ eng: { cpus: 10 } }), 'eng/a', guarantee({ cpus: 10 }), undefined],
    ['two children within their parent', tree({ eng: { cpus: 10 }, 'eng/a': { cpus: 4 } }), 'eng/b', guarantee({ cpus: 6 }), undefined],
    ['a top-level role alone', tree({}), 'ops', guarantee({ cpus: 100 }), undefined],
    ['removing a child', tree({ eng: { cpus: 1 }, 'eng/a': { cpus: 1 } }), 'eng/a', undefined, undefined],
    ['a child of a role without quota', tree({}), 'eng/a', guarantee({ cpus: 1 }), "the guarantees of cpus of the children of role 'eng' ('eng/a') add up to 1, above the guarantee of 'eng' (0)"],
    ['two children past their parent', tree({ eng: { cpus: 10 }, 'eng/a': { cpus: 4 } }), 'eng/b', guarantee({ cpus: 6.5 }), "the guarantees of cpus of the children of role 'eng' ('eng/a', 'eng/b') add up to 10.5, above the guarantee of 'eng' (10)"],
    ['a parent lowered under its children', tree({ eng: { cpus: 10 }, 'eng/a': { cpus: 8 } }), 'eng', guarantee({ cpus: 6 }), "the guarantees of cpus of the children of role 'eng' ('eng/a') add up to 8, above the guarantee of 'eng' (6)"],
    ['a parent removed under its children', tree({ eng: { mem: 10 }, 'eng/a': { mem: 8 } }), 'eng', undefined, "the guarantees of mem of the children of role 'eng' ('eng/a') add up to 8, above the guarantee of 'eng' (0)"],
    ['grandchildren are checked against their own parent', tree({ eng: { cpus: 10 }, 'eng/a': { cpus: 2 } }), 'eng/a/x', guarantee({ cpus: 3 }), "children of role 'eng/a' ('eng/a/x') add up to 3, above the guarantee of 'eng/a' (2)"],
  ])('%s', (_name, quotas, role, next, message) => {
    const problem = quotaTreeProblem(quotas, role, next);
    if (message === undefined) expect(problem).toBeUndefined();
    else expect(problem?.message).toContain(message);
  });

  it('refusals carry the data: parent, children, resource, asked and guarantee', () => {
    const problem = quotaTreeProblem(new Map([['eng', guarantee({ cpus: 2 })]]), 'eng/a', guarantee({ cpus: 3 }));
    expect(problem).toMatchObject({ parent: 'eng', children: ['eng/a'], resource: 'cpus', asked: 3, guarantee: 2 });
  });
});

describe('QuotaTree', () => {
  it('keeps the headroom from the outermost guarantee only (no double count)', () => {
    const tree = new QuotaTree();
    tree.set('eng', { guarantees: q({ cpus: 10 }) });
    tree.set('eng/a', { guarantees: q({ cpus: 6 }) });
    tree.set('ops', { guarantees: q({ cpus: 4 }) });
    expect(Object.fromEntries(tree.requiredHeadroom())).toEqual({ cpus: 14 });
    tree.consume('eng/b', q({ cpus: 5 }), 1);
    expect(Object.fromEntries(tree.requiredHeadroom())).toEqual({ cpus: 9 });
    expect(Object.fromEntries(tree.lackOnLine('eng/a')!)).toEqual({ cpus: 6 });
    expect(Object.fromEntries(tree.headroomLack('eng/a')!)).toEqual({ cpus: 5 });
    tree.consume('eng/a', q({ cpus: 6 }), 1);
    expect(Object.fromEntries(tree.requiredHeadroom())).toEqual({ cpus: 4 });
    expect(tree.lackOnLine('eng/a')).toBeUndefined();
    tree.consume('eng/b', q({ cpus: 5 }), -1);
    expect(Object.fromEntries(tree.requiredHeadroom())).toEqual({ cpus: 8 });
  });

  it('gives the tightest limit room along the line', () => {
    const tree = new QuotaTree();
    tree.set('eng', { limits: q({ cpus: 10, mem: 100 }) });
    tree.set('eng/a', { limits: q({ cpus: 8 }) });
    tree.consume('eng/b', q({ cpus: 4 }), 1);
    expect(Object.fromEntries(tree.limitRoomOnLine('eng/a')!)).toEqual({ cpus: 6, mem: 100 });
    expect(tree.limitRoomOnLine('ops')).toBeUndefined();
  });
});
