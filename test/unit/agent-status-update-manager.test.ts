import type { StatusUpdate, TaskState } from '@meseta/proto/wire';
import { TaskState as S } from '@meseta/proto/wire';
import { newUpdateUuid, uuidKey } from '@meseta/proto/ids';
import { MAX_RETRY_MS, StatusUpdateManager } from '../../agent/status-update-manager';

function update(taskId: string, state: TaskState, frameworkId = 'f1'): StatusUpdate {
  return { framework_id: { value: frameworkId }, status: { task_id: { value: taskId }, state, uuid: newUpdateUuid() } };
}

function names(updates: StatusUpdate[]): string[] {
  return updates.map((u) => `${u.status?.task_id?.value}:${S[u.status?.state as number]}`);
}

const BASE = 10_000;

describe('the status-update manager', () => {
  it('sends only the head of each task queue, in order, one after another as acks arrive', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    const running = update('t1', S.TASK_RUNNING);
    const finished = update('t1', S.TASK_FINISHED);
    m.enqueue(running);
    m.enqueue(finished);
    m.enqueue(update('t2', S.TASK_RUNNING));
    expect(names(m.due(0))).toEqual(['t1:TASK_RUNNING', 't2:TASK_RUNNING']);
    expect(m.due(1)).toEqual([]);
    expect(m.acknowledge('f1', 't1', running.status?.uuid)).toBe('acknowledged');
    expect(names(m.due(2))).toEqual(['t1:TASK_FINISHED']);
    expect(m.size).toBe(2);
  });

  it.each([
    ['a duplicate ack of an already acknowledged update', 'old'],
    ['an ack for an update that is not the head yet', 'later'],
    ['an ack with an empty uuid', 'empty'],
  ])('ignores %s', (_name, which) => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    const first = update('t1', S.TASK_RUNNING);
    const second = update('t1', S.TASK_FINISHED);
    m.enqueue(first);
    m.enqueue(second);
    m.due(0);
    const uuid = which === 'later' ? second.status?.uuid : which === 'empty' ? new Uint8Array() : first.status?.uuid;
    if (which === 'old') m.acknowledge('f1', 't1', first.status?.uuid);
    const headBefore = m.head('f1', 't1');
    const outcome = m.acknowledge('f1', 't1', uuid);
    expect(outcome).toBe('stale');
    expect(m.head('f1', 't1')).toBe(headBefore);
  });

  it('answers unknown for an ack of a task without pending updates', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    expect(m.acknowledge('f1', 'nope', newUpdateUuid())).toBe('unknown');
  });

  it('keeps the queues of two frameworks with the same task id apart', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    const a = update('t1', S.TASK_RUNNING, 'fa');
    const b = update('t1', S.TASK_RUNNING, 'fb');
    m.enqueue(a);
    m.enqueue(b);
    expect(m.due(0)).toHaveLength(2);
    expect(m.acknowledge('fb', 't1', a.status?.uuid)).toBe('stale');
    expect(m.acknowledge('fa', 't1', a.status?.uuid)).toBe('acknowledged');
    expect(m.head('fb', 't1')).toBe(b);
  });

  it('resends an unacknowledged head with doubling backoff capped at the maximum', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE, retryMaxMs: 60_000 });
    m.enqueue(update('t1', S.TASK_RUNNING));
    const sendTimes: number[] = [];
    for (let now = 0; now <= 300_000; now += 1000) {
      if (m.due(now).length > 0) sendTimes.push(now);
    }
    // 0, +10s, +20s, +40s, then every 60s (capped)
    expect(sendTimes).toEqual([0, 10_000, 30_000, 70_000, 130_000, 190_000, 250_000]);
    expect(m.sendsOfHead('f1', 't1')).toBe(7);
  });

  it('reports the next resend time, and -Infinity while heads wait to be sent', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    expect(m.nextDueAt()).toBeUndefined();
    m.enqueue(update('t1', S.TASK_RUNNING));
    expect(m.nextDueAt()).toBe(-Infinity);
    m.due(5);
    expect(m.nextDueAt()).toBe(5 + BASE);
  });

  it('caps the backoff at ten minutes by default', () => {
    expect(MAX_RETRY_MS).toBe(600_000);
  });

  it('makes every pending head due at once after a reconnection, with the backoff reset', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    m.enqueue(update('t1', S.TASK_RUNNING));
    m.enqueue(update('t2', S.TASK_RUNNING));
    m.due(0);
    m.due(BASE);
    m.due(3 * BASE);
    expect(m.due(3 * BASE + 1)).toEqual([]);
    m.redeliverAll();
    expect(names(m.due(3 * BASE + 2))).toEqual(['t1:TASK_RUNNING', 't2:TASK_RUNNING']);
    expect(m.nextDueAt()).toBe(3 * BASE + 2 + BASE);
  });

  it.each([
    ['one task', 'f1', 't1', ['t1:TASK_RUNNING']],
    ['one framework', 'f1', undefined, ['t1:TASK_RUNNING', 't2:TASK_RUNNING']],
    ['everything', undefined, undefined, ['t1:TASK_RUNNING', 't2:TASK_RUNNING', 't3:TASK_RUNNING']],
  ])('redelivers the heads of %s on request', (_name, frameworkId, taskId, expected) => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    m.enqueue(update('t1', S.TASK_RUNNING));
    m.enqueue(update('t2', S.TASK_RUNNING));
    m.enqueue(update('t3', S.TASK_RUNNING, 'f2'));
    m.due(0);
    m.redeliver(frameworkId, taskId);
    expect(names(m.due(1))).toEqual(expected);
  });

  it('a new head after an ack goes out at once, not at the old resend time', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    const running = update('t1', S.TASK_RUNNING);
    m.enqueue(running);
    m.enqueue(update('t1', S.TASK_FAILED));
    m.due(0);
    m.acknowledge('f1', 't1', running.status?.uuid);
    expect(names(m.due(1))).toEqual(['t1:TASK_FAILED']);
    expect(m.due(BASE)).toEqual([]); // the old head's schedule is gone
    expect(names(m.due(BASE + 1))).toEqual(['t1:TASK_FAILED']);
  });

  it('keeps a terminal update until it is acknowledged, then says the task is settled', () => {
    const settled: Array<[string, string, boolean]> = [];
    const m = new StatusUpdateManager({
      retryBaseMs: BASE,
      onSettled: (f, t, _state, terminal) => settled.push([f, t, terminal]),
    });
    const running = update('t1', S.TASK_RUNNING);
    const finished = update('t1', S.TASK_FINISHED);
    m.enqueue(running);
    m.due(0);
    m.acknowledge('f1', 't1', running.status?.uuid);
    expect(settled).toEqual([['f1', 't1', false]]);
    m.enqueue(finished);
    for (let now = 1; now < 10 * BASE; now += BASE) m.due(now);
    expect(uuidKey(m.head('f1', 't1')?.status?.uuid)).toBe(uuidKey(finished.status?.uuid));
    m.acknowledge('f1', 't1', finished.status?.uuid);
    expect(settled).toEqual([
      ['f1', 't1', false],
      ['f1', 't1', true],
    ]);
    expect(m.size).toBe(0);
    expect(m.taskCount).toBe(0);
  });

  it('forgets every update of a removed framework', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    m.enqueue(update('t1', S.TASK_RUNNING, 'gone'));
    m.enqueue(update('t2', S.TASK_RUNNING, 'gone'));
    m.enqueue(update('t3', S.TASK_RUNNING, 'kept'));
    expect(m.forgetFramework('gone')).toBe(2);
    expect(names(m.due(0))).toEqual(['t3:TASK_RUNNING']);
  });

  it.each([
    ['without a uuid', { framework_id: { value: 'f' }, status: { task_id: { value: 't' }, state: S.TASK_RUNNING } }],
    ['without a task id', { framework_id: { value: 'f' }, status: { state: S.TASK_RUNNING, uuid: newUpdateUuid() } }],
  ])('refuses an update %s', (_name, u) => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    expect(() => m.enqueue(u as StatusUpdate)).toThrow();
  });

  it('handles many tasks without resending the acknowledged ones', () => {
    const m = new StatusUpdateManager({ retryBaseMs: BASE });
    const all = Array.from({ length: 5000 }, (_, i) => update(`t${i}`, S.TASK_RUNNING));
    for (const u of all) m.enqueue(u);
    expect(m.due(0)).toHaveLength(5000);
    for (const u of all.slice(0, 4990)) m.acknowledge('f1', u.status?.task_id?.value ?? '', u.status?.uuid);
    expect(m.due(BASE)).toHaveLength(10);
  });
});
