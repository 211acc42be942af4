/**
 * Whether a daemon may listen where it was asked to without TLS.
 *
 * Loopback without TLS is allowed (tests, development): only processes on
 * the same host can connect. Any other address without TLS is refused
 * unless the operator said `--insecure`, which starts it with a loud
 * warning. Pure: the daemons call it before they bind.
 */
import * as net from 'node:net';

/** What {@link checkListenSecurity} looks at. */
export interface ListenSecurityInput {
  /** `master` or `agent`: named in the messages. */
  daemon: string;
  /** The address the daemon binds (`--ip`). */
  ip: string;
  /** True when a certificate and key were given (`--tls-cert`, `--tls-key`). */
  tls: boolean;
  /** True with `--insecure`. */
  insecure: boolean;
  /** True when callers are authenticated (the master's `--credentials`, the agent's `--http-credentials`). @default true */
  authenticated?: boolean;
  /** The flag that turns authentication on, for the messages (e.g. `--credentials FILE`). */
  authFlag?: string;
}

/** The verdict: start (perhaps with a warning to log), or refuse saying why. */
export type ListenSecurityVerdict = { ok: true; warning?: string } | { ok: false; error: string };

/** True for 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and `localhost`. */
export function isLoopbackAddress(ip: string): boolean {
  const address = ip.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (address === 'localhost') return true;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return net.isIPv4(v4) && v4.split('.')[0] === '127';
}

/** Decide whether the daemon may start; see the module comment. */
export function checkListenSecurity(input: ListenSecurityInput): ListenSecurityVerdict {
  const authenticated = input.authenticated ?? true;
  if ((input.tls && authenticated) || isLoopbackAddress(input.ip)) return { ok: true };
  const lacking = !input.tls && !authenticated ? 'TLS or authentication' : !input.tls ? 'TLS' : 'authentication';
  if (input.insecure) {
    return {
      ok: true,
      warning:
        `INSECURE: ${input.daemon} listens on ${input.ip} without ${lacking.replace(' or ', ' and ')} (--insecure): ` +
        (input.tls ? 'anyone who can reach this address can act on it' : 'anyone who can reach this address reads and forges its traffic') +
        `; give ${flagsFor(input)} instead`,
    };
  }
  return {
    ok: false,
    error:
      `--ip: ${input.daemon} would listen on ${input.ip}, which is not a loopback address, without ${lacking}; ` +
      `give ${flagsFor(input)}, or --insecure to run in the clear anyway`,
  };
}

/** The flags that would make the daemon secure, for the messages. */
function flagsFor(input: ListenSecurityInput): string {
  const tls = '--tls-cert FILE --tls-key FILE (and --tls-ca FILE to verify peers)';
  const auth = input.authFlag ?? 'credentials';
  if (!input.tls && input.authenticated === false) return `${tls} and ${auth}`;
  return input.tls ? auth : tls;
}
