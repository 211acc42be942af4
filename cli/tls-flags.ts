/**
 * The TLS flags of `meseta master`, `meseta agent` and `meseta local`:
 * `--tls-cert FILE --tls-key FILE --tls-ca FILE` and `--insecure`. The
 * files are read here, so a bad path is a usage error naming the flag.
 */
import * as fs from 'node:fs';
import type { Command } from 'commander';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import type { TlsServerMaterial } from '@meseta/runtime/serve';
import { UsageError } from './cli-error';

/** The TLS flags as commander hands them over. */
export interface TlsFlags {
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  insecure?: boolean;
}

/** What a daemon gets from its TLS flags. */
export interface DaemonTls {
  /** Its server identity, when `--tls-cert` and `--tls-key` are given. */
  tls?: TlsServerMaterial;
  /**
   * How it talks to other daemons: over TLS verified by `--tls-ca` when given,
   * presenting its own certificate as client certificate.
   */
  peerSecurity: ClientSecurity;
  /** `--insecure`. */
  insecure: boolean;
}

/** Add the TLS flags to a daemon command. */
export function addTlsOptions(command: Command): Command {
  return command
    .option('--tls-cert <file>', 'serve TLS only, with this PEM certificate (chain); also the client certificate to other daemons')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .option('--tls-ca <file>', 'PEM CA certificate(s) that sign peers: verifies client certificates, and the daemons this one calls (over TLS)')
    .option('--insecure', 'allow listening on a non-loopback address without TLS (loudly logged)');
}

function readFlagFile(flag: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`${flag}: cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Read the files the TLS flags name; a certificate without its key (or the reverse) is refused. */
export function daemonTlsFrom(flags: TlsFlags, read: (flag: string, file: string) => Buffer = readFlagFile): DaemonTls {
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) {
    const missing = flags.tlsCert ? '--tls-key' : '--tls-cert';
    throw new UsageError(`${missing}: required with ${flags.tlsCert ? '--tls-cert' : '--tls-key'} (a certificate and its key go together)`);
  }
  const ca = flags.tlsCa ? read('--tls-ca', flags.tlsCa) : undefined;
  const cert = flags.tlsCert ? read('--tls-cert', flags.tlsCert) : undefined;
  const key = flags.tlsKey ? read('--tls-key', flags.tlsKey) : undefined;
  return {
    tls: cert && key ? { cert, key, ca } : undefined,
    peerSecurity: ca ? { ca, cert, key } : {},
    insecure: flags.insecure === true,
  };
}
