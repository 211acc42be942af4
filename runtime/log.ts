/**
 * A small structured logger shared by every daemon: one line per event on
 * stderr, `LEVEL component message key=value ...`. The level comes from
 * `MESETA_LOG_LEVEL` (error, warn, info, debug; default info).
 */

/** Log levels, most severe first. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** What a daemon logs through. */
export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  /** A logger for a sub-component: `master.allocator`. */
  child(component: string): Logger;
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  if (v instanceof Error) return JSON.stringify(v.message);
  return JSON.stringify(v);
}

/** A logger writing to `sink` (stderr by default). */
export function createLogger(
  component: string,
  level: LogLevel = (process.env.MESETA_LOG_LEVEL as LogLevel) || 'info',
  sink: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const max = ORDER[level] ?? ORDER.info;
  const emit = (l: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[l] > max) return;
    const extra = fields
      ? Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => ` ${k}=${formatValue(v)}`)
          .join('')
      : '';
    sink(`${new Date().toISOString()} ${l.toUpperCase()} ${component} ${message}${extra}`);
  };
  return {
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
    child: (c) => createLogger(`${component}.${c}`, level, sink),
  };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silentLogger,
};
