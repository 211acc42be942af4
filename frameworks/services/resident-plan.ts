/**
 * The next step of a stateful app (one with volumes), as a pure function of
 * its target and its residents (the reserved place of each instance, see
 * services-state.ts) with the live instance on each. Called again after
 * every change, it converges, like deployment-plan.ts does for other apps,
 * with these rules (Marathon's for resident apps):
 *
 * - the oldest `instances` residents are in use; each wants one live
 *   instance, launched only on its own agent from its own reservation;
 * - missing residents are created (RESERVE + CREATE + LAUNCH in one ACCEPT);
 * - scaling down kills the instances of the newest residents and keeps their
 *   reservations and volumes (a later scale-up relaunches on them first);
 *   so does a suspension (`instances: 0`);
 * - a new version replaces instances in place: kill one, relaunch it on its
 *   volume, and only when every instance in use is back and healthy the
 *   next (no surge: never more than one instance per resident); an
 *   unhealthy old instance is replaced at once;
 * - destroy kills every instance, then releases each resident (DESTROY +
 *   UNRESERVE) once its instance is gone; the app is forgotten after the last.
 */

/** A live instance as the planner sees it. */
export interface ResidentInstance {
  instanceId: string;
  version: string;
  /** `killing`: a kill was sent. */
  phase: 'staging' | 'running' | 'killing';
  healthy: boolean;
}

/** A resident and the live instances on it (normally none or one). */
export interface PlannedResident {
  residentId: string;
  instances: ResidentInstance[];
}

/** What the app should look like. */
export interface ResidentTarget {
  version: string;
  instances: number;
  /** Destroy: release everything. */
  destroying: boolean;
  /** Healthy instances kept while replacing (`floor(instances × this)`). */
  minimumHealthCapacity: number;
}

/** What to do now. */
export interface ResidentStep {
  /** New residents to create (each with its first instance). */
  create: number;
  /** Residents in use without a live instance: launch one on each. */
  launch: string[];
  /** Instance ids to kill, with why. */
  kill: Array<{ instanceId: string; reason: string }>;
  /** Residents to release (DESTROY + UNRESERVE): the app is destroyed and nothing runs on them. */
  release: string[];
  /** Residents kept without an instance (scaled down or suspended). */
  suspended: string[];
  /** At the target: every resident in use has one healthy instance of the version, nothing else runs. */
  done: boolean;
  /** The healthy floor used while replacing. */
  minHealthy: number;
}

/** The next step toward `target`; `residents` oldest first. */
export function planResidentStep(target: ResidentTarget, residents: readonly PlannedResident[]): ResidentStep {
  const step: ResidentStep = { create: 0, launch: [], kill: [], release: [], suspended: [], done: false, minHealthy: 0 };
  const alive = (r: PlannedResident): ResidentInstance[] => r.instances.filter((i) => i.phase !== 'killing');
  const stopping = residents.some((r) => r.instances.some((i) => i.phase === 'killing'));

  if (target.destroying) {
    for (const r of residents) {
      for (const i of alive(r)) step.kill.push({ instanceId: i.instanceId, reason: 'app destroyed' });
      if (r.instances.length === 0) step.release.push(r.residentId);
    }
    step.done = residents.length === 0;
    return step;
  }

  const n = target.instances;
  step.minHealthy = Math.max(0, Math.floor(n * target.minimumHealthCapacity + 1e-9));
  const inUse = residents.slice(0, n);
  const spare = residents.slice(n);
  step.create = Math.max(0, n - residents.length);

  for (const r of spare) {
    step.suspended.push(r.residentId);
    for (const i of alive(r)) step.kill.push({ instanceId: i.instanceId, reason: 'scaled down: its reservation and volumes are kept' });
  }

  let healthy = 0;
  let replacing = step.create > 0;
  const old: ResidentInstance[] = [];
  for (const r of inUse) {
    const live = alive(r);
    // Never two instances on one resident: the newest extra goes.
    for (const extra of live.slice(1)) step.kill.push({ instanceId: extra.instanceId, reason: 'a second instance on one resident' });
    const current = live[0];
    if (!current) {
      if (r.instances.length === 0) step.launch.push(r.residentId);
      replacing = true;
      continue;
    }
    if (current.version !== target.version) old.push(current);
    else if (!current.healthy) replacing = true;
    if (current.healthy) healthy++;
  }

  // Old instances: unhealthy ones at once, healthy ones one at a time while nothing else is being replaced.
  for (const i of old.filter((x) => !x.healthy)) step.kill.push({ instanceId: i.instanceId, reason: `replaced in place by ${target.version}` });
  const healthyOld = old.filter((x) => x.healthy);
  if (healthyOld.length > 0 && !replacing && !stopping && healthy - 1 >= step.minHealthy) {
    step.kill.push({ instanceId: healthyOld[0].instanceId, reason: `replaced in place by ${target.version}` });
  }

  step.done =
    step.create === 0 &&
    !stopping &&
    inUse.every((r) => r.instances.length === 1 && r.instances[0].version === target.version && r.instances[0].healthy && r.instances[0].phase !== 'killing') &&
    spare.every((r) => r.instances.length === 0);
  return step;
}
