/**
 * The master's per-agent ping times (master/agent-ping-schedule.ts): an
 * agent is due one interval after it registered or was last pinged; agents
 * that left or moved to another link are dropped when they come up; the
 * look is bounded per call.
 */
import { AgentPingSchedule } from '../../master/agent-ping-schedule';

interface A {
  name: string;
  linkId: number;
  active: boolean;
}

const agent = (name: string, linkId = 1): A => ({ name, linkId, active: true });
const current = (a: A, linkId: number): boolean => a.active && a.linkId === linkId;
const names = (xs: A[]): string[] => xs.map((x) => x.name);

describe('AgentPingSchedule', () => {
  it.each([
    // [what, added at (seconds), looked at, interval, limit, due names, more]
    ['nothing is due before an interval has passed', [0, 1, 2], 14.9, 15, 100, [], false],
    ['an agent is due exactly one interval after it was added', [0, 1, 2], 15, 15, 100, ['a0'], false],
    ['agents are due in the order they were added', [0, 1, 2], 16.5, 15, 100, ['a0', 'a1'], false],
    ['every agent is due when all intervals passed', [0, 1, 2], 40, 15, 100, ['a0', 'a1', 'a2'], false],
    ['at most `limit` entries per call, and it says more are due', [0, 1, 2], 40, 15, 2, ['a0', 'a1'], true],
    ['agents added at once are due at once', [5, 5, 5], 20, 15, 100, ['a0', 'a1', 'a2'], false],
  ] as Array<[string, number[], number, number, number, string[], boolean]>)('%s', (_what, times, now, interval, limit, due, more) => {
    const s = new AgentPingSchedule<A>();
    times.forEach((t, i) => s.add(agent(`a${i}`), t));
    const got = s.takeDue(now, interval, limit, current);
    expect(names(got.agents)).toEqual(due);
    expect(got.more).toBe(more);
    expect(s.size).toBe(times.length - due.length);
  });

  it.each([
    ['an agent that is no longer active', (a: A) => (a.active = false)],
    ['an agent now on another link (it re-registered; its new entry stands)', (a: A) => (a.linkId = 2)],
  ])('drops %s when its entry comes up', (_what, change) => {
    const s = new AgentPingSchedule<A>();
    const a = agent('a');
    const b = agent('b');
    s.add(a, 0);
    s.add(b, 0);
    change(a);
    const got = s.takeDue(15, 15, 100, current);
    expect(names(got.agents)).toEqual(['b']);
    expect(s.size).toBe(0);
  });

  it('a re-registered agent is pinged once for its new link, one interval after it re-registered', () => {
    const s = new AgentPingSchedule<A>();
    const a = agent('a', 1);
    s.add(a, 0);
    a.linkId = 2;
    s.add(a, 10);
    expect(names(s.takeDue(15, 15, 100, current).agents)).toEqual([]);
    expect(names(s.takeDue(25, 15, 100, current).agents)).toEqual(['a']);
  });

  it('a pinged agent added again is due one interval after the ping, so pings keep their spread', () => {
    const s = new AgentPingSchedule<A>();
    const agents = [0, 3, 7, 11].map((t, i) => {
      const a = agent(`a${i}`);
      s.add(a, t);
      return a;
    });
    const pinged: Array<[number, string]> = [];
    for (let now = 0; now <= 45; now++) {
      for (const a of s.takeDue(now, 15, 1000, current).agents) {
        pinged.push([now, a.name]);
        s.add(a, now);
      }
    }
    expect(pinged).toEqual([
      [15, 'a0'], [18, 'a1'], [22, 'a2'], [26, 'a3'],
      [30, 'a0'], [33, 'a1'], [37, 'a2'], [41, 'a3'],
      [45, 'a0'],
    ]);
    expect(s.size).toBe(agents.length);
  });

  it('stays bounded when many entries are taken (the front is compacted away)', () => {
    const s = new AgentPingSchedule<A>();
    for (let i = 0; i < 10_000; i++) s.add(agent(`a${i}`), i / 1000);
    let taken = 0;
    for (let more = true; more; ) {
      const got = s.takeDue(100, 15, 1000, current);
      taken += got.agents.length;
      more = got.more;
    }
    expect(taken).toBe(10_000);
    expect(s.size).toBe(0);
  });
});
