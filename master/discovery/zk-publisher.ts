/**
 * Publishes the master's endpoints as ephemeral znodes
 * (`<root>/<framework>/<service>/<task id>`, see zk-endpoint-node.ts) for
 * programs that discover through ZooKeeper. Driven by the same committed
 * changes the watch API sends (no polling); runs only on the leading
 * master (it is started once elected and stopped with the master).
 *
 * - The publisher keeps what should be there (`desired`) and what its
 *   current session wrote (`written`); each changed path is marked and a
 *   pump brings it in step, at most {@link BATCH} paths at a time. A write
 *   that fails (connection lost) is retried after a second.
 * - A new session (the first one, or one after the last expired) rebuilds
 *   the tree: every endpoint znode under `root` is removed (the old
 *   leader's, which would otherwise linger until its session expires, and
 *   anything left from before), then every endpoint is created again, owned
 *   by this session, so they vanish with it.
 * - The `<framework>` and `<service>` levels are persistent and stay when
 *   emptied, so a client's child watch on a service survives its scaling
 *   to zero.
 */
import type { Logger } from '@meseta/runtime/log';
import type { ZkCallError } from '../registry/zookeeper-surface';
import type { WatchSource } from './watch-session';
import type { EndpointChange } from './endpoint-index';
import type { DiscoveryInstance } from './discovery-instance';
import { endpointZnodeData, endpointZnodePath, znodeStep } from './zk-endpoint-node';
import { audienceSees } from './visibility';

/** The ZooKeeper calls the publisher makes, on one session. Rejections are {@link ZkCallError}s. */
export interface EndpointZooKeeper {
  /** Names of a node's children; `[]` when it does not exist. */
  children(path: string): Promise<string[]>;
  /** Create every missing node along `path` (persistent, empty). */
  mkdirp(path: string): Promise<void>;
  /** Create an ephemeral node (NODE_EXISTS, NO_NODE when its parent is missing). */
  createEphemeral(path: string, data: Buffer): Promise<void>;
  /** Replace a node's data whatever its version (NO_NODE). */
  setData(path: string, data: Buffer): Promise<void>;
  /** Delete a node whatever its version (NO_NODE, NOT_EMPTY). */
  remove(path: string): Promise<void>;
}

/** Paths written at once. */
const BATCH = 64;
/** Milliseconds before a failed write is tried again. */
const RETRY_MS = 1000;

const codeOf = (e: unknown): string | undefined => (e as Partial<ZkCallError>)?.code;
const parentOf = (path: string): string => path.slice(0, path.lastIndexOf('/'));

/** Keeps `<root>` in step with a {@link WatchSource}. */
export class ZkEndpointPublisher {
  private readonly desired = new Map<string, string>();
  private readonly written = new Map<string, string>();
  private readonly pathOf = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private zk?: EndpointZooKeeper;
  private session = 0;
  private rebuilding = false;
  private pumping = false;
  private retry?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private stopped = false;
  private waiters: Array<() => void> = [];
  /** Writes done (create, set, remove), for tests and logs. */
  writes = 0;

  constructor(
    /** Absolute path, no trailing `/`. */
    readonly root: string,
    private readonly log: Logger,
  ) {}

  /** Take the endpoints of `source` and follow its committed changes. */
  follow(source: WatchSource): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const path of this.desired.keys()) this.dirty.add(path);
    this.desired.clear();
    this.pathOf.clear();
    // The set once the feed's index is built (at once when it is); its changes from then on.
    const cancel = source.whenReady((index) => {
      if (this.stopped) return;
      for (const i of index.instances()) this.put(i);
      const unsubscribe = source.subscribe((change) => this.onChange(change));
      this.unsubscribe = unsubscribe;
      this.kick();
    });
    this.unsubscribe ??= cancel;
  }

  /** A new ZooKeeper session: rebuild the tree on it, then keep it in step. */
  async attach(zk: EndpointZooKeeper): Promise<void> {
    const session = ++this.session;
    this.zk = zk;
    this.written.clear();
    this.rebuilding = true;
    try {
      await zk.mkdirp(this.root);
      let removed = 0;
      for (const framework of await zk.children(this.root)) {
        for (const service of await zk.children(`${this.root}/${framework}`)) {
          const dir = `${this.root}/${framework}/${service}`;
          for (const leaf of await zk.children(dir)) {
            if (session !== this.session) return;
            await zk.remove(`${dir}/${leaf}`).catch((e) => {
              if (codeOf(e) !== 'NO_NODE') throw e;
            });
            removed++;
          }
        }
      }
      if (session !== this.session) return;
      this.log.info('publishing endpoints in ZooKeeper', { root: this.root, endpoints: this.desired.size, removedFromBefore: removed });
      for (const path of this.desired.keys()) this.dirty.add(path);
    } catch (e) {
      if (session !== this.session) return;
      this.log.warn('could not rebuild the endpoint tree in ZooKeeper; trying again', { root: this.root, error: (e as Error).message });
      this.rebuilding = false;
      this.retry ??= setTimeout(() => {
        this.retry = undefined;
        if (this.zk === zk && !this.stopped) void this.attach(zk);
      }, RETRY_MS);
      return;
    }
    this.rebuilding = false;
    this.kick();
  }

  /** The session is gone (expired, closed): its nodes went with it. */
  detach(): void {
    this.session++;
    this.zk = undefined;
    this.written.clear();
    for (const path of this.desired.keys()) this.dirty.add(path);
  }

  /** Resolves once ZooKeeper holds what the feed holds (nothing marked, nothing in flight). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Endpoints published now (by this session). */
  get published(): number {
    return this.written.size;
  }

  /** Stop following and writing (the session is the caller's to close). */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.detach();
  }

  private isIdle(): boolean {
    return this.zk !== undefined && !this.rebuilding && !this.pumping && this.dirty.size === 0;
  }

  private put(i: DiscoveryInstance): void {
    // ZooKeeper's readers are anyone on the ensemble: the cluster audience (no FRAMEWORK endpoints).
    if (!audienceSees('cluster', i)) return this.drop(i.id);
    const path = endpointZnodePath(this.root, i);
    const before = this.pathOf.get(i.id);
    if (before !== undefined && before !== path) this.drop(i.id);
    this.pathOf.set(i.id, path);
    this.desired.set(path, JSON.stringify(endpointZnodeData(i)));
    this.dirty.add(path);
  }

  private drop(id: string): void {
    const path = this.pathOf.get(id);
    if (path === undefined) return;
    this.pathOf.delete(id);
    this.desired.delete(path);
    this.dirty.add(path);
  }

  private onChange(change: EndpointChange): void {
    for (const r of change.removed) this.drop(r.id);
    for (const i of change.added) this.put(i);
    this.kick();
  }

  private kick(): void {
    if (this.pumping || this.rebuilding || this.retry || this.stopped || !this.zk) return;
    void this.pump(this.zk, this.session);
  }

  private async pump(zk: EndpointZooKeeper, session: number): Promise<void> {
    this.pumping = true;
    let failed: Error | undefined;
    try {
      while (this.dirty.size > 0 && session === this.session && !failed) {
        const batch = [...this.dirty].slice(0, BATCH);
        for (const p of batch) this.dirty.delete(p);
        const results = await Promise.allSettled(batch.map((p) => this.bring(zk, session, p)));
        results.forEach((r, n) => {
          if (r.status === 'fulfilled') return;
          this.dirty.add(batch[n]);
          failed ??= r.reason as Error;
        });
      }
    } finally {
      this.pumping = false;
    }
    if (failed && session === this.session && !this.stopped) {
      this.log.warn('could not write an endpoint znode; trying again', { error: failed.message });
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.kick();
      }, RETRY_MS);
      return;
    }
    if (session !== this.session) return;
    if (this.dirty.size > 0) this.kick();
    else if (this.isIdle()) for (const w of this.waiters.splice(0)) w();
  }

  /** Make `path` hold what is desired, on the session `session`. */
  private async bring(zk: EndpointZooKeeper, session: number, path: string): Promise<void> {
    const want = this.desired.get(path);
    const step = znodeStep(want, this.written.get(path));
    if (step === undefined) return;
    if (step === 'remove') {
      await zk.remove(path).catch((e) => {
        if (codeOf(e) !== 'NO_NODE') throw e;
      });
      if (session === this.session) this.written.delete(path);
    } else {
      const data = Buffer.from(want!);
      if (step === 'set') {
        await zk.setData(path, data).catch(async (e) => {
          if (codeOf(e) !== 'NO_NODE') throw e;
          await this.create(zk, path, data);
        });
      } else await this.create(zk, path, data);
      if (session === this.session) this.written.set(path, want!);
    }
    this.writes++;
  }

  /** Create `path` as this session's, replacing a node another session left there. */
  private async create(zk: EndpointZooKeeper, path: string, data: Buffer): Promise<void> {
    try {
      await zk.createEphemeral(path, data);
    } catch (e) {
      if (codeOf(e) === 'NO_NODE') await zk.mkdirp(parentOf(path));
      else if (codeOf(e) === 'NODE_EXISTS') await zk.remove(path).catch((r) => (codeOf(r) === 'NO_NODE' ? undefined : Promise.reject(r)));
      else throw e;
      await zk.createEphemeral(path, data);
    }
  }
}
