/**
 * Where `meseta master` will listen, read from the raw command line before
 * the CLI's modules (commander, the flag parsers) load, so the port can be
 * bound in the entry's first milliseconds ({@link ./early-listener}).
 *
 * It is a guess, checked later: the master's start-up parses the flags
 * properly and uses the early listener only when that parse names the same
 * address and port and the listen policy allows it; else it closes it and
 * binds as before. So this reader only has to be right for ordinary
 * command lines and to answer `undefined` when unsure (a help or version
 * request, a port that is not a plain number, a listen the policy would
 * refuse). Pure, no I/O.
 */
import { checkListenSecurity } from './listen-policy';

/** An address to bind early. */
export interface EarlyBindTarget {
  host: string;
  port: number;
}

/** The master's defaults (`cli/commands/master.ts`). */
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 5050;

/** Flags that print and exit: nothing must be bound for them. */
const PRINT_AND_EXIT = new Set(['-h', '--help', '-V', '--version', 'help']);

/** The last value of `--name` (`--name v` or `--name=v`); null when given without a value; undefined when absent. */
function lastValue(args: readonly string[], name: string): string | null | undefined {
  let value: string | null | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === name) {
      const next = args[i + 1];
      value = next === undefined || next.startsWith('-') ? null : next;
    } else if (a.startsWith(`${name}=`)) {
      value = a.slice(name.length + 1);
    }
  }
  return value;
}

/**
 * The address `meseta master` with `args` (the arguments after the node
 * binary and the script) will listen on, when it is sure enough to bind it
 * now; undefined for any other verb, a help or version request, a
 * malformed `--ip` or `--port`, or a listen the policy would refuse.
 */
export function earlyBindTarget(args: readonly string[]): EarlyBindTarget | undefined {
  if (args[0] !== 'master') return undefined;
  const rest = args.slice(1);
  if (rest.some((a) => PRINT_AND_EXIT.has(a))) return undefined;
  const ip = lastValue(rest, '--ip');
  const portText = lastValue(rest, '--port');
  if (ip === null || portText === null || ip === '') return undefined;
  let port = DEFAULT_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return undefined;
    port = Number(portText);
    if (port > 65535) return undefined;
  }
  const host = ip ?? DEFAULT_HOST;
  const verdict = checkListenSecurity({
    daemon: 'master', ip: host,
    tls: lastValue(rest, '--tls-cert') != null && lastValue(rest, '--tls-key') != null,
    insecure: rest.includes('--insecure'),
    authenticated: lastValue(rest, '--credentials') != null,
  });
  return verdict.ok ? { host, port } : undefined;
}
