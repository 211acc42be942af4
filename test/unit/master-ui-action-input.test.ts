/** The web UI's action requests, checked: each refusal names the field. */
import { parseUiAction, UiActionInputError } from '../../master/ui-action-input';

describe('parseUiAction', () => {
  it.each([
    ['kill', { framework_id: 'f1', task_id: 't1' }, { verb: 'kill', frameworkId: 'f1', taskId: 't1' }],
    ['teardown', { framework_id: 'f1' }, { verb: 'teardown', frameworkId: 'f1' }],
    ['drain', { agent_id: 'a1' }, { verb: 'drain', agentId: 'a1', markGone: false }],
    ['drain', { agent_id: 'a1', max_grace_period_seconds: 5, mark_gone: true }, { verb: 'drain', agentId: 'a1', markGone: true, maxGracePeriodSeconds: 5 }],
    ['drain', { agent_id: 'a1', max_grace_period_seconds: 0 }, { verb: 'drain', agentId: 'a1', markGone: false, maxGracePeriodSeconds: 0 }],
    ['deactivate', { agent_id: 'a1' }, { verb: 'deactivate', agentId: 'a1' }],
    ['reactivate', { agent_id: 'a1' }, { verb: 'reactivate', agentId: 'a1' }],
    ['mark-gone', { agent_id: 'a1' }, { verb: 'mark-gone', agentId: 'a1' }],
  ])('%s %j is accepted', (verb, body, expected) => {
    expect(parseUiAction(verb, body)).toEqual(expected);
  });

  it.each([
    ['explode', {}, 'action', "action: 'explode' is not an action (one of kill, teardown, drain, deactivate, reactivate, mark-gone)"],
    ['kill', [], 'body', 'body: must be a JSON object'],
    ['kill', null, 'body', 'body: must be a JSON object'],
    ['kill', 'x', 'body', 'body: must be a JSON object'],
    ['kill', { framework_id: 'f1' }, 'task_id', 'task_id: required, a non-empty string'],
    ['kill', { framework_id: 'f1', task_id: '' }, 'task_id', 'task_id: required, a non-empty string'],
    ['kill', { framework_id: 7, task_id: 't' }, 'framework_id', 'framework_id: must be a string, not number'],
    ['kill', { framework_id: 'f', task_id: ['t'] }, 'task_id', 'task_id: must be a string, not a list'],
    ['kill', { framework_id: 'f', task_id: 'x'.repeat(513) }, 'task_id', 'task_id: longer than 512 characters'],
    ['kill', { framework_id: 'f', task_id: 't', agent_id: 'a' }, 'agent_id', 'agent_id: unknown field for kill (it takes framework_id, task_id)'],
    ['teardown', {}, 'framework_id', 'framework_id: required, a non-empty string'],
    ['drain', {}, 'agent_id', 'agent_id: required, a non-empty string'],
    ['drain', { agent_id: 'a', max_grace_period_seconds: -1 }, 'max_grace_period_seconds', 'max_grace_period_seconds: must be a number of seconds, 0 or more (got -1)'],
    ['drain', { agent_id: 'a', max_grace_period_seconds: '5' }, 'max_grace_period_seconds', 'max_grace_period_seconds: must be a number of seconds, 0 or more (got "5")'],
    ['drain', { agent_id: 'a', mark_gone: 'yes' }, 'mark_gone', 'mark_gone: must be true or false (got "yes")'],
    ['reactivate', { agent_id: 'a', mark_gone: true }, 'mark_gone', 'mark_gone: unknown field for reactivate (it takes agent_id)'],
    ['mark-gone', { agent_id: {} }, 'agent_id', 'agent_id: must be a string, not object'],
  ])('%s %j is refused naming %s', (verb, body, field, message) => {
    let error: unknown;
    try {
      parseUiAction(verb, body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UiActionInputError);
    expect((error as UiActionInputError).field).toBe(field);
    expect((error as Error).message).toBe(message);
  });
});
