/**
 * The direct JSON writers (master/proto-json.ts) against the old path
 * (protobufjs fromObject/toObject, then JSON.stringify): the same text for
 * tasks, agents, frameworks, offers and roles with every optional field
 * present and absent, unicode, large and 64-bit numbers, enums by number
 * (known and unknown) and by name, class instances, and shapes the writer
 * leaves to the old path.
 */
import { Enum, Root, Type, type Field } from 'protobufjs/light';
import { pb, TaskState, ValueType } from '@meseta/proto/wire';
import { MESETA_DESCRIPTOR } from '@meseta/proto/descriptor';
import { ProtoJsonWriter, protobufJson, type GeneratedCodec } from '../../master/proto-json';
import { seededRandom } from '../../master/allocator/seeded-random';

const root = Root.fromJSON(MESETA_DESCRIPTOR as Parameters<typeof Root.fromJSON>[0]);
root.resolveAll();

const codec = (name: string): GeneratedCodec => name.split('.').reduce((at: Record<string, unknown>, part) => at[part] as Record<string, unknown>, pb as unknown as Record<string, unknown>) as unknown as GeneratedCodec;


const STRINGS = ['', 'web-1', 'ünïcødé ✓', '日本語のタスク', 'emoji 🚀 pair', 'quote " back \\ slash', 'line\nbreak\ttab', '\u0000\u001f', '\ud800 lone'];
const NUMBERS = [0, 1, -1, 1.5, 0.1 + 0.2, 2 ** 31, 2 ** 32 + 7, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 1e-7, 1700000000.123456];

/** A random value of a message type: each field present with probability `p` (0: none, 1: all). */
function randomMessage(type: Type, next: () => number, p: number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const one = (f: Field): unknown => {
    const r = f.resolvedType;
    if (r instanceof Type) return depth > 4 ? {} : randomMessage(r, next, p, depth + 1);
    if (r instanceof Enum) {
      const ids = Object.values(r.values);
      return next() < 0.9 ? pick(ids) : 9999; // now and then a number the enum does not know
    }
    switch (f.type) {
      case 'string': return pick(STRINGS);
      case 'bool': return next() < 0.5;
      case 'bytes': return Uint8Array.from([0, 255, Math.floor(next() * 256), 62, 63]);
      default: return pick(NUMBERS);
    }
  };
  for (const f of type.fieldsArray) {
    if (next() >= p) continue;
    if (f.map) {
      const m: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 3); i > 0; i--) m[pick(['a', 'b', '10', '2', 'ü'])] = one(f);
      out[f.name] = m;
    } else if (f.repeated) {
      const n = Math.floor(next() * 4);
      out[f.name] = Array.from({ length: n }, () => {
        const v = one(f);
        return v === 9999 ? (f.resolvedType as Enum).values[Object.keys((f.resolvedType as Enum).values)[0]] : v;
      });
    } else {
      out[f.name] = one(f);
    }
  }
  return out;
}

const KINDS = ['Task', 'AgentState', 'FrameworkState', 'Offer', 'RoleState', 'TaskStatus', 'Resource', 'ContainerInfo', 'ClusterState'];

describe('ProtoJsonWriter writes the bytes of fromObject/toObject/JSON.stringify', () => {
  describe.each(KINDS)('%s', (kind) => {
    const type = root.lookupType(`.meseta.v1.${kind}`);
    const writer = new ProtoJsonWriter(kind);
    const old = codec(kind);

    it.each([
      ['no field set', 0],
      ['every field set', 1],
      ['about half the fields set', 0.5],
    ])('random messages, %s', (_label, p) => {
      const next = seededRandom(kind.length * 7919 + Math.round(p * 100));
      for (let i = 0; i < 60; i++) {
        const value = randomMessage(type, next, p, 0);
        expect(writer.write(value)).toBe(protobufJson(old, value));
      }
      expect(writer.fallbacks).toBe(0);
    });

    it('class instances (decoded messages) and plain objects holding them', () => {
      const next = seededRandom(kind.length * 31);
      for (let i = 0; i < 30; i++) {
        const value = randomMessage(type, next, 0.7, 0);
        const instance = old.fromObject(value);
        expect(writer.write(instance)).toBe(protobufJson(old, instance));
        const decoded = (old as unknown as { decode(b: Uint8Array): unknown; encode(m: unknown): { finish(): Uint8Array } });
        const wire = decoded.decode(decoded.encode(instance).finish());
        expect(writer.write(wire)).toBe(protobufJson(old, wire));
        const mixed = { ...(wire as Record<string, unknown>) };
        expect(writer.write(mixed)).toBe(protobufJson(old, mixed));
      }
      expect(writer.fallbacks).toBe(0);
    });
  });

  const task = new ProtoJsonWriter('Task');
  it.each<[string, Record<string, unknown>]>([
    ['a running task as the master keeps it', {
      name: 'web ✓', task_id: { value: 't-1' }, framework_id: { value: 'f-1' }, agent_id: { value: 'a-1' }, state: TaskState.TASK_RUNNING,
      resources: [{ name: 'cpus', type: ValueType.SCALAR, scalar: { value: 0.1 } }, { name: 'ports', type: ValueType.RANGES, ranges: { range: [{ begin: 31000, end: 31005 }] } }],
      statuses: [{ task_id: { value: 't-1' }, state: TaskState.TASK_RUNNING, timestamp: 1700000000.123456, uuid: Uint8Array.from([1, 2, 3]) }],
      labels: { labels: [{ key: 'k', value: 'v ü' }] }, user: 'root',
    }],
    ['no fields', {}],
    ['undefined and null fields', { name: undefined, task_id: null, state: undefined, resources: undefined, statuses: null }],
    ['empty lists', { resources: [], statuses: [] }],
    ['an enum by name (left to the old path)', { state: 'TASK_RUNNING' }],
    ['an unknown enum name (left to the old path)', { state: 'NOT_A_STATE' }],
    ['an unknown enum number (left out)', { state: 4242 }],
    ['a 64-bit number as text (left to the old path)', { resources: [{ name: 'ports', type: ValueType.RANGES, ranges: { range: [{ begin: '31000', end: '9007199254740993' }] } }] }],
    ['64-bit numbers beyond 2^53', { resources: [{ name: 'ports', type: ValueType.RANGES, ranges: { range: [{ begin: 2 ** 60, end: 2 ** 64 }] } }] }],
    ['a number where text goes (left to the old path)', { name: 12, user: true }],
    ['bytes as base64 text (left to the old path)', { status_update_uuid: 'AAEC' }],
    ['bytes as a Buffer', { status_update_uuid: Buffer.from([250, 251, 252]) }],
    ['NaN and Infinity in a double', { statuses: [{ timestamp: Number.NaN }, { timestamp: Infinity }] }],
    ['falsy non-lists where lists go', { resources: 0, statuses: '' }],
    ['extra fields the schema does not have', { name: 'x', not_a_field: 1, slave_id: { value: 'old' } }],
  ])('a task: %s', (_label, value) => {
    const before = task.fallbacks;
    expect(task.write(value)).toBe(protobufJson(pb.Task as unknown as GeneratedCodec, value));
    // Only the shapes named "left to the old path" take it.
    expect(task.fallbacks - before).toBe(_label.includes('old path') ? 1 : 0);
  });

  it.each<[string, unknown]>([
    ['a non-list where a list goes', { resources: { name: 'cpus' } }],
    ['a non-object where a message goes', { task_id: 'x' }],
  ])('a task the old path refuses, refused the same way: %s', (_label, value) => {
    expect(() => protobufJson(pb.Task as unknown as GeneratedCodec, value)).toThrow(TypeError);
    expect(() => task.write(value)).toThrow(TypeError);
  });

  it('an offer and an agent with a map of attributes and unicode hostnames', () => {
    const offer = new ProtoJsonWriter('Offer');
    const value = { id: { value: 'o-1' }, framework_id: { value: 'f' }, agent_id: { value: 'a' }, hostname: 'hôte-1', resources: [{ name: 'mem', type: ValueType.SCALAR, scalar: { value: 128 } }] };
    expect(offer.write(value)).toBe(protobufJson(pb.Offer as unknown as GeneratedCodec, value));
  });
});
