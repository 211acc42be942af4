/**
 * When the agent's own heartbeat tick sends one (agent/master-link.ts
 * ownHeartbeatDue): not when its answer to the master's ping left within the
 * interval, so a pinging master reads one heartbeat per agent and interval.
 */
import { ownHeartbeatDue } from '../../agent/master-link';

describe('ownHeartbeatDue', () => {
  it.each([
    ['nothing sent yet on this stream', undefined, 15_000, true],
    ['an answer to a ping just went out', 10, 15_000, false],
    ['the last answer went out most of an interval ago', 14_999, 15_000, false],
    ['the last heartbeat went out a whole interval ago (the master did not ping since)', 15_000, 15_000, true],
    ['long silence from our side', 60_000, 15_000, true],
    ['short intervals the same way', 40, 50, false],
  ])('%s', (_what, since, interval, due) => {
    expect(ownHeartbeatDue(since, interval)).toBe(due);
  });
});
