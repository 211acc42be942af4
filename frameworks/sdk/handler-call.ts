/** Calling a framework's handler so that its failures never reach the driver. */
import type { Logger } from '@meseta/runtime/log';
import type { HandlerResult, SchedulerHandlers } from './options';

function isThenable(value: unknown): value is PromiseLike<void> {
  return typeof (value as PromiseLike<void> | undefined)?.then === 'function';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Call `handlers[name](argument)` if it exists. A throw or a rejected
 * promise is logged; `done` learns whether the handler succeeded (for a
 * promise, once it settles; a missing handler counts as success).
 */
export function callHandler<K extends keyof SchedulerHandlers>(
  handlers: SchedulerHandlers,
  name: K,
  argument: Parameters<NonNullable<SchedulerHandlers[K]>>[0],
  logger: Logger,
  done?: (ok: boolean) => void,
): void {
  const handler = handlers[name] as ((a: typeof argument) => HandlerResult) | undefined;
  if (!handler) {
    done?.(true);
    return;
  }
  const failed = (error: unknown): void => {
    logger.error(`the ${name} handler failed`, { error: describe(error) });
    done?.(false);
  };
  let result: HandlerResult;
  try {
    result = handler.call(handlers, argument);
  } catch (error) {
    failed(error);
    return;
  }
  if (isThenable(result)) result.then(() => done?.(true), failed);
  else done?.(true);
}
