import type { StatusUpdate } from '@meseta/proto/wire';
import { TaskState as S } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { MAX_RETRY_MS } from '../../agent/status-update-manager';
import { StatusUpdateSender } from '../../agent/status-update-sender';
import { ManualClock } from '@meseta/runtime/clock';

function update(taskId: string): StatusUpdate {
  return { framework_id: { value: 'f1' }, status: { task_id: { value: taskId }, state: S.TASK_RUNNING, uuid: newUpdateUuid() } };
}

/** A sender on a manual clock, registered, counting what leaves. */
function registeredSender(retryBaseMs: number): { sender: StatusUpdateSender; clock: ManualClock; sentAt: number[] } {
  const clock = new ManualClock();
  const sentAt: number[] = [];
  const sender = new StatusUpdateSender({ retryBaseMs, agentId: () => 'a1', onSettled: () => undefined, clock });
  sender.attach({ isRegistered: () => true, sendUpdates: (updates) => updates.forEach(() => sentAt.push(clock.now())) });
  return { sender, clock, sentAt };
}

describe('the status-update sender on the project clock', () => {
  it('resends an unacknowledged update on the exact schedule: base, doubling, capped at 10 minutes', () => {
    const { sender, clock, sentAt } = registeredSender(10_000);
    sender.restore([update('t1')]);
    sender.onRegistered(); // sends at once
    clock.advance(60 * 60 * 1000);
    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]);
    expect(sentAt[0]).toBe(0);
    expect(gaps.slice(0, 8)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]);
    expect(Math.max(...gaps)).toBe(MAX_RETRY_MS);
  });

  it('keeps one timer, and none once the update is acknowledged', () => {
    const { sender, clock, sentAt } = registeredSender(1000);
    const u = update('t1');
    sender.restore([u]);
    sender.onRegistered();
    expect(clock.pending).toBe(1);
    expect(sender.acknowledge('f1', 't1', u.status?.uuid)).toBe('acknowledged');
    sender.flush();
    expect(clock.pending).toBe(0);
    clock.advance(MAX_RETRY_MS * 10);
    expect(sentAt).toEqual([0]); // nothing resent: the clock moved and no timer fired
  });

  it('hands every due update to the outbox within flush, without waiting for a tick', () => {
    const { sender, sentAt } = registeredSender(1000);
    sender.send(update('t1'));
    sender.send(update('t2'));
    expect(sentAt).toEqual([]); // batched for the end of the tick...
    sender.flush(); // ...or sent now when asked
    expect(sentAt).toEqual([0, 0]);
  });
});
