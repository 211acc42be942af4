/** Order of the random sorter: weighted, and reproducible from a seed. */
import { RandomSorter } from '../../master/allocator/random-sorter';

function orders(seed: number, count: number): string[][] {
  const sorter = new RandomSorter({ seed });
  for (const client of ['a', 'b', 'c', 'd', 'e']) sorter.add(client);
  return Array.from({ length: count }, () => [...sorter.sort()]);
}

describe('RandomSorter', () => {
  it('gives the same orders for the same seed', () => {
    expect(orders(7, 20)).toEqual(orders(7, 20));
  });

  it('gives other orders for another seed', () => {
    expect(orders(7, 20)).not.toEqual(orders(8, 20));
  });

  it('varies the order from one call to the next', () => {
    const seen = new Set(orders(1, 50).map((order) => order.join()));
    expect(seen.size).toBeGreaterThan(10);
  });

  it.each([
    ['equal weights put each first about half the time', 1, 0.5],
    ['weight 3 against 1 puts the heavy one first about 3 times in 4', 3, 0.75],
  ])('%s', (_case, heavyWeight, expected) => {
    const sorter = new RandomSorter({ seed: 11 });
    sorter.add('heavy', heavyWeight);
    sorter.add('light', 1);
    let heavyFirst = 0;
    const draws = 4000;
    for (let i = 0; i < draws; i++) if ([...sorter.sort()][0] === 'heavy') heavyFirst++;
    expect(heavyFirst / draws).toBeGreaterThan(expected - 0.04);
    expect(heavyFirst / draws).toBeLessThan(expected + 0.04);
  });

  it('hands out a snapshot, so the sorter may change while it is walked', () => {
    const sorter = new RandomSorter({ seed: 5 });
    for (const client of ['a', 'b', 'c']) sorter.add(client);
    const walked: string[] = [];
    for (const client of sorter.sort()) {
      walked.push(client);
      sorter.allocated(client, new Map([['cpus', 1]]));
    }
    expect(walked.sort()).toEqual(['a', 'b', 'c']);
  });
});
