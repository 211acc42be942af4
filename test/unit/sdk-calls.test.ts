import { CallType, OperationType, pb } from '@meseta/proto/wire';
import {
  backoffDelayMs,
  compileAccept,
  compileAcknowledge,
  compileDecline,
  compileFrameworkInfo,
  compileKill,
  compileLaunchGroup,
  compileSubscribe,
  stampCall,
  type FrameworkOptions,
} from '@meseta/sdk';
import { RecentUpdates } from '@meseta/sdk/recent-updates';

const Capability = pb.FrameworkInfo.Capability.Type;

describe('compileFrameworkInfo', () => {
  it('fills the documented defaults', () => {
    const info = compileFrameworkInfo({ name: 'hello', user: 'alice', hostname: 'box' });
    expect(info).toEqual({
      name: 'hello',
      user: 'alice',
      hostname: 'box',
      failover_timeout: 0,
      checkpoint: false,
      roles: ['*'],
      capabilities: [{ type: Capability.MULTI_ROLE }, { type: Capability.TASK_KILLING_STATE }, { type: Capability.PARTITION_AWARE }],
    });
  });

  it('defaults the user to the current unix user', () => {
    expect(compileFrameworkInfo({ name: 'x' }).user).toBeTruthy();
  });

  it('sets no offer filters unless asked', () => {
    expect(compileFrameworkInfo({ name: 'x', minAllocatable: {} })).not.toHaveProperty('offer_filters');
  });

  it.each<[string, Partial<FrameworkOptions>, Record<string, unknown>]>([
    ['resume id', { id: 'fw-7' }, { id: { value: 'fw-7' } }],
    ['failover timeout', { failoverTimeoutSeconds: 3600 }, { failover_timeout: 3600 }],
    ['several roles', { roles: ['web', 'batch'] }, { roles: ['web', 'batch'] }],
    ['one role without MULTI_ROLE goes to the legacy field', { roles: ['web'], capabilities: ['TASK_KILLING_STATE'] }, { role: 'web' }],
    ['principal and web UI', { principal: 'p', webuiUrl: 'http://127.0.0.1:8080' }, { principal: 'p', webui_url: 'http://127.0.0.1:8080' }],
    ['labels', { labels: { team: 'search' } }, { labels: { labels: [{ key: 'team', value: 'search' }] } }],
    ['checkpointing', { checkpoint: true }, { checkpoint: true }],
    [
      'offer filters: sets of minimum quantities per role',
      { roles: ['web'], minAllocatable: { web: [{ cpus: 1, mem: 256 }, { disk: 1024 }] } },
      { offer_filters: { web: { min_allocatable_resources: { quantities: [{ quantities: { cpus: { value: 1 }, mem: { value: 256 } } }, { quantities: { disk: { value: 1024 } } }] } } } },
    ],
    ['offer filters: an empty list takes anything', { minAllocatable: { '*': [] } }, { offer_filters: { '*': { min_allocatable_resources: { quantities: [] } } } }],
  ])('compiles %s', (_name, options, expected) => {
    expect(compileFrameworkInfo({ name: 'x', ...options })).toMatchObject(expected);
  });

  it.each<[string, FrameworkOptions, string]>([
    ['a missing name', { name: '' }, 'framework.name: required'],
    ['several roles without MULTI_ROLE', { name: 'x', roles: ['a', 'b'], capabilities: [] }, '2 roles need the MULTI_ROLE capability'],
    ['an unknown capability', { name: 'x', capabilities: ['TELEPORT' as never] }, 'unknown capability "TELEPORT"'],
    ['offer filters for a role it does not have', { name: 'x', roles: ['web'], minAllocatable: { db: [{ cpus: 1 }] } }, 'framework.minAllocatable["db"]: "db" is not one of the framework\'s roles (web)'],
    ['an offer filter set naming nothing', { name: 'x', minAllocatable: { '*': [{}] } }, 'framework.minAllocatable["*"][0]: names no resource'],
    ['a negative minimum', { name: 'x', minAllocatable: { '*': [{ cpus: 1 }, { mem: -1 }] } }, 'framework.minAllocatable["*"][1].mem: must be a finite number, zero or more, got -1'],
  ])('rejects %s', (_name, options, error) => {
    expect(() => compileFrameworkInfo(options)).toThrow(error);
  });
});

describe('call compilation', () => {
  it('SUBSCRIBE carries the framework id when resuming', () => {
    expect(compileSubscribe({ name: 'x', id: { value: 'fw-1' } })).toEqual({
      type: CallType.SUBSCRIBE,
      framework_id: { value: 'fw-1' },
      subscribe: { framework_info: { name: 'x', id: { value: 'fw-1' } } },
    });
    expect(compileSubscribe({ name: 'x' }).framework_id).toBeUndefined();
  });

  it('stamps framework id and stream id without changing the call', () => {
    const call = compileDecline(['o1']);
    expect(stampCall(call, { frameworkId: 'fw', streamId: 's' })).toEqual({ ...call, framework_id: { value: 'fw' }, stream_id: 's' });
    expect(call.framework_id).toBeUndefined();
  });

  it.each<[string, () => unknown, string]>([
    ['ACCEPT without offers', () => compileAccept([], []), 'accept.offer_ids: required'],
    ['DECLINE without offers', () => compileDecline([]), 'decline.offer_ids: required'],
    ['a negative refuse time', () => compileDecline(['o'], { refuseSeconds: -1 }), 'filters.refuseSeconds: must be >= 0'],
    ['KILL without a task', () => compileKill(''), 'kill.task_id: required'],
    ['a negative grace period', () => compileKill('t', undefined, -2), 'grace_period: must be >= 0'],
  ])('refuses %s', (_name, compile, error) => {
    expect(compile).toThrow(error);
  });

  it('leaves filters out so that the master applies its default', () => {
    expect(compileDecline(['o']).decline?.filters).toBeUndefined();
    expect(compileDecline(['o'], { refuseSeconds: 0 }).decline?.filters).toEqual({ refuse_seconds: 0 });
  });

  it('LAUNCH_GROUP wraps the tasks in a task group under the executor', () => {
    expect(compileLaunchGroup({ executor_id: { value: 'e' } }, [{ name: 'a' }, { name: 'b' }])).toEqual({
      type: OperationType.LAUNCH_GROUP,
      launch_group: { executor: { executor_id: { value: 'e' } }, task_group: { tasks: [{ name: 'a' }, { name: 'b' }] } },
    });
  });

  it('ACKNOWLEDGE batches many updates and skips those without uuid', () => {
    const u = new Uint8Array(16).fill(1);
    const call = compileAcknowledge([
      { task_id: { value: 't1' }, agent_id: { value: 'a1' }, uuid: u },
      { task_id: { value: 't2' }, agent_id: { value: 'a1' } },
      { task_id: { value: 't3' }, agent_id: { value: 'a2' }, uuid: new Uint8Array(0) },
    ]);
    expect(call).toEqual({
      type: CallType.ACKNOWLEDGE,
      acknowledgements: [{ task_id: { value: 't1' }, agent_id: { value: 'a1' }, uuid: u }],
    });
  });
});

describe('backoffDelayMs', () => {
  it.each<[number, number, number]>([
    // attempt, random, expected (initial 250, max 10000)
    [0, 0, 125],
    [0, 0.999999, 250],
    [1, 0, 250],
    [3, 1, 2000],
    [5, 0.5, 6000],
    [6, 1, 10000],
    [40, 0, 5000],
  ])('attempt %i with jitter %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, 250, 10_000, random)).toBe(expected);
  });
});

describe('RecentUpdates', () => {
  it('tracks new, pending and acknowledged uuids', () => {
    const recent = new RecentUpdates();
    expect(recent.lookup('a')).toBe('new');
    recent.remember('a');
    expect(recent.lookup('a')).toBe('pending');
    recent.markAcknowledged('a');
    expect(recent.lookup('a')).toBe('acknowledged');
    recent.forget('a');
    expect(recent.lookup('a')).toBe('new');
  });

  it('forgets the least recently seen uuid beyond its capacity', () => {
    const recent = new RecentUpdates(2);
    recent.remember('a');
    recent.remember('b');
    recent.lookup('a'); // a is now more recent than b
    recent.remember('c');
    expect(recent.size).toBe(2);
    expect([recent.lookup('a'), recent.lookup('b'), recent.lookup('c')]).toEqual(['pending', 'new', 'pending']);
  });
});
