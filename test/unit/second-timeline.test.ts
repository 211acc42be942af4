/**
 * The scale harness's per-second timeline (bench/scale/second-timeline.ts):
 * increments land in the second they happened in; a late sample spreads
 * what it saw over the seconds it spans.
 */
import { SecondTimeline } from '../../bench/scale/second-timeline';

const zero = { back: 0, masterCpuMs: 0, swarmCpuMs: 0, machineBusyMs: 0 };
const at = (back: number, cpu = 0) => ({ back, masterCpuMs: cpu, swarmCpuMs: 0, machineBusyMs: 0 });

describe('SecondTimeline', () => {
  it.each([
    ['samples within one second add up in it', [[100, 5], [900, 12]], [12]],
    ['each second gets its own increment', [[500, 10], [1500, 30], [2500, 35]], [10, 20, 5]],
    ['a sample three seconds late spreads over the seconds since the last one', [[500, 10], [3500, 40]], [10, 10, 10, 10]],
    ['a sample from before the start is ignored', [[-10, 99], [200, 4]], [4]],
  ] as Array<[string, Array<[number, number]>, number[]]>)('%s', (_what, samples, backs) => {
    const t = new SecondTimeline(0, zero);
    for (const [ms, back] of samples) t.sample(ms, at(back));
    expect(t.seconds().map((r) => r.back)).toEqual(backs);
  });

  it('keeps every counter apart', () => {
    const t = new SecondTimeline(1000, zero);
    t.sample(1500, { back: 3, masterCpuMs: 400, swarmCpuMs: 200, machineBusyMs: 1900 });
    t.sample(2500, { back: 5, masterCpuMs: 900, swarmCpuMs: 300, machineBusyMs: 3800 });
    expect(t.seconds()).toEqual([
      { back: 3, masterCpuMs: 400, swarmCpuMs: 200, machineBusyMs: 1900 },
      { back: 2, masterCpuMs: 500, swarmCpuMs: 100, machineBusyMs: 1900 },
    ]);
  });
});
