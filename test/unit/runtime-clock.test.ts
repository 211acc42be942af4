import { ManualClock, MAX_TIMER_MS, secondsToMs, systemClock } from '@meseta/runtime/clock';
import { BinaryHeap, MinHeap } from '@meseta/runtime/min-heap';

const DAY = 24 * 3600 * 1000;

describe('system clock timers at any length', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it.each<[string, number]>([
    ['one second', 1000],
    ['just under the setTimeout limit', MAX_TIMER_MS - 1],
    ['30 days (past the 24.8-day limit)', 30 * DAY],
    ['Mesos-sized failover timeout (1 year)', 365 * DAY],
  ])('%s fires at its deadline and not before', (_name, ms) => {
    let fired = 0;
    systemClock.after(ms, () => fired++);
    jest.advanceTimersByTime(ms - 1);
    expect(fired).toBe(0);
    jest.advanceTimersByTime(1);
    expect(fired).toBe(1);
  });

  it('a cancelled long timer never fires, even after re-arming', () => {
    let fired = 0;
    const t = systemClock.after(40 * DAY, () => fired++);
    jest.advanceTimersByTime(30 * DAY);
    t.cancel();
    jest.advanceTimersByTime(20 * DAY);
    expect(fired).toBe(0);
  });

  it('a repeating timer longer than the limit repeats at its period', () => {
    let fired = 0;
    const t = systemClock.every(30 * DAY, () => fired++);
    jest.advanceTimersByTime(30 * DAY - 1);
    expect(fired).toBe(0);
    jest.advanceTimersByTime(30 * DAY + 1);
    expect(fired).toBe(2);
    t.cancel();
  });
});

describe('secondsToMs', () => {
  it.each<[number, number]>([
    [1.5, 1500],
    [-3, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER],
  ])('%p s is %p ms', (s, ms) => expect(secondsToMs(s)).toBe(ms));
});

describe('manual clock', () => {
  it('fires timers in due order, equal times in the order set, with now() at each due time', () => {
    const clock = new ManualClock(1000);
    const seen: string[] = [];
    clock.after(50, () => seen.push(`b@${clock.now()}`));
    clock.after(10, () => seen.push(`a@${clock.now()}`));
    clock.after(50, () => seen.push(`c@${clock.now()}`));
    clock.advance(100);
    expect(seen).toEqual(['a@1010', 'b@1050', 'c@1050']);
    expect(clock.now()).toBe(1100);
    expect(clock.pending).toBe(0);
  });

  it('counts only live timers and reports the next due one', () => {
    const clock = new ManualClock();
    const a = clock.after(10, () => undefined);
    clock.after(20, () => undefined);
    a.cancel();
    a.cancel();
    expect(clock.pending).toBe(1);
    expect(clock.nextDueAt()).toBe(20);
  });
});

describe('min heap', () => {
  it('pops by key, ties first in first out', () => {
    const h = new MinHeap<string>();
    const input: Array<[number, string]> = [[5, 'e'], [1, 'a1'], [3, 'c'], [1, 'a2'], [4, 'd'], [1, 'a3'], [2, 'b']];
    for (const [k, v] of input) h.push(k, v);
    expect(h.peekKey()).toBe(1);
    const out: string[] = [];
    while (h.size > 0) out.push(h.pop()!);
    expect(out).toEqual(['a1', 'a2', 'a3', 'b', 'c', 'd', 'e']);
    expect(h.pop()).toBeUndefined();
  });

  it('sorts 1,000 random keys', () => {
    const h = new MinHeap<number>();
    let seed = 7;
    const keys = Array.from({ length: 1000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 500);
    for (const k of keys) h.push(k, k);
    const out: number[] = [];
    while (h.size > 0) out.push(h.pop()!);
    expect(out).toEqual([...keys].sort((a, b) => a - b));
  });
});

describe('binary heap under a caller order, with positions tracked', () => {
  interface Item { name: string; rank: number; index: number }
  const order = { before: (a: Item, b: Item) => a.rank < b.rank || (a.rank === b.rank && a.name < b.name), moved: (i: Item, at: number) => { i.index = at; } };

  it('re-positions an item whose rank changed, removes from the middle, and keeps every position true', () => {
    const heap = new BinaryHeap<Item>(order);
    const items = Array.from({ length: 50 }, (_, i) => ({ name: `c${String(i).padStart(2, '0')}`, rank: (i * 37) % 50, index: -1 }));
    for (const item of items) heap.push(item);
    items[10].rank = -1;
    heap.update(items[10].index);
    items[0].rank = 1000;
    heap.update(items[0].index);
    heap.removeAt(items[20].index);
    heap.items.forEach((item, at) => expect(item.index).toBe(at));
    const out: string[] = [];
    while (heap.size > 0) out.push(heap.pop()!.name);
    const expected = items.filter((_, i) => i !== 20).sort((a, b) => (order.before(a, b) ? -1 : 1)).map((i) => i.name);
    expect(out).toEqual(expected);
  });

  it('heapify restores the order after every rank changed at once', () => {
    const heap = new BinaryHeap<Item>(order);
    const items = Array.from({ length: 30 }, (_, i) => ({ name: `c${String(i).padStart(2, '0')}`, rank: i, index: -1 }));
    for (const item of items) heap.push(item);
    for (const item of items) item.rank = 30 - item.rank;
    heap.heapify();
    expect(heap.pop()!.name).toBe('c29');
  });
});
