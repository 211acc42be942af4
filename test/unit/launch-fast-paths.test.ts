/**
 * The ACCEPT path's fast checks (issue 11) give the answers of the long way
 * they stand in front of:
 *
 * - `taskInfoWithinLimits` is true exactly when `taskInfoProblem` finds
 *   nothing (every limit at, and one past, it);
 * - `resourcesValid` / `idCharactersValid` are true exactly when
 *   `resourcesProblem` / `idCharactersProblem` find nothing;
 * - a `ResourcePool` taking task after task answers as `shortfalls` then
 *   `subtract` did, and leaves the same list;
 * - ACKNOWLEDGE's fast check passes what the field-by-field checks pass and
 *   leaves every refusal to them (the field named as before).
 */
import type { Resource, TaskInfo } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';
import * as L from '@meseta/proto/limits';
import { MAX_RANGES, MAX_RESERVATIONS, MAX_RESOURCES, MAX_SCALAR_VALUE, MAX_SET_ITEMS, idCharactersProblem, idCharactersValid, resourcesProblem, resourcesValid } from '@meseta/proto/resource-validation';
import type { Call } from '@meseta/proto/wire';
import { CallType } from '@meseta/proto/wire';
import { validateCall } from '../../master/call-validation';
import { ResourcePool, normalize, normalizeUnallocated, shortfalls, subtract } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';

const x = (n: number): string => 'x'.repeat(n);
/** `n` bytes of UTF-8 in 2-byte characters (a count of characters that would pass a length check). */
const wide = (bytes: number): string => 'é'.repeat(Math.floor(bytes / 2)) + (bytes % 2 ? 'x' : '');
const base: TaskInfo = { name: 't', task_id: { value: 'a' }, command: { value: 'true' }, resources: [] };

/** At and one past each limit, in ASCII and in 2-byte characters. */
function atAndPast(limit: number): Array<[string, string]> {
  return [
    [`${limit} bytes`, x(limit)],
    [`${limit + 1} bytes`, x(limit + 1)],
    [`${limit} bytes of 2-byte characters`, wide(limit)],
    [`${limit + 1} bytes of 2-byte characters`, wide(limit + 1)],
  ];
}

const tasks: Array<[string, TaskInfo]> = [
  ['a plain task', base],
  ['no fields at all', {}],
  ...atAndPast(L.MAX_NAME_BYTES).map(([n, v]): [string, TaskInfo] => [`name of ${n}`, { ...base, name: v }]),
  ...atAndPast(L.MAX_ID_BYTES).map(([n, v]): [string, TaskInfo] => [`task_id of ${n}`, { ...base, task_id: { value: v } }]),
  ...atAndPast(L.MAX_COMMAND_BYTES).map(([n, v]): [string, TaskInfo] => [`command of ${n}`, { ...base, command: { value: v } }]),
  ...atAndPast(L.MAX_COMMAND_BYTES).map(([n, v]): [string, TaskInfo] => [`health check command of ${n}`, { ...base, health_check: { command: { value: v } } }]),
  ...atAndPast(L.MAX_NAME_BYTES).map(([n, v]): [string, TaskInfo] => [`command user of ${n}`, { ...base, command: { value: 'true', user: v } }]),
  ['arguments at the count limit', { ...base, command: { value: 'p', arguments: Array(L.MAX_ARGUMENTS).fill('a') } }],
  ['arguments one past the count limit', { ...base, command: { value: 'p', arguments: Array(L.MAX_ARGUMENTS + 1).fill('a') } }],
  ['arguments at the byte limit together', { ...base, command: { value: 'p', arguments: [x(L.MAX_COMMAND_BYTES / 2), wide(L.MAX_COMMAND_BYTES / 2)] } }],
  ['arguments one past the byte limit together', { ...base, command: { value: 'p', arguments: [x(L.MAX_COMMAND_BYTES / 2), wide(L.MAX_COMMAND_BYTES / 2 + 1)] } }],
  ['uris at the count limit', { ...base, command: { value: 'p', uris: Array(L.MAX_URIS).fill({ value: 'http://192.0.2.1/a' }) } }],
  ['uris one past the count limit', { ...base, command: { value: 'p', uris: Array(L.MAX_URIS + 1).fill({ value: 'http://192.0.2.1/a' }) } }],
  ...atAndPast(L.MAX_URI_BYTES).map(([n, v]): [string, TaskInfo] => [`a uri of ${n}`, { ...base, command: { value: 'p', uris: [{ value: v }] } }]),
  ...atAndPast(L.MAX_NAME_BYTES).map(([n, v]): [string, TaskInfo] => [`a uri's output file of ${n}`, { ...base, command: { value: 'p', uris: [{ value: 'u', output_file: v }] } }]),
  ['environment at the count limit', { ...base, command: { value: 'p', environment: { variables: Array.from({ length: L.MAX_ENVIRONMENT_VARIABLES }, (_, i) => ({ name: `V${i}`, value: '1' })) } } }],
  ['environment one past the count limit', { ...base, command: { value: 'p', environment: { variables: Array.from({ length: L.MAX_ENVIRONMENT_VARIABLES + 1 }, (_, i) => ({ name: `V${i}`, value: '1' })) } } }],
  ...atAndPast(L.MAX_NAME_BYTES).map(([n, v]): [string, TaskInfo] => [`a variable name of ${n}`, { ...base, command: { value: 'p', environment: { variables: [{ name: v, value: '1' }] } } }]),
  ['environment at the byte limit', { ...base, command: { value: 'p', environment: { variables: [{ name: 'A', value: x(L.MAX_ENVIRONMENT_BYTES - 1) }] } } }],
  ['environment one past the byte limit', { ...base, command: { value: 'p', environment: { variables: [{ name: 'A', value: x(L.MAX_ENVIRONMENT_BYTES) }] } } }],
  ['labels at the count limit', { ...base, labels: { labels: Array.from({ length: L.MAX_LABELS }, (_, i) => ({ key: `k${i}`, value: 'v' })) } }],
  ['labels one past the count limit', { ...base, labels: { labels: Array.from({ length: L.MAX_LABELS + 1 }, (_, i) => ({ key: `k${i}`, value: 'v' })) } }],
  ...atAndPast(L.MAX_NAME_BYTES).map(([n, v]): [string, TaskInfo] => [`a label key of ${n}`, { ...base, labels: { labels: [{ key: v, value: 'v' }] } }]),
  ...atAndPast(L.MAX_LABEL_VALUE_BYTES).map(([n, v]): [string, TaskInfo] => [`a label value of ${n}`, { ...base, labels: { labels: [{ key: 'k', value: v }] } }]),
  ['data at the limit', { ...base, data: new Uint8Array(L.MAX_DATA_BYTES) }],
  ['data one past the limit', { ...base, data: new Uint8Array(L.MAX_DATA_BYTES + 1) }],
  ...atAndPast(L.MAX_ID_BYTES).map(([n, v]): [string, TaskInfo] => [`executor id of ${n}`, { ...base, executor: { executor_id: { value: v } } }]),
  ...atAndPast(L.MAX_NAME_BYTES).map(([n, v]): [string, TaskInfo] => [`executor name of ${n}`, { ...base, executor: { executor_id: { value: 'e' }, name: v } }]),
  ...atAndPast(L.MAX_COMMAND_BYTES).map(([n, v]): [string, TaskInfo] => [`executor command of ${n}`, { ...base, executor: { executor_id: { value: 'e' }, command: { value: v } } }]),
  ['executor data one past the limit', { ...base, executor: { executor_id: { value: 'e' }, data: new Uint8Array(L.MAX_DATA_BYTES + 1) } }],
];

describe('taskInfoWithinLimits answers as taskInfoProblem', () => {
  it.each(tasks)('%s', (_name, task) => {
    expect(L.taskInfoWithinLimits(task)).toBe(L.taskInfoProblem('t', task) === undefined);
  });

  it('the table holds tasks on both sides of the limits', () => {
    const answers = tasks.map(([, t]) => L.taskInfoWithinLimits(t));
    expect(answers.filter(Boolean).length).toBeGreaterThan(10);
    expect(answers.filter((a) => !a).length).toBeGreaterThan(10);
  });
});

const cpus = (value: unknown): Resource => ({ name: 'cpus', type: ValueType.SCALAR, scalar: { value: value as number } });
const portRanges = (range: Array<{ begin?: unknown; end?: unknown }>): Resource => ({ name: 'ports', type: ValueType.RANGES, ranges: { range: range as Array<{ begin: number; end: number }> } });
const lists: Array<[string, Resource[] | undefined]> = [
  ['none', undefined],
  ['empty', []],
  ['cpus and mem', parseResources('cpus:1;mem:128')],
  ['cpus, mem, ports, a set, a reservation', parseResources('cpus(eng):1;mem:128;ports:[31000-31009];gpus:{a,b}')],
  ['a resource without a name', [{ type: ValueType.SCALAR, scalar: { value: 1 } }]],
  ['a name starting with a digit', [{ ...cpus(1), name: '1cpus' }]],
  ['a name of "."', [{ ...cpus(1), name: '.' }]],
  ['a name over the limit', [{ ...cpus(1), name: x(L.MAX_NAME_BYTES + 1) }]],
  ['a name at the limit', [{ ...cpus(1), name: x(L.MAX_NAME_BYTES) }]],
  ['a scalar of NaN', [cpus(NaN)]],
  ['a negative scalar', [cpus(-1)]],
  ['an infinite scalar', [cpus(Infinity)]],
  ['a scalar at the largest value', [cpus(MAX_SCALAR_VALUE)]],
  ['a scalar past the largest value', [cpus(MAX_SCALAR_VALUE + 1)]],
  ['a scalar that is a string', [cpus('1')]],
  ['a SCALAR without a scalar', [{ name: 'cpus', type: ValueType.SCALAR }]],
  ['no type, a scalar', [{ name: 'cpus', scalar: { value: 1 } }]],
  ['ranges in order', [portRanges([{ begin: 1, end: 2 }])]],
  ['a range ending before it begins', [portRanges([{ begin: 3, end: 2 }])]],
  ['a range bound that is not whole', [portRanges([{ begin: 1.5, end: 2 }])]],
  ['a range bound missing', [portRanges([{ begin: 1 }])]],
  ['a negative range bound', [portRanges([{ begin: -1, end: 2 }])]],
  ['ranges at the count limit', [portRanges(Array.from({ length: MAX_RANGES }, (_, i) => ({ begin: 2 * i, end: 2 * i })))]],
  ['ranges past the count limit', [portRanges(Array.from({ length: MAX_RANGES + 1 }, (_, i) => ({ begin: 2 * i, end: 2 * i })))]],
  ['a RANGES without ranges', [{ name: 'ports', type: ValueType.RANGES }]],
  ['a set with an empty item', [{ name: 'gpus', type: ValueType.SET, set: { item: ['a', ''] } }]],
  ['a set item over the limit', [{ name: 'gpus', type: ValueType.SET, set: { item: [x(L.MAX_NAME_BYTES + 1)] } }]],
  ['set items past the count limit', [{ name: 'gpus', type: ValueType.SET, set: { item: Array.from({ length: MAX_SET_ITEMS + 1 }, (_, i) => `g${i}`) } }]],
  ['a SET without a set', [{ name: 'gpus', type: ValueType.SET }]],
  ['a TEXT resource', [{ name: 'os', type: ValueType.TEXT, text: { value: 'linux' } } as Resource]],
  ['an unknown type', [{ name: 'os', type: 99 as Resource['type'] }]],
  ['reservations at the limit', [{ ...cpus(1), reservations: Array.from({ length: MAX_RESERVATIONS }, () => ({ type: 2, role: 'eng' })) }]],
  ['reservations past the limit', [{ ...cpus(1), reservations: Array.from({ length: MAX_RESERVATIONS + 1 }, () => ({ type: 2, role: 'eng' })) }]],
  ['a reservation role of ".."', [{ ...cpus(1), reservations: [{ type: 2, role: '..' }] }]],
  ['a reservation role with a space', [{ ...cpus(1), reservations: [{ type: 2, role: 'e g' }] }]],
  ['a reservation without a role', [{ ...cpus(1), reservations: [{ type: 2 }] }]],
  ['a reservation principal over the limit', [{ ...cpus(1), reservations: [{ type: 2, role: 'eng', principal: x(L.MAX_NAME_BYTES + 1) }] }]],
  ['an allocation role', [{ ...cpus(1), allocation_role: 'eng/backend' }]],
  ['a bad allocation role', [{ ...cpus(1), allocation_role: 'e g' }]],
  ['resources at the count limit', Array.from({ length: MAX_RESOURCES }, (_, i) => ({ ...cpus(1), name: `r${i}` }))],
  ['resources past the count limit', Array.from({ length: MAX_RESOURCES + 1 }, (_, i) => ({ ...cpus(1), name: `r${i}` }))],
];

describe('resourcesValid answers as resourcesProblem', () => {
  it.each(lists)('%s', (_name, list) => {
    // Twice: the second time the names the first one passed are remembered.
    expect(resourcesValid(list)).toBe(resourcesProblem('resources', list) === undefined);
    expect(resourcesValid(list)).toBe(resourcesProblem('resources', list) === undefined);
  });
});

describe('idCharactersValid answers as idCharactersProblem', () => {
  it.each([undefined, null, '', 'a', 'task-1.2_3', '.', '..', '...', 'a/b', 'a\\b', 'a\u0001b', 'a\u007fb', x(L.MAX_ID_BYTES), x(L.MAX_ID_BYTES + 1), wide(L.MAX_ID_BYTES + 1), 'é'])('%p', (id) => {
    expect(idCharactersValid(id)).toBe(idCharactersProblem('id', id) === undefined);
  });
});

describe('a ResourcePool takes task after task as shortfalls then subtract did', () => {
  it.each([
    ['all fit', 'cpus:1;mem:100;ports:[31000-31009]', ['cpus:0.25;mem:10', 'cpus:0.25;mem:10;ports:[31000-31001]', 'cpus:0.5;mem:80']],
    ['the last one does not fit', 'cpus:1;mem:100', ['cpus:0.5', 'cpus:0.5', 'cpus:0.001']],
    ['a port taken twice', 'cpus:1;ports:[31000-31009]', ['ports:[31000-31000]', 'ports:[31000-31000]', 'ports:[31009-31009]']],
    ['reserved and unreserved apart', 'cpus(eng):2;cpus:1', ['cpus:1', 'cpus:1', 'cpus(eng):2']],
    ['a set emptied, then asked again', 'gpus:{a,b};cpus:1', ['gpus:{a}', 'gpus:{b}', 'gpus:{a}', 'cpus:1']],
    ['a kind the offer lacks', 'cpus:1', ['disk:10', 'cpus:1']],
    ['thousandths add up exactly', 'cpus:1', Array(101).fill('cpus:0.01')],
  ])('%s', (_name, offer, asks) => {
    const offered = normalize(parseResources(offer));
    let remaining = offered;
    const pool = new ResourcePool(offered);
    for (const ask of asks) {
      const needed = normalizeUnallocated(parseResources(ask));
      const expected = shortfalls(remaining, needed);
      if (expected.length === 0) remaining = subtract(remaining, needed);
      expect(pool.take(needed)).toEqual(expected);
    }
    expect(pool.list()).toEqual(remaining);
  });

  it('an offer in several entries of one kind is read as the whole', () => {
    const offered = [...parseResources('cpus:0.5;mem:10'), ...parseResources('cpus:0.5;mem:10')];
    const pool = new ResourcePool(offered);
    const needed = normalizeUnallocated(parseResources('cpus:1;mem:20'));
    expect(pool.take(needed)).toEqual(shortfalls(offered, needed));
    expect(pool.list()).toEqual(subtract(offered, needed));
  });

  it('does not change the list it was made from', () => {
    const offered = normalize(parseResources('cpus:1;mem:100'));
    const copy = JSON.parse(JSON.stringify(offered)) as Resource[];
    const pool = new ResourcePool(offered);
    pool.take(normalizeUnallocated(parseResources('cpus:1;mem:100')));
    expect(offered).toEqual(copy);
    expect(pool.list()).toEqual([]);
  });
});

describe('ACKNOWLEDGE: whole acknowledgements pass, a refusal names the field as before', () => {
  const ack = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ task_id: { value: 't' }, agent_id: { value: 'a' }, uuid: new Uint8Array(16), ...over });
  const call = (acks: Array<Record<string, unknown>>, single?: Record<string, unknown>): Call =>
    ({ type: CallType.ACKNOWLEDGE, framework_id: { value: 'f1' }, acknowledge: single, acknowledgements: acks }) as Call;
  it.each<[string, Call, string | undefined]>([
    ['batched, whole', call([ack(), ack({ task_id: { value: x(L.MAX_ID_BYTES) } })]), undefined],
    ['single and batched, whole', call([ack()], ack()), undefined],
    ['a uuid at its limit', call([ack({ uuid: new Uint8Array(L.MAX_UUID_BYTES) })]), undefined],
    ['none', call([]), 'acknowledge: required for ACKNOWLEDGE (or acknowledgements[])'],
    ['no task id', call([ack(), ack({ task_id: undefined })]), 'acknowledgements[1].task_id: required'],
    ['an empty agent id', call([ack({ agent_id: { value: '' } })]), 'acknowledgements[0].agent_id: required'],
    ['no uuid in the single one', call([ack()], ack({ uuid: undefined })), 'acknowledge.uuid: required'],
    ['an empty uuid after the single one', call([ack()], ack()), undefined],
    ['a uuid past its limit', call([ack({ uuid: new Uint8Array(L.MAX_UUID_BYTES + 1) })]), `acknowledgements[0].uuid: ${L.MAX_UUID_BYTES + 1} bytes, the limit is ${L.MAX_UUID_BYTES}`],
    ['a task id past its limit', call([ack({ task_id: { value: wide(L.MAX_ID_BYTES + 1) } })]), `acknowledgements[0].task_id: ${L.MAX_ID_BYTES + 1} bytes, the limit is ${L.MAX_ID_BYTES}`],
  ])('%s', (_name, c, refusal) => {
    if (refusal === undefined) expect(() => validateCall(c)).not.toThrow();
    else expect(() => validateCall(c)).toThrow(refusal);
  });
});
