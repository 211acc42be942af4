import { MIN_SLICE_MS, TurnGate, TurnSlices, WHOLE_TURN, countBudget, timeBudget } from '../../master/turn-slices';

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

/** A gate on a hand-moved clock whose turns the test runs one at a time. */
function manualGate(budgetMs = 10): { gate: TurnGate; clock: ReturnType<typeof manualClock>; turns: Array<() => void>; errors: unknown[]; runTurn: () => Promise<void> } {
  const clock = manualClock();
  const turns: Array<() => void> = [];
  const errors: unknown[] = [];
  const gate = new TurnGate({
    budgetMs,
    now: clock.now,
    schedule: (turn) => {
      turns.push(turn);
      return () => turns.splice(turns.indexOf(turn), 1);
    },
    onError: (e) => errors.push(e),
  });
  /** Run the scheduled turn and every slice it hands out (promises' continuations included). */
  const runTurn = async (): Promise<void> => {
    const turn = turns.shift();
    expect(turn).toBeDefined();
    turn!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { gate, clock, turns, errors, runTurn };
}

describe('TurnGate', () => {
  it.each([
    // ms each job's slice costs (jobs queued in this order), per-turn budget, jobs run in each turn
    { name: 'cheap jobs all share one turn', costs: [2, 2, 2], budgetMs: 10, perTurn: [['a', 'b', 'c']] },
    { name: 'the budget spent, the rest waits for the next turn', costs: [6, 6, 6], budgetMs: 10, perTurn: [['a', 'b'], ['c']] },
    { name: 'a job over the whole budget still runs, alone', costs: [25, 1, 1], budgetMs: 10, perTurn: [['a'], ['b', 'c']] },
    { name: `less than ${MIN_SLICE_MS} ms left hands out no slice`, costs: [9.5, 0, 0], budgetMs: 10, perTurn: [['a'], ['b', 'c']] },
    { name: 'every job waits at most as many turns as jobs ahead of it', costs: [10, 10, 10, 10], budgetMs: 10, perTurn: [['a'], ['b'], ['c'], ['d']] },
  ])('$name', async ({ costs, budgetMs, perTurn }) => {
    const { gate, clock, turns, runTurn } = manualGate(budgetMs);
    const ran: string[] = [];
    costs.forEach((ms, i) => gate.later(() => {
      ran.push(String.fromCharCode(97 + i));
      clock.advance(ms);
    }));
    const seen: string[][] = [];
    while (turns.length > 0) {
      const before = ran.length;
      await runTurn();
      seen.push(ran.slice(before));
    }
    expect(seen).toEqual(perTurn);
    expect(gate.size).toBe(0);
  });

  it('a promise waiter\'s continuation is its slice: measured before the next job, and a job may read what is left of the turn', async () => {
    const { gate, clock, runTurn } = manualGate(10);
    const order: string[] = [];
    const slices: number[] = [];
    const job = async (name: string, ms: number): Promise<void> => {
      await gate.nextTurn();
      slices.push(gate.sliceMs(8));
      await Promise.resolve(); // a continuation several microtasks long
      order.push(name);
      clock.advance(ms);
    };
    const a = job('a', 4);
    const b = job('b', 4);
    const c = job('c', 4);
    gate.later(() => order.push('callback'));
    await runTurn();
    // 4 + 4 ms: 2 ms are left, more than MIN_SLICE_MS, so c gets a 2 ms slice (and overruns it); the callback waits
    expect(order).toEqual(['a', 'b', 'c']);
    expect(slices).toEqual([8, 6, 2]);
    await runTurn();
    expect(order).toEqual(['a', 'b', 'c', 'callback']);
    await Promise.all([a, b, c]);
  });

  it('a job given less than its own ms gets what the turn has left, outside a turn its own ms', async () => {
    const { gate, clock, runTurn } = manualGate(10);
    const seen: number[] = [];
    expect(gate.sliceMs(8)).toBe(8);
    gate.later(() => { seen.push(gate.sliceMs(8)); clock.advance(7); });
    gate.later(() => { seen.push(gate.sliceMs(8)); const s = gate.slices(8); clock.advance(2); seen.push(s.overTime() ? 1 : 0); });
    await runTurn();
    expect(seen).toEqual([8, 3, 0]);
    expect(gate.sliceMs(8)).toBe(8);
  });

  it('a job that throws does not stop the gate', async () => {
    const { gate, errors, runTurn, turns } = manualGate(10);
    const ran: string[] = [];
    gate.later(() => { throw new Error('boom'); });
    gate.later(() => ran.push('after'));
    await runTurn();
    expect(ran).toEqual(['after']);
    expect(errors).toHaveLength(1);
    gate.later(() => ran.push('next turn'));
    await runTurn();
    expect(ran).toEqual(['after', 'next turn']);
    expect(turns).toHaveLength(0);
  });

  it('a job queued during a turn waits for the next one (as setImmediate)', async () => {
    const { gate, runTurn, turns } = manualGate(10);
    const ran: string[] = [];
    gate.later(() => { ran.push('a'); gate.later(() => ran.push('a again')); });
    await runTurn();
    expect(ran).toEqual(['a']);
    expect(turns).toHaveLength(1);
    await runTurn();
    expect(ran).toEqual(['a', 'a again']);
  });

  it('stop() leaves no turn scheduled, drops callbacks and resolves waiting promises', async () => {
    const { gate, turns } = manualGate(10);
    const ran: string[] = [];
    gate.later(() => ran.push('dropped'));
    const waiting = gate.nextTurn().then(() => ran.push('resolved'));
    expect(turns).toHaveLength(1);
    gate.stop();
    expect(turns).toHaveLength(0);
    await waiting;
    gate.later(() => ran.push('after stop'));
    await gate.nextTurn(); // a plain setImmediate after stop
    expect(turns).toHaveLength(0);
    expect(ran).toEqual(['resolved']);
  });

  it('on the real event loop: one setImmediate chain, slices in order', async () => {
    const gate = new TurnGate();
    const order: number[] = [];
    await Promise.all([0, 1, 2].map(async (i) => {
      for (let k = 0; k < 3; k++) {
        await gate.nextTurn();
        order.push(i);
      }
    }));
    expect(order).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    gate.stop();
  });
});
