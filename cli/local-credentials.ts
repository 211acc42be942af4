/**
 * The credentials `meseta local` makes in its work dir (secure by
 * default): a cluster CA, the master's and each agent's certificates
 * (server and client use, SANs loopback, localhost, this host and the
 * listen address), an operator client certificate and token, and a client
 * config file naming them (`export MESETA_CONFIG=…` is all the CLI and SDK
 * need). Certificates come from `openssl` (`./certificates`).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientSecurity } from '@meseta/runtime/client-config';
import type { TlsServerMaterial } from '@meseta/runtime/serve';
import { ensureClusterCa, issueCertificate, type CertificateFiles } from './certificates';

/** What {@link makeLocalCredentials} made. */
export interface LocalCredentials {
  /** Folder holding everything (`<root>/tls`). */
  dir: string;
  ca: CertificateFiles;
  master: CertificateFiles;
  agents: CertificateFiles[];
  operator: CertificateFiles;
  /** The operator's bearer token (also in the config file). */
  operatorToken: string;
  /** Where {@link writeLocalClientConfig} writes the client config. */
  configPath: string;
}

/** Make the CA and certificates for a master and `agentCount` agents listening on `ip`. */
export async function makeLocalCredentials(root: string, agentCount: number, ip: string): Promise<LocalCredentials> {
  const dir = path.join(root, 'tls');
  const ca = await ensureClusterCa(dir);
  const altNames = ip === '127.0.0.1' || ip === 'localhost' ? [] : [ip];
  const [master, operator, ...agents] = await Promise.all([
    issueCertificate(ca, dir, { name: 'master', commonName: 'meseta-master', kind: 'daemon', altNames }),
    issueCertificate(ca, dir, { name: 'operator', commonName: 'operator', kind: 'client' }),
    ...Array.from({ length: agentCount }, (_, i) =>
      issueCertificate(ca, dir, { name: `agent-${i + 1}`, commonName: `agent-${i + 1}`, kind: 'daemon', altNames }),
    ),
  ]);
  return { dir, ca, master, agents, operator, operatorToken: randomBytes(32).toString('hex'), configPath: path.join(root, 'config.json') };
}

/** A daemon's TLS identity (certificate, key, the cluster CA) read from disk. */
export function daemonMaterial(credentials: LocalCredentials, files: CertificateFiles): { tls: TlsServerMaterial; peerSecurity: ClientSecurity } {
  const ca = fs.readFileSync(credentials.ca.cert);
  const cert = fs.readFileSync(files.cert);
  const key = fs.readFileSync(files.key);
  return { tls: { cert, key, ca }, peerSecurity: { ca, cert, key } };
}

/** Write the operator's client config (mode 0600) for the master at `masterAddress`; returns its path. */
export function writeLocalClientConfig(credentials: LocalCredentials, masterAddress: string): string {
  const config = {
    master: masterAddress,
    ca: credentials.ca.cert,
    cert: credentials.operator.cert,
    key: credentials.operator.key,
    token: credentials.operatorToken,
  };
  fs.writeFileSync(credentials.configPath, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  return credentials.configPath;
}
