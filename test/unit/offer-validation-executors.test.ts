/** planAccept: a custom executor's own resources are taken once per executor and agent, as Mesos counts them. */
import { planAccept, type AcceptContext, type OfferView } from '../../master/offer-validation';
import { allocate, normalize } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { OperationType, pb, type ExecutorInfo, type Operation, type Resource, type TaskInfo } from '@meseta/proto/wire';

const offerResources = parseResources('cpus:2;mem:1024');
const offer: OfferView = {
  id: 'o1',
  offer: { id: { value: 'o1' }, resources: allocate(offerResources, 'r') },
  role: 'r',
  frameworkId: 'F',
  agentId: 'a1',
  resources: offerResources,
};

function context(running: string[] = []): AcceptContext {
  return {
    frameworkId: 'F',
    lookupOffer: (id) => (id === 'o1' ? offer : undefined),
    isLiveTask: () => false,
    isExecutorRunning: (agentId, executorId) => agentId === 'a1' && running.includes(executorId),
  };
}

const custom = (id: string): ExecutorInfo => ({ executor_id: { value: id }, command: { value: './executor' }, resources: parseResources('cpus:0.5;mem:128') });
const defaultExecutor: ExecutorInfo = { type: pb.ExecutorInfo.Type.DEFAULT, executor_id: { value: 'd' }, resources: parseResources('cpus:0.5;mem:128') };

function task(id: string, executor?: ExecutorInfo): TaskInfo {
  const t: TaskInfo = { name: id, task_id: { value: id }, resources: parseResources('cpus:0.25;mem:64') };
  if (executor) t.executor = executor;
  else t.command = { value: 'true' };
  return t;
}

const launch = (...tasks: TaskInfo[]): Operation[] => [{ type: OperationType.LAUNCH, launch: { task_infos: tasks } }];
const amounts = (resources: Resource[]): Record<string, number> => Object.fromEntries(normalize(resources).map((r) => [r.name ?? '', r.scalar?.value ?? 0]));

describe('planAccept and custom executors', () => {
  it.each([
    ['a plain task pays for itself only', [], launch(task('t')), [{ cpus: 0.25, mem: 64 }], [undefined]],
    ['the first task of a new executor pays for the executor too, and starts it', [], launch(task('t', custom('e'))), [{ cpus: 0.75, mem: 192 }], ['e']],
    ['a task of an executor already running pays for itself only', ['e'], launch(task('t', custom('e'))), [{ cpus: 0.25, mem: 64 }], [undefined]],
    [
      'two tasks of one new executor in one call: the executor is paid once',
      [],
      launch(task('a', custom('e')), task('b', custom('e'))),
      [{ cpus: 0.75, mem: 192 }, { cpus: 0.25, mem: 64 }],
      ['e', undefined],
    ],
    [
      'two new executors: each paid by its first task',
      [],
      launch(task('a', custom('e1')), task('b', custom('e2'))),
      [{ cpus: 0.75, mem: 192 }, { cpus: 0.75, mem: 192 }],
      ['e1', 'e2'],
    ],
    ['a running executor of another id does not count', ['other'], launch(task('t', custom('e'))), [{ cpus: 0.75, mem: 192 }], ['e']],
  ])('%s', (_name, running, operations, resources, started) => {
    const plan = planAccept(context(running as string[]), ['o1'], operations);
    expect(plan.refused).toEqual([]);
    expect(plan.launches.map((l) => amounts(l.resources))).toEqual(resources);
    expect(plan.launches.map((l) => l.startsExecutor?.executorId)).toEqual(started);
  });

  it('a task group with a custom executor pays for it once, and not when it runs already', () => {
    const group = (executor: ExecutorInfo): Operation[] => [{ type: OperationType.LAUNCH_GROUP, launch_group: { executor, task_group: { tasks: [task('a'), task('b')] } } }];
    const fresh = planAccept(context(), ['o1'], group(custom('g')));
    expect(fresh.launches.map((l) => amounts(l.resources))).toEqual([{ cpus: 1, mem: 256 }]);
    expect(fresh.launches[0].startsExecutor).toEqual({ executorId: 'g', resources: parseResources('cpus:0.5;mem:128') });
    const again = planAccept(context(['g']), ['o1'], group(custom('g')));
    expect(again.launches.map((l) => amounts(l.resources))).toEqual([{ cpus: 0.5, mem: 128 }]);
    expect(again.launches[0].startsExecutor).toBeUndefined();
  });

  it('the DEFAULT executor of a pod is paid with every group, as before (the agent runs no long-lived process for it)', () => {
    const op: Operation[] = [{ type: OperationType.LAUNCH_GROUP, launch_group: { executor: defaultExecutor, task_group: { tasks: [task('a')] } } }];
    const plan = planAccept(context(['d']), ['o1'], op);
    expect(plan.launches.map((l) => amounts(l.resources))).toEqual([{ cpus: 0.75, mem: 192 }]);
    expect(plan.launches[0].startsExecutor).toBeUndefined();
  });

  it('a task whose executor does not fit is refused naming the shortfall', () => {
    const big: ExecutorInfo = { ...custom('e'), resources: parseResources('cpus:4') };
    const plan = planAccept(context(), ['o1'], launch(task('t', big)));
    expect(plan.launches).toEqual([]);
    expect(plan.refused[0].message).toBe('cpus: asked 4.25, offer holds 2');
  });
});
