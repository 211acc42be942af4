import { deploymentOutcome, type OutcomeFacts } from '../../frameworks/services/deployment-outcome';

const facts = (over: Partial<OutcomeFacts>): OutcomeFacts => ({
  kind: 'deploy',
  toVersion: 'v2',
  instances: 3,
  hasPrevious: true,
  planDone: false,
  proven: 0,
  failuresInRow: 0,
  failureLimit: 3,
  ...over,
});

describe('deployment outcome rule', () => {
  it.each<[string, Partial<OutcomeFacts>, string, RegExp]>([
    ['at target with every instance proven: succeeded', { planDone: true, proven: 3 }, 'succeeded', /3 healthy instance\(s\) of v2/],
    ['at target but instances only running, not proven: still running', { planDone: true, proven: 1 }, 'running', /^1\/3 instance\(s\) of v2 healthy$/],
    ['proven but old instances still to stop: still running', { planDone: false, proven: 3 }, 'running', /3\/3/],
    ['failures in row under the limit: running, last reason shown', { failuresInRow: 2, lastFailure: 'TASK_FAILED: exit 3' }, 'running', /2\/3 failed in a row; last: TASK_FAILED: exit 3/],
    ['a first deploy failing N in a row: failed with the last reason', { hasPrevious: false, failuresInRow: 3, lastFailure: 'stderr: boom' }, 'failed', /3 instance\(s\) of v2 failed in a row before becoming healthy; last: stderr: boom$/],
    ['a deploy with a previous version failing N in a row: rolled back', { failuresInRow: 3, lastFailure: 'x' }, 'rolled-back', /failed in a row.*last: x: rolling back/],
    ['a restart with a previous version: rolled back', { kind: 'restart', failuresInRow: 4 }, 'rolled-back', /4 instance\(s\)/],
    ['a scale of a crash-looping app: failed (nothing to roll back to)', { kind: 'scale', failuresInRow: 3 }, 'failed', /failed in a row/],
    ['a rollback that fails too: failed', { kind: 'rollback', failuresInRow: 3 }, 'failed', /failed in a row/],
    ['an autoscale: failed', { kind: 'autoscale', failuresInRow: 3 }, 'failed', /failed in a row/],
    ['failures decide before a done plan', { planDone: true, proven: 3, failuresInRow: 3, hasPrevious: false }, 'failed', /failed in a row/],
    ['a destroy is not failed by failures', { kind: 'destroy', instances: 0, failuresInRow: 5 }, 'running', /stopping instances/],
    ['a destroy with nothing left: succeeded', { kind: 'destroy', instances: 0, planDone: true }, 'succeeded', /no instance left/],
    ['scale to 0 done: succeeded', { kind: 'scale', instances: 0, planDone: true }, 'succeeded', /0 healthy/],
    ['a limit of 0 never fails', { failureLimit: 0, failuresInRow: 9 }, 'running', /9\/0 failed/],
  ])('%s', (_name, over, status, text) => {
    const outcome = deploymentOutcome(facts(over));
    expect(outcome.status).toBe(status);
    expect('message' in outcome ? outcome.message : outcome.progress).toMatch(text);
  });
});
