/**
 * A page's feed from a framework's own API: find the framework that plays
 * the part (`/health` says `kind`, asked of the candidates in turn), then
 * read `paths` every few seconds through the master's proxy. Says when no
 * such framework is running, and why a read failed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClusterStore } from './model/store';
import { type FrameworkKind, frameworkCandidates, frameworkGet } from './model/framework-apps';
import { ApiError } from './api';

/** How often the pages read again. */
export const FRAMEWORK_POLL_MS = 2000;

/** Where a feed is. */
export type FrameworkFeed<T> =
  | { state: 'looking' }
  | { state: 'absent' }
  | { state: 'error'; frameworkId: string; name: string; error: string; data?: T }
  | { state: 'ready'; frameworkId: string; name: string; data: T };

/** Find the `kind` framework among the store's frameworks and read `load(frameworkId)` every {@link FRAMEWORK_POLL_MS}. */
export function useFrameworkFeed<T>(store: ClusterStore, kind: FrameworkKind, key: string, load: (frameworkId: string, signal: AbortSignal) => Promise<T>): FrameworkFeed<T> {
  const [feed, setFeed] = useState<FrameworkFeed<T>>({ state: 'looking' });
  const candidates = frameworkCandidates(store.frameworks.values(), kind);
  const candidateKey = candidates.map((f) => f.id).join(',');
  useEffect(() => {
    const abort = new AbortController();
    let timer = 0;
    let found: { id: string; name: string } | undefined;
    let last: T | undefined;
    const find = async (): Promise<{ id: string; name: string } | undefined> => {
      for (const f of candidates) {
        try {
          const health = await frameworkGet<{ kind?: string }>(f.id, '/health', abort.signal);
          if (health.kind === kind) return { id: f.id, name: f.name };
        } catch (e) {
          if ((e as Error).name === 'AbortError') throw e;
        }
      }
      return undefined;
    };
    const tick = async (): Promise<void> => {
      try {
        found ??= await find();
        if (!found) setFeed({ state: 'absent' });
        else {
          last = await load(found.id, abort.signal);
          setFeed({ state: 'ready', frameworkId: found.id, name: found.name, data: last });
        }
      } catch (e) {
        if ((e as Error).name === 'AbortError') return;
        const error = e instanceof ApiError ? e.message : (e as Error).message;
        if (found) setFeed({ state: 'error', frameworkId: found.id, name: found.name, error, data: last });
        if (e instanceof ApiError && (e.status === 404 || e.status === 503) && /framework/.test(error)) found = undefined;
      }
      if (!abort.signal.aborted) timer = window.setTimeout(() => void tick(), FRAMEWORK_POLL_MS);
    };
    void tick();
    return () => {
      abort.abort();
      window.clearTimeout(timer);
    };
  }, [candidateKey, kind, key]);
  return feed;
}
