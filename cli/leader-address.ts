/**
 * The `host:port` of the master to talk to. A fixed address is used as
 * given; for `zk://` the ZooKeeper client is loaded then, and only then,
 * so verbs given `host:port` never load it.
 */
import { CliError } from './cli-error';

/** How long an operator verb waits for the master (or for ZooKeeper to name one). @default 5000 */
export const QUERY_TIMEOUT_MS = 5000;

/** `host:port` as given, or the leading master's for a `zk://` address. */
export async function leaderAddress(address: string, timeoutMs: number = QUERY_TIMEOUT_MS): Promise<string> {
  if (!address.startsWith('zk://')) return address;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createMasterDetector } = require('@meseta/runtime/master-detector') as typeof import('@meseta/runtime/master-detector');
  const detector = createMasterDetector(address);
  try {
    return await detector.leader(timeoutMs);
  } catch (e) {
    throw new CliError((e as Error).message);
  } finally {
    detector.close();
  }
}
