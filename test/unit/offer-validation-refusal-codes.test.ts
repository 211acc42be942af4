/** planAccept: a task that asks more than the offer holds says whether it can ever fit. */
import { planAccept, type AcceptContext, type OfferView } from '../../master/offer-validation';
import { RefusalCode } from '@meseta/proto/refusal-code';
import { allocate } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { OperationType, type Operation, type TaskInfo } from '@meseta/proto/wire';

const offerResources = parseResources('cpus:2;mem:1024');
const offer: OfferView = {
  id: 'o1',
  offer: { id: { value: 'o1' }, resources: allocate(offerResources, 'r') },
  role: 'r',
  frameworkId: 'F',
  agentId: 'a1',
  resources: offerResources,
};

function context(largest?: Record<string, number>, seen: string[] = []): AcceptContext {
  return {
    frameworkId: 'F',
    lookupOffer: (id) => (id === 'o1' ? offer : undefined),
    isLiveTask: () => false,
    largestAgent: largest
      ? (role) => {
          seen.push(role);
          return new Map(Object.entries(largest));
        }
      : undefined,
  };
}

function task(id: string, resources: string): TaskInfo {
  return { name: id, task_id: { value: id }, resources: parseResources(resources), command: { value: 'true' } };
}

const launch = (...tasks: TaskInfo[]): Operation[] => [{ type: OperationType.LAUNCH, launch: { task_infos: tasks } }];
const cluster = { cpus: 16, mem: 4096 };

describe('planAccept refusal codes', () => {
  it.each([
    ['more cpus than any agent has: never fits', 'cpus:64;mem:512', 'cpus: asked 64, offer holds 2 (never fits: the largest agent has 16)', [RefusalCode.NEVER]],
    ['more cpus than the offer, within an agent: not now', 'cpus:4;mem:512', 'cpus: asked 4, offer holds 2 (not now: the largest agent has 16)', [RefusalCode.NOT_NOW]],
    [
      'each short resource judged on its own',
      'cpus:64;mem:2048',
      'cpus: asked 64, offer holds 2 (never fits: the largest agent has 16); mem: asked 2048, offer holds 1024 (not now: the largest agent has 4096)',
      [RefusalCode.NEVER, RefusalCode.NOT_NOW],
    ],
    ['a resource no agent has: never fits', 'cpus:1;gpus:1', 'gpus: asked 1, offer holds 0 (never fits: the largest agent has 0)', [RefusalCode.NEVER]],
  ])('%s', (_case, resources, message, codes) => {
    const plan = planAccept(context(cluster), ['o1'], launch(task('t', resources)));
    expect(plan.refused).toHaveLength(1);
    expect(plan.refused[0].message).toBe(message);
    expect(plan.refused[0].shortfalls?.map((s) => s.code)).toEqual(codes);
  });

  it('asks for the largest agent of the offer\'s role, once per call', () => {
    const seen: string[] = [];
    planAccept(context(cluster, seen), ['o1'], launch(task('a', 'cpus:64'), task('b', 'cpus:32')));
    expect(seen).toEqual(['r']);
  });

  it('does not ask when every task fits', () => {
    const seen: string[] = [];
    const plan = planAccept(context(cluster, seen), ['o1'], launch(task('a', 'cpus:1;mem:512')));
    expect(plan.refused).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('keeps the plain message and no codes without a cluster view', () => {
    const plan = planAccept(context(), ['o1'], launch(task('t', 'cpus:64')));
    expect(plan.refused[0].message).toBe('cpus: asked 64, offer holds 2');
    expect(plan.refused[0].shortfalls?.[0].code).toBeUndefined();
  });

  it('judges a task group by what the whole group asks', () => {
    const group: Operation[] = [
      { type: OperationType.LAUNCH_GROUP, launch_group: { task_group: { tasks: [task('g1', 'cpus:10'), task('g2', 'cpus:10')] } } },
    ];
    const plan = planAccept(context(cluster), ['o1'], group);
    expect(plan.refused.map((r) => r.message)).toEqual([
      'Task group refused: cpus: asked 20, offer holds 2 (never fits: the largest agent has 16)',
      'Task group refused: cpus: asked 20, offer holds 2 (never fits: the largest agent has 16)',
    ]);
    expect(plan.refused[0].shortfalls?.[0].code).toBe(RefusalCode.NEVER);
  });

  it('gives no shortfalls for a task refused for another reason', () => {
    const plan = planAccept(context(cluster), ['o1'], launch({ ...task('t', 'cpus:1'), command: undefined }));
    expect(plan.refused[0].shortfalls).toBeUndefined();
  });
});
