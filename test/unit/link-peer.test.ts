/** Where an agent's link comes from (master/link-peer.ts) and the host the files relay calls. */
import { hostPort, peerHost } from '../../master/link-peer';
import { relayHost } from '../../master/http-agent-proxy';

describe('peerHost: the host of a grpc-js peer', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['IPv4 with a port', '127.0.0.1:53312', '127.0.0.1'],
    ['IPv4 with the scheme grpc-js may add', 'ipv4:192.0.2.1:5', '192.0.2.1'],
    ['IPv6 in brackets', '[::1]:5051', '::1'],
    ['IPv6 with the scheme', 'ipv6:[::1]:5051', '::1'],
    ['IPv6 bare', '::1', '::1'],
    ['a unix socket', 'unix:/run/x.sock', undefined],
    ['a host name (never a peer address)', 'agent.example:5051', undefined],
    ['empty', '', undefined],
    ['missing', undefined, undefined],
  ])('%s', (_name, peer, expected) => {
    expect(peerHost(peer)).toBe(expected);
  });

  it('host:port for URLs', () => {
    expect(hostPort('127.0.0.1', 5051)).toBe('127.0.0.1:5051');
    expect(hostPort('::1', 5051)).toBe('[::1]:5051');
  });

  it.each<[string, { hostname?: string }, string | undefined, string]>([
    ['the link peer wins over the declared name', { hostname: 'decoy.invalid' }, '127.0.0.1', '127.0.0.1'],
    ['no peer seen: the declared name', { hostname: 'agent-1.example' }, undefined, 'agent-1.example'],
    ['nothing at all', {}, undefined, ''],
  ])('relayHost: %s', (_name, info, linkPeerHost, expected) => {
    expect(relayHost({ info, linkPeerHost })).toBe(expected);
  });
});
