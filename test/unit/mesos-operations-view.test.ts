/**
 * Mesos's operator GET_OPERATIONS: on a master with fake agents and
 * frameworks, an ACCEPT's RESERVE with an id (OPERATION_FINISHED) and a
 * refused one (OPERATION_ERROR) are listed in Mesos's Operation shape
 * (framework, agent, the operation as asked, latest status, statuses, a
 * uuid stable per operation), through protobuf and JSON; an acknowledged
 * one is gone; a framework the caller may not see is left out; the book
 * keeps each operation's info with its status and forgets it with it.
 */
import { parseResources } from '@meseta/proto/resource-text';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { CallType, EventType, JSON_OPTIONS, OperationState, OperationType, pb, type Operation, type OperationStatus, type Resource } from '@meseta/proto/wire';
import { answerMasterCall } from '../../master/mesos-operator-http';
import { getOperations, operationUuid } from '../../master/mesos-operations-view';
import { OperationStatuses } from '../../master/operation-statuses';
import { masterTestBed, type FakeFramework } from './fixtures/master-test-bed';

const S = OperationState;
const reserved = (text: string, role: string): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: [{ type: DYNAMIC_RESERVATION, role }] }));
const reserveOp = (resources: Resource[], id: string): Operation => ({ type: OperationType.RESERVE, reserve: { resources }, id: { value: id } });
const opStatuses = (fw: FakeFramework): OperationStatus[] => fw.events.filter((e) => e.type === EventType.UPDATE_OPERATION_STATUS).map((e) => e.update_operation_status!.status!);
const turns = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('OperationStatuses keeps the operation beside its status', () => {
  it('records, keeps across a later status without it, and forgets on acknowledgement, overflow and framework removal', () => {
    const book = new OperationStatuses(2);
    const op = reserveOp(reserved('cpus:1', 'eng'), 'a');
    book.record('F', { operation_id: { value: 'a' }, state: S.OPERATION_FINISHED, uuid: { value: Uint8Array.from([1]) } }, 0, op);
    expect(book.info('F', 'a')).toBe(op);
    book.record('F', { operation_id: { value: 'a' }, state: S.OPERATION_FINISHED, uuid: { value: Uint8Array.from([2]) } });
    expect(book.info('F', 'a')).toBe(op);
    expect(book.acknowledge('F', 'a', Uint8Array.from([2]))).toBe('acknowledged');
    expect(book.info('F', 'a')).toBeUndefined();
    for (const id of ['b', 'c', 'd']) book.record('F', { operation_id: { value: id }, state: S.OPERATION_ERROR }, 0, reserveOp([], id));
    expect([...book.all()].map((e) => [e.frameworkId, e.status.operation_id?.value, e.info?.id?.value])).toEqual([['F', 'c', 'c'], ['F', 'd', 'd']]);
    expect(book.info('F', 'b')).toBeUndefined();
    book.forget('F');
    expect([...book.all()]).toEqual([]);
    expect(book.info('F', 'c')).toBeUndefined();
  });
});

describe('GET_OPERATIONS', () => {
  it('lists only the frameworks the caller sees', () => {
    const book = new OperationStatuses();
    book.record('F1', { operation_id: { value: 'x' }, state: S.OPERATION_ERROR, agent_id: { value: 'A' } });
    book.record('F2', { operation_id: { value: 'y' }, state: S.OPERATION_ERROR });
    const listed = getOperations({ frameworks: new Map([['F2', {}]]), operationStatuses: book });
    expect(listed.operations?.map((o) => [o.framework_id?.value, o.agent_id?.value, o.latest_status?.operation_id?.value])).toEqual([['F2', undefined, 'y']]);
    expect(Buffer.from(operationUuid('F2', 'y'))).toHaveLength(16);
    expect(Buffer.from(operationUuid('F2', 'y')).equals(Buffer.from(operationUuid('F2', 'y')))).toBe(true);
    expect(Buffer.from(operationUuid('F2', 'y')).equals(Buffer.from(operationUuid('F1', 'y')))).toBe(false);
  });

  it('answers the operations a master keeps, in Mesos shape, through protobuf and JSON; an acknowledged one is gone', async () => {
    const bed = masterTestBed({ config: { offerTimeoutSeconds: 0 } });
    try {
      const { agentId } = await bed.addAgent('cpus:2;mem:1024', 'a1');
      const fw = await bed.subscribe('db-fw', { roles: ['eng'] });
      bed.master.runAllocation();
      const [offer] = fw.sink.offers();
      // A RESERVE asking for more than is offered: refused, OPERATION_ERROR.
      expect(() => fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [reserveOp(reserved('cpus:64', 'eng'), 'too-big')] } })).toThrow(/cpus: asked 64/);
      // One that fits: OPERATION_FINISHED once durable.
      const fits = reserveOp(reserved('cpus:1', 'eng'), 'res-1');
      await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [fits] } });
      await bed.master.settled();
      await turns();
      const finished = opStatuses(fw.sink).find((s) => s.state === S.OPERATION_FINISHED)!;
      expect(finished.operation_id?.value).toBe('res-1');

      const answer = answerMasterCall(bed.master, { type: pb.master.Call.Type.GET_OPERATIONS });
      expect(answer.type).toBe(pb.master.Response.Type.GET_OPERATIONS);
      // Through the wire as a Mesos client reads it.
      const decoded = pb.master.Response.decode(pb.master.Response.encode(pb.master.Response.fromObject(answer as Record<string, unknown>)).finish());
      const ops = decoded.get_operations?.operations ?? [];
      expect(ops.map((o) => [o.framework_id?.value, o.latest_status?.operation_id?.value, o.latest_status?.state, o.info?.type, o.statuses?.length])).toEqual([
        [fw.frameworkId, 'too-big', S.OPERATION_ERROR, OperationType.RESERVE, 1],
        [fw.frameworkId, 'res-1', S.OPERATION_FINISHED, OperationType.RESERVE, 1],
      ]);
      expect(ops[1].agent_id?.value).toBe(agentId);
      expect(ops[1].info?.reserve?.resources?.[0]?.reservations?.[0]?.role).toBe('eng');
      expect(ops[1].latest_status?.converted_resources?.[0]?.name).toBe('cpus');
      expect(Buffer.from(ops[1].uuid!.value!).equals(Buffer.from(operationUuid(fw.frameworkId, 'res-1')))).toBe(true);
      expect(ops[0].latest_status?.message).toMatch(/accept\.operations\[0\]\.reserve\.resources.*cpus: asked 64/);
      // JSON, with Mesos's field and enum names.
      const json = pb.master.Response.toObject(decoded, JSON_OPTIONS) as { type: string; get_operations: { operations: Array<{ latest_status: { state: string }; info: { type: string } }> } };
      expect(json.type).toBe('GET_OPERATIONS');
      expect(json.get_operations.operations.map((o) => [o.info.type, o.latest_status.state])).toEqual([
        ['RESERVE', 'OPERATION_ERROR'],
        ['RESERVE', 'OPERATION_FINISHED'],
      ]);

      // Acknowledged: forgotten, as reconciliation forgets it.
      await fw.call({ type: CallType.ACKNOWLEDGE_OPERATION_STATUS, acknowledge_operation_status: { operation_id: { value: 'res-1' }, uuid: finished.uuid!.value!, agent_id: { value: agentId } } });
      const after = answerMasterCall(bed.master, { type: pb.master.Call.Type.GET_OPERATIONS });
      expect(after.get_operations?.operations?.map((o) => o.latest_status?.operation_id?.value)).toEqual(['too-big']);
    } finally {
      bed.stop();
    }
  });
});
