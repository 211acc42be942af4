/**
 * Role quotas as the operator gives them: UPDATE_QUOTA on the gRPC
 * Operator API and `meseta quota set <role> --guarantee cpus=2,mem=1024
 * --limit cpus=4`. Pure: checks and parsing, with refusals that name the
 * field, the role, the resource and the value.
 */
import { roleNameProblem } from './weight-input';
import { checkQuota, type RoleQuota } from './allocator/quota';
import { quotaTreeProblem } from './allocator/quota-tree';
import type { StoredQuota } from './registry/registry-state';

/** One role's quota; both maps empty removes the role's quota. */
export interface RoleQuotaInput {
  role: string;
  guarantees: Record<string, number>;
  limits: Record<string, number>;
}

/** A quota input that cannot be used; the message names the field, role and value. */
export class QuotaInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuotaInputError';
  }
}

/**
 * Check one role's quota of an UPDATE_QUOTA call (`field` names it, e.g.
 * `update_quota.quotas[0]`). Amounts: finite numbers of at least 0; a
 * guarantee may not be above its limit.
 * @throws QuotaInputError
 */
export function checkQuotaInput(input: { role?: string | null; guarantees?: Record<string, number> | null; limits?: Record<string, number> | null }, field: string): RoleQuotaInput {
  const role = input.role ?? '';
  const problem = roleNameProblem(role);
  if (problem) throw new QuotaInputError(`${field}.role: ${problem}`);
  const guarantees = { ...(input.guarantees ?? {}) };
  const limits = { ...(input.limits ?? {}) };
  for (const [kind, map] of [['guarantees', guarantees], ['limits', limits]] as const) {
    for (const [name, value] of Object.entries(map)) {
      if (name === '') throw new QuotaInputError(`${field}.${kind}: role '${role}': a resource without a name`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new QuotaInputError(`${field}.${kind}.${name}: role '${role}': must be a finite number of at least 0, got ${JSON.stringify(value) ?? String(value)}`);
      }
    }
  }
  try {
    checkQuota(role, { guarantees: new Map(Object.entries(guarantees)), limits: new Map(Object.entries(limits)) });
  } catch (e) {
    throw new QuotaInputError(`${field}: ${(e as Error).message}`);
  }
  return { role, guarantees, limits };
}

/**
 * Parse `name=amount,...` (the CLI's `--guarantee` / `--limit`), `what`
 * naming the flag in refusals.
 * @throws QuotaInputError naming the item and the value
 */
export function parseQuantities(text: string, what: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const at = item.indexOf('=');
    if (at <= 0) throw new QuotaInputError(`${what}: '${item}' is not resource=amount (e.g. cpus=2)`);
    const name = item.slice(0, at).trim();
    const valueText = item.slice(at + 1).trim();
    const value = valueText === '' ? NaN : Number(valueText);
    if (!Number.isFinite(value) || value < 0) throw new QuotaInputError(`${what}: ${name}: must be a finite number of at least 0, got '${valueText}'`);
    out[name] = value;
  }
  return out;
}

/** True when the quota sets nothing (setting it removes the role's quota). */
export function isEmptyQuota(quota: StoredQuota): boolean {
  return Object.keys(quota.guarantees).length === 0 && Object.keys(quota.limits).length === 0;
}

/**
 * Check the role tree once all `inputs` are in force over `current` (Mesos:
 * a parent's guarantee must cover its children's, name by name). Inputs are
 * taken together, so a call setting a parent and its children passes in
 * any order. Returns the refusal naming the field of the input it concerns,
 * the parent, its children, the resource and both amounts; or undefined.
 */
export function quotaTreeInputProblem(current: ReadonlyMap<string, StoredQuota>, inputs: readonly RoleQuotaInput[], field: string): string | undefined {
  const toQuota = (q: StoredQuota): RoleQuota => ({ guarantees: new Map(Object.entries(q.guarantees)), limits: new Map(Object.entries(q.limits)) });
  const after = new Map<string, RoleQuota>();
  for (const [role, quota] of current) after.set(role, toQuota(quota));
  for (const input of inputs) {
    if (isEmptyQuota(input)) after.delete(input.role);
    else after.set(input.role, toQuota(input));
  }
  for (const [i, input] of inputs.entries()) {
    const problem = quotaTreeProblem(after, input.role, after.get(input.role));
    if (problem) return `${field}[${i}]: role '${input.role}': ${problem.message}`;
  }
  return undefined;
}
