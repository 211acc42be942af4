/** Quota input checks (UPDATE_QUOTA, `meseta quota set`) and the registry op that keeps quotas. */
import { checkQuotaInput, isEmptyQuota, parseQuantities } from '../../master/quota-input';
import { decodeRegistryOp, emptyRegistry, encodeRegistryOp, parseRegistry, serializeRegistry, updateQuota } from '../../master/registry/registry-state';

describe('quota input', () => {
  it.each([
    ['cpus=2,mem=1024', { cpus: 2, mem: 1024 }],
    [' cpus = 0.5 ', { cpus: 0.5 }],
    ['cpus=0', { cpus: 0 }],
    ['', {}],
  ])('parseQuantities(%j)', (text, expected) => {
    expect(parseQuantities(text, '--limit')).toEqual(expected);
  });

  it.each([
    ['cpus', "--limit: 'cpus' is not resource=amount (e.g. cpus=2)"],
    ['=2', "--limit: '=2' is not resource=amount (e.g. cpus=2)"],
    ['cpus=-1', "--limit: cpus: must be a finite number of at least 0, got '-1'"],
    ['cpus=x', "--limit: cpus: must be a finite number of at least 0, got 'x'"],
    ['cpus=', "--limit: cpus: must be a finite number of at least 0, got ''"],
  ])('parseQuantities(%j) is refused', (text, message) => {
    expect(() => parseQuantities(text, '--limit')).toThrow(message);
  });

  it.each([
    [{ role: 'db', guarantees: { cpus: 1 }, limits: { cpus: 2 } }, undefined],
    [{ role: 'db' }, undefined],
    [{ role: '', limits: { cpus: 1 } }, 'q.role: is empty'],
    [{ role: 'db', guarantees: { cpus: -1 } }, "q.guarantees.cpus: role 'db': must be a finite number of at least 0, got -1"],
    [{ role: 'db', limits: { mem: NaN } }, "q.limits.mem: role 'db': must be a finite number of at least 0, got null"],
    [{ role: 'db', guarantees: { cpus: 3 }, limits: { cpus: 2 } }, "q: quota of role 'db': guarantee of cpus (3) is above its limit (2)"],
  ])('checkQuotaInput(%j)', (input, problem) => {
    if (problem === undefined) expect(checkQuotaInput(input, 'q').role).toBe('db');
    else expect(() => checkQuotaInput(input, 'q')).toThrow(problem);
  });

  it('an empty quota is a removal', () => {
    expect(isEmptyQuota({ guarantees: {}, limits: {} })).toBe(true);
    expect(isEmptyQuota({ guarantees: {}, limits: { cpus: 0 } })).toBe(false);
  });
});

describe('registry update_quota', () => {
  it('sets, changes nothing when equal, removes, and survives the log and a snapshot', () => {
    const s = emptyRegistry();
    const quota = { guarantees: { cpus: 1 }, limits: { cpus: 2 } };
    expect(updateQuota('db', quota)(s)).toBe(true);
    expect(updateQuota('db', quota)(s)).toBe(false);
    expect(updateQuota('tmp', { guarantees: {}, limits: { mem: 5 } })(s)).toBe(true);
    const removal = decodeRegistryOp(JSON.parse(JSON.stringify(encodeRegistryOp({ op: 'update_quota', role: 'tmp' }))));
    expect(updateQuota('tmp', undefined)(s)).toBe(true);
    expect(removal).toEqual({ op: 'update_quota', role: 'tmp' });
    expect(Object.fromEntries(parseRegistry(serializeRegistry(s), 'r').quotas)).toEqual({ db: quota });
    expect(parseRegistry(serializeRegistry(emptyRegistry()), 'r').quotas.size).toBe(0);
  });

  it.each([
    [{ op: 'update_quota' }, 'an update_quota record without a role'],
    [{ op: 'update_quota', role: 'db', quota: { limits: { cpus: -1 } } }, "the quota of role 'db' has limits -1 of cpus"],
    [{ op: 'update_quota', role: 'db', quota: 3 }, "the quota of role 'db' is not an object"],
  ])('a bad log record %j is refused', (record, message) => {
    expect(() => decodeRegistryOp(record)).toThrow(message);
  });
});
