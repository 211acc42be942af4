import { capacityBounds, planStep, type PlannedInstance } from '../../frameworks/services/deployment-plan';

let t = 0;
const inst = (id: string, version: string, healthy = true, phase: PlannedInstance['phase'] = 'running'): PlannedInstance => ({
  taskId: id, version, phase, healthy: healthy && phase === 'running', startedAt: ++t,
});
const target = (instances: number, min = 1, over = 1) => ({ version: 'v2', instances, strategy: { minimumHealthCapacity: min, maximumOverCapacity: over } });

describe('rolling deployment plan', () => {
  it.each<[string, ReturnType<typeof target>, { minHealthy: number; maxLive: number }]>([
    ['3 instances, keep all, one over', target(3, 1, 0.34), { minHealthy: 3, maxLive: 4 }],
    ['4 instances, half healthy, none over', target(4, 0.5, 0), { minHealthy: 2, maxLive: 4 }],
    ['min 1 and over 0 still allows one extra', target(3, 1, 0), { minHealthy: 3, maxLive: 4 }],
    ['nothing wanted', target(0, 1, 1), { minHealthy: 0, maxLive: 0 }],
  ])('bounds: %s', (_name, tgt, bounds) => {
    expect(capacityBounds(tgt)).toEqual(bounds);
  });

  it.each<[string, ReturnType<typeof target>, PlannedInstance[], { launch: number; kill: string[]; done: boolean }]>([
    ['a new app launches everything', target(3), [], { launch: 3, kill: [], done: false }],
    ['an app at target is done', target(2), [inst('a', 'v2'), inst('b', 'v2')], { launch: 0, kill: [], done: true }],
    ['a staging instance is not done yet', target(2), [inst('a', 'v2'), inst('b', 'v2', false, 'staging')], { launch: 0, kill: [], done: false }],
    ['scale up launches the difference', target(4), [inst('a', 'v2'), inst('b', 'v2')], { launch: 2, kill: [], done: false }],
    ['scale down kills unhealthy first, then the newest', target(1), [inst('a', 'v2'), inst('b', 'v2', false), inst('c', 'v2')], { launch: 0, kill: ['b', 'c'], done: false }],
    ['a dead instance is replaced (it is no longer listed)', target(3), [inst('a', 'v2'), inst('b', 'v2')], { launch: 1, kill: [], done: false }],
    ['upgrade min 1, one over: one new at a time, no old killed yet', target(3, 1, 0.34), [inst('a', 'v1'), inst('b', 'v1'), inst('c', 'v1')], { launch: 1, kill: [], done: false }],
    ['upgrade min 1: a healthy new one lets one old go', target(3, 1, 0.34), [inst('a', 'v1'), inst('b', 'v1'), inst('c', 'v1'), inst('n', 'v2')], { launch: 0, kill: ['c'], done: false }],
    ['upgrade min 1: an unhealthy new one keeps every old one', target(3, 1, 0.34), [inst('a', 'v1'), inst('b', 'v1'), inst('c', 'v1'), inst('n', 'v2', false)], { launch: 0, kill: [], done: false }],
    ['upgrade min 0.5, none over: half the old go at once', target(4, 0.5, 0), [inst('a', 'v1'), inst('b', 'v1'), inst('c', 'v1'), inst('d', 'v1')], { launch: 0, kill: ['d', 'c'], done: false }],
    ['upgrade: unhealthy old instances go regardless of the floor', target(2, 1, 0), [inst('a', 'v1'), inst('b', 'v1', false)], { launch: 1, kill: ['b'], done: false }],
    ['upgrade: old ones being killed do not count', target(2, 1, 0.5), [inst('a', 'v1', true, 'killing'), inst('n1', 'v2'), inst('n2', 'v2')], { launch: 0, kill: [], done: false }],
    ['upgrade finished once the killed ones are gone', target(2, 1, 0.5), [inst('n1', 'v2'), inst('n2', 'v2')], { launch: 0, kill: [], done: true }],
    ['destroy (0 instances) kills everything', target(0), [inst('a', 'v1'), inst('b', 'v2')], { launch: 0, kill: ['b', 'a'], done: false }],
  ])('%s', (_name, tgt, instances, expected) => {
    const step = planStep(tgt, instances);
    expect({ launch: step.launch, kill: step.kill, done: step.done }).toEqual(expected);
  });

  it('never plans a kill that takes healthy capacity under the floor, over a whole rollout', () => {
    // Simulate: each step's launches become healthy v2 instances, kills vanish.
    const tgt = target(5, 0.8, 0.2);
    const { minHealthy } = capacityBounds(tgt);
    let instances: PlannedInstance[] = Array.from({ length: 5 }, (_, i) => inst(`old${i}`, 'v1'));
    for (let round = 0; round < 20; round++) {
      const step = planStep(tgt, instances);
      const after = instances.filter((i) => !step.kill.includes(i.taskId));
      expect(after.filter((i) => i.healthy).length).toBeGreaterThanOrEqual(minHealthy);
      if (step.done) break;
      instances = [...after, ...Array.from({ length: step.launch }, (_, i) => inst(`new${round}-${i}`, 'v2'))];
      expect(instances.length).toBeLessThanOrEqual(capacityBounds(tgt).maxLive);
    }
    expect(planStep(tgt, instances).done).toBe(true);
    expect(instances.every((i) => i.version === 'v2')).toBe(true);
  });
});
