/**
 * Mesos 1.9's quota calls on the master's `/api/v1`, pure parts: the
 * capacity check (`quota-capacity.ts`) as a table, GET_QUOTA's answer, and
 * UPDATE_QUOTA through the master (checks naming the field, ACL before the
 * capacity check, `force`, removal).
 */
import { pb } from '@meseta/proto/wire';
import { quotaOvercommits, overcommitMessage } from '../../master/quota-capacity';
import { getQuota, QuotaCapacityError, quotaCapacity, updateQuotaByOperator } from '../../master/mesos-operator-quota';
import { answerMasterCall } from '../../master/mesos-operator-http';
import { ANONYMOUS_OPERATOR, OperatorActionError, type OperatorAuthority } from '../../master/operator-actions';
import type { StoredQuota } from '../../master/registry/registry-state';
import { masterTestBed } from './fixtures/master-test-bed';

const q = (guarantees: Record<string, number>, limits: Record<string, number> = {}): StoredQuota => ({ guarantees, limits });

describe('quotaOvercommits', () => {
  const capacity = new Map([['cpus', 8], ['mem', 4096]]);
  test.each<[string, Array<[string, StoredQuota]>, Array<{ role: string } & StoredQuota>, Array<{ resource: string; asked: number; available: number }>]>([
    ['a guarantee within the cluster fits', [], [{ role: 'a', ...q({ cpus: 8 }) }], []],
    ['guarantees of two roles add up', [['a', q({ cpus: 5 })]], [{ role: 'b', ...q({ cpus: 4 }) }], [{ resource: 'cpus', asked: 9, available: 8 }]],
    ['an update replaces the role\'s old guarantee', [['a', q({ cpus: 6 })]], [{ role: 'a', ...q({ cpus: 8 }) }], []],
    ['an empty config removes the role\'s quota before summing', [['a', q({ cpus: 6 })]], [{ role: 'a', ...q({}) }, { role: 'b', ...q({ cpus: 8 }) }], []],
    ['a resource the cluster does not have at all', [], [{ role: 'a', ...q({ gpus: 1 }) }], [{ resource: 'gpus', asked: 1, available: 0 }]],
    ['limits are not checked', [], [{ role: 'a', ...q({}, { cpus: 100 }) }], []],
    ['a child under a parent with a quota does not count again', [['eng', q({ cpus: 6 })]], [{ role: 'eng/backend', ...q({ cpus: 6 }) }], []],
    ['a child whose parent has no quota counts', [['web', q({ cpus: 6 })]], [{ role: 'eng/backend', ...q({ cpus: 6 }) }], [{ resource: 'cpus', asked: 12, available: 8 }]],
    ['thousandths are compared whole (0.1 + 0.2 fits 0.3)', [['a', q({ cpus: 0.1 })]], [{ role: 'b', ...q({ cpus: 0.2 }) }], []],
  ])('%s', (_name, current, updates, want) => {
    const cap = _name.startsWith('thousandths') ? new Map([['cpus', 0.3]]) : capacity;
    expect(quotaOvercommits(new Map(current), updates, cap)).toEqual(want);
  });

  test('the message names the field, each resource, asked and available, and force', () => {
    expect(overcommitMessage('update_quota.quota_configs', [{ resource: 'cpus', asked: 9, available: 8 }])).toBe(
      "update_quota.quota_configs: the guarantees exceed the cluster's capacity (cpus: all roles' guarantees would be 9, the cluster has 8); set force: true to set them anyway",
    );
  });
});

async function bed() {
  const b = masterTestBed({ config: { offerTimeoutSeconds: 0 } });
  await b.addAgent('cpus:4;mem:2048', 'host-1');
  await b.addAgent('cpus:4;mem:2048;disk(static-role):100', 'host-2');
  return b;
}

const config = (role: string, guarantees: Record<string, number>, limits: Record<string, number> = {}) => ({
  role,
  guarantees: Object.fromEntries(Object.entries(guarantees).map(([k, value]) => [k, { value }])),
  limits: Object.fromEntries(Object.entries(limits).map(([k, value]) => [k, { value }])),
});

describe('UPDATE_QUOTA and GET_QUOTA', () => {
  test('the capacity is what active agents have outside static reservations', async () => {
    const b = await bed();
    const cap = quotaCapacity(b.master);
    expect(cap.get('cpus')).toBe(8);
    expect(cap.get('disk') ?? 0).toBe(0);
    b.stop();
  });

  test('a quota set is in GET_QUOTA as a config with guarantees and limits, and as an info with the guarantees', async () => {
    const b = await bed();
    await updateQuotaByOperator(b.master, ANONYMOUS_OPERATOR, { quota_configs: [config('eng', { cpus: 2 }, { cpus: 4, mem: 1024 })] });
    const r = answerMasterCall(b.master, { type: pb.master.Call.Type.GET_QUOTA });
    expect(r.type).toBe(pb.master.Response.Type.GET_QUOTA);
    expect(r.get_quota).toEqual(getQuota(b.master));
    expect(r.get_quota?.status?.configs).toEqual([{ role: 'eng', guarantees: { cpus: { value: 2 } }, limits: { cpus: { value: 4 }, mem: { value: 1024 } } }]);
    expect(r.get_quota?.status?.infos).toEqual([{ role: 'eng', guarantee: [{ name: 'cpus', type: 0, scalar: { value: 2 } }] }]);
    // It encodes as the Mesos message.
    expect(() => pb.master.Response.encode(pb.master.Response.fromObject(r)).finish()).not.toThrow();
    // An empty config removes it.
    await updateQuotaByOperator(b.master, ANONYMOUS_OPERATOR, { quota_configs: [{ role: 'eng' }] });
    expect(getQuota(b.master).status?.configs).toEqual([]);
    b.stop();
  });

  test.each<[string, unknown, RegExp]>([
    ['no configs', { quota_configs: [] }, /^update_quota\.quota_configs: required/],
    ['a missing role', { quota_configs: [{ guarantees: { cpus: { value: 1 } } }] }, /^update_quota\.quota_configs\[0\]\.role: /],
    ['a negative guarantee', { quota_configs: [config('a', { cpus: -1 })] }, /^update_quota\.quota_configs\[0\]\.guarantees\.cpus: role 'a': must be a finite number of at least 0, got -1/],
    ['a scalar without a value', { quota_configs: [{ role: 'a', limits: { mem: {} } }] }, /^update_quota\.quota_configs\[0\]\.limits\.mem: /],
    ['a guarantee above its limit', { quota_configs: [config('a', { cpus: 3 }, { cpus: 2 })] }, /^update_quota\.quota_configs\[0\]: /],
    ['the second config bad: nothing is set', { quota_configs: [config('a', { cpus: 1 }), config('', {})] }, /^update_quota\.quota_configs\[1\]\.role: /],
  ])('refused naming the field: %s', async (_name, body, message) => {
    const b = await bed();
    const e = await updateQuotaByOperator(b.master, ANONYMOUS_OPERATOR, body as never).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(OperatorActionError);
    expect((e as OperatorActionError).kind).toBe('invalid');
    expect((e as Error).message).toMatch(message);
    expect(b.master.quotas.all.size).toBe(0);
    b.stop();
  });

  test('guarantees past the cluster are refused with asked and available; force sets them', async () => {
    const b = await bed();
    const e = await updateQuotaByOperator(b.master, ANONYMOUS_OPERATOR, { quota_configs: [config('a', { cpus: 6 }), config('b', { cpus: 6 })] }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(QuotaCapacityError);
    expect((e as Error).message).toMatch(/cpus: all roles' guarantees would be 12, the cluster has 8/);
    expect(b.master.quotas.all.size).toBe(0);
    await updateQuotaByOperator(b.master, ANONYMOUS_OPERATOR, { force: true, quota_configs: [config('a', { cpus: 6 }), config('b', { cpus: 6 })] });
    expect([...b.master.quotas.all.keys()].sort()).toEqual(['a', 'b']);
    b.stop();
  });

  test('a caller the ACL refuses hears 403 before anything about capacity', async () => {
    const b = await bed();
    const denyB: OperatorAuthority = { principal: 'ops', check: (action, object) => (action === 'update_quotas' && object === 'b' ? { message: `principal 'ops' may not update_quotas for role 'b'` } : undefined) };
    const e = await updateQuotaByOperator(b.master, denyB, { quota_configs: [config('a', { cpus: 1 }), config('b', { cpus: 100 })] }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(OperatorActionError);
    expect((e as OperatorActionError).kind).toBe('denied');
    expect(b.master.quotas.all.size).toBe(0);
    b.stop();
  });
});
