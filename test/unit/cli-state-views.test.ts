import type { ClusterStateJson } from '../../cli/state-json';
import { agentAddress, agentsView, formatAge, formatPorts, frameworksView, tasksView } from '../../cli/state-views';
import { formatTable } from '../../cli/table';
import { scalar } from '@meseta/proto/resources';
import type { ClusterState } from '@meseta/proto/wire';
import { JSON_OPTIONS, pb, TaskState } from '@meseta/proto/wire';

const NOW = 1_800_000_000;

// Written as the master builds it; the views read it as /state serves it.
const PROTO_STATE: ClusterState = {
  agents: [
    {
      agent_info: { id: { value: 'A1' }, hostname: 'host-a', port: 5051, resources: [scalar('cpus', 2), scalar('mem', 2048)] },
      address: { ip: '127.0.0.1', port: 5051 },
      status: pb.AgentState.Status.ACTIVE,
      total_resources: [scalar('cpus', 2), scalar('mem', 2048), scalar('disk', 100)],
      allocated_resources: [scalar('cpus', 0.1 + 0.2), scalar('mem', 64)],
    },
    {
      agent_info: { id: { value: 'A2' }, hostname: 'host-b', port: 5052 },
      status: pb.AgentState.Status.GONE,
    },
  ],
  frameworks: [
    {
      framework_info: { id: { value: 'F1' }, name: 'web', roles: ['prod', 'dev'] },
      active: true,
      allocated_resources: [scalar('cpus', 0.3), scalar('mem', 64)],
      dominant_share: 0.15,
    },
    { framework_info: { id: { value: 'F2' }, name: 'batch', role: 'etl' }, active: false, connected: false },
  ],
  completed_frameworks: [{ framework_info: { id: { value: 'F0' }, name: 'old' } }],
  tasks: [
    {
      task_id: { value: 'T1' }, name: 'web-1', framework_id: { value: 'F1' }, agent_id: { value: 'A1' },
      state: TaskState.TASK_RUNNING,
      resources: [scalar('cpus', 0.1), scalar('mem', 32), { name: 'ports', type: pb.Value.Type.RANGES, ranges: { range: [{ begin: 31000, end: 31000 }, { begin: 31002, end: 31004 }] } }],
      statuses: [
        { task_id: { value: 'T1' }, state: TaskState.TASK_STARTING, timestamp: NOW - 3 * 3600 - 300 },
        { task_id: { value: 'T1' }, state: TaskState.TASK_RUNNING, timestamp: NOW - 3 * 3600, message: 'health check\npassed' },
      ],
    },
    {
      task_id: { value: 'T2' }, name: 'web-2', framework_id: { value: 'F1' }, agent_id: { value: 'A1' },
      state: TaskState.TASK_STAGING, resources: [scalar('cpus', 0.2), scalar('mem', 32)],
    },
  ],
  completed_tasks: [
    { task_id: { value: 'T0' }, name: 'once', framework_id: { value: 'F0' }, agent_id: { value: 'A1' }, state: TaskState.TASK_FINISHED },
  ],
};
const STATE = pb.ClusterState.toObject(pb.ClusterState.fromObject(PROTO_STATE), JSON_OPTIONS) as ClusterStateJson;

describe('agentsView', () => {
  it('shows each live agent with used/total resources and its running tasks', () => {
    expect(formatTable(...viewArgs(agentsView(STATE)))).toBe(
      [
        'ID  HOSTNAME  ADDRESS         STATE    CPUS      MEM   DISK  TASKS',
        'A1  host-a    127.0.0.1:5051  ACTIVE  0.3/2  64/2048  0/100      2',
      ].join('\n'),
    );
  });

  it('includes gone agents with --all, taking totals from the agent info when the state has none', () => {
    const rows = agentsView(STATE, { all: true }).rows;
    expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ['A1', '127.0.0.1:5051', 'ACTIVE', '0.3/2'],
      ['A2', 'host-b:5052', 'GONE', '0/0'],
    ]);
  });

  it('says so when there are no agents', () => {
    expect(agentsView({}).rows).toEqual([]);
    expect(agentsView({}).empty).toBe('no agents');
  });
});

describe('agentAddress', () => {
  it.each<[string, Parameters<typeof agentAddress>[0], string]>([
    ['prefers the address the agent registered from', { address: { ip: '127.0.0.1', port: 1 }, agent_info: { hostname: 'h', port: 2 } }, '127.0.0.1:1'],
    ['falls back to the hostname and port of the agent info', { agent_info: { hostname: 'h', port: 2 } }, 'h:2'],
    ['shows only the host when no port is known', { agent_info: { hostname: 'h', port: 0 } }, 'h'],
    ['takes the contract\'s default port when the agent info has none', { agent_info: { hostname: 'h' } }, 'h:5051'],
  ])('%s', (_name, agent, expected) => {
    expect(agentAddress(agent)).toBe(expected);
  });
});

describe('frameworksView', () => {
  it('shows roles, activity, live task count, allocation and dominant share', () => {
    expect(formatTable(...viewArgs(frameworksView(STATE)))).toBe(
      [
        'ID  NAME   ROLES     ACTIVE        TASKS  CPUS  MEM  SHARE',
        'F1  web    prod,dev  yes               2   0.3   64  15.0%',
        'F2  batch  etl       disconnected      0     0    0   0.0%',
      ].join('\n'),
    );
  });

  it('adds completed frameworks with --all', () => {
    const rows = frameworksView(STATE, { all: true }).rows;
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['F1', 'prod,dev', 'yes'],
      ['F2', 'etl', 'disconnected'],
      ['F0', '*', 'completed'],
    ]);
  });
});

describe('the views read absent fields as the contract\'s defaults', () => {
  it.each<[string, () => string[], string[]]>([
    ['an agent without a status is ACTIVE', () => agentsView({ agents: [{ agent_info: { id: { value: 'A' } } }] }).rows[0].slice(3, 4), ['ACTIVE']],
    ['a task without a state is TASK_STARTING', () => tasksView({ tasks: [{ task_id: { value: 'T' } }] }).rows[0].slice(5, 6), ['TASK_STARTING']],
    [
      'an inactive framework without `connected` is disconnected',
      () => frameworksView({ frameworks: [{ framework_info: { id: { value: 'F' } } }] }).rows[0].slice(3, 4),
      ['disconnected'],
    ],
    [
      'an inactive framework still connected is shown as not active',
      () => frameworksView({ frameworks: [{ framework_info: { id: { value: 'F' } }, connected: true }] }).rows[0].slice(3, 4),
      ['no'],
    ],
  ])('%s', (_name, cells, expected) => {
    expect(cells()).toEqual(expected);
  });
});

describe('tasksView', () => {
  it('shows running tasks only by default, with framework names, host:port, ports, age and the last message', () => {
    expect(formatTable(...viewArgs(tasksView(STATE, {}, NOW)))).toBe(
      [
        'ID  NAME   FRAMEWORK  HOST:PORT     PORTS              STATE          AGE  CPUS  MEM  MESSAGE',
        'T1  web-1  web        host-a:31000  31000,31002-31004  TASK_RUNNING  3h5m   0.1   32  health check passed',
        'T2  web-2  web        host-a                           TASK_STAGING         0.2   32',
      ].join('\n'),
    );
  });

  it('adds completed tasks with --all', () => {
    expect(tasksView(STATE, { all: true }, NOW).rows.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['T1', 'web', 'TASK_RUNNING'],
      ['T2', 'web', 'TASK_STAGING'],
      ['T0', 'old', 'TASK_FINISHED'],
    ]);
  });

  it('points at --all when nothing runs', () => {
    expect(tasksView({}).empty).toBe('no running tasks (--all shows completed ones)');
  });

  it('shortens ids it has no name for', () => {
    const row = tasksView({ tasks: [{ task_id: { value: 'T' }, framework_id: { value: '0123456789abcdef-f' }, agent_id: { value: 'fedcba9876543210-a' } }] }).rows[0];
    expect(row.slice(2, 4)).toEqual(['01234567…', 'fedcba98…']);
  });
});

describe('ages and ports read as people write them', () => {
  it.each<[number, string]>([
    [0, '0s'], [59.9, '59s'], [60, '1m'], [3599, '59m'], [3600, '1h'], [3 * 3600 + 300, '3h5m'], [11 * 3600 + 600, '11h'], [86400 * 4 + 5, '4d'], [-5, '0s'],
  ])('%s seconds is %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });

  it.each<[number[], string]>([
    [[], ''], [[80], '80'], [[31000, 31001, 31002], '31000-31002'], [[1, 3, 4, 9], '1,3-4,9'],
  ])('%j is %s', (ports, text) => {
    expect(formatPorts(ports)).toBe(text);
  });
});

function viewArgs(view: ReturnType<typeof agentsView>): Parameters<typeof formatTable> {
  return [view.columns, view.rows];
}
