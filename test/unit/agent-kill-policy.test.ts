import type { KillPolicy } from '../../proto/src/wire';
import { FakeContainerizer, fakeBehaviour } from '../../agent/fake-containerizer';
import type { LaunchSpec } from '../../agent/containerizer';
import { DEFAULT_KILL_GRACE_MS, gracePeriodMs, killWithGrace, type KillTimers } from '../../agent/kill-policy';

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

/** Timers that fire only when the test says so. */
function manualTimers(): KillTimers & { fire(): void; pending(): number } {
  const callbacks = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout: (cb) => {
      callbacks.set(++next, cb);
      return next;
    },
    clearTimeout: (h) => {
      callbacks.delete(h as number);
    },
    fire: () => {
      for (const [id, cb] of [...callbacks]) {
        callbacks.delete(id);
        cb();
      }
    },
    pending: () => callbacks.size,
  };
}

describe('killing with a grace period', () => {
  it('ends with SIGTERM when the container obeys it, and cancels the SIGKILL timer', async () => {
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('obeys', {}));
    const timers = manualTimers();
    const termination = await killWithGrace(c, 'obeys', 1000, timers);
    expect(termination.signal).toBe('SIGTERM');
    expect(timers.pending()).toBe(0);
  });

  it('sends SIGKILL when the grace period is over', async () => {
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('stubborn', { ignore_term: 'true' }));
    const timers = manualTimers();
    const killed = killWithGrace(c, 'stubborn', 1000, timers);
    await new Promise((r) => setImmediate(r));
    expect(timers.pending()).toBe(1);
    timers.fire();
    await expect(killed).resolves.toMatchObject({ signal: 'SIGKILL' });
  });

  it('sends SIGKILL at once with a zero grace period', async () => {
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('now', { ignore_term: 'true' }));
    const timers = manualTimers();
    await expect(killWithGrace(c, 'now', 0, timers)).resolves.toMatchObject({ signal: 'SIGKILL' });
    expect(timers.pending()).toBe(0);
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
    const c = new FakeContainerizer();
    await c.launch(fakeSpec('quick', { run_for: '10ms', exit_code: '2' }));
    await expect(c.wait('quick')).resolves.toEqual({ exitCode: 2, message: 'Command exited with status 2' });
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
