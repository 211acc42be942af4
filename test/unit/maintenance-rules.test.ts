import {
  MaintenanceInputError, agentMachineKeys, bringDown, bringUp, checkMachineList, checkSchedule, machineKey, machineLabel, modeOf, parseMachine, scheduleToWire,
  type MaintenanceScheduleSpec, type ScheduleInput,
} from '../../master/maintenance-rules';
import { applyRegistryOp, decodeRegistryOp, emptyRegistry, encodeRegistryOp, parseRegistry, serializeRegistry } from '../../master/registry/registry-state';

const NS = 1e9;
const window = (machines: Array<{ hostname?: string; ip?: string }>, start = 1000, duration?: number) => ({
  machine_ids: machines,
  unavailability: { start: { nanoseconds: start * NS }, ...(duration !== undefined ? { duration: { nanoseconds: duration * NS } } : {}) },
});
const F = 'update_maintenance_schedule.schedule';

describe('checkSchedule refuses, naming the field', () => {
  it.each<[string, ScheduleInput, RegExp, string[]]>([
    ['a window without machines', { windows: [window([])] }, /^update_maintenance_schedule\.schedule\.windows\[0\]\.machine_ids: a window needs at least one machine$/, []],
    ['a window without unavailability', { windows: [{ machine_ids: [{ hostname: 'a' }] }] }, /windows\[0\]\.unavailability: required/, []],
    ['an unavailability without start', { windows: [{ machine_ids: [{ hostname: 'a' }], unavailability: { duration: { nanoseconds: 1 } } }] }, /windows\[0\]\.unavailability\.start\.nanoseconds: required/, []],
    ['a negative duration', { windows: [window([{ hostname: 'a' }], 10, -1)] }, /windows\[0\]\.unavailability\.duration\.nanoseconds: must be zero or more nanoseconds, got -1000000000/, []],
    ['a machine with neither hostname nor ip', { windows: [window([{}])] }, /windows\[0\]\.machine_ids\[0\]: a machine needs a hostname or an ip/, []],
    ['a malformed ip', { windows: [window([{ hostname: 'a', ip: '192.0.2.300' }])] }, /machine_ids\[0\]\.ip: "192\.0\.2\.300" is not an IPv4 or IPv6 address/, []],
    ['a hostname with a space', { windows: [window([{ hostname: 'a b' }])] }, /machine_ids\[0\]\.hostname: "a b" is not a hostname/, []],
    ['a machine in two windows', { windows: [window([{ hostname: 'a' }]), window([{ hostname: 'b' }, { hostname: 'A' }])] }, /windows\[1\]\.machine_ids\[1\]: machine a is already in update_maintenance_schedule\.schedule\.windows\[0\]\.machine_ids\[0\]; a machine may be in one window only/, []],
    ['a machine twice in one window', { windows: [window([{ ip: '192.0.2.1' }, { ip: '192.0.2.1' }])] }, /machine_ids\[1\]: machine 192\.0\.2\.1 is already in/, []],
    ['overlapping windows (hostname alone vs hostname and ip)', { windows: [window([{ hostname: 'a', ip: '192.0.2.1' }]), window([{ hostname: 'a' }])] }, /windows\[1\]\.machine_ids\[0\]: machine a overlaps machine a \(192\.0\.2\.1\) at .*windows\[0\]\.machine_ids\[0\]: an agent there would be in two windows/, []],
    ['overlapping windows (ip alone vs hostname and ip)', { windows: [window([{ ip: '192.0.2.1' }, { hostname: 'a', ip: '192.0.2.1' }])] }, /machine 192\.0\.2\.1 overlaps machine a \(192\.0\.2\.1\)/, []],
    ['a DOWN machine left out', { windows: [window([{ hostname: 'b' }])] }, /schedule: machine a is DOWN and must stay in the schedule; bring it UP first \(STOP_MAINTENANCE\)/, ['a|']],
  ])('%s', (_what, input, message, down) => {
    expect(() => checkSchedule(input, F, new Set(down))).toThrow(MaintenanceInputError);
    expect(() => checkSchedule(input, F, new Set(down))).toThrow(message);
  });
});

describe('checkSchedule accepts', () => {
  it.each<[string, ScheduleInput, MaintenanceScheduleSpec]>([
    ['no schedule (cancels every window)', {}, { windows: [] }],
    ['an empty schedule', { windows: [] }, { windows: [] }],
    ['hostnames lowercased, open-ended window', { windows: [window([{ hostname: 'Host-1' }], 5)] }, { windows: [{ machines: [{ hostname: 'host-1', ip: '' }], startSeconds: 5 }] }],
    ['a start in the past, zero duration', { windows: [window([{ ip: '192.0.2.7' }], 0, 0)] }, { windows: [{ machines: [{ hostname: '', ip: '192.0.2.7' }], startSeconds: 0, durationSeconds: 0 }] }],
    ['the same hostname at two ips', { windows: [window([{ hostname: 'a', ip: '192.0.2.1' }]), window([{ hostname: 'a', ip: '192.0.2.2' }], 9, 60)] }, {
      windows: [{ machines: [{ hostname: 'a', ip: '192.0.2.1' }], startSeconds: 1000 }, { machines: [{ hostname: 'a', ip: '192.0.2.2' }], startSeconds: 9, durationSeconds: 60 }],
    }],
  ])('%s', (_what, input, expected) => {
    expect(checkSchedule(input, F)).toEqual(expected);
  });

  it('keeps a DOWN machine that stays', () => {
    expect(checkSchedule({ windows: [window([{ hostname: 'a' }])] }, F, new Set(['a|'])).windows).toHaveLength(1);
  });

  it('writes back what it read (nanoseconds)', () => {
    const input = { windows: [window([{ hostname: 'a', ip: '192.0.2.1' }], 1700000000, 3600)] };
    expect(scheduleToWire(checkSchedule(input, F))).toEqual(input);
  });
});

describe('checkMachineList', () => {
  it.each<[string, unknown, RegExp]>([
    ['no list', undefined, /^start_maintenance\.machines: required: at least one machine/],
    ['an empty list', [], /^start_maintenance\.machines: required/],
    ['a machine twice', [{ hostname: 'a' }, { hostname: 'A' }], /start_maintenance\.machines\[1\]: machine a is listed twice/],
    ['an empty machine', [{ hostname: '' }], /start_maintenance\.machines\[0\]: a machine needs a hostname or an ip/],
  ])('refuses %s', (_what, input, message) => {
    expect(() => checkMachineList(input as never, 'start_maintenance.machines')).toThrow(message);
  });
});

describe('modes: UP → DRAINING (scheduled) → DOWN → UP', () => {
  const schedule = checkSchedule({ windows: [window([{ hostname: 'a' }, { hostname: 'b' }]), window([{ ip: '192.0.2.9' }])] }, F);
  const a = parseMachine({ hostname: 'a' }, 'm');
  const b = parseMachine({ hostname: 'b' }, 'm');
  const c = parseMachine({ hostname: 'c' }, 'm');
  const ip = parseMachine({ ip: '192.0.2.9' }, 'm');

  it.each([
    ['scheduled, not down', 'a|', new Set<string>(), 'DRAINING'],
    ['down', 'a|', new Set(['a|']), 'DOWN'],
    ['not scheduled', 'c|', new Set<string>(), 'UP'],
  ])('%s', (_what, key, down, mode) => {
    expect(modeOf(key, new Set(['a|', 'b|']), down)).toBe(mode);
  });

  it('DOWN: a DRAINING machine goes down; UP or DOWN ones are refused by name', () => {
    expect([...bringDown([a, ip], schedule, new Set(), 'start_maintenance.machines')]).toEqual(['a|', '|192.0.2.9']);
    expect(() => bringDown([c], schedule, new Set(), 'start_maintenance.machines')).toThrow(/^start_maintenance\.machines\[0\]: machine c is not in the maintenance schedule; schedule it first/);
    expect(() => bringDown([b, a], schedule, new Set(['a|']), 'start_maintenance.machines')).toThrow(/^start_maintenance\.machines\[1\]: machine a is already DOWN$/);
  });

  it('UP: a DOWN machine leaves the schedule (an emptied window goes); DRAINING or UP ones are refused by name', () => {
    const up = bringUp([ip], schedule, new Set(['|192.0.2.9', 'a|']), 'stop_maintenance.machines');
    expect(up.down).toEqual(new Set(['a|']));
    expect(up.schedule.windows).toHaveLength(1);
    expect(up.schedule.windows[0]!.machines.map(machineLabel)).toEqual(['a', 'b']);
    const up2 = bringUp([a], schedule, new Set(['a|']), 'stop_maintenance.machines');
    expect(up2.schedule.windows[0]!.machines.map(machineLabel)).toEqual(['b']);
    expect(() => bringUp([b], schedule, new Set(), 'stop_maintenance.machines')).toThrow(/^stop_maintenance\.machines\[0\]: machine b is DRAINING, not DOWN; only DOWN machines are brought UP \(to cancel its window, update the schedule without it\)$/);
    expect(() => bringUp([c], schedule, new Set(), 'stop_maintenance.machines')).toThrow(/machine c is UP, not DOWN/);
  });
});

describe('an agent matches its machine', () => {
  it.each([
    ['hostname and ip', 'Host', '192.0.2.1', ['host|192.0.2.1', 'host|', '|192.0.2.1']],
    ['hostname only', 'host', '', ['host|']],
    ['ip only', undefined, '192.0.2.1', ['|192.0.2.1']],
    ['neither', '', undefined, []],
  ])('%s', (_what, hostname, ip, keys) => {
    expect(agentMachineKeys(hostname, ip)).toEqual(keys);
  });

  it('keys and labels', () => {
    expect(machineKey({ hostname: 'a', ip: '192.0.2.1' })).toBe('a|192.0.2.1');
    expect(machineLabel({ hostname: 'a', ip: '192.0.2.1' })).toBe('a (192.0.2.1)');
    expect(machineLabel({ hostname: '', ip: '192.0.2.1' })).toBe('192.0.2.1');
  });
});

describe('the registry keeps maintenance', () => {
  const maintenance = { schedule: { windows: [{ machines: [{ hostname: 'a', ip: '' }], startSeconds: 10, durationSeconds: 60 }] }, down: [{ hostname: 'a', ip: '', since: 20 }] };

  it('applies, serialises and parses it; an empty one is removed', () => {
    const state = emptyRegistry();
    expect(applyRegistryOp(state, { op: 'update_maintenance', maintenance })).toBe(true);
    expect(applyRegistryOp(state, { op: 'update_maintenance', maintenance })).toBe(false);
    expect(parseRegistry(serializeRegistry(state), 'test').maintenance).toEqual(maintenance);
    expect(applyRegistryOp(state, { op: 'update_maintenance', maintenance: { schedule: { windows: [] }, down: [] } })).toBe(true);
    expect(state.maintenance).toBeUndefined();
    expect(parseRegistry(serializeRegistry(state), 'test').maintenance).toBeUndefined();
  });

  it('logs the op and reads it back; a bad record is refused naming it', () => {
    const op = { op: 'update_maintenance' as const, maintenance };
    expect(decodeRegistryOp(JSON.parse(JSON.stringify(encodeRegistryOp(op))))).toEqual(op);
    expect(() => decodeRegistryOp({ op: 'update_maintenance', maintenance: { schedule: { windows: [{ machines: [{ hostname: 1 }], startSeconds: 1 }] } } })).toThrow(/not a machine/);
  });
});
