/**
 * The rules of task groups (pods): which ends kill the rest of the group,
 * and where the pod's network and host name come from.
 */
import type { TaskInfo, TaskState } from '@meseta/proto/wire';
import { TaskState as States } from '@meseta/proto/wire';
import { afterTaskEnded, groupLaunchFailedMessage, killedByGroupMessage, podHostname, podNetwork } from '../../agent/containerizers/task-group-policy';

describe('when a task of the group ends', () => {
  it.each<[string, TaskState, boolean, string]>([
    ['finished', States.TASK_FINISHED, false, 'nothing'],
    ['failed', States.TASK_FAILED, false, 'kill-the-rest'],
    ['killed from outside', States.TASK_KILLED, false, 'kill-the-rest'],
    ['lost', States.TASK_LOST, false, 'kill-the-rest'],
    ['killed by the group itself', States.TASK_KILLED, true, 'nothing'],
  ])('a task that %s leads to %s', (_name, state, byGroup, expected) => {
    expect(afterTaskEnded(state, byGroup)).toBe(expected);
  });

  it('says why in the statuses', () => {
    expect(killedByGroupMessage('web', 'TASK_FAILED')).toBe("task web of the group ended with TASK_FAILED: the group's policy kills the rest");
    expect(groupLaunchFailedMessage('db', 'image refused')).toBe('the group was not launched (all or nothing): task db could not start: image refused');
  });
});

describe('the pod network and host name', () => {
  const task = (network?: number, hostname?: string): TaskInfo => ({
    container: { type: 2, ...(network === undefined ? {} : { network_infos: [{ mode: network }] }), ...(hostname ? { hostname } : {}) },
  });

  it.each<[string, Parameters<typeof podNetwork>[0], TaskInfo[], string]>([
    ['nobody asks', undefined, [task(), task()], 'host'],
    ['the tasks agree on none', undefined, [task(1), task(1)], 'none'],
    ['one task asks for none', undefined, [task(1), task()], 'none'],
    ['the executor says host', { container: { network_infos: [{ mode: 0 }] } }, [task(1)], 'host'],
  ])('is %s → ...', (_name, executor, tasks, expected) => {
    expect(podNetwork(executor, tasks)).toBe(expected);
  });

  it('refuses tasks that disagree', () => {
    expect(() => podNetwork(undefined, [task(0), task(1)])).toThrow('its tasks ask for different networks');
  });

  it('takes the host name from the executor, else a task, else the fallback', () => {
    expect(podHostname({ container: { hostname: 'pod' } }, [task(undefined, 'a')], 'x')).toBe('pod');
    expect(podHostname(undefined, [task(), task(undefined, 'b')], 'x')).toBe('b');
    expect(podHostname(undefined, [task()], 'x')).toBe('x');
  });
});
