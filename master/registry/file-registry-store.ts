/**
 * The registry in local files: a snapshot (`registry.json`, the whole
 * registry, written to a temp file, fsynced, renamed) and an append-only
 * log beside it (`registry.json.log`) of mutation groups, one line each:
 * `<crc32 hex> <json>\n`, fsynced per group. The log's first line is a
 * header naming its generation; the snapshot names the generation of the
 * log that follows it, so a log already compacted into the snapshot (a
 * crash between the two renames) is recognised and ignored.
 *
 * The log stays open between appends while they keep coming (a
 * registration storm appends a group per fsync); it is closed after
 * {@link APPEND_IDLE_MS} without one, and before the log is replaced.
 *
 * Reading: a torn last line (a crash mid-append: no newline, or a bad
 * checksum on the last line) was never acknowledged; it is dropped with a
 * log line and cut off the file. A bad line before the last one is
 * corruption: recovery refuses, naming the log file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Logger } from '@meseta/runtime/log';
import type { RegistryLog, RegistryLogStore } from './registry-store';
import { RegistryError } from './registry-state';

const LOG_FORMAT = 'meseta-registry-log';
/** The open log is closed after this long without an append. */
export const APPEND_IDLE_MS = 2000;

/** One log line for `payload`. */
export function logLine(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${crc32(payload).toString(16).padStart(8, '0')} `), payload, Buffer.from('\n')]);
}

/** The payload of a log line (without its newline), or undefined when its checksum does not match. */
function linePayload(line: Buffer): Buffer | undefined {
  if (line.length < 9 || line[8] !== 0x20) return undefined;
  const payload = line.subarray(9);
  return line.subarray(0, 8).toString('latin1') === crc32(payload).toString(16).padStart(8, '0') ? payload : undefined;
}

/** What {@link parseLog} found in a log file's bytes. */
export interface ParsedLog {
  generation: number;
  groups: Buffer[];
  /** Bytes of whole, valid lines; anything after is a torn tail. */
  goodBytes: number;
  /** Set when a torn last line was dropped. */
  torn?: string;
}

/** Parse a log file's bytes; throws RegistryError naming `where` for a bad line that is not the last. Pure. */
export function parseLog(bytes: Buffer, where: string): ParsedLog {
  const out: ParsedLog = { generation: -1, groups: [], goodBytes: 0 };
  let at = 0;
  let index = 0;
  while (at < bytes.length) {
    const nl = bytes.indexOf(0x0a, at);
    if (nl < 0) {
      out.torn = `a last record of ${bytes.length - at} bytes without its end`;
      break;
    }
    const payload = linePayload(bytes.subarray(at, nl));
    let header: { format?: unknown; generation?: unknown } | undefined;
    if (payload && index === 0) {
      try {
        header = JSON.parse(payload.toString('utf8')) as typeof header;
      } catch {
        header = undefined;
      }
    }
    const valid = payload !== undefined && (index > 0 || (header?.format === LOG_FORMAT && typeof header.generation === 'number'));
    if (!valid) {
      if (nl + 1 >= bytes.length) {
        out.torn = `a last record (line ${index + 1}) that fails its checksum`;
        break;
      }
      throw new RegistryError(where, `is corrupt (line ${index + 1} of the log fails its checksum, and records follow it)`);
    }
    if (index === 0) out.generation = header!.generation as number;
    else out.groups.push(payload!);
    index++;
    at = nl + 1;
    out.goodBytes = at;
  }
  return out;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readIfThere(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.promises.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A registry snapshot file, e.g. `<work-dir>/registry.json`, with its log beside it. */
export class FileRegistryStore implements RegistryLogStore {
  readonly logWhere: string;
  /** The generation of the log file on disk; -1 before one is known. */
  private generation = -1;
  /** The log, open for appending (between appends that keep coming). */
  private appendHandle?: fs.promises.FileHandle;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    readonly where: string,
    private readonly log?: Logger,
  ) {
    this.logWhere = `${where}.log`;
  }

  async loadLog(): Promise<RegistryLog> {
    await this.close();
    const snapshot = await readIfThere(this.where);
    const bytes = await readIfThere(this.logWhere);
    if (!bytes) {
      this.generation = -1;
      return { snapshot, generation: -1, groups: [], bytes: 0 };
    }
    const parsed = parseLog(bytes, this.logWhere);
    if (parsed.torn) {
      this.log?.warn('registry log ends in a torn record (a write cut short, never acknowledged); dropping it', {
        file: this.logWhere, at: parsed.goodBytes, problem: parsed.torn,
      });
      if (parsed.goodBytes === 0) await fs.promises.rm(this.logWhere, { force: true });
      else await this.truncate(parsed.goodBytes);
    }
    this.generation = parsed.goodBytes === 0 ? -1 : parsed.generation;
    return { snapshot, generation: this.generation, groups: parsed.groups, bytes: parsed.goodBytes };
  }

  async append(generation: number, group: Buffer): Promise<void> {
    if (this.generation !== generation) await this.startLog(generation);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const handle = (this.appendHandle ??= await fs.promises.open(this.logWhere, 'a'));
    try {
      await handle.write(logLine(group));
      await handle.sync();
    } catch (e) {
      await this.close();
      throw e;
    }
    this.idleTimer = setTimeout(() => void this.close(), APPEND_IDLE_MS);
    this.idleTimer.unref();
  }

  /** Close the log if it is open (it opens again on the next append). */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const handle = this.appendHandle;
    this.appendHandle = undefined;
    await handle?.close().catch(() => undefined);
  }

  async compact(pieces: AsyncIterable<string>, generation: number): Promise<number> {
    const dir = path.dirname(this.where);
    await fs.promises.mkdir(dir, { recursive: true });
    const temp = `${this.where}.tmp-${process.pid}`;
    const handle = await fs.promises.open(temp, 'w');
    let bytes = 0;
    try {
      for await (const piece of pieces) {
        const buf = Buffer.from(piece);
        bytes += buf.length;
        await handle.write(buf);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, this.where);
    await syncDir(dir);
    await this.startLog(generation);
    return bytes;
  }

  /** Replace the log with an empty one of `generation` (temp, fsync, rename, directory fsync). */
  private async startLog(generation: number): Promise<void> {
    // An open handle would keep appending to the file the rename replaces.
    await this.close();
    const dir = path.dirname(this.logWhere);
    await fs.promises.mkdir(dir, { recursive: true });
    const temp = `${this.logWhere}.tmp-${process.pid}`;
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.write(logLine(Buffer.from(JSON.stringify({ format: LOG_FORMAT, generation }))));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, this.logWhere);
    await syncDir(dir);
    this.generation = generation;
  }

  private async truncate(length: number): Promise<void> {
    await this.close();
    const handle = await fs.promises.open(this.logWhere, 'r+');
    try {
      await handle.truncate(length);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
