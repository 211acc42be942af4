import { startFailureMessage } from '../../cli/start-failure';

function listenError(code: string, address: string, port: number): Error {
  return Object.assign(new Error(`listen ${code}: ${address}:${port}`), { code, address, port, syscall: 'listen' });
}

describe('a daemon that cannot start says why, with the fix', () => {
  it.each<[string, string, unknown, string]>([
    [
      'a port in use',
      'master',
      listenError('EADDRINUSE', '127.0.0.1', 5050),
      "cannot start master: 127.0.0.1:5050 is already in use (another meseta master?): use --port 0 for any free port, or stop what holds it (ss -ltnp 'sport = :5050' shows it)",
    ],
    ['a port that needs root', 'agent', listenError('EACCES', '127.0.0.1', 80), 'cannot start agent: not allowed to listen on 127.0.0.1:80: ports below 1024 need root; use a port above 1023'],
    [
      'an address this machine does not have',
      'agent',
      listenError('EADDRNOTAVAIL', '192.0.2.9', 5051),
      'cannot start agent: 192.0.2.9 is not an address of this machine: check --ip (ip -brief address lists them)',
    ],
    ['anything else', 'master', new Error('registry is locked'), 'cannot start master: registry is locked'],
    ['not an Error', 'master', 'boom', 'cannot start master: boom'],
  ])('%s', (_what, daemon, error, expected) => {
    expect(startFailureMessage(daemon, error)).toBe(expected);
  });
});
