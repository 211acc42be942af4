/**
 * The connection to the master's event stream (`GET api/v1/events`,
 * server-sent events): the first message replaces the store, `offers` and
 * `tasks` messages bring its offer and task rows, later ones patch it. EventSource reconnects by itself; each reconnection starts
 * with a fresh snapshot, so nothing is missed.
 */
import type { UiDelta, UiOffers, UiSnapshot, UiTaskChunk } from '../../http-ui-types';
import type { ClusterStore } from './model/store';

/** How the feed is doing, for the header's indicator. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/**
 * Open the feed. `onChange` runs after every applied message, `onState`
 * when the connection state changes. Returns a function that closes it.
 */
export function connectLive(
  store: ClusterStore,
  onChange: () => void,
  onState: (state: ConnectionState) => void,
  url = 'api/v1/events',
): () => void {
  let source: EventSource | undefined;
  let retry: number | undefined;
  let closed = false;

  const open = (): void => {
    if (performance.getEntriesByName('meseta:connecting').length === 0) performance.mark('meseta:connecting');
    source = new EventSource(url);
    source.addEventListener('snapshot', (e) => {
      const first = !store.loaded;
      if (first) performance.mark('meseta:snapshot-received');
      store.applySnapshot(JSON.parse((e as MessageEvent<string>).data) as UiSnapshot);
      if (first) performance.mark('meseta:snapshot-applied');
      onState('live');
      onChange();
    });
    source.addEventListener('offers', (e) => {
      store.applyOffers(JSON.parse((e as MessageEvent<string>).data) as UiOffers);
      onChange();
    });
    source.addEventListener('tasks', (e) => {
      const first = !store.tasksLoaded;
      store.applyTaskChunk(JSON.parse((e as MessageEvent<string>).data) as UiTaskChunk);
      if (first && store.tasksLoaded && performance.getEntriesByName('meseta:tasks-loaded').length === 0) performance.mark('meseta:tasks-loaded');
      onChange();
    });
    source.addEventListener('delta', (e) => {
      store.applyDelta(JSON.parse((e as MessageEvent<string>).data) as UiDelta);
      onChange();
    });
    source.onerror = () => {
      onState('reconnecting');
      // EventSource retries by itself unless the server answered with an error status.
      if (source?.readyState === EventSource.CLOSED && !closed) {
        source.close();
        retry = window.setTimeout(open, 2000);
      }
    };
  };
  open();
  return () => {
    closed = true;
    if (retry !== undefined) window.clearTimeout(retry);
    source?.close();
  };
}
