/**
 * The authentication and authorization `meseta local` sets up beside its
 * certificates (secure by default): in `<work dir>/auth/`
 *
 * - `credentials.json`: the principals, tokens stored as SHA-256 only:
 *   `operator` (kinds operator and framework: the CLI's `meseta run` is a
 *   framework; its token is the one in the client config), `demo` (a
 *   framework, for `--demo`), `meseta-master` (the master's own credential
 *   for relaying to agents) and `agent-N` (one per agent);
 * - `acls.json`: the operator may do everything; any principal may register
 *   in any role and run tasks as any user; nobody else may view, exec into
 *   or read the sandboxes of other principals' frameworks. Frameworks act
 *   only on their own tasks (the master binds every call to its framework's
 *   principal; no ACL can widen that).
 * - `<work dir>/demo-config.json`: the client config of the demo framework (its own
 *   token, not the operator's).
 *
 * The master gets the credentials and ACLs; each agent its own token and
 * the credentials file as `--http-credentials` (so only the master and the
 * operator reach its debug sessions and sandboxes).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientSecurity } from '@meseta/runtime/client-config';
import { hashToken, type PrincipalKind } from '../master/auth/credentials';

/** The principal of the operator `meseta local` makes (its client certificate's CN too). */
export const LOCAL_OPERATOR = 'operator';
/** The principal of the demo framework. */
export const LOCAL_DEMO_FRAMEWORK = 'demo';
/** The master's principal (its certificate's CN too). */
export const LOCAL_MASTER = 'meseta-master';

const ANY = { type: 'ANY' };
const OPERATOR_ONLY = { values: [LOCAL_OPERATOR] };

/** The ACLs of a local cluster (see the file comment). */
export function localAcls(): object {
  return {
    permissive: false,
    register_frameworks: [{ principals: ANY, roles: ANY }],
    run_tasks: [{ principals: ANY, users: ANY }],
    teardown_frameworks: [{ principals: OPERATOR_ONLY, framework_principals: ANY }],
    kill_tasks: [{ principals: OPERATOR_ONLY, framework_principals: ANY }],
    view_frameworks: [{ principals: OPERATOR_ONLY, framework_principals: ANY }],
    view_tasks: [{ principals: OPERATOR_ONLY, framework_principals: ANY }],
    view_agents: [{ principals: OPERATOR_ONLY, agent_principals: ANY }],
    access_sandboxes: [{ principals: OPERATOR_ONLY, framework_principals: ANY }],
    exec_sessions: [{ principals: OPERATOR_ONLY, framework_principals: ANY }],
    update_weights: [{ principals: OPERATOR_ONLY, roles: ANY }],
    update_quotas: [{ principals: OPERATOR_ONLY, roles: ANY }],
    update_maintenance: [{ principals: OPERATOR_ONLY, machines: ANY }],
  };
}

/** What the daemons of a local cluster get. */
export interface LocalTrust {
  credentialsFile: string;
  aclsFile: string;
  /** Options of the master: `credentials`, `acls`, and its token for agents on top of `peer`. */
  master(peer?: ClientSecurity): { credentials: string; acls: string; agentSecurity: ClientSecurity };
  /** Options of agent `index` (0-based): its token for the master, who may call it. */
  agent(index: number, peer?: ClientSecurity): { masterSecurity: ClientSecurity; httpCredentials: string };
  /** Write the demo's client config (the operator's, with the demo's token and no client certificate); returns its path. */
  demoConfig(clientConfigPath: string): string;
}

const token = (): string => randomBytes(32).toString('hex');

/** Write the credentials and ACLs of a local cluster with `agentCount` agents under `root`. */
export function writeLocalTrust(root: string, agentCount: number, operatorToken: string): LocalTrust {
  const dir = path.join(root, 'auth');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const masterToken = token();
  const demoToken = token();
  const agentTokens = Array.from({ length: agentCount }, token);
  const entry = (principal: string, kind: PrincipalKind | PrincipalKind[], secret: string) => ({ principal, kind, token_sha256: hashToken(secret) });
  const credentials = {
    credentials: [
      entry(LOCAL_OPERATOR, ['operator', 'framework'], operatorToken),
      entry(LOCAL_DEMO_FRAMEWORK, 'framework', demoToken),
      entry(LOCAL_MASTER, 'master', masterToken),
      ...agentTokens.map((t, i) => entry(`agent-${i + 1}`, 'agent', t)),
    ],
  };
  const credentialsFile = path.join(dir, 'credentials.json');
  const aclsFile = path.join(dir, 'acls.json');
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  fs.writeFileSync(aclsFile, JSON.stringify(localAcls(), null, 2) + '\n', { mode: 0o600 });
  return {
    credentialsFile,
    aclsFile,
    master: (peer) => ({ credentials: credentialsFile, acls: aclsFile, agentSecurity: { ...peer, token: masterToken } }),
    agent: (index, peer) => ({ masterSecurity: { ...peer, token: agentTokens[index] }, httpCredentials: credentialsFile }),
    demoConfig(clientConfigPath) {
      const config = JSON.parse(fs.readFileSync(clientConfigPath, 'utf8')) as Record<string, unknown>;
      delete config.cert;
      delete config.key;
      config.token = demoToken;
      // Beside the operator's config: relative paths in it stay valid.
      const file = path.join(path.dirname(clientConfigPath), 'demo-config.json');
      fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
      return file;
    },
  };
}
