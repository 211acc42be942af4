/**
 * Resources, attributes, agent registrations and ids that are NaN,
 * infinite, negative, absurd or malformed are refused with the field named
 * (proto/src/resource-validation.ts), at the master (ACCEPT, registration),
 * the agent (a task before it runs) and the CLI (`--resources`, amounts).
 */
import { CallError } from '../../master/call-errors';
import { validateCall, validateSubscribe } from '../../master/call-validation';
import { taskProblem } from '../../agent/run-task-validation';
import * as V from '@meseta/proto/resource-validation';
import { parseResources } from '@meseta/proto/resource-text';
import { amountFlag } from '../../cli/flags';
import type { AgentInfo, Call, Resource, TaskInfo } from '@meseta/proto/wire';
import { CallType, OperationType, ValueType } from '@meseta/proto/wire';

const cpus = (value: number): Resource => ({ name: 'cpus', type: ValueType.SCALAR, scalar: { value } });
const ports = (spans: Array<[number, number]>): Resource => ({ name: 'ports', type: ValueType.RANGES, ranges: { range: spans.map(([begin, end]) => ({ begin, end })) } });
const set = (items: string[]): Resource => ({ name: 'gpus', type: ValueType.SET, set: { item: items } });
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('resourcesProblem', () => {
  const rows: Array<[string, Resource[], string | undefined]> = [
    ['cpus and mem are fine', [cpus(2), { name: 'mem', scalar: { value: 1024 } }], undefined],
    ['a scalar of zero is fine', [cpus(0)], undefined],
    ['the largest scalar is fine', [cpus(V.MAX_SCALAR_VALUE)], undefined],
    ['NaN is refused', [cpus(NaN)], 'r[0].scalar.value: NaN, allowed: a finite number from 0 to 9007199254740'],
    ['Infinity is refused', [cpus(Infinity)], 'r[0].scalar.value: Infinity, allowed'],
    ['-Infinity is refused', [cpus(-Infinity)], 'r[0].scalar.value: -Infinity, allowed'],
    ['a negative scalar is refused', [cpus(-1)], 'r[0].scalar.value: -1, allowed'],
    ['a scalar one past the bound is refused', [cpus(V.MAX_SCALAR_VALUE + 1)], `r[0].scalar.value: ${V.MAX_SCALAR_VALUE + 1}, allowed`],
    ['a scalar of 2^60 is refused', [cpus(2 ** 60)], 'r[0].scalar.value: 1152921504606847000, allowed'],
    ['a SCALAR without a scalar is refused', [{ name: 'cpus', type: ValueType.SCALAR }], 'r[0].scalar: required for a SCALAR value'],
    ['a scalar without a value is refused', [{ name: 'cpus', scalar: {} }], 'r[0].scalar.value: required'],
    ['a missing name is refused', [{ scalar: { value: 1 } }], 'r[0].name: required'],
    ['a name with a space is refused', [{ name: 'c pus', scalar: { value: 1 } }], 'r[0].name: "c pus", allowed: a letter or _ first'],
    ['a name of 1025 bytes is refused', [{ name: 'x'.repeat(1025), scalar: { value: 1 } }], 'r[0].name: 1025 bytes, allowed: at most 1024'],
    ['an unknown type is refused', [{ name: 'x', type: 9 } as unknown as Resource], 'r[0].type: 9, allowed: SCALAR, RANGES or SET'],
    ['TEXT is not a resource type', [{ name: 'x', type: ValueType.TEXT }], 'r[0].type: TEXT, allowed: SCALAR, RANGES or SET for a resource'],
    ['ports are fine', [ports([[31000, 32000]])], undefined],
    ['a range that ends before it begins is refused', [ports([[5, 4]])], 'r[0].ranges.range[0]: 5-4 ends before it begins, allowed: begin <= end'],
    ['a negative range bound is refused', [ports([[-1, 4]])], 'r[0].ranges.range[0].begin: -1, allowed: a whole number from 0 to 9007199254740991'],
    ['a fractional range bound is refused', [ports([[1, 4.5]])], 'r[0].ranges.range[0].end: 4.5, allowed: a whole number'],
    ['a range bound past 2^53 is refused', [ports([[1, 2 ** 54]])], 'r[0].ranges.range[0].end: 18014398509481984, allowed'],
    ['a NaN range bound is refused', [ports([[NaN, 1]])], 'r[0].ranges.range[0].begin: NaN, allowed'],
    ['a range without an end is refused', [{ name: 'ports', type: ValueType.RANGES, ranges: { range: [{ begin: 1 }] } }], 'r[0].ranges.range[0].end: required'],
    ['RANGES without ranges is refused', [{ name: 'ports', type: ValueType.RANGES }], 'r[0].ranges: required for a RANGES value'],
    [`${V.MAX_RANGES} ranges are fine`, [ports(many(V.MAX_RANGES, (i) => [i * 2, i * 2]))], undefined],
    [`${V.MAX_RANGES + 1} ranges are refused`, [ports(many(V.MAX_RANGES + 1, (i) => [i * 2, i * 2]))], `r[0].ranges.range: ${V.MAX_RANGES + 1} ranges, allowed: at most ${V.MAX_RANGES}`],
    ['a set is fine', [set(['a', 'b'])], undefined],
    [`${V.MAX_SET_ITEMS + 1} set items are refused`, [set(many(V.MAX_SET_ITEMS + 1, (i) => `g${i}`))], `r[0].set.item: ${V.MAX_SET_ITEMS + 1} items, allowed: at most ${V.MAX_SET_ITEMS}`],
    ['an empty set item is refused', [set(['a', ''])], 'r[0].set.item[1]: empty, allowed: a non-empty item'],
    [`${V.MAX_RESOURCES} resources are fine`, many(V.MAX_RESOURCES, (i) => ({ name: `r${i}`, scalar: { value: 1 } })), undefined],
    [`${V.MAX_RESOURCES + 1} resources are refused`, many(V.MAX_RESOURCES + 1, (i) => ({ name: `r${i}`, scalar: { value: 1 } })), `r: ${V.MAX_RESOURCES + 1} resources, allowed: at most ${V.MAX_RESOURCES}`],
    ['a reservation role ".." is refused', [{ ...cpus(1), reservations: [{ type: 1, role: '..' }] }], 'r[0].reservations[0].role: "..", allowed'],
    ['a reservation role with a space is refused', [{ ...cpus(1), reservations: [{ type: 1, role: 'a b' }] }], 'r[0].reservations[0].role: "a b", allowed'],
    [`${V.MAX_RESERVATIONS + 1} reservations are refused`, [{ ...cpus(1), reservations: many(V.MAX_RESERVATIONS + 1, () => ({ type: 1, role: 'a' })) }], `r[0].reservations: ${V.MAX_RESERVATIONS + 1} entries`],
    ['an allocation role with a newline is refused', [{ ...cpus(1), allocation_role: 'a\nb' }], 'r[0].allocation_role: "a\\nb", allowed'],
  ];
  test.each(rows)('%s', (_name, resources, expected) => {
    const problem = V.resourcesProblem('r', resources);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(expected);
  });
});

describe('agentInfoProblem and registrationProblem', () => {
  const ok: AgentInfo = { hostname: 'h1', ip: '127.0.0.1', port: 5051, resources: [cpus(4), ports([[31000, 32000]])], attributes: [{ name: 'rack', type: ValueType.TEXT, text: { value: 'a' } }] };
  const rows: Array<[string, AgentInfo | undefined, string | undefined]> = [
    ['a real agent is fine', ok, undefined],
    ['no agent_info is refused', undefined, 'register.agent_info: required'],
    ['NaN cpus are refused', { ...ok, resources: [cpus(NaN)] }, 'register.agent_info.resources[0].scalar.value: NaN'],
    ['negative mem is refused', { ...ok, resources: [{ name: 'mem', scalar: { value: -5 } }] }, 'register.agent_info.resources[0].scalar.value: -5'],
    ['infinite disk is refused', { ...ok, resources: [{ name: 'disk', scalar: { value: Infinity } }] }, 'register.agent_info.resources[0].scalar.value: Infinity'],
    ['a hostname with a newline is refused', { ...ok, hostname: 'a\nb' }, 'register.agent_info.hostname: "a\\nb", allowed: no whitespace or control characters'],
    ['a hostname of 2 KiB is refused', { ...ok, hostname: 'h'.repeat(2048) }, 'register.agent_info.hostname: 2048 bytes, allowed: at most 1024'],
    ['a port past 65535 is refused', { ...ok, port: 70000 }, 'register.agent_info.port: 70000, allowed: a port from 0 to 65535'],
    ['an id with a slash is refused', { ...ok, id: { value: 'a/b' } }, 'register.agent_info.id.value: "a/b", allowed'],
    ['an id of 256 bytes is refused', { ...ok, id: { value: 'i'.repeat(256) } }, 'register.agent_info.id.value: 256 bytes, allowed: at most 255'],
    ['an attribute with an infinite scalar is refused', { ...ok, attributes: [{ name: 'slots', type: ValueType.SCALAR, scalar: { value: Infinity } }] }, 'register.agent_info.attributes[0].scalar.value: Infinity'],
    [`${V.MAX_ATTRIBUTES + 1} attributes are refused`, { ...ok, attributes: many(V.MAX_ATTRIBUTES + 1, (i) => ({ name: `a${i}`, type: ValueType.TEXT, text: { value: 'v' } })) }, `register.agent_info.attributes: ${V.MAX_ATTRIBUTES + 1} attributes`],
  ];
  test.each(rows)('%s', (_name, info, expected) => {
    const problem = V.registrationProblem('register', { agent_info: info });
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(expected);
  });

  test('a re-registering task with NaN resources is refused, naming the task', () => {
    expect(V.registrationProblem('register', { agent_info: ok, tasks: [{ task_id: { value: 't' }, resources: [cpus(1)] }, { task_id: { value: 't2' }, resources: [cpus(NaN)] }] })).toBe(
      'register.tasks[1].resources[0].scalar.value: NaN, allowed: a finite number from 0 to 9007199254740',
    );
  });

  test('a re-registering framework over a size limit is refused', () => {
    expect(V.registrationProblem('register', { agent_info: ok, frameworks: [{ name: 'x'.repeat(2000) }] })).toBe('register.frameworks[0].name: 2000 bytes, the limit is 1024');
  });
});

describe('ACCEPT refuses bad task resources and ids with INVALID_ARGUMENT', () => {
  const task = (t: Partial<TaskInfo>): TaskInfo => ({ name: 't', task_id: { value: 't1' }, command: { value: 'true' }, resources: [cpus(1)], ...t });
  const accept = (t: TaskInfo, group = false): Call => ({
    type: CallType.ACCEPT,
    framework_id: { value: 'f1' },
    accept: {
      offer_ids: [{ value: 'o1' }],
      operations: [
        group
          ? { type: OperationType.LAUNCH_GROUP, launch_group: { executor: { executor_id: { value: 'e' } }, task_group: { tasks: [t] } } }
          : { type: OperationType.LAUNCH, launch: { task_infos: [t] } },
      ],
    },
  });
  const L = 'accept.operations[0].launch.task_infos[0]';
  const G = 'accept.operations[0].launch_group.task_group.tasks[0]';
  const rows: Array<[string, Call, string | undefined]> = [
    ['a good task passes', accept(task({})), undefined],
    ['NaN cpus', accept(task({ resources: [cpus(NaN)] })), `${L}.resources[0].scalar.value: NaN`],
    ['negative cpus', accept(task({ resources: [cpus(-0.5)] })), `${L}.resources[0].scalar.value: -0.5`],
    ['infinite mem in a group', accept(task({ resources: [{ name: 'mem', scalar: { value: Infinity } }] }), true), `${G}.resources[0].scalar.value: Infinity`],
    ['an absurd port range', accept(task({ resources: [ports([[1, 2 ** 60]])] })), `${L}.resources[0].ranges.range[0].end: 1152921504606847000`],
    ['a task id with a slash', accept(task({ task_id: { value: '../etc' } })), `${L}.task_id.value: "../etc", allowed`],
    ['a task id with a newline', accept(task({ task_id: { value: 'a\nb' } })), `${L}.task_id.value: "a\\nb", allowed`],
    ['a task id "."', accept(task({ task_id: { value: '.' } })), `${L}.task_id.value: ".", allowed`],
    ['an executor with NaN resources', accept(task({ executor: { executor_id: { value: 'e' }, resources: [cpus(NaN)] } })), `${L}.executor.resources[0].scalar.value: NaN`],
  ];
  test.each(rows)('%s', (_name, call, expected) => {
    let error: unknown;
    try {
      validateCall(call);
    } catch (e) {
      error = e;
    }
    if (expected === undefined) return expect(error).toBeUndefined();
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).code).toBe(3); // INVALID_ARGUMENT
    expect((error as CallError).message).toContain(expected);
  });
});

describe('the agent refuses a task with bad resources before it runs', () => {
  test.each([
    ['NaN', NaN],
    ['negative', -1],
    ['infinite', Infinity],
    ['absurd', 1e300],
  ])('%s cpus', (_name, value) => {
    expect(taskProblem({ name: 't', task_id: { value: 't' }, command: { value: 'true' }, resources: [cpus(value)] })).toContain('task.resources[0].scalar.value:');
  });
});

describe('the CLI refuses absurd amounts', () => {
  test.each([
    ['an agent --resources scalar past the bound', () => parseResources('cpus:99999999999999999'), 'invalid entry "cpus:99999999999999999": cpus.scalar.value: 100000000000000000, allowed'],
    ['an agent --resources range past 2^53', () => parseResources('ports:[1-99999999999999999999]'), 'ports.ranges.range[0].end: 100000000000000000000, allowed'],
    ['an agent --resources JSON NaN-like negative', () => parseResources('[{"name":"cpus","type":"SCALAR","scalar":{"value":1e300}}]'), '[0].scalar.value: 1e+300, allowed'],
    ['meseta run --mem past the bound', () => amountFlag('--mem', '99999999999999999'), '--mem: "99999999999999999" is above 9007199254740'],
  ])('%s', (_name, run, expected) => {
    expect(run).toThrow(expected);
  });
});

describe('SUBSCRIBE refuses framework ids that cannot be directory names', () => {
  test.each([
    ['a failover id with a slash', { value: '../x' }, 'subscribe.framework_info.id.value: "../x", allowed'],
    ['a failover id ".."', { value: '..' }, 'subscribe.framework_info.id.value: "..", allowed'],
    ['a failover id with a control character', { value: 'a\u0007' }, 'subscribe.framework_info.id.value: "a\\u0007", allowed'],
  ])('%s', (_name, id, expected) => {
    expect(() => validateSubscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', user: 'u', id } } })).toThrow(expected);
  });

  test('a plain failover id passes', () => {
    expect(() => validateSubscribe({ type: CallType.SUBSCRIBE, framework_id: { value: 'f-1' }, subscribe: { framework_info: { name: 'fw', user: 'u', id: { value: 'f-1' } } } })).not.toThrow();
  });
});
