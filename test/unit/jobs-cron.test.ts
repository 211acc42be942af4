import { nextFire, parseCron } from '../../frameworks/jobs/cron';
import { CronTrigger, decideFire } from '../../frameworks/jobs/cron-trigger';
import { ManualClock } from '@meseta/runtime/clock';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('cron expressions', () => {
  it.each<[string, string, string | undefined]>([
    ['*/5 * * * *', '2026-03-01T10:02:30Z', '2026-03-01T10:05:00.000Z'],
    ['0 0 * * *', '2026-03-01T10:02:30Z', '2026-03-02T00:00:00.000Z'],
    ['30 9 * * MON-FRI', '2026-02-27T10:00:00Z', '2026-03-02T09:30:00.000Z'], // Friday after 9:30 → Monday
    ['0 12 1 * *', '2026-01-15T00:00:00Z', '2026-02-01T12:00:00.000Z'],
    ['0 0 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0 0 30 2 *', '2026-03-01T00:00:00Z', undefined],
    ['0 0 1 JAN,JUL *', '2026-02-01T00:00:00Z', '2026-07-01T00:00:00.000Z'],
    ['0 0 13 * 5', '2026-03-01T00:00:00Z', '2026-03-06T00:00:00.000Z'], // day 13 OR a Friday: Friday 6 March first
    ['0 0 * * 7', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00.000Z'], // 7 is Sunday
    ['*/2 * * * * *', '2026-03-01T00:00:00.500Z', '2026-03-01T00:00:02.000Z'],
    ['15,45 * * * * *', '2026-03-01T00:00:20Z', '2026-03-01T00:00:45.000Z'],
    ['0 10-12/2 * * *', '2026-03-01T10:00:00Z', '2026-03-01T12:00:00.000Z'],
  ])('%s after %s fires at %s', (expr, after, expected) => {
    expect(iso(nextFire(parseCron(expr), t(after)))).toBe(expected);
  });

  it.each<[string, RegExp]>([
    ['* * * *', /needs 5 fields .* got 4/],
    ['61 * * * *', /minute: 61 is outside 0-59/],
    ['* 24 * * *', /hour: 24 is outside 0-23/],
    ['* * 0 * *', /day-of-month: 0 is outside 1-31/],
    ['* * * FOO *', /month: "FOO" is not a number or a name/],
    ['*/0 * * * *', /minute: step "0" must be a whole number >= 1/],
    ['5-1 * * * *', /minute: range 5-1 runs backwards/],
  ])('refuses %s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(message);
  });
});

describe('cron concurrency policy', () => {
  it.each<[string, string[], string]>([
    ['allow', ['r1'], 'start beside r1'],
    ['forbid', ['r1'], 'skip'],
    ['forbid', [], 'start'],
    ['replace', ['r1', 'r2'], 'start after stopping r1,r2'],
  ])('%s with active %j: %s', (policy, active, expected) => {
    const d = decideFire(policy as 'allow', active);
    const text = !d.start ? 'skip' : d.replace.length > 0 ? `start after stopping ${d.replace.join(',')}` : active.length > 0 ? `start beside ${active.join(',')}` : 'start';
    expect(text).toBe(expected);
  });
});

describe('cron trigger on an injectable clock', () => {
  it('fires on schedule, and forbid skips fires while a run is active', () => {
    const clock = new ManualClock(t('2026-03-01T00:00:00Z'));
    const fired: string[] = [];
    const skipped: string[] = [];
    let active: string[] = [];
    const trigger = new CronTrigger(clock, {
      activeRuns: () => active,
      fire: (_job, at) => {
        fired.push(new Date(at).toISOString().slice(11, 19));
        active = ['run'];
      },
      skipped: (_job, at) => skipped.push(new Date(at).toISOString().slice(11, 19)),
    });
    trigger.schedule('nightly', '*/10 * * * * *', 'forbid');
    expect(iso(trigger.nextFireAt('nightly'))).toBe('2026-03-01T00:00:10.000Z');
    clock.advance(25_000);
    expect(fired).toEqual(['00:00:10']);
    expect(skipped).toEqual(['00:00:20']);
    active = [];
    clock.advance(10_000);
    expect(fired).toEqual(['00:00:10', '00:00:30']);
    trigger.unschedule('nightly');
    clock.advance(60_000);
    expect(fired).toHaveLength(2);
    expect(clock.pending).toBe(0);
  });

  it('replace stops the active runs and starts a new one', () => {
    const clock = new ManualClock(t('2026-03-01T00:00:00Z'));
    const replaced: string[][] = [];
    const trigger = new CronTrigger(clock, { activeRuns: () => ['old'], fire: (_j, _a, replace) => replaced.push(replace), skipped: () => undefined });
    trigger.schedule('j', '* * * * *', 'replace');
    clock.advance(60_000);
    expect(replaced).toEqual([['old']]);
    trigger.stop();
  });
});
