/**
 * The ZooKeeper state store (`--zk zk://host:port/path`): placeholder until
 * the client lands; it refuses to start with a message saying so.
 */
import type { Logger } from '../../proto/src/log';
import type { StateStore } from './state-store';

/** Keeps the document in one znode. */
export class ZooKeeperStateStore implements StateStore {
  readonly location: string;

  private constructor(url: string) {
    this.location = url;
  }

  /** A store for `zk://host:port[,host:port]/path`. */
  static fromUrl(url: string, _logger: Logger): ZooKeeperStateStore {
    return new ZooKeeperStateStore(url);
  }

  async read(): Promise<string | undefined> {
    throw new Error(`--zk ${this.location}: the ZooKeeper store is not available yet; use --state-file`);
  }

  async write(): Promise<void> {
    throw new Error(`--zk ${this.location}: the ZooKeeper store is not available yet; use --state-file`);
  }

  async close(): Promise<void> {
    // nothing held
  }
}
