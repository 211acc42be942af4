/**
 * The host's processes as `/proc/<pid>/stat` tells them, read at most once
 * per `maxAgeMs` however many posix containers ask in one sampling round:
 * one scan of /proc serves them all (bounded cost per round: one small read
 * per process on the host, on the thread pool, never a blocking read).
 */
import * as fs from 'node:fs';
import { parseProcStat, type ProcStat } from './proc-stat';

/** Where the process table comes from (a fixture in unit tests). */
export interface ProcSource {
  /** Every process's stat text, keyed by pid; entries that vanished mid-scan are left out. */
  scan(): Promise<string[]>;
}

/** Reads the real /proc. */
export class LinuxProcSource implements ProcSource {
  constructor(private readonly root = '/proc') {}

  async scan(): Promise<string[]> {
    const names = await fs.promises.readdir(this.root);
    const texts = await Promise.all(
      names.filter((n) => /^\d+$/.test(n)).map((n) => fs.promises.readFile(`${this.root}/${n}/stat`, 'utf8').catch(() => undefined)),
    );
    return texts.filter((t): t is string => t !== undefined);
  }
}

/** The process table, cached for a short while. */
export class ProcTable {
  private cached?: { at: number; procs: Promise<ProcStat[]> };

  constructor(
    private readonly source: ProcSource = new LinuxProcSource(),
    private readonly maxAgeMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every process, from a scan at most `maxAgeMs` old. */
  processes(): Promise<ProcStat[]> {
    const now = this.now();
    if (this.cached && now - this.cached.at < this.maxAgeMs) return this.cached.procs;
    const procs = this.source.scan().then((texts) => texts.map(parseProcStat).filter((p): p is ProcStat => p !== undefined));
    this.cached = { at: now, procs };
    procs.catch(() => {
      if (this.cached?.procs === procs) this.cached = undefined;
    });
    return procs;
  }
}
