/**
 * Where an operator verb finds the master: `--master`, else
 * `$MESETA_MASTER`, else the client config's `master`, else `127.0.0.1:5050`. Kept apart from `flags.ts` so
 * the read-only verbs load no protobuf code to read one address.
 */
import { UsageError } from './cli-error';
import { parseZooKeeperUrl } from '@meseta/runtime/zk-url';
import { configuredMaster } from './client-credentials';

/** Where operator verbs look for the master when `--master` is not given. */
export const DEFAULT_MASTER = '127.0.0.1:5050';
/** The environment variable consulted before {@link DEFAULT_MASTER}. */
export const MASTER_ENV = 'MESETA_MASTER';
/** The `--master` option's help, the same for every verb that takes it. */
export const MASTER_OPTION_HELP = 'master address HOST:PORT (default: $MESETA_MASTER, else the client config\'s master, else 127.0.0.1:5050)';

/**
 * The master address an operator verb talks to: `--master`, else
 * `$MESETA_MASTER`, else the client config's `master` (`$MESETA_CONFIG`,
 * `~/.meseta/config.json`), else `127.0.0.1:5050`. Accepts `host:port` and the URL
 * `meseta local` prints (`http://127.0.0.1:5050/`), and `zk://host:port/path`
 * to follow the leading master in ZooKeeper.
 */
export function masterFlag(flag: string, text: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = text ?? env[MASTER_ENV] ?? configuredMaster(env) ?? DEFAULT_MASTER;
  if (given.trim().startsWith('zk://')) {
    // Follow the leader in ZooKeeper.
    try {
      parseZooKeeperUrl(given.trim());
    } catch (e) {
      throw new UsageError(`${text !== undefined ? flag : `$${MASTER_ENV}`}: ${(e as Error).message}`);
    }
    return given.trim();
  }
  const trimmed = given.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const m = /^([^:/\s]+):(\d+)$/.exec(trimmed);
  const source = text !== undefined ? flag : env[MASTER_ENV] !== undefined ? `$${MASTER_ENV}` : configuredMaster(env) !== undefined ? 'the client config\'s master' : flag;
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new UsageError(`${source}: "${given}" is not HOST:PORT`);
  return `${m[1]}:${m[2]}`;
}
