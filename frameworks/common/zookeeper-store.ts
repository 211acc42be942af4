/**
 * The ZooKeeper state store (`--zk zk://host:port[,host:port]/path`): the
 * framework's document is the data of one persistent znode, created (with
 * its parents) on the first write. ZooKeeper refuses nodes above its
 * `jute.maxbuffer` (1 MB by default); such a write fails with a message
 * saying so. Uses the same ZooKeeper client as the masters.
 */
import type { Logger } from '@meseta/runtime/log';
import type { StateStore } from './state-store';
import { ZkCreateMode, connectZooKeeper, create, getData, mkdirp, setData, type ZkClient } from '@meseta/runtime/zk-client';
import { parseZooKeeperUrl as parseUrl } from '@meseta/runtime/zk-url';

/** Largest document written (ZooKeeper's default node limit is 1 MB). */
export const ZNODE_LIMIT_BYTES = 1024 * 1024 - 1024;

/** `zk://hosts/path` → hosts and path. @throws Error naming the problem. */
export function parseZooKeeperUrl(url: string): { hosts: string; path: string } {
  try {
    const { connectionString, path } = parseUrl(url);
    return { hosts: connectionString, path };
  } catch (e) {
    throw new Error(`--zk: ${(e as Error).message}`);
  }
}

/** Keeps the document in one znode. */
export class ZooKeeperStateStore implements StateStore {
  readonly location: string;
  private client?: Promise<ZkClient>;

  constructor(
    private readonly hosts: string,
    private readonly path: string,
    private readonly logger?: Logger,
    private readonly connectTimeoutMs = 15_000,
  ) {
    this.location = `zk://${hosts}${path}`;
  }

  /** A store for `zk://host:port[,host:port]/path`. */
  static fromUrl(url: string, logger?: Logger, connectTimeoutMs?: number): ZooKeeperStateStore {
    const { hosts, path } = parseZooKeeperUrl(url);
    return new ZooKeeperStateStore(hosts, path, logger, connectTimeoutMs);
  }

  private session(): Promise<ZkClient> {
    this.client ??= connectZooKeeper(this.hosts, this.connectTimeoutMs).catch((e: Error) => {
      this.client = undefined;
      throw new Error(`no ZooKeeper server answered (${this.hosts}): ${e.message}`);
    });
    return this.client;
  }

  async read(): Promise<string | undefined> {
    const node = await getData(await this.session(), this.path);
    return node === undefined || node.data.length === 0 ? undefined : node.data.toString('utf8');
  }

  async write(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    if (data.length > ZNODE_LIMIT_BYTES) {
      throw new Error(`state is ${data.length} bytes, above ZooKeeper's node limit (jute.maxbuffer, 1 MB by default); use --state-file or raise the limit`);
    }
    const client = await this.session();
    if ((await getData(client, this.path)) === undefined) {
      await mkdirp(client, this.path.slice(0, this.path.lastIndexOf('/')) || '/');
      try {
        await create(client, this.path, data, ZkCreateMode.PERSISTENT);
        this.logger?.info('state node created', { location: this.location });
        return;
      } catch {
        // Created meanwhile: fall through to replace it.
      }
    }
    await setData(client, this.path, data, -1);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) (await client.catch(() => undefined))?.close();
  }
}
