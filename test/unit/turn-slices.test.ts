import { TurnSlices, WHOLE_TURN, countBudget, timeBudget } from '../../master/turn-slices';

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

describe('SliceBudget', () => {
  it.each([
    // questions asked, the budget's n, answers
    { n: 1, answers: [true, true, true] },
    { n: 2, answers: [false, true, true] },
    { n: 3, answers: [false, false, true, true] },
  ])('countBudget($n) says yes from its $n-th question on', ({ n, answers }) => {
    const budget = countBudget(n);
    expect(answers.map(() => budget.exhausted())).toEqual(answers);
  });

  it.each([
    // budget ms, ms passed before asking, exhausted?
    { ms: 10, after: 0, exhausted: false },
    { ms: 10, after: 9.9, exhausted: false },
    { ms: 10, after: 10, exhausted: true },
    { ms: 0, after: 0, exhausted: true },
  ])('timeBudget($ms) after $after ms: exhausted $exhausted', ({ ms, after, exhausted }) => {
    const clock = manualClock();
    const budget = timeBudget(ms, clock.now);
    clock.advance(after);
    expect(budget.exhausted()).toBe(exhausted);
  });

  it('WHOLE_TURN is never exhausted', () => {
    expect(WHOLE_TURN.exhausted()).toBe(false);
  });
});
