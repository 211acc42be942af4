import { machineText, parseMachineArg, parseStart, scheduleJson, scheduleTable, statusRows, statusTable } from '../../cli/maintenance-views';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const NS = 1e9;

describe('parseMachineArg', () => {
  it.each([
    ['host1', { hostname: 'host1' }],
    ['192.0.2.1', { ip: '192.0.2.1' }],
    ['2001:db8::1', { ip: '2001:db8::1' }],
    ['host1@192.0.2.1', { hostname: 'host1', ip: '192.0.2.1' }],
  ])('%s', (text, machine) => {
    expect(parseMachineArg(text)).toEqual(machine);
  });

  it.each([
    ['', /a machine is a hostname, an IP, or hostname@ip/],
    ['host1@nope', /"host1@nope": write a machine as hostname@ip with a valid IP/],
    ['@192.0.2.1', /write a machine as hostname@ip/],
  ])('refuses %p', (text, message) => {
    expect(() => parseMachineArg(text)).toThrow(message);
  });
});

describe('parseStart', () => {
  it.each([
    ['now', NOW / 1000],
    ['+30m', NOW / 1000 + 1800],
    ['2h', NOW / 1000 + 7200],
    ['2026-12-06T14:00:00Z', Date.parse('2026-12-06T14:00:00Z') / 1000],
  ])('%s', (text, seconds) => {
    expect(parseStart(text, NOW)).toBe(seconds);
  });

  it('refuses what it cannot read, naming the flag', () => {
    expect(() => parseStart('soonish', NOW)).toThrow(/^--start: "soonish" is not now, a delay \(\+30m, 2h\) or a time/);
  });
});

describe('tables', () => {
  const schedule = {
    windows: [
      { machine_ids: [{ hostname: 'a' }, { hostname: 'b', ip: '192.0.2.2' }], unavailability: { start: { nanoseconds: (NOW / 1000 + 600) * NS }, duration: { nanoseconds: 3600 * NS } } },
      { machine_ids: [{ ip: '192.0.2.9' }], unavailability: { start: { nanoseconds: (NOW / 1000 - 120) * NS } } },
    ],
  };

  it('the schedule: windows with human times', () => {
    const lines = scheduleTable(schedule, NOW).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^WINDOW\s+MACHINES\s+STARTS\s+DURATION$/);
    expect(lines[1]).toMatch(/^0\s+a, b \(192\.0\.2\.2\)\s+in 10m \(2026-12-06T12:10:00Z\)\s+1h$/);
    expect(lines[2]).toMatch(/^1\s+192\.0\.2\.9\s+2m ago \(2026-12-06T11:58:00Z\)\s+open-ended$/);
    expect(scheduleTable({ windows: [] }, NOW)).toBe('no maintenance scheduled\n');
    expect(scheduleJson(schedule).windows[1]).toEqual({ machines: [{ ip: '192.0.2.9' }], start: '2026-12-06T11:58:00.000Z', start_seconds: NOW / 1000 - 120, duration_seconds: null });
  });

  it('the status: modes, counts of answers, then each answer', () => {
    const rows = statusRows([
      {
        info: { id: { hostname: 'a' }, mode: 2, unavailability: schedule.windows[0]!.unavailability },
        agent_ids: [{ value: 'agent-1' }],
        statuses: [
          { status: 2, framework_id: { value: 'fw-1' }, timestamp: { nanoseconds: (NOW / 1000 - 5) * NS } },
          { status: 1, framework_id: { value: 'fw-2' }, timestamp: { nanoseconds: (NOW / 1000 - 9) * NS } },
        ],
      },
      { info: { id: { ip: '192.0.2.9' }, mode: 3, unavailability: schedule.windows[1]!.unavailability }, down_since: NOW / 1000 - 60 },
    ]);
    expect(rows[0]!.answers.map((a) => a.answer)).toEqual(['ACCEPT', 'NOT ANSWERED']);
    expect(rows[1]).toMatchObject({ mode: 'DOWN', agents: [], down_since: '2026-12-06T11:59:00.000Z' });
    const text = statusTable(rows, NOW);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^MACHINE\s+MODE\s+WINDOW\s+AGENTS\s+ACCEPTED\s+DECLINED\s+NOT ANSWERED$/);
    expect(lines[1]).toMatch(/^a\s+DRAINING\s+in 10m, for 1h\s+1\s+1\s+0\s+1$/);
    expect(lines[2]).toMatch(/^192\.0\.2\.9\s+DOWN 1m ago\s+2m ago, open-ended\s+0\s+0\s+0\s+0$/);
    expect(text).toMatch(/\na\s+fw-1\s+ACCEPT\s+5s ago\n/);
    expect(text).toMatch(/\na\s+fw-2\s+NOT ANSWERED\s+-\n/);
    expect(statusTable([], NOW)).toBe('no machine is scheduled for maintenance or DOWN\n');
    expect(machineText({ hostname: 'a', ip: '192.0.2.1' })).toBe('a (192.0.2.1)');
  });
});
