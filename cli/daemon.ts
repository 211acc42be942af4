/**
 * How long-running verbs (`master`, `agent`, `local`) end: on SIGINT or
 * SIGTERM they stop cleanly and exit 0; a second signal while stopping
 * exits 1 at once.
 */
import type { Logger, LogLevel } from '@meseta/runtime/log';
import { createLogger } from '@meseta/runtime/log';
import { UsageError } from './cli-error';

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** The `--log-level` option's help. */
export const LOG_LEVEL_HELP = 'error, warn, info or debug (default: $MESETA_LOG_LEVEL, else info)';

/** The level from `--log-level`, else `$MESETA_LOG_LEVEL`, else `fallback`. */
export function logLevelFrom(level: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const chosen = level ?? process.env.MESETA_LOG_LEVEL ?? fallback;
  if (!LEVELS.includes(chosen as LogLevel)) throw new UsageError(`--log-level: "${chosen}" is not one of ${LEVELS.join(', ')}`);
  return chosen as LogLevel;
}

/** A stderr logger at `--log-level`, else `$MESETA_LOG_LEVEL`, else `fallback`. */
export function daemonLogger(component: string, level: string | undefined, fallback: LogLevel = 'info'): Logger {
  return createLogger(component, logLevelFrom(level, fallback));
}

/**
 * Resolve once SIGINT or SIGTERM arrives, after `stop` has finished. A
 * second signal during `stop` exits the process with code 1.
 */
export function stopOnSignal(stop: () => Promise<void>, logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn('second signal while stopping: exiting now', { signal });
        process.exit(1);
      }
      stopping = true;
      logger.info('stopping', { signal });
      stop().then(
        () => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(signal);
        },
        (error: unknown) => reject(error),
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * `logger`, silent while `quiet()` is true: for the expected complaints of
 * an orderly shutdown ("agent disconnected", "framework removed"). With
 * `keepErrors`, errors still pass.
 */
export function quietWhen(logger: Logger, quiet: () => boolean, keepErrors = false): Logger {
  const gate =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (!quiet() || (keepErrors && level === 'error')) logger[level](message, fields);
    };
  return {
    error: gate('error'),
    warn: gate('warn'),
    info: gate('info'),
    debug: gate('debug'),
    child: (component) => quietWhen(logger.child(component), quiet, keepErrors),
  };
}
