import { DESTROY_ATTEMPTS, DESTROY_RETRY_BASE_MS, destroyWithRetry } from '../../agent/container-destroy';
import { FakeContainerizer } from '../../agent/fake-containerizer';
import type { LaunchSpec } from '../../agent/containerizer';
import type { Logger } from '@meseta/runtime/log';
import { ManualClock } from '@meseta/runtime/clock';

interface Line {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A logger keeping its lines, for asserting what an operator would read. */
function recordingLogger(lines: Line[]): Logger {
  const at =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      lines.push({ level, message, fields });
    };
  const logger: Logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), child: () => logger };
  return logger;
}

/** The fake containerizer whose destroy fails the first `failures` times (the in-memory stand-in of a busy runtime). */
class FlakyDestroy extends FakeContainerizer {
  calls = 0;
  constructor(private failures: number) {
    super();
  }
  override async destroy(containerId: string): Promise<void> {
    this.calls++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('device or resource busy');
    }
    await super.destroy(containerId);
  }
}

const spec: LaunchSpec = {
  containerId: 'c1',
  frameworkId: 'f1',
  taskId: 't1',
  task: { task_id: { value: 't1' } },
  sandboxDir: '',
  stdoutPath: '',
  stderrPath: '',
  environment: {},
};
const ids = { agentId: 'a1', frameworkId: 'f1', taskId: 't1', containerId: 'c1' };
const named = { agent_id: 'a1', framework_id: 'f1', task_id: 't1', container_id: 'c1', containerizer: 'fake' };

/** Let the retry loop reach its next pause (a few promise turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('destroying a container whose destroy fails', () => {
  it('logs each failure with the agent, framework, task and container ids and retries with a doubling pause', async () => {
    const lines: Line[] = [];
    const clock = new ManualClock();
    const c = new FlakyDestroy(2);
    await c.launch(spec);
    const ended = c.wait('c1');
    const done = destroyWithRetry(c, ids, { logger: recordingLogger(lines), clock });
    await settle();
    expect(c.calls).toBe(1);
    expect(lines).toEqual([{ level: 'warn', message: expect.stringContaining('retrying'), fields: expect.objectContaining({ ...named, attempt: 1, retry_ms: DESTROY_RETRY_BASE_MS }) }]);
    clock.advance(DESTROY_RETRY_BASE_MS - 1);
    await settle();
    expect(c.calls).toBe(1); // not before the pause is over
    clock.advance(1);
    await settle();
    expect(c.calls).toBe(2);
    expect(lines[1].fields).toMatchObject({ attempt: 2, retry_ms: 2 * DESTROY_RETRY_BASE_MS });
    clock.advance(2 * DESTROY_RETRY_BASE_MS);
    await expect(done).resolves.toBe(true);
    expect(c.calls).toBe(3);
    await expect(ended).resolves.toMatchObject({ signal: 'SIGKILL' });
    expect(lines[2]).toMatchObject({ level: 'info', fields: { ...named, attempts: 3 } });
  });

  it('gives up after the last attempt with an error naming the ids, and never rejects', async () => {
    const lines: Line[] = [];
    const clock = new ManualClock();
    const c = new FlakyDestroy(Infinity);
    await c.launch(spec);
    const done = destroyWithRetry(c, ids, { logger: recordingLogger(lines), clock });
    for (let i = 0; i < DESTROY_ATTEMPTS; i++) {
      await settle();
      clock.advance(DESTROY_RETRY_BASE_MS * 2 ** i);
    }
    await expect(done).resolves.toBe(false);
    expect(c.calls).toBe(DESTROY_ATTEMPTS);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(DESTROY_ATTEMPTS - 1);
    expect(lines[lines.length - 1]).toEqual({
      level: 'error',
      message: expect.stringContaining('left behind'),
      fields: expect.objectContaining({ ...named, attempt: DESTROY_ATTEMPTS, attempts: DESTROY_ATTEMPTS, error: expect.any(Error) }),
    });
  });

  it('logs nothing when the first destroy works', async () => {
    const lines: Line[] = [];
    const c = new FlakyDestroy(0);
    await c.launch(spec);
    await expect(destroyWithRetry(c, ids, { logger: recordingLogger(lines), clock: new ManualClock() })).resolves.toBe(true);
    expect(lines).toEqual([]);
    expect(c.calls).toBe(1);
  });
});
