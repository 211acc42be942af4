import type { KillPolicy } from '@meseta/proto/wire';
import { FakeContainerizer, fakeBehaviour } from '../../agent/fake-containerizer';
import type { LaunchSpec } from '../../agent/containerizer';
import { DEFAULT_KILL_GRACE_MS, gracePeriodMs, killWithGrace } from '../../agent/kill-policy';
import { ManualClock, MAX_TIMER_MS } from '@meseta/runtime/clock';

const seconds = (s: number): KillPolicy => ({ grace_period: { nanoseconds: s * 1e9 } });

describe('the grace period of a kill', () => {
  it.each([
    ['defaults to 3 s as Mesos', undefined, undefined, 3000],
    ["takes the task's policy", undefined, seconds(10), 10_000],
    ["prefers the kill call's policy", seconds(1), seconds(10), 1000],
    ['accepts a zero grace period', seconds(0), undefined, 0],
    ['treats a negative grace period as zero', { grace_period: { nanoseconds: -5 } }, undefined, 0],
    ['ignores a policy without a grace period', {}, seconds(2), 2000],
  ])('%s', (_name, kill, task, expected) => {
    expect(gracePeriodMs(kill, task)).toBe(expected);
  });

  it('is 3000 ms by default', () => {
    expect(DEFAULT_KILL_GRACE_MS).toBe(3000);
  });
});

function fakeSpec(containerId: string, labels: Record<string, string>): LaunchSpec {
  return {
    containerId,
    frameworkId: 'f',
    taskId: containerId,
    task: { task_id: { value: containerId }, labels: { labels: Object.entries(labels).map(([key, value]) => ({ key, value })) } },
    sandboxDir: '/nonexistent',
    stdoutPath: '/nonexistent/stdout',
    stderrPath: '/nonexistent/stderr',
    environment: {},
  };
}

describe('killing with a grace period', () => {
  it('ends with SIGTERM when the container obeys it, and cancels the SIGKILL timer', async () => {
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('obeys', {}));
    const clock = new ManualClock();
    const termination = await killWithGrace(c, 'obeys', 1000, clock);
    expect(termination.signal).toBe('SIGTERM');
    expect(clock.pending).toBe(0);
  });

  it('sends SIGKILL when the grace period is over', async () => {
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('stubborn', { ignore_term: 'true' }));
    const clock = new ManualClock();
    const killed = killWithGrace(c, 'stubborn', 1000, clock);
    expect(clock.pending).toBe(1);
    clock.advance(999);
    expect(clock.pending).toBe(1);
    clock.advance(1);
    await expect(killed).resolves.toMatchObject({ signal: 'SIGKILL' });
  });

  it('sends SIGKILL at once with a zero grace period', async () => {
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('now', { ignore_term: 'true' }));
    const clock = new ManualClock();
    await expect(killWithGrace(c, 'now', 0, clock)).resolves.toMatchObject({ signal: 'SIGKILL' });
    expect(clock.pending).toBe(0);
  });

  it('waits the whole of a 30-day grace period, past the 24.8 days a Node timer can hold', async () => {
    const day = 24 * 3600 * 1000;
    const graceMs = gracePeriodMs(undefined, seconds(30 * 24 * 3600));
    expect(graceMs).toBe(30 * day);
    expect(graceMs).toBeGreaterThan(MAX_TIMER_MS);
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('patient', { ignore_term: 'true' }));
    const clock = new ManualClock();
    let ended = false;
    const killed = killWithGrace(c, 'patient', graceMs, clock).then((t) => ((ended = true), t));
    clock.advance(30 * day - 1);
    await Promise.resolve();
    expect(ended).toBe(false);
    expect(clock.pending).toBe(1);
    clock.advance(1);
    await expect(killed).resolves.toMatchObject({ signal: 'SIGKILL' });
  });
});

describe('the fake containerizer', () => {
  it.each([
    ['no keys: runs until killed', {}, { runForMs: undefined, exitCode: 0, startDelayMs: 0, ignoreTerm: false }],
    ['run_for and exit_code', { run_for: '250ms', exit_code: '3' }, { runForMs: 250, exitCode: 3 }],
    ['run_for in plain seconds', { run_for: '2' }, { runForMs: 2000 }],
    ['start_error', { start_error: 'no image' }, { startError: 'no image' }],
    ['ignore_term', { ignore_term: 'true' }, { ignoreTerm: true }],
  ])('reads %s from labels', (_name, labels, expected) => {
    expect(fakeBehaviour(fakeSpec('x', labels).task)).toMatchObject(expected);
  });

  it('reads the keys from the command environment too', () => {
    const behaviour = fakeBehaviour({ command: { value: 'x', environment: { variables: [{ name: 'exit_code', value: '7' }] } } });
    expect(behaviour.exitCode).toBe(7);
  });

  it.each([
    ['a bad exit code', { exit_code: 'seven' }, 'exit_code'],
    ['an exit code out of range', { exit_code: '300' }, 'exit_code'],
    ['a bad duration', { run_for: 'soon' }, 'run_for'],
  ])('refuses %s, naming the key', (_name, labels, key) => {
    expect(() => fakeBehaviour(fakeSpec('x', labels).task)).toThrow(key);
  });

  it('exits with the steered code after run_for', async () => {
    const clock = new ManualClock();
    const c = new FakeContainerizer({ clock });
    await c.launch(fakeSpec('quick', { run_for: '10ms', exit_code: '2' }));
    clock.advance(10);
    await expect(c.wait('quick')).resolves.toEqual({ exitCode: 2, message: 'Command exited with status 2' });
  });

  it('runs a 30-day run_for for 30 days', async () => {
    const clock = new ManualClock();
    const c = new FakeContainerizer({ clock });
    await c.launch(fakeSpec('month', { run_for: `${30 * 24 * 3600}s` }));
    let ended = false;
    void c.wait('month').then(() => (ended = true));
    clock.advance(30 * 24 * 3600 * 1000 - 1);
    await Promise.resolve();
    expect(ended).toBe(false);
    clock.advance(1);
    await expect(c.wait('month')).resolves.toMatchObject({ exitCode: 0 });
  });

  it('fails the launch with start_error', async () => {
    const c = new FakeContainerizer();
    await expect(c.launch(fakeSpec('broken', { start_error: 'image not found' }))).rejects.toThrow('image not found');
  });

  it('ends on destroy and forgets the container', async () => {
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('long', {}));
    const ended = c.wait('long');
    await c.destroy('long');
    await expect(ended).resolves.toMatchObject({ signal: 'SIGKILL' });
    await expect(c.wait('long')).resolves.toMatchObject({ message: expect.stringContaining('unknown') });
  });
});
