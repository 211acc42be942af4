/**
 * Content negotiation and the message codec of Mesos's v1 HTTP APIs
 * (scheduler, executor, operator): a body is JSON (`application/json`) or
 * binary protobuf (`application/x-protobuf`), chosen by `Content-Type` for
 * requests and by `Accept` for answers.
 *
 * Our messages carry Mesos's field numbers and names, so one generated class
 * reads and writes both encodings. Mesos's JSON is the protobuf field names
 * as they are in the .proto (snake_case), enums by name, bytes in base64,
 * 64-bit integers as JSON numbers; a JSON `null` means the field is absent.
 *
 * Every problem with what a client sent is a {@link MesosHttpError} carrying
 * the HTTP status to answer (400, 406, 415) and a message naming the field
 * (`accept.operations[0].type: unknown value "LAUNCHH" ...`).
 *
 * Pure: no I/O. The JSON reader walks the schema in the generated
 * descriptor (`proto/gen/meseta-descriptor.js`, made by `npm run gen:proto`).
 */
import type { IConversionOptions, Writer } from 'protobufjs/minimal';
import { Enum, Root, Type, type Field, type MapField } from 'protobufjs/light';
import './wire';
import { meseta } from '../gen/meseta';
import descriptor = require('../gen/meseta-descriptor');

/** The two encodings of a Mesos v1 HTTP body. */
export type MesosFormat = 'json' | 'protobuf';

/** Media type of JSON bodies. */
export const APPLICATION_JSON = 'application/json';
/** Media type of binary protobuf bodies. */
export const APPLICATION_PROTOBUF = 'application/x-protobuf';
/** Media type of a RecordIO stream whose records are given by `Message-Content-Type`. */
export const APPLICATION_RECORDIO = 'application/recordio';

/** A request Meseta refuses, with the HTTP status to answer and a message naming the problem. */
export class MesosHttpError extends Error {
  /** The HTTP status code to answer with (400, 401, 403, 404, 406, 409, 413, 415, ...). */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'MesosHttpError';
    this.status = status;
  }
}

/** A protobufjs generated message class (`pb.Call`, `pb.Event`, ...). */
export interface MesosMessageType<T> {
  decode(reader: Uint8Array): T;
  encode(message: T, writer?: Writer): Writer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fromObject(object: { [k: string]: any }): T;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  toObject(message: T, options?: IConversionOptions): { [k: string]: any };
}

/** The media type of a body in `format`. */
export function mediaType(format: MesosFormat): string {
  return format === 'json' ? APPLICATION_JSON : APPLICATION_PROTOBUF;
}

/**
 * The format of a request body from its `Content-Type` (parameters such as
 * `charset` are ignored, case does not matter).
 * @throws MesosHttpError 415 when the type is missing or neither JSON nor protobuf
 */
export function requestFormat(contentType?: string): MesosFormat {
  if (contentType === undefined || contentType.trim() === '') {
    throw new MesosHttpError(
      415,
      `Expecting 'Content-Type' to be present, one of ${APPLICATION_JSON} or ${APPLICATION_PROTOBUF}`,
    );
  }
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === APPLICATION_JSON) return 'json';
  if (type === APPLICATION_PROTOBUF) return 'protobuf';
  throw new MesosHttpError(
    415,
    `Content-Type '${contentType}' is not supported: expecting ${APPLICATION_JSON} or ${APPLICATION_PROTOBUF}`,
  );
}

/**
 * The format to answer in, from an `Accept` header: the acceptable type
 * with the highest quality (`q=`), JSON first on a tie. A missing or empty
 * header, `*&#47;*` and `application/*` leave the choice to `fallback`.
 * @throws MesosHttpError 406 when the header accepts neither JSON nor protobuf
 */
export function responseFormat(accept: string | undefined, fallback: MesosFormat): MesosFormat {
  if (accept === undefined || accept.trim() === '') return fallback;
  let best: { format: MesosFormat; q: number } | undefined;
  for (const range of accept.split(',')) {
    const [typePart, ...params] = range.split(';');
    const type = typePart.trim().toLowerCase();
    if (type === '') continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? parsed : 0;
      }
    }
    if (q <= 0) continue;
    let format: MesosFormat | undefined;
    if (type === APPLICATION_JSON) format = 'json';
    else if (type === APPLICATION_PROTOBUF) format = 'protobuf';
    else if (type === '*/*' || type === 'application/*') format = fallback;
    if (format === undefined) continue;
    // A named type beats a wildcard of the same quality.
    const named = type !== '*/*' && type !== 'application/*';
    const score = q + (named ? 1e-6 : 0);
    if (best === undefined || score > best.q) best = { format, q: score };
  }
  if (best === undefined) {
    throw new MesosHttpError(
      406,
      `Accept '${accept}' allows neither ${APPLICATION_JSON} nor ${APPLICATION_PROTOBUF}`,
    );
  }
  return best.format;
}

/**
 * Reads a request body into a message.
 *
 * JSON: the body must be one UTF-8 JSON object; `null` anywhere in an object
 * means the field is absent; known fields are checked against their types
 * (strings, numbers in range, booleans, enums by name, bytes in base64,
 * lists, nested messages) and unknown ones are ignored, as Mesos does.
 * Protobuf: the bytes are decoded as they are.
 * @throws MesosHttpError 400 naming the field path and the problem
 */
export function decodeMesosMessage<T>(type: MesosMessageType<T>, body: Buffer, format: MesosFormat): T {
  const reflected = reflectionOf(type);
  if (format === 'protobuf') {
    try {
      return type.decode(body);
    } catch (err) {
      throw new MesosHttpError(400, `Failed to parse body into ${reflected.name}: ${(err as Error).message}`);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new MesosHttpError(400, `Failed to parse body into ${reflected.name}: the JSON body is not valid UTF-8`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new MesosHttpError(400, `Failed to parse body into ${reflected.name}: not JSON (${(err as Error).message})`);
  }
  const clean = checkMessage(reflected, parsed, '', 0);
  try {
    return type.fromObject(clean);
  } catch (err) {
    throw new MesosHttpError(400, `Failed to parse body into ${reflected.name}: ${(err as Error).message}`);
  }
}

/** Conversion to Mesos JSON: enums by name, 64-bit integers as numbers, bytes in base64, no defaults. */
const JSON_OPTIONS: IConversionOptions = { enums: String, longs: Number, bytes: String, json: true };

/**
 * Writes a message in `format`. JSON is Mesos's: field names as in the
 * .proto, enums by name, bytes in base64, fields that are not set left out,
 * and every non-ASCII character escaped (`\u00e9`), so the body is ASCII.
 * `message` may be an instance or a plain object of the type.
 */
export function encodeMesosMessage<T>(type: MesosMessageType<T>, message: T, format: MesosFormat): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const instance = type.fromObject(message as { [k: string]: any });
  if (format === 'protobuf') return Buffer.from(type.encode(instance).finish());
  return Buffer.from(asciiJson(type.toObject(instance, JSON_OPTIONS)), 'ascii');
}

/** `JSON.stringify` with every character above 0x7e written as `\uXXXX`. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// --- the JSON reader ---------------------------------------------------------

/** Deeper nesting than this is refused (no message of ours nests nearly so deep). */
const MAX_DEPTH = 64;

const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);
const FLOATING = new Set(['double', 'float']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkMessage(type: Type, value: unknown, path: string, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) fail(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected a JSON object (${type.name}), got ${describe(value)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === null) continue;
    const field = type.fields[key];
    if (field === undefined) continue; // unknown fields are ignored, as Mesos does
    const where = path === '' ? key : `${path}.${key}`;
    if (field.repeated) {
      if (!Array.isArray(item)) fail(where, `expected a JSON array, got ${describe(item)}`);
      out[key] = (item as unknown[]).map((element, i) => {
        const at = `${where}[${i}]`;
        if (element === null) fail(at, 'null is not allowed in a list');
        return checkValue(field, element, at, depth + 1);
      });
    } else if (field.map) {
      out[key] = checkMap(field as unknown as MapField, item, where, depth + 1);
    } else {
      out[key] = checkValue(field, item, where, depth + 1);
    }
  }
  for (const field of type.fieldsArray) {
    if (field.required && out[field.name] === undefined) {
      fail(path === '' ? field.name : `${path}.${field.name}`, 'required field is missing');
    }
  }
  return out;
}

/** A map field (string keys only, as Mesos's `offer_filters`): a JSON object whose values are checked as the field's value type. */
function checkMap(field: MapField, value: unknown, path: string, depth: number): Record<string, unknown> {
  if (field.keyType !== 'string') fail(path, `map fields keyed by ${field.keyType} are not read from JSON`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected a JSON object (a map), got ${describe(value)}`);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}.${key}`;
    if (item === null) fail(at, 'null is not allowed in a map');
    out[key] = checkValue(field as unknown as Field, item, at, depth);
  }
  return out;
}

function checkValue(field: Field, value: unknown, path: string, depth: number): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) return checkMessage(resolved, value, path, depth);
  if (resolved instanceof Enum) return checkEnum(resolved, value, path);
  const type = field.type;
  if (type === 'string') {
    if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
    return value;
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') fail(path, `expected true or false, got ${describe(value)}`);
    return value;
  }
  if (type === 'bytes') {
    if (typeof value !== 'string') fail(path, `expected a base64 string, got ${describe(value)}`);
    const text = value as string;
    if (!BASE64.test(text) || text.length % 4 === 1) fail(path, `not valid base64: ${quote(text)}`);
    return Buffer.from(text, 'base64');
  }
  if (FLOATING.has(type)) {
    if (typeof value === 'number') return value;
    if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
    fail(path, `expected a number, got ${describe(value)}`);
  }
  const number = integerOf(value, INT64.has(type) || UINT64.has(type));
  if (number === undefined) fail(path, `expected a whole number, got ${describe(value)}`);
  const n = number as number;
  if (INT32.has(type) && (n < -(2 ** 31) || n > 2 ** 31 - 1)) fail(path, `${n} is out of range for ${type}`);
  if (UINT32.has(type) && (n < 0 || n > 2 ** 32 - 1)) fail(path, `${n} is out of range for ${type}`);
  if (UINT64.has(type) && n < 0) fail(path, `${n} is out of range for ${type}`);
  if (!INT32.has(type) && !UINT32.has(type) && !INT64.has(type) && !UINT64.has(type)) {
    fail(path, `field type ${type} is not readable from JSON`);
  }
  return n;
}

/**
 * An integer from a JSON number or a decimal string (64-bit integers may
 * come quoted). `wide` (int64/uint64 fields) takes values past 2^53, such as
 * Mesos's `TimeInfo.nanoseconds` (~1.7e18), as the nearest double: Meseta
 * reads 64-bit fields as numbers, so nanoseconds past 2^53 lose their last
 * digits, which no clock here needs.
 */
function integerOf(value: unknown, wide: boolean): number | undefined {
  const limit = wide ? 2 ** 64 : Number.MAX_SAFE_INTEGER;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= limit && (wide || Number.isSafeInteger(value)) ? value : undefined;
  if (typeof value === 'string' && (wide ? /^-?\d{1,20}$/ : /^-?\d{1,16}$/).test(value)) {
    const n = Number(value);
    return Math.abs(n) <= limit && (wide || Number.isSafeInteger(n)) ? n : undefined;
  }
  return undefined;
}

function checkEnum(type: Enum, value: unknown, path: string): string | number {
  if (typeof value === 'string') {
    if (Object.prototype.hasOwnProperty.call(type.values, value)) return value;
    fail(path, `unknown value ${quote(value)} for ${type.name} (${enumNames(type)})`);
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (type.valuesById[value] !== undefined) return value;
    fail(path, `unknown value ${value} for ${type.name} (${enumNames(type)})`);
  }
  fail(path, `expected a ${type.name} name as a string, got ${describe(value)}`);
}

function enumNames(type: Enum): string {
  const names = Object.keys(type.values);
  const shown = names.slice(0, 12).join(', ');
  return names.length > 12 ? `one of ${shown}, ... ${names.length - 12} more` : `one of ${shown}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return `an ${typeof value}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}...` : text);
}

function fail(path: string, problem: string): never {
  throw new MesosHttpError(400, path === '' ? problem : `${path}: ${problem}`);
}

// --- from a generated class to its schema ------------------------------------

let reflectionIndex: Map<unknown, Type> | undefined;

/** The reflected schema of a generated class, found by walking the descriptor beside the generated code. */
function reflectionOf(type: unknown): Type {
  if (reflectionIndex === undefined) {
    const root = Root.fromJSON(descriptor as Parameters<typeof Root.fromJSON>[0]);
    root.resolveAll();
    reflectionIndex = new Map();
    indexTypes(root.nestedArray, { meseta }, reflectionIndex);
  }
  const found = reflectionIndex.get(type);
  if (found === undefined) {
    throw new TypeError('decodeMesosMessage: not a generated message class of @meseta/proto (run `npm run gen:proto`?)');
  }
  return found;
}

function indexTypes(nested: unknown[], generated: Record<string, unknown>, index: Map<unknown, Type>): void {
  for (const object of nested) {
    const named = object as { name: string; nestedArray?: unknown[] };
    const match = generated[named.name] as Record<string, unknown> | undefined;
    if (match === undefined) continue;
    if (object instanceof Type) index.set(match, object);
    if (named.nestedArray !== undefined && named.nestedArray.length > 0) {
      indexTypes(named.nestedArray, match, index);
    }
  }
}
