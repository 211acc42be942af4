/**
 * The role tree the master shows (`master/role-tree.ts`): which roles are
 * listed, parents of hierarchical names, weights, quotas, allocated and
 * reserved amounts.
 */
import type { Resource } from '@meseta/proto/wire';
import { quantities, scalar } from '@meseta/proto/resources';
import { compareRoles, parentRole, reservedByRole, roleTree, type RoleFacts } from '../../master/role-tree';

const DYNAMIC = 2;

function reserved(name: string, value: number, ...roles: string[]): Resource {
  return { ...scalar(name, value), reservations: roles.map((role) => ({ type: DYNAMIC, role, principal: 'ops' })) };
}

function facts(over: Partial<RoleFacts>): RoleFacts {
  return { frameworks: [], reserved: new Map(), weights: new Map(), quotas: new Map(), ...over };
}

describe('parentRole', () => {
  test.each([
    ['eng/backend', 'eng'],
    ['eng/backend/db', 'eng/backend'],
    ['eng', undefined],
    ['*', undefined],
  ])('the parent of %s is %s', (role, parent) => {
    expect(parentRole(role)).toBe(parent);
  });
});

describe('compareRoles', () => {
  test('a parent sorts right before its subtree, not after a sibling sharing its prefix', () => {
    expect(['eng-ops', 'eng/backend', 'eng', 'dev', 'eng/a'].sort(compareRoles)).toEqual(['dev', 'eng', 'eng/a', 'eng/backend', 'eng-ops']);
  });
});

describe('reservedByRole', () => {
  test.each<[string, Array<Resource[] | undefined>, Record<string, Record<string, number>>]>([
    ['unreserved resources are left out', [[scalar('cpus', 4)]], {}],
    ['summed per innermost role over agents', [[reserved('cpus', 1, 'eng'), scalar('cpus', 3)], [reserved('cpus', 2, 'eng'), reserved('mem', 512, 'eng')]], { eng: { cpus: 3, mem: 512 } }],
    ['a refinement counts for the child, not the parent', [[reserved('cpus', 1, 'eng', 'eng/backend'), reserved('cpus', 2, 'eng')]], { eng: { cpus: 2 }, 'eng/backend': { cpus: 1 } }],
    ['a static reservation counts too', [[scalar('cpus', 1, 'db')]], { db: { cpus: 1 } }],
    ['an agent without resources adds nothing', [undefined, []], {}],
  ])('%s', (_name, totals, want) => {
    const got = reservedByRole(totals);
    expect(Object.fromEntries([...got].map(([role, rs]) => [role, Object.fromEntries(quantities(rs))]))).toEqual(want);
  });
});

describe('roleTree', () => {
  const names = (f: RoleFacts): string[] => roleTree(f).map((e) => e.name);

  test.each<[string, Partial<RoleFacts>, string[]]>([
    ['nothing known: no roles', {}, []],
    ['a framework role is listed', { frameworks: [{ id: 'f1', roles: ['web'], allocated: [] }] }, ['web']],
    ['a role with only a weight set is listed', { weights: new Map([['batch', 2]]) }, ['batch']],
    ['a role with only a quota is listed', { quotas: new Map([['db', { guarantees: { cpus: 1 }, limits: {} }]]) }, ['db']],
    ['a role with only reservations is listed', { reserved: new Map([['db', [scalar('cpus', 1)]]]) }, ['db']],
    ['a parent without frameworks is listed when a child has some', { frameworks: [{ id: 'f1', roles: ['eng/backend'], allocated: [] }] }, ['eng', 'eng/backend']],
    ['every missing ancestor is listed', { frameworks: [{ id: 'f1', roles: ['a/b/c'], allocated: [] }] }, ['a', 'a/b', 'a/b/c']],
  ])('%s', (_name, over, want) => {
    expect(names(facts(over))).toEqual(want);
  });

  const sums = (list: readonly Resource[] | undefined): Record<string, number> | undefined => (list ? Object.fromEntries(quantities(list)) : undefined);
  test.each<[string, Partial<RoleFacts>, Record<string, [Record<string, number> | undefined, Record<string, number> | undefined]>]>([
    ['a leaf has no subtree sums', { frameworks: [{ id: 'f1', roles: ['web'], allocated: [scalar('cpus', 1)] }] }, { web: [undefined, undefined] }],
    [
      'a parent sums its own and every descendant (grandchildren included)',
      {
        frameworks: [
          { id: 'f1', roles: ['eng'], allocated: [scalar('cpus', 1)] },
          { id: 'f2', roles: ['eng/a'], allocated: [scalar('cpus', 2), scalar('mem', 64)] },
          { id: 'f3', roles: ['eng/a/x'], allocated: [scalar('cpus', 0.5)] },
        ],
        reserved: new Map([['eng/b', [scalar('cpus', 3)]], ['eng', [scalar('mem', 128)]]]),
      },
      { eng: [{ cpus: 3.5, mem: 64 }, { cpus: 3, mem: 128 }], 'eng/a': [{ cpus: 2.5, mem: 64 }, {}], 'eng/a/x': [undefined, undefined], 'eng/b': [undefined, undefined] },
    ],
    ['a parent listed only as an ancestor sums its children', { reserved: new Map([['ops/db', [scalar('disk', 10)]]]) }, { ops: [{}, { disk: 10 }], 'ops/db': [undefined, undefined] }],
  ])('subtree sums: %s', (_name, over, want) => {
    const tree = roleTree(facts(over));
    const got = Object.fromEntries(tree.map((e) => [e.name, [sums(e.allocatedSubtree), sums(e.reservedSubtree)]]));
    expect(got).toEqual(want);
    // The role's own amounts stay its own.
    for (const e of tree) if (e.name === 'eng') expect(Object.fromEntries(quantities(e.allocated))).toEqual({ cpus: 1 });
  });

  test('parents and children link both ways; top-level roles have no parent', () => {
    const tree = roleTree(facts({ frameworks: [{ id: 'f1', roles: ['eng/backend', 'eng/frontend', 'web'], allocated: [] }] }));
    const by = new Map(tree.map((e) => [e.name, e]));
    expect(by.get('eng')).toMatchObject({ children: ['eng/backend', 'eng/frontend'] });
    expect(by.get('eng')?.parent).toBeUndefined();
    expect(by.get('eng/backend')).toMatchObject({ parent: 'eng', children: [] });
    expect(by.get('web')?.parent).toBeUndefined();
  });

  test('weights default to 1; a quota is carried only where set; amounts are the role\'s own', () => {
    const tree = roleTree(facts({
      frameworks: [
        { id: 'f1', roles: ['eng/backend'], allocated: [scalar('cpus', 1)] },
        { id: 'f2', roles: ['eng/backend', 'web'], allocated: [scalar('cpus', 2), scalar('mem', 64)] },
      ],
      weights: new Map([['eng', 3]]),
      quotas: new Map([['eng', { guarantees: { cpus: 2 }, limits: { cpus: 4 } }]]),
      reserved: new Map([['eng/backend', [scalar('disk', 100)]]]),
    }));
    const by = new Map(tree.map((e) => [e.name, e]));
    expect(by.get('eng')).toMatchObject({ weight: 3, quota: { guarantees: { cpus: 2 }, limits: { cpus: 4 } }, frameworks: [], allocated: [], reserved: [] });
    const backend = by.get('eng/backend');
    expect(backend?.quota).toBeUndefined();
    expect(backend?.weight).toBe(1);
    expect(backend?.frameworks).toEqual(['f1', 'f2']);
    expect(Object.fromEntries(quantities(backend?.allocated))).toEqual({ cpus: 3, mem: 64 });
    expect(Object.fromEntries(quantities(backend?.reserved))).toEqual({ disk: 100 });
    expect(Object.fromEntries(quantities(by.get('web')?.allocated))).toEqual({ cpus: 2, mem: 64 });
  });

  test('a framework of several roles is counted by the role each task was offered for, also in a role it left', () => {
    const tree = roleTree(facts({
      frameworks: [{ id: 'f1', roles: ['a', 'b'], allocated: [], allocatedByRole: new Map([['a', [scalar('cpus', 1)]], ['old', [scalar('cpus', 2)]]]) }],
    }));
    const by = new Map(tree.map((e) => [e.name, e]));
    expect(Object.fromEntries(quantities(by.get('a')?.allocated))).toEqual({ cpus: 1 });
    expect(by.get('b')?.allocated).toEqual([]);
    expect(by.get('b')?.frameworks).toEqual(['f1']);
    expect(Object.fromEntries(quantities(by.get('old')?.allocated))).toEqual({ cpus: 2 });
    expect(by.get('old')?.frameworks).toEqual(['f1']);
  });
});
