/**
 * Where a framework keeps its state between runs: one JSON document behind
 * a small interface. The file store is the default (write to a temporary
 * file, fsync, rename, fsync the directory: a crash leaves the old or the
 * new document, never half of one); the in-memory store stands in for it in
 * unit tests; the ZooKeeper store (`--zk`) keeps it in one znode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A place that holds one document (the framework's whole state). */
export interface StateStore {
  /** Human-readable location, for logs: `file /var/lib/x.json`. */
  readonly location: string;
  /** The stored document, or undefined when nothing was stored yet. */
  read(): Promise<string | undefined>;
  /** Replace the stored document; resolves once it is durable. */
  write(text: string): Promise<void>;
  /** Release connections and handles. */
  close(): Promise<void>;
}

/** Keeps the document in memory: for unit tests, and for two "processes" in one test sharing it. */
export class MemoryStateStore implements StateStore {
  readonly location = 'memory';
  /** How many writes were made (tests count group commits with it). */
  writes = 0;
  constructor(private text?: string) {}

  async read(): Promise<string | undefined> {
    return this.text;
  }

  async write(text: string): Promise<void> {
    this.writes++;
    this.text = text;
  }

  async close(): Promise<void> {
    // nothing held
  }
}

/** Keeps the document in one file, replaced atomically on every write. */
export class FileStateStore implements StateStore {
  readonly location: string;
  private counter = 0;

  constructor(private readonly file: string) {
    this.file = path.resolve(file);
    this.location = `file ${this.file}`;
  }

  async read(): Promise<string | undefined> {
    try {
      return await fs.promises.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async write(text: string): Promise<void> {
    const dir = path.dirname(this.file);
    await fs.promises.mkdir(dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.${++this.counter}.tmp`;
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, this.file);
    await syncDirectory(dir);
  }

  async close(): Promise<void> {
    // nothing held between writes
  }
}

/** fsync a directory so a rename inside it is durable (best effort where unsupported). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
