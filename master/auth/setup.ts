/**
 * The master's trust from its flags: `--credentials FILE` turns
 * authentication on (frameworks, agents, operators and HTTP alike: secure
 * by default once credentials exist); `--acls FILE` adds authorization,
 * reloaded on change. Without credentials the master is open and says so
 * in its log; ACLs without credentials are refused (there would be no
 * principal to check them against).
 */
import type { Logger } from '@meseta/runtime/log';
import { CredentialsAuthenticator } from './authenticator';
import { loadCredentialsFile } from './credentials';
import { AclFile } from './acl-file';
import { MasterTrust } from './trust';

/** The master's trust and what to stop with it. */
export interface TrustSetup {
  trust: MasterTrust;
  /** Stop watching the ACL file. */
  stop(): void;
}

/** Build the master's trust; throws naming the flag, the file and the field when a file is bad. */
export function setUpTrust(files: { credentials?: string; acls?: string }, log: Logger): TrustSetup {
  if (!files.credentials) {
    if (files.acls) throw new Error(`--acls ${files.acls}: needs --credentials (ACLs name authenticated principals)`);
    log.warn('no --credentials: the master is UNAUTHENTICATED; anyone who reaches its port can run tasks, read state and exec into tasks');
    return { trust: new MasterTrust(), stop: () => undefined };
  }
  const authenticator = new CredentialsAuthenticator(loadCredentialsFile(files.credentials));
  const acls = files.acls ? new AclFile(files.acls, log) : undefined;
  acls?.watch();
  const counts = authenticator.counts();
  log.info('authentication on', {
    credentials: files.credentials, frameworks: counts.framework, agents: counts.agent, operators: counts.operator,
    acls: files.acls ?? 'none (every authenticated principal allowed; frameworks act only on their own)',
  });
  return { trust: new MasterTrust({ authenticator, acls }), stop: () => acls?.stop() };
}
