/**
 * Quota along the role tree (Mesos 1.9 semantics), the allocator's ledger:
 * what each role consumes and what guarantees still lack. Pure, no I/O.
 *
 * - A role's consumption is its whole subtree's: what its frameworks hold of
 *   unreserved resources plus everything reserved to it (allocated or not),
 *   added up the line (`eng` consumes what `eng/a` consumes).
 * - A limit caps the subtree: a role may be given no more than the tightest
 *   room left along its line (its own limit and every ancestor's).
 * - A parent's guarantee covers its children's (the operator path refuses
 *   children whose guarantees add up past the parent's, see
 *   {@link quotaTreeProblem}), so the headroom held back for guarantees
 *   counts, for each resource name, only the outermost role guaranteeing
 *   it: what a child lacks is inside what its parent lacks, never twice.
 *
 * Kept incrementally: a change of consumption walks the role's line (its
 * depth), recomputing what the quota roles on it lack; nothing walks every
 * role except a quota change.
 */
import { roundScalar } from '@meseta/proto/resources';
import { applyQuantities, type Quantities } from './dominant-share';
import { checkQuota, limitRoom, tighten, unmet, type RoleQuota } from './quota';

/** The role and its ancestors, innermost first: `eng/a/x` → [`eng/a/x`, `eng/a`, `eng`]. */
export function roleLine(role: string): string[] {
  const line = [role];
  for (let at = role.lastIndexOf('/'); at > 0; at = role.lastIndexOf('/', at - 1)) line.push(role.slice(0, at));
  return line;
}

/** A quota tree the operator may not set: children's guarantees adding up past their parent's. */
export interface QuotaTreeRefusal {
  /** The role whose guarantee is exceeded. */
  parent: string;
  /** Its children with a guarantee of `resource`. */
  children: string[];
  resource: string;
  /** What the children's guarantees add up to. */
  asked: number;
  /** The parent's guarantee (0 when it has none). */
  guarantee: number;
  message: string;
}

/**
 * Check the tree after setting `role`'s quota to `next` (undefined: removed)
 * among `quotas` (the others in force): for `role`'s parent and for `role`
 * itself, its direct children's guarantees may not add up past its own
 * guarantee, name by name (a role without a guarantee of a name guarantees
 * 0 of it), as Mesos refuses. Returns the first refusal, or undefined.
 */
export function quotaTreeProblem(quotas: ReadonlyMap<string, RoleQuota>, role: string, next: RoleQuota | undefined): QuotaTreeRefusal | undefined {
  const after = new Map(quotas);
  if (next === undefined) after.delete(role);
  else after.set(role, next);
  const parents = [role];
  const at = role.lastIndexOf('/');
  if (at > 0) parents.unshift(role.slice(0, at));
  for (const parent of parents) {
    const sums = new Map<string, { total: number; children: string[] }>();
    for (const [child, quota] of after) {
      if (child.lastIndexOf('/') !== parent.length || !child.startsWith(`${parent}/`)) continue;
      for (const [name, amount] of quota.guarantees) {
        if (amount <= 0) continue;
        const sum = sums.get(name) ?? { total: 0, children: [] };
        sum.total = roundScalar(sum.total + amount);
        sum.children.push(child);
        sums.set(name, sum);
      }
    }
    const own = after.get(parent)?.guarantees;
    for (const [name, sum] of sums) {
      const guarantee = own?.get(name) ?? 0;
      if (sum.total <= guarantee) continue;
      const children = sum.children.sort();
      return {
        parent,
        children,
        resource: name,
        asked: sum.total,
        guarantee,
        message: `the guarantees of ${name} of the children of role '${parent}' (${children.map((c) => `'${c}'`).join(', ')}) add up to ${sum.total}, above the guarantee of '${parent}' (${guarantee}): a parent's guarantee must cover its children's`,
      };
    }
  }
  return undefined;
}

/** A limit that a reservation would pass: the role, the resource, what the role consumes, what is asked, its limit. */
export interface LimitRefusal {
  role: string;
  resource: string;
  consumed: number;
  asked: number;
  limit: number;
}

/** Quotas, consumption and unmet guarantees along the role tree; see the module comment. */
export class QuotaTree {
  private readonly quotas = new Map<string, RoleQuota>();
  private readonly lines = new Map<string, string[]>();
  /** Consumption of each role's subtree (allocated unreserved plus reserved), by name. */
  private readonly consumed = new Map<string, Map<string, number>>();
  /** Per quota role, the guaranteed names no ancestor guarantees: its lack of them is held back as headroom. */
  private readonly outermost = new Map<string, Set<string>>();
  /** What guarantees still lack, outermost roles only, by name; undefined until computed after a quota change. */
  private required: Map<string, number> | undefined;
  /** Quota roles lacking some guarantee (kept with {@link required}). */
  private readonly lacking = new Set<string>();
  /** True when some quota has a limit. */
  private limited = false;

  /** How many roles have a quota. */
  get size(): number {
    return this.quotas.size;
  }

  /** A role's quota, if set. */
  get(role: string): RoleQuota | undefined {
    return this.quotas.get(role);
  }

  /**
   * Set (undefined: clear) a role's quota. Checks the role's own quota only;
   * the tree is checked on the operator's path ({@link quotaTreeProblem}),
   * so quotas recovered in any order are taken.
   * @throws RangeError naming the role, the resource and the value
   */
  set(role: string, quota: { guarantees?: Quantities; limits?: Quantities } | undefined): void {
    if (quota === undefined) this.quotas.delete(role);
    else this.quotas.set(role, checkQuota(role, quota));
    this.outermost.clear();
    this.limited = false;
    for (const [name, q] of this.quotas) {
      if (q.limits.size > 0) this.limited = true;
      const names = new Set<string>();
      for (const [resource, amount] of q.guarantees) {
        if (amount > 0 && !this.line(name).some((r, i) => i > 0 && (this.quotas.get(r)?.guarantees.get(resource) ?? 0) > 0)) names.add(resource);
      }
      this.outermost.set(name, names);
    }
    this.required = undefined;
  }

  /** The role and its ancestors, innermost first (cached). */
  line(role: string): string[] {
    let line = this.lines.get(role);
    if (line === undefined) this.lines.set(role, (line = roleLine(role)));
    return line;
  }

  /** What the role's subtree consumes, by name. */
  consumedBy(role: string): ReadonlyMap<string, number> {
    return this.consumed.get(role) ?? EMPTY;
  }

  /**
   * Record consumption (`sign` 1) or its end (-1) by `role`: its frameworks
   * were given or gave back unreserved resources, or resources were reserved
   * to it or unreserved. Walks the role's line.
   */
  consume(role: string, amounts: Quantities, sign: 1 | -1): void {
    if (amounts.size === 0) return;
    const line = this.line(role);
    for (let i = 0; i < line.length; i++) {
      const at = line[i];
      let ledger = this.consumed.get(at);
      if (!ledger) this.consumed.set(at, (ledger = new Map()));
      const quota = this.required !== undefined ? this.quotas.get(at) : undefined;
      if (quota === undefined || quota.guarantees.size === 0) {
        applyQuantities(ledger, amounts, sign);
      } else {
        const before = unmet(quota.guarantees, ledger);
        applyQuantities(ledger, amounts, sign);
        this.relack(at, before, unmet(quota.guarantees, ledger));
      }
      if (ledger.size === 0) this.consumed.delete(at);
    }
  }

  /** True when some guarantee is not met. */
  anyLacking(): boolean {
    this.ensure();
    return this.lacking.size > 0;
  }

  /** What all guarantees still lack together (outermost roles only), by name. */
  requiredHeadroom(): ReadonlyMap<string, number> {
    return this.ensure();
  }

  /**
   * Per name, the most any role on `role`'s line still lacks of its
   * guarantee: what the role may take ahead of DRF (a grant to `eng/a`
   * counts toward `eng`'s guarantee). Undefined when nothing on the line lacks.
   */
  lackOnLine(role: string): Map<string, number> | undefined {
    this.ensure();
    if (this.lacking.size === 0) return undefined;
    let out: Map<string, number> | undefined;
    for (const at of this.line(role)) {
      if (!this.lacking.has(at)) continue;
      for (const [name, amount] of unmet((this.quotas.get(at) as RoleQuota).guarantees, this.consumed.get(at))) {
        out ??= new Map();
        if (amount > (out.get(name) ?? 0)) out.set(name, amount);
      }
    }
    return out;
  }

  /**
   * Per name, how much of the required headroom a grant to `role` fills:
   * what the outermost role guaranteeing that name on its line lacks.
   */
  headroomLack(role: string): Map<string, number> | undefined {
    this.ensure();
    if (this.lacking.size === 0) return undefined;
    let out: Map<string, number> | undefined;
    for (const at of this.line(role)) {
      if (!this.lacking.has(at)) continue;
      const names = this.outermost.get(at) as Set<string>;
      for (const [name, amount] of unmet((this.quotas.get(at) as RoleQuota).guarantees, this.consumed.get(at))) {
        if (!names.has(name)) continue;
        (out ??= new Map()).set(name, amount);
      }
    }
    return out;
  }

  /** Per limited name, the least room left along the role's line; undefined when nothing on it is limited. */
  limitRoomOnLine(role: string): Map<string, number> | undefined {
    if (!this.limited) return undefined;
    let out: Map<string, number> | undefined;
    for (const at of this.line(role)) {
      const quota = this.quotas.get(at);
      if (quota === undefined || quota.limits.size === 0) continue;
      const room = limitRoom(quota.limits, this.consumed.get(at));
      out = out === undefined ? room : tighten(out, room);
    }
    return out;
  }

  /** True when `amounts` more fit every limit on the role's line. */
  fitsLimits(role: string, amounts: Quantities): boolean {
    if (!this.limited) return true;
    for (const at of this.line(role)) {
      const quota = this.quotas.get(at);
      if (quota === undefined || quota.limits.size === 0) continue;
      const consumed = this.consumed.get(at);
      for (const [name, limit] of quota.limits) {
        const amount = amounts.get(name);
        if (amount !== undefined && amount > 0 && roundScalar((consumed?.get(name) ?? 0) + amount) > limit) return false;
      }
    }
    return true;
  }

  /**
   * Limits that reserving more would pass: `reserved` is what is to be
   * reserved, by the role it is reserved to. Each role on those roles' lines
   * is checked with everything the reservation adds to it; roles on the
   * line of `heldBy` are skipped (the resources were offered to that role
   * and already count toward its line). One entry per role and resource,
   * with what it consumes, what is asked and its limit. Empty: it fits.
   */
  pastLimits(reserved: ReadonlyMap<string, Quantities>, heldBy?: string): LimitRefusal[] {
    const out: LimitRefusal[] = [];
    if (!this.limited) return out;
    const skip = new Set(heldBy === undefined ? [] : this.line(heldBy));
    const asked = new Map<string, Map<string, number>>();
    for (const [role, amounts] of reserved) {
      for (const at of this.line(role)) {
        if (skip.has(at) || !this.quotas.get(at)?.limits.size) continue;
        let sum = asked.get(at);
        if (!sum) asked.set(at, (sum = new Map()));
        applyQuantities(sum, amounts, 1);
      }
    }
    for (const [role, amounts] of asked) {
      const limits = (this.quotas.get(role) as RoleQuota).limits;
      for (const [name, limit] of limits) {
        const more = amounts.get(name) ?? 0;
        if (more <= 0) continue;
        const consumed = this.consumed.get(role)?.get(name) ?? 0;
        if (roundScalar(consumed + more) > limit) out.push({ role, resource: name, consumed, asked: more, limit });
      }
    }
    return out;
  }

  private ensure(): Map<string, number> {
    if (this.required) return this.required;
    const required = new Map<string, number>();
    this.lacking.clear();
    for (const [role, quota] of this.quotas) {
      const lack = unmet(quota.guarantees, this.consumed.get(role));
      if (lack.size > 0) this.lacking.add(role);
      const names = this.outermost.get(role) as Set<string>;
      for (const [name, amount] of lack) if (names.has(name)) required.set(name, roundScalar((required.get(name) ?? 0) + amount));
    }
    return (this.required = required);
  }

  /** Keep {@link required} and {@link lacking} up to date from one role's change. */
  private relack(role: string, before: Map<string, number>, after: Map<string, number>): void {
    const required = this.required as Map<string, number>;
    const names = this.outermost.get(role) as Set<string>;
    for (const name of names) {
      const delta = (after.get(name) ?? 0) - (before.get(name) ?? 0);
      if (delta === 0) continue;
      const next = roundScalar((required.get(name) ?? 0) + delta);
      if (next > 0) required.set(name, next);
      else required.delete(name);
    }
    if (after.size > 0) this.lacking.add(role);
    else this.lacking.delete(role);
  }
}

const EMPTY: ReadonlyMap<string, number> = new Map();
