import { TurnSlices } from '../../master/turn-slices';

/** A clock the table moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

describe('TurnSlices', () => {
  it.each([
    // budget ms, max items, ms each item costs, items before the slice is spent
    { budgetMs: 5, maxItems: Infinity, itemMs: 1, spentAfter: 5 },
    { budgetMs: 5, maxItems: Infinity, itemMs: 2, spentAfter: 3 },
    { budgetMs: 5, maxItems: Infinity, itemMs: 10, spentAfter: 1 },
    { budgetMs: 5, maxItems: 3, itemMs: 0, spentAfter: 3 },
    { budgetMs: 5, maxItems: 3, itemMs: 1, spentAfter: 3 },
    { budgetMs: 5, maxItems: 10, itemMs: 1, spentAfter: 5 },
    { budgetMs: 0, maxItems: Infinity, itemMs: 0, spentAfter: 1 },
  ])('a slice of $budgetMs ms / $maxItems items at $itemMs ms an item is spent after $spentAfter', ({ budgetMs, maxItems, itemMs, spentAfter }) => {
    const clock = manualClock();
    const slices = new TurnSlices(budgetMs, maxItems, clock.now);
    for (let round = 0; round < 3; round++) {
      let items = 0;
      for (;;) {
        clock.advance(itemMs);
        items++;
        if (slices.spent()) break;
        expect(items).toBeLessThan(1000);
      }
      expect(items).toBe(spentAfter);
      clock.advance(50); // the turns between: not counted once restarted
      slices.restart();
    }
  });

  it('overTime looks at the clock only', () => {
    const clock = manualClock();
    const slices = new TurnSlices(5, 1, clock.now);
    expect(slices.overTime()).toBe(false);
    clock.advance(5);
    expect(slices.overTime()).toBe(true);
    slices.restart();
    expect(slices.overTime()).toBe(false);
  });
});
