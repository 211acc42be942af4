/**
 * Mesos's quota capacity check on our gRPC Operator API's UPDATE_QUOTA
 * (what `meseta quota set` sends): a call that raises a guarantee past what
 * the cluster has (all roles' guarantees together, active agents' scalars
 * outside static reservations) is refused FAILED_PRECONDITION naming each
 * resource with asked and available (as data on the error) and sets
 * nothing; `force` sets it anyway; lowering, removing and limits alone are
 * never refused.
 */
import { status } from '@grpc/grpc-js';
import { parseResources } from '@meseta/proto/resource-text';
import { pb, type OperatorResponse } from '@meseta/proto/wire';
import { clusterQuotaCapacity, raisesGuarantees } from '../../master/quota-capacity';
import { QuotaOvercommitError } from '../../master/operator-actions';
import { sendOperatorAnswer } from '../../master/operator-api';
import type { Master } from '../../master/master';
import type { StoredQuota } from '../../master/registry/registry-state';
import { masterTestBed } from './fixtures/master-test-bed';

const T = pb.OperatorCall.Type;
const q = (guarantees: Record<string, number>, limits: Record<string, number> = {}): StoredQuota => ({ guarantees, limits });

describe('raisesGuarantees', () => {
  it.each<[string, Record<string, StoredQuota>, Array<{ role: string; guarantees: Record<string, number> }>, boolean]>([
    ['a new role with a guarantee', {}, [{ role: 'eng', guarantees: { cpus: 1 } }], true],
    ['a higher guarantee', { eng: q({ cpus: 1 }) }, [{ role: 'eng', guarantees: { cpus: 2 } }], true],
    ['a new resource in a guarantee', { eng: q({ cpus: 1 }) }, [{ role: 'eng', guarantees: { cpus: 1, mem: 1 } }], true],
    ['a lower guarantee', { eng: q({ cpus: 2 }) }, [{ role: 'eng', guarantees: { cpus: 1 } }], false],
    ['a removal', { eng: q({ cpus: 2 }) }, [{ role: 'eng', guarantees: {} }], false],
    ['the same guarantee', { eng: q({ cpus: 2 }) }, [{ role: 'eng', guarantees: { cpus: 2 } }], false],
  ])('%s: %s', (_case, current, updates, expected) => {
    expect(raisesGuarantees(new Map(Object.entries(current)), updates)).toBe(expected);
  });

  it('clusterQuotaCapacity counts active agents outside static reservations', () => {
    const agents = [
      { status: 'ACTIVE', total: parseResources('cpus:4;mem:1024;disk(db):100;ports:[1-10]') },
      { status: 'DISCONNECTED', total: parseResources('cpus:8') },
    ];
    expect(Object.fromEntries(clusterQuotaCapacity(agents))).toEqual({ cpus: 4, mem: 1024 });
  });
});

describe('UPDATE_QUOTA on the gRPC Operator API', () => {
  /** The answer or the error of a call, as the gRPC service sends it. */
  const send = (master: Master, call: Parameters<typeof sendOperatorAnswer>[1]) =>
    new Promise<{ error?: { code?: number; details?: string }; answer?: OperatorResponse }>((resolve) => {
      sendOperatorAnswer(master, call, (error, answer) => resolve(error ? { error: error as { code?: number; details?: string } } : { answer: answer ?? undefined }));
    });

  it('refuses a guarantee past the cluster naming asked and available, sets it with force, never refuses lowering or limits', async () => {
    const bed = masterTestBed();
    try {
      await bed.addAgent('cpus:4;mem:1024;disk(db):100', 'a1');
      await bed.addAgent('cpus:2;mem:512', 'a2');
      const set = (role: string, guarantees: Record<string, number>, limits: Record<string, number> = {}, force?: boolean) =>
        send(bed.master, { type: T.UPDATE_QUOTA, update_quota: { quotas: [{ role, guarantees, limits }], ...(force ? { force } : {}) } });

      expect((await set('eng', { cpus: 4 })).error).toBeUndefined();
      const refused = await set('ops', { cpus: 3, mem: 256 });
      expect(refused.error?.code).toBe(status.FAILED_PRECONDITION);
      expect(refused.error?.details).toBe(
        "update_quota.quotas: the guarantees exceed the cluster's capacity (cpus: all roles' guarantees would be 7, the cluster has 6); set update_quota.force (meseta quota set --force) to set them anyway",
      );
      expect([...bed.master.quotas.all.keys()]).toEqual(['eng']);

      // The refusal as data.
      const { setQuotas, ANONYMOUS_OPERATOR } = await import('../../master/operator-actions');
      const error = await setQuotas(bed.master, ANONYMOUS_OPERATOR, [{ role: 'ops', guarantees: { cpus: 3 }, limits: {} }], 'q').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuotaOvercommitError);
      expect((error as QuotaOvercommitError).kind).toBe('conflict');
      expect((error as QuotaOvercommitError).overcommits).toEqual([{ resource: 'cpus', asked: 7, available: 6 }]);

      // force sets it anyway.
      expect((await set('ops', { cpus: 3 }, {}, true)).error).toBeUndefined();
      expect(bed.master.quotas.all.get('ops')?.guarantees).toEqual({ cpus: 3 });
      // Overcommitted now: lowering, a limit alone and a removal still go through without force.
      expect((await set('ops', { cpus: 2.5 })).error).toBeUndefined();
      expect((await set('web', {}, { cpus: 100 })).error).toBeUndefined();
      expect((await set('ops', {})).error).toBeUndefined();
      expect([...bed.master.quotas.all.keys()].sort()).toEqual(['eng', 'web']);
      // Children under a parent with a quota are not counted again.
      expect((await set('eng/a', { cpus: 2 })).error).toBeUndefined();
    } finally {
      bed.stop();
    }
  });
});
