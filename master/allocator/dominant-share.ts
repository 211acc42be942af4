/**
 * Dominant-share arithmetic shared by the sorters: per-client allocation
 * ledgers kept as quantities by resource name, and the weighted dominant
 * share (max over names of allocated / total, divided by the weight).
 */
import { roundScalar } from '@meseta/proto/resources';

/** Quantities by resource name (ports count by size, sets by items). */
export type Quantities = ReadonlyMap<string, number>;

/** Scratch state for the forEach callbacks below: reused, so the loops allocate nothing. */
const applying: { ledger: Map<string, number>; sign: number } = { ledger: new Map(), sign: 1 };
const measuring: { total: Quantities; share: number } = { total: new Map(), share: 0 };

function applyEntry(this: typeof applying, amount: number, name: string): void {
  const next = roundScalar((this.ledger.get(name) ?? 0) + this.sign * amount);
  if (next > 0) this.ledger.set(name, next);
  else this.ledger.delete(name);
}

function measureEntry(this: typeof measuring, amount: number, name: string): void {
  const whole = this.total.get(name);
  if (whole === undefined || whole <= 0) return;
  const fraction = amount / whole;
  if (fraction > this.share) this.share = fraction;
}

/**
 * Add (`sign` 1) or subtract (`sign` -1) `delta` into `ledger` in place,
 * rounding as resources do and never going below zero. Names that reach
 * zero are dropped, so an empty ledger means "holds nothing".
 */
export function applyQuantities(ledger: Map<string, number>, delta: Quantities, sign: 1 | -1): void {
  // forEach with a reused `this` rather than for-of or a closure: this runs
  // several times per grant, and those would allocate per call or per entry.
  applying.ledger = ledger;
  applying.sign = sign;
  delta.forEach(applyEntry, applying);
}

/**
 * The weighted dominant share of `allocated` against `total`: the largest
 * fraction of any resource the client holds, divided by `weight`. Names the
 * cluster has none of are ignored, as Mesos does.
 */
export function dominantShare(allocated: Quantities, total: Quantities, weight: number): number {
  measuring.total = total;
  measuring.share = 0;
  allocated.forEach(measureEntry, measuring);
  return measuring.share / weight;
}

/** Throws a RangeError unless `weight` is a finite number above zero. */
export function checkWeight(weight: number): void {
  if (!Number.isFinite(weight) || weight <= 0) {
    throw new RangeError(`weight must be a finite number above 0, got ${weight}`);
  }
}
