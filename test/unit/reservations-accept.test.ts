/**
 * RESERVE / UNRESERVE in ACCEPT (planAccept) and in the allocator
 * (updateAllocation, updateAvailable): reserve and launch in one call,
 * refusals naming the field, reserved resources offered only to their role
 * and the roles under it.
 */
import { planAccept, type AcceptContext, type OfferView } from '../../master/offer-validation';
import { allocate, normalize, reservationRole } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { CallType, OperationType, Reason, TaskState, type Call, type Operation, type Resource, type TaskInfo } from '@meseta/proto/wire';
import { validateCall } from '../../master/call-validation';
import { CallError } from '../../master/call-errors';
import { describeOffers, newAllocator, pass } from './allocator-fixtures';

const dyn = (role: string, principal?: string) => ({ type: DYNAMIC_RESERVATION, role, ...(principal ? { principal } : {}) });
const reserved = (text: string, ...stack: ReturnType<typeof dyn>[]): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: stack }));
const reserveOp = (resources: Resource[]): Operation => ({ type: OperationType.RESERVE, reserve: { resources } });
const unreserveOp = (resources: Resource[]): Operation => ({ type: OperationType.UNRESERVE, unreserve: { resources } });
const task = (id: string, resources: Resource[]): TaskInfo => ({ name: id, task_id: { value: id }, resources, command: { value: 'true' } });
const launchOp = (...tasks: TaskInfo[]): Operation => ({ type: OperationType.LAUNCH, launch: { task_infos: tasks } });

function offerOf(resources: Resource[], role = 'eng'): OfferView {
  return { id: 'o1', offer: { id: { value: 'o1' }, resources: allocate(resources, role) }, role, frameworkId: 'F', agentId: 'a1', resources: normalize(resources) };
}
function context(offer: OfferView, principal?: string): AcceptContext {
  return { frameworkId: 'F', lookupOffer: (id) => (id === offer.id ? offer : undefined), isLiveTask: () => false, principal };
}

describe('planAccept with RESERVE and UNRESERVE', () => {
  const offered = parseResources('cpus:4;mem:1024');

  it('reserves and launches on the reserved resources in one ACCEPT', () => {
    const r = reserved('cpus:2;mem:512', dyn('eng', 'p'));
    const plan = planAccept(context(offerOf(offered), 'p'), ['o1'], [reserveOp(allocate(r, 'eng')), launchOp(task('t', allocate(r, 'eng')))]);
    expect(plan.operationError).toBeUndefined();
    expect(plan.refused).toEqual([]);
    expect(plan.launches).toHaveLength(1);
    expect(plan.launches[0].resources.every((x) => reservationRole(x) === 'eng')).toBe(true);
    expect(plan.conversions).toHaveLength(1);
    // What the launch did not use goes back unreserved.
    expect(plan.unused.map((x) => [x.name, x.scalar?.value, reservationRole(x)])).toEqual([
      ['cpus', 2, '*'],
      ['mem', 512, '*'],
    ]);
  });

  it('a launch asking reserved resources that were not reserved is refused with the amounts', () => {
    const r = reserved('cpus:1', dyn('eng'));
    const plan = planAccept(context(offerOf(offered)), ['o1'], [launchOp(task('t', r))]);
    expect(plan.refused).toEqual([expect.objectContaining({ state: TaskState.TASK_ERROR, reason: Reason.REASON_TASK_INVALID })]);
    expect(plan.refused[0].message).toContain('cpus: asked 1, offer holds 0 reserved for role "eng"');
  });

  it('unreserves what an offer holds reserved', () => {
    const held = [...parseResources('cpus:1'), ...reserved('cpus:3', dyn('eng'))];
    const plan = planAccept(context(offerOf(held)), ['o1'], [unreserveOp(reserved('cpus:2', dyn('eng')))]);
    expect(plan.operationError).toBeUndefined();
    expect(plan.unused.map((x) => [x.scalar?.value, reservationRole(x)])).toEqual([
      [3, '*'],
      [1, 'eng'],
    ]);
  });

  it.each<[string, Operation[], string | undefined, string, { name: string; requested: number; available: number } | undefined]>([
    ['another role', [reserveOp(reserved('cpus:1', dyn('ops')))], undefined, 'accept.operations[0].reserve.resources[0].reservations[0].role: "ops" is not the framework\'s role "eng" or a role under it', undefined],
    ['a wrong principal', [reserveOp(reserved('cpus:1', dyn('eng', 'q')))], 'p', 'accept.operations[0].reserve.resources[0].reservations[0].principal: "q" does not match the caller\'s principal "p"', undefined],
    ['more than the offer holds', [reserveOp(reserved('cpus:5', dyn('eng')))], undefined, 'accept.operations[0].reserve.resources: the resources to reserve are not all there: cpus: asked 5, offer holds 4', { name: 'cpus', requested: 5, available: 4 }],
    ['unreserving what is not reserved', [unreserveOp(reserved('cpus:1', dyn('eng')))], undefined, 'accept.operations[0].unreserve.resources: the reserved resources are not all there: cpus: asked 1, offer holds 0 reserved for role "eng"', { name: 'cpus', requested: 1, available: 0 }],
    ['unreserving unreserved resources', [unreserveOp(parseResources('cpus:1'))], undefined, 'accept.operations[0].unreserve.resources[0].reservations: cpus is not reserved, so there is nothing to unreserve', undefined],
    ['a second RESERVE past what the first left', [reserveOp(reserved('cpus:3', dyn('eng'))), reserveOp(reserved('cpus:2', dyn('eng/x')))], undefined, 'accept.operations[1].reserve.resources: the resources to reserve are not all there: cpus: asked 2, offer holds 1', { name: 'cpus', requested: 2, available: 1 }],
  ])('refuses %s, naming the field', (_name, ops, principal, message, shortfall) => {
    const plan = planAccept(context(offerOf(offered), principal), ['o1'], [...ops, launchOp(task('t', parseResources('cpus:0.1')))]);
    expect(plan.operationError?.message).toBe(message);
    if (shortfall) expect(plan.operationError?.shortfalls).toEqual([expect.objectContaining(shortfall)]);
    expect(plan.launches).toEqual([]);
    expect(plan.conversions).toEqual([]);
  });
});

describe('allocator: reservations converted and offered only to their role', () => {
  it('a framework reserves from its offer; what comes back is offered only to its role and the roles under it', () => {
    const allocator = newAllocator();
    allocator.addAgent('a1', { hostname: 'h1', total: parseResources('cpus:4;mem:1024') });
    allocator.addFramework('E', { roles: ['eng'] });
    const [offer] = pass(allocator);
    expect(offer.frameworkId).toBe('E');
    const r = reserved('cpus:2;mem:512', dyn('eng'));
    const consumed = parseResources('cpus:2;mem:512');
    expect(allocator.updateAllocation('E', 'a1', 'eng', { consumed, converted: r })).toBe(true);
    expect(allocator.agentTotal('a1')?.map((x) => [x.name, x.scalar?.value, reservationRole(x)])).toEqual([
      ['cpus', 2, '*'],
      ['mem', 512, '*'],
      ['cpus', 2, 'eng'],
      ['mem', 512, 'eng'],
    ]);
    // The framework goes; its whole offer comes back. Another role sees only the unreserved part.
    allocator.recoverResources('E', 'a1', [...allocate(consumed, 'eng'), ...allocate(r, 'eng')]);
    allocator.removeFramework('E');
    allocator.addFramework('O', { roles: ['ops'] });
    expect(describeOffers(pass(allocator))).toEqual(['O@a1(ops) cpus:2;mem:512']);
    allocator.addFramework('B', { roles: ['eng/backend'] });
    expect(describeOffers(pass(allocator))).toEqual(['B@a1(eng/backend) cpus(eng):2;mem(eng):512']);
  });

  it('refuses a conversion the framework does not hold, changing nothing', () => {
    const allocator = newAllocator();
    allocator.addAgent('a1', { hostname: 'h1', total: parseResources('cpus:1') });
    allocator.addFramework('E', { roles: ['eng'] });
    pass(allocator);
    expect(allocator.updateAllocation('E', 'a1', 'eng', { consumed: parseResources('cpus:2'), converted: reserved('cpus:2', dyn('eng')) })).toBe(false);
    expect(allocator.updateAllocation('X', 'a1', 'eng', { consumed: parseResources('cpus:1'), converted: reserved('cpus:1', dyn('eng')) })).toBe(false);
    expect(allocator.agentTotal('a1')).toEqual(normalize(parseResources('cpus:1')));
  });

  it('an operator reservation converts free resources, or says what is missing', () => {
    const allocator = newAllocator();
    allocator.addAgent('a1', { hostname: 'h1', total: parseResources('cpus:4;mem:1024') });
    expect(allocator.updateAvailable('a1', { consumed: parseResources('cpus:5'), converted: reserved('cpus:5', dyn('db')) })).toEqual([
      expect.objectContaining({ name: 'cpus', requested: 5, available: 4 }),
    ]);
    expect(allocator.updateAvailable('a1', { consumed: parseResources('cpus:3'), converted: reserved('cpus:3', dyn('db')) })).toEqual([]);
    expect(allocator.updateAvailable('nope', { consumed: [], converted: [] })).toBeUndefined();
    allocator.addFramework('W', { roles: ['web'] });
    expect(describeOffers(pass(allocator))).toEqual(['W@a1(web) cpus:1;mem:1024']);
    allocator.addFramework('D', { roles: ['db'] });
    expect(describeOffers(pass(allocator))).toEqual(['D@a1(db) cpus(db):3']);
  });
});

describe('ACCEPT call checks for RESERVE / UNRESERVE / CREATE / DESTROY', () => {
  const call = (operations: Operation[]): Call => ({ type: CallType.ACCEPT, framework_id: { value: 'F' }, accept: { offer_ids: [{ value: 'o1' }], operations } });
  it.each<[string, Operation[], string | undefined]>([
    ['a RESERVE with its body', [reserveOp(reserved('cpus:1', dyn('eng')))], undefined],
    ['a RESERVE without its body', [{ type: OperationType.RESERVE }], 'accept.operations[0].reserve: required for a RESERVE operation'],
    ['an UNRESERVE without its body', [{ type: OperationType.UNRESERVE }], 'accept.operations[0].unreserve: required for an UNRESERVE operation'],
    ['a RESERVE of a NaN', [reserveOp([{ name: 'cpus', type: 0, scalar: { value: Number.NaN }, reservations: [dyn('eng')] }])], 'accept.operations[0].reserve.resources[0].scalar.value: NaN'],
    ['a CREATE with its body', [{ type: OperationType.CREATE, create: { volumes: [] } }], undefined],
    ['a CREATE without its body', [{ type: OperationType.CREATE }], 'accept.operations[0].create: required for a CREATE operation'],
    ['a DESTROY without its body', [{ type: OperationType.DESTROY }], 'accept.operations[0].destroy: required for a DESTROY operation'],
    ['a DESTROY of a negative size', [{ type: OperationType.DESTROY, destroy: { volumes: [{ name: 'disk', type: 0, scalar: { value: -1 } }] } }], 'accept.operations[0].destroy.volumes[0]'],
    ['an operation id on a RESERVE (operation feedback)', [{ ...reserveOp(reserved('cpus:1', dyn('eng'))), id: { value: 'op-1' } }], undefined],
    ['an operation id on a LAUNCH', [{ ...launchOp(task('t', parseResources('cpus:1'))), id: { value: 'op-1' } }], 'accept.operations[0].id: not allowed on LAUNCH'],
  ])('%s', (_name, operations, expected) => {
    let error: unknown;
    try {
      validateCall(call(operations));
    } catch (e) {
      error = e;
    }
    if (expected === undefined) return expect(error).toBeUndefined();
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).message).toContain(expected);
  });
});
