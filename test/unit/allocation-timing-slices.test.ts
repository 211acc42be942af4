/**
 * AllocationTiming runs a pass the allocator cut by its time budget to the
 * end, one slice per turn of the event loop, sends each slice's offers as it
 * ends, and counts the pass once.
 */
import { AllocationTiming } from '../../master/allocation-timing';
import type { Allocation, Allocator, PassBudget } from '../../master/allocator/allocator';
import { ManualClock } from '@meseta/runtime/clock';
import { MasterMetrics } from '../../master/metrics';
import type { OfferBook } from '../../master/offer-book';

/** A stand-in allocator whose pass over `agents` stops whenever the budget says so. */
function slicingAllocator(agents: number, slowMs: number): { allocator: Allocator; calls: () => number } {
  let next = 0;
  let calls = 0;
  const allocator = {
    passPending: false,
    allocate(_now: number, budget?: PassBudget): Allocation[] {
      calls++;
      const offers: Allocation[] = [];
      while (next < agents) {
        const until = performance.now() + slowMs;
        while (performance.now() < until);
        offers.push({ frameworkId: 'f', agentId: `a${next++}`, role: 'r', resources: [] });
        if (budget?.exhausted()) break;
      }
      allocator.passPending = next < agents;
      return offers;
    },
    nextFilterExpiry: () => undefined,
  };
  return { allocator: allocator as unknown as Allocator, calls: () => calls };
}

describe('AllocationTiming with a sliced pass', () => {
  it('continues a cut pass on the next turns until every offer is sent, and counts it once', async () => {
    const { allocator, calls } = slicingAllocator(12, 2);
    const sent: string[][] = [];
    const book = { offer: (a: Allocation[]) => sent.push(a.map((o) => o.agentId)) } as unknown as OfferBook;
    const metrics = new MasterMetrics();
    const timing = new AllocationTiming(allocator, book, new ManualClock(), metrics, 1, 5);
    timing.run();
    expect(calls()).toBe(1);
    expect(sent.flat().length).toBeLessThan(12);
    expect(metrics.allocationRuns).toBe(0);
    for (let i = 0; i < 50 && allocator.passPending; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(allocator.passPending).toBe(false);
    expect(sent.flat()).toEqual(Array.from({ length: 12 }, (_, i) => `a${i}`));
    expect(sent.length).toBeGreaterThan(1);
    expect(metrics.allocationRuns).toBe(1);
    expect(metrics.lastAllocationSeconds).toBeGreaterThan(0);
    timing.stop();
  });
});
