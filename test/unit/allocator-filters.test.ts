/** Decline filters, suppression and revival. */
import { addAgents, clock, newAllocator, pass, who } from './allocator-fixtures';

describe('HierarchicalAllocator decline filters', () => {
  it('does not re-offer a declined agent to that framework within the window, but offers it to another', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    addAgents(allocator, 1);
    const [offer] = pass(allocator);
    expect(offer.frameworkId).toBe('A');
    allocator.recoverResources('A', 'a1', offer.resources, { refuseSeconds: 5 });
    clock.now += 1;
    expect(who(pass(allocator))).toEqual(['B@a1']);
  });

  it.each([
    ['just before expiry', 4.999, []],
    ['at expiry', 5, ['A@a1']],
    ['well after expiry', 60, ['A@a1']],
  ])('re-offers a declined agent to the same framework only after the filter ends: %s', (_case, after, expected) => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 1);
    const [offer] = pass(allocator);
    const declinedAt = clock.now;
    allocator.recoverResources('A', 'a1', offer.resources, { refuseSeconds: 5 });
    expect(allocator.nextFilterExpiry()).toBe(declinedAt + 5);
    expect(pass(allocator)).toEqual([]);
    clock.now = declinedAt + after;
    expect(who(pass(allocator))).toEqual(expected);
  });

  it.each([0, -3])('sets no filter for refuse_seconds %p', (refuseSeconds) => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 1);
    const [offer] = pass(allocator);
    allocator.recoverResources('A', 'a1', offer.resources, { refuseSeconds });
    expect(allocator.nextFilterExpiry()).toBeUndefined();
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it('keeps the longer of two filters on the same agent', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 1, 'cpus:2');
    pass(allocator);
    allocator.recoverResources('A', 'a1', [{ name: 'cpus', type: 0, scalar: { value: 1 } }], { refuseSeconds: 10 });
    allocator.recoverResources('A', 'a1', [{ name: 'cpus', type: 0, scalar: { value: 1 } }], { refuseSeconds: 2 });
    expect(allocator.nextFilterExpiry()).toBe(clock.now + 10);
  });

  it('reports the earliest pending expiry and nothing once filters are gone', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 2);
    const offers = pass(allocator);
    expect(allocator.nextFilterExpiry()).toBeUndefined();
    allocator.recoverResources('A', 'a1', offers[0].resources, { refuseSeconds: 30 });
    allocator.recoverResources('A', 'a2', offers[1].resources, { refuseSeconds: 7 });
    expect(allocator.nextFilterExpiry()).toBe(clock.now + 7);
    allocator.reviveOffers('A');
    expect(allocator.nextFilterExpiry()).toBeUndefined();
  });

  it('clears filters on revive, so the framework is offered the agent at once', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 1);
    const [offer] = pass(allocator);
    allocator.recoverResources('A', 'a1', offer.resources, { refuseSeconds: 3600 });
    expect(pass(allocator)).toEqual([]);
    allocator.reviveOffers('A');
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it('filters one framework only: another framework declining does not affect it', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    addAgents(allocator, 1);
    const [toA] = pass(allocator);
    allocator.recoverResources('A', 'a1', toA.resources, { refuseSeconds: 100 });
    const [toB] = pass(allocator);
    expect(toB.frameworkId).toBe('B');
    allocator.recoverResources('B', 'a1', toB.resources, { refuseSeconds: 10 });
    expect(pass(allocator)).toEqual([]);
    clock.now += 10;
    expect(who(pass(allocator))).toEqual(['B@a1']);
  });
});

describe('HierarchicalAllocator suppression', () => {
  it('offers nothing to a suppressed framework and everything to the others', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    allocator.suppressOffers('A');
    addAgents(allocator, 2);
    expect(who(pass(allocator))).toEqual(['B@a1', 'B@a2']);
  });

  it('suppresses only the named roles', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['x', 'y'] });
    allocator.suppressOffers('A', ['x']);
    addAgents(allocator, 1);
    expect(pass(allocator).map((o) => o.role)).toEqual(['y']);
  });

  it('takes suppressed roles at subscription', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'], suppressedRoles: ['r'] });
    addAgents(allocator, 1);
    expect(pass(allocator)).toEqual([]);
    allocator.updateFramework('A', { roles: ['r'], suppressedRoles: [] });
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it.each([
    ['all roles', undefined],
    ['the suppressed role', ['r']],
  ])('offers again after reviving %s', (_case, roles) => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.suppressOffers('A');
    addAgents(allocator, 2);
    expect(pass(allocator)).toEqual([]);
    allocator.reviveOffers('A', roles);
    expect(who(pass(allocator))).toEqual(['A@a1', 'A@a2']);
  });

  it('keeps a role suppressed when another role is revived', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['x', 'y'] });
    allocator.suppressOffers('A');
    addAgents(allocator, 1);
    expect(pass(allocator)).toEqual([]);
    allocator.reviveOffers('A', ['y']);
    expect(pass(allocator).map((o) => o.role)).toEqual(['y']);
  });
});
