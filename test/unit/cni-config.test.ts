/**
 * The pure half of CNI support: network config files, each plugin's
 * environment and stdin, and reading plugin answers.
 */
import { cniEnvironment, CniError, failedPluginText, parseCniResult, parseNetworkConfig, pluginStdin, type CniNetwork } from '../../agent/cni/cni-config';

const CONFLIST = JSON.stringify({
  cniVersion: '1.0.0',
  name: 'meseta-test',
  plugins: [
    { type: 'bridge', bridge: 'mst0', isGateway: true, ipam: { type: 'host-local', subnet: '169.254.200.0/24', dataDir: '/tmp/x' } },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
});

describe('CNI network config files', () => {
  it('reads a .conflist as a chain', () => {
    const network = parseNetworkConfig(CONFLIST, '/etc/cni/a.conflist');
    expect(network).toMatchObject({ name: 'meseta-test', cniVersion: '1.0.0', file: '/etc/cni/a.conflist' });
    expect(network.plugins.map((p) => p.type)).toEqual(['bridge', 'portmap']);
  });

  it('reads a .conf as a chain of one plugin', () => {
    const network = parseNetworkConfig(JSON.stringify({ cniVersion: '0.4.0', name: 'lo', type: 'loopback' }), '/d/lo.conf');
    expect(network.plugins).toEqual([{ cniVersion: '0.4.0', name: 'lo', type: 'loopback' }]);
  });

  it.each<[string, string, string, string]>([
    ['not JSON', '{', 'a.conf', 'a.conf: not JSON'],
    ['an array', '[]', 'a.conf', 'a.conf: must hold a JSON object'],
    ['no name', JSON.stringify({ cniVersion: '1.0.0', type: 'bridge' }), 'a.conf', "a.conf: name: required (the network's name)"],
    ['no version', JSON.stringify({ name: 'n', type: 'bridge' }), 'a.conf', 'a.conf: cniVersion: required, such as "1.0.0" (got undefined)'],
    ['a bad version', JSON.stringify({ name: 'n', cniVersion: '1', type: 'bridge' }), 'a.conf', 'a.conf: cniVersion: required, such as "1.0.0" (got "1")'],
    ['an empty chain', JSON.stringify({ name: 'n', cniVersion: '1.0.0', plugins: [] }), 'a.conflist', 'a.conflist: plugins: required, a non-empty list'],
    ['a plugin that is no object', JSON.stringify({ name: 'n', cniVersion: '1.0.0', plugins: ['bridge'] }), 'a.conflist', 'a.conflist: plugins[0]: must be an object'],
    ['a plugin without a type', JSON.stringify({ name: 'n', cniVersion: '1.0.0', plugins: [{ type: 'bridge' }, {}] }), 'a.conflist', 'a.conflist: plugins[1].type: required'],
    ['a type that climbs out', JSON.stringify({ name: 'n', cniVersion: '1.0.0', type: '../../bin/sh' }), 'a.conf', 'a.conf: type: required, a plugin binary\'s name (got "../../bin/sh")'],
  ])('refuses %s, naming the file and field', (_name, text, file, message) => {
    expect(() => parseNetworkConfig(text, file)).toThrow(CniError);
    expect(() => parseNetworkConfig(text, file)).toThrow(message);
  });
});

describe('what each plugin gets', () => {
  const network: CniNetwork = parseNetworkConfig(CONFLIST, 'a.conflist');
  const ports = [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' as const }];

  it('has the CNI environment', () => {
    expect(cniEnvironment('ADD', 'c1', '/run/netns/meseta-c1', '/usr/lib/cni')).toMatchObject({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'c1',
      CNI_NETNS: '/run/netns/meseta-c1',
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/usr/lib/cni',
    });
  });

  it.each<[string, number, unknown, object, string[]]>([
    ['the first plugin: name and version, no prevResult, no runtimeConfig', 0, undefined, { name: 'meseta-test', cniVersion: '1.0.0', type: 'bridge' }, ['prevResult', 'runtimeConfig']],
    ['portmap: prevResult and the port mappings', 1, { ips: [] }, { name: 'meseta-test', type: 'portmap', prevResult: { ips: [] }, runtimeConfig: { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] } }, []],
  ])('%s', (_name, index, prev, expected, absent) => {
    const stdin = JSON.parse(pluginStdin(network, index, prev, ports)) as Record<string, unknown>;
    expect(stdin).toMatchObject(expected);
    for (const key of absent) expect(stdin).not.toHaveProperty(key);
  });

  it('gives portmap no runtimeConfig without port mappings', () => {
    expect(JSON.parse(pluginStdin(network, 1, { ips: [] }, []))).not.toHaveProperty('runtimeConfig');
  });
});

describe('plugin answers', () => {
  it.each<[string, object, Array<{ protocol: string; address: string }>]>([
    ['a 1.0.0 result', { cniVersion: '1.0.0', interfaces: [{ name: 'eth0' }], ips: [{ address: '169.254.200.5/24', gateway: '169.254.200.1', interface: 0 }] }, [{ protocol: 'IPv4', address: '169.254.200.5' }]],
    ['a 0.4.0 result with IPv6', { cniVersion: '0.4.0', ips: [{ version: '6', address: '2001:db8::5/64' }] }, [{ protocol: 'IPv6', address: '2001:db8::5' }]],
    ['a result without addresses (portmap passes on)', { cniVersion: '1.0.0' }, []],
  ])('reads %s', (_name, answer, addresses) => {
    expect(parseCniResult(JSON.stringify(answer), 'bridge').addresses).toEqual(addresses);
  });

  it.each<[string, string, string]>([
    ['an error object', JSON.stringify({ code: 11, msg: 'no IP addresses available', details: 'range full' }), 'CNI plugin host-local: no IP addresses available (range full) [code 11]'],
    ['no JSON', 'oops', 'CNI plugin host-local: answered no JSON: oops'],
    ['nothing', '', 'CNI plugin host-local: answered no JSON: (nothing)'],
  ])('refuses %s', (_name, stdout, message) => {
    expect(() => parseCniResult(stdout, 'host-local')).toThrow(message);
  });

  it.each<[string, number, string, string, string]>([
    ['its JSON error', 1, JSON.stringify({ code: 7, msg: 'invalid config' }), '', 'CNI plugin bridge: invalid config [code 7]'],
    ['its stderr', 1, '', 'permission denied\n', 'CNI plugin bridge: exited with 1: permission denied'],
    ['only its code', 2, '', '', 'CNI plugin bridge: exited with 2'],
  ])('tells a failed run by %s', (_name, code, stdout, stderr, message) => {
    expect(failedPluginText('bridge', code, stdout, stderr)).toBe(message);
  });
});
