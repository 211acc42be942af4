import { TaskState, pb } from '@meseta/proto/wire';
import { EndpointIndex, parseResumeToken } from '../../master/discovery/endpoint-index';
import { type DiscoveryInstance, discoveryInstance, dnsLabel, isServing } from '../../master/discovery/discovery-instance';
import { parseWatchQuery } from '../../master/discovery/http-watch';
import type { TaskRecord } from '../../master/state';

function inst(id: string, service = 'web', ip = '192.0.2.1'): DiscoveryInstance {
  const [frameworkId, taskId] = id.split('/');
  return { id, service, framework: 'fw', frameworkId, taskId, agentId: 'a', host: 'h', ip, ports: [{ number: 31000, name: 'http', protocol: 'tcp' }], visibility: 'CLUSTER' };
}

function record(over: Partial<TaskRecord> & { state?: number; healthy?: boolean; check?: boolean; discovery?: object; name?: string } = {}): TaskRecord {
  return {
    frameworkId: 'f1', agentId: 'a1', taskId: 't1', role: '*', kill: { phase: 'none' }, statuses: [],
    resources: [{ name: 'ports', type: pb.Value.Type.RANGES, ranges: { range: [{ begin: 31000, end: 31001 }] } }],
    task: {
      name: over.name ?? 'Web Server', state: over.state ?? TaskState.TASK_RUNNING,
      health_check: over.check ? { type: pb.HealthCheck.Type.COMMAND } : undefined,
      discovery: over.discovery,
    },
    latest: { state: over.state ?? TaskState.TASK_RUNNING, healthy: over.healthy },
  } as TaskRecord;
}

describe('discovery instances', () => {
  it.each<[string, string, string]>([
    ['lower case, other characters to one dash', 'My_App  v2', 'my-app-v2'],
    ['no dash at the ends', '--web--', 'web'],
    ['at most 63 characters', 'x'.repeat(70), 'x'.repeat(63)],
    ['nothing left', '***', ''],
  ])('dnsLabel: %s', (_n, text, label) => expect(dnsLabel(text)).toBe(label));

  it.each<[string, Parameters<typeof record>[0], boolean]>([
    ['running without a check', {}, true],
    ['staging', { state: TaskState.TASK_STAGING }, false],
    ['killing', { state: TaskState.TASK_KILLING }, false],
    ['running, check not run yet', { check: true }, false],
    ['running, check passing', { check: true, healthy: true }, true],
    ['running, check failing', { check: true, healthy: false }, false],
  ])('isServing: %s', (_n, over, serving) => expect(isServing(record(over))).toBe(serving));

  it('publishes the discovery name and ports, unnamed held ports after them', () => {
    const r = record({ discovery: { name: 'web', visibility: pb.DiscoveryInfo.Visibility.CLUSTER, ports: { ports: [{ number: 31001, name: 'http', protocol: 'tcp' }] } } });
    expect(discoveryInstance(r, { info: { hostname: 'node1', ip: '192.0.2.7' } }, { info: { name: 'Meseta Services' } })).toEqual({
      id: 'f1/t1', service: 'web', framework: 'meseta-services', frameworkId: 'f1', taskId: 't1', agentId: 'a1', host: 'node1', ip: '192.0.2.7',
      ports: [{ number: 31001, name: 'http', protocol: 'tcp' }, { number: 31000, name: '', protocol: 'tcp' }], visibility: 'CLUSTER',
    });
  });

  it('falls back to the task name, to the host name for the address, and to CLUSTER without DiscoveryInfo (as Mesos-DNS publishes every task)', () => {
    const i = discoveryInstance(record(), { info: { hostname: 'node1' } }, { info: { name: 'fw' } });
    expect([i?.service, i?.ip, i?.visibility]).toEqual(['web-server', 'node1', 'CLUSTER']);
  });

  it('publishes nothing for a framework whose name leaves no label', () => {
    expect(discoveryInstance(record(), undefined, { info: { name: '!!' } })).toBeUndefined();
  });
});

describe('endpoint index', () => {
  it('commits staged changes as one revision; no revision for nothing new', () => {
    const ix = new EndpointIndex('m1');
    ix.stage('f/1', inst('f/1'));
    ix.stage('f/2', inst('f/2'));
    expect(ix.commit()).toEqual({ revision: 1, added: [inst('f/1'), inst('f/2')], removed: [] });
    ix.stage('f/1', inst('f/1'));
    expect(ix.commit()).toBeUndefined();
    ix.stage('f/9', undefined);
    expect(ix.commit()).toBeUndefined();
    ix.stage('f/1', undefined);
    ix.stage('f/2', inst('f/2', 'web', '192.0.2.2'));
    expect(ix.commit()).toEqual({ revision: 2, added: [inst('f/2', 'web', '192.0.2.2')], removed: [{ id: 'f/1', service: 'web' }] });
    expect(ix.instances('web')).toEqual([inst('f/2', 'web', '192.0.2.2')]);
    expect(ix.services()).toEqual(['web']);
  });

  it('a service that loses its last instance is gone from the list', () => {
    const ix = new EndpointIndex('m1');
    ix.stage('f/1', inst('f/1', 'db'));
    ix.commit();
    ix.stage('f/1', undefined);
    ix.commit();
    expect(ix.services()).toEqual([]);
    expect(ix.size).toBe(0);
  });

  function filled(): EndpointIndex {
    const ix = new EndpointIndex('m1', { maxLog: 3 });
    for (let i = 1; i <= 5; i++) {
      ix.stage(`f/${i}`, inst(`f/${i}`, i % 2 ? 'web' : 'db'));
      ix.commit();
    }
    return ix; // revisions 1..5; log keeps 3..5
  }

  it.each<[string, string | undefined, string | undefined, string]>([
    ['a new watcher', 'web', undefined, 'snapshot:new watcher'],
    ['a token of another master', 'web', 'm2:5', 'snapshot:token from another master'],
    ['a token it never gave out', 'web', 'm1:9', 'snapshot:token newer than this master'],
    ['a token older than the log', 'web', 'm1:1', 'snapshot:token older than the kept changes'],
    ['garbage', 'web', 'nonsense', 'snapshot:token not understood'],
    ['a current token', 'web', 'm1:5', 'changes:'],
    ['a token two behind, one service', 'web', 'm1:3', 'changes:5'],
    ['a token two behind, all services', undefined, 'm1:3', 'changes:4,5'],
    ['the oldest token the log covers', 'db', 'm1:2', 'changes:4'],
  ])('resume: %s', (_n, service, token, want) => {
    const a = filled().resume(service, token);
    const got = a.kind === 'snapshot' ? `snapshot:${a.why}` : `changes:${a.changes.map((c) => c.revision).join(',')}`;
    expect(got).toBe(want);
  });

  it('a snapshot holds only the asked service', () => {
    const a = filled().resume('db', undefined);
    expect(a.kind === 'snapshot' && a.instances.map((i) => i.id)).toEqual(['f/2', 'f/4']);
  });

  it.each<[string, string, { leaderId: string; revision: number } | undefined]>([
    ['plain', 'abc:12', { leaderId: 'abc', revision: 12 }],
    ['colons in the id', 'a:b:3', { leaderId: 'a:b', revision: 3 }],
    ['no revision', 'abc:', undefined],
    ['negative', 'abc:-1', undefined],
    ['no id', ':4', undefined],
  ])('parseResumeToken: %s', (_n, token, want) => expect(parseResumeToken(token)).toEqual(want));
});

describe('watch query', () => {
  const q = (s: string, last?: string) => parseWatchQuery(new URL(`http://x/api/v1/discovery/watch${s}`), last);
  it.each<[string, string, string | undefined, unknown]>([
    ['one service', '?service=web', undefined, { service: 'web' }],
    ['all services from Last-Event-ID', '', 'm:3', { token: 'm:3' }],
    ['resume wins over Last-Event-ID', '?resume=m:4', 'm:3', { token: 'm:4' }],
    ['a service that is no label', '?service=Web', undefined, { error: 'service: "Web" is not a DNS label (1-63 of a-z, 0-9 and inner "-")' }],
    ['an empty framework', '?service=web&framework=', undefined, { error: 'framework: "" is not a DNS label (1-63 of a-z, 0-9 and inner "-")' }],
    ['an unknown parameter', '?service=web&x=1', undefined, { error: 'x: unknown parameter (service, framework, resume, visibility)' }],
    ['a huge token', `?resume=${'m'.repeat(300)}`, undefined, { error: 'resume: 300 characters, at most 200' }],
  ])('%s', (_n, s, last, want) => expect(q(s, last)).toEqual(want));
});
