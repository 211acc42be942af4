/**
 * Hierarchical roles in the allocator (issue 14): DRF along the role tree,
 * weights at each level, quota on the tree (a parent's limit caps its
 * subtree, guarantees cover subtrees), reservations counted toward quota and
 * offered only within their role's subtree.
 */
import { parseResources } from '@meseta/proto/resource-text';
import { addAgents, clock, describeOffers, newAllocator, pass } from './allocator-fixtures';
import type { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';

const q = (o: Record<string, number>) => new Map(Object.entries(o));

/** Cpus held by each role after the passes. */
function cpusOf(allocator: HierarchicalAllocator, roles: string[]): Record<string, number> {
  return Object.fromEntries(roles.map((r) => [r, allocator.consumedBy(r).get('cpus') ?? 0]));
}

describe('hierarchical DRF', () => {
  it.each([
    ['ops competes with eng as a whole; eng/a and eng/b split what eng wins', {}, 12, { 'eng/a': 12, 'eng/b': 12, ops: 24 }],
    ['a parent weight shifts shares between parents', { eng: 3 }, 16, { 'eng/a': 24, 'eng/b': 24, ops: 16 }],
    ['a child weight shifts shares between siblings only', { 'eng/a': 3 }, 16, { 'eng/a': 24, 'eng/b': 8, ops: 32 }],
  ])('%s', (_name, weights, agents, expected) => {
    const allocator = newAllocator();
    for (const [role, w] of Object.entries(weights)) allocator.updateWeight(role, w);
    for (const role of ['eng/a', 'eng/b', 'ops']) allocator.addFramework(role.toUpperCase(), { roles: [role] });
    addAgents(allocator, agents);
    pass(allocator);
    expect(cpusOf(allocator, ['eng/a', 'eng/b', 'ops'])).toEqual(expected);
  });

  it('many children do not outweigh one sibling parent', () => {
    const allocator = newAllocator();
    for (let i = 0; i < 5; i++) allocator.addFramework(`E${i}`, { roles: [`eng/t${i}`] });
    allocator.addFramework('OPS', { roles: ['ops'] });
    addAgents(allocator, 10);
    pass(allocator);
    expect(allocator.consumedBy('ops').get('cpus')).toBe(20);
    const eng = Object.values(cpusOf(allocator, [0, 1, 2, 3, 4].map((i) => `eng/t${i}`))).reduce((a, b) => a + b, 0);
    expect(eng).toBe(20);
  });
});

/** Add agents `name1..nameN` with `resources` (Mesos text, `cpus(role):n` reserved). */
function addShaped(allocator: HierarchicalAllocator, prefix: string, count: number, resources: string): void {
  for (let i = 1; i <= count; i++) allocator.addAgent(`${prefix}${i}`, { hostname: `${prefix}${i}`, total: parseResources(resources) });
}

describe('quota along the role tree', () => {
  it.each([
    ['a parent limit caps its whole subtree', { eng: { cpus: 10 } }],
    ['a child limit inside its parent limit', { eng: { cpus: 10 }, 'eng/a': { cpus: 3 } }],
    ['a grandparent limit', { eng: { cpus: 9 } }],
    ['limits on mem and on two levels', { eng: { cpus: 14, mem: 6000 }, 'eng/b': { mem: 2000 } }],
  ])('%s: never exceeded, through passes and recoveries, by any role on the line', (_name, limits: Record<string, Record<string, number>>) => {
    const allocator = newAllocator();
    for (const [role, l] of Object.entries(limits)) allocator.updateQuota(role, { limits: q(l) });
    for (const role of ['eng/a', 'eng/b', 'eng/b/x', 'ops']) allocator.addFramework(role.toUpperCase(), { roles: [role] });
    addShaped(allocator, 'a', 6, 'cpus:4;mem:4096');
    addShaped(allocator, 'b', 3, 'cpus:2.5;mem:1000');
    const check = (): void => {
      for (const [role, l] of Object.entries(limits)) {
        for (const [name, limit] of Object.entries(l)) expect(allocator.consumedBy(role).get(name) ?? 0).toBeLessThanOrEqual(limit);
      }
    };
    for (let round = 0; round < 4; round++) {
      const offers = pass(allocator);
      check();
      offers.filter((_, i) => i % 2 === round % 2).forEach((o) => allocator.recoverResources(o.frameworkId, o.agentId, o.resources));
      check();
    }
    // What the subtree may not take goes to ops: nothing sits idle.
    pass(allocator);
    const total = (['eng', 'ops'] as const).reduce((sum, r) => sum + (allocator.consumedBy(r).get('cpus') ?? 0), 0);
    expect(total).toBe(31.5);
  });

  it.each([
    ['a parent guarantee, frameworks only in its children', { eng: { cpus: 12 } }, { eng: 12 }],
    ['a parent and a child guarantee', { eng: { cpus: 12 }, 'eng/a': { cpus: 8 } }, { eng: 12, 'eng/a': 8 }],
    ['two children guarantees within their parent', { eng: { cpus: 10 }, 'eng/a': { cpus: 4 }, 'eng/b': { cpus: 6 } }, { eng: 10, 'eng/a': 4, 'eng/b': 6 }],
  ])('guarantees met under contention: %s', (_name, guarantees, atLeast) => {
    const allocator = newAllocator();
    for (const [role, g] of Object.entries(guarantees)) allocator.updateQuota(role, { guarantees: q(g) });
    for (const role of ['x', 'y', 'z', 'w']) allocator.addFramework(role.toUpperCase(), { roles: [role] });
    for (const role of ['eng/a', 'eng/b']) allocator.addFramework(role.toUpperCase(), { roles: [role] });
    addAgents(allocator, 8);
    pass(allocator);
    pass(allocator);
    for (const [role, cpus] of Object.entries(atLeast)) expect(allocator.consumedBy(role).get('cpus') ?? 0).toBeGreaterThanOrEqual(cpus);
    const all = ['x', 'y', 'z', 'w', 'eng'].reduce((sum, r) => sum + (allocator.consumedBy(r).get('cpus') ?? 0), 0);
    expect(all).toBe(32);
  });

  it('a parent guarantee is held back from other roles until a framework of its subtree comes', () => {
    const allocator = newAllocator();
    allocator.updateQuota('eng', { guarantees: q({ cpus: 8 }) });
    allocator.addFramework('X', { roles: ['x'] });
    addAgents(allocator, 4);
    pass(allocator);
    expect(allocator.consumedBy('x').get('cpus')).toBe(8);
    allocator.addFramework('EA', { roles: ['eng/a'] });
    pass(allocator);
    expect(allocator.consumedBy('eng/a').get('cpus')).toBe(8);
    expect(allocator.consumedBy('eng').get('cpus')).toBe(8);
  });
});

describe('reservations and quota', () => {
  it('count toward the consumption of their role and its ancestors, allocated or not', () => {
    const allocator = newAllocator();
    addShaped(allocator, 'r', 2, 'cpus(eng/a):2;mem(eng):100;cpus:2');
    expect(Object.fromEntries(allocator.consumedBy('eng/a'))).toEqual({ cpus: 4 });
    expect(Object.fromEntries(allocator.consumedBy('eng'))).toEqual({ cpus: 4, mem: 200 });
    allocator.addFramework('EA', { roles: ['eng/a'] });
    pass(allocator);
    // Now it also holds the unreserved cpus: 2 per agent.
    expect(Object.fromEntries(allocator.consumedBy('eng/a'))).toEqual({ cpus: 8 });
    allocator.removeAgent('r1');
    expect(Object.fromEntries(allocator.consumedBy('eng'))).toEqual({ cpus: 4, mem: 100 });
  });

  it('satisfy a guarantee: nothing more is held back for it', () => {
    const allocator = newAllocator();
    allocator.updateQuota('db', { guarantees: q({ cpus: 4 }) });
    addShaped(allocator, 'r', 1, 'cpus(db):4;mem(db):1024');
    addAgents(allocator, 2);
    allocator.addFramework('X', { roles: ['x'] });
    pass(allocator);
    expect(allocator.consumedBy('x').get('cpus')).toBe(8);
  });

  it('count toward the headroom held back for a guarantee (only what they do not cover)', () => {
    const allocator = newAllocator();
    allocator.updateQuota('db', { guarantees: q({ cpus: 6 }) });
    addShaped(allocator, 'r', 1, 'cpus(db):4');
    addAgents(allocator, 3, 'cpus:1;mem:1024');
    allocator.addFramework('X', { roles: ['x'] });
    pass(allocator);
    // 3 unreserved cpus; 2 held back for db (6 guaranteed, 4 reserved): X gets 1.
    expect(allocator.consumedBy('x').get('cpus')).toBe(1);
  });

  it('are limited by the limit with what the role holds: reserved offered whole, unreserved cut', () => {
    const allocator = newAllocator();
    allocator.updateQuota('db', { limits: q({ cpus: 6 }) });
    addShaped(allocator, 'r', 1, 'cpus(db):4;cpus:4');
    allocator.addFramework('DB', { roles: ['db'] });
    expect(describeOffers(pass(allocator))).toEqual(['DB@r1(db) cpus(db):4;cpus:2']);
    expect(allocator.consumedBy('db').get('cpus')).toBe(6);
    expect(allocator.reserveProblems(new Map([['db', q({ cpus: 1 })]]))).toEqual([{ role: 'db', resource: 'cpus', consumed: 6, asked: 1, limit: 6 }]);
  });

  it('RESERVE past an ancestor limit is found, naming the ancestor, asked and limit', () => {
    const allocator = newAllocator();
    allocator.updateQuota('eng', { limits: q({ cpus: 5 }) });
    addShaped(allocator, 'r', 1, 'cpus(eng/a):4;cpus:4');
    expect(allocator.reserveProblems(new Map([['eng/a', q({ cpus: 1 })]]))).toEqual([]);
    expect(allocator.reserveProblems(new Map([['eng/a/x', q({ cpus: 2, mem: 10 })]]))).toEqual([{ role: 'eng', resource: 'cpus', consumed: 4, asked: 2, limit: 5 }]);
    // Two roles under one limited parent add up.
    expect(allocator.reserveProblems(new Map([['eng/a', q({ cpus: 1 })], ['eng/b', q({ cpus: 1 })]]))).toEqual([{ role: 'eng', resource: 'cpus', consumed: 4, asked: 2, limit: 5 }]);
    // Offered to eng already (an ACCEPT's RESERVE to eng/a): eng's line counts them, nothing to refuse.
    expect(allocator.reserveProblems(new Map([['eng/a', q({ cpus: 3 })]]), 'eng')).toEqual([]);
  });

  it('are offered only within their role subtree', () => {
    const allocator = newAllocator();
    addShaped(allocator, 'r', 1, 'cpus(eng):4');
    allocator.addFramework('OPS', { roles: ['ops'] });
    expect(pass(allocator)).toEqual([]);
    allocator.addFramework('EA', { roles: ['eng/a'] });
    expect(describeOffers(pass(allocator))).toEqual(['EA@r1(eng/a) cpus(eng):4']);
  });

  it('decline filters still hold resources, per role, under hierarchical roles and quota', () => {
    const allocator = newAllocator();
    allocator.updateQuota('eng', { limits: q({ cpus: 100 }) });
    allocator.addFramework('EA', { roles: ['eng/a'] });
    addAgents(allocator, 1);
    const [offer] = pass(allocator);
    allocator.recoverResources('EA', 'a1', offer.resources, { refuseSeconds: 60 });
    expect(pass(allocator)).toEqual([]);
    clock.now += 61;
    expect(describeOffers(pass(allocator))).toEqual(['EA@a1(eng/a) cpus:4;mem:4096']);
  });
});
