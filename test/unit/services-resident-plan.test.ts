import { planResidentStep, type PlannedResident, type ResidentInstance, type ResidentTarget } from '../../frameworks/services/resident-plan';

const inst = (instanceId: string, version = 'v2', healthy = true, phase: ResidentInstance['phase'] = 'running'): ResidentInstance => ({
  instanceId,
  version,
  phase,
  healthy: healthy && phase === 'running',
});
const r = (residentId: string, ...instances: ResidentInstance[]): PlannedResident => ({ residentId, instances });
const target = (instances: number, over: Partial<ResidentTarget> = {}): ResidentTarget => ({ version: 'v2', instances, destroying: false, minimumHealthCapacity: 0.5, ...over });

interface Expected {
  create?: number;
  launch?: string[];
  kill?: string[];
  release?: string[];
  suspended?: string[];
  done?: boolean;
}

describe('stateful app plan (residents)', () => {
  it.each<[string, ResidentTarget, PlannedResident[], Expected]>([
    ['a new app creates a resident per instance', target(3), [], { create: 3 }],
    ['an app at target is done', target(2), [r('a', inst('1')), r('b', inst('2'))], { done: true }],
    ['a staging instance is not done yet', target(1), [r('a', inst('1', 'v2', false, 'staging'))], { done: false }],
    ['a crashed instance is relaunched on its resident, never a new one made', target(2), [r('a', inst('1')), r('b')], { launch: ['b'] }],
    ['an instance being killed is not relaunched until it is gone', target(1), [r('a', inst('1', 'v2', true, 'killing'))], {}],
    ['scale up creates only what is missing', target(3), [r('a', inst('1')), r('b', inst('2'))], { create: 1 }],
    ['scale up reuses suspended residents first', target(3), [r('a', inst('1')), r('b'), r('c'), r('d')], { launch: ['b', 'c'], suspended: ['d'] }],
    [
      'scale down kills the newest residents\' instances and keeps the residents',
      target(1),
      [r('a', inst('1')), r('b', inst('2')), r('c', inst('3'))],
      { kill: ['2', '3'], suspended: ['b', 'c'] },
    ],
    ['suspended (0 instances): everything killed, every resident kept', target(0), [r('a', inst('1')), r('b')], { kill: ['1'], suspended: ['a', 'b'] }],
    ['suspended and stopped is done', target(0), [r('a'), r('b')], { suspended: ['a', 'b'], done: true }],
    ['upgrade: one old instance replaced in place at a time', target(3), [r('a', inst('1', 'v1')), r('b', inst('2', 'v1')), r('c', inst('3', 'v1'))], { kill: ['1'] }],
    ['upgrade: while one is relaunching on its volume, no other goes', target(3), [r('a'), r('b', inst('2', 'v1')), r('c', inst('3', 'v1'))], { launch: ['a'] }],
    ['upgrade: while the relaunched one is not healthy yet, no other goes', target(2), [r('a', inst('1', 'v2', false)), r('b', inst('2', 'v1'))], {}],
    ['upgrade: the next goes once the replaced one is healthy', target(2), [r('a', inst('1')), r('b', inst('2', 'v1'))], { kill: ['2'] }],
    ['upgrade: an unhealthy old instance is replaced at once', target(2), [r('a', inst('1', 'v1', false)), r('b', inst('2', 'v1'))], { kill: ['1'] }],
    ['upgrade of a single instance: it is replaced in place (no surge)', target(1), [r('a', inst('1', 'v1'))], { kill: ['1'] }],
    ['upgrade keeps the floor: 4 instances, min 1.0 would hold every one', target(4, { minimumHealthCapacity: 1 }), [r('a', inst('1', 'v1')), r('b', inst('2', 'v1')), r('c', inst('3', 'v1')), r('d', inst('4', 'v1'))], {}],
    ['two instances on one resident: the extra goes', target(1), [r('a', inst('1'), inst('2'))], { kill: ['2'] }],
    ['destroy kills every instance first', target(2, { destroying: true }), [r('a', inst('1')), r('b', inst('2', 'v2', true, 'killing'))], { kill: ['1'] }],
    ['destroy releases residents nothing runs on', target(2, { destroying: true }), [r('a'), r('b', inst('2', 'v2', true, 'killing')), r('c')], { release: ['a', 'c'] }],
    ['destroy is done once every resident is released', target(2, { destroying: true }), [], { done: true }],
  ])('%s', (_name, tgt, residents, expected) => {
    const step = planResidentStep(tgt, residents);
    expect({
      create: step.create,
      launch: step.launch,
      kill: step.kill.map((k) => k.instanceId),
      release: step.release,
      suspended: step.suspended,
      done: step.done,
    }).toEqual({ create: 0, launch: [], kill: [], release: [], suspended: [], done: false, ...expected });
  });

  it('says why it kills: scaled down keeps the volumes, an upgrade replaces in place, destroy', () => {
    expect(planResidentStep(target(0), [r('a', inst('1'))]).kill[0].reason).toBe('scaled down: its reservation and volumes are kept');
    expect(planResidentStep(target(1), [r('a', inst('1', 'v1'))]).kill[0].reason).toBe('replaced in place by v2');
    expect(planResidentStep(target(1, { destroying: true }), [r('a', inst('1'))]).kill[0].reason).toBe('app destroyed');
  });

  it('a whole in-place rollout never runs two instances on a resident nor more than the target', () => {
    // Simulate: kills end the instance, launches come back healthy with the target version.
    let residents = [r('a', inst('1', 'v1')), r('b', inst('2', 'v1')), r('c', inst('3', 'v1'))];
    let next = 10;
    for (let round = 0; round < 20; round++) {
      const step = planResidentStep(target(3), residents);
      if (step.done) break;
      const killed = new Set(step.kill.map((k) => k.instanceId));
      expect(killed.size).toBeLessThanOrEqual(1);
      residents = residents.map((x) => ({
        residentId: x.residentId,
        instances: step.launch.includes(x.residentId) ? [inst(String(next++))] : x.instances.filter((i) => !killed.has(i.instanceId)),
      }));
      for (const x of residents) expect(x.instances.length).toBeLessThanOrEqual(1);
    }
    expect(planResidentStep(target(3), residents).done).toBe(true);
    expect(residents.map((x) => x.residentId)).toEqual(['a', 'b', 'c']);
  });
});
