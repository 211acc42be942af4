/**
 * `meseta master`'s port bound in the CLI entry's first milliseconds.
 *
 * The entry imports this module first. When the process is the `meseta`
 * CLI running `master`, it starts binding the address the command line
 * names ({@link earlyBindTarget}) before commander, the flag parsers and
 * the master's command module load; the entry's `main` waits for the bind
 * to settle before it loads them, so the listen happens in that first turn
 * (Node binds an address on the next tick) rather than after them. Until
 * then agents reconnecting after a failover were refused (ECONNREFUSED)
 * and backed off.
 *
 * The master's start-up takes the listener ({@link takeEarlyListener}) only
 * for the address its parsed flags name; a guess that turns out wrong is
 * closed and the port bound as before. A failed bind is forgotten (the
 * start-up binds again and reports the error as before).
 */
import { bindEarly, type EarlyListener } from '@meseta/runtime/early-listener';
import { earlyBindTarget, type EarlyBindTarget } from '@meseta/runtime/early-bind-target';

interface EarlyBind {
  target: EarlyBindTarget;
  listener: EarlyListener;
  /** Process uptime when the port was bound (ms), for the start-up's log line. */
  boundUptimeMs: number;
}

let pending: Promise<EarlyBind | undefined> | undefined;

/** Whether this process runs the `meseta` CLI entry (not a test or a program importing the CLI's modules). */
function isCliEntry(): boolean {
  const main = require.main?.filename ?? '';
  return /[\\/]cli[\\/]meseta\.[jt]s$/.test(main);
}

/** Start binding when `argv` (process.argv) runs `meseta master`; at most once. */
export function bindMasterPortEarly(argv: readonly string[]): void {
  if (pending) return;
  const target = earlyBindTarget(argv.slice(2));
  if (!target) return;
  pending = bindEarly(target).then(
    (listener) => ({ target, listener, boundUptimeMs: Math.round(process.uptime() * 1000) }),
    () => undefined,
  );
}

/** Resolves once an early bind (if one was started) has settled; never rejects. */
export async function earlyBindSettled(): Promise<void> {
  await pending;
}

/**
 * The early listener if it was bound for `host:port` (once: later calls
 * get undefined), with the uptime it was bound at; one bound for another
 * address is closed.
 */
export async function takeEarlyListener(host: string, port: number): Promise<{ listener: EarlyListener; boundUptimeMs: number } | undefined> {
  const taken = pending;
  pending = undefined;
  const early = await taken;
  if (!early) return undefined;
  if (early.target.host === host && early.target.port === port) return { listener: early.listener, boundUptimeMs: early.boundUptimeMs };
  await early.listener.close();
  return undefined;
}

if (isCliEntry()) bindMasterPortEarly(process.argv);
