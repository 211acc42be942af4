/** Order of the DRF sorter: lowest weighted dominant share first. */
import { DrfSorter } from '../../master/allocator/drf-sorter';
import { seededRandom } from '../../master/allocator/seeded-random';

function q(entries: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(entries));
}

describe('DrfSorter', () => {
  it('reproduces the DRF paper example: 9 cpus / 18 GB, A <1 cpu, 4 GB>, B <3 cpus, 1 GB>', () => {
    const demand = { A: q({ cpus: 1, mem: 4 }), B: q({ cpus: 3, mem: 1 }) };
    const free = { cpus: 9, mem: 18 };
    const sorter = new DrfSorter();
    sorter.setTotal(q(free));
    sorter.add('A');
    sorter.add('B');
    const tasks = { A: 0, B: 0 };
    // Progressive filling: the lowest share runs its next task while it fits.
    for (;;) {
      const next = [...sorter.sort()][0] as 'A' | 'B';
      const want = demand[next];
      if ((want.get('cpus') ?? 0) > free.cpus || (want.get('mem') ?? 0) > free.mem) break;
      free.cpus -= want.get('cpus') ?? 0;
      free.mem -= want.get('mem') ?? 0;
      sorter.allocated(next, want);
      tasks[next]++;
    }
    expect(tasks).toEqual({ A: 3, B: 2 });
    expect(sorter.share('A')).toBeCloseTo(2 / 3);
    expect(sorter.share('B')).toBeCloseTo(2 / 3);
  });

  it.each([
    ['equal shares keep insertion order', {}, ['a', 'b', 'c']],
    ['a client with more comes last', { a: { cpus: 2 } }, ['b', 'c', 'a']],
    ['the dominant resource decides', { a: { cpus: 5 }, b: { mem: 60 }, c: { cpus: 1, mem: 10 } }, ['c', 'a', 'b']],
    ['ties after allocation still keep insertion order', { a: { cpus: 1 }, b: { cpus: 1 } }, ['c', 'a', 'b']],
  ])('orders clients: %s', (_case, allocations, expected) => {
    const sorter = new DrfSorter();
    sorter.setTotal(q({ cpus: 10, mem: 100 }));
    for (const client of ['a', 'b', 'c']) sorter.add(client);
    for (const [client, amounts] of Object.entries(allocations)) sorter.allocated(client, q(amounts));
    expect([...sorter.sort()]).toEqual(expected);
  });

  it('serves a client of weight 2 until it holds twice as much', () => {
    const sorter = new DrfSorter();
    sorter.setTotal(q({ cpus: 12 }));
    sorter.add('heavy', 2);
    sorter.add('light', 1);
    const held = { heavy: 0, light: 0 };
    for (let i = 0; i < 12; i++) {
      const next = [...sorter.sort()][0] as 'heavy' | 'light';
      sorter.allocated(next, q({ cpus: 1 }));
      held[next]++;
    }
    expect(held).toEqual({ heavy: 8, light: 4 });
  });

  it('re-orders everyone when the total changes which resource dominates', () => {
    const sorter = new DrfSorter();
    sorter.setTotal(q({ cpus: 10, mem: 100 }));
    sorter.add('cpu-heavy');
    sorter.add('mem-heavy');
    sorter.allocated('cpu-heavy', q({ cpus: 5, mem: 10 }));
    sorter.allocated('mem-heavy', q({ cpus: 1, mem: 40 }));
    expect([...sorter.sort()]).toEqual(['mem-heavy', 'cpu-heavy']);
    sorter.setTotal(q({ cpus: 100, mem: 100 }));
    expect([...sorter.sort()]).toEqual(['cpu-heavy', 'mem-heavy']);
  });

  it('walks the same order a full sort gives, over many random changes', () => {
    const random = seededRandom(3);
    const sorter = new DrfSorter();
    sorter.setTotal(q({ cpus: 1000, mem: 1000 }));
    const held = new Map<string, { cpus: number; mem: number; seq: number; weight: number }>();
    for (let i = 0; i < 300; i++) {
      const client = `c${Math.floor(random() * 120)}`;
      const action = random();
      if (!held.has(client)) {
        const weight = 1 + Math.floor(random() * 3);
        sorter.add(client, weight);
        held.set(client, { cpus: 0, mem: 0, seq: i, weight });
      } else if (action < 0.1) {
        sorter.remove(client);
        held.delete(client);
      } else {
        const cpus = Math.floor(random() * 10);
        const mem = Math.floor(random() * 10);
        sorter.allocated(client, q({ cpus, mem }));
        const h = held.get(client)!;
        h.cpus += cpus;
        h.mem += mem;
      }
    }
    const share = (h: { cpus: number; mem: number; weight: number }): number => Math.max(h.cpus / 1000, h.mem / 1000) / h.weight;
    const expected = [...held.entries()]
      .sort(([, x], [, y]) => share(x) - share(y) || x.seq - y.seq)
      .map(([client]) => client);
    expect([...sorter.sort()]).toEqual(expected);
  });

  it('refuses to go on walking an order after the sorter changed', () => {
    const sorter = new DrfSorter();
    sorter.setTotal(q({ cpus: 10 }));
    for (const client of ['a', 'b', 'c']) sorter.add(client);
    const walk = sorter.sort()[Symbol.iterator]();
    expect(walk.next().value).toBe('a');
    sorter.allocated('a', q({ cpus: 1 }));
    expect(() => walk.next()).toThrow(/call sort\(\) again/);
  });
});
