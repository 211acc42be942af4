/**
 * The (re-)registration path's fast answers (issue 11) agree with the long
 * way they stand in front of:
 *
 * - `registrationValid` is true exactly when `registrationProblemNamed`
 *   (every check with its field name built) finds nothing, and
 *   `registrationProblem` gives the long way's message word for word;
 * - `sameAgentInfo` (field by field first) answers as comparing the two
 *   AgentInfos encoded (`sameAgentInfoEncoded`), and its field walk never
 *   says "same" where the bytes differ.
 */
import * as V from '@meseta/proto/resource-validation';
import type { AgentInfo, AgentToMaster, Attribute, Resource } from '@meseta/proto/wire';
import { ValueType, pb } from '@meseta/proto/wire';
import { fieldsEqual, sameAgentInfo, sameAgentInfoEncoded } from '../../master/same-agent-info';

type Register = NonNullable<AgentToMaster['register']>;

const cpus = (value: number): Resource => ({ name: 'cpus', type: ValueType.SCALAR, scalar: { value } });
const ports = (spans: Array<[number, number]>): Resource => ({ name: 'ports', type: ValueType.RANGES, ranges: { range: spans.map(([begin, end]) => ({ begin, end })) } });
const text = (name: string, value: string): Attribute => ({ name, type: ValueType.TEXT, text: { value } });
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

const info: AgentInfo = { hostname: 'h1', ip: '127.0.0.1', port: 5051, id: { value: 'a1' }, resources: [cpus(4), ports([[31000, 32000]])], attributes: [text('rack', 'r1')] };
const task = (i: number, extra: Record<string, unknown> = {}): NonNullable<Register['tasks']>[number] =>
  ({ task_id: { value: `t${i}` }, framework_id: { value: 'f1' }, agent_id: { value: 'a1' }, name: `t${i}`, state: 1, resources: [cpus(0.1)], ...extra }) as NonNullable<Register['tasks']>[number];

describe('registrationValid agrees with the long way', () => {
  const rows: Array<[string, Register]> = [
    ['a plain agent', { agent_info: info }],
    ['an agent with ten tasks and a framework', { agent_info: info, tasks: many(10, (i) => task(i)), frameworks: [{ name: 'fw', user: 'u', id: { value: 'f1' } }] }],
    ['no agent_info', {}],
    ['NaN cpus in the AgentInfo', { agent_info: { ...info, resources: [cpus(NaN)] } }],
    ['a negative scalar', { agent_info: { ...info, resources: [cpus(-1)] } }],
    ['a scalar past the bound', { agent_info: { ...info, resources: [cpus(V.MAX_SCALAR_VALUE + 1)] } }],
    ['the largest scalar', { agent_info: { ...info, resources: [cpus(V.MAX_SCALAR_VALUE)] } }],
    ['a range that ends before it begins', { agent_info: { ...info, resources: [ports([[5, 4]])] } }],
    ['a fractional range bound', { agent_info: { ...info, resources: [ports([[1.5, 4]])] } }],
    ['a resource without a name', { agent_info: { ...info, resources: [{ type: ValueType.SCALAR, scalar: { value: 1 } }] } }],
    ['a resource named with a space', { agent_info: { ...info, resources: [{ name: 'a b', scalar: { value: 1 } }] } }],
    ['a TEXT resource', { agent_info: { ...info, resources: [{ name: 'x', type: ValueType.TEXT, text: { value: 'v' } } as Resource] } }],
    ['an empty set item', { agent_info: { ...info, resources: [{ name: 'gpus', type: ValueType.SET, set: { item: ['a', ''] } }] } }],
    ['a bad reservation role', { agent_info: { ...info, resources: [{ ...cpus(1), reservations: [{ role: '..' }] }] } }],
    ['a good reservation role', { agent_info: { ...info, resources: [{ ...cpus(1), reservations: [{ role: 'eng' }] }] } }],
    ['a bad allocation role', { agent_info: { ...info, resources: [{ ...cpus(1), allocation_role: 'a b' }] } }],
    [`${V.MAX_RESOURCES + 1} resources`, { agent_info: { ...info, resources: many(V.MAX_RESOURCES + 1, (i) => ({ name: `r${i}`, scalar: { value: 1 } })) } }],
    [`${V.MAX_RESOURCES} resources`, { agent_info: { ...info, resources: many(V.MAX_RESOURCES, (i) => ({ name: `r${i}`, scalar: { value: 1 } })) } }],
    ['a hostname with a newline', { agent_info: { ...info, hostname: 'a\nb' } }],
    ['a hostname of 1024 bytes', { agent_info: { ...info, hostname: 'h'.repeat(1024) } }],
    ['a hostname of 1025 bytes', { agent_info: { ...info, hostname: 'h'.repeat(1025) } }],
    ['an ip with a slash', { agent_info: { ...info, ip: '127.0.0.1/8' } }],
    ['an ip of 65 characters', { agent_info: { ...info, ip: '1'.repeat(65) } }],
    ['port 65535', { agent_info: { ...info, port: 65535 } }],
    ['port 65536', { agent_info: { ...info, port: 65536 } }],
    ['port 1.5', { agent_info: { ...info, port: 1.5 } }],
    ['an agent id with a slash', { agent_info: { ...info, id: { value: 'a/b' } } }],
    ['an agent id of "."', { agent_info: { ...info, id: { value: '.' } } }],
    ['an attribute with an infinite scalar', { agent_info: { ...info, attributes: [{ name: 's', type: ValueType.SCALAR, scalar: { value: Infinity } }] } }],
    ['an attribute of ranges', { agent_info: { ...info, attributes: [{ name: 's', type: ValueType.RANGES, ranges: { range: [{ begin: 1, end: 2 }] } }] } }],
    ['an attribute with a 1025-byte text', { agent_info: { ...info, attributes: [text('t', 'x'.repeat(1025))] } }],
    ['an attribute with an unknown type', { agent_info: { ...info, attributes: [{ name: 't', type: 99 as unknown as Attribute['type'] }] } }],
    [`${V.MAX_ATTRIBUTES + 1} attributes`, { agent_info: { ...info, attributes: many(V.MAX_ATTRIBUTES + 1, (i) => text(`a${i}`, 'v')) } }],
    ['a version of 1025 bytes', { agent_info: info, version: 'v'.repeat(1025) }],
    ['a task id with a slash', { agent_info: info, tasks: [task(0), task(1, { task_id: { value: 'a/b' } })] }],
    ['a framework id of ".."', { agent_info: info, tasks: [task(0, { framework_id: { value: '..' } })] }],
    ['an executor id with a control character', { agent_info: info, tasks: [task(0, { executor_id: { value: 'e\u0001' } })] }],
    ['a task with NaN cpus', { agent_info: info, tasks: [task(0), task(1, { resources: [cpus(NaN)] })] }],
    ['a task without resources', { agent_info: info, tasks: [task(0, { resources: undefined })] }],
    ['a framework named over the limit', { agent_info: info, frameworks: [{ name: 'x'.repeat(2000) }] }],
    ['a framework with a long principal', { agent_info: info, frameworks: [{ name: 'fw', principal: 'p'.repeat(2000) }] }],
  ];
  test.each(rows)('%s', (_name, reg) => {
    const long = V.registrationProblemNamed('register', reg);
    expect(V.registrationValid(reg)).toBe(long === undefined);
    expect(V.registrationProblem('register', reg)).toBe(long);
  });
});

describe('sameAgentInfo answers as the encoded comparison', () => {
  const decoded = (x: AgentInfo): AgentInfo => pb.AgentInfo.decode(pb.AgentInfo.encode(x).finish()) as unknown as AgentInfo;
  const rows: Array<[string, AgentInfo, AgentInfo]> = [
    ['the same object', info, info],
    ['a copy', info, JSON.parse(JSON.stringify(info)) as AgentInfo],
    ['a decoded copy against the plain object', decoded(info), info],
    ['two decoded copies', decoded(info), decoded(info)],
    ['ids differ only', info, { ...info, id: { value: 'a2' } }],
    ['one without an id', info, { ...info, id: undefined }],
    ['another hostname', info, { ...info, hostname: 'h2' }],
    ['another port', info, { ...info, port: 5052 }],
    ['the port absent against the default written', { ...info, port: undefined }, info],
    ['the port null against absent', { ...info, port: null } as unknown as AgentInfo, { ...info, port: undefined }],
    ['another ip', info, { ...info, ip: '127.0.0.2' }],
    ['more cpus', info, { ...info, resources: [cpus(5), ports([[31000, 32000]])] }],
    ['resources in another order', info, { ...info, resources: [ports([[31000, 32000]]), cpus(4)] }],
    ['a resource fewer', info, { ...info, resources: [cpus(4)] }],
    ['no attributes against an empty list', { ...info, attributes: undefined }, { ...info, attributes: [] }],
    ['an attribute more', info, { ...info, attributes: [text('rack', 'r1'), text('zone', 'z')] }],
    ['another attribute value', info, { ...info, attributes: [text('rack', 'r2')] }],
    ['the scalar -0 against 0', { ...info, resources: [cpus(-0)] }, { ...info, resources: [cpus(0)] }],
    ['a type written against the default type absent', { ...info, resources: [cpus(4)] }, { ...info, resources: [{ name: 'cpus', scalar: { value: 4 } }] }],
    ['a field the message does not know', info, { ...info, extra: 1 } as unknown as AgentInfo],
    ['an empty info against an info with only an id', {}, { id: { value: 'x' } }],
  ];
  test.each(rows)('%s', (_name, a, b) => {
    const encoded = sameAgentInfoEncoded(a, b);
    expect(sameAgentInfo(a, b)).toBe(encoded);
    expect(sameAgentInfo(b, a)).toBe(encoded);
    // The walk alone may say "different" for infos that encode alike, never "same" for infos that do not.
    if (fieldsEqual(a, b, 'id')) expect(encoded).toBe(true);
  });
});
