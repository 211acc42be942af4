/**
 * The pure decisions of TLS on the one port: which protocol ALPN answers
 * (browsers offer h2 too and must reach the HTTP/1.1 handler; grpc-js
 * offers only h2), and whether a daemon may listen without TLS.
 */
import { chooseAlpnProtocol, chooseAlpnProtocolWithLink } from '@meseta/runtime/alpn-choice';
import { checkListenSecurity, isLoopbackAddress } from '@meseta/runtime/listen-policy';

describe('chooseAlpnProtocol', () => {
  it.each([
    ['grpc-js offers only h2: gRPC', ['h2'], 'h2'],
    ['Chromium offers h2 then http/1.1: the HTTP/1.1 handler', ['h2', 'http/1.1'], 'http/1.1'],
    ['curl --http1.1 offers http/1.1 only', ['http/1.1'], 'http/1.1'],
    ['Node https offers http/1.1', ['http/1.1'], 'http/1.1'],
    ['an unknown protocol only: no protocol (handshake refused)', ['spdy/3'], undefined],
    ['nothing offered', [], undefined],
  ])('%s', (_name, offered, want) => {
    expect(chooseAlpnProtocol(offered)).toBe(want);
  });
});

describe('chooseAlpnProtocolWithLink (the master: the agent link\'s light transport too)', () => {
  it.each<[string, string[], boolean, string | undefined]>([
    ['the link client offers only meseta-link/1', ['meseta-link/1'], true, 'meseta-link/1'],
    ['on a port that does not serve it: refused', ['meseta-link/1'], false, undefined],
    ['browsers still get http/1.1', ['h2', 'http/1.1'], true, 'http/1.1'],
    ['grpc-js still gets h2', ['h2'], true, 'h2'],
  ])('%s', (_name, offered, linkServed, want) => {
    expect(chooseAlpnProtocolWithLink(offered, linkServed)).toBe(want);
  });
});

describe('checkListenSecurity', () => {
  it.each([
    ['loopback without TLS is allowed (tests, development)', { ip: '127.0.0.1', tls: false, insecure: false }, { ok: true }],
    ['another loopback address', { ip: '127.0.0.3', tls: false, insecure: false }, { ok: true }],
    ['IPv6 loopback', { ip: '::1', tls: false, insecure: false }, { ok: true }],
    ['any address with TLS', { ip: '0.0.0.0', tls: true, insecure: false }, { ok: true }],
    ['any address with TLS and authentication', { ip: '0.0.0.0', tls: true, insecure: false, authenticated: true }, { ok: true }],
    ['loopback without authentication', { ip: '127.0.0.1', tls: false, insecure: false, authenticated: false }, { ok: true }],
    [
      'a non-loopback address with TLS but no authentication is refused, naming the flag',
      { ip: '0.0.0.0', tls: true, insecure: false, authenticated: false, authFlag: '--credentials FILE' },
      { ok: false, error: '--ip: master would listen on 0.0.0.0, which is not a loopback address, without authentication; give --credentials FILE, or --insecure to run in the clear anyway' },
    ],
    [
      'without either, both are named',
      { ip: '0.0.0.0', tls: false, insecure: false, authenticated: false, authFlag: '--credentials FILE' },
      {
        ok: false,
        error:
          '--ip: master would listen on 0.0.0.0, which is not a loopback address, without TLS or authentication; ' +
          'give --tls-cert FILE --tls-key FILE (and --tls-ca FILE to verify peers) and --credentials FILE, or --insecure to run in the clear anyway',
      },
    ],
  ])('%s', (_name, input, want) => {
    expect(checkListenSecurity({ daemon: 'master', ...input })).toEqual(want);
  });

  it('refuses a non-loopback address without TLS, naming the flags', () => {
    expect(checkListenSecurity({ daemon: 'agent', ip: '0.0.0.0', tls: false, insecure: false })).toEqual({
      ok: false,
      error:
        '--ip: agent would listen on 0.0.0.0, which is not a loopback address, without TLS; ' +
        'give --tls-cert FILE --tls-key FILE (and --tls-ca FILE to verify peers), or --insecure to run in the clear anyway',
    });
  });

  it('--insecure lets it start with a loud warning', () => {
    const verdict = checkListenSecurity({ daemon: 'master', ip: '192.0.2.3', tls: false, insecure: true });
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.warning).toMatch(/^INSECURE: master listens on 192\.0\.2\.3 without TLS \(--insecure\)/);
    const neither = checkListenSecurity({ daemon: 'master', ip: '192.0.2.3', tls: false, insecure: true, authenticated: false, authFlag: '--credentials FILE' });
    expect(neither.ok && neither.warning).toMatch(/^INSECURE: master listens on 192\.0\.2\.3 without TLS and authentication \(--insecure\)/);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['localhost', true],
    ['::ffff:127.0.0.1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.0.2.1', false],
    ['128.0.0.1', false],
    ['example.org', false],
  ])('isLoopbackAddress(%s) is %s', (ip, want) => {
    expect(isLoopbackAddress(ip)).toBe(want);
  });
});
