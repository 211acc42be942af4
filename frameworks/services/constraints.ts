/**
 * Placement constraints, as Marathon writes them: `[field, operator, value?]`
 * with field `hostname`, `@agentid` or an agent attribute, and operators
 * UNIQUE, CLUSTER, LIKE, UNLIKE, GROUP_BY, MAX_PER. Parsing names the
 * problem; evaluation says for one offer whether an instance may go there,
 * and if not, why (as data for DECLINE refusals). Pure.
 */
import type { Attribute, InsufficientResource, Offer } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';

/** The operators. */
export const CONSTRAINT_OPERATORS = ['UNIQUE', 'CLUSTER', 'LIKE', 'UNLIKE', 'GROUP_BY', 'MAX_PER'] as const;
/** One of {@link CONSTRAINT_OPERATORS}. */
export type ConstraintOperator = (typeof CONSTRAINT_OPERATORS)[number];

/** A parsed constraint. */
export interface Constraint {
  field: string;
  operator: ConstraintOperator;
  /** CLUSTER value, LIKE/UNLIKE regex, GROUP_BY / MAX_PER number (as text). */
  value?: string;
}

/** Where an instance runs (or would run): the values constraints look at. */
export interface PlacementFacts {
  agentId: string;
  hostname: string;
  /** Attribute values as text (`rack` → `a`). */
  attributes: Record<string, string>;
}

/**
 * Parse `[field, operator, value?]`.
 * @returns the constraint, or a message naming what is wrong (the caller prefixes the field path).
 */
export function parseConstraint(raw: unknown): Constraint | string {
  if (!Array.isArray(raw) || raw.length < 2 || raw.length > 3 || raw.some((x) => typeof x !== 'string')) {
    return 'must be [field, operator] or [field, operator, value], all strings';
  }
  const [field, operatorText, value] = raw as string[];
  if (field.trim() === '') return 'the field (first entry) is empty';
  const operator = operatorText.toUpperCase() as ConstraintOperator;
  if (!CONSTRAINT_OPERATORS.includes(operator)) {
    return `unknown operator "${operatorText}" (one of ${CONSTRAINT_OPERATORS.join(', ')})`;
  }
  switch (operator) {
    case 'UNIQUE':
      if (value !== undefined) return 'UNIQUE takes no value';
      break;
    case 'CLUSTER':
      break;
    case 'LIKE':
    case 'UNLIKE':
      if (value === undefined) return `${operator} needs a regular expression as value`;
      try {
        new RegExp(`^(?:${value})$`);
      } catch (e) {
        return `${operator} value "${value}" is not a regular expression: ${(e as Error).message}`;
      }
      break;
    case 'GROUP_BY':
      if (value !== undefined && !isPositiveInteger(value)) return `GROUP_BY value "${value}" must be a whole number >= 1`;
      break;
    case 'MAX_PER':
      if (value === undefined || !isPositiveInteger(value)) return `MAX_PER needs a whole number >= 1 as value, got ${value === undefined ? 'none' : `"${value}"`}`;
      break;
  }
  return value === undefined ? { field, operator } : { field, operator, value };
}

function isPositiveInteger(text: string): boolean {
  return /^\d+$/.test(text) && Number(text) >= 1;
}

/** `hostname:UNIQUE`, `rack:CLUSTER:a`: how a constraint is named in messages and refusals. */
export function constraintName(c: Constraint): string {
  return c.value === undefined ? `${c.field}:${c.operator}` : `${c.field}:${c.operator}:${c.value}`;
}

function attributeText(a: Attribute): string {
  switch (a.type) {
    case ValueType.SCALAR:
      return String(a.scalar?.value ?? 0);
    case ValueType.SET:
      return (a.set?.item ?? []).join(',');
    case ValueType.RANGES:
      return (a.ranges?.range ?? []).map((r) => `${r.begin}-${r.end}`).join(',');
    default:
      return a.text?.value ?? '';
  }
}

/** The placement facts of an offer. */
export function offerFacts(offer: Offer): PlacementFacts {
  const attributes: Record<string, string> = {};
  for (const a of offer.attributes ?? []) if (a.name) attributes[a.name] = attributeText(a);
  return { agentId: offer.agent_id?.value ?? '', hostname: offer.hostname ?? '', attributes };
}

/** The value of a constraint's field at a place; undefined when the agent lacks the attribute. */
export function fieldValue(field: string, facts: PlacementFacts): string | undefined {
  if (field === 'hostname') return facts.hostname;
  if (field === '@agentid' || field === 'agent_id') return facts.agentId;
  return facts.attributes[field];
}

/** Why one constraint refuses a place, or undefined when it allows it. */
export function constraintRefusal(
  c: Constraint,
  candidate: PlacementFacts,
  placed: readonly PlacementFacts[],
  /** Every value of the field seen on any agent so far (GROUP_BY spreads over them). */
  knownValues: readonly string[] = [],
): string | undefined {
  const value = fieldValue(c.field, candidate);
  const name = constraintName(c);
  if (value === undefined) return `${name}: agent ${candidate.hostname || candidate.agentId} has no attribute "${c.field}"`;
  const counts = new Map<string, number>();
  for (const p of placed) {
    const v = fieldValue(c.field, p);
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const here = counts.get(value) ?? 0;
  switch (c.operator) {
    case 'UNIQUE':
      return here > 0 ? `${name}: ${c.field} ${value} already runs an instance` : undefined;
    case 'CLUSTER': {
      const wanted = c.value ?? [...counts.keys()][0];
      if (wanted === undefined || wanted === value) return undefined;
      return `${name}: ${c.field} is ${value}, instances must run where it is ${wanted}`;
    }
    case 'LIKE':
      return new RegExp(`^(?:${c.value})$`).test(value) ? undefined : `${name}: ${c.field} ${value} does not match ${c.value}`;
    case 'UNLIKE':
      return new RegExp(`^(?:${c.value})$`).test(value) ? `${name}: ${c.field} ${value} matches ${c.value}` : undefined;
    case 'MAX_PER': {
      const max = Number(c.value);
      return here >= max ? `${name}: ${c.field} ${value} already runs ${here} of at most ${max}` : undefined;
    }
    case 'GROUP_BY': {
      const values = new Set([...knownValues, ...counts.keys(), value]);
      const groups = c.value ? Math.max(Number(c.value), 1) : values.size;
      // Even spread: no group may get more than ceil((placed + 1) / groups).
      const limit = Math.ceil((placed.length + 1) / groups);
      return here >= limit ? `${name}: ${c.field} ${value} already runs ${here}, more than an even spread over ${groups} groups allows` : undefined;
    }
  }
}

/** Every refusal of `constraints` for a place (empty: allowed). */
export function constraintRefusals(
  constraints: readonly Constraint[],
  candidate: PlacementFacts,
  placed: readonly PlacementFacts[],
  knownValues: (field: string) => string[] = () => [],
): string[] {
  const out: string[] = [];
  for (const c of constraints) {
    const refusal = constraintRefusal(c, candidate, placed, knownValues(c.field));
    if (refusal) out.push(refusal);
  }
  return out;
}

/**
 * A constraint refusal as DECLINE data: the "resource" is the constraint,
 * one instance asked, none available there.
 */
export function constraintAsRefusal(message: string, taskId?: string): InsufficientResource {
  const name = message.split(':').slice(0, 2).join(':');
  const refusal: InsufficientResource = { name: `constraint ${name}`, requested: 1, available: 0, message };
  if (taskId) refusal.task_id = { value: taskId };
  return refusal;
}
