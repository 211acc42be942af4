/** The registry in a local file: written to a temp file, fsynced, renamed. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RegistryStore } from './registry-store';

/** A registry file, e.g. `<work-dir>/registry.json`. */
export class FileRegistryStore implements RegistryStore {
  constructor(readonly where: string) {}

  async load(): Promise<Buffer | undefined> {
    try {
      return await fs.promises.readFile(this.where);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async store(bytes: Buffer): Promise<void> {
    const dir = path.dirname(this.where);
    await fs.promises.mkdir(dir, { recursive: true });
    const temp = `${this.where}.tmp-${process.pid}`;
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, this.where);
    // fsync the directory so the rename itself is durable.
    const dirHandle = await fs.promises.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }
}
