/** Durations as flags take them: `500ms`, `15s`, `15secs`, `2mins`, `1hrs`, `3days`, or plain seconds. */

/** Raised for a duration that cannot be read. */
export class DurationError extends Error {
  constructor(readonly text: string) {
    super(`"${text}" is not a duration (examples: 500ms, 15s, 2mins, 1hrs, or a number of seconds)`);
    this.name = 'DurationError';
  }
}

const UNITS: Record<string, number> = {
  ns: 1e-9, nsecs: 1e-9, us: 1e-6, usecs: 1e-6, ms: 1e-3, msecs: 1e-3,
  s: 1, sec: 1, secs: 1, m: 60, min: 60, mins: 60, h: 3600, hr: 3600, hrs: 3600,
  d: 86400, day: 86400, days: 86400, w: 604800, weeks: 604800,
};

/** Parse a duration to seconds. */
export function parseDurationSeconds(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) throw new DurationError(text);
  const unit = m[2].toLowerCase();
  const factor = unit === '' ? 1 : UNITS[unit];
  if (factor === undefined) throw new DurationError(text);
  return Number(m[1]) * factor;
}
