/**
 * The allocator under quota (Mesos 1.9 semantics) and weights: limits are
 * never exceeded, guarantees are met first under contention and held back
 * from other roles while unmet, and weights shift DRF shares.
 */
import { checkQuota, limitRoom, unmet, withinCaps } from '../../master/allocator/quota';
import { formatResources } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import type { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import { addAgents, describeOffers, newAllocator, pass } from './allocator-fixtures';

const q = (o: Record<string, number>) => new Map(Object.entries(o));

function consumed(allocator: HierarchicalAllocator, role: string): Record<string, number> {
  return Object.fromEntries(allocator.consumedBy(role));
}

describe('quota helpers', () => {
  it.each([
    ['cpus:4;mem:4096', { cpus: 3 }, 'cpus:3;mem:4096'],
    ['cpus:4;mem:4096', { cpus: 0 }, 'mem:4096'],
    ['cpus:4;mem:4096', { cpus: 1.2345, mem: 100 }, 'cpus:1.234;mem:100'],
    ['cpus:4;ports:[31000-31009]', { ports: 10 }, 'cpus:4;ports:[31000-31009]'],
    ['cpus:4;ports:[31000-31009]', { ports: 9 }, 'cpus:4'],
    ['cpus:4', {}, 'cpus:4'],
  ])('withinCaps(%s, %j) = %s', (text, caps, expected) => {
    expect(formatResources(withinCaps(parseResources(text), q(caps)))).toBe(expected);
  });

  it.each([
    [{ cpus: 4, mem: 100 }, { cpus: 1 }, { cpus: 3, mem: 100 }],
    [{ cpus: 4 }, { cpus: 5 }, {}],
    [{ cpus: 0.3 }, { cpus: 0.1 }, { cpus: 0.2 }],
  ])('unmet(%j, consumed %j) = %j', (g, c, expected) => {
    expect(Object.fromEntries(unmet(q(g), q(c)))).toEqual(expected);
  });

  it('limitRoom never goes below 0', () => {
    expect(Object.fromEntries(limitRoom(q({ cpus: 2, mem: 10 }), q({ cpus: 3 })))).toEqual({ cpus: 0, mem: 10 });
  });

  it.each([
    ['negative guarantee', { guarantees: q({ cpus: -1 }) }, "quota of role 'r': guarantee of cpus must be a finite number of at least 0, got -1"],
    ['infinite limit', { limits: q({ mem: Infinity }) }, "quota of role 'r': limit of mem must be a finite number of at least 0, got Infinity"],
    ['NaN limit', { limits: q({ mem: NaN }) }, "quota of role 'r': limit of mem must be a finite number of at least 0, got NaN"],
    ['guarantee above limit', { guarantees: q({ cpus: 4 }), limits: q({ cpus: 2 }) }, "quota of role 'r': guarantee of cpus (4) is above its limit (2)"],
  ])('a bad quota (%s) is refused naming role, resource and value', (_name, quota, message) => {
    expect(() => checkQuota('r', quota)).toThrow(message);
    expect(() => newAllocator().updateQuota('r', quota)).toThrow(message);
  });
});

describe('limits', () => {
  it('cuts offers to the limit and offers what is not limited', () => {
    const allocator = newAllocator();
    allocator.updateQuota('web', { limits: q({ cpus: 3 }) });
    allocator.addFramework('W', { roles: ['web'] });
    addAgents(allocator, 2);
    expect(describeOffers(pass(allocator))).toEqual(['W@a1(web) cpus:3;mem:4096', 'W@a2(web) mem:4096']);
  });

  it.each([
    ['cpus only', { cpus: 5 }],
    ['cpus and mem', { cpus: 7.5, mem: 5000 }],
    ['ports', { ports: 15 }],
    ['zero', { cpus: 0 }],
  ])('are never exceeded through passes, recoveries and declines (%s)', (_name, limits) => {
    const allocator = newAllocator();
    allocator.updateQuota('capped', { limits: q(limits) });
    allocator.addFramework('C1', { roles: ['capped'] });
    allocator.addFramework('C2', { roles: ['capped'] });
    allocator.addFramework('O', { roles: ['other'] });
    const shapes = ['cpus:4;mem:4096;ports:[31000-31009]', 'cpus:2;mem:1024', 'cpus:3;mem:3000;ports:[31000-31004]', 'cpus:1;mem:512'];
    shapes.forEach((text, i) => allocator.addAgent(`a${i}`, { hostname: `h${i}`, total: parseResources(text) }));
    const check = (): void => {
      for (const [name, limit] of Object.entries(limits)) expect(allocator.consumedBy('capped').get(name) ?? 0).toBeLessThanOrEqual(limit);
    };
    for (let round = 0; round < 4; round++) {
      const offers = pass(allocator);
      check();
      // Give back every other offer (a decline without a filter) and go again.
      offers.filter((_, i) => i % 2 === round % 2).forEach((o) => allocator.recoverResources(o.frameworkId, o.agentId, o.resources));
      check();
    }
  });
});

describe('guarantees', () => {
  it.each([
    ['none', undefined, 4],
    ['cpus:8', { cpus: 8 }, 8],
    ['cpus:6', { cpus: 6 }, 6],
    ['cpus:12;mem:12288', { cpus: 12, mem: 12288 }, 12],
  ])('are met first under contention with three other roles (guarantee %s)', (_name, guarantees, atLeast) => {
    const allocator = newAllocator();
    if (guarantees) allocator.updateQuota('db', { guarantees: q(guarantees) });
    for (const role of ['x', 'y', 'z']) allocator.addFramework(role.toUpperCase(), { roles: [role] });
    allocator.addFramework('DB', { roles: ['db'] });
    addAgents(allocator, 4);
    pass(allocator);
    expect(allocator.consumedBy('db').get('cpus') ?? 0).toBeGreaterThanOrEqual(atLeast);
    // Nothing is left idle: the other roles got the rest.
    const total = ['x', 'y', 'z', 'db'].reduce((sum, r) => sum + (allocator.consumedBy(r).get('cpus') ?? 0), 0);
    expect(total).toBe(16);
  });

  it('are held back from other roles while unmet, then go to the role once its framework comes', () => {
    const allocator = newAllocator();
    allocator.updateQuota('db', { guarantees: q({ cpus: 8, mem: 8192 }) });
    allocator.addFramework('X', { roles: ['x'] });
    addAgents(allocator, 4);
    pass(allocator);
    expect(consumed(allocator, 'x')).toEqual({ cpus: 8, mem: 8192 });
    allocator.addFramework('DB', { roles: ['db'] });
    expect(describeOffers(pass(allocator))).toEqual(['DB@a3(db) cpus:4;mem:4096', 'DB@a4(db) cpus:4;mem:4096']);
    expect(consumed(allocator, 'db')).toEqual({ cpus: 8, mem: 8192 });
  });

  it('give the guaranteed role only what it lacks in the first stage, the rest by DRF', () => {
    const allocator = newAllocator();
    allocator.updateQuota('db', { guarantees: q({ cpus: 2 }) });
    allocator.addFramework('DB', { roles: ['db'] });
    allocator.addFramework('X', { roles: ['x'] });
    addAgents(allocator, 1);
    // Stage 1: DB gets its 2 cpus (and the mem, which nobody's guarantee needs); stage 2: X, with the lower share, the other 2 cpus.
    expect(describeOffers(pass(allocator))).toEqual(['DB@a1(db) cpus:2;mem:4096', 'X@a1(x) cpus:2']);
  });

  it('a recovered guarantee is offered to its role again before others', () => {
    const allocator = newAllocator();
    allocator.updateQuota('db', { guarantees: q({ cpus: 4 }) });
    allocator.addFramework('X', { roles: ['x'] });
    allocator.addFramework('DB', { roles: ['db'] });
    addAgents(allocator, 2);
    const first = pass(allocator);
    const db = first.find((o) => o.frameworkId === 'DB')!;
    allocator.recoverResources('DB', db.agentId, db.resources);
    expect(describeOffers(pass(allocator))).toEqual([`DB@${db.agentId}(db) cpus:4;mem:4096`]);
  });

  it('clearing the quota returns to plain DRF', () => {
    const allocator = newAllocator();
    allocator.updateQuota('db', { guarantees: q({ cpus: 8 }) });
    allocator.addFramework('X', { roles: ['x'] });
    addAgents(allocator, 4);
    pass(allocator);
    expect(consumed(allocator, 'x').cpus).toBe(8);
    allocator.updateQuota('db', undefined);
    pass(allocator);
    expect(consumed(allocator, 'x').cpus).toBe(16);
  });
});

describe('weights shift shares', () => {
  it.each([
    [1, 1, 4, 4],
    [3, 1, 6, 2],
    [1, 3, 2, 6],
    [2, 2, 4, 4],
    [0.5, 1.5, 2, 6],
  ])('weights %d : %d over 8 equal agents give %d and %d agents', (wa, wb, na, nb) => {
    const allocator = newAllocator();
    allocator.updateWeight('a', wa);
    allocator.updateWeight('b', wb);
    allocator.addFramework('A', { roles: ['a'] });
    allocator.addFramework('B', { roles: ['b'] });
    addAgents(allocator, 8);
    pass(allocator);
    expect(allocator.consumedBy('a').get('cpus')).toBe(4 * na);
    expect(allocator.consumedBy('b').get('cpus')).toBe(4 * nb);
  });

  it('combine with a limit: the heavier role stops at its limit and the rest goes by DRF', () => {
    const allocator = newAllocator();
    allocator.updateWeight('a', 3);
    allocator.updateQuota('a', { limits: q({ cpus: 12 }) });
    allocator.addFramework('A', { roles: ['a'] });
    allocator.addFramework('B', { roles: ['b'] });
    addAgents(allocator, 8);
    pass(allocator);
    expect(allocator.consumedBy('a').get('cpus')).toBe(12);
    expect(allocator.consumedBy('b').get('cpus')).toBe(20);
  });
});
