/**
 * Reading a JSON definition (an app, a job, a queue) field by field: every
 * problem is collected with its field path (`healthCheck.intervalSeconds:
 * must be a number > 0, got -1`, `colour: unknown field`) so one answer lists
 * them all. Pure.
 */

/** A problem with one field. */
export interface DefinitionProblem {
  field: string;
  message: string;
}

/** Problems as one line each: `instances: must be ...`. */
export function formatProblems(problems: readonly DefinitionProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('\n');
}

/** Reads fields of one JSON object, collecting problems under a path prefix. */
export class FieldReader {
  /** `object` is the JSON being read; problems are pushed to `problems` under `prefix`. */
  constructor(
    readonly object: Record<string, unknown>,
    private readonly prefix: string,
    private readonly problems: DefinitionProblem[],
  ) {}

  /** The full path of a field: `healthCheck.intervalSeconds`. */
  path(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }

  /** Record a problem with a field. */
  problem(name: string, message: string): void {
    this.problems.push({ field: this.path(name), message });
  }

  /** Record every field not in `known` as unknown. */
  onlyKnown(known: readonly string[]): void {
    for (const key of Object.keys(this.object)) {
      if (!known.includes(key)) this.problem(key, `unknown field (known fields: ${known.join(', ')})`);
    }
  }

  /** A number within the rule's bounds, or `fallback` when absent (and a problem when malformed). */
  number(name: string, fallback: number, rule: { min?: number; max?: number; integer?: boolean; above?: number }): number {
    const raw = this.object[name];
    if (raw === undefined) return fallback;
    const ok =
      typeof raw === 'number' &&
      Number.isFinite(raw) &&
      (!rule.integer || Number.isInteger(raw)) &&
      (rule.min === undefined || raw >= rule.min) &&
      (rule.above === undefined || raw > rule.above) &&
      (rule.max === undefined || raw <= rule.max);
    if (!ok) {
      const kind = rule.integer ? 'a whole number' : 'a number';
      const bounds = [
        rule.min !== undefined ? `>= ${rule.min}` : '',
        rule.above !== undefined ? `> ${rule.above}` : '',
        rule.max !== undefined ? `<= ${rule.max}` : '',
      ].filter(Boolean).join(' and ');
      this.problem(name, `must be ${kind}${bounds ? ` ${bounds}` : ''}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return raw as number;
  }

  /** A non-empty string, or undefined (a problem when required or malformed). */
  string(name: string, required: boolean): string | undefined {
    const raw = this.object[name];
    if (raw === undefined) {
      if (required) this.problem(name, 'required');
      return undefined;
    }
    if (typeof raw !== 'string' || raw.trim() === '') {
      this.problem(name, `must be a non-empty string, got ${JSON.stringify(raw)}`);
      return undefined;
    }
    return raw;
  }

  /** An object of string values (`env`, `labels`), {} when absent. */
  stringMap(name: string): Record<string, string> {
    const raw = this.object[name];
    if (raw === undefined) return {};
    if (!isObject(raw) || Object.values(raw).some((v) => typeof v !== 'string')) {
      this.problem(name, 'must be an object of string values');
      return {};
    }
    return { ...(raw as Record<string, string>) };
  }

  /** A reader for a nested object, or undefined when absent (a problem when not an object). */
  child(name: string): FieldReader | undefined {
    const raw = this.object[name];
    if (raw === undefined) return undefined;
    if (!isObject(raw)) {
      this.problem(name, `must be an object, got ${JSON.stringify(raw)}`);
      return undefined;
    }
    return new FieldReader(raw, this.path(name), this.problems);
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

