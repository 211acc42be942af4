/**
 * The agent's fetcher: before a container starts, every `CommandInfo.uris`
 * entry is fetched into its sandbox (see `fetch-plan.ts` for what each
 * becomes), one after the other as Mesos does. Each step is written to the
 * sandbox's `stderr` (`meseta-fetcher: ...` lines, as Mesos's fetcher
 * writes its output into the sandbox) and, when it takes long (every
 * {@link FETCH_PROGRESS_MS}), to the agent's log and to the caller's
 * progress callback (the agent reports it as TASK_STARTING).
 *
 * Files are owned by the task's user when it runs as one; folders that
 * `output_file` names are made (never through a symlink). A failure rejects
 * with a {@link FetchError} whose message names the URI and the reason; the
 * agent ends the task TASK_FAILED / REASON_CONTAINER_LAUNCH_FAILED with it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CommandInfo } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import { type Clock, systemClock } from '@meseta/runtime/clock';
import { extractInto } from './archive-extract';
import { type Downloader, FETCH_CANCELLED, FetchError } from './downloader';
import type { CacheUser, FetchCache } from './fetch-cache';
import { type FetchPlan, type FetchStep, planFetch } from './fetch-plan';

export { FetchError } from './downloader';

/** Mesos has no limit; ours keeps a runaway URI from filling the disk. @default 8 GiB */
export const DEFAULT_FETCH_MAX_BYTES = 8 * 1024 ** 3;

/** A fetch still under way after this long is logged with its progress, and again as often. */
export const FETCH_PROGRESS_MS = 10_000;

/** What the fetcher is made of. */
export interface FetcherOptions {
  downloader: Downloader;
  /** Undefined: no cache; `cache: true` URIs are fetched directly. */
  cache?: FetchCache;
  /** Largest single file fetched. @default {@link DEFAULT_FETCH_MAX_BYTES} */
  maxBytes?: number;
  logger: Logger;
  /** @default systemClock */
  clock?: Clock;
}

/** The sandbox to fetch into: its folder and the stderr the fetch log goes to. */
export interface FetchSandbox {
  dir: string;
  stderrPath: string;
}

/** The user files are handed to (undefined: the agent's own). */
export type FetchUser = CacheUser | undefined;

/** Fields naming the task in log lines. */
export type FetchContext = Record<string, string | undefined>;

/** Where a long fetch tells how it goes (the agent reports it as TASK_STARTING). */
export type FetchProgress = (message: string) => void;

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Fetches URIs into sandboxes. */
export class Fetcher {
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly maxBytes: number;

  constructor(private readonly options: FetcherOptions) {
    this.log = options.logger;
    this.clock = options.clock ?? systemClock;
    this.maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  }

  /** The steps of a command's URIs, or the problem naming `<prefix>command.uris[i]`. */
  plan(command: CommandInfo | null | undefined, prefix = 'task.'): FetchPlan {
    return planFetch(command, { prefix, cacheEnabled: this.options.cache !== undefined });
  }

  /**
   * Fetch every step into the sandbox, in order. Rejects with a
   * {@link FetchError} naming the URI (`command.uris[i]`) and the reason at
   * the first that fails; what earlier steps fetched stays. `signal` stops
   * it (the task was killed): the download under way is dropped (one
   * shared through the cache goes on for the cache) and it rejects saying
   * the fetch was cancelled.
   */
  async fetchUris(steps: readonly FetchStep[], sandbox: FetchSandbox, user: FetchUser, context: FetchContext = {}, progress?: FetchProgress, signal?: AbortSignal): Promise<void> {
    const owner = user && user.uid !== process.getuid?.() ? { uid: user.uid, gid: user.gid } : undefined;
    for (const step of steps) {
      if (signal?.aborted) throw new FetchError(`fetching command.uris[${step.index}] "${step.uri}" failed: ${FETCH_CANCELLED}`);
      const started = this.clock.now();
      await this.note(sandbox, `fetching ${step.uri} into ${step.file}${step.cache ? ' (through the cache)' : ''}`);
      let sofar = { bytes: 0, total: undefined as number | undefined };
      const ticker = this.clock.every(FETCH_PROGRESS_MS, () => {
        const of = sofar.total !== undefined ? ` of ${formatBytes(sofar.total)}` : '';
        const line = `fetching ${step.uri} (command.uris[${step.index}]): ${formatBytes(sofar.bytes)}${of} after ${Math.round((this.clock.now() - started) / 1000)} s`;
        this.log.info(line, context);
        void this.note(sandbox, line);
        progress?.(line);
      });
      try {
        const how = await this.fetchOne(step, sandbox.dir, user, owner, (bytes, total) => (sofar = { bytes, total }), signal);
        await this.note(sandbox, `fetched ${step.uri} (${how})`);
      } catch (e) {
        const reason = e instanceof FetchError ? e.message : `${(e as NodeJS.ErrnoException).code ?? 'error'}: ${(e as Error).message}`;
        const message = `fetching command.uris[${step.index}] "${step.uri}" failed: ${reason}`;
        await this.note(sandbox, message);
        throw new FetchError(message);
      } finally {
        ticker.cancel();
      }
    }
  }

  private async fetchOne(
    step: FetchStep,
    sandbox: string,
    user: FetchUser,
    owner: { uid: number; gid: number } | undefined,
    onProgress: (bytes: number, total?: number) => void,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const folder = await this.folderFor(sandbox, step.file, owner);
    const target = path.join(sandbox, step.file);
    const temp = path.join(folder, `.meseta-fetch-${randomBytes(6).toString('hex')}`);
    let how: string;
    try {
      if (step.cache && this.options.cache) {
        const lease = await this.options.cache.acquire(step.uri, step.source, user, onProgress, signal);
        try {
          await fs.promises.copyFile(lease.file, temp, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE); // a reflink where the file system has them
        } finally {
          lease.release();
        }
        how = lease.hit ? 'from the cache' : 'downloaded into the cache';
      } else {
        const { bytes } = await this.options.downloader.download(step.source, temp, { maxBytes: this.maxBytes, reader: user, onProgress, signal });
        how = formatBytes(bytes);
      }
      if (owner) await fs.promises.lchown(temp, owner.uid, owner.gid);
      await fs.promises.chmod(temp, step.executable ? 0o755 : 0o644);
      const existing = await fs.promises.lstat(target).catch(() => undefined);
      if (existing?.isDirectory()) throw new FetchError(`"${step.file}" is a folder in the sandbox already`);
      await fs.promises.rename(temp, target);
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
    if (step.archive) {
      await extractInto(sandbox, step.file, step.archive, owner, this.maxBytes);
      how += `, extracted (${step.archive})`;
    }
    return how;
  }

  /** The folder `file` goes in, made (0755, the user's) where missing; never through a symlink. */
  private async folderFor(sandbox: string, file: string, owner: { uid: number; gid: number } | undefined): Promise<string> {
    let folder = sandbox;
    for (const segment of file.split('/').slice(0, -1)) {
      folder = path.join(folder, segment);
      const stats = await fs.promises.lstat(folder).catch(() => undefined);
      if (stats?.isDirectory()) continue;
      if (stats) throw new FetchError(`output file "${file}": "${path.relative(sandbox, folder)}" is not a folder in the sandbox${stats.isSymbolicLink() ? ' (a symlink)' : ''}`);
      await fs.promises.mkdir(folder, { mode: 0o755 });
      if (owner) await fs.promises.lchown(folder, owner.uid, owner.gid);
    }
    return folder;
  }

  /** A line in the sandbox's stderr; a failure to write it is logged, never fatal. */
  private async note(sandbox: FetchSandbox, line: string): Promise<void> {
    try {
      await fs.promises.appendFile(sandbox.stderrPath, `meseta-fetcher: ${line}\n`);
    } catch (e) {
      this.log.debug('fetch log line not written to the sandbox', { path: sandbox.stderrPath, error: e as Error });
    }
  }
}
