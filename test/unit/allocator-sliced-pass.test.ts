/**
 * An allocation pass cut into slices by a budget: over a table of clusters
 * it makes the same offers, in the same order, as one uncut pass; events
 * between slices (an agent removed or deactivated, a framework gone,
 * resources recovered, an agent added) are handled.
 */
import type { Allocation, PassBudget } from '../../master/allocator/allocator';
import type { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import { parseResources } from '@meseta/proto/resource-text';
import { addAgents, clock, describeOffers, newAllocator, pass, who } from './allocator-fixtures';

const q = (o: Record<string, number>) => new Map(Object.entries(o));

/** A budget that runs out after `agents` agents were looked at. */
function afterAgents(agents: number): PassBudget {
  let left = agents;
  return { exhausted: () => --left <= 0 };
}

/** Run one pass to its end in slices of `agents` agents; the offers of each slice. */
function slicedPass(allocator: HierarchicalAllocator, agents: number): Allocation[][] {
  const slices: Allocation[][] = [];
  do {
    slices.push(allocator.allocate(clock.now, afterAgents(agents)));
  } while (allocator.passPending);
  return slices;
}

function addNamed(allocator: HierarchicalAllocator, prefix: string, count: number, resources: string): void {
  for (let i = 1; i <= count; i++) allocator.addAgent(`${prefix}${i}`, { hostname: `${prefix}${i}`, total: parseResources(resources) });
}

/** Clusters to allocate, each set up from scratch (the allocator is fresh). */
const clusters: Array<[string, (allocator: HierarchicalAllocator) => void]> = [
  [
    'one role, three frameworks, 40 agents',
    (a) => {
      addAgents(a, 40);
      for (const f of ['f1', 'f2', 'f3']) a.addFramework(f, { roles: ['r'] });
    },
  ],
  [
    'weighted roles, mixed agent sizes',
    (a) => {
      addNamed(a, 's', 15, 'cpus:1;mem:512');
      addNamed(a, 'b', 15, 'cpus:8;mem:16384');
      a.updateWeight('eng', 3);
      a.addFramework('e1', { roles: ['eng'] });
      a.addFramework('e2', { roles: ['eng'] });
      a.addFramework('o1', { roles: ['ops'] });
    },
  ],
  [
    'a role tree with a virtual leaf',
    (a) => {
      addAgents(a, 30);
      a.addFramework('ea', { roles: ['eng/a'] });
      a.addFramework('eb', { roles: ['eng/b'] });
      a.addFramework('e', { roles: ['eng'] });
      a.addFramework('o', { roles: ['ops'] });
    },
  ],
  [
    'quota: a guarantee and a limit (two stages, headroom)',
    (a) => {
      addAgents(a, 24);
      a.updateQuota('db', { guarantees: q({ cpus: 20 }), limits: q({ cpus: 30 }) });
      a.updateQuota('web', { limits: q({ cpus: 10 }) });
      a.addFramework('db1', { roles: ['db'] });
      a.addFramework('web1', { roles: ['web'] });
      a.addFramework('x', { roles: ['other'] });
    },
  ],
  [
    'reservations and a suppressed framework',
    (a) => {
      addNamed(a, 'r', 12, 'cpus(db):2;cpus:2;mem:4096');
      addAgents(a, 12);
      a.addFramework('db1', { roles: ['db'] });
      a.addFramework('any', { roles: ['web'] });
      a.addFramework('quiet', { roles: ['web'], suppressedRoles: ['web'] });
    },
  ],
  [
    'decline filters on some agents',
    (a) => {
      addAgents(a, 20);
      a.addFramework('f1', { roles: ['r'] });
      for (const offer of a.allocate(clock.now)) {
        if (Number(offer.agentId.slice(1)) % 3 === 0) a.recoverResources(offer.frameworkId, offer.agentId, offer.resources, { refuseSeconds: 60 });
      }
      a.addFramework('f2', { roles: ['r'] });
      for (let i = 1; i <= 20; i += 4) a.recoverResources('f1', `a${i}`, parseResources('cpus:4;mem:4096'));
    },
  ],
];

describe('a sliced allocation pass', () => {
  describe.each(clusters)('%s', (_name, setUp) => {
    it.each([1, 2, 7, 1000])('cut every %i agents makes the same offers as one uncut pass', (agents) => {
      const whole = newAllocator();
      setUp(whole);
      const expected = describeOffers(pass(whole));
      expect(expected.length).toBeGreaterThan(0);
      const sliced = newAllocator();
      setUp(sliced);
      const slices = slicedPass(sliced, agents);
      expect(describeOffers(slices.flat())).toEqual(expected);
      // What is left to offer afterwards is the same too (nothing, or the same parked agents).
      expect(describeOffers(pass(sliced))).toEqual(describeOffers(pass(whole)));
    });
  });

  it('stops when the budget runs out and continues in order on the next call', () => {
    const allocator = newAllocator();
    addAgents(allocator, 5);
    allocator.addFramework('f', { roles: ['r'] });
    expect(who(allocator.allocate(clock.now, afterAgents(2)))).toEqual(['f@a1', 'f@a2']);
    expect(allocator.passPending).toBe(true);
    expect(allocator.lastPassVisitedAgents).toBe(2);
    expect(who(allocator.allocate(clock.now, afterAgents(2)))).toEqual(['f@a3', 'f@a4']);
    expect(who(allocator.allocate(clock.now, afterAgents(2)))).toEqual(['f@a5']);
    expect(allocator.passPending).toBe(false);
  });

  it('without a budget runs the whole pass', () => {
    const allocator = newAllocator();
    addAgents(allocator, 5);
    allocator.addFramework('f', { roles: ['r'] });
    expect(pass(allocator)).toHaveLength(5);
    expect(allocator.passPending).toBe(false);
  });

  it('passes over an agent removed between slices and one deactivated', () => {
    const allocator = newAllocator();
    addAgents(allocator, 4);
    allocator.addFramework('f', { roles: ['r'] });
    expect(who(allocator.allocate(clock.now, afterAgents(1)))).toEqual(['f@a1']);
    allocator.removeAgent('a2');
    allocator.deactivateAgent('a3');
    expect(who(allocator.allocate(clock.now))).toEqual(['f@a4']);
    expect(allocator.passPending).toBe(false);
    allocator.activateAgent('a3');
    expect(who(pass(allocator))).toEqual(['f@a3']);
  });

  it('offers a replaced agent (same id, removed and added between slices) once, in the next pass', () => {
    const allocator = newAllocator();
    addAgents(allocator, 3);
    allocator.addFramework('f', { roles: ['r'] });
    expect(who(allocator.allocate(clock.now, afterAgents(1)))).toEqual(['f@a1']);
    allocator.addAgent('a2', { hostname: 'host2', total: parseResources('cpus:8;mem:8192') });
    expect(who(allocator.allocate(clock.now))).toEqual(['f@a3']);
    expect(describeOffers(pass(allocator))).toEqual(['f@a2(r) cpus:8;mem:8192']);
  });

  it('offers nothing more to a framework removed between slices; the rest go to the others', () => {
    const allocator = newAllocator();
    addAgents(allocator, 4);
    allocator.addFramework('f1', { roles: ['r'] });
    allocator.addFramework('f2', { roles: ['r'] });
    expect(who(allocator.allocate(clock.now, afterAgents(2)))).toEqual(['f1@a1', 'f2@a2']);
    allocator.removeFramework('f1');
    expect(who(allocator.allocate(clock.now))).toEqual(['f2@a3', 'f2@a4']);
  });

  it('leaves agents that nobody can take parked when the framework went between slices', () => {
    const allocator = newAllocator();
    addAgents(allocator, 3);
    allocator.addFramework('f', { roles: ['r'] });
    allocator.allocate(clock.now, afterAgents(1));
    allocator.removeFramework('f');
    expect(allocator.allocate(clock.now)).toEqual([]);
    expect(allocator.passPending).toBe(false);
    allocator.addFramework('g', { roles: ['r'] });
    expect(who(pass(allocator))).toEqual(['g@a2', 'g@a3']);
  });

  it('looks again in the next pass at resources recovered between slices, and at an agent added then', () => {
    const allocator = newAllocator();
    addAgents(allocator, 3);
    allocator.addFramework('f', { roles: ['r'] });
    const first = allocator.allocate(clock.now, afterAgents(1));
    expect(who(first)).toEqual(['f@a1']);
    allocator.recoverResources('f', 'a1', first[0].resources);
    allocator.addAgent('a9', { hostname: 'host9', total: parseResources('cpus:1;mem:1') });
    expect(who(allocator.allocate(clock.now))).toEqual(['f@a2', 'f@a3']);
    expect(who(pass(allocator))).toEqual(['f@a1', 'f@a9']);
  });

  it('wakes the parked agents once the pass in which a guarantee got resources ends', () => {
    const whole = newAllocator();
    const sliced = newAllocator();
    for (const a of [whole, sliced]) {
      addAgents(a, 6);
      a.updateQuota('db', { guarantees: q({ cpus: 8 }) });
      a.addFramework('db1', { roles: ['db'] });
      a.addFramework('x', { roles: ['x'] });
    }
    const wholeOffers = [describeOffers(pass(whole)), describeOffers(pass(whole))];
    const slicedOffers = [describeOffers(slicedPass(sliced, 1).flat()), describeOffers(slicedPass(sliced, 1).flat())];
    expect(slicedOffers).toEqual(wholeOffers);
  });
});
