/**
 * The credentials operator verbs use toward the master, with no flags
 * needed: the client config (`$MESETA_CONFIG`, else `~/.meseta/config.json`),
 * the `MESETA_*` variables, then the global flags `--config`, `--ca-cert`,
 * `--client-cert`, `--client-key`, `--token-file` (a token is read from a
 * file, never taken on the command line where `ps` shows it). No gRPC code
 * here: the read verbs load it.
 */
import * as fs from 'node:fs';
import type { Command } from 'commander';
import {
  CONFIG_ENV,
  ClientConfigError,
  loadClientConfig,
  readClientSecurity,
  type ClientConfig,
  type ClientSecurity,
  type ResolvedClientConfig,
} from '@meseta/runtime/client-config';
import { UsageError } from './cli-error';

/** The global credential flags as commander hands them over. */
export interface CredentialFlags {
  config?: string;
  caCert?: string;
  clientCert?: string;
  clientKey?: string;
  tokenFile?: string;
}

const FLAG_OF: Record<keyof ClientConfig, string> = {
  master: '--master',
  ca: '--ca-cert',
  cert: '--client-cert',
  key: '--client-key',
  token: '--token-file',
};

let flags: CredentialFlags = {};
let loaded: { env: NodeJS.ProcessEnv; config: ResolvedClientConfig; security: ClientSecurity } | undefined;

/** Add the global credential flags to the program; they apply to every verb. */
export function addCredentialOptions(program: Command): Command {
  program
    .option('--config <file>', `client config JSON { master, ca, cert, key, token } (default: $${CONFIG_ENV}, else ~/.meseta/config.json)`)
    .option('--ca-cert <file>', 'CA certificate that signs the master\'s: talk TLS (default: $MESETA_CA_CERT, else the config\'s ca)')
    .option('--client-cert <file>', 'client certificate (default: $MESETA_CLIENT_CERT, else the config\'s cert)')
    .option('--client-key <file>', 'its private key (default: $MESETA_CLIENT_KEY, else the config\'s key)')
    .option('--token-file <file>', 'file holding the bearer token (default: $MESETA_TOKEN, else the config\'s token)');
  program.hook('preAction', (root) => useCredentialFlags(root.opts() as CredentialFlags));
  return program;
}

/** Set the global credential flags (the program's preAction hook calls it). */
export function useCredentialFlags(given: CredentialFlags): void {
  flags = given;
  loaded = undefined;
}

function explicitConfig(): ClientConfig {
  const explicit: ClientConfig = { ca: flags.caCert, cert: flags.clientCert, key: flags.clientKey };
  if (flags.tokenFile) {
    try {
      explicit.token = fs.readFileSync(flags.tokenFile, 'utf8').trim();
    } catch (e) {
      throw new UsageError(`--token-file: cannot read "${flags.tokenFile}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return explicit;
}

/** The resolved config and the credentials read from it; a bad config is a usage error naming the field. */
export function cliClientCredentials(env: NodeJS.ProcessEnv = process.env): { config: ResolvedClientConfig; security: ClientSecurity } {
  if (loaded && loaded.env === env) return loaded;
  try {
    const config = loadClientConfig({
      env: flags.config ? { ...env, [CONFIG_ENV]: flags.config } : env,
      explicit: explicitConfig(),
      explicitOrigin: (field) => FLAG_OF[field],
    });
    loaded = { env, config, security: readClientSecurity(config) };
    return loaded;
  } catch (e) {
    if (e instanceof ClientConfigError) throw new UsageError(flags.config ? e.message.replace(`$${CONFIG_ENV}`, '--config') : e.message);
    throw e;
  }
}

/**
 * The master address the client config names, if any (file or
 * `$MESETA_MASTER`). Reads no certificate: a daemon's `--master` default
 * must not fail on a client's missing PEM file.
 */
export function configuredMaster(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return loadClientConfig({ env: flags.config ? { ...env, [CONFIG_ENV]: flags.config } : env }).master;
  } catch (e) {
    if (e instanceof ClientConfigError) throw new UsageError(flags.config ? e.message.replace(`$${CONFIG_ENV}`, '--config') : e.message);
    throw e;
  }
}
