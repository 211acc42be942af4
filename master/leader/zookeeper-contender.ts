/**
 * Leader election in ZooKeeper, the way Mesos does it: each master creates
 * an ephemeral sequential znode `<path>/json.info_<seq>` holding its
 * MasterInfo as JSON ({ id, hostname, address: { ip, port }, version }); the
 * lowest sequence number leads. Losing the session loses leadership.
 */
import type { MasterInfo } from '@meseta/proto/wire';
import type { LeaderContender } from './contender';
import {
  LEADER_ZNODE_PREFIX, ZkCreateMode, connectZooKeeper, create, getChildren, getData, mkdirp, sequenceOf, type ZkClient,
} from '@meseta/runtime/zk-client';
import { parseZooKeeperUrl } from '@meseta/runtime/zk-url';

/** The JSON a master writes into its znode. */
export function masterInfoJson(info: MasterInfo): string {
  return JSON.stringify({
    id: info.id,
    hostname: info.hostname,
    port: info.port,
    version: info.version,
    address: { ip: info.address?.ip ?? info.hostname, port: info.address?.port ?? info.port, hostname: info.hostname },
  });
}

/** Contends in ZooKeeper at the URL's path. */
export class ZooKeeperContender implements LeaderContender {
  private client?: ZkClient;
  private ourNode?: string;
  private current?: MasterInfo;
  private lostListeners: Array<(why: string) => void> = [];
  private changeListeners: Array<(leader: MasterInfo | undefined) => void> = [];
  private elected = false;
  private closed = false;
  private readonly connectionString: string;
  readonly path: string;

  constructor(
    url: string,
    /** Session timeout: how long after a crash the master's znode (and leadership) lingers. */
    private readonly sessionTimeoutMs = 10_000,
  ) {
    const parsed = parseZooKeeperUrl(url);
    this.connectionString = parsed.connectionString;
    this.path = parsed.path;
  }

  /** The session, for the ZooKeeper registry store (after contend resolved). */
  get zkClient(): ZkClient {
    if (!this.client) throw new Error('not connected to ZooKeeper');
    return this.client;
  }

  async contend(info: MasterInfo): Promise<void> {
    this.client = await connectZooKeeper(this.connectionString, 15_000, this.sessionTimeoutMs);
    this.client.on('state', (state: { name?: string }) => {
      if ((state?.name === 'EXPIRED' || state?.name === 'DISCONNECTED') && !this.closed) {
        if (state.name === 'EXPIRED' || this.elected) this.lose(`ZooKeeper session ${state.name.toLowerCase()}`);
      }
    });
    await mkdirp(this.client, this.path);
    const created = await create(this.client, `${this.path}/${LEADER_ZNODE_PREFIX}`, Buffer.from(masterInfoJson(info)), ZkCreateMode.EPHEMERAL_SEQUENTIAL);
    this.ourNode = created.slice(created.lastIndexOf('/') + 1);
    await new Promise<void>((resolve) => {
      const check = async (): Promise<void> => {
        if (this.closed || !this.client) return;
        const children = (await getChildren(this.client, this.path, () => void check().catch(() => undefined))).filter((c) =>
          c.startsWith(LEADER_ZNODE_PREFIX),
        );
        children.sort((a, b) => sequenceOf(a) - sequenceOf(b));
        if (!children.includes(this.ourNode!)) {
          this.lose('our election znode disappeared');
          return;
        }
        const leaderNode = children[0];
        const data = await getData(this.client, `${this.path}/${leaderNode}`);
        let leader: MasterInfo | undefined;
        try {
          leader = data ? (JSON.parse(data.data.toString('utf8')) as MasterInfo) : undefined;
        } catch {
          leader = undefined;
        }
        if (JSON.stringify(leader) !== JSON.stringify(this.current)) {
          this.current = leader;
          for (const l of this.changeListeners) l(leader);
        }
        if (leaderNode === this.ourNode && !this.elected) {
          this.elected = true;
          resolve();
        }
      };
      void check().catch(() => undefined);
    });
  }

  onLost(listener: (why: string) => void): void {
    this.lostListeners.push(listener);
  }

  leader(): MasterInfo | undefined {
    return this.current;
  }

  onLeaderChange(listener: (leader: MasterInfo | undefined) => void): void {
    this.changeListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.client?.close();
  }

  private lose(why: string): void {
    if (this.closed) return;
    const listeners = this.lostListeners;
    this.lostListeners = [];
    for (const l of listeners) l(why);
  }
}
