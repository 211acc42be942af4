import { decideScale, readJsonMetric, readPrometheusMetric } from '../../frameworks/services/autoscaler';
import { afterFailure, afterSuccess, launchDelayMs, restartDelaySeconds } from '../../frameworks/services/restart-backoff';
import { LeaseBook } from '../../frameworks/services/leader-lease';

const policy = { target: 10, minInstances: 1, maxInstances: 5, coolDownSeconds: 30 };

describe('autoscaler decisions', () => {
  it.each<[string, number, number[], number | undefined, number, number | 'stay']>([
    ['average at target: stay', 2, [10, 10], undefined, 0, 'stay'],
    ['average doubles: double', 2, [20, 20], undefined, 0, 4],
    ['average halves: halve', 4, [5, 5, 5, 5], undefined, 0, 2],
    ['capped at max', 3, [100, 100, 100], undefined, 0, 5],
    ['floored at min', 3, [0, 0, 0], undefined, 0, 1],
    ['no samples: stay', 3, [], undefined, 0, 'stay'],
    ['within the cool-down: stay', 2, [30, 30], 1_000, 20_000, 'stay'],
    ['after the cool-down: change', 2, [30, 30], 1_000, 40_000, 5],
    ['outside the bounds is corrected at once', 9, [10], 1_000, 2_000, 5],
  ])('%s', (_name, current, samples, lastChangeAt, now, expected) => {
    const d = decideScale({ policy, current, samples, lastChangeAt, now });
    if (expected === 'stay') expect(d.change).toBe(false);
    else expect(d).toMatchObject({ change: true, instances: expected });
  });

  it.each<[string, string, number | undefined]>([
    ['{"load": 7}', 'load', 7],
    ['{"queue": {"depth": "12"}}', 'queue.depth', 12],
    ['{"workers": [{"load": 3}]}', 'workers.0.load', 3],
    ['{"load": "high"}', 'load', undefined],
    ['not json', 'load', undefined],
  ])('reads JSON %s at %s', (text, name, value) => {
    expect(readJsonMetric(text, name)).toBe(value);
  });

  const prometheus = [
    '# HELP queue_depth Items waiting',
    '# TYPE queue_depth gauge',
    'queue_depth{queue="a"} 3',
    'queue_depth{queue="b"} 4',
    'requests_total 1.5e3',
  ].join('\n');
  it.each<[string, number | undefined]>([
    ['queue_depth', 7],
    ['queue_depth{queue="b"}', 4],
    ['requests_total', 1500],
    ['missing', undefined],
  ])('reads Prometheus text for %s', (selector, value) => {
    expect(readPrometheusMetric(prometheus, selector)).toBe(value);
  });
});

describe('restart back-off', () => {
  const b = { initialSeconds: 1, factor: 2, maxSeconds: 10 };
  it.each<[number, number]>([[0, 0], [1, 1], [2, 2], [3, 4], [4, 8], [5, 10], [9, 10]])('after %i failures in a row waits %i s', (failures, seconds) => {
    expect(restartDelaySeconds(failures, b)).toBe(seconds);
  });

  it('delays launches after a failure and forgets it after a success', () => {
    let s = afterFailure(afterSuccess(), b, 1000);
    s = afterFailure(s, b, 2000);
    expect(s).toEqual({ failures: 2, delayUntil: 4000 });
    expect(launchDelayMs(s, 3000)).toBe(1000);
    expect(launchDelayMs(afterSuccess(), 3000)).toBe(0);
  });
});

describe('leader leases', () => {
  it('grants one holder at a time, renews it, and hands over only when it expires or is released', () => {
    const book = new LeaseBook();
    expect(book.acquire('app', 'a', 2, 0)).toMatchObject({ leader: true, holder: 'a' });
    expect(book.acquire('app', 'b', 2, 500)).toMatchObject({ leader: false, holder: 'a' });
    expect(book.acquire('app', 'a', 2, 1500)).toMatchObject({ leader: true });
    expect(book.acquire('app', 'b', 2, 3000)).toMatchObject({ leader: false, holder: 'a' });
    expect(book.acquire('app', 'b', 2, 3600)).toMatchObject({ leader: true, holder: 'b' });
    book.release('app', 'b');
    expect(book.acquire('app', 'c', 2, 3700)).toMatchObject({ leader: true, holder: 'c' });
    expect(book.leader('app', 3800)).toBe('c');
  });

  it('grants nothing before the hold after a restart', () => {
    const book = new LeaseBook();
    book.holdUntil(5000);
    expect(book.acquire('app', 'a', 2, 4000).leader).toBe(false);
    expect(book.acquire('app', 'a', 2, 5000).leader).toBe(true);
  });
});
