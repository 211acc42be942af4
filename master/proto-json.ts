/**
 * Messages written straight to JSON text, with the bytes
 * `JSON.stringify(T.toObject(T.fromObject(value), JSON_OPTIONS))` gives but
 * without the two protobufjs copies per entry (at 500,000 tasks those
 * copies were most of `/state`'s time and garbage).
 *
 * A writer is compiled once per message type from the schema (the
 * generated descriptor) and follows the generated code's rules: fields in
 * field-number order, only those set (`null`/`undefined` left out, empty
 * repeated fields and maps left out), enums by name (a number the enum does
 * not know is left out, as `fromObject` drops it), 32-bit integers
 * truncated as `fromObject` truncates them, 64-bit numbers as they are,
 * bytes in base64, map keys in `Object.keys` order.
 *
 * Values outside the plain shapes the master keeps (an enum given by
 * name, a number given as text, a non-array where a list goes, `__proto__`
 * as a map key) are not guessed at: {@link ProtoJsonWriter.write} then
 * takes the protobufjs path for that entry, so the text is always the old
 * path's. Pure: no I/O.
 */
import { Enum, Root, Type, type Field, type MapField } from 'protobufjs/light';
import * as protobuf from 'protobufjs/minimal';
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';
import { MESETA_DESCRIPTOR } from '@meseta/proto/descriptor';

/** Thrown inside a compiled writer when a value is not in a plain shape. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain('not plain');

/**
 * Writes one value. `raw` is true inside an instance of a generated class:
 * `fromObject` hands such an instance over as it is, so only `toObject`'s
 * rules apply below it (own properties only, no truncation, an unknown
 * enum number written as the number).
 */
type Write = (value: unknown, raw: boolean) => string;

/** A message class of the generated code (fromObject/toObject). */
export interface GeneratedCodec {
  fromObject(o: Record<string, unknown>): unknown;
  toObject(m: never, o: typeof JSON_OPTIONS): unknown;
}

let root: Root | undefined;
const compiled = new Map<Type, Write>();
const own = Object.prototype.hasOwnProperty;

function schemaRoot(): Root {
  if (!root) {
    root = Root.fromJSON(MESETA_DESCRIPTOR as Parameters<typeof Root.fromJSON>[0]);
    root.resolveAll();
  }
  return root;
}

/** The generated object (enum or class) at a reflected full name (`.meseta.v1.TaskState`). */
function generatedAt(fullName: string): Record<string | number, unknown> {
  const parts = fullName.replace(/^\./, '').split('.');
  if (parts[0] !== 'meseta' || parts[1] !== 'v1') throw new TypeError(`proto-json: ${fullName} is not under meseta.v1`);
  let at: unknown = pb;
  for (const part of parts.slice(2)) at = at === undefined ? undefined : (at as Record<string, unknown>)[part];
  if (at === undefined) throw new TypeError(`proto-json: ${fullName} is not in the generated code (run \`npm run gen:proto\`)`);
  return at as Record<string | number, unknown>;
}

const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const FLOATING = new Set(['double', 'float']);
const LONG = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

/** A writer of one (non-repeated) value of a field's type, or of a map's value type; '' when the value is left out. */
function valueWriter(field: Field): Write {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) {
    const inner = writerOf(resolved);
    const cls = generatedAt(resolved.fullName) as unknown as abstract new () => unknown;
    return (v, raw) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw NOT_PLAIN;
      if (raw || v instanceof cls) return inner(v, true);
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
      return inner(v, false);
    };
  }
  if (resolved instanceof Enum) {
    const generated = generatedAt(resolved.fullName);
    return (v, raw) => {
      if (typeof v !== 'number') throw NOT_PLAIN;
      const name = generated[v];
      if (typeof name === 'string') return `"${name}"`;
      // fromObject keeps only numbers the enum knows; toObject alone writes an unknown one as the number.
      return raw ? JSON.stringify(v) : '';
    };
  }
  const type = field.type;
  if (type === 'string') {
    return (v) => {
      if (typeof v !== 'string') throw NOT_PLAIN;
      return JSON.stringify(v);
    };
  }
  if (type === 'bool') {
    return (v) => {
      if (typeof v !== 'boolean') throw NOT_PLAIN;
      return v ? 'true' : 'false';
    };
  }
  if (INT32.has(type)) {
    return (v, raw) => {
      if (typeof v !== 'number') throw NOT_PLAIN;
      return raw ? JSON.stringify(v) : String(v | 0);
    };
  }
  if (UINT32.has(type)) {
    return (v, raw) => {
      if (typeof v !== 'number') throw NOT_PLAIN;
      return raw ? JSON.stringify(v) : String(v >>> 0);
    };
  }
  if (FLOATING.has(type) || LONG.has(type)) {
    // 64-bit values are plain numbers (wire.ts turns Long off): kept as they are, as is a double.
    return (v) => {
      if (typeof v !== 'number') throw NOT_PLAIN;
      return JSON.stringify(v);
    };
  }
  if (type === 'bytes') {
    return (v) => {
      if (!(v instanceof Uint8Array)) throw NOT_PLAIN;
      return `"${protobuf.util.base64.encode(v, 0, v.length)}"`;
    };
  }
  throw new TypeError(`proto-json: ${field.fullName} has type ${type}, not handled`);
}

interface FieldWriter {
  name: string;
  key: string;
  kind: 'one' | 'list' | 'map';
  value: Write;
}

function fieldWriter(field: Field): FieldWriter {
  const key = `${JSON.stringify(field.name)}:`;
  if (field.map) {
    if ((field as unknown as MapField).keyType !== 'string') throw new TypeError(`proto-json: ${field.fullName} has ${(field as unknown as MapField).keyType} keys, not handled`);
    return { name: field.name, key, kind: 'map', value: valueWriter(field) };
  }
  return { name: field.name, key, kind: field.repeated ? 'list' : 'one', value: valueWriter(field) };
}

function listText(f: FieldWriter, x: unknown[], raw: boolean): string {
  let text = '[';
  for (let i = 0; i < x.length; i++) {
    const item = x[i] as unknown;
    if (item === null || item === undefined) throw NOT_PLAIN;
    const t = f.value(item, raw);
    // An unknown enum number in a list: rare, and the generated code's rule differs; take the old path.
    if (t === '') throw NOT_PLAIN;
    text += i === 0 ? t : `,${t}`;
  }
  return `${text}]`;
}

function mapText(f: FieldWriter, x: Record<string, unknown>, keys: string[], raw: boolean): string {
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === '__proto__') throw NOT_PLAIN;
    const item = x[k];
    if (item === null || item === undefined) throw NOT_PLAIN;
    const t = f.value(item, raw);
    if (t === '') throw NOT_PLAIN;
    text += `${i === 0 ? '' : ','}${JSON.stringify(k)}:${t}`;
  }
  return `${text}}`;
}

/** The compiled writer of a message type (fields compiled on first use: types refer to each other). */
function writerOf(type: Type): Write {
  const known = compiled.get(type);
  if (known) return known;
  let fields: FieldWriter[] | undefined;
  const write: Write = (value, raw) => {
    fields ??= [...type.fieldsArray].sort((a, b) => a.id - b.id).map(fieldWriter);
    const v = value as Record<string, unknown>;
    let out = '';
    for (const f of fields) {
      if (raw && !own.call(v, f.name)) continue;
      const x = v[f.name];
      if (x === null || x === undefined) continue;
      let text: string;
      if (f.kind === 'one') {
        text = f.value(x, raw);
        if (text === '') continue;
      } else if (f.kind === 'list') {
        if (!x) continue;
        if (!Array.isArray(x)) throw NOT_PLAIN;
        if (x.length === 0) continue;
        text = listText(f, x, raw);
      } else {
        if (!x) continue;
        if (typeof x !== 'object' || Array.isArray(x)) throw NOT_PLAIN;
        const keys = Object.keys(x);
        if (keys.length === 0) continue;
        text = mapText(f, x as Record<string, unknown>, keys, raw);
      }
      out += out === '' ? f.key + text : `,${f.key}${text}`;
    }
    return `{${out}}`;
  };
  compiled.set(type, write);
  return write;
}

/** The old path: protobufjs copies in and out, then `JSON.stringify`. */
export function protobufJson(codec: GeneratedCodec, value: unknown): string {
  return JSON.stringify(codec.toObject(codec.fromObject(value as Record<string, unknown>) as never, JSON_OPTIONS));
}

/** Writes one message type as JSON text. */
export class ProtoJsonWriter {
  private readonly compiledWrite: Write;
  private readonly codec: GeneratedCodec;
  /** Entries written by the old path because a value was not in a plain shape (tests read it). */
  fallbacks = 0;

  /** `typeName`: the message's name under `meseta.v1` (`Task`, `AgentState`, `Offer.Operation`). */
  constructor(typeName: string) {
    const type = schemaRoot().lookupType(`.meseta.v1.${typeName}`);
    this.compiledWrite = writerOf(type);
    this.codec = generatedAt(type.fullName) as unknown as GeneratedCodec;
  }

  /** `value` as JSON: the bytes of {@link protobufJson} for the same message type. */
  write(value: unknown): string {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const raw = value instanceof (this.codec as unknown as abstract new () => unknown);
      const proto = Object.getPrototypeOf(value) as unknown;
      if (raw || proto === Object.prototype || proto === null) {
        try {
          return this.compiledWrite(value, raw);
        } catch (e) {
          if (!(e instanceof NotPlain)) throw e;
        }
      }
    }
    this.fallbacks++;
    return protobufJson(this.codec, value);
  }
}
