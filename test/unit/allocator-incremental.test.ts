/** The incremental property: a pass costs what changed, not the cluster size. */
import { parseResources } from '@meseta/proto/resource-text';
import { addAgents, clock, newAllocator, pass, who } from './allocator-fixtures';

describe('HierarchicalAllocator incremental passes', () => {
  it('returns nothing and visits no agent when nothing changed', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 50);
    expect(pass(allocator)).toHaveLength(50);
    expect(allocator.lastPassVisitedAgents).toBe(50);
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
  });

  it('visits only the agents whose resources were recovered', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 50);
    const offers = pass(allocator);
    allocator.recoverResources('A', 'a7', offers[6].resources);
    allocator.recoverResources('A', 'a9', offers[8].resources);
    expect(who(pass(allocator))).toEqual(['A@a7', 'A@a9']);
    expect(allocator.lastPassVisitedAgents).toBe(2);
  });

  it('visits a newly added agent only', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 20);
    pass(allocator);
    allocator.addAgent('new', { hostname: 'h', total: parseResources('cpus:1') });
    expect(who(pass(allocator))).toEqual(['A@new']);
    expect(allocator.lastPassVisitedAgents).toBe(1);
  });

  it('does not revisit agents nobody can take until something relevant changes', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.suppressOffers('A');
    addAgents(allocator, 10);
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(10);
    for (let i = 0; i < 3; i++) {
      clock.now += 60;
      expect(pass(allocator)).toEqual([]);
      expect(allocator.lastPassVisitedAgents).toBe(0);
    }
    allocator.updateWeight('r', 2);
    allocator.deactivateFramework('A');
    allocator.suppressOffers('A');
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
  });

  it.each([
    ['a framework subscribes', (a: ReturnType<typeof newAllocator>) => a.addFramework('B', { roles: ['r'] })],
    ['the framework revives', (a: ReturnType<typeof newAllocator>) => a.reviveOffers('A')],
    ['the framework is unsuppressed by re-subscribing', (a: ReturnType<typeof newAllocator>) => a.updateFramework('A', { roles: ['r'] })],
  ])('revisits the parked agents when %s', (_case, change) => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.suppressOffers('A');
    addAgents(allocator, 10);
    pass(allocator);
    change(allocator);
    expect(pass(allocator)).toHaveLength(10);
    expect(allocator.lastPassVisitedAgents).toBe(10);
  });

  it('visits nothing when a framework subscribes while every agent is taken', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 10);
    pass(allocator);
    allocator.addFramework('B', { roles: ['r'] });
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
  });

  it('revisits only the agent whose filter expired', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 10);
    const offers = pass(allocator);
    allocator.recoverResources('A', 'a3', offers[2].resources, { refuseSeconds: 5 });
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(1);
    clock.now += 2;
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
    clock.now += 3;
    expect(who(pass(allocator))).toEqual(['A@a3']);
    expect(allocator.lastPassVisitedAgents).toBe(1);
  });

  it('does not visit an agent whose filter expired after another framework took it', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    addAgents(allocator, 1);
    const [offer] = pass(allocator);
    allocator.recoverResources('A', 'a1', offer.resources, { refuseSeconds: 5 });
    expect(who(pass(allocator))).toEqual(['B@a1']);
    clock.now += 5;
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
  });

  it('skips an agent with nothing free', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addAgent('full', { hostname: 'h', total: parseResources('cpus:1'), used: new Map([['A', parseResources('cpus:1')]]) });
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
  });
});
