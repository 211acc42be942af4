/**
 * Quota as Mesos 1.9 has it: per role, guarantees (quantities the
 * allocator offers the role first, ahead of DRF, and holds back from other
 * roles while unmet) and limits (quantities the role's allocation plus what
 * is offered never exceeds). Pure: checks, what is unmet, and cutting an
 * offer down to caps. Quantities are by resource name; ranges count their
 * size and sets their items (as `quantities()` does).
 */
import type { Resource } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';
import { quantities, roundScalar } from '@meseta/proto/resources';
import type { Quantities } from './dominant-share';

/** A role's quota. A name absent from `limits` is unlimited; absent from `guarantees`, not guaranteed. */
export interface RoleQuota {
  guarantees: Quantities;
  limits: Quantities;
}

/**
 * Check a quota; returns it with empty maps filled in.
 * @throws RangeError naming the role, the resource and the value (negative,
 *   not finite, or a guarantee above its limit)
 */
export function checkQuota(role: string, quota: { guarantees?: Quantities; limits?: Quantities }): RoleQuota {
  const guarantees = new Map(quota.guarantees ?? []);
  const limits = new Map(quota.limits ?? []);
  for (const [kind, map] of [['guarantee', guarantees], ['limit', limits]] as const) {
    for (const [name, value] of map) {
      if (!Number.isFinite(value) || value < 0) throw new RangeError(`quota of role '${role}': ${kind} of ${name} must be a finite number of at least 0, got ${value}`);
    }
  }
  for (const [name, value] of guarantees) {
    const limit = limits.get(name);
    if (limit !== undefined && value > limit) throw new RangeError(`quota of role '${role}': guarantee of ${name} (${value}) is above its limit (${limit})`);
  }
  return { guarantees, limits };
}

/** What of `guarantees` is not yet consumed: guarantee − consumed per name, where positive. */
export function unmet(guarantees: Quantities, consumed: Quantities | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, g] of guarantees) {
    const left = roundScalar(g - (consumed?.get(name) ?? 0));
    if (left > 0) out.set(name, left);
  }
  return out;
}

/** What a role may still be given under its limits: limit − consumed per limited name (0 at least). */
export function limitRoom(limits: Quantities, consumed: Quantities | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, l] of limits) out.set(name, Math.max(0, roundScalar(l - (consumed?.get(name) ?? 0))));
  return out;
}

/** Per name, the smaller of the caps (a name in either is capped). */
export function tighter(a: Quantities, b: Quantities): Map<string, number> {
  return tighten(new Map(a), b);
}

/** {@link tighter} into `into` itself (no copy: for a map the caller made and owns); returns it. */
export function tighten(into: Map<string, number>, b: Quantities): Map<string, number> {
  b.forEach(tightenEntry, into);
  return into;
}

function tightenEntry(this: Map<string, number>, cap: number, name: string): void {
  const had = this.get(name);
  if (had === undefined || cap < had) this.set(name, cap);
}

/**
 * The part of `resources` within `caps`: a scalar is cut to what its name
 * has left (three decimals, rounded down), a range or set resource is kept
 * whole if it fits in what is left and dropped otherwise. Names without a
 * cap are kept, and so are reserved resources: quota counts them as
 * consumed by their role already, offered or not. What is not cut is
 * returned as the same objects, what is cut as fresh ones; `resources` is
 * not changed.
 */
export function withinCaps(resources: readonly Resource[], caps: Quantities): Resource[] {
  const left = new Map(caps);
  const out: Resource[] = [];
  for (const r of resources) {
    const name = r.name ?? '';
    const room = left.get(name);
    if (room === undefined || (r.reservations?.length ?? 0) > 0) {
      out.push(r);
      continue;
    }
    if ((r.type ?? ValueType.SCALAR) === ValueType.SCALAR) {
      const take = Math.min(r.scalar?.value ?? 0, Math.floor(room * 1000 + 1e-6) / 1000);
      if (take <= 0) continue;
      // A persistent volume is offered whole or not at all.
      if (r.disk?.persistence && take < (r.scalar?.value ?? 0)) continue;
      // Not cut: the resource itself, so that an offer nothing cut is the agent's own free list (the in-place grant).
      out.push(take === r.scalar?.value ? r : { ...r, scalar: { value: take } });
      left.set(name, roundScalar(room - take));
      continue;
    }
    const size = quantities([r]).get(name) ?? 0;
    if (size > room) continue;
    out.push(r);
    left.set(name, roundScalar(room - size));
  }
  return out;
}

/** True when some capped name has less room than the resources hold of it. */
export function exceedsCaps(resources: readonly Resource[], caps: Quantities): boolean {
  if (caps.size === 0) return false;
  for (const [name, amount] of quantities(resources)) {
    const cap = caps.get(name);
    if (cap !== undefined && amount > cap) return true;
  }
  return false;
}
