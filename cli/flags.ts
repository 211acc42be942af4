/**
 * Turning flag text into values. Every parser names the flag in its error
 * (`--port: "x" is not a port number`) and throws a {@link UsageError}, so
 * the command exits 2 with one clear line and no stack trace.
 */
import type { Attribute, Resource } from '@meseta/proto/wire';
import { parseDurationSeconds } from '@meseta/runtime/duration';
import type * as ResourceText from '@meseta/proto/resource-text';
import { UsageError } from './cli-error';
import type * as ResourceValidation from '@meseta/proto/resource-validation';

export { DEFAULT_MASTER, MASTER_ENV, masterFlag } from './master-flag';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A duration (`500ms`, `15s`, `10mins`, plain seconds) in seconds. */
export function durationFlag(flag: string, text: string): number {
  try {
    return parseDurationSeconds(text);
  } catch (e) {
    throw new UsageError(`${flag}: ${message(e)}`);
  }
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** A size as Mesos writes one (`2GB`, `512MB`, `100KB`, plain bytes; units of 1024) in bytes. */
export function bytesFlag(flag: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = BYTE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) throw new UsageError(`${flag}: "${text}" is not a size (e.g. 2GB, 512MB, 100KB or bytes)`);
  const bytes = Math.floor(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`${flag}: "${text}" is too large`);
  return bytes;
}

/** A TCP port, 0 meaning "any free port". */
export function portFlag(flag: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) throw new UsageError(`${flag}: "${text}" is not a port number (0-65535)`);
  return port;
}

/** A whole number no smaller than `min`. */
export function countFlag(flag: string, text: string, min = 0): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min) throw new UsageError(`${flag}: "${text}" is not a whole number >= ${min}`);
  return n;
}

/**
 * `@meseta/proto/resource-text` when first needed: it loads the protobuf
 * code (~0.4 s idle, seconds on a loaded machine), which `meseta master`
 * must not pay before binding its port (cli/commands/master.ts).
 */
function resourceText(): typeof ResourceText {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@meseta/proto/resource-text') as typeof ResourceText;
}

/** `@meseta/proto/resource-validation` when first needed (it loads the protobuf code too). */
function resourceValidation(): typeof ResourceValidation {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@meseta/proto/resource-validation') as typeof ResourceValidation;
}

/** A number no smaller than zero (cpus, mem). `positive` also rejects zero. */
export function amountFlag(flag: string, text: string, positive = false): number {
  const n = Number(text);
  const wellFormed = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text);
  if (!wellFormed || !Number.isFinite(n) || (positive && n === 0)) {
    const fix = resourceText().amountFix(flag.replace(/^-+/, ''), text);
    throw new UsageError(`${flag}: "${text}" is not a ${positive ? 'positive' : 'non-negative'} number${fix ? `: ${fix}` : ''}`);
  }
  const max = resourceValidation().MAX_SCALAR_VALUE;
  if (n > max) throw new UsageError(`${flag}: "${text}" is above ${max}, the largest amount a resource may hold`);
  return n;
}

/** `--resources` text, checked here so a bad entry is named before anything starts. */
export function resourcesFlag(flag: string, text: string): Resource[] {
  try {
    return resourceText().parseResources(text);
  } catch (e) {
    throw new UsageError(`${flag}: ${message(e)}`);
  }
}

/** `--attributes` text (`rack:a;zone:1`). */
export function attributesFlag(flag: string, text: string): Attribute[] {
  try {
    return resourceText().parseAttributes(text);
  } catch (e) {
    throw new UsageError(`${flag}: ${message(e)}`);
  }
}

/** One `--env NAME=VALUE`; the value may be empty and may hold `=`. */
export function envFlag(flag: string, text: string): { name: string; value: string } {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`${flag}: "${text}" must look like NAME=VALUE`);
  return { name, value: text.slice(eq + 1) };
}

/** Commander collector for repeatable flags: `--env A=1 --env B=2`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A non-empty text value (`--name`, `--command`). */
export function textFlag(flag: string, text: string | undefined): string {
  if (text === undefined || text.trim() === '') throw new UsageError(`${flag}: required`);
  return text;
}

/** A DNS server's audience (`--dns-visibility`, `meseta dns --visibility`): `cluster` or `external`, any case. */
export function dnsAudienceFlag(flag: string, text: string): 'cluster' | 'external' {
  const lower = text.trim().toLowerCase();
  if (lower === 'cluster' || lower === 'external') return lower;
  if (lower === 'framework') throw new UsageError(`${flag}: framework: a DNS server cannot tell which framework asks; FRAMEWORK tasks are found through the watch API (visibility=framework)`);
  throw new UsageError(`${flag}: "${text}" is not cluster or external`);
}
