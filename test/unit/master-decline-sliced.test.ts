/**
 * A DECLINE of many offers is handled a slice at a time (issue 11: the
 * 50,000-agent launcher's DECLINEs held the master's loop up to 376 ms per
 * turn): here a slice looks at its budget once (16 offers), the turns are
 * run by hand, and each row checks the call as a whole once it settled:
 * every offer declined once and filtered for the framework, the newest
 * declines kept in its history in order, offers rescinded meanwhile
 * skipped; a DECLINE of a few offers still completes at once; a bad
 * DECLINE is still refused with its field named.
 */
import { CallType } from '@meseta/proto/wire';
import { status } from '@grpc/grpc-js';
import type { CallRouter } from '../../master/call-router';
import { CallError } from '../../master/call-errors';
import { countBudget } from '../../master/turn-slices';
import { masterTestBed } from './fixtures/master-test-bed';

async function cluster(agents: number, maxDeclinesPerFramework = 5) {
  const s = masterTestBed({ config: { offerTimeoutSeconds: 3600, maxDeclinesPerFramework } });
  const router = (s.master as unknown as { calls: CallRouter }).calls;
  const due: (() => void)[] = [];
  router.options.declineBudget = () => countBudget(1);
  router.options.later = (slice) => due.push(slice);
  for (let i = 0; i < agents; i++) await s.addAgent('cpus:1;mem:64', `h${i}`);
  const fw = await s.subscribe();
  for (let k = 0; k < 100 && fw.sink.offers().length < agents; k++) s.master.runAllocation();
  const offers = fw.sink.offers().map((o) => o.id!.value!);
  /** Run the slices due now; how many ran. */
  const runTurn = (): number => {
    const now = due.splice(0);
    for (const slice of now) slice();
    return now.length;
  };
  return { s, fw, offers, runTurn };
}

describe('a DECLINE of many offers, a slice at a time', () => {
  it.each<[string, number, number]>([
    // [case, offers declined, offers rescinded by the agent's removal while the call is in progress]
    ['2,000 offers over 125 turns', 2_000, 0],
    ['offers rescinded meanwhile are skipped', 200, 1],
  ])('%s', async (_case, n, rescinded) => {
    const { s, fw, offers, runTurn } = await cluster(n);
    expect(offers).toHaveLength(n);
    const done = fw.call({ type: CallType.DECLINE, decline: { offer_ids: offers.map((value) => ({ value })), filters: { refuse_seconds: 600 } } });
    expect(done).toBeInstanceOf(Promise);
    expect(s.master.metrics.offersDeclined).toBe(16);
    let settled = false;
    void (done as Promise<void>).then(() => (settled = true));
    if (rescinded > 0) {
      // The last offer is rescinded (its timeout, an agent gone) before the walk reaches it.
      s.master.offerBook.rescind(offers[n - 1]);
    }
    let turns = 0;
    while (runTurn() > 0) turns++;
    await done;
    expect(settled).toBe(true);
    expect(turns).toBe(Math.floor(n / 16)); // the first slice ran in the call
    expect(s.master.metrics.offersDeclined).toBe(n - rescinded);
    expect(s.master.offers.size).toBe(0);
    const history = s.master.frameworks.get(fw.frameworkId)!.recentDeclines.map((d) => d.offer_id!.value);
    const declined = offers.slice(0, n - rescinded);
    expect(history).toEqual(declined.slice(-5));
    // Filtered for 600 s: nothing declined is offered to the framework again; a rescinded offer is.
    s.master.runAllocation();
    expect(fw.sink.offers()).toHaveLength(n + rescinded);
    s.stop();
  });

  it('declines a few offers at once, answered without waiting for a turn', async () => {
    const { s, fw, offers } = await cluster(10);
    expect(fw.call({ type: CallType.DECLINE, decline: { offer_ids: offers.map((value) => ({ value })) } })).toBeUndefined();
    expect(s.master.metrics.offersDeclined).toBe(10);
    expect(s.master.frameworks.get(fw.frameworkId)!.recentDeclines.map((d) => d.offer_id!.value)).toEqual(offers.slice(-5));
    s.stop();
  });

  it('keeps no decline with the history switched off (maxDeclinesPerFramework 0)', async () => {
    const { s, fw, offers, runTurn } = await cluster(100, 0);
    const done = fw.call({ type: CallType.DECLINE, decline: { offer_ids: offers.map((value) => ({ value })) } });
    while (runTurn() > 0);
    await done;
    expect(s.master.metrics.offersDeclined).toBe(100);
    expect(s.master.frameworks.get(fw.frameworkId)!.recentDeclines).toEqual([]);
    s.stop();
  });

  it('refuses a DECLINE without offers, naming the field', async () => {
    const { s, fw } = await cluster(1);
    let error: unknown;
    try {
      fw.call({ type: CallType.DECLINE, decline: { offer_ids: [] } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).code).toBe(status.INVALID_ARGUMENT);
    expect((error as CallError).message).toMatch(/^decline\.offer_ids/);
    s.stop();
  });
});
