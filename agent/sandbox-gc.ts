/**
 * Sandbox garbage collection (Mesos's `--gc_delay`, `--gc_disk_headroom`,
 * `--disk_watch_interval`). Every interval the collector reads the disk's
 * usage, walks the sandbox runs under `<workDir>/frameworks`, and removes
 * each completed run (its task or executor no longer tracked by the agent:
 * every update acknowledged, or its framework gone) older than the age
 * {@link gcAgeMs} allows at that usage. A run's age counts from when the
 * collector first saw it completed; a run it never saw in use (found at
 * start, after a restart) counts from its newest mtime (folder, stdout,
 * stderr), so the schedule survives restarts without a file of its own.
 *
 * Removal stays inside the sandboxes: the walk follows no symlink, each
 * run folder is checked (lstat of every component, realpath) before
 * `rm -r`, which unlinks links without following them. A run whose task or
 * executor the agent tracks is never removed: that is checked again just
 * before removal. What was collected, and when, is appended to
 * `<workDir>/gc/collected.jsonl` so that `/files` can answer 410 with the
 * time after a restart too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock, TimerHandle } from '@meseta/runtime/clock';
import type { Logger } from '@meseta/runtime/log';
import type { DiskUsageSource } from './disk-usage';
import { SANDBOXES_FOLDER } from './sandbox';
import { collectedLookupKey, gcAgeMs, runVerdict, type SandboxRun, sandboxRunOf } from './sandbox-gc-policy';

/** How the collector is set up. */
export interface SandboxGcOptions {
  workDir: string;
  /** `--gc-delay`: how long a completed sandbox is kept on an empty disk. */
  delayMs: number;
  /** `--gc-disk-headroom` (alias `--disk-watermark`): the fraction of the disk kept free. */
  headroom: number;
  /** `--disk-watch-interval`: how often the disk is checked. */
  intervalMs: number;
  disk: DiskUsageSource;
  /** The container ids of every task and executor run the agent tracks now. */
  containersInUse: () => ReadonlySet<string>;
  clock: Clock;
  logger: Logger;
}

/** Most collected runs remembered (the oldest are forgotten first). */
const MAX_REMEMBERED = 10_000;

/** Folder under the work dir of the collector's record. */
export const GC_FOLDER = 'gc';

/** See the file comment. */
export class SandboxGc {
  /** Run key → when first seen completed. */
  private readonly completedAt = new Map<string, number>();
  /** Runs seen in use at least once. */
  private readonly seenInUse = new Set<string>();
  /** Run key or owner key (`F/tasks/T`) → when collected. */
  private readonly collected = new Map<string, number>();
  private timer?: TimerHandle;
  private checking?: Promise<void>;
  private recordLines = 0;
  private readonly recordFile: string;

  constructor(private readonly options: SandboxGcOptions) {
    this.recordFile = path.join(options.workDir, GC_FOLDER, 'collected.jsonl');
  }

  /** Load the record of collected runs and check the disk every interval (the first check at once). */
  async start(): Promise<void> {
    await this.loadRecord();
    this.options.logger.info('sandbox garbage collection', {
      gc_delay_ms: this.options.delayMs, gc_disk_headroom: this.options.headroom,
      disk_watch_interval_ms: this.options.intervalMs, disk_usage: this.options.disk.describe,
    });
    void this.check();
    this.timer = this.options.clock.every(this.options.intervalMs, () => void this.check());
  }

  /** Stop checking; resolves after a check under way. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.checking;
  }

  /** When the run a `/files` path (under the sandboxes folder) lies in was collected, or undefined. */
  collectedAt(pathUnderSandboxes: string): number | undefined {
    const key = collectedLookupKey(pathUnderSandboxes);
    return key === undefined ? undefined : this.collected.get(key);
  }

  /** One disk check: read the usage, collect what is due. Never rejects; one at a time. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce()
      .catch((e: Error) => this.options.logger.warn('sandbox garbage collection check failed', { error: e.message }))
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const { clock, delayMs, headroom, logger } = this.options;
    let usage: number;
    try {
      usage = await this.options.disk.usage();
    } catch (e) {
      logger.warn('disk usage could not be read; sandboxes are collected by --gc-delay alone', { source: this.options.disk.describe, error: (e as Error).message });
      usage = 0;
    }
    const maxAgeMs = gcAgeMs(delayMs, headroom, usage);
    const runs = await this.findRuns();
    const inUse = this.options.containersInUse();
    const now = clock.now();
    const present = new Set<string>();
    for (const run of runs) {
      present.add(run.key);
      const used = inUse.has(run.containerId);
      if (used) {
        this.seenInUse.add(run.key);
        this.completedAt.delete(run.key);
        continue;
      }
      if (!this.completedAt.has(run.key)) {
        // An mtime ahead of the clock (a clock stepped back, or files written after this check began) counts as now.
        this.completedAt.set(run.key, this.seenInUse.has(run.key) ? now : Math.min(now, await this.newestMtime(run)));
      }
      if (runVerdict({ run, inUse: false, completedAt: this.completedAt.get(run.key) }, now, maxAgeMs) !== 'collect') continue;
      if (this.options.containersInUse().has(run.containerId)) continue; // launched again meanwhile: never remove a used sandbox
      await this.collect(run, usage, now);
    }
    for (const key of [...this.completedAt.keys()]) if (!present.has(key)) this.completedAt.delete(key);
    for (const key of [...this.seenInUse]) if (!present.has(key)) this.seenInUse.delete(key);
  }

  /** Every run folder under the sandboxes: real folders only, links not followed. */
  private async findRuns(): Promise<SandboxRun[]> {
    const root = path.join(this.options.workDir, SANDBOXES_FOLDER);
    const out: SandboxRun[] = [];
    const dirs = async (dir: string): Promise<string[]> => {
      try {
        return (await fs.promises.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
      } catch {
        return [];
      }
    };
    for (const framework of await dirs(root)) {
      for (const kind of ['tasks', 'executors']) {
        for (const owner of await dirs(path.join(root, framework, kind))) {
          for (const container of await dirs(path.join(root, framework, kind, owner, 'runs'))) {
            const run = sandboxRunOf([framework, kind, owner, 'runs', container].join('/'));
            if (run) out.push(run);
          }
        }
      }
    }
    return out;
  }

  private async newestMtime(run: SandboxRun): Promise<number> {
    const dir = this.runDir(run);
    let newest = 0;
    for (const p of [dir, path.join(dir, 'stdout'), path.join(dir, 'stderr')]) {
      const s = await fs.promises.lstat(p).catch(() => undefined);
      if (s) newest = Math.max(newest, s.mtimeMs);
    }
    return newest || this.options.clock.now();
  }

  private runDir(run: SandboxRun): string {
    return path.join(this.options.workDir, SANDBOXES_FOLDER, ...run.key.split('/'));
  }

  /** True when every component from the work dir to the run folder is a real folder (no link) and the real path is where it should be. */
  private async confined(run: SandboxRun): Promise<boolean> {
    let at = path.join(this.options.workDir, SANDBOXES_FOLDER);
    for (const part of ['', ...run.key.split('/')]) {
      at = part === '' ? at : path.join(at, part);
      const s = await fs.promises.lstat(at).catch(() => undefined);
      if (!s || !s.isDirectory() || s.isSymbolicLink()) return false;
    }
    const real = await fs.promises.realpath(at).catch(() => undefined);
    const realRoot = await fs.promises.realpath(path.join(this.options.workDir, SANDBOXES_FOLDER)).catch(() => undefined);
    return !!real && !!realRoot && real === path.join(realRoot, ...run.key.split('/'));
  }

  private async collect(run: SandboxRun, usage: number, now: number): Promise<void> {
    const { logger } = this.options;
    const dir = this.runDir(run);
    const context = { framework_id: run.frameworkId, [run.kind === 'tasks' ? 'task_id' : 'executor_id']: run.ownerId, container_id: run.containerId };
    if (!(await this.confined(run))) {
      logger.warn('sandbox not collected: its path is not a plain folder inside the sandboxes', { ...context, dir });
      return;
    }
    try {
      await fs.promises.rm(dir, { recursive: true, force: true }); // unlinks links, never follows them
    } catch (e) {
      logger.warn('sandbox could not be removed; trying again at the next disk check', { ...context, dir, error: (e as Error).message });
      return;
    }
    this.completedAt.delete(run.key);
    this.seenInUse.delete(run.key);
    const ownerKey = run.key.split('/').slice(0, 3).join('/');
    const ownerDir = path.dirname(path.dirname(dir));
    const runsDir = path.dirname(dir);
    const latest = await fs.promises.readlink(path.join(runsDir, 'latest')).catch(() => undefined);
    const owner = latest === run.containerId || latest === undefined;
    if (latest === run.containerId) await fs.promises.rm(path.join(runsDir, 'latest'), { force: true }).catch(() => undefined);
    // Empty folders above it go too (never a folder with anything left in it).
    for (const emptied of [runsDir, ownerDir, path.dirname(ownerDir), path.dirname(path.dirname(ownerDir))]) {
      if (!(await fs.promises.rmdir(emptied).then(() => true, () => false))) break;
    }
    await this.remember(owner ? [run.key, ownerKey] : [run.key], now);
    logger.info('sandbox garbage-collected', { ...context, disk_usage: Number(usage.toFixed(3)) });
  }

  private async remember(keys: string[], at: number): Promise<void> {
    for (const key of keys) {
      this.collected.delete(key);
      this.collected.set(key, at);
    }
    while (this.collected.size > MAX_REMEMBERED) this.collected.delete(this.collected.keys().next().value as string);
    try {
      await fs.promises.mkdir(path.dirname(this.recordFile), { recursive: true });
      if (this.recordLines + keys.length > 2 * MAX_REMEMBERED) {
        const temp = `${this.recordFile}.tmp`;
        await fs.promises.writeFile(temp, [...this.collected].map(([key, when]) => JSON.stringify({ key, at: when }) + '\n').join(''));
        await fs.promises.rename(temp, this.recordFile);
        this.recordLines = this.collected.size;
      } else {
        await fs.promises.appendFile(this.recordFile, keys.map((key) => JSON.stringify({ key, at }) + '\n').join(''));
        this.recordLines += keys.length;
      }
    } catch (e) {
      this.options.logger.warn('the record of collected sandboxes could not be written; /files will answer 404 for them after a restart', { file: this.recordFile, error: (e as Error).message });
    }
  }

  private async loadRecord(): Promise<void> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.recordFile, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      this.recordLines++;
      try {
        const entry = JSON.parse(line) as { key?: unknown; at?: unknown };
        if (typeof entry.key === 'string' && typeof entry.at === 'number') {
          this.collected.delete(entry.key);
          this.collected.set(entry.key, entry.at);
        }
      } catch {
        // a line cut by a crash: skipped
      }
    }
    while (this.collected.size > MAX_REMEMBERED) this.collected.delete(this.collected.keys().next().value as string);
  }
}
