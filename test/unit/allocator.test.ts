/** The hierarchical DRF allocator: who gets which agent. */
import { copyResources } from '../../master/allocator/held-resources';
import { RandomSorter } from '../../master/allocator/random-sorter';
import { allocate, formatResources, normalize } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { addAgents, describeOffers, newAllocator, pass, who } from './allocator-fixtures';

describe('HierarchicalAllocator order', () => {
  it('gives each agent to the framework with the lowest share, alternating between equals', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['web'] });
    allocator.addFramework('B', { roles: ['web'] });
    addAgents(allocator, 4);
    expect(who(pass(allocator))).toEqual(['A@a1', 'B@a2', 'A@a3', 'B@a4']);
  });

  it('offers all of an agent free resources in one offer stamped with the role', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['web'] });
    addAgents(allocator, 1, 'cpus:4;mem:8192;ports:[31000-32000]');
    const [offer] = pass(allocator);
    expect(formatResources(offer.resources)).toBe('cpus:4;mem:8192;ports:[31000-32000]');
    expect(offer.role).toBe('web');
    expect(offer.resources.every((r) => r.allocation_role === 'web')).toBe(true);
  });

  it('follows DRF across agents of different shapes (the DRF paper cluster as agents)', () => {
    // 9 cpus / 18 GB split into agents shaped like the paper's tasks: A wants <1 cpu, 4 GB>, B <3 cpus, 1 GB>.
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    const shapes = ['cpus:1;mem:4', 'cpus:3;mem:1', 'cpus:1;mem:4', 'cpus:3;mem:1', 'cpus:1;mem:4'];
    shapes.forEach((text, i) => allocator.addAgent(`a${i + 1}`, { hostname: 'h', total: parseResources(text) }));
    const offers = pass(allocator);
    expect(who(offers)).toEqual(['A@a1', 'B@a2', 'A@a3', 'B@a4', 'A@a5']);
    expect(allocator.frameworkShare('A')).toBeCloseTo(12 / 14);
    expect(allocator.frameworkShare('B')).toBeCloseTo(6 / 9);
  });

  it('counts resources in use at registration in the share', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    allocator.addAgent('busy', { hostname: 'h', total: parseResources('cpus:4;mem:4096'), used: new Map([['A', parseResources('cpus:4;mem:4096')]]) });
    addAgents(allocator, 2);
    expect(who(pass(allocator))).toEqual(['B@a1', 'A@a2']);
  });

  it('offers only what is not in use on an agent that registers with running tasks', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addAgent('a1', { hostname: 'h', total: parseResources('cpus:4;mem:4096'), used: new Map([['A', parseResources('cpus:3;mem:1000')]]) });
    expect(describeOffers(pass(allocator))).toEqual(['A@a1(r) cpus:1;mem:3096']);
  });

  it('counts in-use resources of a framework that subscribes after the agent registered', () => {
    const allocator = newAllocator();
    addAgents(allocator, 2);
    allocator.addAgent('busy', { hostname: 'h', total: parseResources('cpus:4;mem:4096'), used: new Map([['late', parseResources('cpus:4;mem:4096')]]) });
    allocator.addFramework('late', { roles: ['r'] });
    expect(allocator.frameworkShare('late')).toBeCloseTo(1 / 3);
    allocator.addFramework('B', { roles: ['r'] });
    // B catches up to late's third, then the tie goes to late, which subscribed first.
    expect(who(pass(allocator))).toEqual(['B@a1', 'late@a2']);
  });

  it.each([
    ['equal weights alternate', 1, ['X', 'Y', 'X', 'Y', 'X', 'Y']],
    ['weight 2 gets twice the agents', 2, ['X', 'Y', 'X', 'X', 'Y', 'X']],
  ])('orders roles by weighted share: %s', (_case, weight, expected) => {
    const allocator = newAllocator();
    allocator.updateWeight('x', weight);
    allocator.addFramework('X', { roles: ['x'] });
    allocator.addFramework('Y', { roles: ['y'] });
    addAgents(allocator, 6);
    expect(pass(allocator).map((o) => o.frameworkId)).toEqual(expected);
    expect(allocator.roleShare('x')).toBeCloseTo(allocator.roleShare('y'));
  });

  it('applies a weight set after the role exists', () => {
    const allocator = newAllocator();
    allocator.addFramework('X', { roles: ['x'] });
    allocator.addFramework('Y', { roles: ['y'] });
    allocator.updateWeight('x', 3);
    addAgents(allocator, 4);
    expect(pass(allocator).map((o) => o.frameworkId)).toEqual(['X', 'Y', 'X', 'X']);
  });

  it.each([0, -2, Number.NaN])('rejects the role weight %p', (weight) => {
    expect(() => newAllocator().updateWeight('x', weight)).toThrow(RangeError);
  });

  it('reports shares for the UI', () => {
    const allocator = newAllocator();
    allocator.updateWeight('x', 2);
    allocator.addFramework('X', { roles: ['x'] });
    addAgents(allocator, 4);
    pass(allocator);
    expect(allocator.frameworkShare('X')).toBe(1);
    expect(allocator.roleShare('x')).toBe(0.5);
    expect(allocator.frameworkShare('nobody')).toBe(0);
    expect(allocator.roleShare('nobody')).toBe(0);
  });

  it('gives each agent to exactly one framework with a random framework sorter', () => {
    const allocator = newAllocator({ frameworkSorter: () => new RandomSorter({ seed: 9 }) });
    for (const id of ['A', 'B', 'C']) allocator.addFramework(id, { roles: ['r'] });
    addAgents(allocator, 30);
    const offers = pass(allocator);
    expect(offers.map((o) => o.agentId).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `a${i + 1}`).sort());
    expect(new Set(offers.map((o) => o.frameworkId)).size).toBe(3);
  });
});

describe('HierarchicalAllocator reservations', () => {
  it('gives resources reserved for a role only to that role and the rest to others', () => {
    const allocator = newAllocator();
    allocator.addFramework('dev1', { roles: ['dev'] });
    allocator.addFramework('ops1', { roles: ['ops'] });
    allocator.addAgent('a1', { hostname: 'h', total: parseResources('cpus:2;mem:1024;cpus(ops):4') });
    expect(describeOffers(pass(allocator)).sort()).toEqual(['dev1@a1(dev) cpus:2;mem:1024', 'ops1@a1(ops) cpus(ops):4']);
  });

  it('keeps resources reserved for a role without frameworks until one subscribes', () => {
    const allocator = newAllocator();
    allocator.addFramework('dev1', { roles: ['dev'] });
    allocator.addAgent('a1', { hostname: 'h', total: parseResources('cpus:2;disk(ops):100') });
    expect(describeOffers(pass(allocator))).toEqual(['dev1@a1(dev) cpus:2']);
    expect(pass(allocator)).toEqual([]);
    allocator.addFramework('ops1', { roles: ['ops'] });
    expect(describeOffers(pass(allocator))).toEqual(['ops1@a1(ops) disk(ops):100']);
  });

  it('offers a framework with two roles its reservations in each', () => {
    const allocator = newAllocator();
    allocator.addFramework('multi', { roles: ['a', 'b'] });
    allocator.addAgent('n1', { hostname: 'h', total: parseResources('cpus(a):1;cpus(b):2') });
    expect(describeOffers(pass(allocator)).sort()).toEqual(['multi@n1(a) cpus(a):1', 'multi@n1(b) cpus(b):2']);
  });
});

describe('HierarchicalAllocator activity', () => {
  it('offers nothing of an inactive agent, and everything once it is activated', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addAgent('a1', { hostname: 'h', total: parseResources('cpus:1'), active: false });
    addAgents(allocator, 1);
    allocator.deactivateAgent('a1');
    expect(pass(allocator)).toEqual([]);
    allocator.activateAgent('a1');
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it('offers nothing to an inactive framework, and parked agents once it is activated', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'], active: false });
    addAgents(allocator, 2);
    expect(pass(allocator)).toEqual([]);
    allocator.activateFramework('A');
    expect(who(pass(allocator))).toEqual(['A@a1', 'A@a2']);
  });

  it('skips a deactivated framework in favour of the next', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    allocator.deactivateFramework('A');
    addAgents(allocator, 2);
    expect(who(pass(allocator))).toEqual(['B@a1', 'B@a2']);
  });

  it('does not count inactive agents in the cluster total', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 2);
    pass(allocator);
    allocator.deactivateAgent('a2');
    expect(allocator.frameworkShare('A')).toBe(2);
  });

  it('forgets a removed agent and what frameworks held there', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 2);
    pass(allocator);
    allocator.removeAgent('a1');
    expect(allocator.frameworkShare('A')).toBe(1);
    allocator.removeAgent('a2');
    expect(allocator.frameworkShare('A')).toBe(0);
  });

  it('offers a framework the roles it gains when it re-subscribes', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['x'] });
    allocator.addAgent('n1', { hostname: 'h', total: parseResources('cpus(y):2') });
    expect(pass(allocator)).toEqual([]);
    allocator.updateFramework('A', { roles: ['x', 'y'] });
    expect(describeOffers(pass(allocator))).toEqual(['A@n1(y) cpus(y):2']);
  });
});

describe('HierarchicalAllocator recovery', () => {
  it('makes recovered resources offerable again, to the framework now furthest behind', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 2);
    const first = pass(allocator);
    expect(who(first)).toEqual(['A@a1', 'A@a2']);
    allocator.addFramework('B', { roles: ['r'] });
    expect(pass(allocator)).toEqual([]);
    allocator.recoverResources('A', 'a1', first[0].resources);
    expect(who(pass(allocator))).toEqual(['B@a1']);
  });

  it('offers only the recovered part of an agent', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 1, 'cpus:4;mem:4096;ports:[31000-31009]');
    pass(allocator);
    allocator.recoverResources('A', 'a1', parseResources('cpus:1.5;ports:[31005-31009]'));
    expect(describeOffers(pass(allocator))).toEqual(['A@a1(r) cpus:1.5;ports:[31005-31009]']);
    expect(allocator.frameworkShare('A')).toBe(1);
  });

  it('returns only what the framework held, whatever it asks back', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    allocator.addFramework('B', { roles: ['r'] });
    addAgents(allocator, 2, 'cpus:2');
    pass(allocator);
    allocator.recoverResources('A', 'a1', parseResources('cpus:10;gpus:1'));
    allocator.recoverResources('A', 'a2', parseResources('cpus:2'));
    expect(describeOffers(pass(allocator))).toEqual(['A@a1(r) cpus:2']);
  });

  it('takes back resources of a removed framework into the free pool', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 1);
    const [offer] = pass(allocator);
    allocator.removeFramework('A');
    allocator.addFramework('B', { roles: ['r'] });
    expect(pass(allocator)).toEqual([]);
    allocator.recoverResources('A', 'a1', offer.resources);
    expect(describeOffers(pass(allocator))).toEqual(['B@a1(r) cpus:4;mem:4096']);
  });
});

describe('HierarchicalAllocator unknown ids', () => {
  it.each([
    ['removeFramework', (a: ReturnType<typeof newAllocator>) => a.removeFramework('ghost')],
    ['activateFramework', (a: ReturnType<typeof newAllocator>) => a.activateFramework('ghost')],
    ['deactivateFramework', (a: ReturnType<typeof newAllocator>) => a.deactivateFramework('ghost')],
    ['updateFramework', (a: ReturnType<typeof newAllocator>) => a.updateFramework('ghost', { roles: ['r'] })],
    ['removeAgent', (a: ReturnType<typeof newAllocator>) => a.removeAgent('ghost')],
    ['activateAgent', (a: ReturnType<typeof newAllocator>) => a.activateAgent('ghost')],
    ['deactivateAgent', (a: ReturnType<typeof newAllocator>) => a.deactivateAgent('ghost')],
    ['recoverResources of an unknown framework', (a: ReturnType<typeof newAllocator>) => a.recoverResources('ghost', 'a1', parseResources('cpus:1'))],
    ['recoverResources on an unknown agent', (a: ReturnType<typeof newAllocator>) => a.recoverResources('A', 'ghost', parseResources('cpus:1'), { refuseSeconds: 5 })],
    ['suppressOffers', (a: ReturnType<typeof newAllocator>) => a.suppressOffers('ghost')],
    ['reviveOffers', (a: ReturnType<typeof newAllocator>) => a.reviveOffers('ghost')],
  ])('treats %s as a no-op', (_call, call) => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'] });
    addAgents(allocator, 1);
    pass(allocator);
    expect(() => call(allocator)).not.toThrow();
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
    expect(allocator.frameworkShare('A')).toBe(1);
  });
});

describe('offered copies', () => {
  it.each([
    ['scalars', 'cpus:16;mem:65536'],
    ['ranges and sets', 'ports:[31000-31005,31010-32000];gpus:{a,b}'],
    ['reservations', 'cpus(ops):2;disk(ops):10;cpus:1'],
  ])('equal allocate() from resources.ts for normalised %s, sharing no objects', (_case, text) => {
    const free = normalize(parseResources(text));
    const copies = copyResources(free, 'web');
    expect(copies).toEqual(allocate(free, 'web'));
    copies[0].reservations?.push({ role: 'x' });
    if (copies[0].scalar) copies[0].scalar.value = 99;
    if (copies[0].ranges?.range?.[0]) copies[0].ranges.range[0].begin = 1;
    expect(free).toEqual(normalize(parseResources(text)));
    expect(copyResources(free)).toEqual(normalize(free));
  });
});

describe('HierarchicalAllocator recovery by role', () => {
  it.each([
    ['labelled with the role they were offered under', 'a'],
    ['without a role', undefined],
    ['labelled with another of its roles', 'b'],
  ])('takes back resources %s', (_case, label) => {
    const allocator = newAllocator();
    allocator.addFramework('multi', { roles: ['a', 'b'], suppressedRoles: ['b'] });
    allocator.addAgent('n1', { hostname: 'h', total: parseResources('cpus:3') });
    expect(describeOffers(pass(allocator))).toEqual(['multi@n1(a) cpus:3']);
    const back = parseResources('cpus:3').map((r) => (label ? { ...r, allocation_role: label } : r));
    allocator.recoverResources('multi', 'n1', back);
    expect(allocator.roleShare('a')).toBe(0);
    expect(allocator.roleShare('b')).toBe(0);
    expect(describeOffers(pass(allocator))).toEqual(['multi@n1(a) cpus:3']);
  });
});
