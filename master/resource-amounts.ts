/**
 * Amounts of resources by name, summed as they arrive: what
 * `quantities(add(add(a, b), c)…)` gives, without building the normalised
 * list at each step (a copy of every kind per agent, and the kind keys, at
 * 50,000 agents per `/metrics` read). Scalars are summed per name, rounded
 * to thousandths at each step as `add` and `quantities` round them (amounts
 * are multiples of 0.001 and never negative, as validated on the way in, so
 * the grouping by kind does not change the sum); ranges and sets keep the
 * union semantics of `add` (two agents' ports [31000-32000] are one range),
 * so they still go through it. Pure.
 */
import type { Resource } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';
import { add, quantities, roundScalar } from '@meseta/proto/resources';

/** A running sum of resource lists. */
export class ResourceAmounts {
  private readonly scalars = new Map<string, number>();
  private others: Resource[] = [];

  /** Add one list. */
  add(resources: readonly Resource[] | null | undefined): void {
    if (!resources) return;
    let others: Resource[] | undefined;
    for (const r of resources) {
      if ((r.type ?? ValueType.SCALAR) === ValueType.SCALAR) {
        const name = r.name ?? '';
        this.scalars.set(name, roundScalar((this.scalars.get(name) ?? 0) + (r.scalar?.value ?? 0)));
      } else {
        (others ??= []).push(r);
      }
    }
    if (others) this.others = add(this.others, others);
  }

  /** Amount by name, as `quantities` of the summed list gives it. */
  amounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, value] of this.scalars) if (value > 0) out.set(name, value);
    for (const [name, value] of quantities(this.others)) out.set(name, roundScalar((out.get(name) ?? 0) + value));
    return out;
  }
}
