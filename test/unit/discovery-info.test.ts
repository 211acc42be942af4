import { compileDiscovery, compileTask } from '@meseta/sdk';
import { pb } from '@meseta/proto/wire';
import { validateApp } from '../../frameworks/services/app-definition';
import { defaultDiscovery } from '../../frameworks/services/app-discovery';
import { runDiscovery } from '../../cli/run-discovery';
import { describeDiscovery } from '../../master/webui/src/model/discovery-text';

const { FRAMEWORK, CLUSTER, EXTERNAL } = pb.DiscoveryInfo.Visibility;

describe('SDK discovery info', () => {
  it.each<[string, Parameters<typeof compileDiscovery>[0], number[], unknown]>([
    ['defaults to the task name, cluster-wide, no ports', {}, [], { name: 'web', visibility: CLUSTER }],
    ['names picked ports in order, tcp by default', { ports: ['http', { name: 'dns', protocol: 'udp' }] }, [31000, 31001],
      { name: 'web', visibility: CLUSTER, ports: { ports: [{ number: 31000, name: 'http', protocol: 'tcp' }, { number: 31001, name: 'dns', protocol: 'udp' }] } }],
    ['an explicit index picks that port', { name: 'api', visibility: 'framework', ports: [{ name: 'admin', index: 1 }] }, [31000, 31001],
      { name: 'api', visibility: FRAMEWORK, ports: { ports: [{ number: 31001, name: 'admin', protocol: 'tcp' }] } }],
    ['labels, environment, version', { visibility: 'external', environment: 'prod', version: 'v2', labels: { tier: 'front' } }, [],
      { name: 'web', visibility: EXTERNAL, environment: 'prod', version: 'v2', labels: { labels: [{ key: 'tier', value: 'front' }] } }],
  ])('%s', (_name, spec, ports, want) => {
    expect(compileDiscovery(spec, 'web', ports)).toEqual(want);
  });

  it.each<[string, Parameters<typeof compileDiscovery>[0], string, RegExp]>([
    ['a name that is no DNS label', { name: 'Web_1' }, 'web', /^discovery\.name: "Web_1" is not a DNS label/],
    ['a task name that is no DNS label says to set discovery.name', {}, 'my task', /discovery\.name: .*set discovery\.name/],
    ['a port past the task\'s ports', { ports: ['http', 'admin'] }, 'web', /^discovery\.ports\[1\]\.index: 1 is past the task's ports \(it holds 1/],
    ['a port named twice', { ports: ['http', 'http'] }, 'web', /^discovery\.ports\[1\]\.name: "http" \(tcp\) is named twice/],
    ['an unknown protocol', { ports: [{ name: 'x', protocol: 'sctp' as 'tcp' }] }, 'web', /^discovery\.ports\[0\]\.protocol: "sctp" is not tcp or udp/],
    ['an unknown visibility', { visibility: 'world' as 'cluster' }, 'web', /^discovery\.visibility: "world"/],
  ])('refuses %s', (_name, spec, taskName, message) => {
    expect(() => compileDiscovery(spec, taskName, [31000])).toThrow(message);
  });

  it('compileTask puts it on the TaskInfo with the ports drawn from the offer', () => {
    const offer = {
      agent_id: { value: 'a1' },
      resources: [
        { name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 1 } },
        { name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 64 } },
        { name: 'ports', type: pb.Value.Type.RANGES, ranges: { range: [{ begin: 31005, end: 31010 }] } },
      ],
    };
    const task = compileTask({ name: 'web', command: 'true', cpus: 0.1, mem: 8, ports: 1, discovery: { ports: ['http'] } }, offer);
    expect(task.discovery).toEqual({ name: 'web', visibility: CLUSTER, ports: { ports: [{ number: 31005, name: 'http', protocol: 'tcp' }] } });
  });
});

describe('services app discovery', () => {
  it('defaults to the app id (dots to dashes) with ports port0..', () => {
    expect(defaultDiscovery('shop.web', 2)).toEqual({ name: 'shop-web', visibility: 'cluster', ports: ['port0', 'port1'] });
    expect(defaultDiscovery('x'.repeat(64), 0)).toBeUndefined();
  });

  it('reads a discovery block', () => {
    const r = validateApp({ id: 'web', command: 'true', ports: 2, discovery: { name: 'front', ports: ['http', { name: 'stats', protocol: 'udp' }] } });
    expect(r.ok && r.app.discovery).toEqual({ name: 'front', visibility: 'cluster', ports: [{ name: 'http', protocol: 'tcp', index: 0 }, { name: 'stats', protocol: 'udp', index: 1 }] });
  });

  it.each<[string, unknown, string]>([
    ['a bad name', { name: 'Front!' }, 'discovery.name'],
    ['a bad visibility', { visibility: 'world' }, 'discovery.visibility'],
    ['more names than ports', { ports: ['a', 'b', 'c'] }, 'discovery.ports'],
    ['a bad protocol', { ports: [{ name: 'a', protocol: 'sctp' }] }, 'discovery.ports[0].protocol'],
    ['an unknown field', { nmae: 'x' }, 'discovery.nmae'],
  ])('refuses %s naming the field', (_name, discovery, field) => {
    const r = validateApp({ id: 'web', command: 'true', ports: 2, discovery });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toContain(field);
  });
});

describe('meseta run discovery flags', () => {
  it('gives nothing without discovery flags', () => expect(runDiscovery({ ports: '2' })).toBeUndefined());
  it('reads name, ports and visibility', () => {
    expect(runDiscovery({ ports: '2', discoveryName: 'web', discoveryPort: ['http', 'dns/UDP'], discoveryVisibility: 'External' }))
      .toEqual({ name: 'web', visibility: 'external', ports: [{ name: 'http', protocol: 'tcp' }, { name: 'dns', protocol: 'udp' }] });
  });
  it.each<[string, Parameters<typeof runDiscovery>[0], RegExp]>([
    ['more named ports than --ports', { discoveryPort: ['http'] }, /--discovery-port: 1 named but the task asks for 0 port\(s\); add --ports 1/],
    ['a bad port protocol', { ports: '1', discoveryPort: ['http/sctp'] }, /--discovery-port: protocol "sctp"/],
    ['a bad name', { discoveryName: 'a b' }, /--discovery-name: "a b" is not a DNS label/],
    ['a bad --ports', { ports: 'two', discoveryName: 'a' }, /--ports: "two" is not a whole number/],
    ['a bad visibility', { discoveryVisibility: 'all' }, /--discovery-visibility: "all"/],
  ])('refuses %s', (_name, flags, message) => expect(() => runDiscovery(flags)).toThrow(message));
});

describe('task page discovery line', () => {
  it.each<[string, Parameters<typeof describeDiscovery>[0], string | undefined]>([
    ['none', undefined, undefined],
    ['a name and ports', { name: 'web', visibility: 'CLUSTER', ports: { ports: [{ number: 31000, name: 'http', protocol: 'tcp' }, { number: 31001 }] } }, 'web · cluster · http 31000/tcp, 31001/tcp'],
    ['visibility defaults to framework (the proto default)', { name: 'db', version: 'v3' }, 'db · framework · v3'],
  ])('%s', (_name, d, text) => expect(describeDiscovery(d)).toBe(text));
});
