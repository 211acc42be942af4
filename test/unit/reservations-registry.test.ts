/**
 * Reservations as registry state: the `update_reservations` op (apply,
 * encode, decode, snapshot round trip, kept across re-admission) and their
 * re-application to what an agent reports when it re-registers.
 */
import type { Resource } from '@meseta/proto/wire';
import { normalize, reservationRole } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import {
  admitAgent,
  applyRegistryOp,
  decodeRegistryOp,
  emptyRegistry,
  encodeRegistryOp,
  markAgentGone,
  parseRegistry,
  serializeRegistry,
  updateReservations,
} from '../../master/registry/registry-state';
import { applyStoredReservations } from '../../master/agent-reservations';

const dyn = (role: string, principal?: string, labels?: Record<string, string>) => ({
  type: DYNAMIC_RESERVATION,
  role,
  ...(principal ? { principal } : {}),
  ...(labels ? { labels: { labels: Object.entries(labels).map(([key, value]) => ({ key, value })) } } : {}),
});
const reserved = (text: string, ...stack: ReturnType<typeof dyn>[]): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: stack }));
const summary = (list: readonly Resource[]): string[] =>
  normalize(list).map((r) => `${r.name}:${r.scalar?.value}@${reservationRole(r)}${r.reservations?.[r.reservations.length - 1]?.principal ? `/${r.reservations[r.reservations.length - 1].principal}` : ''}`);

describe('update_reservations in the registry', () => {
  const info = { hostname: 'h1', resources: parseResources('cpus:4;mem:1024') };
  const stored = reserved('cpus:2;mem:512', dyn('eng', 'ops', { why: 'db' }));

  it('is applied, kept across re-admission, cleared by an empty list, ignored for unknown or gone agents', () => {
    const s = emptyRegistry();
    expect(updateReservations('a1', stored)(s)).toBe(false); // unknown agent
    admitAgent('a1', info, 1)(s);
    expect(updateReservations('a1', stored)(s)).toBe(true);
    expect(updateReservations('a1', stored)(s)).toBe(false); // no change, no write
    admitAgent('a1', { ...info, hostname: 'h1-renamed' }, 2)(s);
    expect(s.agents.get('a1')?.reservations).toEqual(stored);
    expect(updateReservations('a1', [])(s)).toBe(true);
    expect(s.agents.get('a1')?.reservations).toBeUndefined();
    markAgentGone('a1', 3)(s);
    expect(updateReservations('a1', stored)(s)).toBe(false);
  });

  it('survives the log (encode, JSON, decode) and the snapshot with principal and labels', () => {
    const op = updateReservations('a1', stored).op!;
    const decoded = decodeRegistryOp(JSON.parse(JSON.stringify(encodeRegistryOp(op))));
    expect(decoded.op).toBe('update_reservations');
    const s = emptyRegistry();
    admitAgent('a1', info, 1)(s);
    applyRegistryOp(s, decoded);
    const back = parseRegistry(serializeRegistry(s), 'test');
    const reservations = back.agents.get('a1')?.reservations ?? [];
    expect(summary(reservations)).toEqual(['cpus:2@eng/ops', 'mem:512@eng/ops']);
    expect(reservations[0].reservations?.[0]).toEqual(expect.objectContaining({ type: DYNAMIC_RESERVATION, role: 'eng', principal: 'ops', labels: { labels: [{ key: 'why', value: 'db' }] } }));
    // Read back, they are the same kind as the master's own.
    expect(normalize([...reservations, ...stored])).toHaveLength(2);
  });

  it('refuses a snapshot whose reservations are not a list, naming the problem', () => {
    const s = emptyRegistry();
    admitAgent('a1', info, 1)(s);
    const text = serializeRegistry(s).toString().replace('"status"', '"reservations":7,"status"');
    expect(() => parseRegistry(Buffer.from(text), 'file x')).toThrow(/registry at file x is corrupt \(an agent whose reservations are not a list\)/);
  });
});

describe('applyStoredReservations', () => {
  it.each<[string, string, Resource[], string[], number]>([
    ['none stored', 'cpus:4;mem:1024', [], ['cpus:4@*', 'mem:1024@*'], 0],
    ['applied to what the agent reports', 'cpus:4;mem:1024', reserved('cpus:2', dyn('eng', 'p')), ['cpus:2@*', 'mem:1024@*', 'cpus:2@eng/p'], 0],
    ['a refinement beside what is left of its parent', 'cpus:4', [...reserved('cpus:1', dyn('eng'), dyn('eng/be')), ...reserved('cpus:2', dyn('eng'))], ['cpus:1@*', 'cpus:1@eng/be', 'cpus:2@eng'], 0],
    ['one that no longer fits is dropped, the others kept', 'cpus:2;mem:1024', [...reserved('cpus:3', dyn('eng')), ...reserved('mem:512', dyn('eng'))], ['cpus:2@*', 'mem:512@*', 'mem:512@eng'], 1],
    ['already there (the agent came back to this master)', 'cpus:2', reserved('cpus:2', dyn('eng')), ['cpus:2@eng'], 0],
  ])('%s', (_name, reported, stored, expected, dropped) => {
    const reportedResources = _name.startsWith('already') ? reserved(reported, dyn('eng')) : parseResources(reported);
    const got = applyStoredReservations(reportedResources, stored);
    expect(summary(got.total)).toEqual(expected);
    expect(got.dropped).toHaveLength(dropped);
    if (dropped) expect(got.dropped[0].shortfalls[0]).toEqual(expect.objectContaining({ name: 'cpus', requested: 3, available: 2 }));
  });
});
