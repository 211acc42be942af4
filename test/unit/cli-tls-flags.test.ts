/**
 * The TLS flags of `meseta master` / `meseta agent`: what a daemon serves
 * and how it calls its peers, and the refusals naming the flag.
 */
import { UsageError } from '../../cli/cli-error';
import { daemonTlsFrom } from '../../cli/tls-flags';

const files: Record<string, string> = { '/ca.pem': 'CA', '/d.crt': 'CERT', '/d.key': 'KEY' };
const read = (flag: string, file: string): Buffer => {
  if (!(file in files)) throw new UsageError(`${flag}: cannot read "${file}": ENOENT`);
  return Buffer.from(files[file]);
};
const b = (text: string): Buffer => Buffer.from(text);

describe('daemonTlsFrom', () => {
  it.each([
    ['no flags: plaintext, plaintext to peers', {}, { tls: undefined, peerSecurity: {}, insecure: false }],
    ['--insecure alone', { insecure: true }, { tls: undefined, peerSecurity: {}, insecure: true }],
    [
      'certificate, key and CA: serves TLS, verifies client certificates, calls peers over TLS with its own certificate',
      { tlsCert: '/d.crt', tlsKey: '/d.key', tlsCa: '/ca.pem' },
      { tls: { cert: b('CERT'), key: b('KEY'), ca: b('CA') }, peerSecurity: { ca: b('CA'), cert: b('CERT'), key: b('KEY') }, insecure: false },
    ],
    [
      'certificate and key without CA: serves TLS, calls peers in plaintext (nothing to verify them with)',
      { tlsCert: '/d.crt', tlsKey: '/d.key' },
      { tls: { cert: b('CERT'), key: b('KEY'), ca: undefined }, peerSecurity: {}, insecure: false },
    ],
    [
      'CA only (an agent of a TLS master that serves plaintext on loopback): calls the master over TLS',
      { tlsCa: '/ca.pem' },
      { tls: undefined, peerSecurity: { ca: b('CA'), cert: undefined, key: undefined }, insecure: false },
    ],
  ])('%s', (_name, flags, want) => {
    expect(daemonTlsFrom(flags, read)).toEqual(want);
  });

  it.each([
    [{ tlsCert: '/d.crt' }, '--tls-key: required with --tls-cert (a certificate and its key go together)'],
    [{ tlsKey: '/d.key' }, '--tls-cert: required with --tls-key (a certificate and its key go together)'],
    [{ tlsCert: '/nope.crt', tlsKey: '/d.key' }, '--tls-cert: cannot read "/nope.crt": ENOENT'],
  ])('refuses %j', (flags, message) => {
    expect(() => daemonTlsFrom(flags, read)).toThrow(new UsageError(message));
  });
});
