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

/**
 * Lines gathered and written together: at the end of the turn of the event
 * loop they were logged in (one write for a burst), at once past
 * `maxBytes`, and on {@link LineBatcher.flush}. Issue 11: a master
 * registering 50,000 agents logged a line each, and stderr to a file or a
 * pipe is one synchronous write per call (~35 µs of the master's ~1 ms per
 * agent). Pure apart from the `write` and `schedule` it is given.
 */
export class LineBatcher {
  private lines: string[] = [];
  private bytes = 0;
  private scheduled = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly schedule: (flush: () => void) => void,
    private readonly maxBytes = 64 * 1024,
  ) {}

  /** Add one line (without its newline). */
  push(line: string): void {
    this.lines.push(line);
    this.bytes += line.length + 1;
    if (this.bytes >= this.maxBytes) {
      this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Write every line gathered, in order, in one write (nothing when none). */
  flush(): void {
    this.scheduled = false;
    if (this.lines.length === 0) return;
    const text = this.lines.join('\n') + '\n';
    this.lines = [];
    this.bytes = 0;
    this.write(text);
  }
}

let stderrLines: LineBatcher | undefined;

/**
 * The default sink: stderr, lines of one turn written together
 * ({@link LineBatcher}). What is gathered is written before the process
 * exits (the `exit` event, also after an uncaught exception, whose report
 * comes first); a process killed outright (SIGKILL, out of memory) loses
 * the lines of its last turn, at most 64 KB.
 */
export function stderrSink(line: string): void {
  if (!stderrLines) {
    const batcher = new LineBatcher(
      (text) => process.stderr.write(text),
      (flush) => setImmediate(flush).unref(),
    );
    process.on('exit', () => batcher.flush());
    process.on('uncaughtExceptionMonitor', () => batcher.flush());
    stderrLines = batcher;
  }
  stderrLines.push(line);
}

/** A logger writing to `sink` (stderr by default, see {@link stderrSink}). */
export function createLogger(
  component: string,
  level: LogLevel = (process.env.MESETA_LOG_LEVEL as LogLevel) || 'info',
  sink: (line: string) => void = stderrSink,
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
