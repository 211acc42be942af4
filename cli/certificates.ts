/**
 * A cluster's certificates, made with the `openssl` command (no crypto of
 * our own): one CA, and certificates it signs for daemons (server and
 * client use, SANs 127.0.0.1, ::1, localhost, this host's name and any
 * extra names) and for clients (client use only, the principal as CN).
 * Keys are EC P-256, written with mode 0600.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A certificate and its key on disk. */
export interface CertificateFiles {
  cert: string;
  key: string;
}

/** The `openssl` binary to run; replaced in tests. @default 'openssl' */
export interface OpensslOptions {
  openssl?: string;
}

/** Days a made certificate is valid. */
export const CERTIFICATE_DAYS = 825;

function run(openssl: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(openssl, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${openssl} not found: certificates are made with the openssl command (Debian package: openssl)`));
      } else {
        reject(new Error(`${openssl} ${args[0]} failed: ${String(stderr).trim() || error.message}`));
      }
    });
  });
}

/** Refuse names that would change the meaning of an openssl `-subj` or SAN. */
function checkName(what: string, name: string): void {
  if (!/^[A-Za-z0-9._:@-]{1,64}$/.test(name)) throw new Error(`${what}: "${name}" must be 1-64 letters, digits or . _ : @ -`);
}

/** The subjectAltName for a daemon: loopback, localhost, this host's name, and `extra` (IPs or DNS names). */
export function daemonSubjectAltNames(extra: readonly string[] = [], hostname: string = os.hostname()): string {
  const ips = new Set(['127.0.0.1', '::1']);
  const names = new Set(['localhost']);
  if (hostname) names.add(hostname);
  for (const name of extra) {
    checkName('subject alternative name', name);
    if (/^[0-9.]+$/.test(name) || name.includes(':')) ips.add(name);
    else names.add(name);
  }
  return [...[...ips].map((ip) => `IP:${ip}`), ...[...names].map((n) => `DNS:${n}`)].join(',');
}

/** Make a CA in `dir` (`ca.crt`, `ca.key`) unless it exists; returns its files. */
export async function ensureClusterCa(dir: string, options: OpensslOptions = {}): Promise<CertificateFiles> {
  const files = { cert: path.join(dir, 'ca.crt'), key: path.join(dir, 'ca.key') };
  if (fs.existsSync(files.cert) && fs.existsSync(files.key)) return files;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  await run(options.openssl ?? 'openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', files.key, '-out', files.cert, '-days', String(CERTIFICATE_DAYS * 2),
    '-subj', '/CN=meseta-cluster-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  fs.chmodSync(files.key, 0o600);
  return files;
}

/** What {@link issueCertificate} makes. */
export interface CertificateRequest {
  /** File name stem in `dir`: `<name>.crt`, `<name>.key`. */
  name: string;
  /** The subject's common name: the principal a client certificate stands for. */
  commonName: string;
  /** `daemon`: server and client use, with SANs; `client`: client use only. */
  kind: 'daemon' | 'client';
  /** Extra SANs of a daemon (IPs or DNS names it is reached by). */
  altNames?: readonly string[];
}

/** Have the CA sign a new key's certificate into `dir`. */
export async function issueCertificate(ca: CertificateFiles, dir: string, request: CertificateRequest, options: OpensslOptions = {}): Promise<CertificateFiles> {
  checkName('certificate name', request.name);
  checkName('common name', request.commonName);
  const openssl = options.openssl ?? 'openssl';
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = { cert: path.join(dir, `${request.name}.crt`), key: path.join(dir, `${request.name}.key`) };
  const csr = path.join(dir, `${request.name}.csr`);
  const extensions = path.join(dir, `${request.name}.ext`);
  const lines = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment'];
  if (request.kind === 'daemon') {
    lines.push('extendedKeyUsage=serverAuth,clientAuth', `subjectAltName=${daemonSubjectAltNames(request.altNames)}`);
  } else {
    lines.push('extendedKeyUsage=clientAuth');
  }
  fs.writeFileSync(extensions, lines.join('\n') + '\n');
  try {
    await run(openssl, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', files.key, '-out', csr, '-subj', `/CN=${request.commonName}`]);
    fs.chmodSync(files.key, 0o600);
    await run(openssl, [
      // A random serial, not -CAcreateserial: certificates made at once do not race on ca.srl.
      'x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', `0x${randomBytes(16).toString('hex')}`,
      '-out', files.cert, '-days', String(CERTIFICATE_DAYS), '-sha256', '-extfile', extensions,
    ]);
  } finally {
    fs.rmSync(csr, { force: true });
    fs.rmSync(extensions, { force: true });
  }
  return files;
}
