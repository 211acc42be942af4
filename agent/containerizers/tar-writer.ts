/**
 * Writing small tar archives in memory (ustar, with pax records for long
 * names): the agent builds its pod "pause" image with it, and tests build
 * tarballs of any shape, hostile ones included. Paths are written as given.
 */
import { BLOCK } from './tar-reader';

/** One entry to write. */
export interface TarWriteEntry {
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink';
  /** File content. */
  content?: Buffer | string;
  /** Target of a symlink or hard link. */
  linkTarget?: string;
  /** @default 0o644 for files, 0o755 for directories, 0o777 for links */
  mode?: number;
  uid?: number;
  gid?: number;
  /** Seconds since the epoch. @default 0 */
  mtime?: number;
}

const FLAG = { file: '0', hardlink: '1', symlink: '2', directory: '5' } as const;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, entry: TarWriteEntry, size: number, flag: string, linkname: string): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  const defaultMode = entry.type === 'file' ? 0o644 : entry.type === 'directory' ? 0o755 : 0o777;
  block.write(octal(entry.mode ?? defaultMode, 8), 100, 'latin1');
  block.write(octal(entry.uid ?? 0, 8), 108, 'latin1');
  block.write(octal(entry.gid ?? 0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(entry.mtime ?? 0, 12), 136, 'latin1');
  block.write(flag, 156, 'latin1');
  block.write(linkname, 157, 100, 'utf8');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i];
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return block;
}

function padded(content: Buffer): Buffer[] {
  const rest = content.length % BLOCK;
  return rest === 0 ? [content] : [content, Buffer.alloc(BLOCK - rest)];
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return `${length}${body}`;
}

/** A tar archive (with the two end blocks) holding `entries` in order. */
export function writeTar(entries: readonly TarWriteEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = entry.type === 'file' ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    const link = entry.linkTarget ?? '';
    const longName = Buffer.byteLength(entry.path) > 99;
    const longLink = Buffer.byteLength(link) > 99;
    if (longName || longLink) {
      const records = (longName ? paxRecord('path', entry.path) : '') + (longLink ? paxRecord('linkpath', link) : '');
      const body = Buffer.from(records, 'utf8');
      parts.push(header('PaxHeader', { path: 'PaxHeader', type: 'file', mode: 0o644 }, body.length, 'x', ''), ...padded(body));
    }
    parts.push(header(entry.path.slice(0, 99), entry, content.length, FLAG[entry.type], link.slice(0, 99)), ...padded(content));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
