/**
 * The input-limit flags of `meseta master` and `meseta agent` (the one
 * port's timeouts, sizes and connection limits; `@meseta/runtime/http-limits`
 * holds the defaults and why). Each flag is parsed here, so bad text is a
 * usage error naming the flag; a combination Node refuses (headers timeout
 * above the request timeout) names the flag as well.
 */
import type { Command } from 'commander';
import { DEFAULT_HTTP_LIMITS, HttpLimitError, resolveHttpLimits, type HttpLimits } from '@meseta/runtime/http-limits';
import { UsageError } from './cli-error';
import { countFlag, durationFlag } from './flags';

/** The limit flags as commander hands them over (text). */
export interface HttpLimitFlags {
  httpFirstBytesTimeout?: string;
  httpHeadersTimeout?: string;
  httpRequestTimeout?: string;
  httpIdleTimeout?: string;
  httpMaxHeaderBytes?: string;
  httpMaxBodyBytes?: string;
  maxConnections?: string;
  maxConnectionsPerAddress?: string;
}

const D = DEFAULT_HTTP_LIMITS;
const FLAG_OF: Record<keyof HttpLimits, string> = {
  firstBytesTimeoutMs: '--http-first-bytes-timeout',
  headersTimeoutMs: '--http-headers-timeout',
  requestTimeoutMs: '--http-request-timeout',
  keepAliveTimeoutMs: '--http-idle-timeout',
  maxHeaderBytes: '--http-max-header-bytes',
  maxBodyBytes: '--http-max-body-bytes',
  bodyBytesByPath: '--http-max-body-bytes',
  maxConnections: '--max-connections',
  maxConnectionsPerAddress: '--max-connections-per-address',
  checkIntervalMs: '--http-headers-timeout',
};

/** Add the limit flags to a daemon command. */
export function addHttpLimitOptions(command: Command): Command {
  return command
    .option('--http-first-bytes-timeout <duration>', `close a connection that sends nothing for this long (default: ${D.firstBytesTimeoutMs / 1000}s)`)
    .option('--http-headers-timeout <duration>', `an HTTP request's headers must arrive within this time (default: ${D.headersTimeoutMs / 1000}s)`)
    .option('--http-request-timeout <duration>', `a whole HTTP request, body included, must arrive within this time (default: ${D.requestTimeoutMs / 1000}s)`)
    .option('--http-idle-timeout <duration>', `close an idle keep-alive HTTP connection after this (default: ${D.keepAliveTimeoutMs / 1000}s)`)
    .option('--http-max-header-bytes <bytes>', `largest HTTP request head (default: ${D.maxHeaderBytes})`)
    .option('--http-max-body-bytes <bytes>', `largest HTTP request body (default: ${D.maxBodyBytes})`)
    .option('--max-connections <count>', `open connections at most, gRPC and HTTP together (default: ${D.maxConnections})`)
    .option('--max-connections-per-address <count>', `open connections at most from one remote address (default: ${D.maxConnectionsPerAddress})`);
}

const ms = (flag: string, text: string): number => Math.round(durationFlag(flag, text) * 1000);

/** The limits the flags ask for (only those given), checked together. */
export function httpLimitsFrom(flags: HttpLimitFlags): Partial<HttpLimits> {
  const out: Partial<HttpLimits> = {};
  if (flags.httpFirstBytesTimeout !== undefined) out.firstBytesTimeoutMs = ms('--http-first-bytes-timeout', flags.httpFirstBytesTimeout);
  if (flags.httpHeadersTimeout !== undefined) out.headersTimeoutMs = ms('--http-headers-timeout', flags.httpHeadersTimeout);
  if (flags.httpRequestTimeout !== undefined) out.requestTimeoutMs = ms('--http-request-timeout', flags.httpRequestTimeout);
  if (flags.httpIdleTimeout !== undefined) out.keepAliveTimeoutMs = ms('--http-idle-timeout', flags.httpIdleTimeout);
  if (flags.httpMaxHeaderBytes !== undefined) out.maxHeaderBytes = countFlag('--http-max-header-bytes', flags.httpMaxHeaderBytes, 1);
  if (flags.httpMaxBodyBytes !== undefined) out.maxBodyBytes = countFlag('--http-max-body-bytes', flags.httpMaxBodyBytes);
  if (flags.maxConnections !== undefined) out.maxConnections = countFlag('--max-connections', flags.maxConnections, 1);
  if (flags.maxConnectionsPerAddress !== undefined) out.maxConnectionsPerAddress = countFlag('--max-connections-per-address', flags.maxConnectionsPerAddress, 1);
  try {
    resolveHttpLimits(out);
  } catch (e) {
    if (e instanceof HttpLimitError) throw new UsageError(`${FLAG_OF[e.field]}: ${e.message.slice(e.field.length + 2)}`);
    throw e;
  }
  return out;
}
