/**
 * The agent's fetcher from its flags: `--fetcher-cache-dir` (default
 * `<workDir>/fetcher-cache`), `--fetcher-cache-size` (bytes, default 2 GB;
 * 0 turns the cache off), `--fetcher-stall-timeout` and
 * `--fetcher-max-size`. The cache is opened (its index read back) before
 * the agent starts; a folder it cannot use stops the start naming
 * `--fetcher-cache-dir`.
 */
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import { AgentFlagError } from '../resource-detection';
import { NodeDownloader } from './downloader';
import { DEFAULT_FETCHER_CACHE_BYTES, FetchCache } from './fetch-cache';
import { DEFAULT_FETCH_MAX_BYTES, Fetcher } from './fetcher';

/** The fetcher's settings, already parsed. */
export interface FetcherSettings {
  /** @default `<workDir>/fetcher-cache` */
  cacheDir?: string;
  /** Bytes; 0: no cache. @default {@link DEFAULT_FETCHER_CACHE_BYTES} */
  cacheBytes?: number;
  /** @default 60 s */
  stallTimeoutMs?: number;
  /** @default {@link DEFAULT_FETCH_MAX_BYTES} */
  maxBytes?: number;
}

/** A ready fetcher (its cache opened). */
export async function createFetcher(settings: FetcherSettings, workDir: string, logger: Logger): Promise<Fetcher> {
  const downloader = new NodeDownloader({ stallTimeoutMs: settings.stallTimeoutMs });
  const maxBytes = settings.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const cacheBytes = settings.cacheBytes ?? DEFAULT_FETCHER_CACHE_BYTES;
  let cache: FetchCache | undefined;
  if (cacheBytes > 0) {
    cache = new FetchCache({
      dir: path.resolve(settings.cacheDir ?? path.join(workDir, 'fetcher-cache')),
      maxBytes: cacheBytes,
      maxDownloadBytes: maxBytes,
      downloader,
      logger: logger.child('cache'),
    });
    try {
      await cache.open();
    } catch (e) {
      throw new AgentFlagError('--fetcher-cache-dir', `the fetcher cache cannot be used at ${cache.dir}: ${(e as Error).message}`);
    }
  }
  return new Fetcher({ downloader, cache, maxBytes, logger });
}
