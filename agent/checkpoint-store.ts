/**
 * The checkpoint writer: files under the meta dir, each replaced atomically
 * (see `checkpoint-files.ts`), written in batches.
 *
 * Changes made in one tick go out together: for each path only its latest
 * content is written (content is produced when the batch starts, so many
 * changes to one task cost one write). Batches run one after another;
 * within a batch removals go first, then the writes, in parallel. The
 * promise of a change resolves once a batch that includes it (or a later
 * change of the same path) is on disk.
 *
 * A change marked `soon` (an acknowledgement, a forgotten task: losing it
 * in a crash only means a duplicate update later) does not start a batch of
 * its own: it joins the next one, or goes after {@link CheckpointStoreOptions.soonMs}.
 *
 * A failed write is logged with its file and retried a second later (its
 * promise still resolves: the agent keeps working without that checkpoint
 * rather than stopping).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import { writeFileAtomic } from './checkpoint-files';

/** Produces a file's content when its batch is written; undefined removes the file. */
export type CheckpointContent = () => string | undefined;

/** `now`: in the next batch (start one); `soon`: with the next batch, at the latest after `soonMs`. */
export type CheckpointUrgency = 'now' | 'soon';

type Change = { kind: 'write'; content: CheckpointContent } | { kind: 'remove' };

interface PendingChange {
  change: Change;
  waiters: Array<() => void>;
}

/** Options of {@link CheckpointStore}. */
export interface CheckpointStoreOptions {
  /** fsync each file (or each file the function picks, by relative path) before renaming it in. @default true */
  fsync?: boolean | ((relativePath: string) => boolean);
  /** Delay before a failed write is tried again. @default 1000 */
  retryMs?: number;
  /** Longest wait of a `soon` change. @default 250 */
  soonMs?: number;
}

/** Batched, atomic writes of the files under one directory. */
export class CheckpointStore {
  private pending = new Map<string, PendingChange>();
  private running?: Promise<void>;
  private scheduled = false;
  private soonTimer?: NodeJS.Timeout;
  private closed = false;
  /** Dirs known to exist (made by this store), so writes skip mkdir. */
  private readonly dirs = new Set<string>();

  constructor(
    /** The meta dir every path is relative to. */
    readonly root: string,
    private readonly log: Logger,
    private readonly options: CheckpointStoreOptions = {},
  ) {}

  /** Replace `relativePath` with what `content` returns when the batch starts. */
  write(relativePath: string, content: CheckpointContent, urgency: CheckpointUrgency = 'now'): Promise<void> {
    return this.queue(relativePath, { kind: 'write', content }, urgency);
  }

  /** Remove a file or a whole dir; pending writes under it are dropped. */
  remove(relativePath: string, urgency: CheckpointUrgency = 'now'): Promise<void> {
    const prefix = `${relativePath}/`;
    const waiters: Array<() => void> = [];
    for (const [key, change] of this.pending) {
      if (key.startsWith(prefix)) {
        waiters.push(...change.waiters);
        this.pending.delete(key);
      }
    }
    const done = this.queue(relativePath, { kind: 'remove' }, urgency);
    for (const w of waiters) void done.then(w);
    return done;
  }

  /** Resolves when everything changed so far is written. */
  async flush(): Promise<void> {
    while (this.running || this.pending.size > 0) {
      // Write now (`soon` changes too) instead of waiting for the scheduled turn, which then finds nothing to do.
      if (!this.running) this.running = this.runBatches();
      await this.running;
    }
  }

  /** Stop writing; changes made afterwards are dropped (their promises resolve). */
  close(): void {
    this.closed = true;
    if (this.soonTimer) clearTimeout(this.soonTimer);
  }

  /** Number of paths waiting to be written. */
  get backlog(): number {
    return this.pending.size;
  }

  private queue(relativePath: string, change: Change, urgency: CheckpointUrgency): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      // Re-inserting keeps the map in the order of the latest change.
      const previous = this.pending.get(relativePath);
      this.pending.delete(relativePath);
      this.pending.set(relativePath, { change, waiters: [...(previous?.waiters ?? []), resolve] });
      if (urgency === 'now') this.schedule();
      else this.scheduleSoon();
    });
  }

  private scheduleSoon(): void {
    if (this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      if (this.pending.size > 0) this.schedule();
    }, this.options.soonMs ?? 250);
    this.soonTimer.unref();
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.running && this.pending.size > 0) this.running = this.runBatches();
    });
  }

  private async runBatches(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = new Map();
      await this.writeBatch(batch);
    }
    this.running = undefined;
  }

  private async writeBatch(batch: Map<string, PendingChange>): Promise<void> {
    const removals = [...batch].filter(([, p]) => p.change.kind === 'remove');
    const writes = [...batch].filter(([, p]) => p.change.kind === 'write');
    await Promise.all(removals.map(([rel]) => this.apply(rel, { kind: 'remove' })));
    await Promise.all(writes.map(([rel, p]) => this.apply(rel, p.change)));
    for (const p of batch.values()) for (const w of p.waiters) w();
  }

  private async apply(relativePath: string, change: Change): Promise<void> {
    const file = path.join(this.root, relativePath);
    try {
      if (change.kind === 'remove') {
        for (const dir of this.dirs) if (dir === file || dir.startsWith(`${file}/`)) this.dirs.delete(dir);
        await fs.promises.rm(file, { recursive: true, force: true });
        return;
      }
      const content = change.content();
      if (content === undefined) {
        await fs.promises.rm(file, { force: true });
        return;
      }
      const dir = path.dirname(file);
      const known = this.dirs.has(dir);
      const fsync = this.options.fsync ?? true;
      await writeFileAtomic(file, content, typeof fsync === 'function' ? fsync(relativePath) : fsync, !known);
      if (!known) this.dirs.add(dir);
    } catch (e) {
      this.dirs.delete(path.dirname(file));
      this.log.error('checkpoint write failed; retrying', { file, error: e as Error });
      const timer = setTimeout(() => {
        if (!this.pending.has(relativePath)) void this.queue(relativePath, change, 'now');
      }, this.options.retryMs ?? 1000);
      timer.unref();
    }
  }
}
