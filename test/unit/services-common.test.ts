import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock, repeatAfter } from '@meseta/runtime/clock';
import { ControlLoop } from '../../frameworks/common/control-loop';
import { OfferInterest } from '../../frameworks/common/offer-interest';
import { isEndedState } from '../../frameworks/common/ended-task-state';
import type { SchedulerDriver } from '@meseta/sdk';
import { PersistedState } from '../../frameworks/common/persisted-state';
import { FileStateStore, MemoryStateStore } from '../../frameworks/common/state-store';
import { ReconciliationLoop } from '../../frameworks/common/reconciliation-loop';
import { JsonRouter, HttpError } from '../../frameworks/common/http-server';
import { silentLogger } from '@meseta/runtime/log';

describe('persisted state', () => {
  it('folds commits made during a write into one next write', async () => {
    const store = new MemoryStateStore();
    const state = await PersistedState.load(store, () => ({ n: 0 }));
    const commits: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      state.value.n = i;
      commits.push(state.commit());
    }
    await Promise.all(commits);
    expect(store.writes).toBeLessThanOrEqual(2);
    expect(JSON.parse((await store.read())!)).toEqual({ n: 99 });
  });

  it('keeps fields added since the document was written', async () => {
    const store = new MemoryStateStore(JSON.stringify({ a: 1 }));
    const state = await PersistedState.load(store, () => ({ a: 0, b: [] as number[] }));
    expect(state.value).toEqual({ a: 1, b: [] });
  });

  it('names the store when the document is not JSON', async () => {
    await expect(PersistedState.load(new MemoryStateStore('{oops'), () => ({}))).rejects.toThrow(/state in memory is not valid JSON/);
  });

  it('replaces a file atomically and reads it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-state-test-'));
    try {
      const store = new FileStateStore(path.join(dir, 'sub', 'state.json'));
      expect(await store.read()).toBeUndefined();
      await store.write('{"x":1}');
      await store.write('{"x":2}');
      expect(await store.read()).toBe('{"x":2}');
      expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['state.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reconciliation loop', () => {
  it('asks about unanswered tasks with back-off, then once implicitly', () => {
    const clock = new ManualClock();
    const calls: string[][] = [];
    const loop = new ReconciliationLoop({ clock, initialMs: 100, reconcile: async (tasks) => void calls.push(tasks.map((t) => t.taskId)) });
    loop.start([{ taskId: 'a' }, { taskId: 'b' }]);
    expect(calls).toEqual([['a', 'b']]);
    loop.answered('a');
    clock.advance(100);
    expect(calls).toEqual([['a', 'b'], ['b']]);
    clock.advance(150);
    expect(calls.length).toBe(2); // the second wait is 200 ms
    loop.answered('b');
    clock.advance(50);
    expect(calls).toEqual([['a', 'b'], ['b'], []]);
    expect(loop.done).toBe(true);
    clock.advance(10_000);
    expect(calls.length).toBe(3);
  });
});

describe('JSON router', () => {
  it.each<[string, string, string | number]>([
    ['GET', '/v1/apps/web', 'app web'],
    ['GET', '/v1/apps/a%2Fb', 'app a/b'],
    ['DELETE', '/v1/apps/web', 405],
    ['GET', '/v1/nothing', 404],
  ])('%s %s', (method, p, expected) => {
    const router = new JsonRouter().on('GET', '/v1/apps/:id', (r) => ({ body: `app ${r.params.id}` }));
    const found = router.match(method, p);
    if (typeof expected === 'number') {
      expect(found).toBeInstanceOf(HttpError);
      expect((found as HttpError).status).toBe(expected);
    } else {
      expect(found).not.toBeInstanceOf(HttpError);
      const { handler, params } = found as Exclude<typeof found, HttpError>;
      expect((handler({ params } as never) as { body: string }).body).toBe(expected);
    }
  });
});

describe('repeating timer', () => {
  it.each<[string, number, number]>([
    ['not before the first interval', 99, 0],
    ['once per interval', 100, 1],
    ['again each interval after', 350, 3],
  ])('calls %s', (_name, elapsed, calls) => {
    const clock = new ManualClock();
    let n = 0;
    repeatAfter(clock, 100, () => n++);
    clock.advance(elapsed);
    expect(n).toBe(calls);
  });

  it('stops when cancelled', () => {
    const clock = new ManualClock();
    let n = 0;
    const timer = repeatAfter(clock, 100, () => n++);
    clock.advance(200);
    timer.cancel();
    clock.advance(1000);
    expect(n).toBe(2);
    expect(clock.pending).toBe(0);
  });
});

describe('control loop', () => {
  const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('coalesces kicks made together into one pass', async () => {
    let passes = 0;
    const loop = new ControlLoop({ clock: new ManualClock(), tickMs: 1000, pass: () => void passes++, logger: silentLogger });
    loop.kick();
    loop.kick();
    loop.kick();
    await nextTurn();
    expect(passes).toBe(1);
    loop.kick();
    await nextTurn();
    expect(passes).toBe(2);
  });

  it('passes on every tick once started, and no more once stopped', async () => {
    const clock = new ManualClock();
    let passes = 0;
    const loop = new ControlLoop({ clock, tickMs: 250, pass: () => void passes++, logger: silentLogger });
    const advance = async (ms: number): Promise<void> => {
      clock.advance(ms);
      await nextTurn();
    };
    await advance(1000);
    expect(passes).toBe(0);
    loop.start();
    await advance(250);
    await advance(250);
    expect(passes).toBe(2);
    loop.stop();
    await advance(1000);
    expect(passes).toBe(2);
  });

  it('keeps running after a pass throws', async () => {
    let passes = 0;
    const loop = new ControlLoop({
      clock: new ManualClock(),
      tickMs: 1000,
      pass: () => {
        passes++;
        throw new Error('boom');
      },
      logger: silentLogger,
    });
    loop.kick();
    await nextTurn();
    loop.kick();
    await nextTurn();
    expect(passes).toBe(2);
  });
});

describe('offer interest', () => {
  /** An OfferInterest on a fake driver recording SUPPRESS/REVIVE calls; a revive fails while `failRevive` is set. */
  function withFakeDriver(isSubscribed = true): { interest: OfferInterest; calls: string[]; failRevive(on: boolean): void } {
    const calls: string[] = [];
    let failing = false;
    const driver = {
      isSubscribed,
      suppress: async () => void calls.push('suppress'),
      revive: async () => {
        calls.push('revive');
        if (failing) throw new Error('not sent');
      },
    } as unknown as SchedulerDriver;
    const interest = new OfferInterest({ driver: () => driver, logger: silentLogger });
    return { interest, calls, failRevive: (on) => (failing = on) };
  }
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it.each<[string, boolean[], string[]]>([
    ['suppresses once while nothing is wanted', [false, false, false], ['suppress']],
    ['revives once when something is wanted again', [false, true, true], ['suppress', 'revive']],
    ['sends nothing while offers are wanted from the start', [true, true], []],
    ['suppresses again after a revive', [false, true, false], ['suppress', 'revive', 'suppress']],
  ])('%s', async (_name, wants, expected) => {
    const { interest, calls } = withFakeDriver();
    for (const wanting of wants) {
      interest.update(wanting);
      await settle();
    }
    expect(calls).toEqual(expected);
  });

  it('revives after offers were declined while idle', () => {
    const { interest, calls } = withFakeDriver();
    interest.update(true);
    interest.declinedIdle();
    interest.update(true);
    expect(calls).toEqual(['revive']);
  });

  it('counts offers as wanted again after a (re)subscription', () => {
    const { interest, calls } = withFakeDriver();
    interest.update(false);
    interest.subscribed();
    interest.update(true);
    interest.update(false);
    expect(calls).toEqual(['suppress', 'suppress']);
  });

  it('sends nothing while the driver is not subscribed, or missing', () => {
    const { interest, calls } = withFakeDriver(false);
    interest.update(false);
    expect(calls).toEqual([]);
    const detached = new OfferInterest({ driver: () => undefined, logger: silentLogger });
    expect(() => detached.update(false)).not.toThrow();
  });

  it('sends a revive the master did not get again on the next update', async () => {
    const { interest, calls, failRevive } = withFakeDriver();
    interest.update(false);
    failRevive(true);
    interest.update(true);
    await settle();
    failRevive(false);
    interest.update(true);
    expect(calls).toEqual(['suppress', 'revive', 'revive']);
  });
});

describe('ended task states', () => {
  it.each<[string, boolean]>([
    ['TASK_STAGING', false],
    ['TASK_STARTING', false],
    ['TASK_RUNNING', false],
    ['TASK_KILLING', false],
    ['TASK_FINISHED', true],
    ['TASK_FAILED', true],
    ['TASK_KILLED', true],
    ['TASK_ERROR', true],
    ['TASK_DROPPED', true],
    ['TASK_LOST', true],
    ['TASK_GONE', true],
    ['TASK_GONE_BY_OPERATOR', true],
    ['TASK_UNREACHABLE', true],
    ['TASK_UNKNOWN', true],
  ])('counts %s as ended: %s', (state, ended) => {
    expect(isEndedState(state)).toBe(ended);
  });
});
