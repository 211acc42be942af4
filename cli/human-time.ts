/**
 * Times as people say them, for every table of the `meseta`,
 * `meseta-services` and `meseta-jobs` commands: a duration (`45s`, `12m`,
 * `3h5m`, `4d`), a past moment (`3m ago`) and a future one (`in 5m`).
 * Pure.
 */

/** A duration in seconds as people say it: `45s`, `12m`, `3h5m`, `4d`. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return m > 0 && h < 10 ? `${h}h${m}m` : `${h}h`;
  }
  return `${Math.floor(s / 86400)}d`;
}

/**
 * A moment (ms since the epoch, or an ISO text) relative to `nowMs`:
 * `3m ago`, `in 5m`, `now` within a second; '' when absent or unreadable.
 */
export function formatWhen(at: number | string | null | undefined, nowMs: number): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const delta = (nowMs - ms) / 1000;
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `${formatAge(delta)} ago` : `in ${formatAge(-delta)}`;
}
