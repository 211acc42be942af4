import { isTerminalTask, scalarAmount, TERMINAL_TASK_STATES, type ResourceJson } from '../../cli/state-json';
import { scalar, scalarOf } from '@meseta/proto/resources';
import { isTerminal } from '@meseta/proto/task-state';
import type { Resource } from '@meseta/proto/wire';
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';

/** A resource list as /state serves it. */
function asJson(resources: Resource[]): ResourceJson[] {
  return resources.map((r) => pb.Resource.toObject(pb.Resource.fromObject(r), JSON_OPTIONS) as ResourceJson);
}

describe('the CLI\'s facts by name agree with proto/src', () => {
  it.each(Object.keys(pb.TaskState).filter((k) => Number.isNaN(Number(k))))('%s is terminal exactly when proto/src says so', (name) => {
    const value = (pb.TaskState as unknown as Record<string, number>)[name];
    expect(isTerminalTask({ state: name })).toBe(isTerminal(value));
  });

  it('names only task states the contract has', () => {
    for (const name of TERMINAL_TASK_STATES) expect(Object.keys(pb.TaskState)).toContain(name);
  });

  it.each<[string, Resource[], string]>([
    ['one scalar', [scalar('cpus', 2)], 'cpus'],
    ['a resource that is absent', [scalar('mem', 64)], 'cpus'],
    ['sums across roles, rounded to thousandths', [scalar('cpus', 0.1), scalar('cpus', 0.2, 'prod'), scalar('cpus', 0.0004)], 'cpus'],
    ['no resources at all', [], 'disk'],
    ['other names beside it', [scalar('mem', 1024.5), scalar('cpus', 1), scalar('mem', 0.25)], 'mem'],
  ])('scalarAmount matches scalarOf: %s', (_name, resources, name) => {
    expect(scalarAmount(asJson(resources), name)).toBe(scalarOf(resources, name));
  });
});
