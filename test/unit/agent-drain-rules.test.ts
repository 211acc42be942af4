import { AGENT_DEFAULT_GRACE_SECONDS, drainKillPolicy, gracePeriodSeconds } from '../../master/drain-rules';
import { applyRegistryOp, decodeRegistryOp, emptyRegistry, encodeRegistryOp, parseRegistry, serializeRegistry } from '../../master/registry/registry-state';

const s = (seconds: number) => ({ grace_period: { nanoseconds: seconds * 1e9 } });

describe('drainKillPolicy', () => {
  it.each([
    ['no cap keeps the task policy', s(10), undefined, s(10)],
    ['no cap, no policy: the agent default', undefined, undefined, undefined],
    ['cap above the task grace keeps it', s(10), 30, s(10)],
    ['cap below the task grace caps it', s(60), 30, s(30)],
    ['cap of 0 kills at once', s(60), 0, s(0)],
    ['no policy, cap below the default: the cap', undefined, 1, s(1)],
    ['no policy, cap above the default: the default stays', undefined, 30, undefined],
    ['no policy, cap equal to the default', undefined, AGENT_DEFAULT_GRACE_SECONDS, undefined],
  ])('%s', (_what, own, cap, expected) => {
    expect(drainKillPolicy(own, cap)).toEqual(expected);
  });
});

describe('gracePeriodSeconds', () => {
  it.each([
    [undefined, undefined],
    [null, undefined],
    [0, 0],
    [30e9, 30],
    ['1500000000', 1.5],
  ])('%p ns is %p s', (ns, seconds) => {
    expect(gracePeriodSeconds(ns as number | null | undefined, 'drain_agent.max_grace_period')).toBe(seconds);
  });
  it.each([
    [-1, 'drain_agent.max_grace_period.nanoseconds: must not be negative (got -1)'],
    ['soon', 'drain_agent.max_grace_period.nanoseconds: not a number'],
  ])('%p is refused naming the field', (ns, message) => {
    expect(() => gracePeriodSeconds(ns as number, 'drain_agent.max_grace_period')).toThrow(message);
  });
});

describe('registry: an agent operator state', () => {
  const admitted = () => {
    const state = emptyRegistry();
    applyRegistryOp(state, { op: 'admit_agent', id: 'a1', info: { hostname: 'h', port: 5051 }, since: 1 });
    return state;
  };
  const drain = { state: 'DRAINING' as const, markGone: false, since: 5, maxGracePeriodSeconds: 30 };

  it('is set, survives a re-admission, a snapshot and the log, and is cleared', () => {
    const state = admitted();
    expect(applyRegistryOp(state, { op: 'agent_operator_state', id: 'a1', deactivated: true, drain })).toBe(true);
    expect(applyRegistryOp(state, { op: 'agent_operator_state', id: 'a1', deactivated: true, drain })).toBe(false);
    applyRegistryOp(state, { op: 'admit_agent', id: 'a1', info: { hostname: 'h', port: 5052 }, since: 9 });
    expect(state.agents.get('a1')).toMatchObject({ deactivated: true, drain });
    const again = parseRegistry(serializeRegistry(state), 'test');
    expect(again.agents.get('a1')).toMatchObject({ deactivated: true, drain });
    const op = decodeRegistryOp(JSON.parse(JSON.stringify(encodeRegistryOp({ op: 'agent_operator_state', id: 'a1', deactivated: false }))));
    expect(op).toEqual({ op: 'agent_operator_state', id: 'a1', deactivated: false });
    expect(applyRegistryOp(again, op)).toBe(true);
    expect(again.agents.get('a1')?.deactivated).toBeUndefined();
    expect(again.agents.get('a1')?.drain).toBeUndefined();
  });

  it('changes nothing for an unknown or gone agent', () => {
    const state = admitted();
    expect(applyRegistryOp(state, { op: 'agent_operator_state', id: 'nope', deactivated: true })).toBe(false);
    applyRegistryOp(state, { op: 'agent_gone', id: 'a1', since: 2 });
    expect(applyRegistryOp(state, { op: 'agent_operator_state', id: 'a1', deactivated: true })).toBe(false);
  });
});
