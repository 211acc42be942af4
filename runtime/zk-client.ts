/**
 * Small promise wrappers over node-zookeeper-client, shared by leader
 * election, leader detection and the ZooKeeper registry store.
 */
import * as zookeeper from 'node-zookeeper-client';

export type ZkClient = zookeeper.Client;
export const ZkCreateMode = zookeeper.CreateMode;
export const ZkEventType = zookeeper.Event;
export const ZkExceptionCode = zookeeper.Exception;

/** Connect and resolve once the session is up (or reject after `timeoutMs`). */
export function connectZooKeeper(connectionString: string, timeoutMs = 15_000, sessionTimeoutMs = 10_000): Promise<ZkClient> {
  const client = zookeeper.createClient(connectionString, { sessionTimeout: sessionTimeoutMs, spinDelay: 250, retries: 1 });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.close();
      reject(new Error(`could not reach ZooKeeper at ${connectionString} within ${timeoutMs} ms`));
    }, timeoutMs);
    client.once('connected', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect();
  });
}

/** Create every missing node along `path` (persistent, empty). */
export async function mkdirp(client: ZkClient, path: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    client.mkdirp(path, (error) => (error && (error as { getCode?: () => number }).getCode?.() !== zookeeper.Exception.NODE_EXISTS ? reject(error) : resolve())),
  );
}

/** Children of a node, optionally with a one-shot watcher. */
export function getChildren(client: ZkClient, path: string, watcher?: (event: zookeeper.Event) => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const cb = (error: Error | zookeeper.Exception | null, children: string[]): void => (error ? reject(error) : resolve(children));
    if (watcher) client.getChildren(path, watcher, cb);
    else client.getChildren(path, cb);
  });
}

/** Data and version of a node; undefined when it does not exist. */
export function getData(client: ZkClient, path: string): Promise<{ data: Buffer; version: number } | undefined> {
  return new Promise((resolve, reject) =>
    client.getData(path, (error, data, stat) => {
      if (error) {
        if ((error as zookeeper.Exception).getCode?.() === zookeeper.Exception.NO_NODE) resolve(undefined);
        else reject(error);
        return;
      }
      resolve({ data: data ?? Buffer.alloc(0), version: stat.version });
    }),
  );
}

/** Create a node; resolves with the created path (sequential nodes get their suffix). */
export function create(client: ZkClient, path: string, data: Buffer, mode: number): Promise<string> {
  return new Promise((resolve, reject) => client.create(path, data, mode, (error, created) => (error ? reject(error) : resolve(created))));
}

/** Set a node's data if its version is still `version` (-1: any). Resolves with the new version. */
export function setData(client: ZkClient, path: string, data: Buffer, version: number): Promise<number> {
  return new Promise((resolve, reject) => client.setData(path, data, version, (error, stat) => (error ? reject(error) : resolve(stat.version))));
}

/** The numeric suffix of a sequential node name (`json.info_0000000012` → 12). */
export function sequenceOf(name: string): number {
  const m = /(\d+)$/.exec(name);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

/** Prefix of the znodes masters create to contend (as Mesos does). */
export const LEADER_ZNODE_PREFIX = 'json.info_';
