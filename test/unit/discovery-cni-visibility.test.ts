/**
 * Discovery of tasks on CNI networks (their own address and container
 * ports) and DiscoveryInfo.visibility (who may find an endpoint), as
 * tables: pure functions only.
 */
import { TaskState, pb, type TaskStatus } from '@meseta/proto/wire';
import { discoveryInstance, type DiscoveryInstance } from '../../master/discovery/discovery-instance';
import { DnsZone } from '../../master/discovery/dns-zone';
import { parseWatchQuery } from '../../master/discovery/http-watch';
import { containerPort, taskNetwork } from '../../master/discovery/task-address';
import { audienceSees, type Audience } from '../../master/discovery/visibility';
import { openWatch, watchAudience, type WatchEvent } from '../../master/discovery/watch-session';
import { EndpointIndex } from '../../master/discovery/endpoint-index';
import type { TaskRecord } from '../../master/state';
import { cniAddress } from '../../agent/health-checker';

const cniStatus = (ip: string, mappings: Array<[number, number, string?]> = [], name = 'net1'): TaskStatus => ({
  state: TaskState.TASK_RUNNING,
  container_status: {
    network_infos: [{ name, ip_addresses: [{ protocol: 1, ip_address: ip }], port_mappings: mappings.map(([host_port, container_port, protocol]) => ({ host_port, container_port, protocol: protocol ?? 'tcp' })) }],
  },
});

function record(statuses: TaskStatus[], latest: TaskStatus | undefined, discovery?: object, held: [number, number] = [31000, 31001]): TaskRecord {
  return {
    frameworkId: 'f1', agentId: 'a1', taskId: 't1', role: '*', kill: { phase: 'none' }, statuses,
    resources: [{ name: 'ports', type: pb.Value.Type.RANGES, ranges: { range: [{ begin: held[0], end: held[1] }] } }],
    task: { name: 'web', state: TaskState.TASK_RUNNING, discovery },
    latest: latest ?? { state: TaskState.TASK_RUNNING },
  } as TaskRecord;
}

const AGENT = { info: { hostname: 'node1', ip: '192.0.2.7' } };
const FRAMEWORK = { info: { name: 'shop' } };

describe('task address', () => {
  it.each<[string, TaskStatus[], TaskStatus | undefined, string | undefined]>([
    ['no CNI network', [{ state: TaskState.TASK_RUNNING }], undefined, undefined],
    ['the latest status', [], cniStatus('169.254.200.5'), '169.254.200.5'],
    ['an older status when the latest has none (after an agent restart)', [cniStatus('169.254.200.6')], { state: TaskState.TASK_RUNNING }, '169.254.200.6'],
    ['the newest of several', [cniStatus('169.254.200.6'), cniStatus('169.254.200.9')], undefined, '169.254.200.9'],
    ['IPv4 before IPv6', [{ state: TaskState.TASK_RUNNING, container_status: { network_infos: [{ name: 'n', ip_addresses: [{ ip_address: 'fe80::1' }, { ip_address: '169.254.200.3' }] }] } }], undefined, '169.254.200.3'],
    ['a network without a name (host/none) is none', [{ state: TaskState.TASK_RUNNING, container_status: { network_infos: [{ ip_addresses: [{ ip_address: '169.254.200.3' }] }] } }], undefined, undefined],
  ])('%s', (_n, statuses, latest, ip) => expect(taskNetwork(statuses, latest)?.ip).toBe(ip));

  it.each<[string, number, string, number]>([
    ['a mapped host port becomes its container port', 8080, 'tcp', 80],
    ['the protocol must match', 8080, 'udp', 8080],
    ['an unmapped port stays', 9000, 'tcp', 9000],
    ['a mapped udp port', 5353, 'UDP', 53],
  ])('containerPort: %s', (_n, port, protocol, want) => {
    const network = taskNetwork([cniStatus('169.254.200.5', [[8080, 80], [5353, 53, 'udp']])])!;
    expect(containerPort(network, port, protocol)).toBe(want);
  });
});

describe('discovery instances of CNI tasks', () => {
  it.each<[string, TaskRecord, string, Array<[number, string, string]>]>([
    ['an agent-network task keeps the agent address and host ports', record([], undefined, { name: 'web', visibility: 1, ports: { ports: [{ number: 31000, name: 'http', protocol: 'tcp' }] } }), '192.0.2.7',
      [[31000, 'http', 'tcp'], [31001, '', 'tcp']]],
    ['a CNI task: its own address, a mapped named port as the container port', record([], cniStatus('169.254.200.5', [[31000, 80]]), { name: 'web', visibility: 1, ports: { ports: [{ number: 31000, name: 'http', protocol: 'tcp' }] } }), '169.254.200.5',
      [[80, 'http', 'tcp'], [31001, '', 'tcp']]],
    ['a CNI task with a mapping but no held port for it: the container port, unnamed', record([], cniStatus('169.254.200.5', [[8080, 80]]), undefined, [31000, 31000]), '169.254.200.5',
      [[31000, '', 'tcp'], [80, '', 'tcp']]],
    ['a CNI task whose named port is a container port (no mapping): as declared', record([], cniStatus('169.254.200.5'), { name: 'web', visibility: 1, ports: { ports: [{ number: 80, name: 'http', protocol: 'tcp' }] } }, [31000, 31000]), '169.254.200.5',
      [[80, 'http', 'tcp'], [31000, '', 'tcp']]],
  ])('%s', (_n, r, ip, ports) => {
    const i = discoveryInstance(r, AGENT, FRAMEWORK)!;
    expect(i.ip).toBe(ip);
    expect(i.host).toBe('node1');
    expect(i.ports.map((p) => [p.number, p.name, p.protocol])).toEqual(ports);
  });
});

const inst = (id: string, visibility: string, framework = 'shop', ip = '192.0.2.1'): DiscoveryInstance => {
  const [frameworkId, taskId] = id.split('/');
  return { id, service: 'web', framework, frameworkId, taskId, agentId: 'a', host: 'h', ip, ports: [{ number: 80, name: 'http', protocol: 'tcp' }], visibility };
};

describe('visibility', () => {
  it.each<[Audience, string, string, string | undefined, boolean]>([
    ['cluster', 'FRAMEWORK', 'shop', undefined, false],
    ['cluster', 'CLUSTER', 'shop', undefined, true],
    ['cluster', 'EXTERNAL', 'shop', undefined, true],
    ['external', 'FRAMEWORK', 'shop', undefined, false],
    ['external', 'CLUSTER', 'shop', undefined, false],
    ['external', 'EXTERNAL', 'shop', undefined, true],
    ['framework', 'FRAMEWORK', 'shop', 'shop', true],
    ['framework', 'FRAMEWORK', 'shop', 'other', false],
    ['framework', 'CLUSTER', 'shop', 'other', true],
    ['framework', 'FRAMEWORK', 'shop', undefined, false],
  ])('audience %s, endpoint %s of %s, watcher of %s: %s', (audience, visibility, framework, watcher, want) => {
    expect(audienceSees(audience, inst('f/1', visibility, framework), watcher)).toBe(want);
  });

  it.each<[string, string, unknown]>([
    ['framework by default with a framework', '?framework=shop', 'framework'],
    ['cluster by default', '?service=web', 'cluster'],
    ['external asked', '?visibility=EXTERNAL', 'external'],
  ])('watch audience: %s', (_n, s, want) => {
    const q = parseWatchQuery(new URL(`http://x/w${s}`), undefined);
    expect('error' in q ? q : watchAudience(q)).toBe(want);
  });

  it.each<[string, string, string]>([
    ['framework without a framework', '?visibility=framework', "visibility: framework needs framework (the watching framework's name)"],
    ['not an audience', '?visibility=everyone', 'visibility: "everyone" is not framework, cluster or external'],
  ])('watch query refused: %s', (_n, s, error) => expect(parseWatchQuery(new URL(`http://x/w${s}`), undefined)).toEqual({ error }));

  it('DNS answers the cluster audience by default; external answers only EXTERNAL; FRAMEWORK never', () => {
    const names = (z: DnsZone) => z.answer({ name: 'web.shop.meseta', type: 'A' }).answers.map((a) => (a as { data: string }).data).sort();
    for (const [audience, want] of [[undefined, ['192.0.2.2', '192.0.2.3']], ['external', ['192.0.2.3']]] as const) {
      const z = new DnsZone({ audience });
      z.set(inst('f/1', 'FRAMEWORK', 'shop', '192.0.2.1'));
      z.set(inst('f/2', 'CLUSTER', 'shop', '192.0.2.2'));
      z.set(inst('f/3', 'EXTERNAL', 'shop', '192.0.2.3'));
      expect(names(z)).toEqual(want);
      expect(z.size).toBe(want.length);
    }
  });

  it('a watcher gets only what its audience sees, in the snapshot and in changes', () => {
    const index = new EndpointIndex('m1');
    index.stage('f/1', inst('f/1', 'FRAMEWORK'));
    index.stage('f/2', inst('f/2', 'CLUSTER'));
    index.commit();
    const listeners: Array<(c: NonNullable<ReturnType<EndpointIndex['commit']>>) => void> = [];
    const feed = { whenReady: (reader: (i: EndpointIndex) => void) => (reader(index), () => undefined), subscribe: (l: (c: NonNullable<ReturnType<EndpointIndex['commit']>>) => void) => (listeners.push(l), () => undefined) };
    const seen = (query: Parameters<typeof openWatch>[1]): string[] => {
      const events: WatchEvent[] = [];
      openWatch(feed, query, undefined, (e) => events.push(e));
      index.stage('f/3', inst('f/3', 'FRAMEWORK'));
      index.stage('f/4', inst('f/4', 'EXTERNAL'));
      const c = index.commit();
      if (c) for (const l of listeners.splice(0)) l(c);
      index.stage('f/3', undefined);
      index.stage('f/4', undefined);
      index.commit();
      return events.flatMap((e) => (e.kind === 'snapshot' ? e.instances.map((i) => `s:${i.id}`) : e.kind === 'change' ? e.added.map((i) => `c:${i.id}`) : []));
    };
    expect(seen({})).toEqual(['s:f/2', 'c:f/4']);
    expect(seen({ framework: 'shop' })).toEqual(['s:f/1', 's:f/2', 'c:f/3', 'c:f/4']);
    expect(seen({ visibility: 'external' })).toEqual(['c:f/4']);
  });
});

describe('health checks of CNI tasks', () => {
  it.each<[string, Parameters<typeof cniAddress>[0], string | undefined]>([
    ['no network', {}, undefined],
    ['host network (no name)', { networkInfos: [{ ip_addresses: [{ ip_address: '192.0.2.1' }] }] }, undefined],
    ['a CNI address', { networkInfos: [{ name: 'n', ip_addresses: [{ ip_address: '169.254.200.4' }] }] }, '169.254.200.4'],
    ['IPv4 before IPv6', { networkInfos: [{ name: 'n', ip_addresses: [{ ip_address: 'fe80::2' }, { ip_address: '169.254.200.4' }] }] }, '169.254.200.4'],
  ])('cniAddress: %s', (_n, task, want) => expect(cniAddress(task)).toBe(want));
});
