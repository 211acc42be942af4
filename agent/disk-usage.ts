/**
 * How full the agent's disk is, for sandbox garbage collection: the used
 * fraction (0..1) of the file system holding the work dir. `statfs` in
 * production; a file holding a number for tests, so a test can simulate a
 * full disk without loop devices.
 */
import * as fs from 'node:fs';

/** Where the collector learns the disk's usage. */
export interface DiskUsageSource {
  /** The used fraction of the disk, 0..1. Rejects when it cannot be read. */
  usage(): Promise<number>;
  /** What the source is, for the log. */
  readonly describe: string;
}

/**
 * TEST ONLY: the environment variable naming a file whose content (a
 * fraction such as `0.95`) the agent takes as its disk usage instead of
 * `statfs`. Read at each disk check, so a test can change it while the
 * agent runs. Never set it on a real agent.
 */
export const TEST_DISK_USAGE_FILE_ENV = 'MESETA_TEST_DISK_USAGE_FILE';

/** The used fraction of the file system holding `dir`, as Mesos computes it: (blocks − free) / blocks. */
export class StatfsDiskUsage implements DiskUsageSource {
  readonly describe: string;
  constructor(private readonly dir: string) {
    this.describe = `statfs of ${dir}`;
  }

  async usage(): Promise<number> {
    const s = await fs.promises.statfs(this.dir);
    if (s.blocks <= 0) return 0;
    return (s.blocks - s.bfree) / s.blocks;
  }
}

/** TEST ONLY: the usage written in a file (see {@link TEST_DISK_USAGE_FILE_ENV}). */
export class FileDiskUsage implements DiskUsageSource {
  readonly describe: string;
  constructor(private readonly file: string) {
    this.describe = `the test-only file ${file} (${TEST_DISK_USAGE_FILE_ENV})`;
  }

  async usage(): Promise<number> {
    const text = (await fs.promises.readFile(this.file, 'utf8')).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new Error(`${this.file}: "${text}" is not a disk usage fraction between 0 and 1`);
    }
    return value;
  }
}

/** A usage set by the caller: for unit tests. */
export class FixedDiskUsage implements DiskUsageSource {
  readonly describe = 'a fixed value (unit tests)';
  constructor(public value: number) {}

  usage(): Promise<number> {
    return Promise.resolve(this.value);
  }
}
