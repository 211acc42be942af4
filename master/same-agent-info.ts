/**
 * Whether two AgentInfos describe the same agent, whatever their ids: the
 * answer of comparing the two as encoded protobuf (protobufjs writes the
 * fields in order, so equal bytes mean equal content), found field by field
 * first. A re-registering agent normally reports what it reported before,
 * so the walk answers "same" without encoding; when the walk sees any
 * difference the encoded comparison decides (a value the walk calls
 * different may still encode alike, e.g. a number against its Long).
 * Pure, no I/O.
 */
import type { AgentInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';

/** Absent as protobufjs's encoder sees it: null, undefined or an empty repeated field. */
function absent(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

/**
 * True only when `a` and `b` are sure to encode alike: the same own
 * enumerable fields (absent ones skipped), numbers compared with `Object.is`
 * (-0 is written apart from 0 in a double), bytes byte by byte.
 */
export function fieldsEqual(a: unknown, b: unknown, skipKey?: string): boolean {
  if (Object.is(a, b)) return true;
  if (absent(a) && absent(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!fieldsEqual(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key of Object.keys(x)) {
    if (key === skipKey) continue;
    if (!fieldsEqual(x[key], Object.prototype.hasOwnProperty.call(y, key) ? y[key] : undefined)) return false;
  }
  for (const key of Object.keys(y)) {
    if (key === skipKey || Object.prototype.hasOwnProperty.call(x, key)) continue;
    if (!absent(y[key])) return false;
  }
  return true;
}

/** The encoded comparison (the long way): both infos without their ids, compared as bytes. */
export function sameAgentInfoEncoded(a: AgentInfo, b: AgentInfo): boolean {
  const bytes = (x: AgentInfo): Uint8Array => pb.AgentInfo.encode({ ...x, id: undefined }).finish();
  return Buffer.from(bytes(a)).equals(Buffer.from(bytes(b)));
}

/**
 * Whether two AgentInfos describe the same agent (hostname, address,
 * resources, attributes...), whatever their ids: field by field when that
 * says "same", else as encoded protobuf.
 */
export function sameAgentInfo(a: AgentInfo, b: AgentInfo): boolean {
  return fieldsEqual(a, b, 'id') || sameAgentInfoEncoded(a, b);
}
