/**
 * `meseta certs issue`: the cluster CA and certificates made with the real
 * openssl, checked with openssl itself.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../harness/cli';
import { ensurePackages } from '../setup/packages';

let dir: string;
beforeAll(() => {
  ensurePackages([{ binary: 'openssl', package: 'openssl' }]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-certs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const openssl = (args: string[]): string => execFileSync('openssl', args, { encoding: 'utf8' });

describe('meseta certs issue', () => {
  it('makes the CA once and signs a daemon certificate with its SANs and a client certificate with its principal', async () => {
    const daemon = await runCli(['certs', 'issue', '--dir', dir, '--name', 'master', '--san', '192.0.2.11,master1.example']);
    expect(daemon.stderr).toBe('');
    expect(daemon.code).toBe(0);
    const caBefore = fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8');
    const client = await runCli(['certs', 'issue', '--dir', dir, '--name', 'alice', '--kind', 'client']);
    expect(client.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8')).toBe(caBefore); // reused, not remade

    const ca = path.join(dir, 'ca.crt');
    expect(openssl(['verify', '-CAfile', ca, path.join(dir, 'master.crt'), path.join(dir, 'alice.crt')])).toMatch(/master\.crt: OK\n.*alice\.crt: OK/);
    const master = openssl(['x509', '-in', path.join(dir, 'master.crt'), '-noout', '-ext', 'subjectAltName,extendedKeyUsage']);
    for (const name of ['IP Address:127.0.0.1', 'IP Address:192.0.2.11', 'DNS:localhost', 'DNS:master1.example', `DNS:${os.hostname()}`, 'TLS Web Server Authentication', 'TLS Web Client Authentication']) {
      expect(master).toContain(name);
    }
    const alice = openssl(['x509', '-in', path.join(dir, 'alice.crt'), '-noout', '-subject', '-ext', 'extendedKeyUsage']);
    expect(alice).toMatch(/subject=CN ?= ?alice/);
    expect(alice).toContain('TLS Web Client Authentication');
    expect(alice).not.toContain('TLS Web Server Authentication');
    for (const key of ['ca.key', 'master.key', 'alice.key']) expect(fs.statSync(path.join(dir, key)).mode & 0o777).toBe(0o600);
  });

  it.each([
    [['--kind', 'server'], '--kind: "server" is not daemon or client'],
    [['--kind', 'client', '--san', '192.0.2.1'], '--san: only daemon certificates carry subject alternative names'],
    [['--name', 'a/b'], 'certificate name: "a/b" must be 1-64 letters, digits or . _ : @ -'],
  ])('refuses %j naming the flag', async (extra, message) => {
    const args = ['certs', 'issue', '--dir', dir, '--name', 'x', ...extra];
    const result = await runCli(args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
  });
});
