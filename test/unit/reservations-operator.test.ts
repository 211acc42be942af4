/**
 * The operator's reservations on a master with fake agents and frameworks:
 * offers holding the resources are rescinded first; resources in use by
 * tasks are refused with the amounts; checks name the field.
 */
import { parseResources } from '@meseta/proto/resource-text';
import { reservationRole } from '@meseta/proto/resources';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { CallType, OperationType, type Resource } from '@meseta/proto/wire';
import { ReservationError, reserveByOperator } from '../../master/operator-reservations';
import { ANONYMOUS_OPERATOR, OperatorActionError } from '../../master/operator-actions';
import { masterTestBed } from './fixtures/master-test-bed';

const reserved = (text: string, role: string, principal?: string): Resource[] =>
  parseResources(text).map((r) => ({ ...r, reservations: [{ type: DYNAMIC_RESERVATION, role, ...(principal ? { principal } : {}) }] }));

describe('operator reservations on the master', () => {
  it('rescinds the offer holding the resources, converts them, and refuses what tasks use', async () => {
    const bed = masterTestBed();
    try {
      const { agentId } = await bed.addAgent('cpus:2;mem:1024');
      const fw = await bed.subscribe('web-fw', { roles: ['web'] });
      bed.master.runAllocation();
      const [offer] = fw.sink.offers();
      expect(offer).toBeDefined();

      const converted = await bed.master.reservations.apply('reserve', agentId, reserved('cpus:1', 'db', 'ops'), 'reserve_resources.resources', 'reserve_resources.agent_id', 'ops');
      expect(converted.map((r) => [r.name, r.scalar?.value, reservationRole(r)])).toEqual([['cpus', 1, 'db']]);
      expect(fw.sink.rescinds()).toEqual([offer.id!.value]);
      const total = bed.master.agents.get(agentId)!.total;
      expect(total.map((r) => [r.name, r.scalar?.value, reservationRole(r)])).toEqual([
        ['cpus', 1, '*'],
        ['mem', 1024, '*'],
        ['cpus', 1, 'db'],
      ]);

      // The web framework is offered only the unreserved part; it launches on all of it.
      bed.master.runAllocation();
      const next = fw.sink.offers().find((o) => o.id!.value !== offer.id!.value)!;
      expect(next.resources?.some((r) => reservationRole(r) === 'db')).toBe(false);
      fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [next.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [bed.task('t1', next, 1, 1024)] } }] } });

      // What the task uses cannot be reserved: refused with the amounts.
      let error: unknown;
      try {
        await bed.master.reservations.apply('reserve', agentId, reserved('mem:512', 'db'), 'reserve_resources.resources', 'reserve_resources.agent_id');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReservationError);
      expect((error as ReservationError).message).toBe('reserve_resources.resources: in use by tasks on agent ' + agentId + ': mem: asked 512, free 0');
      expect((error as ReservationError).shortfalls).toEqual([expect.objectContaining({ name: 'mem', requested: 512, available: 0 })]);
    } finally {
      bed.stop();
    }
  });

  it.each<[string, string, Resource[], string | undefined, string]>([
    ['an unknown agent', 'nope', reserved('cpus:1', 'db'), undefined, 'reserve_resources.agent_id: agent nope is not registered with this master'],
    ['no agent id', '', reserved('cpus:1', 'db'), undefined, 'reserve_resources.agent_id: required'],
    ['another principal than the caller', 'A', reserved('cpus:1', 'db', 'x'), 'ops', 'reserve_resources.resources[0].reservations[0].principal: "x" does not match the caller\'s principal "ops"'],
    ['more than the agent has', 'A', reserved('cpus:8', 'db'), undefined, 'reserve_resources.resources: the resources to reserve are not all there: cpus: asked 8, agent has 2'],
  ])('refuses %s, naming the field', async (_name, agent, resources, principal, message) => {
    const bed = masterTestBed();
    try {
      const { agentId } = await bed.addAgent('cpus:2;mem:1024');
      const id = agent === 'A' ? agentId : agent;
      await expect(bed.master.reservations.apply('reserve', id, resources, 'reserve_resources.resources', 'reserve_resources.agent_id', principal)).rejects.toThrow(message);
    } finally {
      bed.stop();
    }
  });
});

describe('operator reservation refusals as each transport answers them', () => {
  it.each<[string, string, Resource[], string]>([
    ['resources the agent lacks: conflict (HTTP 409, gRPC FAILED_PRECONDITION, as Mesos)', 'A', reserved('cpus:8', 'db'), 'conflict'],
    ['a malformed reservation: invalid (400)', 'A', parseResources('cpus:1'), 'invalid'],
    ['an unknown agent: not_found (404)', 'nope', reserved('cpus:1', 'db'), 'not_found'],
  ])('%s', async (_name, agent, resources, kind) => {
    const bed = masterTestBed();
    try {
      const { agentId } = await bed.addAgent('cpus:2;mem:1024');
      const error = await reserveByOperator(bed.master, ANONYMOUS_OPERATOR, 'reserve', agent === 'A' ? agentId : agent, resources, 'reserve_resources').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperatorActionError);
      expect((error as OperatorActionError).kind).toBe(kind);
    } finally {
      bed.stop();
    }
  });
});
