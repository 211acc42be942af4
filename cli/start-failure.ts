/**
 * Why a daemon (`meseta master`, `agent`, `local`) could not start, said
 * with the fix when the cause is a common one: a port in use, a port that
 * needs root, an address this machine does not have. Pure.
 */

interface ListenError {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  message?: unknown;
}

/** `cannot start <what>: <reason>[: <fix>]` for the error `e`. */
export function startFailureMessage(what: string, e: unknown): string {
  const err = (typeof e === 'object' && e !== null ? e : {}) as ListenError;
  const message = typeof err.message === 'string' ? err.message : String(e);
  const where = typeof err.address === 'string' && typeof err.port === 'number' ? `${err.address}:${err.port}` : undefined;
  const port = typeof err.port === 'number' ? err.port : undefined;
  switch (err.code) {
    case 'EADDRINUSE':
      return (
        `cannot start ${what}: ${where ?? 'its address'} is already in use (another meseta ${what}?): ` +
        `use --port 0 for any free port, or stop what holds it` +
        (port !== undefined ? ` (ss -ltnp 'sport = :${port}' shows it)` : '')
      );
    case 'EACCES':
      return `cannot start ${what}: not allowed to listen on ${where ?? 'that port'}: ports below 1024 need root; use a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `cannot start ${what}: ${typeof err.address === 'string' ? err.address : 'that address'} is not an address of this machine: check --ip (ip -brief address lists them)`;
    default:
      return `cannot start ${what}: ${message}`;
  }
}
