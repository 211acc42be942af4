/**
 * Where the registry lives. Two shapes: a store of the whole registry's
 * bytes ({@link RegistryStore}: memory), and a snapshot plus an
 * append-only log of mutation groups ({@link RegistryLogStore}: the local
 * file with `--work-dir`, chunked znodes in ZooKeeper with `--zk`).
 */

/** Durable storage of the registry bytes. */
export interface RegistryStore {
  /** Human-readable location, for messages. */
  readonly where: string;
  /** The stored bytes, or undefined when nothing was ever stored. */
  load(): Promise<Buffer | undefined>;
  /**
   * Store the bytes durably. Rejects when this writer is no longer allowed
   * to write (another leader wrote since our last load or store).
   */
  store(bytes: Buffer): Promise<void>;
}

/** What a log store holds: the snapshot and the groups appended after it. */
export interface RegistryLog {
  /** The last snapshot's bytes (the whole-registry JSON), if one was written. */
  snapshot?: Buffer;
  /** The generation in the log's header; -1 when there is no log. */
  generation: number;
  /** Each group's payload, in order (checksums verified; a torn last group dropped). */
  groups: Buffer[];
  /** Bytes the log holds. */
  bytes: number;
}

/**
 * A registry kept as a snapshot plus an append-only log of mutation groups:
 * one durable append per group of mutations, compaction into a new snapshot
 * now and then.
 */
export interface RegistryLogStore {
  /** Human-readable location of the snapshot, for messages. */
  readonly where: string;
  /** Human-readable location of the log, for messages. */
  readonly logWhere: string;
  /** Read snapshot and log; throws RegistryError for a corrupt record before the last one. */
  loadLog(): Promise<RegistryLog>;
  /** Append one group durably to the log of `generation` (a log of another generation is replaced). */
  append(generation: number, group: Buffer): Promise<void>;
  /** Replace the snapshot with `pieces` durably, then start an empty log of `generation`. */
  compact(pieces: AsyncIterable<string>, generation: number): Promise<number>;
}

/** True for a store kept as snapshot plus log. */
export function isLogStore(store: RegistryStore | RegistryLogStore): store is RegistryLogStore {
  return 'append' in store && typeof store.append === 'function';
}

/** The in-memory stand-in. */
export class MemoryRegistryStore implements RegistryStore {
  readonly where = 'memory';
  bytes: Buffer | undefined;
  writes = 0;
  async load(): Promise<Buffer | undefined> {
    return this.bytes;
  }
  async store(bytes: Buffer): Promise<void> {
    this.bytes = Buffer.from(bytes);
    this.writes++;
  }
}
