/**
 * The ZooKeeper state store (`--zk zk://host:port[,host:port]/path`): the
 * framework's document is the data of one persistent znode, created (with
 * its parents) on the first write. ZooKeeper refuses nodes above its
 * `jute.maxbuffer` (1 MB by default); such a write fails with a message
 * saying so.
 */
import type { Logger } from '../../proto/src/log';
import type { StateStore } from './state-store';
import { ZooKeeperClient, ZooKeeperError, ZK_ERRORS, parseHosts } from './zookeeper-client';

/** Largest document written without a warning (ZooKeeper's default node limit is 1 MB). */
export const ZNODE_LIMIT_BYTES = 1024 * 1024 - 1024;

/** `zk://hosts/path` → hosts and path. @throws Error naming the problem. */
export function parseZooKeeperUrl(url: string): { hosts: string; path: string } {
  const m = /^zk:\/\/([^/]+)(\/.*)$/.exec(url);
  if (!m) throw new Error(`--zk: "${url}" is not zk://host:port[,host:port]/path`);
  const path = m[2].replace(/\/+$/, '');
  if (path === '' || path.split('/').slice(1).some((p) => p === '' || p === '.' || p === '..')) throw new Error(`--zk: "${url}" needs a node path such as /meseta/services`);
  return { hosts: m[1], path };
}

/** Keeps the document in one znode. */
export class ZooKeeperStateStore implements StateStore {
  readonly location: string;

  constructor(
    private readonly client: ZooKeeperClient,
    private readonly path: string,
    hosts: string,
    private readonly logger?: Logger,
  ) {
    this.location = `zk://${hosts}${path}`;
  }

  /** A store for `zk://host:port[,host:port]/path`. */
  static fromUrl(url: string, logger?: Logger): ZooKeeperStateStore {
    const { hosts, path } = parseZooKeeperUrl(url);
    return new ZooKeeperStateStore(new ZooKeeperClient(parseHosts(hosts)), path, hosts, logger);
  }

  async read(): Promise<string | undefined> {
    const data = await this.client.getData(this.path);
    return data === undefined ? undefined : data.toString('utf8');
  }

  async write(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    if (data.length > ZNODE_LIMIT_BYTES) {
      throw new Error(`state is ${data.length} bytes, above ZooKeeper's node limit (jute.maxbuffer, 1 MB by default); use --state-file or raise the limit`);
    }
    try {
      await this.client.setData(this.path, data);
      return;
    } catch (e) {
      if (!(e instanceof ZooKeeperError && ZK_ERRORS[e.code] === 'NONODE')) throw e;
    }
    const parts = this.path.split('/').slice(1);
    for (let i = 1; i < parts.length; i++) await this.client.create('/' + parts.slice(0, i).join('/'), Buffer.alloc(0));
    if (!(await this.client.create(this.path, data))) await this.client.setData(this.path, data);
    this.logger?.info('state node created', { location: this.location });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
