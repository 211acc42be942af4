import { addItems, emptyQueueBook, expireLeases, failItem, leaseItem, queueCounts, queueFinished, recordResult, releaseWorker } from '../../frameworks/jobs/work-queue';
import { afterAttempt, retryDelayMs } from '../../frameworks/jobs/job-retry';
import { validateJob, validateQueue } from '../../frameworks/jobs/job-definition';

function book(n: number) {
  const b = emptyQueueBook();
  addItems(b, Array.from({ length: n }, (_, i) => ({ id: `i${i}`, payload: `p${i}` })));
  return b;
}

describe('work queue bookkeeping', () => {
  it('leases oldest first, one worker per item', () => {
    const b = book(3);
    expect(leaseItem(b, 'w1', 0, 1000)?.id).toBe('i0');
    expect(leaseItem(b, 'w2', 0, 1000)?.id).toBe('i1');
    expect(queueCounts(b)).toMatchObject({ pending: 1, leased: 2 });
  });

  it('records the first result and drops later ones for the same item', () => {
    const b = book(1);
    leaseItem(b, 'w1', 0, 1000);
    expect(recordResult(b, 'i0', 'w1', 'A', 1)).toBe('recorded');
    expect(recordResult(b, 'i0', 'w2', 'B', 2)).toBe('duplicate');
    expect(b.items.i0).toMatchObject({ status: 'done', result: 'A', recordedBy: 'w1' });
    expect(b).toMatchObject({ recorded: 1, duplicates: 1 });
    expect(queueFinished(b)).toBe(true);
    expect(recordResult(b, 'nope', 'w1', 'x', 3)).toBe('unknown-item');
  });

  it('hands a lost worker’s items to another worker', () => {
    const b = book(3);
    leaseItem(b, 'lost', 0, 1000);
    leaseItem(b, 'lost', 0, 1000);
    leaseItem(b, 'alive', 0, 1000);
    expect(releaseWorker(b, 'lost')).toEqual(['i0', 'i1']);
    expect(leaseItem(b, 'alive', 10, 1000)?.id).toBe('i0');
    expect(b.items.i0.attempts).toBe(2);
  });

  it('gives expired leases to others', () => {
    const b = book(1);
    leaseItem(b, 'slow', 0, 1000);
    expect(leaseItem(b, 'other', 500, 1000)).toBeUndefined();
    expect(expireLeases(b, 1000)).toEqual(['i0']);
    expect(leaseItem(b, 'other', 1000, 1000)?.id).toBe('i0');
  });

  it.each<[number, string]>([[1, 'failed'], [3, 'pending']])('a failure with maxAttempts %i leaves the item %s', (max, status) => {
    const b = book(1);
    leaseItem(b, 'w', 0, 1000);
    failItem(b, 'i0', 'w', 'boom', max);
    expect(b.items.i0.status).toBe(status);
  });

  it('ignores a failure from a worker that does not hold the item', () => {
    const b = book(1);
    leaseItem(b, 'w1', 0, 1000);
    expect(failItem(b, 'i0', 'w2', 'boom', 3)).toBeUndefined();
    expect(b.items.i0.status).toBe('leased');
  });
});

describe('job retries', () => {
  const policy = { maxRetries: 3, backoffSeconds: 1, backoffFactor: 2, maxBackoffSeconds: 3 };
  it.each<[number, number]>([[1, 1000], [2, 2000], [3, 3000], [4, 3000]])('retry %i waits %i ms', (retry, ms) => {
    expect(retryDelayMs(retry, policy)).toBe(ms);
  });

  it.each<[string, 'succeeded' | 'failed', number, number | undefined, string]>([
    ['success ends the run', 'succeeded', 1, undefined, 'succeeded'],
    ['a first failure retries after 1 s', 'failed', 1, undefined, 'retry@1000'],
    ['a third failure retries after 3 s (capped)', 'failed', 3, undefined, 'retry@3000'],
    ['a fourth failure is out of retries', 'failed', 4, undefined, 'failed'],
    ['a retry past the deadline fails now', 'failed', 1, 500, 'failed'],
  ])('%s', (_name, outcome, attempts, deadline, expected) => {
    const step = afterAttempt(outcome, attempts, policy, 0, deadline);
    expect(step.status === 'retry' ? `retry@${step.at}` : step.status).toBe(expected);
  });
});

describe('job and queue definitions', () => {
  it.each<[unknown, string]>([
    [{ id: 'j', command: 'x', retries: { maxRetries: -1 } }, 'retries.maxRetries: must be a whole number >= 0, got -1'],
    [{ id: 'j', command: 'x', schedule: { cron: '* * *' } }, 'schedule.cron: "* * *": needs 5 fields'],
    [{ id: 'j', command: 'x', schedule: { cron: '* * * * *', concurrencyPolicy: 'sometimes' } }, 'schedule.concurrencyPolicy: must be allow, forbid or replace'],
    [{ id: 'j', command: 'x', deadline: 5 }, 'deadline: unknown field'],
    [{ id: 'j' }, 'command: required'],
  ])('refuses job %j', (input, message) => {
    const r = validateJob(input);
    expect(r.ok).toBe(false);
    expect((r as { problems: Array<{ field: string; message: string }> }).problems.map((p) => `${p.field}: ${p.message}`).some((l) => l.startsWith(message))).toBe(true);
  });

  it.each<[unknown, string]>([
    [{ id: 'q', command: 'x', workers: 0 }, 'workers: must be a whole number >= 1, got 0'],
    [{ id: 'q', command: 'x', items: [1, 2] }, 'items: must be a list of strings'],
  ])('refuses queue %j', (input, message) => {
    const r = validateQueue(input);
    expect(r.ok).toBe(false);
    expect((r as { problems: Array<{ field: string; message: string }> }).problems.map((p) => `${p.field}: ${p.message}`)).toContain(message);
  });
});
