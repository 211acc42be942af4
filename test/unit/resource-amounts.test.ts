import { add, quantities, ranges, scalar } from '@meseta/proto/resources';
import type { Resource } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { ResourceAmounts } from '../../master/resource-amounts';

/** What /metrics summed before: the normalised list, added list by list, then its quantities. */
function before(lists: ReadonlyArray<readonly Resource[]>): Map<string, number> {
  let sum: Resource[] = [];
  for (const l of lists) sum = add(sum, l);
  return quantities(sum);
}
function now(lists: ReadonlyArray<readonly Resource[]>): Map<string, number> {
  const a = new ResourceAmounts();
  for (const l of lists) a.add(l);
  return a.amounts();
}
const sorted = (m: Map<string, number>): Array<[string, number]> => [...m].sort((x, y) => x[0].localeCompare(y[0]));
const reserved = (name: string, value: number, role: string): Resource => ({ ...scalar(name, value), reservations: [{ type: 2, role }] });

describe('ResourceAmounts: the same amounts as quantities of the added lists', () => {
  const tables: Array<[string, Resource[][]]> = [
    ['nothing', []],
    ['empty lists', [[], []]],
    ['one agent', [parseResources('cpus:16;mem:65536;disk:500000;ports:[31000-32000]')]],
    ['tasks of 0.1 cpu, 1,000 of them (thousandths at each step)', Array.from({ length: 1000 }, () => parseResources('cpus:0.1;mem:32'))],
    ['0.001 steps and odd amounts', Array.from({ length: 333 }, (_, i) => [scalar('cpus', (i % 7) * 0.001 + 0.333), scalar('gpus', i % 2)])],
    ['overlapping port ranges are one union', [[ranges('ports', [[31000, 32000]])], [ranges('ports', [[31000, 32000]])], [ranges('ports', [[40000, 40009]])]]],
    ['sets', [[{ name: 'zones', type: 2, set: { item: ['a', 'b'] } }], [{ name: 'zones', type: 2, set: { item: ['b', 'c'] } }]]],
    ['reserved and unreserved cpus of one name', [[scalar('cpus', 1.5), reserved('cpus', 2.25, 'eng')], [reserved('cpus', 0.125, 'eng'), scalar('cpus', 0.5)]]],
    ['zero amounts leave no name', [[scalar('cpus', 0)], [scalar('mem', 0), scalar('disk', 10)]]],
  ];
  it.each(tables)('%s', (_name, lists) => {
    expect(sorted(now(lists))).toEqual(sorted(before(lists)));
  });
  it('null and undefined lists add nothing', () => {
    const a = new ResourceAmounts();
    a.add(undefined);
    a.add(null);
    expect(a.amounts().size).toBe(0);
  });
});
