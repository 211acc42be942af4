/**
 * Quota along the role tree on the operator's paths (issue 14), on a master
 * with fake agents: UPDATE_QUOTA refuses children's guarantees past their
 * parent's (naming roles and amounts), and RESERVE_RESOURCES refuses a
 * reservation that would take its role or an ancestor past its limit
 * (reservations count toward quota), with the amounts as data.
 */
import { parseResources } from '@meseta/proto/resource-text';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import type { Resource } from '@meseta/proto/wire';
import { ReservationError } from '../../master/operator-reservations';
import { ANONYMOUS_OPERATOR, OperatorActionError, setQuotas } from '../../master/operator-actions';
import { quotaTreeInputProblem } from '../../master/quota-input';
import { masterTestBed } from './fixtures/master-test-bed';

const reserved = (text: string, role: string): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: [{ type: DYNAMIC_RESERVATION, role }] }));
const entry = (role: string, guarantees: Record<string, number>, limits: Record<string, number> = {}) => ({ role, guarantees, limits });

describe('quotaTreeInputProblem', () => {
  it.each([
    ['parent and child in one call, child first', {}, [entry('eng/a', { cpus: 2 }), entry('eng', { cpus: 4 })], undefined],
    ['a child past its parent', { eng: { guarantees: { cpus: 4 }, limits: {} } }, [entry('eng/a', { cpus: 5 })], "q[0]: role 'eng/a': the guarantees of cpus of the children of role 'eng' ('eng/a') add up to 5, above the guarantee of 'eng' (4): a parent's guarantee must cover its children's"],
    ['a parent removed under its child', { eng: { guarantees: { cpus: 4 }, limits: {} }, 'eng/a': { guarantees: { cpus: 1 }, limits: {} } }, [entry('eng', {})], "q[0]: role 'eng': the guarantees of cpus of the children of role 'eng' ('eng/a') add up to 1, above the guarantee of 'eng' (0): a parent's guarantee must cover its children's"],
    ['limits alone are not checked against the parent', {}, [entry('eng/a', {}, { cpus: 100 })], undefined],
  ])('%s', (_name, current, inputs, message) => {
    expect(quotaTreeInputProblem(new Map(Object.entries(current)), inputs, 'q')).toBe(message);
  });
});

describe('on the master', () => {
  it('UPDATE_QUOTA refuses children guarantees past the parent, and sets nothing', async () => {
    const bed = masterTestBed();
    try {
      await bed.addAgent('cpus:8;mem:1024');
      await setQuotas(bed.master, ANONYMOUS_OPERATOR, [entry('eng', { cpus: 4 })], 'update_quota.quotas');
      const error = await setQuotas(bed.master, ANONYMOUS_OPERATOR, [entry('eng/a', { cpus: 3 }), entry('eng/b', { cpus: 2 })], 'update_quota.quotas').then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(OperatorActionError);
      expect((error as OperatorActionError).kind).toBe('invalid');
      expect((error as Error).message).toBe("update_quota.quotas[0]: role 'eng/a': the guarantees of cpus of the children of role 'eng' ('eng/a', 'eng/b') add up to 5, above the guarantee of 'eng' (4): a parent's guarantee must cover its children's");
      expect([...bed.master.quotas.all.keys()]).toEqual(['eng']);
    } finally {
      bed.stop();
    }
  });

  it('RESERVE_RESOURCES past a limit on the role line is refused with role, asked, consumption and limit', async () => {
    const bed = masterTestBed();
    try {
      const { agentId } = await bed.addAgent('cpus:8;mem:1024');
      await setQuotas(bed.master, ANONYMOUS_OPERATOR, [entry('eng', {}, { cpus: 3 })], 'update_quota.quotas');
      await bed.master.reservations.apply('reserve', agentId, reserved('cpus:2', 'eng/a'), 'reserve_resources.resources', 'reserve_resources.agent_id');
      const error = await bed.master.reservations.apply('reserve', agentId, reserved('cpus:2', 'eng/b'), 'reserve_resources.resources', 'reserve_resources.agent_id').then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ReservationError);
      expect((error as ReservationError).message).toBe("reserve_resources.resources: reserving would pass the quota limit of role 'eng' cpus: asked 2, consumes 2, limit 3 (reservations count toward quota)");
      expect((error as ReservationError).shortfalls).toEqual([expect.objectContaining({ name: 'cpus', requested: 2, available: 1 })]);
      // Within the limit it goes through, and UNRESERVE is never refused for quota.
      await bed.master.reservations.apply('reserve', agentId, reserved('cpus:1', 'eng/b'), 'reserve_resources.resources', 'reserve_resources.agent_id');
      await bed.master.reservations.apply('unreserve', agentId, reserved('cpus:2', 'eng/a'), 'unreserve_resources.resources', 'unreserve_resources.agent_id');
    } finally {
      bed.stop();
    }
  });
});
