/**
 * The quota check of an ACCEPT's RESERVE (issue 14): reservations count
 * toward quota, so reserving offered resources to a role below the one they
 * were offered to may not take that role past its limit; reserving them to
 * the role they were offered to changes nothing and passes.
 */
import { planAccept, type AcceptContext, type OfferView } from '../../master/offer-validation';
import { reserveQuotaProblem } from '../../master/reserve-quota';
import { allocate, normalize } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { OperationType, type Resource } from '@meseta/proto/wire';
import { newAllocator } from './allocator-fixtures';

const reserved = (text: string, role: string): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: [{ type: DYNAMIC_RESERVATION, role }] }));

function acceptReserving(role: string, limits: Record<string, Record<string, number>>) {
  const allocator = newAllocator();
  for (const [r, l] of Object.entries(limits)) allocator.updateQuota(r, { limits: new Map(Object.entries(l)) });
  const offered = parseResources('cpus:4;mem:1024');
  const offer: OfferView = { id: 'o1', offer: { id: { value: 'o1' }, resources: allocate(offered, 'eng') }, role: 'eng', frameworkId: 'F', agentId: 'a1', resources: normalize(offered) };
  const ctx: AcceptContext = {
    frameworkId: 'F',
    lookupOffer: (id) => (id === 'o1' ? offer : undefined),
    isLiveTask: () => false,
    reserveQuotaProblem: (r, field, heldBy) => {
      const refusal = reserveQuotaProblem(allocator, r, field, heldBy);
      return refusal && { message: refusal.message, shortfalls: refusal.refusals };
    },
  };
  return planAccept(ctx, ['o1'], [{ type: OperationType.RESERVE, reserve: { resources: allocate(reserved('cpus:3', role), 'eng') } }]);
}

describe("an ACCEPT's RESERVE under quota", () => {
  it.each([
    ['to the offered role, whatever its limit (it counts already)', 'eng', { eng: { cpus: 1 } }, undefined],
    ['to a child within its limit', 'eng/a', { 'eng/a': { cpus: 3 } }, undefined],
    ['to a child past its limit', 'eng/a', { 'eng/a': { cpus: 2 } }, "accept.operations[0].reserve.resources: reserving would pass the quota limit of role 'eng/a' cpus: asked 3, consumes 0, limit 2 (reservations count toward quota)"],
    ['to a grandchild past its parent limit', 'eng/a/x', { 'eng/a': { cpus: 1 } }, "role 'eng/a' cpus: asked 3, consumes 0, limit 1"],
  ])('%s', (_name, role, limits, message) => {
    const plan = acceptReserving(role, limits);
    if (message === undefined) {
      expect(plan.operationError).toBeUndefined();
      expect(plan.conversions).toHaveLength(1);
    } else {
      expect(plan.operationError?.message).toContain(message);
      expect(plan.operationError?.shortfalls).toEqual([expect.objectContaining({ name: 'cpus', requested: 3 })]);
      expect(plan.conversions).toEqual([]);
    }
  });
});
