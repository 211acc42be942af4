import {
  collectedLookupKey, collectedMessage, gcAgeMs, headroomProblem, runVerdict, sandboxRunOf,
} from '../../agent/sandbox-gc-policy';

const WEEK = 7 * 24 * 3600 * 1000;

describe('gcAgeMs: delay × max(0, 1 − headroom − usage), as Mesos', () => {
  it.each([
    ['an empty disk keeps a sandbox 90% of the delay (headroom 0.1)', WEEK, 0.1, 0, 0.9 * WEEK],
    ['half full: 40% of the delay', WEEK, 0.1, 0.5, 0.4 * WEEK],
    ['at 1 − headroom: nothing is kept', WEEK, 0.1, 0.9, 0],
    ['above 1 − headroom: still nothing (never negative)', WEEK, 0.1, 0.97, 0],
    ['a full disk: nothing', WEEK, 0.1, 1, 0],
    ['headroom 0, empty disk: the whole delay', 1000, 0, 0, 1000],
    ['headroom 1: nothing is ever kept', 1000, 1, 0, 0],
    ['a delay of 0: nothing is kept', 0, 0.1, 0.2, 0],
  ])('%s', (_name, delay, headroom, usage, expected) => {
    expect(gcAgeMs(delay, headroom, usage)).toBeCloseTo(expected, 3);
  });
});

describe('headroomProblem', () => {
  it.each([
    [0, undefined], [0.1, undefined], [1, undefined],
    [-0.1, '-0.1 must lie between 0 and 1 (a fraction of the disk)'],
    [1.5, '1.5 must lie between 0 and 1 (a fraction of the disk)'],
    [Number.NaN, '"NaN" is not a number'],
  ])('%s', (value, problem) => expect(headroomProblem(value)).toBe(problem));
});

describe('sandboxRunOf: which folders are runs', () => {
  it.each([
    ['f/tasks/t/runs/c', { frameworkId: 'f', kind: 'tasks', ownerId: 't', containerId: 'c' }],
    ['f/executors/e/runs/c', { frameworkId: 'f', kind: 'executors', ownerId: 'e', containerId: 'c' }],
    ['f/tasks/t/runs/latest', undefined],
    ['f/tasks/t/runs/.latest-c', undefined],
    ['f/other/t/runs/c', undefined],
    ['f/tasks/t/runs', undefined],
    ['f/tasks/t/runs/c/sub', undefined],
    ['f/tasks/../runs/c', undefined],
  ])('%s', (key, expected) => {
    const run = sandboxRunOf(key);
    if (expected === undefined) expect(run).toBeUndefined();
    else expect(run).toEqual({ key, ...expected });
  });
});

describe('runVerdict: which sandboxes are collected', () => {
  const run = sandboxRunOf('f/tasks/t/runs/c')!;
  it.each([
    ['a running task\'s sandbox is kept, however old and full the disk', { inUse: true, completedAt: 0 }, 1e12, 0, 'keep-in-use'],
    ['an ended task with unacknowledged updates is still in use', { inUse: true }, 1e12, 0, 'keep-in-use'],
    ['a completed sandbox younger than the age is kept', { inUse: false, completedAt: 1000 }, 1500, 1000, 'keep-young'],
    ['one exactly as old as the age goes', { inUse: false, completedAt: 1000 }, 2000, 1000, 'collect'],
    ['a full disk (age 0) takes a sandbox completed just now', { inUse: false, completedAt: 5000 }, 5000, 0, 'collect'],
    ['not yet seen completed: kept', { inUse: false }, 1e12, 0, 'keep-young'],
  ])('%s', (_name, facts, now, maxAge, verdict) => {
    expect(runVerdict({ run, ...facts }, now, maxAge)).toBe(verdict);
  });
});

describe('collectedLookupKey: a /files path to the run (or task, through latest) it lies in', () => {
  it.each([
    ['f/tasks/t/runs/c/stdout', 'f/tasks/t/runs/c'],
    ['f/tasks/t/runs/c', 'f/tasks/t/runs/c'],
    ['f/tasks/t/runs/latest/stdout', 'f/tasks/t'],
    ['f/executors/e/runs/latest/stderr', 'f/executors/e'],
    ['f/tasks/t/runs', undefined],
    ['f/tasks/t', undefined],
    ['f/x/t/runs/c/stdout', undefined],
  ])('%s', (p, key) => expect(collectedLookupKey(p)).toBe(key));
});

it('collectedMessage says when', () => {
  expect(collectedMessage('frameworks/f/tasks/t/runs/latest/stdout', Date.UTC(2026, 11, 6, 9, 0, 0))).toBe(
    'path "frameworks/f/tasks/t/runs/latest/stdout": the sandbox was garbage-collected at 2026-12-06T09:00:00.000Z (completed sandboxes are removed after --gc-delay, sooner as the disk fills)',
  );
});
