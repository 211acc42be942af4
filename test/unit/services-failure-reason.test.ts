import { failureReason, instanceCondition, stderrTail, type TaskFacts } from '../../frameworks/services/failure-reason';

const task = (over: Partial<TaskFacts>): TaskFacts => ({ state: 'TASK_RUNNING', hasHealthCheck: false, ...over });

describe('instance condition', () => {
  it.each<[string, TaskFacts[], string | undefined, string | undefined, { status: string; reason?: RegExp }]>([
    ['no tasks yet', [], undefined, undefined, { status: 'staging' }],
    ['staging', [task({ state: 'TASK_STAGING' })], undefined, undefined, { status: 'staging' }],
    ['running without checks is running, not healthy', [task({})], undefined, undefined, { status: 'running' }],
    ['running, check not passed yet', [task({ hasHealthCheck: true })], undefined, undefined, { status: 'running', reason: /waiting for the first health check/ }],
    ['running and passing its check', [task({ hasHealthCheck: true, healthy: true })], undefined, undefined, { status: 'healthy' }],
    ['failing its check: the check message', [task({ hasHealthCheck: true, healthy: false, healthMessage: 'HTTP 500 from /health' })], undefined, undefined, { status: 'unhealthy', reason: /HTTP 500 from \/health/ }],
    ['killed for its check: killing with the check message', [task({ hasHealthCheck: true, healthy: false, healthMessage: 'HTTP 500' })], 'unhealthy', undefined, { status: 'killing', reason: /^unhealthy: HTTP 500$/ }],
    ['crashed: failed with message and stderr, never healthy', [task({ state: 'TASK_FAILED', healthy: true, hasHealthCheck: true, message: 'Command exited with status 3' })], undefined, 'Error: no config\n', { status: 'failed', reason: /^TASK_FAILED: Command exited with status 3; stderr: Error: no config$/ }],
    ['killed after failing its check: failed, the check message not the kill', [task({ state: 'TASK_KILLED', healthy: false, hasHealthCheck: true, message: 'killed', healthMessage: 'connection refused' })], 'unhealthy', undefined, { status: 'failed', reason: /^unhealthy: connection refused$/ }],
    ['killed as asked: killed with the kill reason', [task({ state: 'TASK_KILLED' })], 'scaled down', undefined, { status: 'killed', reason: /^scaled down$/ }],
    ['lost with only a reason', [task({ state: 'TASK_LOST', reason: 'REASON_AGENT_REMOVED' })], undefined, undefined, { status: 'lost', reason: /^TASK_LOST: REASON_AGENT_REMOVED$/ }],
    ['a service that exits 0 has finished', [task({ state: 'TASK_FINISHED', message: 'Command exited with status 0' })], undefined, undefined, { status: 'finished', reason: /status 0/ }],
    ['a pod: the failed container decides over the running one', [task({}), task({ state: 'TASK_FAILED', message: 'exit 1' })], undefined, undefined, { status: 'failed', reason: /exit 1/ }],
    ['a pod with one staging container is staging', [task({}), task({ state: 'TASK_STARTING' })], undefined, undefined, { status: 'staging' }],
  ])('%s', (_name, tasks, killReason, stderr, expected) => {
    const c = instanceCondition(tasks, killReason, stderr);
    expect(c.status).toBe(expected.status);
    if (expected.reason) expect(c.reason).toMatch(expected.reason);
    else expect(c.reason).toBeUndefined();
  });
});

describe('failure reason', () => {
  it.each<[string, TaskFacts, string | undefined, string | undefined, string]>([
    ['state alone', task({ state: 'TASK_FAILED' }), undefined, undefined, 'TASK_FAILED'],
    ['message before reason', task({ state: 'TASK_FAILED', message: 'Command exited with status 1', reason: 'REASON_COMMAND_EXECUTOR_FAILED' }), undefined, undefined, 'TASK_FAILED: Command exited with status 1'],
    ['reason when no message', task({ state: 'TASK_ERROR', reason: 'REASON_TASK_INVALID' }), undefined, undefined, 'TASK_ERROR: REASON_TASK_INVALID'],
    ['health message when killed for it', task({ state: 'TASK_KILLED', message: 'killed', healthMessage: 'timed out' }), 'unhealthy', undefined, 'unhealthy: timed out'],
    ['stderr tail appended', task({ state: 'TASK_FAILED', message: 'exit 2' }), undefined, 'a\nb\n\n', 'TASK_FAILED: exit 2; stderr: a ⏎ b'],
    ['blank stderr adds nothing', task({ state: 'TASK_FAILED' }), undefined, '\n  \n', 'TASK_FAILED'],
  ])('%s', (_name, t, killReason, stderr, expected) => {
    expect(failureReason(t, killReason, stderr)).toBe(expected);
  });
});

describe('stderr tail', () => {
  it.each<[string, string | undefined, number, number, string]>([
    ['nothing', undefined, 5, 400, ''],
    ['the last lines only', '1\n2\n3\n4\n5\n6\n7\n', 3, 400, '5 ⏎ 6 ⏎ 7'],
    ['CRLF and trailing blanks', 'x  \r\ny\r\n', 5, 400, 'x ⏎ y'],
    ['cut at the front to the limit', 'abcdefghij', 5, 5, '…ghij'],
  ])('%s', (_name, text, lines, chars, expected) => {
    expect(stderrTail(text, lines, chars)).toBe(expected);
  });
});
