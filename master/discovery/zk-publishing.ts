/**
 * `meseta master --discovery-zk zk://host:port/path`: the leading master's
 * ZooKeeper session for publishing endpoints ({@link ZkEndpointPublisher}),
 * over node-zookeeper-client. The session is the publisher's own (the
 * ZooKeeper may be another ensemble than `--zk`'s); when it expires a new
 * one is opened and the tree rebuilt; stopping closes it, so every
 * endpoint znode goes at once.
 */
import type { Logger } from '@meseta/runtime/log';
import { ZkCreateMode, connectZooKeeper, type ZkClient } from '@meseta/runtime/zk-client';
import { parseZooKeeperUrl } from '@meseta/runtime/zk-url';
import { ZkCallError, zkErrorCode } from '../registry/zookeeper-surface';
import type { WatchSource } from './watch-session';
import { type EndpointZooKeeper, ZkEndpointPublisher } from './zk-publisher';

/** Milliseconds between attempts to open a session. */
const RECONNECT_MS = 1000;

/** A running publication. */
export interface ZkPublishing {
  readonly publisher: ZkEndpointPublisher;
  /** Stop publishing and close the session (its znodes vanish). */
  stop(): Promise<void>;
}

/** Check a `--discovery-zk` URL; throws naming the flag and the problem. */
export function checkDiscoveryZkUrl(url: string): void {
  try {
    parseZooKeeperUrl(url);
  } catch (e) {
    throw new Error(`--discovery-zk: ${(e as Error).message}`);
  }
}

function fail(what: string, e: unknown): ZkCallError {
  return new ZkCallError(zkErrorCode(e), `${what}: ${(e as Error).message ?? String(e)}`);
}

/** The publisher's calls over one node-zookeeper-client session. */
export function endpointZooKeeper(client: ZkClient): EndpointZooKeeper {
  return {
    children: (path) =>
      new Promise((resolve, reject) =>
        client.getChildren(path, (e, children) => (e ? (zkErrorCode(e) === 'NO_NODE' ? resolve([]) : reject(fail(`listing ${path}`, e))) : resolve(children))),
      ),
    mkdirp: (path) =>
      new Promise((resolve, reject) => client.mkdirp(path, (e) => (e && zkErrorCode(e) !== 'NODE_EXISTS' ? reject(fail(`creating ${path}`, e)) : resolve()))),
    createEphemeral: (path, data) =>
      new Promise((resolve, reject) => client.create(path, data, ZkCreateMode.EPHEMERAL, (e) => (e ? reject(fail(`creating ${path}`, e)) : resolve()))),
    setData: (path, data) => new Promise((resolve, reject) => client.setData(path, data, -1, (e) => (e ? reject(fail(`writing ${path}`, e)) : resolve()))),
    remove: (path) => new Promise((resolve, reject) => client.remove(path, -1, (e) => (e ? reject(fail(`removing ${path}`, e)) : resolve()))),
  };
}

/** Publish `source`'s endpoints under the URL's path until stopped. */
export function startZkPublishing(url: string, source: WatchSource, log: Logger, sessionTimeoutMs = 10_000): ZkPublishing {
  const { connectionString, path } = parseZooKeeperUrl(url);
  const publisher = new ZkEndpointPublisher(path, log);
  publisher.follow(source);
  let stopped = false;
  let client: ZkClient | undefined;
  let timer: NodeJS.Timeout | undefined;

  const open = async (): Promise<void> => {
    timer = undefined;
    if (stopped) return;
    let c: ZkClient;
    try {
      c = await connectZooKeeper(connectionString, 15_000, sessionTimeoutMs);
    } catch (e) {
      log.warn('could not reach ZooKeeper to publish endpoints; trying again', { zk: connectionString, error: (e as Error).message });
      if (!stopped) timer = setTimeout(() => void open(), RECONNECT_MS);
      return;
    }
    if (stopped) {
      c.close();
      return;
    }
    client = c;
    c.once('expired', () => {
      if (stopped || client !== c) return;
      log.warn('the ZooKeeper session publishing endpoints expired; opening a new one', { zk: connectionString });
      publisher.detach();
      client = undefined;
      c.close();
      timer = setTimeout(() => void open(), 0);
    });
    await publisher.attach(endpointZooKeeper(c));
  };
  void open();

  return {
    publisher,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      publisher.stop();
      client?.close();
      client = undefined;
    },
  };
}
