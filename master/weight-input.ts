/**
 * Role weights as the operator gives them: the `--weights role=w,...`
 * flag, UPDATE_WEIGHTS calls (gRPC and Mesos's `/api/v1`), and `meseta
 * weights set role=w ...`. Pure: checks and parsing, with refusals that
 * name the field, the role and the value.
 */

/** One role's weight (Mesos's WeightInfo). */
export interface RoleWeight {
  role: string;
  weight: number;
}

/** A weight input that cannot be used; the message names the field, role and value. */
export class WeightInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightInputError';
  }
}

/**
 * Why `role` is not a role name, or undefined when it is one. As Mesos's
 * role rules: not empty, not `.` or `..`, no leading `-`, no whitespace,
 * control characters or backslash, and `/` only between non-empty parts.
 */
export function roleNameProblem(role: string): string | undefined {
  if (role === '') return 'is empty';
  if (role === '.' || role === '..') return `'${role}' is not a role name`;
  if (role.startsWith('-')) return `'${role}' starts with '-'`;
  if (/[\s\\\u0000-\u001f\u007f]/.test(role)) return `'${role}' holds whitespace, a control character or a backslash`;
  if (role.split('/').some((part) => part === '' || part === '.' || part === '..')) return `'${role}' has an empty, '.' or '..' part between slashes`;
  return undefined;
}

/** Why `weight` is not a weight, or undefined when it is a finite number above 0. */
function weightProblem(weight: unknown): string | undefined {
  if (typeof weight !== 'number' || Number.isNaN(weight)) return `must be a number, got ${JSON.stringify(weight) ?? String(weight)}`;
  if (!Number.isFinite(weight) || weight <= 0) return `must be a finite number above 0, got ${weight}`;
  return undefined;
}

/**
 * Check the weight infos of an UPDATE_WEIGHTS call. `field` is the call's
 * list (`update_weights.weight_infos`). A role given twice keeps its last
 * weight, as Mesos's does.
 * @throws WeightInputError naming the entry, its role and the problem
 */
export function checkWeightInfos(infos: ReadonlyArray<{ role?: string | null; weight?: number | null }> | null | undefined, field: string): RoleWeight[] {
  if (!infos || infos.length === 0) throw new WeightInputError(`${field}: required: at least one {role, weight}`);
  const out = new Map<string, number>();
  infos.forEach((info, i) => {
    const role = info.role ?? '';
    const roleProblem = roleNameProblem(role);
    if (roleProblem) throw new WeightInputError(`${field}[${i}].role: ${roleProblem}`);
    const problem = weightProblem(info.weight ?? undefined);
    if (problem) throw new WeightInputError(`${field}[${i}].weight: role '${role}': weight ${problem}`);
    out.set(role, info.weight as number);
  });
  return [...out].map(([role, weight]) => ({ role, weight }));
}

/**
 * Parse `role=weight` items (the `--weights` flag is one comma-separated
 * string of them; the CLI gives them as separate arguments). `what` names
 * the input in refusals (`--weights`).
 * @throws WeightInputError naming the item, role and value
 */
export function parseWeightItems(items: readonly string[], what: string): RoleWeight[] {
  const infos = items.map((item) => {
    const at = item.lastIndexOf('=');
    if (at < 0) throw new WeightInputError(`${what}: '${item}' is not role=weight (e.g. web=2)`);
    const role = item.slice(0, at).trim();
    const text = item.slice(at + 1).trim();
    const weight = text === '' ? NaN : Number(text);
    const roleProblem = roleNameProblem(role);
    if (roleProblem) throw new WeightInputError(`${what}: '${item}': role ${roleProblem}`);
    if (!Number.isFinite(weight) || weight <= 0) throw new WeightInputError(`${what}: role '${role}': weight must be a finite number above 0, got '${text}'`);
    return { role, weight };
  });
  return checkWeightInfos(infos, what);
}

/** Parse the `--weights role=w,...` flag value (empty: no weights). */
export function parseWeightsFlag(value: string): RoleWeight[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return items.length === 0 ? [] : parseWeightItems(items, '--weights');
}
