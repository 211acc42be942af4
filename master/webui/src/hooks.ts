/**
 * Small hooks: the current route (from the location hash), a clock that
 * ticks, and changing the route's query without a history entry.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseRoute, withQueryChanged, type Route } from './model/router';

const ROUTE_CHANGED = 'meseta:route';

/** The route of the current location; re-renders when it changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    window.addEventListener(ROUTE_CHANGED, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(ROUTE_CHANGED, update);
    };
  }, []);
  return route;
}

/**
 * Change query parameters of the current page (search text, sort). With
 * `push` the change gets its own history entry (back returns to it).
 */
export function setQuery(changes: Record<string, string | undefined>, push = false): void {
  const next = withQueryChanged(location.hash, changes);
  if (push) history.pushState(null, '', next);
  else history.replaceState(null, '', next);
  window.dispatchEvent(new Event(ROUTE_CHANGED));
}

/** Date.now() refreshed every `ms` milliseconds. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}
