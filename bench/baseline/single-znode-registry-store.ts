/**
 * The registry store `--zk` used before the chunked snapshot plus log
 * (master/registry/zookeeper-registry-log-store.ts), kept only as the
 * baseline of bench/registry-zk.bench.ts (a baseline we wrote ourselves).
 *
 * The registry in ZooKeeper, at `<path>/registry`. Every write is a
 * compare-and-set on the znode version seen at the last load or store, so a
 * master that lost leadership cannot overwrite what the new leader wrote.
 */
import type { RegistryStore } from '../../master/registry/registry-store';
import { ZkCreateMode, create, getData, mkdirp, setData, type ZkClient } from '@meseta/runtime/zk-client';

/** ZooKeeper-backed registry, the whole registry in one znode. */
export class ZooKeeperRegistryStore implements RegistryStore {
  private version = -2; // -2: not loaded yet
  readonly where: string;

  constructor(
    private readonly client: ZkClient,
    private readonly path: string,
  ) {
    this.where = `zk:${path}/registry`;
  }

  async load(): Promise<Buffer | undefined> {
    await mkdirp(this.client, this.path);
    const node = await getData(this.client, `${this.path}/registry`);
    this.version = node ? node.version : -1;
    return node && node.data.length > 0 ? node.data : undefined;
  }

  async store(bytes: Buffer): Promise<void> {
    if (this.version === -2) await this.load();
    if (this.version === -1) {
      await create(this.client, `${this.path}/registry`, bytes, ZkCreateMode.PERSISTENT);
      this.version = 0;
      return;
    }
    try {
      this.version = await setData(this.client, `${this.path}/registry`, bytes, this.version);
    } catch (e) {
      throw new Error(`registry write refused by ZooKeeper (${(e as Error).message}): another master wrote it; this master is no longer the leader`);
    }
  }
}
