/**
 * Finding the leading master. Agents, the SDK and the CLI take `--master`
 * either as `host:port` (a fixed master) or `zk://host:port/path` (follow
 * whoever leads in ZooKeeper). The ZooKeeper form watches the contenders'
 * ephemeral sequential znodes; the lowest sequence number is the leader and
 * its data is the MasterInfo as JSON ({ id, hostname, address: { ip, port },
 * version }).
 */
import { isZooKeeperUrl, parseZooKeeperUrl } from './zk-url';
import { LEADER_ZNODE_PREFIX, connectZooKeeper, getChildren, getData, sequenceOf, type ZkClient } from './zk-client';

/** Where the leading master is, now and as it changes. */
export interface MasterDetector {
  /** The leader's `ip:port`; waits up to `timeoutMs` for one to be elected. */
  leader(timeoutMs?: number): Promise<string>;
  /** The last known leader, without waiting. */
  current(): string | undefined;
  /** Subscribe to changes (undefined: no leader right now). Returns the unsubscribe. */
  onChange(listener: (address: string | undefined) => void): () => void;
  close(): void;
}

/** A fixed master address. */
export class StaticMasterDetector implements MasterDetector {
  constructor(private readonly address: string) {}
  async leader(): Promise<string> {
    return this.address;
  }
  current(): string {
    return this.address;
  }
  onChange(): () => void {
    return () => undefined;
  }
  close(): void {}
}

/** The leader as ZooKeeper says, following every change. */
export class ZooKeeperMasterDetector implements MasterDetector {
  private client?: ZkClient;
  private address: string | undefined;
  private readonly listeners = new Set<(address: string | undefined) => void>();
  private waiters: Array<(address: string) => void> = [];
  private closed = false;
  private readonly connectionString: string;
  private readonly path: string;
  private starting?: Promise<void>;

  constructor(url: string) {
    const parsed = parseZooKeeperUrl(url);
    this.connectionString = parsed.connectionString;
    this.path = parsed.path;
  }

  async leader(timeoutMs = 30_000): Promise<string> {
    this.start();
    if (this.address) return this.address;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`no leading master found in ZooKeeper at ${this.connectionString}${this.path} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (address: string): void => {
        clearTimeout(timer);
        resolve(address);
      };
      this.waiters.push(done);
    });
  }

  current(): string | undefined {
    this.start();
    return this.address;
  }

  onChange(listener: (address: string | undefined) => void): () => void {
    this.start();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.client?.close();
  }

  private start(): void {
    if (this.starting || this.closed) return;
    this.starting = this.connect();
  }

  private async connect(): Promise<void> {
    while (!this.closed) {
      try {
        this.client = await connectZooKeeper(this.connectionString);
        this.client.on('state', (state: { name?: string }) => {
          if (state?.name === 'EXPIRED' && !this.closed) {
            this.client?.close();
            this.starting = undefined;
            this.start();
          }
        });
        await this.watch();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private async watch(): Promise<void> {
    if (this.closed || !this.client) return;
    const client = this.client;
    let children: string[];
    try {
      children = await getChildren(client, this.path, () => void this.watch().catch(() => undefined));
    } catch {
      // The path does not exist yet: look again shortly.
      this.set(undefined);
      setTimeout(() => void this.watch().catch(() => undefined), 500).unref();
      return;
    }
    const contenders = children.filter((c) => c.startsWith(LEADER_ZNODE_PREFIX)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
    if (contenders.length === 0) {
      this.set(undefined);
      return;
    }
    const node = await getData(client, `${this.path}/${contenders[0]}`).catch(() => undefined);
    if (!node) {
      setTimeout(() => void this.watch().catch(() => undefined), 100).unref();
      return;
    }
    try {
      const info = JSON.parse(node.data.toString('utf8')) as { address?: { ip?: string; port?: number }; hostname?: string; port?: number };
      const ip = info.address?.ip ?? info.hostname ?? '127.0.0.1';
      const port = info.address?.port ?? info.port ?? 5050;
      this.set(`${ip}:${port}`);
    } catch {
      this.set(undefined);
    }
  }

  private set(address: string | undefined): void {
    if (address === this.address) return;
    this.address = address;
    if (address) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w(address);
    }
    for (const l of this.listeners) l(address);
  }
}

/** A detector for a `--master` value: `host:port` or `zk://...`. */
export function createMasterDetector(spec: string): MasterDetector {
  return isZooKeeperUrl(spec) ? new ZooKeeperMasterDetector(spec) : new StaticMasterDetector(spec);
}
