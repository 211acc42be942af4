import { formatStatus, taskExitCode } from '../../cli/task-exit-code';
import type { TaskStatus } from '@meseta/proto/wire';
import { pb, Reason, TaskState } from '@meseta/proto/wire';

describe('taskExitCode', () => {
  it.each<[string, TaskStatus, number]>([
    ['a finished task exits 0', { state: TaskState.TASK_FINISHED }, 0],
    ['a failed task exits with its own code', { state: TaskState.TASK_FAILED, exit_code: 3 }, 3],
    ['a failed task ended by a signal exits 128 + signal', { state: TaskState.TASK_FAILED, signal: 11 }, 139],
    ['a failed task without code or signal exits 1', { state: TaskState.TASK_FAILED }, 1],
    ['a failed task whose code is a multiple of 256 still fails', { state: TaskState.TASK_FAILED, exit_code: 256 }, 1],
    ['a killed task exits 128 + its signal', { state: TaskState.TASK_KILLED, signal: 15 }, 143],
    ['a killed task without a signal exits 137', { state: TaskState.TASK_KILLED }, 137],
    ['an invalid task exits 1', { state: TaskState.TASK_ERROR, reason: Reason.REASON_TASK_INVALID }, 1],
    ['a lost task exits 1', { state: TaskState.TASK_LOST }, 1],
    ['a dropped task exits 1', { state: TaskState.TASK_DROPPED }, 1],
    ['a gone task exits 1', { state: TaskState.TASK_GONE }, 1],
  ])('%s', (_name, status, code) => {
    expect(taskExitCode(status)).toBe(code);
  });
});

describe('formatStatus', () => {
  it.each<[string, TaskStatus, string]>([
    ['prints the state alone when there is no message', { state: TaskState.TASK_RUNNING }, 'TASK_RUNNING'],
    [
      'adds the message',
      { state: TaskState.TASK_FINISHED, message: 'Command exited with status 0' },
      'TASK_FINISHED: Command exited with status 0',
    ],
    [
      'adds the reason of a failure',
      { state: TaskState.TASK_ERROR, message: 'cpus: asked 4, offer holds 2', reason: Reason.REASON_TASK_INVALID },
      'TASK_ERROR: cpus: asked 4, offer holds 2 (REASON_TASK_INVALID)',
    ],
    [
      'does not add a reason to a running task',
      { state: TaskState.TASK_RUNNING, reason: Reason.REASON_RECONCILIATION },
      'TASK_RUNNING',
    ],
  ])('%s', (_name, status, line) => {
    expect(formatStatus(status)).toBe(line);
  });

  it('does not invent a reason for a decoded status that carries none', () => {
    const decoded = pb.TaskStatus.decode(pb.TaskStatus.encode({ state: TaskState.TASK_FAILED, message: 'boom' }).finish());
    expect(formatStatus(decoded)).toBe('TASK_FAILED: boom');
  });
});
