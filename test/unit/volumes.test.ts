/**
 * Persistent volumes (proto/src/volumes.ts and CREATE / DESTROY in
 * planAccept): shape checks naming the field, conversions of reserved disk
 * into volumes and back, DESTROY refused while a task uses the volume,
 * RESERVE + CREATE + LAUNCH in one ACCEPT, and the allocator offering a
 * volume only to its role.
 */
import { planAccept, type AcceptContext, type OfferView } from '../../master/offer-validation';
import { allocate, formatResources, normalize } from '@meseta/proto/resources';
import { applyConversion, DYNAMIC_RESERVATION, isRefusal } from '@meseta/proto/reservations';
import { containerPathProblem, createProblem, destroyProblem, persistenceIdProblem, planCreate, planDestroy, volumeEntry, volumesChange, VOLUME_RO } from '@meseta/proto/volumes';
import { parseResources } from '@meseta/proto/resource-text';
import { OperationType, Reason, TaskState, type Operation, type Resource, type TaskInfo } from '@meseta/proto/wire';
import { describeOffers, newAllocator, pass } from './allocator-fixtures';

const dyn = (role: string, principal?: string) => ({ type: DYNAMIC_RESERVATION, role, ...(principal ? { principal } : {}) });
const disk = (mb: number, role = 'db', principal?: string): Resource => ({ name: 'disk', type: 0, scalar: { value: mb }, reservations: [dyn(role, principal)] });
const vol = (id: string, mb: number, role = 'db', extra: { path?: string; mode?: number; principal?: string } = {}): Resource => ({
  ...disk(mb, role),
  disk: { persistence: { id, ...(extra.principal ? { principal: extra.principal } : {}) }, volume: { container_path: extra.path ?? 'data', ...(extra.mode ? { mode: extra.mode } : {}) } },
});
const text = (list: readonly Resource[]): string => formatResources(list);
const F = 'accept.operations[0].create.volumes';

describe('persistence id and container path', () => {
  it.each<[string | undefined, string | undefined]>([
    ['db-1', undefined],
    ['a.b_c', undefined],
    ['', 'required'],
    [undefined, 'required'],
    ['a/b', 'must not contain "/"'],
    ['..', 'must not be "." or contain ".."'],
    ['.', 'must not be "." or contain ".."'],
    ['a b', 'printable ASCII without spaces'],
    ['a\u0001', 'printable ASCII without spaces'],
    ['x'.repeat(129), 'at most 128 characters'],
  ])('id %j', (id, problem) => {
    const got = persistenceIdProblem(id);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });

  it.each<[string | undefined, string | undefined]>([
    ['data', undefined],
    ['var/lib/db', undefined],
    ['/var/lib/db', undefined],
    ['', 'required'],
    ['../up', 'must not contain a ".." segment'],
    ['a/../b', 'must not contain a ".." segment'],
    ['/', 'names no directory'],
    ['./', 'names no directory'],
  ])('container path %j', (path, problem) => {
    const got = containerPathProblem(path);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });
});

describe('createProblem', () => {
  it.each<[string, Resource[], string | undefined, string | undefined]>([
    ['a good volume', [vol('a', 10)], 'p', undefined],
    ['a principal matching the caller', [vol('a', 10, 'db', { principal: 'p' })], 'p', undefined],
    ['nothing', [], undefined, `${F}: required`],
    ['cpus', [{ ...vol('a', 10), name: 'cpus' }], undefined, `${F}[0].name: a persistent volume is made of disk, got "cpus"`],
    ['a zero size', [vol('a', 0)], undefined, `${F}[0].scalar.value: the volume's size in MB must be a positive number, got 0`],
    ['unreserved disk', [{ ...vol('a', 10), reservations: [] }], undefined, `${F}[0].reservations: a volume needs reserved disk`],
    ['no persistence', [{ ...disk(10), disk: { volume: { container_path: 'x' } } }], undefined, `${F}[0].disk.persistence: required`],
    ['an id with a slash', [vol('a/b', 10)], undefined, `${F}[0].disk.persistence.id: "a/b" must not contain "/"`],
    ['another principal', [vol('a', 10, 'db', { principal: 'q' })], 'p', `${F}[0].disk.persistence.principal: "q" does not match the caller's principal "p"`],
    ['no volume', [{ ...disk(10), disk: { persistence: { id: 'a' } } }], undefined, `${F}[0].disk.volume: required`],
    ['a ".." path', [vol('a', 10, 'db', { path: '../x' })], undefined, `${F}[0].disk.volume.container_path: "../x" must not contain a ".." segment`],
    ['a bad mode', [vol('a', 10, 'db', { mode: 7 })], undefined, `${F}[0].disk.volume.mode: must be RW or RO, got 7`],
    ['a host path', [{ ...disk(10), disk: { persistence: { id: 'a' }, volume: { container_path: 'x', host_path: '/etc' } } }], undefined, `${F}[0].disk.volume.host_path: must be unset`],
    ['one id twice for a role', [vol('a', 10), vol('a', 5)], undefined, `${F}[1].disk.persistence.id: "a" is named twice for role "db" in this CREATE`],
  ])('%s', (_case, volumes, principal, expected) => {
    const got = createProblem(volumes, { principal }, F);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(expected);
  });

  it('lets one id be used by two roles', () => {
    expect(createProblem([vol('a', 10, 'db'), vol('a', 10, 'web')], {}, F)).toBeUndefined();
  });
});

describe('planCreate and planDestroy', () => {
  const pool = normalize([...parseResources('cpus:1;disk:100'), disk(100)]);

  it('CREATE turns reserved disk into the volume, RW and the caller\'s principal by default', () => {
    const plan = planCreate(pool, [vol('a', 40)], [], { principal: 'p' }, F);
    expect(isRefusal(plan)).toBe(false);
    const after = applyConversion(pool, plan as Exclude<typeof plan, { message: string }>);
    expect(text(after)).toBe('cpus:1;disk:100;disk(db):60;disk(db)[a:data]:40');
    const made = after.find((r) => r.disk?.persistence);
    expect(made?.disk).toEqual({ persistence: { id: 'a', principal: 'p' }, volume: { container_path: 'data', mode: 1 } });
  });

  it.each<[string, Resource[], Resource[], string, object | undefined]>([
    ['more than the reserved disk', [vol('a', 150)], [], `${F}: the reserved disk for the volumes is not all there: disk: asked 150, offer holds 100 reserved for role "db"`, { name: 'disk', requested: 150, available: 100 }],
    ['reserved disk of another role', [vol('a', 10, 'web')], [], `${F}: the reserved disk for the volumes is not all there: disk: asked 10, offer holds 0 reserved for role "web"`, { name: 'disk', requested: 10, available: 0 }],
    ['an id the agent has for the role', [vol('a', 10)], [vol('a', 5)], `${F}[0].disk.persistence.id: "a" is already a volume for role "db" on this agent`, undefined],
  ])('CREATE refuses %s', (_case, volumes, existing, message, shortfall) => {
    const plan = planCreate(pool, volumes, existing, {}, F);
    expect(isRefusal(plan) && plan.message).toBe(message);
    if (shortfall) expect(isRefusal(plan) && plan.shortfalls).toEqual([expect.objectContaining(shortfall)]);
  });

  const D = 'accept.operations[0].destroy.volumes';
  const withVolume = normalize([...pool, vol('a', 40)]);

  it('DESTROY turns the volume back into reserved disk', () => {
    const plan = planDestroy(withVolume, [vol('a', 40)], [vol('a', 40)], () => [], D);
    expect(isRefusal(plan)).toBe(false);
    expect(text(applyConversion(withVolume, plan as Exclude<typeof plan, { message: string }>))).toBe('cpus:1;disk:100;disk(db):140');
  });

  it.each<[string, Resource[], Resource[], string[], string]>([
    ['an unknown volume', [vol('b', 40)], [vol('a', 40)], [], `${D}[0].disk.persistence.id: no volume "b" for role "db" on this agent`],
    ['a volume in use, naming the tasks', [vol('a', 40)], [vol('a', 40)], ['t1', 't2'], `${D}[0]: volume "a" is in use by tasks t1, t2 (kill them first)`],
    ['part of a volume', [vol('a', 10)], [vol('a', 40)], [], `${D}[0].scalar.value: a volume is destroyed whole: asked 10, volume "a" holds 40`],
    ['a volume not in the pool', [vol('a', 40)], [vol('a', 40)], [], `${D}: the volumes are not all there`],
  ])('DESTROY refuses %s', (name, volumes, existing, users, message) => {
    const from = name.includes('not in the pool') ? pool : withVolume;
    const plan = planDestroy(from, volumes, existing, () => users, D);
    expect(isRefusal(plan) && plan.message).toContain(message);
    if (users.length > 0) expect(isRefusal(plan) && (plan as { in_use_by?: string[] }).in_use_by).toEqual(users);
  });

  it.each<[string, Resource[], string | undefined]>([
    ['a volume', [vol('a', 1)], undefined],
    ['nothing', [], `${D}: required`],
    ['unreserved', [{ ...vol('a', 1), reservations: [] }], `${D}[0].reservations: a volume is always reserved`],
    ['without an id', [disk(1)], `${D}[0].disk.persistence.id: required`],
    ['twice', [vol('a', 1), vol('a', 1)], `${D}[1].disk.persistence.id: "a" is named twice in this DESTROY`],
  ])('destroyProblem: %s', (_case, volumes, expected) => {
    const got = destroyProblem(volumes, D);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(expected);
  });

  it('says what changed between two sets, and the /state entry of a volume', () => {
    expect(volumesChange([vol('a', 1)], [vol('a', 1)])).toBeUndefined();
    expect(volumesChange([vol('a', 1)], [vol('b', 1)])).toEqual({ created: [vol('b', 1)], destroyed: [vol('a', 1)] });
    expect(volumeEntry(vol('a', 40, 'db', { mode: VOLUME_RO, principal: 'p', path: '/srv' }), ['t1'])).toEqual({
      persistence_id: 'a', role: 'db', principal: 'p', container_path: '/srv', mode: 'RO', disk_mb: 40, used_by_task_ids: ['t1'],
    });
  });
});

describe('planAccept with CREATE and DESTROY', () => {
  const task = (id: string, resources: Resource[]): TaskInfo => ({ name: id, task_id: { value: id }, resources, command: { value: 'true' } });
  const op = (type: Operation['type'], body: Partial<Operation>): Operation => ({ type, ...body });
  function offerOf(resources: Resource[], role = 'db'): OfferView {
    return { id: 'o1', offer: { id: { value: 'o1' }, resources: allocate(resources, role) }, role, frameworkId: 'F', agentId: 'a1', resources: normalize(resources) };
  }
  function context(offer: OfferView, extra: Partial<AcceptContext> = {}): AcceptContext {
    return { frameworkId: 'F', lookupOffer: (id) => (id === offer.id ? offer : undefined), isLiveTask: () => false, principal: 'p', ...extra };
  }

  it('RESERVE, CREATE and LAUNCH with the volume in one ACCEPT', () => {
    const offer = offerOf(parseResources('cpus:1;mem:64;disk:100'));
    const plan = planAccept(context(offer), ['o1'], [
      op(OperationType.RESERVE, { reserve: { resources: [disk(50, 'db', 'p')] } }),
      op(OperationType.CREATE, { create: { volumes: [{ ...vol('a', 50), reservations: [dyn('db', 'p')] }] } }),
      op(OperationType.LAUNCH, { launch: { task_infos: [task('t', [...parseResources('cpus:0.5'), { ...vol('a', 50), reservations: [dyn('db', 'p')] }])] } }),
    ]);
    expect(plan.operationError).toBeUndefined();
    expect(plan.refused).toEqual([]);
    expect(plan.conversions).toHaveLength(2);
    expect(text(plan.launches[0].resources)).toBe('cpus:0.5;disk(db)[a:data]:50');
    expect(text(plan.unused)).toBe('cpus:0.5;mem:64;disk:50');
  });

  it('a CREATE twice of one id in one ACCEPT is refused at the second', () => {
    const offer = offerOf([disk(100)]);
    const create = op(OperationType.CREATE, { create: { volumes: [vol('a', 10)] } });
    const plan = planAccept(context(offer), ['o1'], [create, { ...create }]);
    expect(plan.operationError?.message).toBe('accept.operations[1].create.volumes[0].disk.persistence.id: "a" is already a volume for role "db" on this agent');
  });

  it('a LAUNCH with a volume not in the offer, or part of it, is refused naming the field', () => {
    const offer = offerOf([...parseResources('cpus:1'), vol('a', 50)]);
    const plan = planAccept(context(offer), ['o1'], [
      op(OperationType.LAUNCH, { launch: { task_infos: [task('t1', [...parseResources('cpus:0.1'), vol('b', 50)]), task('t2', [...parseResources('cpus:0.1'), vol('a', 20)])] } }),
    ]);
    expect(plan.refused.map((r) => [r.state, r.reason, r.message])).toEqual([
      [TaskState.TASK_ERROR, Reason.REASON_TASK_INVALID, 'resources[1].disk.persistence.id: volume "b" for role "db" is not in the offer'],
      [TaskState.TASK_ERROR, Reason.REASON_TASK_INVALID, 'resources[1].scalar.value: a task uses a volume whole: asked 20, volume "a" holds 50'],
    ]);
  });

  it('a DESTROY of a volume in use is refused naming the task; the whole call changes nothing', () => {
    const offer = offerOf([vol('a', 50)]);
    const plan = planAccept(context(offer, { agentVolumes: () => [vol('a', 50)], volumeUsers: () => ['db-0'] }), ['o1'], [op(OperationType.DESTROY, { destroy: { volumes: [vol('a', 50)] } })]);
    expect(plan.operationError?.message).toBe('accept.operations[0].destroy.volumes[0]: volume "a" is in use by task db-0 (kill it first)');
    expect(plan.conversions).toEqual([]);
  });

  it('DESTROY then UNRESERVE in one ACCEPT gives the disk back unreserved', () => {
    const offer = offerOf([vol('a', 50)]);
    const plan = planAccept(context(offer, { agentVolumes: () => [vol('a', 50)] }), ['o1'], [
      op(OperationType.DESTROY, { destroy: { volumes: [vol('a', 50)] } }),
      op(OperationType.UNRESERVE, { unreserve: { resources: [disk(50)] } }),
    ]);
    expect(plan.operationError).toBeUndefined();
    expect(text(plan.unused)).toBe('disk:50');
  });
});

describe('allocator: a volume is offered only to its role, with its disk info', () => {
  it('converts reserved disk into a volume; only the role (and roles under it) sees it', () => {
    const allocator = newAllocator();
    allocator.addAgent('a1', { hostname: 'h1', total: [...parseResources('cpus:1'), disk(100)] });
    expect(allocator.updateAvailable('a1', { consumed: [disk(40)], converted: [vol('a', 40)] })).toEqual([]);
    allocator.addFramework('W', { roles: ['web'] });
    expect(describeOffers(pass(allocator))).toEqual(['W@a1(web) cpus:1']);
    allocator.addFramework('D', { roles: ['db/x'] });
    const offers = pass(allocator);
    expect(describeOffers(offers)).toEqual(['D@a1(db/x) disk(db):60;disk(db)[a:data]:40']);
    const offered = offers[0].resources.find((r) => r.disk?.persistence);
    expect(offered?.disk).toEqual({ persistence: { id: 'a' }, volume: { container_path: 'data' } });
  });
});
