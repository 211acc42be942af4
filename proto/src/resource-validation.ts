/**
 * What a resource, a list of resources, an attribute and an agent's
 * registration may be, checked on every side: the master at an agent's
 * registration and at ACCEPT, the agent before it runs a task, the CLI for
 * `meseta run` and `--resources`. A refusal names the field and says what
 * was given and what is allowed:
 * `agent_info.resources[2].scalar.value: NaN, allowed: a finite number from 0 to 9007199254740`.
 *
 * Why bounds at all: a NaN or an infinite scalar poisons every sum it
 * enters (the allocator's totals, DRF shares, the UI), a negative one makes
 * an agent owe resources, and a scalar past 2^53 / 1000 no longer adds
 * exactly in the fixed point of three decimals that `resources.ts` keeps.
 * Ranges and sets are walked by the allocator at every offer, so their
 * length is bounded as well. Pure, no I/O.
 */
import type { AgentInfo, AgentToMaster, Attribute, Resource } from './wire';
import { ValueType } from './wire';
import { MAX_ID_BYTES, MAX_NAME_BYTES, frameworkInfoProblem, limitMessage, utf8Length } from './limits';

/**
 * The largest scalar (cpus, mem in MB, disk in MB, gpus, …): 2^53 / 1000,
 * so that three decimals of fixed point stay exact (9,007,199,254,740 MB is
 * 9 exabytes).
 */
export const MAX_SCALAR_VALUE = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** The largest range bound (ports and other ranges): 2^53 - 1, the largest integer a double holds exactly. */
export const MAX_RANGE_VALUE = Number.MAX_SAFE_INTEGER;

/** Resources in one list (an agent's, a task's, an executor's). Real agents have a handful of names, times roles. */
export const MAX_RESOURCES = 256;

/** Ranges in one resource. An agent's port ranges, once fragmented by allocations, stay far below this. */
export const MAX_RANGES = 4096;

/** Items in one set resource or attribute. */
export const MAX_SET_ITEMS = 4096;

/** Entries in one resource's reservation stack (Mesos's refined reservations nest by role depth). */
export const MAX_RESERVATIONS = 16;

/** Attributes of one agent. */
export const MAX_ATTRIBUTES = 256;

/** A resource or attribute name: a letter or `_` first, then letters, digits, `_ . - /` (as `--resources` takes them). */
export const RESOURCE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;

/** A role: letters, digits, `_ . - * /`, never `.` or `..` (as Mesos). */
export const ROLE_PATTERN = /^[A-Za-z0-9_.\-*/]+$/;

/** An id (task, executor, agent, framework): no `/`, `\\` or control characters, not `.` or `..` (ids become directory names; as the agent's sandbox checks). */
export const ID_PATTERN = /^[^/\\\u0000-\u001f\u007f]+$/;

const SCALAR_ALLOWED = `a finite number from 0 to ${MAX_SCALAR_VALUE}`;
const RANGE_ALLOWED = `a whole number from 0 to ${MAX_RANGE_VALUE}`;

/** `field: given, allowed: …`. */
function refusal(field: string, given: string, allowed: string): string {
  return `${field}: ${given}, allowed: ${allowed}`;
}

/** A name (`field`) that is empty, too long or has characters outside `pattern`; `what` describes the pattern. */
function nameProblem(field: string, name: string | null | undefined, pattern: RegExp, what: string): string | undefined {
  if (!name) return `${field}: required`;
  const size = utf8Length(name);
  if (size > MAX_NAME_BYTES) return refusal(field, `${size} bytes`, `at most ${MAX_NAME_BYTES}`);
  if (!pattern.test(name) || name === '.' || name === '..') return refusal(field, JSON.stringify(name), what);
  return undefined;
}

/** An id value that is too long or would not be a safe directory name; undefined for an absent id. */
export function idCharactersProblem(field: string, id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  const size = utf8Length(id);
  if (size > MAX_ID_BYTES) return refusal(field, `${size} bytes`, `at most ${MAX_ID_BYTES}`);
  if (!ID_PATTERN.test(id) || id === '.' || id === '..') {
    return refusal(field, JSON.stringify(id), 'no "/", "\\" or control characters, not "." or ".."');
  }
  return undefined;
}

/** A role name that is empty, too long or malformed. */
export function roleProblem(field: string, role: string | null | undefined): string | undefined {
  return nameProblem(field, role, ROLE_PATTERN, 'letters, digits and _ . - * /, not "." or ".."');
}

/** One scalar value that is NaN, infinite, negative or above {@link MAX_SCALAR_VALUE}. */
export function scalarProblem(field: string, value: number | null | undefined): string | undefined {
  if (value === null || value === undefined) return `${field}: required`;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_SCALAR_VALUE) {
    return refusal(field, String(value), SCALAR_ALLOWED);
  }
  return undefined;
}

function rangeBoundProblem(field: string, value: number | null | undefined): string | undefined {
  if (value === null || value === undefined) return `${field}: required`;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return refusal(field, String(value), RANGE_ALLOWED);
  return undefined;
}

/** Ranges: at most {@link MAX_RANGES}, each with whole bounds in range and `begin <= end`. */
export function rangesProblem(field: string, ranges: ReadonlyArray<{ begin?: number | null; end?: number | null }> | null | undefined): string | undefined {
  const list = ranges ?? [];
  if (list.length > MAX_RANGES) return refusal(field, `${list.length} ranges`, `at most ${MAX_RANGES}`);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const p = rangeBoundProblem(`${field}[${i}].begin`, r.begin) ?? rangeBoundProblem(`${field}[${i}].end`, r.end);
    if (p) return p;
    if ((r.begin as number) > (r.end as number)) return refusal(`${field}[${i}]`, `${r.begin}-${r.end} ends before it begins`, 'begin <= end');
  }
  return undefined;
}

/** Set items: at most {@link MAX_SET_ITEMS}, each non-empty and at most {@link MAX_NAME_BYTES}. */
export function setItemsProblem(field: string, items: readonly string[] | null | undefined): string | undefined {
  const list = items ?? [];
  if (list.length > MAX_SET_ITEMS) return refusal(field, `${list.length} items`, `at most ${MAX_SET_ITEMS}`);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!item) return refusal(`${field}[${i}]`, 'empty', 'a non-empty item');
    const size = utf8Length(item);
    if (size > MAX_NAME_BYTES) return refusal(`${field}[${i}]`, `${size} bytes`, `at most ${MAX_NAME_BYTES}`);
  }
  return undefined;
}

/** A value of `type` (SCALAR, RANGES, SET; TEXT only for attributes), checked under `field`. */
function valueProblem(
  field: string,
  value: { type?: number | null; scalar?: { value?: number | null } | null; ranges?: { range?: Array<{ begin?: number | null; end?: number | null }> | null } | null; set?: { item?: string[] | null } | null; text?: { value?: string | null } | null },
  allowText: boolean,
): string | undefined {
  const type = value.type ?? ValueType.SCALAR;
  switch (type) {
    case ValueType.SCALAR:
      if (!value.scalar) return `${field}.scalar: required for a SCALAR value`;
      return scalarProblem(`${field}.scalar.value`, value.scalar.value);
    case ValueType.RANGES:
      if (!value.ranges) return `${field}.ranges: required for a RANGES value`;
      return rangesProblem(`${field}.ranges.range`, value.ranges.range);
    case ValueType.SET:
      if (!value.set) return `${field}.set: required for a SET value`;
      return setItemsProblem(`${field}.set.item`, value.set.item);
    case ValueType.TEXT:
      if (!allowText) return refusal(`${field}.type`, 'TEXT', 'SCALAR, RANGES or SET for a resource');
      if (utf8Length(value.text?.value ?? '') > MAX_NAME_BYTES) return refusal(`${field}.text.value`, `${utf8Length(value.text?.value ?? '')} bytes`, `at most ${MAX_NAME_BYTES}`);
      return undefined;
    default:
      return refusal(`${field}.type`, String(type), allowText ? 'SCALAR, RANGES, SET or TEXT' : 'SCALAR, RANGES or SET');
  }
}

/** One resource: name, value by type, reservation roles, allocation role. `field` names it (`resources[2]`). */
export function resourceProblem(field: string, resource: Resource): string | undefined {
  const name = nameProblem(`${field}.name`, resource.name, RESOURCE_NAME_PATTERN, 'a letter or _ first, then letters, digits and _ . - /');
  if (name) return name;
  const value = valueProblem(field, resource, false);
  if (value) return value;
  const reservations = resource.reservations ?? [];
  if (reservations.length > MAX_RESERVATIONS) return refusal(`${field}.reservations`, `${reservations.length} entries`, `at most ${MAX_RESERVATIONS}`);
  for (let i = 0; i < reservations.length; i++) {
    const role = reservations[i].role;
    if (role !== null && role !== undefined && role !== '') {
      const p = roleProblem(`${field}.reservations[${i}].role`, role);
      if (p) return p;
    }
    const principal = reservations[i].principal;
    if (principal && utf8Length(principal) > MAX_NAME_BYTES) return refusal(`${field}.reservations[${i}].principal`, `${utf8Length(principal)} bytes`, `at most ${MAX_NAME_BYTES}`);
  }
  if (resource.allocation_role) return roleProblem(`${field}.allocation_role`, resource.allocation_role);
  return undefined;
}

/** A list of resources: at most {@link MAX_RESOURCES}, each by {@link resourceProblem}. `field` names the list. */
export function resourcesProblem(field: string, resources: readonly Resource[] | null | undefined): string | undefined {
  const list = resources ?? [];
  if (list.length > MAX_RESOURCES) return refusal(field, `${list.length} resources`, `at most ${MAX_RESOURCES}`);
  for (let i = 0; i < list.length; i++) {
    const p = resourceProblem(`${field}[${i}]`, list[i]);
    if (p) return p;
  }
  return undefined;
}

/** A name {@link nameProblem} passes; the few names every task repeats (cpus, mem, ports, …) are remembered. */
function nameValid(name: string | null | undefined, pattern: RegExp, known: Set<string>): boolean {
  if (!name) return false;
  if (known.has(name)) return true;
  if (utf8Length(name) > MAX_NAME_BYTES || !pattern.test(name) || name === '.' || name === '..') return false;
  if (known.size < 256) known.add(name);
  return true;
}

const validResourceNames = new Set<string>();
const validRoles = new Set<string>();

function scalarValid(value: number | null | undefined): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_SCALAR_VALUE;
}

function rangesValid(ranges: ReadonlyArray<{ begin?: number | null; end?: number | null }> | null | undefined): boolean {
  const list = ranges ?? [];
  if (list.length > MAX_RANGES) return false;
  for (const r of list) {
    const { begin, end } = r;
    if (typeof begin !== 'number' || !Number.isSafeInteger(begin) || begin < 0) return false;
    if (typeof end !== 'number' || !Number.isSafeInteger(end) || end < 0) return false;
    if (begin > end) return false;
  }
  return true;
}

function setItemsValid(items: readonly string[] | null | undefined): boolean {
  const list = items ?? [];
  if (list.length > MAX_SET_ITEMS) return false;
  for (const item of list) if (!item || utf8Length(item) > MAX_NAME_BYTES) return false;
  return true;
}

/** True when {@link resourceProblem} finds nothing (no field names built). */
function resourceValid(resource: Resource): boolean {
  if (!nameValid(resource.name, RESOURCE_NAME_PATTERN, validResourceNames)) return false;
  switch (resource.type ?? ValueType.SCALAR) {
    case ValueType.SCALAR:
      if (!resource.scalar || !scalarValid(resource.scalar.value)) return false;
      break;
    case ValueType.RANGES:
      if (!resource.ranges || !rangesValid(resource.ranges.range)) return false;
      break;
    case ValueType.SET:
      if (!resource.set || !setItemsValid(resource.set.item)) return false;
      break;
    default:
      return false;
  }
  const reservations = resource.reservations;
  if (reservations) {
    if (reservations.length > MAX_RESERVATIONS) return false;
    for (const r of reservations) {
      if (r.role !== null && r.role !== undefined && r.role !== '' && !nameValid(r.role, ROLE_PATTERN, validRoles)) return false;
      if (r.principal && utf8Length(r.principal) > MAX_NAME_BYTES) return false;
    }
  }
  return !resource.allocation_role || nameValid(resource.allocation_role, ROLE_PATTERN, validRoles);
}

/**
 * True when {@link resourcesProblem} finds nothing, without building a field
 * name per resource: the ACCEPT path asks this of every task and asks
 * `resourcesProblem` only when it is false, for the message
 * (`test/unit/launch-fast-paths.test.ts` holds the two to the same answers).
 */
export function resourcesValid(resources: readonly Resource[] | null | undefined): boolean {
  const list = resources ?? [];
  if (list.length > MAX_RESOURCES) return false;
  for (const r of list) if (!resourceValid(r)) return false;
  return true;
}

/** True when {@link idCharactersProblem} finds nothing (an absent id passes). */
export function idCharactersValid(id: string | null | undefined): boolean {
  if (!id) return true;
  return utf8Length(id) <= MAX_ID_BYTES && ID_PATTERN.test(id) && id !== '.' && id !== '..';
}

/** An agent's attributes: at most {@link MAX_ATTRIBUTES}, names as resource names, values by type (TEXT allowed). */
export function attributesProblem(field: string, attributes: readonly Attribute[] | null | undefined): string | undefined {
  const list = attributes ?? [];
  if (list.length > MAX_ATTRIBUTES) return refusal(field, `${list.length} attributes`, `at most ${MAX_ATTRIBUTES}`);
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    const p =
      nameProblem(`${field}[${i}].name`, a.name, RESOURCE_NAME_PATTERN, 'a letter or _ first, then letters, digits and _ . - /') ??
      valueProblem(`${field}[${i}]`, a, true);
    if (p) return p;
  }
  return undefined;
}

/** What an agent registers with: id, hostname, ip, port, resources and attributes. `field` names the AgentInfo. */
export function agentInfoProblem(field: string, info: AgentInfo | null | undefined): string | undefined {
  if (!info) return `${field}: required`;
  const hostname = info.hostname ?? '';
  if (utf8Length(hostname) > MAX_NAME_BYTES) return refusal(`${field}.hostname`, `${utf8Length(hostname)} bytes`, `at most ${MAX_NAME_BYTES}`);
  if (/[\s\u0000-\u001f\u007f]/.test(hostname)) return refusal(`${field}.hostname`, JSON.stringify(hostname), 'no whitespace or control characters');
  const ip = info.ip ?? '';
  if (ip.length > 64 || /[\s\u0000-\u001f\u007f/]/.test(ip)) return refusal(`${field}.ip`, JSON.stringify(ip.slice(0, 80)), 'an IP address');
  const port = info.port;
  if (port !== null && port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) return refusal(`${field}.port`, String(port), 'a port from 0 to 65535');
  return (
    idCharactersProblem(`${field}.id.value`, info.id?.value) ??
    resourcesProblem(`${field}.resources`, info.resources) ??
    attributesProblem(`${field}.attributes`, info.attributes)
  );
}

/**
 * An agent's (re-)registration: its AgentInfo ({@link agentInfoProblem}),
 * the resources and ids of the tasks it reports, and the frameworks it
 * names. `field` names the Register message.
 */
export function registrationProblem(field: string, register: NonNullable<AgentToMaster['register']>): string | undefined {
  return registrationValid(register) ? undefined : registrationProblemNamed(field, register);
}

/** {@link registrationProblem}'s long way: every check with its field name built, whatever {@link registrationValid} says. */
export function registrationProblemNamed(field: string, register: NonNullable<AgentToMaster['register']>): string | undefined {
  const info = agentInfoProblem(`${field}.agent_info`, register.agent_info);
  if (info) return info;
  if (utf8Length(register.version ?? '') > MAX_NAME_BYTES) return refusal(`${field}.version`, `${utf8Length(register.version ?? '')} bytes`, `at most ${MAX_NAME_BYTES}`);
  const tasks = register.tasks ?? [];
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    const p =
      idCharactersProblem(`${field}.tasks[${i}].task_id.value`, t.task_id?.value) ??
      idCharactersProblem(`${field}.tasks[${i}].framework_id.value`, t.framework_id?.value) ??
      idCharactersProblem(`${field}.tasks[${i}].executor_id.value`, t.executor_id?.value) ??
      resourcesProblem(`${field}.tasks[${i}].resources`, t.resources);
    if (p) return p;
  }
  const frameworks = register.frameworks ?? [];
  for (let i = 0; i < frameworks.length; i++) {
    const limit = frameworkInfoProblem(`${field}.frameworks[${i}]`, frameworks[i]);
    if (limit) return limitMessage(limit);
  }
  return undefined;
}

/** True when {@link attributesProblem} finds nothing (no field names built). */
function attributesValid(attributes: readonly Attribute[] | null | undefined): boolean {
  const list = attributes ?? [];
  if (list.length > MAX_ATTRIBUTES) return false;
  for (const a of list) {
    if (!nameValid(a.name, RESOURCE_NAME_PATTERN, validResourceNames)) return false;
    switch (a.type ?? ValueType.SCALAR) {
      case ValueType.SCALAR:
        if (!a.scalar || !scalarValid(a.scalar.value)) return false;
        break;
      case ValueType.RANGES:
        if (!a.ranges || !rangesValid(a.ranges.range)) return false;
        break;
      case ValueType.SET:
        if (!a.set || !setItemsValid(a.set.item)) return false;
        break;
      case ValueType.TEXT:
        if (utf8Length(a.text?.value ?? '') > MAX_NAME_BYTES) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const HOSTNAME_REFUSED = /[\s\u0000-\u001f\u007f]/;
const IP_REFUSED = /[\s\u0000-\u001f\u007f/]/;

/** True when {@link agentInfoProblem} finds nothing (no field names built). */
export function agentInfoValid(info: AgentInfo | null | undefined): boolean {
  if (!info) return false;
  const hostname = info.hostname ?? '';
  if (utf8Length(hostname) > MAX_NAME_BYTES || HOSTNAME_REFUSED.test(hostname)) return false;
  const ip = info.ip ?? '';
  if (ip.length > 64 || IP_REFUSED.test(ip)) return false;
  const port = info.port;
  if (port !== null && port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) return false;
  return idCharactersValid(info.id?.value) && resourcesValid(info.resources) && attributesValid(info.attributes);
}

/**
 * True when {@link registrationProblem}'s checks find nothing, without
 * building a field name per task and resource: every (re-)registration is
 * asked this first and walks the long way only when it is false, for the
 * message (`test/unit/registration-fast-path.test.ts` holds the two to the
 * same answers).
 */
export function registrationValid(register: NonNullable<AgentToMaster['register']>): boolean {
  if (!agentInfoValid(register.agent_info)) return false;
  if (utf8Length(register.version ?? '') > MAX_NAME_BYTES) return false;
  const tasks = register.tasks ?? [];
  for (const t of tasks) {
    if (!idCharactersValid(t.task_id?.value) || !idCharactersValid(t.framework_id?.value) || !idCharactersValid(t.executor_id?.value)) return false;
    if (!resourcesValid(t.resources)) return false;
  }
  const frameworks = register.frameworks ?? [];
  for (let i = 0; i < frameworks.length; i++) if (frameworkInfoProblem('f', frameworks[i])) return false;
  return true;
}
