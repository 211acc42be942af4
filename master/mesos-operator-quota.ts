/**
 * Mesos 1.9's quota calls on `POST /api/v1`: GET_QUOTA (every role's
 * QuotaConfig, and the older QuotaInfo with the guarantees beside it, as
 * Mesos fills both) and UPDATE_QUOTA (`quota_configs`, all or nothing,
 * `force`). An update goes through `setQuotas` (`operator-actions.ts`), the
 * checks, ACL (`update_quotas` on each role) and registry write of
 * `meseta quota set` and the gRPC UPDATE_QUOTA; without `force` the
 * guarantees must first fit in the cluster (`quota-capacity.ts`).
 */
import type { v1 } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';
import type { Master } from './master';
import { OperatorActionError, type OperatorAuthority, setQuotas } from './operator-actions';
import { checkQuotaInput } from './quota-input';
import { clusterQuotaCapacity, overcommitMessage, quotaOvercommits } from './quota-capacity';
import { scalarMap } from './mesos-operator-views';

/** GET_QUOTA's status: every quota set, by role name. */
export function getQuota(master: Master): v1.master.Response.IGetQuota {
  const quotas = [...master.quotas.all].sort(([a], [b]) => a.localeCompare(b));
  return {
    status: {
      infos: quotas.map(([role, q]) => ({ role, guarantee: Object.entries(q.guarantees).map(([name, value]) => ({ name, type: ValueType.SCALAR, scalar: { value } })) })),
      configs: quotas.map(([role, q]) => ({ role, guarantees: scalarMap(q.guarantees), limits: scalarMap(q.limits) })),
    },
  };
}

/** A `map<string, Value.Scalar>` as amounts by name (a scalar without a value reads as NaN, refused by the checks). */
function amountsOf(map: Record<string, v1.Value.IScalar | null | undefined> | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, s] of Object.entries(map ?? {})) out[name] = typeof s?.value === 'number' ? s.value : NaN;
  return out;
}

/**
 * What the capacity check measures against: the scalar resources of active
 * agents, statically reserved ones left out (as Mesos). Walks the agents:
 * only UPDATE_QUOTA without `force` asks.
 */
export function quotaCapacity(master: Master): Map<string, number> {
  return clusterQuotaCapacity(master.agents.values());
}

/**
 * UPDATE_QUOTA: check every config (400 naming `update_quota.quota_configs[i]…`)
 * and the ACL (403), the capacity unless `force` (409 with asked and available per resource),
 * then set them as `meseta quota set` does. Rejects with an OperatorActionError
 * (`conflict` for the capacity check).
 */
export async function updateQuotaByOperator(master: Master, authority: OperatorAuthority, body: v1.master.Call.IUpdateQuota | null | undefined): Promise<void> {
  const field = 'update_quota.quota_configs';
  const configs = body?.quota_configs ?? [];
  const entries = configs.map((c) => ({ role: c.role, guarantees: amountsOf(c.guarantees), limits: amountsOf(c.limits) }));
  if (body?.force !== true && entries.length > 0) {
    let checked;
    try {
      checked = entries.map((e, i) => checkQuotaInput(e, `${field}[${i}]`));
    } catch (e) {
      throw new OperatorActionError('invalid', (e as Error).message);
    }
    // Who may not set them hears so before anything about the cluster's capacity.
    for (const q of checked) {
      const denied = authority.check('update_quotas', q.role);
      if (denied) throw new OperatorActionError('denied', denied.message);
    }
    const over = quotaOvercommits(master.quotas.all, checked, quotaCapacity(master));
    if (over.length > 0) throw new QuotaCapacityError(overcommitMessage(field, over));
  }
  // Checked above (or forced): setQuotas does not check the capacity again.
  await setQuotas(master, authority, entries, field, { force: true });
}

/** UPDATE_QUOTA refused by the capacity check (HTTP 409, as Mesos's quota endpoint answers it). */
export class QuotaCapacityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuotaCapacityError';
  }
}
