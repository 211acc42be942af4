/**
 * The edge of Mesos's Scheduler HTTP API: resources in Mesos's forms become
 * ours on the way in; offers, statuses, SUBSCRIBED and MasterInfo take
 * Mesos's shape on the way out. Also the stream format and status codes.
 */
import { status } from '@grpc/grpc-js';
import { MesosHttpError } from '@meseta/proto/mesos-http';
import type { Offer, Resource } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import {
  callFromMesos,
  eventToMesos,
  masterInfoToMesos,
  offerToMesos,
  packedIpv4,
  resourceFromMesos,
  resourceToMesos,
  statusToMesos,
} from '../../master/mesos-scheduler-translate';
import { httpStatusOf, streamFormat } from '../../master/mesos-scheduler-http';
import { CallError } from '../../master/call-errors';
import { RegistryWriteError } from '../../master/durable-writes';

const { STATIC, DYNAMIC } = pb.Resource.ReservationInfo.Type;
const cpus = (extra: Resource = {}): Resource => ({ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 1 }, ...extra });

describe('resourceFromMesos', () => {
  it.each<[string, Resource, Resource]>([
    ['unreserved, role "*"', cpus({ role: '*' }), cpus()],
    ['a static reservation in the old form', cpus({ role: 'web' }), cpus({ reservations: [{ type: STATIC, role: 'web' }] })],
    [
      'a dynamic reservation in the old form keeps its principal and labels',
      cpus({ role: 'web', reservation: { principal: 'ann', labels: { labels: [{ key: 'k', value: 'v' }] } } }),
      cpus({ reservations: [{ type: DYNAMIC, role: 'web', principal: 'ann', labels: { labels: [{ key: 'k', value: 'v' }] } }] }),
    ],
    ['a reservation stack is kept as it is', cpus({ role: 'ignored', reservations: [{ type: STATIC, role: 'a' }] }), cpus({ reservations: [{ type: STATIC, role: 'a' }] })],
    ['allocation_info becomes allocation_role', cpus({ allocation_info: { role: 'web' } }), cpus({ allocation_role: 'web' })],
    ['allocation_role wins over allocation_info', cpus({ allocation_role: 'a', allocation_info: { role: 'b' } }), cpus({ allocation_role: 'a' })],
  ])('%s', (_name, mesos, ours) => {
    expect(resourceFromMesos(mesos)).toEqual(ours);
  });
});

describe('resourceToMesos', () => {
  it.each<[string, Resource, boolean, Resource]>([
    ['unreserved, for a framework without RESERVATION_REFINEMENT', cpus({ allocation_role: 'web' }), false, cpus({ allocation_role: 'web', allocation_info: { role: 'web' }, role: '*' })],
    ['static, old form', cpus({ reservations: [{ type: STATIC, role: 'db' }] }), false, cpus({ role: 'db' })],
    ['dynamic, old form', cpus({ reservations: [{ type: DYNAMIC, role: 'db', principal: 'p' }] }), false, cpus({ role: 'db', reservation: { principal: 'p' } })],
    ['a stack for a framework with RESERVATION_REFINEMENT', cpus({ reservations: [{ type: STATIC, role: 'db' }] }), true, cpus({ reservations: [{ type: STATIC, role: 'db' }] })],
  ])('%s', (_name, ours, refinement, mesos) => {
    expect(resourceToMesos(ours, refinement)).toEqual(mesos);
  });

  it('round-trips through resourceFromMesos', () => {
    const ours = cpus({ reservations: [{ type: DYNAMIC, role: 'db', principal: 'p' }], allocation_role: 'db' });
    expect(resourceFromMesos(resourceToMesos(ours, false))).toEqual(ours);
  });
});

describe('callFromMesos', () => {
  it('translates the resources of LAUNCH and LAUNCH_GROUP tasks and executors, and sets the stream id', () => {
    const call = callFromMesos(
      {
        type: pb.Call.Type.ACCEPT,
        accept: {
          offer_ids: [{ value: 'o' }],
          operations: [
            { type: pb.Offer.Operation.Type.LAUNCH, launch: { task_infos: [{ name: 't', resources: [cpus({ role: '*', allocation_info: { role: 'r' } })] }] } },
            { type: pb.Offer.Operation.Type.LAUNCH_GROUP, launch_group: { executor: { resources: [cpus({ role: 'x' })] }, task_group: { tasks: [{ name: 'g', resources: [cpus({ role: '*' })] }] } } },
          ],
        },
      },
      'stream-1',
    );
    expect(call.stream_id).toBe('stream-1');
    expect(call.accept!.operations![0].launch!.task_infos![0].resources).toEqual([cpus({ allocation_role: 'r' })]);
    expect(call.accept!.operations![1].launch_group!.executor!.resources).toEqual([cpus({ reservations: [{ type: STATIC, role: 'x' }] })]);
    expect(call.accept!.operations![1].launch_group!.task_group!.tasks![0].resources).toEqual([cpus()]);
  });
});

describe('events out', () => {
  const offer: Offer = {
    id: { value: 'o' }, framework_id: { value: 'f' }, agent_id: { value: 'a' }, hostname: 'node-1',
    resources: [cpus({ allocation_role: 'web' })],
    agent_address: { hostname: 'node-1', ip: '192.0.2.7', port: 5051 },
  };

  it('an offer gets the agent URL and allocation_info', () => {
    expect(offerToMesos(offer, false)).toMatchObject({
      url: { scheme: 'http', address: { hostname: 'node-1', ip: '192.0.2.7', port: 5051 }, path: '/slave(1)' },
      allocation_info: { role: 'web' },
      resources: [{ role: '*', allocation_info: { role: 'web' } }],
    });
  });

  it('a status gets container_status.container_id', () => {
    expect(statusToMesos({ task_id: { value: 't' }, container_id: { value: 'c' } }).container_status).toEqual({ container_id: { value: 'c' } });
    expect(statusToMesos({ task_id: { value: 't' } }).container_status).toBeUndefined();
  });

  it('SUBSCRIBED loses our stream_id and gets MasterInfo.ip and pid', () => {
    const event = eventToMesos({ type: pb.Event.Type.SUBSCRIBED, subscribed: { framework_id: { value: 'f' }, stream_id: 's', master_info: { id: 'm', port: 5050, address: { ip: '127.0.0.1', port: 5050 } } } }, undefined);
    expect(event.subscribed).toEqual({ framework_id: { value: 'f' }, master_info: { id: 'm', port: 5050, address: { ip: '127.0.0.1', port: 5050 }, ip: 16777343, pid: 'master@127.0.0.1:5050' } });
  });

  it.each([
    ['127.0.0.1', 16777343],
    ['192.0.2.1', 16908480],
    ['not an address', undefined],
    ['256.0.0.1', undefined],
  ])('packs %s as %p', (ip, packed) => {
    expect(packedIpv4(ip)).toBe(packed);
  });

  it('a master without an IPv4 address still has the ip Mesos requires', () => {
    expect(masterInfoToMesos({ id: 'm', hostname: 'h', port: 1 }).ip).toBe(0);
  });
});

describe('streamFormat', () => {
  it.each<[string | undefined, string | undefined, string, Record<string, string>]>([
    [undefined, undefined, 'json', { 'content-type': 'application/json' }],
    ['application/x-protobuf', undefined, 'protobuf', { 'content-type': 'application/x-protobuf' }],
    ['application/recordio', 'application/x-protobuf', 'protobuf', { 'content-type': 'application/recordio', 'message-content-type': 'application/x-protobuf' }],
    ['application/recordio', undefined, 'json', { 'content-type': 'application/recordio', 'message-content-type': 'application/json' }],
  ])('Accept %p, Message-Accept %p: %s', (accept, messageAccept, format, headers) => {
    expect(streamFormat(accept, messageAccept)).toEqual({ format, headers });
  });

  it('refuses what it cannot write with 406', () => {
    expect(() => streamFormat('text/html', undefined)).toThrow(MesosHttpError);
  });
});

describe('httpStatusOf', () => {
  it.each<[string, unknown, number]>([
    ['a malformed call', new CallError(status.INVALID_ARGUMENT, 'x'), 400],
    ['an unknown framework', new CallError(status.NOT_FOUND, 'x'), 404],
    ['a stale stream', new CallError(status.FAILED_PRECONDITION, 'x'), 409],
    ['a call not implemented', new CallError(status.UNIMPLEMENTED, 'x'), 501],
    ['a registry that cannot write', new RegistryWriteError('x', new Error('disk full')), 503],
    ['UNAVAILABLE', new CallError(status.UNAVAILABLE, 'x'), 503],
    ['a codec refusal', new MesosHttpError(415, 'x'), 415],
    ['anything else', new Error('x'), 500],
  ])('%s answers %d', (_name, error, code) => {
    expect(httpStatusOf(error)).toBe(code);
  });
});
