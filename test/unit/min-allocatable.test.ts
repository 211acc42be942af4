/**
 * min_allocatable_resources (FrameworkInfo.offer_filters, Mesos 1.7+) in the
 * allocator, and the checks of offer_filters and the MULTI_ROLE capability
 * on SUBSCRIBE and UPDATE_FRAMEWORK.
 */
import type { Call, FrameworkInfo } from '@meseta/proto/wire';
import { CallType, pb } from '@meseta/proto/wire';
import { holds, isAllocatable, minAllocatableOf, parseMinAllocatable } from '../../master/allocator/min-allocatable';
import { multiRoleProblem, multiRoleRemovedProblem, offerFiltersProblem, rolesOf } from '../../master/framework-roles-validation';
import { clusterState } from '../../master/state-view';
import { validateCall, validateSubscribe } from '../../master/call-validation';
import { addAgents, describeOffers, newAllocator, pass, who } from './allocator-fixtures';
import { FakeFramework, masterTestBed } from './fixtures/master-test-bed';

const MULTI_ROLE = { type: pb.FrameworkInfo.Capability.Type.MULTI_ROLE };
const q = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));
const mins = (byRole: Record<string, Array<Record<string, number>>>): Map<string, Array<Map<string, number>>> =>
  new Map(Object.entries(byRole).map(([role, list]) => [role, list.map(q)]));
/** offer_filters as a framework sends them. */
const filters = (byRole: Record<string, Array<Record<string, number>>>): FrameworkInfo['offer_filters'] =>
  Object.fromEntries(Object.entries(byRole).map(([role, list]) => [role, {
    min_allocatable_resources: { quantities: list.map((e) => ({ quantities: Object.fromEntries(Object.entries(e).map(([n, v]) => [n, { value: v }])) })) },
  }]));

describe('isAllocatable', () => {
  type Row = [string, Record<string, number>, Array<Record<string, number>> | undefined, Array<Record<string, number>> | undefined, boolean];
  it.each<Row>([
    ['no minimum at all', { cpus: 0.1 }, undefined, undefined, true],
    ['an empty list allows anything', { mem: 1 }, [], undefined, true],
    ['the one entry held', { cpus: 2, mem: 64 }, [{ cpus: 2 }], undefined, true],
    ['the one entry not held', { cpus: 1, mem: 4096 }, [{ cpus: 2 }], undefined, false],
    ['an entry is held wholly or not at all', { cpus: 4, mem: 16 }, [{ cpus: 1, mem: 32 }], undefined, false],
    ['any one of two alternatives', { mem: 4096 }, [{ cpus: 2 }, { mem: 1024 }], undefined, true],
    ['neither alternative', { cpus: 1, mem: 512 }, [{ cpus: 2 }, { mem: 1024 }], undefined, false],
    ['the fallback when the role has no entry', { cpus: 0.005, mem: 8 }, undefined, [{ cpus: 0.01 }, { mem: 32 }], false],
    ['the fallback held', { cpus: 0.01 }, undefined, [{ cpus: 0.01 }, { mem: 32 }], true],
    ['its own entry wins over the fallback', { cpus: 0.005 }, [], [{ cpus: 0.01 }], true],
  ])('%s', (_name, offered, own, fallback, expected) => {
    const byRole = own === undefined ? undefined : new Map([['r', own.map(q)]]);
    expect(isAllocatable(q(offered), 'r', byRole, fallback?.map(q))).toBe(expected);
  });

  it('holds compares each named quantity only', () => {
    expect(holds(q({ cpus: 2, mem: 10, disk: 5 }), q({ cpus: 2 }))).toBe(true);
    expect(holds(q({ cpus: 2 }), q({ cpus: 2, gpus: 0 }))).toBe(true);
    expect(holds(q({ cpus: 2 }), q({ gpus: 1 }))).toBe(false);
  });

  it('reads offer_filters: a role without min_allocatable_resources is left out', () => {
    const info: FrameworkInfo = { name: 'x', roles: ['a', 'b'], offer_filters: { ...filters({ a: [{ cpus: 2 }, { mem: 1024 }] }), b: {} } };
    expect(minAllocatableOf(info)).toEqual(mins({ a: [{ cpus: 2 }, { mem: 1024 }] }));
    expect(minAllocatableOf({ name: 'x' })).toBeUndefined();
  });
});

describe('HierarchicalAllocator with min_allocatable_resources', () => {
  it('does not offer a framework wanting cpus:2 an agent with 1 cpu free; another framework gets it', () => {
    const allocator = newAllocator();
    allocator.addFramework('big', { roles: ['r'], minAllocatableResources: mins({ r: [{ cpus: 2 }] }) });
    allocator.addFramework('small', { roles: ['r'] });
    addAgents(allocator, 1, 'cpus:1;mem:4096');
    expect(describeOffers(pass(allocator))).toEqual(['small@a1(r) cpus:1;mem:4096']);
  });

  it('offers it nothing, and keeps the agent parked, when it is alone; a larger agent is offered', () => {
    const allocator = newAllocator();
    allocator.addFramework('big', { roles: ['r'], minAllocatableResources: mins({ r: [{ cpus: 2 }] }) });
    addAgents(allocator, 1, 'cpus:1;mem:4096');
    expect(pass(allocator)).toEqual([]);
    expect(pass(allocator)).toEqual([]);
    expect(allocator.lastPassVisitedAgents).toBe(0);
    allocator.addAgent('a2', { hostname: 'host2', total: [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 2 } }] });
    expect(who(pass(allocator))).toEqual(['big@a2']);
  });

  it.each([
    ['cpus enough', 'cpus:2;mem:256', ['A@a1']],
    ['mem enough', 'cpus:1;mem:2048', ['A@a1']],
    ['neither', 'cpus:1;mem:1024', []],
  ])('two alternatives (cpus:2 or mem:2048): %s', (_name, agent, expected) => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'], minAllocatableResources: mins({ r: [{ cpus: 2 }, { mem: 2048 }] }) });
    addAgents(allocator, 1, agent);
    expect(who(pass(allocator))).toEqual(expected);
  });

  it('applies the entry of the role it is offered for; its other role takes the smaller agent', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['big', 'small'], minAllocatableResources: mins({ big: [{ cpus: 4 }] }) });
    addAgents(allocator, 1, 'cpus:2;mem:1024');
    expect(describeOffers(pass(allocator))).toEqual(['A@a1(small) cpus:2;mem:1024']);
  });

  it('frameworks without filters get the allocator-wide minimum; their own entry replaces it', () => {
    const allocator = newAllocator({ minAllocatableResources: [q({ cpus: 0.01 }), q({ mem: 32 })] });
    allocator.addFramework('plain', { roles: ['r'] });
    addAgents(allocator, 1, 'disk:100');
    expect(pass(allocator)).toEqual([]);
    allocator.addFramework('any', { roles: ['r'], minAllocatableResources: mins({ r: [] }) });
    expect(who(pass(allocator))).toEqual(['any@a1']);
  });

  it('a lower minimum by update wakes the agent it could not take', () => {
    const allocator = newAllocator();
    allocator.addFramework('A', { roles: ['r'], minAllocatableResources: mins({ r: [{ cpus: 8 }] }) });
    addAgents(allocator, 1, 'cpus:4;mem:4096');
    expect(pass(allocator)).toEqual([]);
    allocator.updateFramework('A', { roles: ['r'], minAllocatableResources: mins({ r: [{ cpus: 4 }] }) });
    expect(who(pass(allocator))).toEqual(['A@a1']);
  });

  it('under quota the cut offer is what must hold the minimum', () => {
    const allocator = newAllocator();
    allocator.updateQuota('r', { limits: q({ cpus: 1 }) });
    allocator.addFramework('A', { roles: ['r'], minAllocatableResources: mins({ r: [{ cpus: 2 }] }) });
    allocator.addFramework('B', { roles: ['r'] });
    addAgents(allocator, 1, 'cpus:4;mem:4096');
    expect(describeOffers(pass(allocator))).toEqual(['B@a1(r) cpus:1;mem:4096']);
  });
});

const subscribe = (info: FrameworkInfo): Call => ({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { user: 'u', ...info } } });
const update = (info: FrameworkInfo): Call => ({
  type: CallType.UPDATE_FRAMEWORK, framework_id: { value: 'f1' }, update_framework: { framework_info: { user: 'u', id: { value: 'f1' }, ...info } },
});
const F = 'subscribe.framework_info';

describe('offer_filters and MULTI_ROLE on SUBSCRIBE', () => {
  it.each<[string, FrameworkInfo, string | undefined]>([
    ['one role the old way', { name: 'x', role: 'web' }, undefined],
    ['no role at all ("*")', { name: 'x' }, undefined],
    ['roles with MULTI_ROLE', { name: 'x', roles: ['a', 'b'], capabilities: [MULTI_ROLE] }, undefined],
    ['one role in roles without MULTI_ROLE', { name: 'x', roles: ['a'] }, `${F}.roles: must not be set without the MULTI_ROLE capability (1 role given; use role, or add MULTI_ROLE to capabilities)`],
    ['two roles without MULTI_ROLE', { name: 'x', roles: ['a', 'b'], capabilities: [{ type: pb.FrameworkInfo.Capability.Type.PARTITION_AWARE }] }, `${F}.roles: must not be set without the MULTI_ROLE capability (2 roles given; use role, or add MULTI_ROLE to capabilities)`],
    ['role with MULTI_ROLE', { name: 'x', role: 'a', roles: ['a'], capabilities: [MULTI_ROLE] }, `${F}.role: must not be set when the framework has the MULTI_ROLE capability (use roles)`],
    ['a role twice', { name: 'x', roles: ['a', 'b', 'a'], capabilities: [MULTI_ROLE] }, `${F}.roles[2]: "a" is listed twice`],
    ['filters for its role', { name: 'x', roles: ['a'], capabilities: [MULTI_ROLE], offer_filters: filters({ a: [{ cpus: 2 }, { mem: 0 }] }) }, undefined],
    ['filters for "*" by default', { name: 'x', offer_filters: filters({ '*': [{ cpus: 1 }] }) }, undefined],
    ['filters for a role it does not have', { name: 'x', role: 'a', offer_filters: filters({ b: [{ cpus: 1 }] }) }, `${F}.offer_filters["b"]: "b" is not one of the framework's roles (a)`],
    ['a negative quantity', { name: 'x', roles: ['a'], capabilities: [MULTI_ROLE], offer_filters: filters({ a: [{ cpus: 1 }, { mem: -1 }] }) }, `${F}.offer_filters["a"].min_allocatable_resources.quantities[1].quantities["mem"].value: must be a finite number, zero or more, got -1`],
    ['an infinite quantity', { name: 'x', role: 'a', offer_filters: filters({ a: [{ cpus: Infinity }] }) }, `${F}.offer_filters["a"].min_allocatable_resources.quantities[0].quantities["cpus"].value: must be a finite number, zero or more, got Infinity`],
    ['NaN', { name: 'x', role: 'a', offer_filters: filters({ a: [{ cpus: NaN }] }) }, `${F}.offer_filters["a"].min_allocatable_resources.quantities[0].quantities["cpus"].value: must be a finite number, zero or more, got NaN`],
    ['an empty entry', { name: 'x', role: 'a', offer_filters: filters({ a: [{}] }) }, `${F}.offer_filters["a"].min_allocatable_resources.quantities[0]: names no resource (give at least one quantity, e.g. cpus)`],
    ['a quantity without its value', { name: 'x', role: 'a', offer_filters: { a: { min_allocatable_resources: { quantities: [{ quantities: { cpus: {} } }] } } } }, `${F}.offer_filters["a"].min_allocatable_resources.quantities[0].quantities["cpus"].value: must be a finite number, zero or more, got (missing)`],
  ])('%s', (_name, info, message) => {
    const run = (): void => validateSubscribe(subscribe(info));
    if (message === undefined) expect(run).not.toThrow();
    else expect(run).toThrow(message);
  });

  it('UPDATE_FRAMEWORK gets the same checks, naming its own field', () => {
    expect(() => validateCall(update({ name: 'x', roles: ['a', 'b'] }))).toThrow('update_framework.framework_info.roles: must not be set without the MULTI_ROLE capability');
    expect(() => validateCall(update({ name: 'x', role: 'a', offer_filters: filters({ a: [{ cpus: -2 }] }) }))).toThrow('update_framework.framework_info.offer_filters["a"]');
  });

  it('a decoded message does not read its default role as set', () => {
    const decoded = pb.FrameworkInfo.decode(pb.FrameworkInfo.encode({ name: 'x', user: 'u', roles: ['a'], capabilities: [MULTI_ROLE] }).finish());
    expect(decoded.role).toBe('*');
    expect(multiRoleProblem(decoded, F)).toBeUndefined();
    expect(offerFiltersProblem(decoded, F)).toBeUndefined();
  });

  it.each<[string, FrameworkInfo, FrameworkInfo, string | undefined]>([
    ['MULTI_ROLE kept', { roles: ['a'], capabilities: [MULTI_ROLE] }, { roles: ['a', 'b'], capabilities: [MULTI_ROLE] }, undefined],
    ['MULTI_ROLE added', { role: 'a' }, { roles: ['a'], capabilities: [MULTI_ROLE] }, undefined],
    ['MULTI_ROLE removed', { roles: ['a'], capabilities: [MULTI_ROLE] }, { role: 'a' }, `${F}.capabilities: the MULTI_ROLE capability cannot be removed once the framework has it`],
  ])('%s', (_name, before, after, message) => {
    expect(multiRoleRemovedProblem(before, after, F)).toBe(message);
  });
});

describe('the master keeps MULTI_ROLE and offer_filters', () => {
  it('refuses dropping MULTI_ROLE on re-subscription and on UPDATE_FRAMEWORK; applies new filters from UPDATE_FRAMEWORK', async () => {
    const bed = masterTestBed();
    try {
      const fw = await bed.subscribe('fw', { roles: ['*'], capabilities: [MULTI_ROLE], offer_filters: filters({ '*': [{ cpus: 8 }] }), failover_timeout: 60 });
      await bed.addAgent('cpus:4;mem:1024');
      bed.master.runAllocation();
      expect(fw.sink.offers()).toEqual([]);
      const again = bed.master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', user: 'root', id: { value: fw.frameworkId }, failover_timeout: 60 } } }, new FakeFramework());
      await expect(again).rejects.toThrow(`${F}.capabilities: the MULTI_ROLE capability cannot be removed once the framework has it`);
      const drop = fw.call({ type: CallType.UPDATE_FRAMEWORK, update_framework: { framework_info: { name: 'fw', user: 'root', id: { value: fw.frameworkId } } } });
      await expect(drop).rejects.toThrow('update_framework.framework_info.capabilities: the MULTI_ROLE capability cannot be removed');
      await fw.call({
        type: CallType.UPDATE_FRAMEWORK,
        update_framework: { framework_info: { name: 'fw', user: 'root', id: { value: fw.frameworkId }, roles: ['*'], capabilities: [MULTI_ROLE], offer_filters: filters({ '*': [{ cpus: 4 }] }), failover_timeout: 60 } },
      });
      bed.master.runAllocation();
      expect(fw.sink.offers().map((o) => o.agent_id?.value)).toHaveLength(1);
    } finally {
      bed.stop();
    }
  });
});

describe('a MULTI_ROLE framework with no roles', () => {
  it.each<[string, FrameworkInfo, string[]]>([
    ['MULTI_ROLE with roles: those', { roles: ['a', 'b'], capabilities: [MULTI_ROLE] }, ['a', 'b']],
    ['MULTI_ROLE with an empty roles: none (as Mesos), not "*"', { roles: [], capabilities: [MULTI_ROLE] }, []],
    ['MULTI_ROLE without roles: none', { capabilities: [MULTI_ROLE] }, []],
    ['without MULTI_ROLE and no role: "*"', {}, ['*']],
    ['without MULTI_ROLE: its role', { role: 'web' }, ['web']],
  ])('rolesOf: %s', (_name, info, roles) => {
    expect(rolesOf(info)).toEqual(roles);
  });

  it('is subscribed with no roles and offered nothing; /state lists no role for it', async () => {
    const bed = masterTestBed();
    try {
      const none = await bed.master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'none', user: 'root', roles: [], capabilities: [MULTI_ROLE] } } }, new FakeFramework());
      const star = await bed.subscribe('star', { role: '*' });
      await bed.addAgent('cpus:4;mem:1024');
      bed.master.runAllocation();
      expect(bed.master.frameworks.get(none.frameworkId)?.roles).toEqual([]);
      expect(star.sink.offers()).toHaveLength(1);
      const roles = clusterState(bed.master).roles ?? [];
      expect(roles.map((r) => [r.name, (r.frameworks ?? []).map((f) => f.value)])).toEqual([['*', [star.frameworkId]]]);
    } finally {
      bed.stop();
    }
  });
});

describe('--min-allocatable-resources', () => {
  it.each<[string, Array<Record<string, number>>]>([
    ['cpus:0.01|mem:32', [{ cpus: 0.01 }, { mem: 32 }]],
    ['disk:1|cpus:1;mem:32;ports:1', [{ disk: 1 }, { cpus: 1, mem: 32, ports: 1 }]],
    ['ports:[1-5,10-11];zones:{a,b}', [{ ports: 7, zones: 2 }]],
    ['', []],
  ])('reads %p', (text, expected) => {
    expect(parseMinAllocatable(text)).toEqual(expected.map(q));
  });

  it.each([
    ['cpus', '--min-allocatable-resources: "cpus" must look like name:amount (e.g. cpus:0.01|mem:32)'],
    ['cpus:-1', '--min-allocatable-resources: cpus: "-1" is not a finite amount, zero or more'],
    ['cpus:lots', '--min-allocatable-resources: cpus: "lots" is not a finite amount, zero or more'],
    ['cpus:1|', '--min-allocatable-resources: "" must look like name:amount'],
    ['cpus:1;cpus:2', '--min-allocatable-resources: cpus is given twice in "cpus:1;cpus:2"'],
    ['ports:[5-1]', '--min-allocatable-resources: ports: "[5-1]" is not a finite amount, zero or more'],
  ])('refuses %p', (text, message) => {
    expect(() => parseMinAllocatable(text)).toThrow(message);
  });
});
