/**
 * Parsing the Mesos text forms of resources and attributes, as agents take
 * them on the command line:
 *
 *   --resources 'cpus:4;mem:8192;ports:[31000-32000];disk(ops):100;gpus:{a,b}'
 *   --resources '[{"name":"cpus","type":"SCALAR","scalar":{"value":4}}]'
 *   --attributes 'rack:a;zone:1;slots:[1-4]'
 *
 * Every error names the entry and the problem.
 */
import type { Attribute, Range, Resource } from './wire';
import { ValueType } from './wire';
import { UNRESERVED_ROLE, normalize } from './resources';
import { resourceProblem, resourcesProblem } from './resource-validation';

/** Raised for text that is not a valid resource or attribute list. */
export class ResourceTextError extends Error {
  constructor(
    /** The offending entry, e.g. `mem:lots`. */
    readonly entry: string,
    /** What is wrong with it. */
    readonly problem: string,
  ) {
    super(`invalid entry "${entry}": ${problem}`);
    this.name = 'ResourceTextError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;
const ROLE = /^[A-Za-z0-9_.\-*/]+$/;

const SIZE_UNITS: Record<string, number> = { k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };

/**
 * The fix for a scalar amount written the way people often write it: a size
 * with a unit (`1GB`: mem and disk are in MB) or a range without brackets
 * (`31000-32000`). `name` is the resource (`mem`, `ports`). Undefined when
 * no fix is known. Pure.
 */
export function amountFix(name: string, text: string): string | undefined {
  const t = text.trim();
  const size = /^(\d+(?:\.\d+)?)\s*([kmgt])i?b?$/i.exec(t);
  if (size) {
    const mb = Number(size[1]) * SIZE_UNITS[size[2].toLowerCase()];
    const what = name === 'mem' || name === 'disk' ? name : 'sizes';
    return `${what} ${what === 'sizes' ? 'are' : 'is'} in MB without a unit: write ${Number.isInteger(mb) ? mb : mb.toFixed(2)}`;
  }
  if (/^\d+\s*-\s*\d+(\s*,\s*\d+\s*-\s*\d+)*$/.test(t)) return `write ranges as [${t.replace(/\s+/g, '')}]`;
  return undefined;
}

function parseNumber(entry: string, text: string, name = ''): number {
  const t = text.trim();
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const fix = amountFix(name, t);
    throw new ResourceTextError(entry, `"${t}" is not a non-negative number${fix ? `: ${fix}` : ''}`);
  }
  const n = Number(t);
  if (!Number.isFinite(n)) throw new ResourceTextError(entry, `"${t}" is not a finite number`);
  return n;
}

function parseRanges(entry: string, body: string): Range[] {
  const inner = body.trim().slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((part) => {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
    if (!m) throw new ResourceTextError(entry, `range "${part.trim()}" must look like BEGIN-END`);
    const begin = Number(m[1]);
    const end = Number(m[2]);
    if (begin > end) throw new ResourceTextError(entry, `range "${part.trim()}" ends before it begins`);
    return { begin, end };
  });
}

function parseSet(entry: string, body: string): string[] {
  const inner = body.trim().slice(1, -1).trim();
  if (inner === '') return [];
  const items = inner.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new ResourceTextError(entry, 'set has an empty item');
  return items;
}

function splitEntries(text: string): string[] {
  // Split on ';' outside brackets and braces.
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[' || ch === '{') depth++;
    if (ch === ']' || ch === '}') depth--;
    if (ch === ';' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Parse `--resources` text (or its JSON array form) into a normalised list.
 * `defaultRole` reserves entries that name no role (Mesos `--default_role`).
 */
export function parseResources(text: string, defaultRole: string = UNRESERVED_ROLE): Resource[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') && trimmed.includes('"name"')) {
    const parsed = parseResourcesJson(trimmed);
    const bad = resourcesProblem('', parsed);
    if (bad) throw new ResourceTextError(trimmed.slice(0, 40), bad);
    return parsed;
  }
  const out: Resource[] = [];
  const seen = new Set<string>();
  for (const entry of splitEntries(trimmed)) {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new ResourceTextError(entry, 'expected NAME:VALUE');
    const head = entry.slice(0, colon).trim();
    const body = entry.slice(colon + 1).trim();
    const m = /^([^()]+)(?:\(([^()]*)\))?$/.exec(head);
    if (!m || !NAME.test(m[1].trim())) throw new ResourceTextError(entry, `"${head}" is not a valid resource name`);
    const name = m[1].trim();
    const role = m[2] === undefined ? defaultRole : m[2].trim();
    if (!ROLE.test(role)) throw new ResourceTextError(entry, `"${role}" is not a valid role`);
    const key = `${name}(${role})`;
    if (seen.has(key)) throw new ResourceTextError(entry, `"${key}" is given twice`);
    seen.add(key);
    if (body === '') throw new ResourceTextError(entry, 'value is empty');
    let resource: Resource;
    if (body.startsWith('[')) {
      if (!body.endsWith(']')) throw new ResourceTextError(entry, 'ranges must end with "]"');
      resource = { name, type: ValueType.RANGES, ranges: { range: parseRanges(entry, body) } };
    } else if (body.startsWith('{')) {
      if (!body.endsWith('}')) throw new ResourceTextError(entry, 'set must end with "}"');
      resource = { name, type: ValueType.SET, set: { item: parseSet(entry, body) } };
    } else {
      resource = { name, type: ValueType.SCALAR, scalar: { value: parseNumber(entry, body, name) } };
    }
    if (role !== UNRESERVED_ROLE) resource.reservations = [{ type: 1, role }];
    const bad = resourceProblem(name, resource);
    if (bad) throw new ResourceTextError(entry, bad);
    out.push(resource);
  }
  return normalize(out);
}

function parseResourcesJson(text: string): Resource[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ResourceTextError(text.slice(0, 40), `not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new ResourceTextError(text.slice(0, 40), 'JSON resources must be an array');
  const out: Resource[] = parsed.map((item: unknown, i: number) => {
    const entry = `[${i}]`;
    if (typeof item !== 'object' || item === null) throw new ResourceTextError(entry, 'must be an object');
    const r = item as Record<string, unknown>;
    if (typeof r.name !== 'string' || !NAME.test(r.name)) throw new ResourceTextError(entry, 'name must be a resource name');
    const type = String(r.type ?? 'SCALAR').toUpperCase();
    const reservations = Array.isArray(r.reservations) ? (r.reservations as Resource['reservations']) : undefined;
    const role = typeof r.role === 'string' && r.role !== UNRESERVED_ROLE ? r.role : undefined;
    const base: Resource = { name: r.name };
    if (reservations) base.reservations = reservations;
    else if (role) base.reservations = [{ type: 1, role }];
    if (type === 'SCALAR') {
      const value = (r.scalar as { value?: unknown } | undefined)?.value;
      if (typeof value !== 'number' || value < 0) throw new ResourceTextError(entry, 'scalar.value must be a non-negative number');
      return { ...base, type: ValueType.SCALAR, scalar: { value } };
    }
    if (type === 'RANGES') {
      const range = (r.ranges as { range?: unknown } | undefined)?.range;
      if (!Array.isArray(range)) throw new ResourceTextError(entry, 'ranges.range must be an array');
      for (const span of range) if (!(Number(span?.begin) <= Number(span?.end))) throw new ResourceTextError(entry, `range ${JSON.stringify(span)} must have numbers with begin <= end`);
      return { ...base, type: ValueType.RANGES, ranges: { range: range as Range[] } };
    }
    if (type === 'SET') {
      const items = (r.set as { item?: unknown } | undefined)?.item;
      if (!Array.isArray(items)) throw new ResourceTextError(entry, 'set.item must be an array');
      return { ...base, type: ValueType.SET, set: { item: items.map(String) } };
    }
    throw new ResourceTextError(entry, `type "${type}" must be SCALAR, RANGES or SET`);
  });
  return normalize(out);
}

/** Parse `--attributes` text: `rack:a;zone:1;slots:[1-4];tags:{ssd,gpu}`. */
export function parseAttributes(text: string): Attribute[] {
  const out: Attribute[] = [];
  const seen = new Set<string>();
  for (const entry of splitEntries(text.trim())) {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new ResourceTextError(entry, 'expected NAME:VALUE');
    const name = entry.slice(0, colon).trim();
    const body = entry.slice(colon + 1).trim();
    if (!NAME.test(name)) throw new ResourceTextError(entry, `"${name}" is not a valid attribute name`);
    if (seen.has(name)) throw new ResourceTextError(entry, `"${name}" is given twice`);
    seen.add(name);
    if (body === '') throw new ResourceTextError(entry, 'value is empty');
    if (body.startsWith('[') && body.endsWith(']')) {
      out.push({ name, type: ValueType.RANGES, ranges: { range: parseRanges(entry, body) } });
    } else if (body.startsWith('{') && body.endsWith('}')) {
      out.push({ name, type: ValueType.SET, set: { item: parseSet(entry, body) } });
    } else if (/^-?\d+(\.\d+)?$/.test(body)) {
      out.push({ name, type: ValueType.SCALAR, scalar: { value: Number(body) } });
    } else {
      out.push({ name, type: ValueType.TEXT, text: { value: body } });
    }
  }
  return out;
}

/** The text value of an attribute, as constraints compare it. */
export function attributeText(attribute: Attribute): string {
  switch (attribute.type) {
    case ValueType.SCALAR:
      return String(attribute.scalar?.value ?? 0);
    case ValueType.RANGES:
      return `[${(attribute.ranges?.range ?? []).map((r) => `${r.begin}-${r.end}`).join(',')}]`;
    case ValueType.SET:
      return `{${(attribute.set?.item ?? []).join(',')}}`;
    default:
      return attribute.text?.value ?? '';
  }
}

/** `rack:a;zone:1` */
export function formatAttributes(attributes: readonly Attribute[] | null | undefined): string {
  return (attributes ?? []).map((a) => `${a.name}:${attributeText(a)}`).join(';');
}
