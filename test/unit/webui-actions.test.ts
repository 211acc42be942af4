/** The web UI's operator actions: which apply in which state, and what each dialog says. */
import {
  agentAvailability, agentConfirmation, drainProgress, graceSeconds, killAvailability, killConfirmation, shellAvailability,
  teardownAvailability, teardownConfirmation, type AgentForActions,
} from '../../master/webui/src/model/actions';

describe('which actions apply', () => {
  it.each([
    ['TASK_RUNNING', false, true, undefined],
    ['TASK_STAGING', false, true, undefined],
    ['TASK_KILLING', false, true, undefined],
    ['TASK_FINISHED', true, false, 'the task has ended (finished)'],
    ['TASK_KILLED', false, false, 'the task has ended (killed)'],
    ['TASK_GONE_BY_OPERATOR', true, false, 'the task has ended (gone by operator)'],
    ['TASK_UNREACHABLE', false, false, 'the task is unreachable: its agent is away (mark the agent gone to end it)'],
  ])('kill of a %s task (completed %s): enabled %s', (state, completed, enabled, why) => {
    expect(killAvailability({ state, completed })).toEqual(why ? { enabled, why } : { enabled });
  });

  it.each([
    ['TASK_RUNNING', 'ACTIVE', true, undefined],
    ['TASK_STAGING', 'ACTIVE', false, 'the task is staging, not running'],
    ['TASK_RUNNING', 'DISCONNECTED', false, 'its agent is disconnected'],
    ['TASK_RUNNING', undefined, false, 'its agent is unknown to the master'],
    ['TASK_FAILED', 'ACTIVE', false, 'the task has ended (failed)'],
  ])('shell in a %s task on a %s agent: enabled %s', (state, agent, enabled, why) => {
    expect(shellAvailability({ state }, agent)).toEqual(why ? { enabled, why } : { enabled });
  });

  it('teardown only for a framework not removed', () => {
    expect(teardownAvailability({ completed: false })).toEqual({ enabled: true });
    expect(teardownAvailability({ completed: true })).toEqual({ enabled: false, why: 'the framework was removed already' });
  });

  const on = (verbs: Record<string, { enabled: boolean }>): string[] => Object.entries(verbs).filter(([, a]) => a.enabled).map(([v]) => v);
  it.each<[AgentForActions, string[]]>([
    [{ status: 'ACTIVE' }, ['drain', 'deactivate', 'mark-gone']],
    [{ status: 'ACTIVE', operator_state: 'DEACTIVATED' }, ['drain', 'reactivate', 'mark-gone']],
    [{ status: 'ACTIVE', operator_state: 'DRAINING' }, ['reactivate', 'mark-gone']],
    [{ status: 'ACTIVE', operator_state: 'DRAINED' }, ['reactivate', 'mark-gone']],
    [{ status: 'UNREACHABLE' }, ['drain', 'deactivate', 'mark-gone']],
    [{ status: 'DISCONNECTED', operator_state: 'DRAINING' }, ['reactivate', 'mark-gone']],
    [{ status: 'GONE' }, []],
    [{ status: 'GONE', operator_state: 'DRAINED' }, []],
  ])('agent %j offers %j', (agent, enabled) => {
    expect(on(agentAvailability(agent))).toEqual(enabled);
  });

  it('a disabled agent action says why', () => {
    expect(agentAvailability({ status: 'ACTIVE', operator_state: 'DRAINING' }).drain).toEqual({ enabled: false, why: 'the agent is draining already' });
    expect(agentAvailability({ status: 'ACTIVE' }).reactivate).toEqual({ enabled: false, why: 'the agent is active (offers are made)' });
    expect(agentAvailability({ status: 'GONE' })['mark-gone']).toEqual({ enabled: false, why: 'the agent is gone' });
  });
});

describe('what the dialogs say', () => {
  it.each([
    [undefined, 3],
    [{}, 3],
    [{ grace_period: { nanoseconds: 10_000_000_000 } }, 10],
    [{ grace_period: { nanoseconds: '2500000000' } }, 2.5],
    [{ grace_period: { nanoseconds: 0 } }, 0],
    [{ grace_period: { nanoseconds: 'x' } }, 3],
  ])('kill policy %j: grace %s s', (policy, seconds) => {
    expect(graceSeconds(policy)).toBe(seconds);
  });

  it.each([
    [{ id: 't1', name: 'web' }, 'h1:5051', 10, 'Kill task t1 (web) on agent h1:5051; its kill policy grace period is 10 s: SIGTERM now, SIGKILL if it still runs after that.'],
    [{ id: 't1', name: 't1' }, 'h1:5051', 2.5, 'Kill task t1 on agent h1:5051; its kill policy grace period is 2.5 s: SIGTERM now, SIGKILL if it still runs after that.'],
    [{ id: 't1' }, 'h1:5051', undefined, 'Kill task t1 on agent h1:5051; its kill policy is being read….'],
  ])('kill %j on %s with grace %s', (task, agent, grace, text) => {
    expect(killConfirmation(task, agent, grace)).toBe(text);
  });

  it.each([
    [2, 'Tear down framework web (f1): it is removed from the master for good, its 2 live tasks will be killed, and it cannot subscribe again with this id.'],
    [1, 'Tear down framework web (f1): it is removed from the master for good, its 1 live task will be killed, and it cannot subscribe again with this id.'],
    [0, 'Tear down framework web (f1): it is removed from the master for good, it has no live tasks, and it cannot subscribe again with this id.'],
  ])('teardown with %i live tasks', (n, text) => {
    expect(teardownConfirmation({ id: 'f1', name: 'web' }, n)).toBe(text);
  });

  it.each([
    ['drain', 3, undefined, "Drain agent h:1: stop its offers, kill its 3 tasks with each task's own kill policy; it is drained when none is left. Reactivate undoes it (killed tasks stay killed)."],
    ['drain', 1, 5, "Drain agent h:1: stop its offers, kill its 1 task with each task's kill policy, its grace period capped at 5 s; it is drained when none is left. Reactivate undoes it (killed tasks stay killed)."],
    ['drain', 0, undefined, 'Drain agent h:1: stop its offers, it has no tasks to kill; it is drained when none is left. Reactivate undoes it (killed tasks stay killed).'],
    ['deactivate', 2, undefined, 'Deactivate agent h:1: its outstanding offers are rescinded and no new ones are made; its 2 tasks keep running.'],
    ['reactivate', 0, undefined, 'Reactivate agent h:1: offers of its resources resume; a drain, if any, is forgotten (tasks already killed stay killed).'],
    ['mark-gone', 1, undefined, 'Mark agent h:1 gone: it is told to shut down if connected, its 1 task ends as TASK_GONE_BY_OPERATOR, and it is refused if it comes back. This cannot be undone.'],
  ] as const)('%s with %i tasks (cap %s)', (verb, n, cap, text) => {
    expect(agentConfirmation(verb, 'h:1', n, cap)).toBe(text);
  });

  it.each<[AgentForActions & { task_count: number }, string | undefined]>([
    [{ status: 'ACTIVE', task_count: 2 }, undefined],
    [{ status: 'ACTIVE', operator_state: 'DRAINING', task_count: 2 }, 'Draining: 2 tasks left'],
    [{ status: 'ACTIVE', operator_state: 'DRAINING', task_count: 1 }, 'Draining: 1 task left'],
    [{ status: 'ACTIVE', operator_state: 'DRAINED', task_count: 0 }, 'Drained: no tasks left, no offers'],
    [{ status: 'ACTIVE', operator_state: 'DEACTIVATED', task_count: 4 }, 'Deactivated: no offers; 4 tasks running'],
  ])('progress of %j', (agent, text) => {
    expect(drainProgress(agent)).toBe(text);
  });
});
