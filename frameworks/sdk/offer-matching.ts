/**
 * Offer matching for schedulers: turn plain requests into resources, check
 * them against offers with the same arithmetic the master uses, take tasks
 * out of an offer one by one, and place a list of tasks first-fit with the
 * reasons for every task that fit nowhere (ready for `decline(..., { refusals })`).
 * Pure: no I/O, no clock.
 *
 * Refusal codes: the SDK sees offers, not the cluster, so it cannot know
 * that a task never fits; it says NOT_NOW only when the task fits one of
 * the offers whole (earlier tasks took the room) and leaves the code unset
 * otherwise. The master fills in NEVER / NOT_NOW against the largest agent
 * when it records the decline.
 */
import type { InsufficientResource, Offer, Resource, TaskInfo } from '@meseta/proto/wire';
import { quantities, shortfalls, subtract } from '@meseta/proto/resources';
import { allocationRoleOf, askedAmounts, drawResources, type ResourceSpec } from './resource-draw';
import { compileTask, type TaskSpec } from './task-info';
import { RefusalCode } from '@meseta/proto/refusal-code';

export type { ResourceSpec } from './resource-draw';
export type { TaskSpec } from './task-info';
export { compileTask, portsOf } from './task-info';
export { RefusalCode } from '@meseta/proto/refusal-code';

/** An offer, or a list of resources (e.g. what remains of an offer). */
export type ResourceSource = Offer | readonly Resource[];

function resourcesFrom(source: ResourceSource): readonly Resource[] {
  return Array.isArray(source) ? (source as readonly Resource[]) : ((source as Offer).resources ?? []);
}

function isResourceList(needed: readonly Resource[] | ResourceSpec): needed is readonly Resource[] {
  return Array.isArray(needed);
}

/** `resources` with `role` as allocation role where they carry none. */
function withAllocationRole(resources: readonly Resource[], role: string | undefined): Resource[] {
  return resources.map((r) => (role && !r.allocation_role ? { ...r, allocation_role: role } : { ...r }));
}

/**
 * The resources for a request. With an offer they are drawn from it: the
 * offer's reservations and allocation role are kept, and a port count picks
 * the lowest free ports of the offer's ranges. Without an offer they are
 * plain unreserved resources.
 * @throws Error for a port count without an offer, or negative amounts.
 */
export function resourcesOf(spec: ResourceSpec, offer?: ResourceSource): Resource[] {
  if (!offer) {
    if (typeof spec.ports === 'number' && spec.ports > 0) {
      throw new Error('ports: a port count needs an offer to pick the ports from');
    }
    return drawResources([], spec).resources;
  }
  return drawResources(resourcesFrom(offer), spec).resources;
}

/**
 * What `needed` lacks in `available`: one entry per short resource, with
 * name, amount asked and amount there (e.g. `cpus: asked 4, offer holds 2`).
 * Empty means it fits. Resource lists without an allocation role are given
 * the offer's, so plain resources match the resources inside an offer.
 */
export function fits(needed: readonly Resource[] | ResourceSpec, available: ResourceSource): InsufficientResource[] {
  const have = resourcesFrom(available);
  if (!isResourceList(needed)) return drawResources(have, needed).refusals;
  return shortfalls(have, withAllocationRole(needed, allocationRoleOf(have)));
}

/** What remains of an offer (or resource list) once `used` is taken out. */
export function remaining(offer: ResourceSource, used: readonly Resource[]): Resource[] {
  const have = resourcesFrom(offer);
  return subtract(have, withAllocationRole(used, allocationRoleOf(have)));
}

/** The outcome of {@link OfferLedger.tryTake}. */
export type TakeResult =
  | { fits: true; resources: Resource[] }
  | { fits: false; refusals: InsufficientResource[] };

/**
 * One offer being filled task by task: each successful `tryTake` removes
 * its resources, so the next task sees only what is left (and gets
 * different ports).
 */
export class OfferLedger {
  private left: Resource[];
  private readonly taken: Resource[][] = [];

  constructor(readonly offer: Offer) {
    this.left = [...(offer.resources ?? [])];
  }

  /** The offer's id. */
  get offerId(): string {
    return this.offer.id?.value ?? '';
  }

  /** What is still free in the offer. */
  get remaining(): Resource[] {
    return this.left;
  }

  /** Whether anything was taken from the offer. */
  get used(): boolean {
    return this.taken.length > 0;
  }

  /** Take a request out of the offer, or say what is missing. */
  tryTake(needed: ResourceSpec | readonly Resource[]): TakeResult {
    if (isResourceList(needed)) {
      const resources = withAllocationRole(needed, allocationRoleOf(this.left));
      const refusals = shortfalls(this.left, resources);
      if (refusals.length > 0) return { fits: false, refusals };
      this.left = subtract(this.left, resources);
      this.taken.push(resources);
      return { fits: true, resources };
    }
    const draw = drawResources(this.left, needed);
    if (draw.refusals.length > 0) return { fits: false, refusals: draw.refusals };
    this.left = subtract(this.left, draw.resources);
    this.taken.push(draw.resources);
    return { fits: true, resources: draw.resources };
  }
}

/** A task placed by {@link firstFit}. */
export interface Placement<T extends TaskSpec> {
  spec: T;
  offerId: string;
  task: TaskInfo;
}

/** A task that fit in no offer, and why. */
export interface Unplaced<T extends TaskSpec> {
  spec: T;
  refusals: InsufficientResource[];
}

/** What {@link firstFit} decided. */
export interface FirstFitPlan<T extends TaskSpec> {
  /** One launch per offer that received tasks, in offer order. */
  launches: Array<{ offer: Offer; tasks: TaskInfo[] }>;
  /** Every placed task with its spec. */
  placed: Array<Placement<T>>;
  /** Tasks that fit nowhere, with the reasons. */
  unplaced: Array<Unplaced<T>>;
  /** Offers that received nothing: decline them. */
  unusedOfferIds: string[];
  /** Every refusal of every unplaced task (task_id set when the spec has one), for `decline`. */
  refusals: InsufficientResource[];
}

/**
 * Why a task fits in none of the ledgers: each resource it asks more of
 * than the largest remaining offer holds (`cpus: asked 4, largest offer 2`);
 * when every resource fits somewhere but never all in the same offer, the
 * shortfalls against the offer that comes closest. The refusals are
 * NOT_NOW when the task fits one of the offers as it was made (other tasks
 * took the room), else they carry no code: only the master knows the cluster.
 */
export function refusalsAgainst(spec: ResourceSpec, ledgers: readonly OfferLedger[]): InsufficientResource[] {
  const refusals = shortfallsAgainst(spec, ledgers);
  if (refusals.length === 0) return refusals;
  const fitsAnOffer = ledgers.some((ledger) => drawResources(ledger.offer.resources ?? [], spec).refusals.length === 0);
  return fitsAnOffer ? refusals.map((r) => ({ ...r, code: RefusalCode.NOT_NOW })) : refusals;
}

function shortfallsAgainst(spec: ResourceSpec, ledgers: readonly OfferLedger[]): InsufficientResource[] {
  const largest = new Map<string, number>();
  for (const ledger of ledgers) {
    for (const [name, amount] of quantities(ledger.remaining)) {
      largest.set(name, Math.max(largest.get(name) ?? 0, amount));
    }
  }
  const out: InsufficientResource[] = [];
  for (const [name, asked] of askedAmounts(spec)) {
    const most = largest.get(name) ?? 0;
    if (asked > most) {
      out.push({ name, requested: asked, available: most, message: `${name}: asked ${asked}, largest offer ${most}` });
    }
  }
  if (out.length > 0 || ledgers.length === 0) return out;
  let closest: InsufficientResource[] | undefined;
  for (const ledger of ledgers) {
    const missing = drawResources(ledger.remaining, spec).refusals;
    if (!closest || missing.length < closest.length) closest = missing;
  }
  return closest ?? [];
}

/**
 * Place tasks first-fit: each task, in order, goes into the first offer
 * with room left for it. Tasks that fit nowhere are returned with their
 * refusals against the largest offer.
 */
export function firstFit<T extends TaskSpec>(tasks: readonly T[], offers: readonly Offer[]): FirstFitPlan<T> {
  const ledgers = offers.map((offer) => new OfferLedger(offer));
  const byOffer = new Map<OfferLedger, TaskInfo[]>();
  const plan: FirstFitPlan<T> = { launches: [], placed: [], unplaced: [], unusedOfferIds: [], refusals: [] };
  for (const spec of tasks) {
    let placed = false;
    for (const ledger of ledgers) {
      const take = ledger.tryTake(spec);
      if (!take.fits) continue;
      const task = compileTask(spec, ledger.offer, take.resources);
      byOffer.set(ledger, [...(byOffer.get(ledger) ?? []), task]);
      plan.placed.push({ spec, offerId: ledger.offerId, task });
      placed = true;
      break;
    }
    if (placed) continue;
    const refusals = refusalsAgainst(spec, ledgers).map((r) =>
      spec.taskId ? { ...r, task_id: { value: spec.taskId } } : r,
    );
    plan.unplaced.push({ spec, refusals });
    plan.refusals.push(...refusals);
  }
  for (const ledger of ledgers) {
    const launched = byOffer.get(ledger);
    if (launched) plan.launches.push({ offer: ledger.offer, tasks: launched });
    else plan.unusedOfferIds.push(ledger.offerId);
  }
  return plan;
}

/**
 * A `TaskInfo` for `offer`: agent id from the offer, resources drawn from it
 * (with its allocation role). The same as {@link compileTask}.
 */
export const taskInfo: (spec: TaskSpec, offer: Offer, resources?: Resource[]) => TaskInfo = compileTask;
