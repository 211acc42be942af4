/**
 * The next step of a rolling deployment, as a pure function of the target
 * (version, instance count, upgrade strategy) and the instances alive now.
 * Called again after every change (an instance became healthy, one died),
 * it converges: scale up, scale down, restart and upgrade are all the same
 * computation. Capacity rules, as Marathon's:
 *
 * - healthy instances never drop below `ceil(instances × minimumHealthCapacity)`
 *   because of a kill the plan asks for;
 * - live instances never exceed `instances + floor(instances × maximumOverCapacity)`
 *   (with minimumHealthCapacity 1 and maximumOverCapacity 0 one extra is
 *   allowed, or nothing could ever move).
 */
import type { UpgradeStrategy } from './app-definition';

/** An instance as the planner sees it (terminal instances are left out). */
export interface PlannedInstance {
  taskId: string;
  version: string;
  /** `killing`: a kill was sent; it no longer counts. */
  phase: 'staging' | 'running' | 'killing';
  /** Counts toward capacity: running and (no health check, or its check passes). */
  healthy: boolean;
  /** Launch time (ms), to kill the newest surplus first. */
  startedAt: number;
}

/** What the app should look like. */
export interface PlanTarget {
  version: string;
  instances: number;
  strategy: Pick<UpgradeStrategy, 'minimumHealthCapacity' | 'maximumOverCapacity'>;
}

/** What to do now. */
export interface PlanStep {
  /** New instances of the target version to launch. */
  launch: number;
  /** Task ids to kill. */
  kill: string[];
  /** True when the app is at its target: all instances new, healthy, none left to stop. */
  done: boolean;
  /** The bounds used, for status output. */
  minHealthy: number;
  maxLive: number;
}

/** The healthy-capacity floor and the live-instance ceiling for a target. */
export function capacityBounds(target: PlanTarget): { minHealthy: number; maxLive: number } {
  const n = target.instances;
  const minHealthy = Math.max(0, Math.ceil(n * target.strategy.minimumHealthCapacity - 1e-9));
  let maxLive = n + Math.floor(n * target.strategy.maximumOverCapacity + 1e-9);
  if (n > 0 && maxLive === n && minHealthy >= n) maxLive = n + 1;
  return { minHealthy, maxLive };
}

function newestFirst(a: PlannedInstance, b: PlannedInstance): number {
  return b.startedAt - a.startedAt;
}

/** Unhealthy first (they cost no capacity), newest first among equals. */
function cheapestFirst(a: PlannedInstance, b: PlannedInstance): number {
  if (a.healthy !== b.healthy) return a.healthy ? 1 : -1;
  return newestFirst(a, b);
}

/** The next step toward `target`. */
export function planStep(target: PlanTarget, instances: readonly PlannedInstance[]): PlanStep {
  const { minHealthy, maxLive } = capacityBounds(target);
  const live = instances.filter((i) => i.phase !== 'killing');
  const current = live.filter((i) => i.version === target.version);
  const old = live.filter((i) => i.version !== target.version);
  const kill: string[] = [];

  // Too many of the new version (scale down): the cheapest go, capacity rules do not apply.
  const surplus = current.length - target.instances;
  const keptCurrent = surplus > 0 ? [...current].sort(cheapestFirst).slice(surplus) : current;
  if (surplus > 0) kill.push(...[...current].sort(cheapestFirst).slice(0, surplus).map((i) => i.taskId));

  const liveAfterSurplus = old.length + keptCurrent.length;
  const launch = Math.max(0, Math.min(target.instances - keptCurrent.length, maxLive - liveAfterSurplus));

  // Old instances go as capacity allows: unhealthy ones at once, healthy ones while above the floor.
  let healthy = old.filter((i) => i.healthy).length + keptCurrent.filter((i) => i.healthy).length;
  for (const instance of [...old].sort(cheapestFirst)) {
    if (!instance.healthy) {
      kill.push(instance.taskId);
      continue;
    }
    if (healthy - 1 < minHealthy) continue;
    kill.push(instance.taskId);
    healthy--;
  }

  const stopping = instances.some((i) => i.phase === 'killing');
  const done =
    old.length === 0 &&
    surplus <= 0 &&
    keptCurrent.length === target.instances &&
    keptCurrent.every((i) => i.healthy) &&
    !stopping &&
    launch === 0;
  return { launch, kill, done, minHealthy, maxLive };
}
