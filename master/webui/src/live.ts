/**
 * The connection to the master's event stream (`GET api/v1/events`,
 * server-sent events): the first message replaces the store (the summary
 * with the cluster's figures, frameworks, roles: enough for the overview),
 * `agents`, `offers` and `tasks` messages bring its rows, later ones patch
 * it. EventSource reconnects by itself; each reconnection starts with a
 * fresh snapshot, so nothing is missed.
 */
import type { UiAgentChunk, UiDelta, UiOffers, UiSnapshot, UiTaskChunk } from '../../http-ui-types';
import type { ClusterStore } from './model/store';

/** Longest time the messages after the first snapshot wait for its data to be painted, ms. */
const HOLD_MS = 3000;

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

  // Between the first snapshot and the first paint of its data, the messages
  // that follow it (agent rows, offers, task rows, the catch-up delta) are held and then
  // applied in order: the overview needs none of them, and parsing 500,000
  // task rows first would delay it. Held at most HOLD_MS in case nothing paints.
  const held: Array<[string, string]> = [];
  let holdUntil = 0;
  let releaseTimer: number | undefined;
  const painted = (): boolean => performance.getEntriesByName('meseta:first-render').length > 0;
  const deliver = (event: string, data: string): void => {
    if (event === 'agents') {
      store.applyAgentChunk(JSON.parse(data) as UiAgentChunk);
      if (store.agentsLoaded && performance.getEntriesByName('meseta:agents-loaded').length === 0) performance.mark('meseta:agents-loaded');
    } else if (event === 'offers') store.applyOffers(JSON.parse(data) as UiOffers);
    else if (event === 'tasks') {
      const first = !store.tasksLoaded;
      store.applyTaskChunk(JSON.parse(data) as UiTaskChunk);
      if (first && store.tasksLoaded && performance.getEntriesByName('meseta:tasks-loaded').length === 0) performance.mark('meseta:tasks-loaded');
    } else if (event === 'delta') store.applyDelta(JSON.parse(data) as UiDelta);
    onChange();
  };
  const release = (): void => {
    releaseTimer = undefined;
    if (!painted() && Date.now() < holdUntil) {
      releaseTimer = window.setTimeout(release, 16);
      return;
    }
    // One message per task, so the page stays responsive while the rows load.
    const next = held.shift();
    if (next) deliver(next[0], next[1]);
    if (held.length > 0) releaseTimer = window.setTimeout(release, 0);
  };
  const receive = (event: string) => (e: Event): void => {
    const data = (e as MessageEvent<string>).data;
    if (held.length === 0 && (painted() || Date.now() >= holdUntil)) {
      deliver(event, data);
      return;
    }
    held.push([event, data]);
    releaseTimer ??= window.setTimeout(release, 16);
  };

  const open = (): void => {
    if (performance.getEntriesByName('meseta:connecting').length === 0) performance.mark('meseta:connecting');
    source = new EventSource(url);
    source.addEventListener('snapshot', (e) => {
      const first = !store.loaded;
      if (first) performance.mark('meseta:snapshot-received');
      // A snapshot replaces everything: what was held belonged to the one before.
      held.length = 0;
      store.applySnapshot(JSON.parse((e as MessageEvent<string>).data) as UiSnapshot);
      if (first) {
        performance.mark('meseta:snapshot-applied');
        holdUntil = Date.now() + HOLD_MS;
      }
      onState('live');
      onChange();
    });
    source.addEventListener('agents', receive('agents'));
    source.addEventListener('offers', receive('offers'));
    source.addEventListener('tasks', receive('tasks'));
    source.addEventListener('delta', receive('delta'));
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
    if (releaseTimer !== undefined) window.clearTimeout(releaseTimer);
    source?.close();
  };
}
