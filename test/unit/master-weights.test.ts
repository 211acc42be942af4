/**
 * Role weights: the operator's input checks (flag, UPDATE_WEIGHTS, CLI
 * items), the registry op that keeps them, and RoleWeights' recovery rule
 * (the registry wins over --weights; --weights seeds an empty registry).
 */
import { checkWeightInfos, parseWeightItems, parseWeightsFlag, roleNameProblem } from '../../master/weight-input';
import { applyRegistryOp, decodeRegistryOp, emptyRegistry, encodeRegistryOp, parseRegistry, serializeRegistry, updateWeights } from '../../master/registry/registry-state';
import { RoleWeights } from '../../master/role-weights';
import { DurableWrites } from '../../master/durable-writes';
import { createLogger } from '@meseta/runtime/log';

const log = createLogger('test', 'error', () => undefined);

describe('weight input', () => {
  it.each([
    ['web=2', [{ role: 'web', weight: 2 }]],
    ['web=2,batch=0.5', [{ role: 'web', weight: 2 }, { role: 'batch', weight: 0.5 }]],
    [' web = 2 , ', [{ role: 'web', weight: 2 }]],
    ['eng/backend=3', [{ role: 'eng/backend', weight: 3 }]],
    ['*=1.5', [{ role: '*', weight: 1.5 }]],
    ['web=2,web=4', [{ role: 'web', weight: 4 }]],
    ['', []],
  ])('--weights %j parses', (text, expected) => {
    expect(parseWeightsFlag(text)).toEqual(expected);
  });

  it.each([
    ['web', "--weights: 'web' is not role=weight (e.g. web=2)"],
    ['web=0', "--weights: role 'web': weight must be a finite number above 0, got '0'"],
    ['web=-1', "--weights: role 'web': weight must be a finite number above 0, got '-1'"],
    ['web=abc', "--weights: role 'web': weight must be a finite number above 0, got 'abc'"],
    ['web=', "--weights: role 'web': weight must be a finite number above 0, got ''"],
    ['web=Infinity', "--weights: role 'web': weight must be a finite number above 0, got 'Infinity'"],
    ['=2', "--weights: '=2': role is empty"],
    ['a b=2', "--weights: 'a b=2': role 'a b' holds whitespace, a control character or a backslash"],
  ])('--weights %j is refused naming the role and the value', (text, message) => {
    expect(() => parseWeightsFlag(text)).toThrow(message);
  });

  it.each([
    [[{ role: 'web', weight: 2 }], undefined],
    [[], 'f: required: at least one {role, weight}'],
    [[{ role: 'web' }], "f[0].weight: role 'web': weight must be a number, got undefined"],
    [[{ role: 'web', weight: 2 }, { role: 'ops', weight: 0 }], "f[1].weight: role 'ops': weight must be a finite number above 0, got 0"],
    [[{ role: 'ops', weight: NaN }], "f[0].weight: role 'ops': weight must be a number, got null"],
    [[{ weight: 2 }], 'f[0].role: is empty'],
    [[{ role: '..', weight: 2 }], "f[0].role: '..' is not a role name"],
    [[{ role: '-x', weight: 2 }], "f[0].role: '-x' starts with '-'"],
    [[{ role: 'a//b', weight: 2 }], "f[0].role: 'a//b' has an empty, '.' or '..' part between slashes"],
  ])('UPDATE_WEIGHTS %j', (infos, problem) => {
    if (problem === undefined) expect(checkWeightInfos(infos, 'f')).toEqual(infos);
    else expect(() => checkWeightInfos(infos, 'f')).toThrow(problem);
  });

  it('CLI items name the verb', () => {
    expect(() => parseWeightItems(['web=2', 'ops=x'], 'weights set')).toThrow("weights set: role 'ops': weight must be a finite number above 0, got 'x'");
    expect(roleNameProblem('web')).toBeUndefined();
  });
});

describe('registry update_weights', () => {
  it('applies, reports no change when nothing changes, and survives the log and a snapshot', () => {
    const s = emptyRegistry();
    expect(updateWeights({ web: 2, ops: 3 })(s)).toBe(true);
    expect(updateWeights({ web: 2 })(s)).toBe(false);
    expect(updateWeights({ web: 4 })(s)).toBe(true);
    expect(Object.fromEntries(s.weights)).toEqual({ web: 4, ops: 3 });
    const op = decodeRegistryOp(JSON.parse(JSON.stringify(encodeRegistryOp({ op: 'update_weights', weights: { batch: 0.5 } }))));
    expect(applyRegistryOp(s, op)).toBe(true);
    expect(Object.fromEntries(parseRegistry(serializeRegistry(s), 'test').weights)).toEqual({ web: 4, ops: 3, batch: 0.5 });
  });

  it.each([
    [{ op: 'update_weights' }, 'an update_weights record without weights'],
    [{ op: 'update_weights', weights: { web: 0 } }, "an update_weights record with weight 0 for role 'web'"],
    [{ op: 'update_weights', weights: { web: 'x' } }, 'an update_weights record with weight "x" for role \'web\''],
  ])('a bad log record %j is refused', (record, message) => {
    expect(() => decodeRegistryOp(record)).toThrow(message);
  });

  it('a registry file with a bad weight is refused naming it', () => {
    const bytes = Buffer.from(JSON.stringify({ format: 'meseta-registry', version: 1, agents: [], frameworks: [], weights: { web: -1 } }));
    expect(() => parseRegistry(bytes, 'r.json')).toThrow("registry at r.json is corrupt (an update_weights record with weight -1 for role 'web')");
  });
});

describe('RoleWeights', () => {
  function make() {
    const given: Array<[string, number]> = [];
    const registry = emptyRegistry();
    const durable = new DurableWrites({ apply: async (m) => void m(registry) }, log);
    const weights = new RoleWeights({ updateWeight: (role, w) => given.push([role, w]) }, durable, log);
    return { given, registry, weights };
  }

  it.each([
    ['registry only', { web: 2 }, [], { web: 2 }, {}],
    ['flag seeds an empty registry', {}, [{ role: 'web', weight: 3 }], { web: 3 }, { web: 3 }],
    ['registry wins over the flag', { web: 2 }, [{ role: 'web', weight: 3 }, { role: 'ops', weight: 5 }], { web: 2 }, {}],
  ])('%s', async (_name, stored, flag, inForce, written) => {
    const { given, registry, weights } = make();
    await weights.recover(new Map(Object.entries(stored)), flag);
    expect(Object.fromEntries(weights.all)).toEqual(inForce);
    expect(Object.fromEntries(given)).toEqual(inForce);
    expect(Object.fromEntries(registry.weights)).toEqual(written);
    expect(weights.of('unset')).toBe(1);
  });

  it('update is in force only once durable; a failed write changes nothing', async () => {
    const given: Array<[string, number]> = [];
    let fail = true;
    const durable = new DurableWrites({ apply: async () => { if (fail) throw new Error('disk full'); } }, log);
    const weights = new RoleWeights({ updateWeight: (role, w) => given.push([role, w]) }, durable, log);
    await expect(weights.update([{ role: 'web', weight: 2 }], 'test')).rejects.toThrow('registry write failed (update weights): disk full');
    expect(weights.of('web')).toBe(1);
    expect(given).toEqual([]);
    fail = false;
    await weights.update([{ role: 'web', weight: 2 }], 'test');
    expect(weights.of('web')).toBe(2);
    expect(given).toEqual([['web', 2]]);
  });
});
