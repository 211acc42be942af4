/**
 * Operation feedback and durability of an ACCEPT's RESERVE / UNRESERVE
 * (issue 14): the operation status book, which status each operation gets,
 * the call checks, and on a master with a registry whose writes the test
 * holds: nothing the operation touched is launched, offered or reported
 * before the registry write is durable; writes of one agent coalesce; a
 * failed write undoes the operation.
 */
import { parseResources } from '@meseta/proto/resource-text';
import { reservationRole, scalar } from '@meseta/proto/resources';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { CallType, EventType, OperationState, OperationType, type Call, type Operation, type OperationStatus, type Resource } from '@meseta/proto/wire';
import { OperationStatuses, RETRY_MAX_MS, RETRY_MIN_MS } from '../../master/operation-statuses';
import { invalidOffersStatuses, refusedCallStatuses, refusedOperationIndex, speculativeOperations } from '../../master/operation-feedback';
import { validateCall } from '../../master/call-validation';
import { CallError } from '../../master/call-errors';
import { Registrar } from '../../master/registry/registrar';
import type { RegistryStore } from '../../master/registry/registry-store';
import { masterTestBed, type FakeFramework } from './fixtures/master-test-bed';
import { callRefusalFor, type SchedulerActor } from '../../master/auth/grpc-guard';
import type { Master } from '../../master/master';

const S = OperationState;
const dyn = (role: string) => ({ type: DYNAMIC_RESERVATION, role });
const reserved = (text: string, role: string): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: [dyn(role)] }));
const reserveOp = (resources: Resource[], id?: string): Operation => ({ type: OperationType.RESERVE, reserve: { resources }, ...(id ? { id: { value: id } } : {}) });
const unreserveOp = (resources: Resource[], id?: string): Operation => ({ type: OperationType.UNRESERVE, unreserve: { resources }, ...(id ? { id: { value: id } } : {}) });
const launchOp: Operation = { type: OperationType.LAUNCH, launch: { task_infos: [{ name: 't', task_id: { value: 't' }, resources: parseResources('cpus:1'), command: { value: 'true' } }] } };
const status = (id: string, state: number, uuid?: number[]): OperationStatus => ({ operation_id: { value: id }, state, ...(uuid ? { uuid: { value: Uint8Array.from(uuid) } } : {}) });

describe('OperationStatuses', () => {
  it('keeps the latest status of each operation and answers reconciliation, OPERATION_UNKNOWN for the unknown', () => {
    const book = new OperationStatuses();
    book.record('F', status('a', S.OPERATION_ERROR));
    book.record('F', status('b', S.OPERATION_FINISHED, [1, 2]));
    book.record('G', status('c', S.OPERATION_FINISHED, [3]));
    expect(book.reconcile('F', []).map((s) => [s.operation_id?.value, s.state])).toEqual([
      ['a', S.OPERATION_ERROR],
      ['b', S.OPERATION_FINISHED],
    ]);
    expect(book.reconcile('F', [{ operationId: 'b' }, { operationId: 'zz', agentId: 'A1' }])).toEqual([
      status('b', S.OPERATION_FINISHED, [1, 2]),
      { operation_id: { value: 'zz' }, state: S.OPERATION_UNKNOWN, message: 'operation zz is not known to this master', agent_id: { value: 'A1' } },
    ]);
    expect(book.reconcile('nobody', [])).toEqual([]);
    expect(book.unacknowledged('F').map((s) => s.operation_id?.value)).toEqual(['b']);
  });

  it.each<[string, string, number[], string, number]>([
    ['the latest uuid forgets the operation', 'b', [1, 2], 'acknowledged', 1],
    ['another uuid changes nothing', 'b', [9], 'other_uuid', 2],
    ['a status without uuid is not acknowledged', 'a', [1], 'other_uuid', 2],
    ['an unknown operation is harmless', 'zz', [1], 'unknown_operation', 2],
  ])('an acknowledgement: %s', (_name, id, uuid, outcome, left) => {
    const book = new OperationStatuses();
    book.record('F', status('a', S.OPERATION_ERROR));
    book.record('F', status('b', S.OPERATION_FINISHED, [1, 2]));
    expect(book.acknowledge('F', id, Uint8Array.from(uuid))).toBe(outcome);
    expect(book.size('F')).toBe(left);
  });

  it('keeps at most its bound per framework, forgetting the oldest; forget drops a framework', () => {
    const book = new OperationStatuses(2);
    for (const id of ['a', 'b', 'c']) book.record('F', status(id, S.OPERATION_ERROR));
    expect(book.reconcile('F', []).map((s) => s.operation_id?.value)).toEqual(['b', 'c']);
    book.forget('F');
    expect(book.size('F')).toBe(0);
  });
});

describe('which status each operation of an ACCEPT gets', () => {
  const ops = [reserveOp(reserved('cpus:1', 'eng'), 'r1'), launchOp, reserveOp(reserved('cpus:1', 'eng')), unreserveOp(reserved('cpus:1', 'eng'), 'u1')];

  it('the speculative operations in order, the k-th matching the plan\'s k-th conversion', () => {
    expect(speculativeOperations(ops)).toEqual([{ index: 0, id: 'r1' }, { index: 2 }, { index: 3, id: 'u1' }]);
  });

  it.each<[string, string, Array<[string, number, string]>]>([
    ['the refused one gets OPERATION_ERROR, the others with ids OPERATION_DROPPED', 'accept.operations[3].unreserve.resources: not there', [
      ['r1', S.OPERATION_DROPPED, 'not applied: accept.operations[3] of the same ACCEPT was refused (accept.operations[3].unreserve.resources: not there)'],
      ['u1', S.OPERATION_ERROR, 'accept.operations[3].unreserve.resources: not there'],
    ]],
    ['a refusal naming no operation: every one with an id gets OPERATION_ERROR', 'something else', [
      ['r1', S.OPERATION_ERROR, 'something else'],
      ['u1', S.OPERATION_ERROR, 'something else'],
    ]],
  ])('%s', (_name, message, expected) => {
    expect(refusedCallStatuses(ops, message, 'A1').map((s) => [s.operation_id?.value, s.state, s.message])).toEqual(expected);
    expect(refusedCallStatuses(ops, message, 'A1').every((s) => s.agent_id?.value === 'A1' && !s.uuid)).toBe(true);
  });

  it('invalid offers: OPERATION_ERROR naming the offers, as Mesos', () => {
    expect(invalidOffersStatuses(ops, 'offer o9 is unknown, expired or rescinded').map((s) => [s.operation_id?.value, s.state, s.message])).toEqual([
      ['r1', S.OPERATION_ERROR, 'accept.offer_ids: operation attempted with invalid offers: offer o9 is unknown, expired or rescinded'],
      ['u1', S.OPERATION_ERROR, 'accept.offer_ids: operation attempted with invalid offers: offer o9 is unknown, expired or rescinded'],
    ]);
  });

  it.each<[string, number | undefined]>([
    ['accept.operations[12].reserve.resources: x', 12],
    ['accept.offer_ids: x', undefined],
  ])('refusedOperationIndex(%s)', (message, index) => expect(refusedOperationIndex(message)).toBe(index));
});

describe('call checks of operation ids, ACKNOWLEDGE_OPERATION_STATUS and RECONCILE_OPERATIONS', () => {
  const accept = (operations: Operation[]): Call => ({ type: CallType.ACCEPT, framework_id: { value: 'F' }, accept: { offer_ids: [{ value: 'o1' }], operations } });
  it.each<[string, Call, string | undefined]>([
    ['an id on a RESERVE', accept([reserveOp(reserved('cpus:1', 'eng'), 'op-1')]), undefined],
    ['an id on an UNRESERVE', accept([unreserveOp(reserved('cpus:1', 'eng'), 'op-1')]), undefined],
    ['an id on a LAUNCH', accept([{ ...launchOp, id: { value: 'op-1' } }]), 'accept.operations[0].id: not allowed on LAUNCH'],
    ['the same id twice', accept([reserveOp(reserved('cpus:1', 'eng'), 'x'), reserveOp(reserved('cpus:1', 'eng'), 'x')]), 'accept.operations[1].id.value: "x" is also the id of accept.operations[0]'],
    ['an id with a slash', accept([reserveOp(reserved('cpus:1', 'eng'), 'a/b')]), 'accept.operations[0].id.value'],
    ['an id past the size limit', accept([reserveOp(reserved('cpus:1', 'eng'), 'x'.repeat(300))]), 'accept.operations[0].id.value: 300 bytes'],
    ['an acknowledgement', { type: CallType.ACKNOWLEDGE_OPERATION_STATUS, framework_id: { value: 'F' }, acknowledge_operation_status: { operation_id: { value: 'x' }, uuid: Uint8Array.from([1]) } }, undefined],
    ['an acknowledgement without uuid', { type: CallType.ACKNOWLEDGE_OPERATION_STATUS, framework_id: { value: 'F' }, acknowledge_operation_status: { operation_id: { value: 'x' } } }, 'acknowledge_operation_status.uuid: required'],
    ['an acknowledgement without operation id', { type: CallType.ACKNOWLEDGE_OPERATION_STATUS, framework_id: { value: 'F' }, acknowledge_operation_status: { uuid: Uint8Array.from([1]) } }, 'acknowledge_operation_status.operation_id: required'],
    ['no acknowledgement body', { type: CallType.ACKNOWLEDGE_OPERATION_STATUS, framework_id: { value: 'F' } }, 'acknowledge_operation_status: required'],
    ['an implicit operation reconciliation', { type: CallType.RECONCILE_OPERATIONS, framework_id: { value: 'F' } }, undefined],
    ['a reconciliation entry without id', { type: CallType.RECONCILE_OPERATIONS, framework_id: { value: 'F' }, reconcile_operations: { operations: [{ agent_id: { value: 'A' } }] } }, 'reconcile_operations.operations[0].operation_id: required'],
  ])('%s', (_name, call, expected) => {
    let error: unknown;
    try {
      validateCall(call);
    } catch (e) {
      error = e;
    }
    if (expected === undefined) return expect(error).toBeUndefined();
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).message).toContain(expected);
  });
});

/** A whole-value registry store whose writes the test can hold, or make fail. */
class HeldStore implements RegistryStore {
  readonly where = 'test';
  hold = false;
  fail?: Error;
  writes = 0;
  last?: Record<string, unknown>;
  private held: Array<() => void> = [];
  async load(): Promise<Buffer | undefined> {
    return undefined;
  }
  store(bytes: Buffer): Promise<void> {
    this.writes++;
    if (this.fail) return Promise.reject(this.fail);
    const commit = (): void => void (this.last = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
    if (!this.hold) {
      commit();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.held.push(() => (commit(), resolve())));
  }
  get heldWrites(): number {
    return this.held.length;
  }
  release(): void {
    this.hold = false;
    for (const r of this.held.splice(0)) r();
  }
}

const turns = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
const opStatuses = (fw: FakeFramework): OperationStatus[] => fw.events.filter((e) => e.type === EventType.UPDATE_OPERATION_STATUS).map((e) => e.update_operation_status!.status!);
const storedReservations = (store: HeldStore, agentId: string): unknown => {
  const agents = (store.last?.agents ?? []) as Array<Record<string, unknown>>;
  return agents.find((a) => a.id === agentId)?.reservations;
};

describe('an ACCEPT with RESERVE is durable before anything it touched is visible', () => {
  async function setup(agents = 1) {
    const store = new HeldStore();
    const bed = masterTestBed({ registrar: new Registrar(store), config: { offerTimeoutSeconds: 0 } });
    const ids: string[] = [];
    const sinks = [];
    for (let i = 0; i < agents; i++) {
      const a = await bed.addAgent('cpus:2;mem:1024', `a${i}`);
      ids.push(a.agentId);
      sinks.push(a.sink);
    }
    const fw = await bed.subscribe('db-fw', { roles: ['eng'] });
    const other = await bed.subscribe('web-fw', { roles: ['web'] });
    await bed.master.settled();
    bed.master.runAllocation();
    return { store, bed, fw, other, ids, sinks };
  }

  it('holds the launch, the rest of the offer and OPERATION_FINISHED until the registry write is durable', async () => {
    const { store, bed, fw, other, ids, sinks } = await setup();
    try {
      const [offer] = fw.sink.offers();
      expect(offer).toBeDefined();
      const r = reserved('cpus:1;mem:256', 'eng');
      store.hold = true;
      const task = { ...bed.task('t1', offer, 1, 256), resources: r };
      fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [reserveOp(r, 'res-1'), { type: OperationType.LAUNCH, launch: { task_infos: [task] } }], filters: { refuse_seconds: 0 } } });
      await turns();
      expect(store.heldWrites).toBe(1);
      // Nothing visible yet: no launch, no status, and the rest of the offer is not offered to anyone.
      expect(sinks[0].runs()).toEqual([]);
      expect(opStatuses(fw.sink)).toEqual([]);
      const offersBefore = other.sink.offers().length + fw.sink.offers().length;
      bed.master.runAllocation();
      expect(other.sink.offers().length + fw.sink.offers().length).toBe(offersBefore);

      store.release();
      await bed.master.settled();
      await turns();
      expect(sinks[0].runs().map((run) => run.task?.task_id?.value)).toEqual(['t1']);
      const [finished] = opStatuses(fw.sink);
      expect(finished).toEqual(expect.objectContaining({ operation_id: { value: 'res-1' }, state: S.OPERATION_FINISHED, agent_id: { value: ids[0] } }));
      expect(finished.uuid?.value?.length).toBe(16);
      expect(finished.converted_resources?.map((x) => [x.name, x.scalar?.value, reservationRole(x), x.allocation_role])).toEqual([
        ['cpus', 1, 'eng', 'eng'],
        ['mem', 256, 'eng', 'eng'],
      ]);
      expect(storedReservations(store, ids[0])).toEqual([
        expect.objectContaining({ name: 'cpus', scalar: { value: 1 } }),
        expect.objectContaining({ name: 'mem', scalar: { value: 256 } }),
      ]);
      // Now what was left is offered again (unreserved to the other role).
      bed.master.runAllocation();
      expect(other.sink.offers().pop()?.resources?.map((x) => [x.name, x.scalar?.value])).toEqual([
        ['cpus', 1],
        ['mem', 768],
      ]);

      // Reconciliation answers the latest state; the acknowledgement forgets it.
      fw.call({ type: CallType.RECONCILE_OPERATIONS, reconcile_operations: { operations: [{ operation_id: { value: 'res-1' } }, { operation_id: { value: 'nope' } }] } });
      expect(opStatuses(fw.sink).slice(1).map((s) => [s.operation_id?.value, s.state])).toEqual([
        ['res-1', S.OPERATION_FINISHED],
        ['nope', S.OPERATION_UNKNOWN],
      ]);
      fw.call({ type: CallType.ACKNOWLEDGE_OPERATION_STATUS, acknowledge_operation_status: { operation_id: { value: 'res-1' }, agent_id: { value: ids[0] }, uuid: finished.uuid!.value! } });
      fw.call({ type: CallType.RECONCILE_OPERATIONS, reconcile_operations: { operations: [{ operation_id: { value: 'res-1' } }] } });
      expect(opStatuses(fw.sink).pop()?.state).toBe(S.OPERATION_UNKNOWN);
    } finally {
      bed.stop();
    }
  });

  it('many ACCEPTs while a write is in flight share one write; the agents\' entries are coalesced', async () => {
    const { store, bed, fw, ids } = await setup(3);
    try {
      const offers = fw.sink.offers();
      expect(offers).toHaveLength(3);
      store.hold = true;
      const before = store.writes;
      // The first starts a write (held); the next two queue behind it and share the next one.
      const accept = (o: (typeof offers)[number], id: string): void =>
        void fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [o.id!], operations: [reserveOp(reserved('cpus:0.5', 'eng'), id), reserveOp(reserved('cpus:0.5', 'eng'))] } });
      accept(offers[0], 'x0');
      await turns();
      expect(store.writes - before).toBe(1);
      accept(offers[1], 'x1');
      accept(offers[2], 'x2');
      await turns();
      store.release();
      await bed.master.settled();
      await turns();
      expect(store.writes - before).toBe(2);
      expect(opStatuses(fw.sink).map((s) => [s.operation_id?.value, s.state])).toEqual([
        ['x0', S.OPERATION_FINISHED],
        ['x1', S.OPERATION_FINISHED],
        ['x2', S.OPERATION_FINISHED],
      ]);
      for (const id of ids) expect(storedReservations(store, id)).toEqual([expect.objectContaining({ name: 'cpus', scalar: { value: 1 } })]);
    } finally {
      bed.stop();
    }
  });

  it('a failed write undoes the reservation: OPERATION_DROPPED, the launch dropped, the agent unreserved', async () => {
    const { store, bed, fw, ids, sinks } = await setup();
    try {
      const [offer] = fw.sink.offers();
      const r = reserved('cpus:1', 'eng');
      store.fail = new Error('disk full');
      fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [reserveOp(r, 'res-1'), { type: OperationType.LAUNCH, launch: { task_infos: [{ ...bed.task('t1', offer, 1, 64), resources: [...r, scalar('mem', 64)] }] } }] } });
      await bed.master.settled();
      await turns();
      expect(sinks[0].runs()).toEqual([]);
      expect(fw.sink.updates('t1').map((u) => u.message)).toEqual([`Task dropped: the registry write of agent ${ids[0]}'s reservations failed`]);
      expect(opStatuses(fw.sink).map((s) => [s.state, s.message])).toEqual([[S.OPERATION_DROPPED, `the registry write of agent ${ids[0]}'s resources failed; the operation was undone`]]);
      expect(bed.master.agents.get(ids[0])!.total.every((x) => reservationRole(x) === '*')).toBe(true);
    } finally {
      bed.stop();
    }
  });

  it('a refused RESERVE with an id: the call is refused and the framework gets OPERATION_ERROR naming the field', async () => {
    const { bed, fw } = await setup();
    try {
      const [offer] = fw.sink.offers();
      expect(() => fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [reserveOp(reserved('cpus:64', 'eng'), 'big')] } })).toThrow(
        'accept.operations[0].reserve.resources: the resources to reserve are not all there: cpus: asked 64, offer holds 2',
      );
      expect(opStatuses(fw.sink).map((s) => [s.operation_id?.value, s.state, s.message])).toEqual([
        ['big', S.OPERATION_ERROR, 'accept.operations[0].reserve.resources: the resources to reserve are not all there: cpus: asked 64, offer holds 2'],
      ]);
    } finally {
      bed.stop();
    }
  });

  it('an OPERATION_FINISHED not acknowledged is sent again when the framework subscribes again', async () => {
    const { bed, fw } = await setup();
    try {
      const [offer] = fw.sink.offers();
      fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [reserveOp(reserved('cpus:1', 'eng'), 'keep')] } });
      await bed.master.settled();
      await turns();
      expect(opStatuses(fw.sink).map((s) => s.operation_id?.value)).toEqual(['keep']);
      const again = new (fw.sink.constructor as new () => FakeFramework)();
      await bed.master.subscribe({ type: CallType.SUBSCRIBE, framework_id: { value: fw.frameworkId }, subscribe: { framework_info: { name: 'db-fw', user: 'root', id: { value: fw.frameworkId }, roles: ['eng'], capabilities: [{ type: 6 }] } } }, again);
      expect(opStatuses(again).map((s) => [s.operation_id?.value, s.state])).toEqual([['keep', S.OPERATION_FINISHED]]);
    } finally {
      bed.stop();
    }
  });
});

describe('ACLs of RESERVE and UNRESERVE in ACCEPT (callRefusalFor)', () => {
  // The ACL: principal p may reserve for role eng only, and unreserve only what p reserved.
  const actor: SchedulerActor = {
    name: 'p',
    check: (action, object) => {
      if (action === 'reserve_resources' && object !== 'eng') return { refused: 'permission_denied', message: `reserve_resources: principal "p" is not allowed (role "${object}"; decided by reserve_resources[0])` };
      if (action === 'unreserve_resources' && object !== 'p') return { refused: 'permission_denied', message: `unreserve_resources: principal "p" is not allowed (reserver principal "${object}"; decided by unreserve_resources[0])` };
      return undefined;
    },
  };
  const refusedOperations: string[] = [];
  const master = {
    frameworks: new Map([['F', { id: 'F', info: { name: 'f', principal: 'p' } }]]),
    operationsRefused: (_fw: unknown, _ops: unknown, message: string) => refusedOperations.push(message),
  } as unknown as Master;
  const byPrincipal = (text: string, role: string, principal: string): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: [{ ...dyn(role), principal }] }));
  const accept = (operations: Operation[]): Call => ({ type: CallType.ACCEPT, framework_id: { value: 'F' }, accept: { offer_ids: [{ value: 'o1' }], operations } });
  it.each<[string, Operation[], string | undefined]>([
    ['a RESERVE for an allowed role', [reserveOp(byPrincipal('cpus:1', 'eng', 'p'))], undefined],
    ['a RESERVE for another role', [launchOp, reserveOp(byPrincipal('cpus:1', 'ops', 'p'))], 'accept.operations[1].reserve.resources[0]: reserve_resources: principal "p" is not allowed (role "ops"'],
    ['an UNRESERVE of its own reservation', [unreserveOp(byPrincipal('cpus:1', 'eng', 'p'))], undefined],
    ["an UNRESERVE of another principal's reservation", [unreserveOp([...byPrincipal('cpus:1', 'eng', 'p'), ...byPrincipal('mem:8', 'eng', 'q')])], 'accept.operations[0].unreserve.resources[1]: unreserve_resources: principal "p" is not allowed (reserver principal "q"'],
  ])('%s', (_name, operations, message) => {
    refusedOperations.length = 0;
    const refusal = callRefusalFor(master, actor, accept(operations));
    if (message === undefined) return expect([refusal, refusedOperations]).toEqual([undefined, []]);
    expect(refusal?.refused).toBe('permission_denied');
    expect(refusal?.message).toContain(message);
    // The master is told, so operations with ids get their statuses.
    expect(refusedOperations).toEqual([refusal?.message]);
  });
});

describe('unacknowledged operation statuses are retried as Mesos retries them', () => {
  it('first after 10 s, then doubling up to 10 min; an acknowledged or replaced one is not', () => {
    const book = new OperationStatuses();
    book.record('F', status('a', S.OPERATION_FINISHED, [1]), 0);
    book.record('F', status('b', S.OPERATION_FINISHED, [2]), 1_000);
    book.record('F', status('e', S.OPERATION_ERROR), 0);
    expect(book.nextDueAt()).toBe(RETRY_MIN_MS);
    expect(book.due(9_999)).toEqual([]);
    expect(book.due(10_000).map((d) => d.status.operation_id?.value)).toEqual(['a']);
    expect(book.due(11_000).map((d) => d.status.operation_id?.value)).toEqual(['b']);
    // a: next at 10 s + 20 s.
    expect(book.due(29_999)).toEqual([]);
    expect(book.due(30_000).map((d) => d.status.operation_id?.value)).toEqual(['a']);
    book.acknowledge('F', 'b', Uint8Array.from([2]));
    expect(book.due(100_000).map((d) => d.status.operation_id?.value)).toEqual(['a']);
    // The interval stops growing at 10 minutes.
    let at = 100_000;
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const next = book.nextDueAt()!;
      last = next - at;
      at = next;
      expect(book.due(at)).toHaveLength(1);
    }
    expect(last).toBe(RETRY_MAX_MS);
    book.record('F', status('a', S.OPERATION_DROPPED), at);
    expect(book.due(at + RETRY_MAX_MS)).toEqual([]);
  });

  it('the master resends an unacknowledged OPERATION_FINISHED on its clock until acknowledged', async () => {
    const bed = masterTestBed();
    try {
      await bed.addAgent('cpus:2;mem:1024');
      const fw = await bed.subscribe('db-fw', { roles: ['eng'] });
      bed.master.runAllocation();
      const [offer] = fw.sink.offers();
      fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [reserveOp(reserved('cpus:1', 'eng'), 'retry-me')] } });
      await bed.master.settled();
      await turns();
      expect(opStatuses(fw.sink)).toHaveLength(1);
      bed.clock.advance(RETRY_MIN_MS);
      expect(opStatuses(fw.sink).map((s) => s.operation_id?.value)).toEqual(['retry-me', 'retry-me']);
      fw.call({ type: CallType.ACKNOWLEDGE_OPERATION_STATUS, acknowledge_operation_status: { operation_id: { value: 'retry-me' }, uuid: opStatuses(fw.sink)[0].uuid!.value! } });
      bed.clock.advance(RETRY_MAX_MS);
      expect(opStatuses(fw.sink)).toHaveLength(2);
    } finally {
      bed.stop();
    }
  });
});
