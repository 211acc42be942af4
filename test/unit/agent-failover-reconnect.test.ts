import { FAILOVER_FAST_RECONNECT_MS, FAILOVER_RECONNECT_MAX_MS, reconnectCeilingMs, reconnectDelayMs } from '../../agent/master-link';

describe('reconnect backoff after a master failover', () => {
  it.each([
    ['no registered link lost: the configured max', 10_000, undefined, 10_000],
    ['just lost a registered link: the short failover ceiling', 10_000, 0, FAILOVER_RECONNECT_MAX_MS],
    ['still inside the failover window', 10_000, FAILOVER_FAST_RECONNECT_MS - 1, FAILOVER_RECONNECT_MAX_MS],
    ['past the failover window: the configured max again', 10_000, FAILOVER_FAST_RECONNECT_MS, 10_000],
    ['a configured max below the failover ceiling stays', 500, 0, 500],
  ])('%s', (_name, maxMs, sinceLost, expected) => {
    expect(reconnectCeilingMs(maxMs, sinceLost)).toBe(expected);
  });

  it.each([
    // attempt, random, expected delay (min 200 ms) with the failover ceiling
    [0, 0, 200],
    [3, 0, 1600],
    [4, 0, 2000],
    [20, 0, 2000],
    [20, 1, 1000],
  ])('attempt %i (random %d) during a failover waits %i ms', (attempt, random, expected) => {
    expect(reconnectDelayMs(attempt, 200, reconnectCeilingMs(10_000, 1000), random)).toBe(expected);
  });
});
