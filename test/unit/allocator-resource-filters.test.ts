/** Decline filters hold resources, not agents (Mesos's RefusedOfferFilter), and the largest agent per role. */
import type { RefusedFilter } from '../../master/allocator/allocator-state';
import { ClusterCapacity } from '../../master/allocator/cluster-capacity';
import { addFilter, filterUntil, isRefused, LATEST_FILTER_EXPIRY } from '../../master/allocator/refused-filters';
import { parseResources } from '@meseta/proto/resource-text';
import { addAgents, clock, describeOffers, newAllocator, pass, who } from './allocator-fixtures';

const r = parseResources;
const DAY = 86_400;

/** An allocator with framework A and agent a1 (cpus:4;mem:4096), whose first offer A holds. */
function offeredToA(): { allocator: ReturnType<typeof newAllocator>; offered: ReturnType<typeof r> } {
  const allocator = newAllocator();
  allocator.addFramework('A', { roles: ['r'] });
  addAgents(allocator, 1, 'cpus:4;mem:4096');
  const [offer] = pass(allocator);
  return { allocator, offered: offer.resources };
}

describe('HierarchicalAllocator filters on resources', () => {
  it('does not offer again what was declined, however many passes run', () => {
    const { allocator, offered } = offeredToA();
    allocator.recoverResources('A', 'a1', offered, { refuseSeconds: 60 });
    expect(pass(allocator)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      clock.now += 10;
      expect(pass(allocator)).toEqual([]);
      expect(allocator.lastPassVisitedAgents).toBe(0);
    }
  });

  it('offers the larger pool once a task on that agent ends, while the unused part of its offer is still refused', () => {
    const { allocator } = offeredToA();
    const task = r('cpus:1;mem:1024');
    // ACCEPT launched `task`; the rest of the offer came back with the call's filter.
    allocator.recoverResources('A', 'a1', r('cpus:3;mem:3072'), { refuseSeconds: 3600 });
    expect(pass(allocator)).toEqual([]);
    allocator.recoverResources('A', 'a1', task);
    expect(describeOffers(pass(allocator))).toEqual(['A@a1(r) cpus:4;mem:4096']);
    expect(allocator.lastPassVisitedAgents).toBe(1);
  });

  it('keeps refusing a smaller pool than was refused', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    addAgents(allocator, 1, 'cpus:4;mem:4096');
    const [toA] = pass(allocator);
    expect(toA.frameworkId).toBe('A');
    allocator.recoverResources('A', 'a1', toA.resources, { refuseSeconds: 3600 });
    const [toB] = pass(allocator);
    expect(toB.frameworkId).toBe('B');
    // B launches cpus:1;mem:1024 and gives the rest back without a filter: A refused more than that.
    allocator.recoverResources('B', 'a1', r('cpus:3;mem:3072'));
    allocator.suppressOffers('B');
    expect(pass(allocator)).toEqual([]);
  });

  it.each([
    ['just before expiry', 59.999, []],
    ['at expiry', 60, ['A@a1']],
  ])('lets the same offer through once the filter expires: %s', (_case, after, expected) => {
    const { allocator, offered } = offeredToA();
    const declinedAt = clock.now;
    allocator.recoverResources('A', 'a1', offered, { refuseSeconds: 60 });
    expect(pass(allocator)).toEqual([]);
    clock.now = declinedAt + after;
    expect(who(pass(allocator))).toEqual(expected);
  });

  it('clears resource filters on revive', () => {
    const { allocator, offered } = offeredToA();
    allocator.recoverResources('A', 'a1', offered, { refuseSeconds: 3600 });
    expect(pass(allocator)).toEqual([]);
    allocator.reviveOffers('A');
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it('filters per role: what one role refused is still offered to the framework\'s other role', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['x', 'y'] });
    addAgents(allocator, 1, 'cpus:2');
    const [first] = pass(allocator);
    allocator.recoverResources('A', 'a1', first.resources, { refuseSeconds: 3600 });
    const [second] = pass(allocator);
    expect(second.role).not.toBe(first.role);
    allocator.recoverResources('A', 'a1', second.resources, { refuseSeconds: 3600 });
    expect(pass(allocator)).toEqual([]);
  });

  it('forgets the filters of a removed agent, so the agent re-added under its id is offered', () => {
    const { allocator, offered } = offeredToA();
    allocator.recoverResources('A', 'a1', offered, { refuseSeconds: 3600 });
    allocator.removeAgent('a1');
    addAgents(allocator, 1, 'cpus:4;mem:4096');
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it('waits a 30-day refuse_seconds out on the clock', () => {
    const { allocator, offered } = offeredToA();
    const declinedAt = clock.now;
    allocator.recoverResources('A', 'a1', offered, { refuseSeconds: 30 * DAY });
    expect(allocator.nextFilterExpiry()).toBe(declinedAt + 30 * DAY);
    clock.now = declinedAt + 29 * DAY;
    expect(pass(allocator)).toEqual([]);
    clock.now = declinedAt + 30 * DAY;
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it.each([
    ['1e300', 1e300],
    ['Number.MAX_VALUE', Number.MAX_VALUE],
    ['Infinity', Infinity],
  ])('holds a refuse_seconds of %s until the framework revives, with no expiry to schedule', (_case, refuseSeconds) => {
    const { allocator, offered } = offeredToA();
    allocator.recoverResources('A', 'a1', offered, { refuseSeconds });
    expect(allocator.nextFilterExpiry()).toBeUndefined();
    clock.now += 1000 * 365 * DAY;
    expect(pass(allocator)).toEqual([]);
    allocator.reviveOffers('A');
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it('visits only the agent whose expired filter lets its offer through', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 20);
    const offers = pass(allocator);
    allocator.recoverResources('A', 'a3', offers[2].resources, { refuseSeconds: 5 });
    allocator.recoverResources('A', 'a4', offers[3].resources, { refuseSeconds: 50 });
    expect(pass(allocator)).toEqual([]);
    clock.now += 5;
    expect(who(pass(allocator))).toEqual(['A@a3']);
    expect(allocator.lastPassVisitedAgents).toBe(1);
  });
});

function filter(resources: string, until: number, role = 'r'): RefusedFilter {
  return { frameworkId: 'A', agentId: 'a1', role, resources: r(resources), until };
}

describe('filterUntil', () => {
  it.each([
    ['no filter for zero seconds', 0, undefined],
    ['no filter for negative seconds', -1, undefined],
    ['no filter for NaN', NaN, undefined],
    ['now plus the seconds for a short filter', 5, 1005],
    ['now plus the seconds for 30 days', 30 * DAY, 1000 + 30 * DAY],
    ['until revive past the latest exact time', LATEST_FILTER_EXPIRY, Infinity],
    ['until revive for 1e300', 1e300, Infinity],
    ['until revive for Infinity', Infinity, Infinity],
  ])('%s', (_case, seconds, expected) => {
    expect(filterUntil(1000, seconds)).toBe(expected);
  });
});

describe('addFilter', () => {
  it.each([
    ['adds a first filter', [], filter('cpus:1', 10), true, 1],
    ['skips a filter an existing one covers', [filter('cpus:2;mem:10', 20)], filter('cpus:1', 10), false, 1],
    ['keeps a shorter-lived larger filter beside a longer smaller one', [filter('cpus:2', 5)], filter('cpus:1', 10), true, 2],
    ['replaces a filter the new one covers', [filter('cpus:1', 10)], filter('cpus:2', 20), true, 1],
    ['keeps filters of another role', [filter('cpus:2', 20, 'x')], filter('cpus:1', 10), true, 2],
    ['adds nothing for empty resources', [], filter('', 10), false, 0],
  ])('%s', (_case, existing, added, expected, length) => {
    const list = [...existing];
    expect(addFilter(list, added)).toBe(expected);
    expect(list).toHaveLength(length);
  });
});

describe('isRefused', () => {
  it.each([
    ['refuses the same resources', 'cpus:2;mem:10', 'cpus:2;mem:10', 'r', 5, true],
    ['refuses fewer resources than were refused', 'cpus:2;mem:10', 'cpus:1', 'r', 5, true],
    ['lets more cpus than were refused through', 'cpus:2;mem:10', 'cpus:3;mem:10', 'r', 5, false],
    ['lets a resource that was not refused through', 'cpus:2', 'cpus:2;gpus:1', 'r', 5, false],
    ['lets other ports through', 'ports:[31000-31001]', 'ports:[31002-31002]', 'r', 5, false],
    ['lets another role through', 'cpus:2', 'cpus:2', 'x', 5, false],
    ['lets it through once the filter ended', 'cpus:2', 'cpus:2', 'r', 10, false],
  ])('%s', (_case, refused, offered, role, now, expected) => {
    expect(isRefused([filter(refused, 10)], role, r(offered), now)).toBe(expected);
  });

  it('drops filters that ended', () => {
    const list = [filter('cpus:1', 10), filter('mem:1', 20)];
    isRefused(list, 'r', r('cpus:1'), 15);
    expect(list.map((f) => f.until)).toEqual([20]);
  });
});

describe('ClusterCapacity', () => {
  const largest = (capacity: ClusterCapacity, role: string): Record<string, number> => Object.fromEntries(capacity.largest(role));

  it('gives the most one agent has, not the sum', () => {
    const capacity = new ClusterCapacity();
    capacity.add('a1', r('cpus:4;mem:1024'));
    capacity.add('a2', r('cpus:2;mem:8192;gpus:1'));
    expect(largest(capacity, '*')).toEqual({ cpus: 4, mem: 8192, gpus: 1 });
  });

  it('falls back to the next largest when the largest agent goes, and to nothing when the last goes', () => {
    const capacity = new ClusterCapacity();
    capacity.add('a1', r('cpus:8'));
    capacity.add('a2', r('cpus:2'));
    capacity.add('a3', r('cpus:8'));
    capacity.remove('a1');
    expect(largest(capacity, '*')).toEqual({ cpus: 8 });
    capacity.remove('a3');
    expect(largest(capacity, '*')).toEqual({ cpus: 2 });
    capacity.remove('a2');
    expect(largest(capacity, '*')).toEqual({});
  });

  it('replaces an agent added again under its id', () => {
    const capacity = new ClusterCapacity();
    capacity.add('a1', r('cpus:8'));
    capacity.add('a1', r('cpus:2'));
    expect(largest(capacity, '*')).toEqual({ cpus: 2 });
  });

  it('counts a role\'s reservations with the unreserved resources of the same agent only', () => {
    const capacity = new ClusterCapacity();
    capacity.add('a1', r('cpus:2;cpus(ops):4'));
    capacity.add('a2', r('cpus:5'));
    expect(largest(capacity, 'ops')).toEqual({ cpus: 6 });
    expect(largest(capacity, 'dev')).toEqual({ cpus: 5 });
    expect(largest(capacity, '*')).toEqual({ cpus: 5 });
  });

  it('counts ports by how many there are', () => {
    const capacity = new ClusterCapacity();
    capacity.add('a1', r('ports:[31000-31999]'));
    expect(largest(capacity, '*')).toEqual({ ports: 1000 });
  });

  it('stays exact through many agents coming and going', () => {
    const capacity = new ClusterCapacity();
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 20; i++) capacity.add(`a${i}`, r(`cpus:${(i * 7 + round) % 13 + 1}`));
      for (let i = 0; i < 20; i += 2) capacity.remove(`a${i}`);
      let expected = 0;
      for (let i = 1; i < 20; i += 2) expected = Math.max(expected, (i * 7 + round) % 13 + 1);
      expect(largest(capacity, '*')).toEqual({ cpus: expected });
    }
  });
});

describe('HierarchicalAllocator.largestAgent', () => {
  it('follows agents as they are added and removed', () => {
    const allocator = newAllocator();
    addAgents(allocator, 2, 'cpus:4;mem:4096');
    allocator.addAgent('big', { hostname: 'big', total: r('cpus:16;mem:2048') });
    expect(Object.fromEntries(allocator.largestAgent('r'))).toEqual({ cpus: 16, mem: 4096 });
    allocator.removeAgent('big');
    expect(Object.fromEntries(allocator.largestAgent('r'))).toEqual({ cpus: 4, mem: 4096 });
  });

  it('counts an inactive agent: it may come back', () => {
    const allocator = newAllocator();
    allocator.addAgent('big', { hostname: 'big', total: r('cpus:16') });
    allocator.deactivateAgent('big');
    expect(Object.fromEntries(allocator.largestAgent('r'))).toEqual({ cpus: 16 });
  });
});
