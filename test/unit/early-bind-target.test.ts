/**
 * `earlyBindTarget` (runtime/early-bind-target.ts): where `meseta master`
 * will listen, read from the raw command line before commander loads; it
 * answers only when sure and the listen policy would allow the listen.
 */
import { earlyBindTarget } from '@meseta/runtime/early-bind-target';

describe('earlyBindTarget', () => {
  const rows: Array<[string, string[], { host: string; port: number } | undefined]> = [
    ['master with the defaults', ['master'], { host: '127.0.0.1', port: 5050 }],
    ['--port N', ['master', '--port', '5051', '--work-dir', '/tmp/x'], { host: '127.0.0.1', port: 5051 }],
    ['--port=N', ['master', '--port=0'], { host: '127.0.0.1', port: 0 }],
    ['the last --port wins (as commander)', ['master', '--port', '1', '--port', '2'], { host: '127.0.0.1', port: 2 }],
    ['--ip on loopback', ['master', '--ip', '127.0.0.2', '--port', '6000'], { host: '127.0.0.2', port: 6000 }],
    ['--ip=localhost', ['master', '--ip=localhost'], { host: 'localhost', port: 5050 }],
    ['another verb', ['agent', '--port', '5051'], undefined],
    ['no verb', [], undefined],
    ['a verb after a flag', ['--verbose', 'master'], undefined],
    ['--help', ['master', '--help'], undefined],
    ['-h', ['master', '-h'], undefined],
    ['--version', ['master', '--version'], undefined],
    ['a port that is not a number', ['master', '--port', 'http'], undefined],
    ['a port past 65535', ['master', '--port', '65536'], undefined],
    ['a negative port', ['master', '--port', '-1'], undefined],
    ['--port without a value', ['master', '--port'], undefined],
    ['--port followed by a flag', ['master', '--port', '--ip', '127.0.0.1'], undefined],
    ['an empty --ip', ['master', '--ip='], undefined],
    ['a non-loopback --ip in the clear (the policy refuses)', ['master', '--ip', '192.0.2.1'], undefined],
    ['a non-loopback --ip with TLS but no credentials (refused)', ['master', '--ip', '192.0.2.1', '--tls-cert', 'c', '--tls-key', 'k'], undefined],
    ['a non-loopback --ip with TLS and credentials', ['master', '--ip', '192.0.2.1', '--tls-cert', 'c', '--tls-key', 'k', '--credentials', 'f'], { host: '192.0.2.1', port: 5050 }],
    ['a non-loopback --ip with --insecure', ['master', '--ip', '192.0.2.1', '--insecure'], { host: '192.0.2.1', port: 5050 }],
  ];
  test.each(rows)('%s', (_name, args, expected) => {
    expect(earlyBindTarget(args)).toEqual(expected);
  });
});
