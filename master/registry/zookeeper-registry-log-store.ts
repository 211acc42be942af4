/**
 * The registry in ZooKeeper (`--zk zk://hosts/path`) as a snapshot in
 * chunks plus an append-only log of mutation groups, so no znode comes
 * near ZooKeeper's jute.maxbuffer (1 MB by default) and a registration
 * writes what changed, not the whole registry. Layout under
 * `<path>/registry-store`:
 *
 * ```
 * fence                        version bumped by each leader when it loads (its data: who)
 * header                       {"format":"meseta-registry-zk","version":1,"generation":G,
 *                               "chunks":N,"bytes":B,"crc32":C}: the committed snapshot
 * g<G 10 digits>/snapshot/c<i 8 digits>   the snapshot's bytes, at most 256 KiB a chunk
 * g<G 10 digits>/log/r<seq 10 digits>     log records (PERSISTENT_SEQUENTIAL), in order
 * ```
 *
 * A log record is `mzr1 <crc32 hex8> <part>/<parts> <payload>`. A group
 * (the JSON array of ops the Registrar appends) that fits in a chunk is one
 * record `1/1`. A larger group is cut at op boundaries into several `1/1`
 * records, each a JSON array of whole ops; an op larger than a chunk alone
 * is cut into parts `1/n … n/n` whose payloads joined are a JSON array.
 * The records of a group are written in order and the append resolves (its
 * callers are released) only once all are written. A crash (or a lost
 * leadership) in between leaves the first records durable but their
 * callers unanswered: on recovery their ops are replayed. The protocol
 * allows it: a caller whose write failed does not know whether its
 * mutation happened, and the master that made it is gone (a failed write
 * is fatal); agents and frameworks re-register with the new leader, which
 * finds the mutation already applied. Parts of a cut op that never got its
 * last part are dropped on recovery (and deleted), as a torn last line of
 * the file store's log is.
 *
 * Fencing: every write is a ZooKeeper multi that first checks the fence's
 * version seen when this master loaded the registry. A new leader bumps
 * the fence before it reads, so once it has loaded, every write of a
 * deposed leader is refused ("this master is no longer the leader"); a
 * write the deposed leader made before the bump is in what the new leader
 * reads.
 *
 * Compaction writes the new snapshot's chunks under generation G+1, then
 * switches the header (fenced; this is the commit), then deletes
 * generation G's chunks and log records in batches, in the background. On
 * load, generations other than the header's (an older one whose deletion
 * was cut short, a newer one whose compaction was cut short) are ignored
 * and deleted. A record or snapshot that fails its checksum is corruption
 * (ZooKeeper writes a znode whole): recovery refuses, naming the znode.
 *
 * Migration: a registry written by the earlier single-znode store
 * (`<path>/registry`, the whole JSON) is read when there is no header,
 * written as generation 0 (or the generation it names), committed, and the
 * old znode removed.
 */
import * as os from 'node:os';
import { crc32 } from 'node:zlib';
import type { Logger } from '@meseta/runtime/log';
import type { RegistryLog, RegistryLogStore } from './registry-store';
import { RegistryError, parseRegistry } from './registry-state';
import { ZkCallError, type RegistryZooKeeper, type ZkOp } from './zookeeper-surface';

/** Largest snapshot chunk and log record by default: well under ZooKeeper's 1 MB jute.maxbuffer. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;
const HEADER_FORMAT = 'meseta-registry-zk';
const HEADER_VERSION = 1;
const RECORD_MAGIC = 'mzr1';
/** Room a record's own header takes (magic, checksum, part numbers). */
const RECORD_OVERHEAD = 48;

/** The committed snapshot, as the header znode names it. */
export interface SnapshotHeader {
  generation: number;
  chunks: number;
  bytes: number;
  crc32: number;
}

/** One decoded log record. */
export interface LogRecord {
  part: number;
  parts: number;
  payload: Buffer;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The bytes of one log record. Pure. */
export function encodeRecord(part: number, parts: number, payload: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(`${part}/${parts} `), payload]);
  return Buffer.concat([Buffer.from(`${RECORD_MAGIC} ${hex8(crc32(body))} `), body]);
}

/** Read a log record; throws RegistryError naming `where` when it is not one or fails its checksum. Pure. */
export function decodeRecord(bytes: Buffer, where: string): LogRecord {
  const prefix = RECORD_MAGIC.length + 10;
  if (bytes.length < prefix || bytes.subarray(0, RECORD_MAGIC.length + 1).toString('latin1') !== `${RECORD_MAGIC} ` || bytes[prefix - 1] !== 0x20) {
    throw new RegistryError(where, 'is corrupt (not a registry log record)');
  }
  const body = bytes.subarray(prefix);
  if (bytes.subarray(RECORD_MAGIC.length + 1, prefix - 1).toString('latin1') !== hex8(crc32(body))) {
    throw new RegistryError(where, 'is corrupt (the log record fails its checksum)');
  }
  const space = body.indexOf(0x20);
  const m = space > 0 ? /^(\d+)\/(\d+)$/.exec(body.subarray(0, space).toString('latin1')) : null;
  const part = m ? Number(m[1]) : NaN;
  const parts = m ? Number(m[2]) : NaN;
  if (!m || part < 1 || parts < 1 || part > parts) throw new RegistryError(where, 'is corrupt (the log record has no valid part number)');
  return { part, parts, payload: body.subarray(space + 1) };
}

function cutBytes(payload: Buffer, room: number): Buffer[] {
  const parts = Math.max(1, Math.ceil(payload.length / room));
  return Array.from({ length: parts }, (_, i) => encodeRecord(i + 1, parts, payload.subarray(i * room, (i + 1) * room)));
}

/**
 * The records of one group, each at most `limit` bytes: the group whole
 * when it fits; else its JSON array cut at element boundaries, an element
 * too large alone cut into parts (a group that is not a JSON array is cut
 * into parts). Pure.
 */
export function splitGroup(group: Buffer, limit: number): Buffer[] {
  const room = limit - RECORD_OVERHEAD;
  if (room < 16) throw new Error(`a record limit of ${limit} bytes leaves no room for a payload`);
  if (group.length <= room) return [encodeRecord(1, 1, group)];
  let elements: string[] | undefined;
  try {
    const value: unknown = JSON.parse(group.toString('utf8'));
    if (Array.isArray(value)) elements = value.map((e) => JSON.stringify(e));
  } catch {
    elements = undefined;
  }
  if (!elements) return cutBytes(group, room);
  const out: Buffer[] = [];
  let batch: string[] = [];
  let size = 2;
  const flush = (): void => {
    if (batch.length > 0) out.push(encodeRecord(1, 1, Buffer.from(`[${batch.join(',')}]`)));
    batch = [];
    size = 2;
  };
  for (const element of elements) {
    const bytes = Buffer.byteLength(element);
    if (bytes + 2 > room) {
      flush();
      out.push(...cutBytes(Buffer.from(`[${element}]`), room));
      continue;
    }
    const added = bytes + (batch.length > 0 ? 1 : 0);
    if (size + added > room) flush();
    size += bytes + (batch.length > 0 ? 1 : 0);
    batch.push(element);
  }
  flush();
  return out;
}

/** What {@link assembleGroups} made of a log's records. */
export interface AssembledLog {
  /** Each group's payload, in order. */
  groups: Buffer[];
  /** Names of records of a cut op that never got all its parts (never acknowledged). */
  dropped: string[];
}

/** Join the records (in log order) into groups; parts without all their siblings are dropped. Pure. */
export function assembleGroups(records: Array<{ name: string; record: LogRecord }>): AssembledLog {
  const out: AssembledLog = { groups: [], dropped: [] };
  let open: { names: string[]; payloads: Buffer[]; parts: number } | undefined;
  const dropOpen = (): void => {
    if (open) out.dropped.push(...open.names);
    open = undefined;
  };
  for (const { name, record } of records) {
    if (record.part === 1) {
      dropOpen();
      if (record.parts === 1) out.groups.push(record.payload);
      else open = { names: [name], payloads: [record.payload], parts: record.parts };
    } else if (open && record.parts === open.parts && record.part === open.payloads.length + 1) {
      open.names.push(name);
      open.payloads.push(record.payload);
      if (record.part === record.parts) {
        out.groups.push(Buffer.concat(open.payloads));
        open = undefined;
      }
    } else {
      dropOpen();
      out.dropped.push(name);
    }
  }
  dropOpen();
  return out;
}

/** The header's bytes. Pure. */
export function encodeHeader(header: SnapshotHeader): Buffer {
  return Buffer.from(JSON.stringify({ format: HEADER_FORMAT, version: HEADER_VERSION, ...header }));
}

/** Read a header; throws RegistryError naming `where` for anything else. Pure. */
export function parseHeader(bytes: Buffer, where: string): SnapshotHeader {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new RegistryError(where, `is corrupt (the header is not valid JSON: ${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || doc.format !== HEADER_FORMAT) throw new RegistryError(where, 'is corrupt (the header is not a Meseta registry header)');
  if (typeof doc.version !== 'number' || doc.version > HEADER_VERSION) {
    throw new RegistryError(where, `is from a newer Meseta (header version ${String(doc.version)}, this master reads up to ${HEADER_VERSION})`);
  }
  const numbers = ['generation', 'chunks', 'bytes', 'crc32'] as const;
  for (const field of numbers) {
    const v = doc[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new RegistryError(where, `is corrupt (header field "${field}" is ${JSON.stringify(v)}, expected a whole number ≥ 0)`);
  }
  return { generation: doc.generation as number, chunks: doc.chunks as number, bytes: doc.bytes as number, crc32: doc.crc32 as number };
}

/** At most `size` requests in flight; the first failure is rethrown. */
class Window {
  private queue: Array<Promise<unknown>> = [];
  constructor(private readonly size: number) {}
  async add(request: Promise<unknown>): Promise<void> {
    request.catch(() => undefined);
    this.queue.push(request);
    if (this.queue.length >= this.size) await this.queue.shift();
  }
  async drain(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    const results = await Promise.allSettled(queue);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** Options of {@link ZooKeeperRegistryLogStore}. */
export interface ZooKeeperRegistryLogStoreOptions {
  /** Largest snapshot chunk and log record. @default 256 KiB */
  chunkBytes?: number;
  /** Read only (tools, tests): no fence bump, no migration, no cleanup; writes throw. @default false */
  readOnly?: boolean;
  /** Znodes deleted per multi when cleaning up a generation. @default 200 */
  deleteBatch?: number;
  /** ZooKeeper requests kept in flight while writing or reading chunks and records. @default 8 */
  window?: number;
  /** Written into the fence when this store loads (who holds it). @default hostname:pid */
  holder?: string;
  log?: Logger;
}

/** The registry in ZooKeeper, as chunked snapshot plus log (see the file's TSDoc). */
export class ZooKeeperRegistryLogStore implements RegistryLogStore {
  readonly where: string;
  readonly logWhere: string;
  /** Znode data bytes this store wrote (for benchmarks and tests). */
  bytesWritten = 0;
  /** ZooKeeper writes (multis) this store made. */
  writes = 0;
  private readonly root: string;
  private readonly fencePath: string;
  private readonly headerPath: string;
  private readonly legacyPath: string;
  private readonly chunkBytes: number;
  private readonly deleteBatch: number;
  private readonly window: number;
  private readonly readOnly: boolean;
  private readonly holder: string;
  private readonly log?: Logger;
  /** Fence version this store set when it loaded; 0 before. */
  private fenceVersion = 0;
  /** The committed snapshot's generation; -1 when there is none. */
  private generation = -1;
  private cleanup: Promise<void> = Promise.resolve();

  constructor(
    private readonly zk: RegistryZooKeeper,
    /** The `zk://` URL's path, e.g. `/meseta`. */
    path: string,
    options: ZooKeeperRegistryLogStoreOptions = {},
  ) {
    this.root = `${path}/registry-store`;
    this.fencePath = `${this.root}/fence`;
    this.headerPath = `${this.root}/header`;
    this.legacyPath = `${path}/registry`;
    this.where = `zk:${this.root}`;
    this.logWhere = `zk:${this.root}/g*/log`;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.deleteBatch = Math.max(1, options.deleteBatch ?? 200);
    this.window = Math.max(1, options.window ?? 8);
    this.readOnly = options.readOnly ?? false;
    this.holder = options.holder ?? `${os.hostname()}:${process.pid}`;
    this.log = options.log;
  }

  private generationPath(generation: number): string {
    return `${this.root}/g${pad(generation, 10)}`;
  }

  private chunkPath(generation: number, index: number): string {
    return `${this.generationPath(generation)}/snapshot/c${pad(index, 8)}`;
  }

  private logPath(generation: number): string {
    return `${this.generationPath(generation)}/log`;
  }

  /**
   * Bump the fence (unless read only), then read the committed snapshot and
   * its log; carry a single-znode registry over; drop parts cut short;
   * queue the deletion of other generations.
   */
  async loadLog(): Promise<RegistryLog> {
    await this.zk.mkdirp(this.root);
    if (!this.readOnly) await this.bumpFence();
    const headerNode = await this.zk.getData(this.headerPath);
    const legacy = await this.zk.getData(this.legacyPath);
    const generations = ((await this.zk.getChildren(this.root)) ?? []).filter((n) => /^g\d+$/.test(n)).map((n) => Number(n.slice(1)));
    if (!headerNode) {
      this.generation = -1;
      if (this.readOnly) return { snapshot: legacy && legacy.data.length > 0 ? legacy.data : undefined, generation: -1, groups: [], bytes: 0 };
      if (generations.length > 0) {
        this.log?.warn('registry in ZooKeeper holds a snapshot never committed (a first compaction cut short); deleting it', { where: this.where, generations });
        await this.removeGenerations(generations);
      }
      if (legacy && legacy.data.length > 0) return this.migrate(legacy.data);
      if (legacy) await this.fenced([{ kind: 'remove', path: this.legacyPath }]);
      return { snapshot: undefined, generation: -1, groups: [], bytes: 0 };
    }
    const header = parseHeader(headerNode.data, `zk:${this.headerPath}`);
    this.generation = header.generation;
    const snapshot = await this.readSnapshot(header);
    const log = await this.readLog(header.generation);
    if (!this.readOnly) {
      if (legacy) {
        this.log?.info('removing the single-znode registry, already carried into the chunked layout', { znode: this.legacyPath });
        await this.fenced([{ kind: 'remove', path: this.legacyPath }]);
      }
      if (log.dropped.length > 0) {
        this.log?.warn('registry log in ZooKeeper ends in a group cut short (never acknowledged); dropping it', { records: log.dropped });
        await this.removeNodes(log.dropped.map((name) => `${this.logPath(header.generation)}/${name}`));
      }
      const stale = generations.filter((g) => g !== header.generation);
      if (stale.length > 0) {
        this.log?.info('deleting registry generations other than the committed one', { committed: header.generation, stale });
        this.inBackground(() => this.removeGenerations(stale));
      }
    }
    return { snapshot, generation: header.generation, groups: log.groups, bytes: log.bytes };
  }

  /**
   * Append one group as one or more records (see the file's TSDoc), fenced,
   * pipelined; resolves once every record is written. Throws when
   * `generation` is not the committed snapshot's (the Registrar compacts
   * before its first append, so that is a bug, not a state to repair).
   */
  async append(generation: number, group: Buffer): Promise<void> {
    this.requireWriter();
    if (generation !== this.generation) {
      throw new Error(`registry append to log generation ${generation}, but the committed snapshot in ${this.where} is of generation ${this.generation}`);
    }
    const window = new Window(this.window);
    for (const record of splitGroup(group, this.chunkBytes)) {
      await window.add(this.fenced([{ kind: 'create', path: `${this.logPath(generation)}/r`, data: record, sequential: true }]));
    }
    await window.drain();
  }

  /**
   * Write `pieces` as the snapshot of `generation` in chunks, commit it by
   * switching the header, and queue the deletion of the previous
   * generation (in the background). Resolves with the snapshot's size.
   */
  async compact(pieces: AsyncIterable<string>, generation: number): Promise<number> {
    this.requireWriter();
    await this.cleanup;
    if (await this.zk.getData(this.generationPath(generation))) await this.removeGenerations([generation]);
    const header = await this.writeSnapshot(generation, pieces);
    await this.commit(header);
    const old = this.generation;
    this.generation = generation;
    if (old >= 0 && old !== generation) this.inBackground(() => this.removeGenerations([old]));
    return header.bytes;
  }

  /** Resolves when background deletions queued so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    await this.cleanup;
  }

  private requireWriter(): void {
    if (this.readOnly) throw new Error(`the registry store at ${this.where} was opened read only`);
    if (this.fenceVersion < 1) throw new Error(`the registry store at ${this.where} must be loaded before it is written`);
  }

  private async bumpFence(): Promise<void> {
    try {
      await this.zk.create(this.fencePath, Buffer.alloc(0));
    } catch (e) {
      if (!(e instanceof ZkCallError && e.code === 'NODE_EXISTS')) throw e;
    }
    this.fenceVersion = await this.zk.setData(this.fencePath, Buffer.from(JSON.stringify({ holder: this.holder })));
  }

  /** Run `ops` after checking the fence, in one multi. */
  private async fenced(ops: ZkOp[]): Promise<string[]> {
    const all: ZkOp[] = [{ kind: 'check', path: this.fencePath, version: this.fenceVersion }, ...ops];
    for (const op of ops) if (op.kind === 'create' || op.kind === 'setData') this.bytesWritten += op.data.length;
    this.writes++;
    try {
      return (await this.zk.multi(all)).slice(1);
    } catch (e) {
      if (e instanceof ZkCallError && e.index === 0) {
        throw new Error(
          `registry write refused by ZooKeeper: the fence ${this.fencePath} is no longer at version ${this.fenceVersion} ` +
            `(${e.code}): another master loaded the registry since; this master is no longer the leader`,
        );
      }
      throw new Error(`registry write to ${this.where} failed: ${(e as Error).message}`);
    }
  }

  private async migrate(bytes: Buffer): Promise<RegistryLog> {
    const legacyWhere = `zk:${this.legacyPath}`;
    const state = parseRegistry(bytes, legacyWhere);
    const generation = state.logGeneration ?? 0;
    const header = await this.writeSnapshot(generation, [bytes.toString('utf8')]);
    await this.commit(header);
    await this.fenced([{ kind: 'remove', path: this.legacyPath }]);
    this.generation = generation;
    this.log?.info('carried the single-znode registry into the chunked layout', { from: legacyWhere, to: this.where, bytes: bytes.length });
    return { snapshot: bytes, generation, groups: [], bytes: 0 };
  }

  private async writeSnapshot(generation: number, pieces: AsyncIterable<string> | Iterable<string>): Promise<SnapshotHeader> {
    const base = this.generationPath(generation);
    await this.fenced([
      { kind: 'create', path: base, data: Buffer.alloc(0) },
      { kind: 'create', path: `${base}/snapshot`, data: Buffer.alloc(0) },
      { kind: 'create', path: `${base}/log`, data: Buffer.alloc(0) },
    ]);
    const window = new Window(this.window);
    let chunks = 0;
    let bytes = 0;
    let checksum = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const write = async (data: Buffer): Promise<void> => {
      checksum = crc32(data, checksum);
      bytes += data.length;
      await window.add(this.fenced([{ kind: 'create', path: this.chunkPath(generation, chunks++), data }]));
    };
    for await (const piece of pieces) {
      const buf = Buffer.from(piece);
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes < this.chunkBytes) continue;
      const all = Buffer.concat(pending);
      let at = 0;
      while (all.length - at >= this.chunkBytes) {
        await write(all.subarray(at, at + this.chunkBytes));
        at += this.chunkBytes;
      }
      pending = at < all.length ? [all.subarray(at)] : [];
      pendingBytes = all.length - at;
    }
    if (pendingBytes > 0) await write(Buffer.concat(pending));
    await window.drain();
    return { generation, chunks, bytes, crc32: checksum };
  }

  /** Switch the header to `header` (fenced): the new snapshot is committed. */
  private async commit(header: SnapshotHeader): Promise<void> {
    const exists = (await this.zk.getData(this.headerPath)) !== undefined;
    const data = encodeHeader(header);
    await this.fenced([exists ? { kind: 'setData', path: this.headerPath, data } : { kind: 'create', path: this.headerPath, data }]);
  }

  private async readSnapshot(header: SnapshotHeader): Promise<Buffer> {
    const where = `zk:${this.generationPath(header.generation)}/snapshot`;
    const paths = Array.from({ length: header.chunks }, (_, i) => this.chunkPath(header.generation, i));
    const nodes = await this.readAll(paths);
    const missing = nodes.findIndex((n) => n === undefined);
    if (missing >= 0) throw new RegistryError(where, `is incomplete (chunk ${missing} of the ${header.chunks} the header names is missing)`);
    const bytes = Buffer.concat(nodes.map((n) => n!));
    if (bytes.length !== header.bytes) throw new RegistryError(where, `is corrupt (its chunks hold ${bytes.length} bytes, the header says ${header.bytes})`);
    if (crc32(bytes) !== header.crc32) throw new RegistryError(where, 'is corrupt (the snapshot fails its checksum)');
    return bytes;
  }

  private async readLog(generation: number): Promise<AssembledLog & { bytes: number }> {
    const dir = this.logPath(generation);
    const names = ((await this.zk.getChildren(dir)) ?? []).filter((n) => /^r\d+$/.test(n)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const nodes = await this.readAll(names.map((n) => `${dir}/${n}`));
    let bytes = 0;
    const records: Array<{ name: string; record: LogRecord }> = [];
    nodes.forEach((data, i) => {
      if (!data) return; // deleted meanwhile: only a torn record is ever deleted
      bytes += data.length;
      records.push({ name: names[i], record: decodeRecord(data, `zk:${dir}/${names[i]}`) });
    });
    return { ...assembleGroups(records), bytes };
  }

  /** Read every node, 64 requests in flight at a time (a sliding window, not batches). */
  private async readAll(paths: string[]): Promise<Array<Buffer | undefined>> {
    const out = new Array<Buffer | undefined>(paths.length);
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < paths.length) {
        const i = next++;
        out[i] = (await this.zk.getData(paths[i]))?.data;
      }
    };
    await Promise.all(Array.from({ length: Math.min(paths.length, Math.max(this.window, 64)) }, reader));
    return out;
  }

  /** Delete whole generations (chunks, records, then their folders), fenced, in batches. */
  private async removeGenerations(generations: number[]): Promise<void> {
    for (const generation of generations) {
      const base = this.generationPath(generation);
      const leaves: string[] = [];
      for (const dir of [`${base}/snapshot`, `${base}/log`]) {
        for (const name of (await this.zk.getChildren(dir)) ?? []) leaves.push(`${dir}/${name}`);
      }
      await this.removeNodes(leaves);
      const folders: string[] = [];
      for (const dir of [`${base}/snapshot`, `${base}/log`, base]) if (await this.zk.getData(dir)) folders.push(dir);
      await this.removeNodes(folders);
    }
  }

  private async removeNodes(paths: string[]): Promise<void> {
    for (let i = 0; i < paths.length; i += this.deleteBatch) {
      await this.fenced(paths.slice(i, i + this.deleteBatch).map((path): ZkOp => ({ kind: 'remove', path })));
    }
  }

  private inBackground(task: () => Promise<void>): void {
    this.cleanup = this.cleanup
      .then(task)
      .catch((e) => this.log?.warn('registry cleanup in ZooKeeper stopped (the next leader finishes it)', { where: this.where, error: (e as Error).message }));
  }
}
