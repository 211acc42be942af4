import { AcknowledgementBatcher } from '@meseta/sdk/acknowledgement-batcher';
import type { TaskStatus } from '@meseta/proto/wire';

const status = (id: string): TaskStatus => ({ task_id: { value: id } }) as TaskStatus;

/** A send whose batches settle only when the test says so. */
function heldSend(): { send: (s: TaskStatus[]) => Promise<void>; batches: TaskStatus[][]; settle(i: number, error?: Error): void } {
  const batches: TaskStatus[][] = [];
  const settlers: Array<(error?: Error) => void> = [];
  return {
    batches,
    send: (statuses) => {
      batches.push(statuses);
      return new Promise<void>((resolve, reject) => settlers.push((e) => (e ? reject(e) : resolve())));
    },
    settle: (i, error) => settlers[i](error),
  };
}

describe('the acknowledgement batcher', () => {
  it('sends what one tick queued as one batch', async () => {
    const sent: TaskStatus[][] = [];
    const batcher = new AcknowledgementBatcher(async (s) => void sent.push(s));
    batcher.add(status('a'));
    batcher.add(status('b'));
    await batcher.flush();
    expect(sent.map((b) => b.map((s) => s.task_id?.value))).toEqual([['a', 'b']]);
  });

  it('flush resolves only once a batch already on its way has settled', async () => {
    const held = heldSend();
    const batcher = new AcknowledgementBatcher(held.send);
    batcher.add(status('a'));
    const first = batcher.flush(); // on its way, not settled
    let flushed = false;
    const second = batcher.flush().then(() => (flushed = true)); // nothing queued: waits for the first
    await Promise.resolve();
    await Promise.resolve();
    expect(flushed).toBe(false);
    held.settle(0);
    await Promise.all([first, second]);
    expect(flushed).toBe(true);
    expect(held.batches).toHaveLength(1);
  });

  it("an earlier batch's failure is not the flush's: it still resolves", async () => {
    const held = heldSend();
    const batcher = new AcknowledgementBatcher(held.send);
    batcher.add(status('a'));
    const first = batcher.flush();
    const second = batcher.flush();
    held.settle(0, new Error('unavailable'));
    await expect(first).rejects.toThrow('unavailable');
    await expect(second).resolves.toBeUndefined();
  });

  it('clear drops what is queued', async () => {
    const sent: TaskStatus[][] = [];
    const batcher = new AcknowledgementBatcher(async (s) => void sent.push(s));
    batcher.add(status('a'));
    batcher.clear();
    await batcher.flush();
    expect(sent).toEqual([]);
    expect(batcher.size).toBe(0);
  });
});
