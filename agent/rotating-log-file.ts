/**
 * A log file that rotates itself (see `log-rotation.ts`): `write` appends
 * to `stdout` and, when the next bytes would pass the size, renames the
 * files one step (`stdout` → `stdout.1`, …) and starts a new `stdout` owned
 * like the old one (the task's user). Synchronous, so bytes land in order;
 * used by the log pump process (`log-pump-main.ts`).
 */
import * as fs from 'node:fs';
import { bytesBeforeRotation, type LogRotation, rotationRenames } from './log-rotation';

/** See the file comment. */
export class RotatingLogFile {
  private fd: number;
  private size: number;

  constructor(
    private readonly file: string,
    private readonly rotation: LogRotation,
  ) {
    this.fd = fs.openSync(file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  /** Append `chunk`, rotating as often as it needs. */
  write(chunk: Uint8Array): void {
    let rest = chunk;
    while (rest.length > 0) {
      const n = bytesBeforeRotation(this.size, rest, this.rotation.maxBytes);
      if (n > 0) {
        writeAll(this.fd, rest.subarray(0, n));
        this.size += n;
        rest = rest.subarray(n);
      }
      if (rest.length > 0) this.rotate();
    }
  }

  /** Close the current file. */
  close(): void {
    fs.closeSync(this.fd);
  }

  private rotate(): void {
    const { uid, gid } = fs.fstatSync(this.fd);
    fs.closeSync(this.fd);
    for (const [from, to] of rotationRenames(this.file, this.rotation.maxFiles)) {
      try {
        fs.renameSync(from, to); // replaces `to`: the oldest is dropped
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    this.fd = fs.openSync(this.file, 'a');
    try {
      fs.fchownSync(this.fd, uid, gid);
    } catch {
      // not root: the file stays ours, as the old one was
    }
    this.size = 0;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}
