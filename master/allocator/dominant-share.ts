/**
 * Dominant-share arithmetic shared by the sorters: per-client allocation
 * ledgers kept as quantities by resource name, and the weighted dominant
 * share (max over names of allocated / total, divided by the weight).
 */
import { roundScalar } from '../../proto/src/resources';

/** Quantities by resource name (ports count by size, sets by items). */
export type Quantities = ReadonlyMap<string, number>;

/**
 * Add (`sign` 1) or subtract (`sign` -1) `delta` into `ledger` in place,
 * rounding as resources do and never going below zero. Names that reach
 * zero are dropped, so an empty ledger means "holds nothing".
 */
export function applyQuantities(ledger: Map<string, number>, delta: Quantities, sign: 1 | -1): void {
  // forEach rather than for-of: entry iteration allocates an array per entry, and this runs per grant.
  delta.forEach((amount, name) => {
    const next = roundScalar((ledger.get(name) ?? 0) + sign * amount);
    if (next > 0) ledger.set(name, next);
    else ledger.delete(name);
  });
}

/**
 * The weighted dominant share of `allocated` against `total`: the largest
 * fraction of any resource the client holds, divided by `weight`. Names the
 * cluster has none of are ignored, as Mesos does.
 */
export function dominantShare(allocated: Quantities, total: Quantities, weight: number): number {
  let share = 0;
  allocated.forEach((amount, name) => {
    const whole = total.get(name);
    if (whole === undefined || whole <= 0) return;
    const fraction = amount / whole;
    if (fraction > share) share = fraction;
  });
  return share / weight;
}

/** Throws a RangeError unless `weight` is a finite number above zero. */
export function checkWeight(weight: number): void {
  if (!Number.isFinite(weight) || weight <= 0) {
    throw new RangeError(`weight must be a finite number above 0, got ${weight}`);
  }
}
