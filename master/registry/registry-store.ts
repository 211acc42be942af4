/**
 * Where the registry lives. One interface, three implementations: a local
 * file (default), ZooKeeper (`--zk`), and memory (unit tests).
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
