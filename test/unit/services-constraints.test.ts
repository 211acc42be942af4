import { constraintRefusal, parseConstraint, type Constraint, type PlacementFacts } from '../../frameworks/services/constraints';
import { placeInstances } from '../../frameworks/services/placement';
import { validateApp, type AppDefinition } from '../../frameworks/services/app-definition';
import type { Offer } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';

const at = (hostname: string, attributes: Record<string, string> = {}): PlacementFacts => ({ agentId: `id-${hostname}`, hostname, attributes });
const c = (raw: string[]): Constraint => parseConstraint(raw) as Constraint;

describe('constraints', () => {
  it.each<[string, string[], PlacementFacts, PlacementFacts[], string | undefined]>([
    ['UNIQUE allows a new hostname', ['hostname', 'UNIQUE'], at('a'), [at('b')], undefined],
    ['UNIQUE refuses a used hostname', ['hostname', 'UNIQUE'], at('a'), [at('a')], 'hostname:UNIQUE: hostname a already runs an instance'],
    ['CLUSTER with a value allows it', ['rack', 'CLUSTER', 'r1'], at('a', { rack: 'r1' }), [], undefined],
    ['CLUSTER with a value refuses another', ['rack', 'CLUSTER', 'r1'], at('a', { rack: 'r2' }), [], 'rack:CLUSTER:r1: rack is r2, instances must run where it is r1'],
    ['CLUSTER without value follows the first instance', ['rack', 'CLUSTER'], at('a', { rack: 'r2' }), [at('b', { rack: 'r1' })], 'rack:CLUSTER: rack is r2, instances must run where it is r1'],
    ['LIKE matches the whole value', ['hostname', 'LIKE', 'web-[0-9]+'], at('web-12'), [], undefined],
    ['LIKE refuses a partial match', ['hostname', 'LIKE', 'web'], at('web-12'), [], 'hostname:LIKE:web: hostname web-12 does not match web'],
    ['UNLIKE refuses a match', ['hostname', 'UNLIKE', 'db-.*'], at('db-1'), [], 'hostname:UNLIKE:db-.*: hostname db-1 matches db-.*'],
    ['MAX_PER allows below the limit', ['rack', 'MAX_PER', '2'], at('a', { rack: 'r1' }), [at('b', { rack: 'r1' })], undefined],
    ['MAX_PER refuses at the limit', ['rack', 'MAX_PER', '2'], at('a', { rack: 'r1' }), [at('b', { rack: 'r1' }), at('c', { rack: 'r1' })], 'rack:MAX_PER:2: rack r1 already runs 2 of at most 2'],
    ['GROUP_BY allows the emptier group', ['rack', 'GROUP_BY', '2'], at('a', { rack: 'r2' }), [at('b', { rack: 'r1' })], undefined],
    ['GROUP_BY refuses the fuller group', ['rack', 'GROUP_BY', '2'], at('a', { rack: 'r1' }), [at('b', { rack: 'r1' })], 'rack:GROUP_BY:2: rack r1 already runs 1, more than an even spread over 2 groups allows'],
    ['a missing attribute refuses', ['rack', 'UNIQUE'], at('a'), [], 'rack:UNIQUE: agent a has no attribute "rack"'],
  ])('%s', (_name, raw, candidate, placed, refusal) => {
    expect(constraintRefusal(c(raw), candidate, placed)).toBe(refusal);
  });

  it.each<[unknown, string]>([
    [['hostname'], 'must be [field, operator] or [field, operator, value], all strings'],
    [['hostname', 'UNIQUE', 'x'], 'UNIQUE takes no value'],
    [['hostname', 'LIKE'], 'LIKE needs a regular expression as value'],
    [['rack', 'GROUP_BY', '0'], 'GROUP_BY value "0" must be a whole number >= 1'],
    ['hostname:UNIQUE', 'must be [field, operator] or [field, operator, value], all strings'],
  ])('refuses the malformed constraint %j', (raw, message) => {
    expect(parseConstraint(raw)).toBe(message);
  });
});

function offer(id: string, hostname: string, cpus: number, ports: [number, number] = [31000, 31009]): Offer {
  return {
    id: { value: id },
    agent_id: { value: `agent-${hostname}` },
    hostname,
    agent_address: { ip: '127.0.0.1' },
    resources: [
      { name: 'cpus', type: ValueType.SCALAR, scalar: { value: cpus } },
      { name: 'mem', type: ValueType.SCALAR, scalar: { value: 1024 } },
      { name: 'ports', type: ValueType.RANGES, ranges: { range: [{ begin: ports[0], end: ports[1] }] } },
    ],
  };
}

function app(extra: Record<string, unknown>): AppDefinition {
  const r = validateApp({ id: 'web', command: 'serve', cpus: 0.5, mem: 64, ports: 1, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.app;
}

describe('placement', () => {
  let n = 0;
  const ctx = { frameworkUrl: 'http://127.0.0.1:1', newInstanceId: (a: AppDefinition) => `${a.id}.${++n}` };

  it('places instances first-fit with distinct ports and says why the rest did not fit', () => {
    const round = placeInstances([{ app: app({}), version: 'v1', count: 5, placed: [] }], [offer('o1', 'a', 1), offer('o2', 'b', 1)], ctx);
    expect(round.placed.map((p) => p.offer.hostname)).toEqual(['a', 'b', 'a', 'b']);
    const ports = round.placed.map((p) => p.compiled.ports[0]);
    expect(ports).toEqual([31000, 31000, 31001, 31001]);
    expect(round.shortfalls).toEqual([{ appId: 'web', wanted: 5, placed: 4, reasons: ['agent a: web: cpus: asked 0.5, offer holds 0', 'agent b: web: cpus: asked 0.5, offer holds 0'] }]);
    expect(round.refusals[0]).toMatchObject({ name: 'cpus', requested: 0.5, available: 0 });
    expect(round.unusedOffers).toEqual([]);
  });

  it('counts running and newly placed instances against UNIQUE and reports the reason as a refusal', () => {
    const round = placeInstances(
      [{ app: app({ constraints: [['hostname', 'UNIQUE']] }), version: 'v1', count: 3, placed: [at('a')] }],
      [offer('o1', 'a', 2), offer('o2', 'b', 2)],
      ctx,
    );
    expect(round.placed.map((p) => p.offer.hostname)).toEqual(['b']);
    expect(round.shortfalls[0].reasons).toEqual([
      'agent a: web: hostname:UNIQUE: hostname a already runs an instance',
      'agent b: web: hostname:UNIQUE: hostname b already runs an instance',
    ]);
    expect(round.refusals).toContainEqual({ name: 'constraint hostname:UNIQUE', requested: 1, available: 0, message: 'web: hostname:UNIQUE: hostname a already runs an instance' });
    expect(round.unusedOffers.map((o) => o.id?.value)).toEqual(['o1']);
  });

  it('compiles a pod into one task group with every container port in every environment', () => {
    const pod = app({ command: undefined, ports: undefined, cpus: undefined, mem: undefined, pod: { containers: [{ name: 'main', command: 'serve', ports: 1 }, { name: 'sidecar', command: 'watch', ports: 1 }] } });
    const round = placeInstances([{ app: pod, version: 'v1', count: 1, placed: [] }], [offer('o1', 'a', 1)], ctx);
    const compiled = round.placed[0].compiled;
    expect(compiled.kind).toBe('group');
    if (compiled.kind !== 'group') return;
    expect(compiled.tasks.map((t) => t.task_id?.value)).toEqual([`${round.placed[0].instanceId}.main`, `${round.placed[0].instanceId}.sidecar`]);
    const env = (i: number): Record<string, string> => Object.fromEntries((compiled.tasks[i].command?.environment?.variables ?? []).map((v) => [v.name, v.value]));
    expect(env(1).POD_MAIN_PORT0).toBe('31000');
    expect(env(0).POD_SIDECAR_PORT0).toBe('31001');
    expect(compiled.ports).toEqual([31000, 31001]);
  });
});
