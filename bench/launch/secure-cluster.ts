/**
 * The secure side of the launch bench's `--secure` comparison, set up as an
 * operator would by hand: a cluster CA and the master's certificate made
 * with the project's openssl-based maker (cli/certificates.ts, what
 * `meseta certs` and `meseta local` use), a credentials file (tokens stored
 * as SHA-256 only) with one framework principal per framework, one agent
 * principal for the simulated agents and one per real agent, and the ACLs
 * `meseta local` writes. Each token is in a file of its own (0600) that
 * the child process or `meseta agent --credential` reads.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureClusterCa, issueCertificate, type CertificateFiles } from '../../cli/certificates';
import { localAcls } from '../../cli/local-trust';
import { hashToken, type PrincipalKind } from '../../master/auth/credentials';
import type { SecurityFiles } from './messages';

/** What {@link makeSecureCluster} made. */
export interface SecureCluster {
  ca: CertificateFiles;
  master: CertificateFiles;
  /** Flags of `meseta master`: TLS and authentication with ACLs. */
  masterFlags: string[];
  /** Framework `i`'s CA and token. */
  framework(i: number): SecurityFiles;
  /** The simulated agents' CA and token (one principal for all). */
  simulatedAgents: SecurityFiles;
  /** Flags of real agent `i`: its certificate (it serves TLS), the CA, its token. */
  realAgentFlags(i: number): string[];
}

/** Make the CA, certificates, credentials and ACLs under `dir`. */
export async function makeSecureCluster(dir: string, frameworks: number, realAgents: number): Promise<SecureCluster> {
  const tlsDir = path.join(dir, 'tls');
  const ca = await ensureClusterCa(tlsDir);
  const [master, ...agentCerts] = await Promise.all([
    issueCertificate(ca, tlsDir, { name: 'master', commonName: 'meseta-master', kind: 'daemon' }),
    ...Array.from({ length: realAgents }, (_, i) => issueCertificate(ca, tlsDir, { name: `real-agent-${i}`, commonName: `bench-real-agent-${i}`, kind: 'daemon' })),
  ]);
  const authDir = path.join(dir, 'auth');
  fs.mkdirSync(authDir, { recursive: true, mode: 0o700 });
  const entries: object[] = [];
  const principal = (name: string, kind: PrincipalKind): string => {
    const token = randomBytes(32).toString('hex');
    entries.push({ principal: name, kind, token_sha256: hashToken(token) });
    const file = path.join(authDir, `${name}.token`);
    fs.writeFileSync(file, token + '\n', { mode: 0o600 });
    return file;
  };
  const frameworkTokens = Array.from({ length: frameworks }, (_, i) => principal(`bench-framework-${i}`, 'framework'));
  const simulatedToken = principal('bench-simulated-agents', 'agent');
  const realTokens = Array.from({ length: realAgents }, (_, i) => principal(`bench-real-agent-${i}`, 'agent'));
  const credentials = path.join(authDir, 'credentials.json');
  const acls = path.join(authDir, 'acls.json');
  fs.writeFileSync(credentials, JSON.stringify({ credentials: entries }, null, 2) + '\n', { mode: 0o600 });
  fs.writeFileSync(acls, JSON.stringify(localAcls(), null, 2) + '\n', { mode: 0o600 });
  return {
    ca,
    master,
    masterFlags: ['--tls-cert', master.cert, '--tls-key', master.key, '--tls-ca', ca.cert, '--credentials', credentials, '--acls', acls],
    framework: (i) => ({ caFile: ca.cert, tokenFile: frameworkTokens[i % frameworks] }),
    simulatedAgents: { caFile: ca.cert, tokenFile: simulatedToken },
    realAgentFlags: (i) => ['--tls-cert', agentCerts[i].cert, '--tls-key', agentCerts[i].key, '--tls-ca', ca.cert, '--credential', realTokens[i]],
  };
}
