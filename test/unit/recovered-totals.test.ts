/**
 * A new leader's recovered agents share their total when their registry
 * resources are identical (master/recovered-totals.ts): the total is always
 * what `applyStoredReservations` gives, and it is shared only between
 * identical lists without stored reservations.
 */
import type { Resource } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { applyStoredReservations } from '../../master/agent-reservations';
import { RecoveredTotals, identicalData } from '../../master/recovered-totals';

/** As the registry load makes them: JSON, then `AgentInfo.fromObject`. */
const fromRegistry = (text: string): Resource[] =>
  (pb.AgentInfo.fromObject(JSON.parse(JSON.stringify({ resources: parseResources(text) }))) as unknown as { resources: Resource[] }).resources;

const SHAPE = 'cpus:16;mem:65536;disk:500000;ports:[31000-32000]';
const reserved = (): Resource[] => [{ name: 'cpus', type: 0, scalar: { value: 2 }, reservations: [{ type: 2, role: 'eng', principal: 'p' }] } as Resource];

describe('RecoveredTotals', () => {
  const rows: Array<[string, Array<[string, Resource[] | undefined]>, boolean[]]> = [
    // [name, agents' (resources, stored reservations), whether each agent's total is the array of the last agent without stored reservations]
    ['one shape: every agent after the first shares', [[SHAPE, undefined], [SHAPE, undefined], [SHAPE, []]], [false, true, true]],
    ['another shape in between', [[SHAPE, undefined], ['cpus:8;mem:1024', undefined], [SHAPE, undefined]], [false, false, false]],
    ['stored reservations: never shared', [[SHAPE, undefined], [SHAPE, reserved()], [SHAPE, reserved()]], [false, false, false]],
    ['after one with reservations, the plain shape still shares', [[SHAPE, undefined], [SHAPE, reserved()], [SHAPE, undefined]], [false, false, true]],
    ['one value differs', [['cpus:16;mem:65536', undefined], ['cpus:16;mem:65535', undefined]], [false, false]],
    ['ranges differ', [['ports:[31000-32000]', undefined], ['ports:[31000-32001]', undefined]], [false, false]],
  ];
  test.each(rows)('%s', (_name, agents, shared) => {
    const totals = new RecoveredTotals();
    let lastPlain: Resource[] | undefined;
    agents.forEach(([text, stored], i) => {
      const reported = fromRegistry(text);
      const total = totals.totalOf(reported, stored);
      expect(JSON.stringify(total)).toBe(JSON.stringify(applyStoredReservations(reported, stored).total));
      expect(total === lastPlain).toBe(shared[i]);
      if (!stored || stored.length === 0) lastPlain = total;
    });
  });
});

describe('identicalData', () => {
  const rows: Array<[string, unknown, unknown, boolean]> = [
    ['the same list from the registry twice', fromRegistry(SHAPE), fromRegistry(SHAPE), true],
    ['an empty list against absent', [], undefined, false],
    ['a key absent against undefined', { a: 1 }, { a: 1, b: undefined }, false],
    ['another prototype (plain object against a decoded message)', JSON.parse(JSON.stringify(fromRegistry(SHAPE))), fromRegistry(SHAPE), false],
    ['-0 against 0', { v: -0 }, { v: 0 }, false],
    ['NaN against NaN', { v: NaN }, { v: NaN }, true],
    ['bytes equal', new Uint8Array([1, 2]), new Uint8Array([1, 2]), true],
    ['bytes differ', new Uint8Array([1, 2]), new Uint8Array([1, 3]), false],
    ['arrays of another length', [1], [1, 2], false],
  ];
  test.each(rows)('%s', (_name, a, b, expected) => {
    expect(identicalData(a, b)).toBe(expected);
  });
});
