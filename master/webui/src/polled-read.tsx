/**
 * A read from the master's API that the page repeats: when its inputs
 * change, and every few seconds while the page is open (for what the event
 * stream does not announce). Holds nothing until the first answer, then the
 * latest value or why it could not be read.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { Empty, ErrorBox } from './components/common';

/** What a polled read holds: nothing yet, the latest value, or why the latest read failed. */
export type PolledRead<T> = { value: T } | { error: string } | undefined;

/**
 * Calls `read` now, whenever one of `deps` changes, and every `everyMs`
 * milliseconds; a read that is overtaken is aborted.
 */
export function usePolledRead<T>(read: (signal: AbortSignal) => Promise<T>, everyMs: number, deps: readonly unknown[]): PolledRead<T> {
  const [loaded, setLoaded] = useState<PolledRead<T>>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  useEffect(() => {
    const abort = new AbortController();
    read(abort.signal).then(
      (value) => setLoaded({ value }),
      (e) => {
        if ((e as Error).name !== 'AbortError') setLoaded({ error: e instanceof ApiError ? e.message : `could not ask the master: ${(e as Error).message}` });
      },
    );
    return () => abort.abort();
  }, [...deps, tick]);
  return loaded;
}

/** The value of a polled read, when it has one. */
export function polledValue<T>(loaded: PolledRead<T>): T | undefined {
  return loaded && 'value' in loaded ? loaded.value : undefined;
}

/** What a card shows above its table while a polled read has no answer yet, or when it failed: "<what> could not be read: …". */
export function PolledReadState(props: { loaded: PolledRead<unknown>; what: string }) {
  const { loaded, what } = props;
  if (!loaded) return <Empty>Asking the master…</Empty>;
  if ('error' in loaded) return <ErrorBox>{what} could not be read: {loaded.error}</ErrorBox>;
  return null;
}
