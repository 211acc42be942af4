/**
 * The small part of ZooKeeper the registry's log store uses, behind an
 * interface so unit tests can run it against an in-memory stand-in
 * (test/harness/memory-zookeeper.ts), and its adapter over
 * node-zookeeper-client.
 */
import type { ZkClient } from '@meseta/runtime/zk-client';
import { ZkCreateMode, ZkExceptionCode } from '@meseta/runtime/zk-client';

/** One operation of a multi (ZooKeeper `transaction()`): all apply, or none. */
export type ZkOp =
  /** Fails the multi unless the node's data version is `version` (≥ 1: see {@link RegistryZooKeeper.multi}). */
  | { kind: 'check'; path: string; version: number }
  /** Create a persistent node; `sequential` appends ZooKeeper's 10-digit counter to the name. */
  | { kind: 'create'; path: string; data: Buffer; sequential?: boolean }
  /** Replace a node's data, whatever its version. */
  | { kind: 'setData'; path: string; data: Buffer }
  /** Delete a node (it must have no children), whatever its version. */
  | { kind: 'remove'; path: string };

/** What failed in ZooKeeper, as data. */
export type ZkErrorCode = 'BAD_VERSION' | 'NO_NODE' | 'NODE_EXISTS' | 'NOT_EMPTY' | 'OTHER';

/** A refused ZooKeeper call; for a multi, `index` names the operation that failed. */
export class ZkCallError extends Error {
  constructor(
    readonly code: ZkErrorCode,
    message: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'ZkCallError';
  }
}

/** The ZooKeeper calls the registry log store makes. Paths are absolute. */
export interface RegistryZooKeeper {
  /** Data and data version of a node; undefined when it does not exist. */
  getData(path: string): Promise<{ data: Buffer; version: number } | undefined>;
  /** Names of a node's children (unordered); undefined when the node does not exist. */
  getChildren(path: string): Promise<string[] | undefined>;
  /** Create every missing node along `path` (persistent, empty). */
  mkdirp(path: string): Promise<void>;
  /** Create a persistent node; rejects with NODE_EXISTS when it is there. */
  create(path: string, data: Buffer): Promise<void>;
  /** Replace a node's data whatever its version; resolves with the new version. */
  setData(path: string, data: Buffer): Promise<number>;
  /**
   * Apply `ops` atomically; resolves with each op's resulting path (the
   * full name of a sequential node). Rejects with a {@link ZkCallError}
   * naming the op that failed. A check's version must be ≥ 1:
   * node-zookeeper-client sends 0 as "any version".
   */
  multi(ops: ZkOp[]): Promise<string[]>;
}

const CODES: Record<number, ZkErrorCode> = {
  [ZkExceptionCode.BAD_VERSION]: 'BAD_VERSION',
  [ZkExceptionCode.NO_NODE]: 'NO_NODE',
  [ZkExceptionCode.NODE_EXISTS]: 'NODE_EXISTS',
  [ZkExceptionCode.NOT_EMPTY]: 'NOT_EMPTY',
};

/** The {@link ZkErrorCode} of an error from node-zookeeper-client (or a {@link ZkCallError}). */
export function zkErrorCode(error: unknown): ZkErrorCode {
  if (error instanceof ZkCallError) return error.code;
  return codeOf(error);
}

function codeOf(error: unknown): ZkErrorCode {
  const code = (error as { getCode?: () => number }).getCode?.();
  return code === undefined ? 'OTHER' : CODES[code] ?? 'OTHER';
}

function wrap(error: unknown, what: string, index?: number): ZkCallError {
  return new ZkCallError(codeOf(error), `${what}: ${(error as Error).message ?? String(error)}`, index);
}

/** The interface over a node-zookeeper-client session. */
export function zooKeeperSurface(client: ZkClient): RegistryZooKeeper {
  return {
    getData: (path) =>
      new Promise((resolve, reject) =>
        client.getData(path, (error, data, stat) => {
          if (error) {
            if (codeOf(error) === 'NO_NODE') resolve(undefined);
            else reject(wrap(error, `reading ${path}`));
            return;
          }
          resolve({ data: data ?? Buffer.alloc(0), version: stat.version });
        }),
      ),
    getChildren: (path) =>
      new Promise((resolve, reject) =>
        client.getChildren(path, (error, children) => {
          if (error) {
            if (codeOf(error) === 'NO_NODE') resolve(undefined);
            else reject(wrap(error, `listing ${path}`));
            return;
          }
          resolve(children);
        }),
      ),
    mkdirp: (path) =>
      new Promise((resolve, reject) =>
        client.mkdirp(path, (error) => (error && codeOf(error) !== 'NODE_EXISTS' ? reject(wrap(error, `creating ${path}`)) : resolve())),
      ),
    create: (path, data) =>
      new Promise((resolve, reject) => client.create(path, data, ZkCreateMode.PERSISTENT, (error) => (error ? reject(wrap(error, `creating ${path}`)) : resolve()))),
    setData: (path, data) =>
      new Promise((resolve, reject) =>
        client.setData(path, data, -1, (error, stat) => (error ? reject(wrap(error, `writing ${path}`)) : resolve(stat.version))),
      ),
    multi: (ops) =>
      new Promise((resolve, reject) => {
        const tx = client.transaction();
        for (const op of ops) {
          if (op.kind === 'check') {
            if (op.version < 1) throw new Error(`a check of ${op.path} at version ${op.version}: node-zookeeper-client reads 0 as "any version"`);
            tx.check(op.path, op.version);
          } else if (op.kind === 'create') tx.create(op.path, op.data, op.sequential ? ZkCreateMode.PERSISTENT_SEQUENTIAL : ZkCreateMode.PERSISTENT);
          else if (op.kind === 'setData') tx.setData(op.path, op.data, -1);
          else tx.remove(op.path, -1);
        }
        tx.commit((error, raw) => {
          const results = (raw ?? []) as Array<{ path?: string; err?: number }>;
          if (!error) {
            resolve(results.map((r, i) => r.path ?? ops[i].path));
            return;
          }
          const index = results.findIndex((r) => r.err !== undefined && r.err !== 0);
          const at = index >= 0 ? index : undefined;
          reject(wrap(error, at === undefined ? 'a ZooKeeper multi' : `a ZooKeeper multi (its ${ops[at].kind} of ${ops[at].path})`, at));
        });
      }),
  };
}
