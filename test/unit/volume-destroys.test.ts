/**
 * Destroyed persistent volumes an agent has not been told of: which are
 * still to tell (never one the agent holds again), their place in the
 * agent's registry entry (op, log encoding, snapshot, kept across
 * re-admission), and end to end on masters sharing one registry store: a
 * DESTROY while the agent is disconnected, a new master recovered from the
 * store tells the re-registering agent, and the entry is then rewritten
 * without them.
 */
import type { Resource } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { formatResources } from '@meseta/proto/resources';
import { untoldOf, noteDestroyed, forgetDestroyed, untoldDestroyed } from '../../master/volume-destroys';
import {
  admitAgent,
  applyRegistryOp,
  decodeRegistryOp,
  emptyRegistry,
  encodeRegistryOp,
  parseRegistry,
  serializeRegistry,
  updateReservations,
} from '../../master/registry/registry-state';
import { Registrar } from '../../master/registry/registrar';
import { MemoryRegistryStore } from '../../master/registry/registry-store';
import { masterTestBed } from './fixtures/master-test-bed';

const STATIC = 1;
const vol = (id: string, mb: number, role = 'db'): Resource => ({
  name: 'disk',
  type: 0,
  scalar: { value: mb },
  reservations: [{ type: STATIC, role }],
  disk: { persistence: { id }, volume: { container_path: 'data', mode: 1 } },
});
const ids = (list: readonly Resource[] | null | undefined): string[] => (list ?? []).map((r) => `${r.reservations?.[r.reservations.length - 1]?.role}:${r.disk?.persistence?.id}`);

describe('untoldOf', () => {
  it.each<[string, Resource[], Resource[], string[]]>([
    ['none pending', [], [vol('a', 10)], []],
    ['one pending, not held', [vol('a', 10)], parseResources('disk(db):100'), ['db:a']],
    ['held again (undone, or created anew): never destroyed', [vol('a', 10), vol('b', 10)], [vol('a', 40)], ['db:b']],
    ['the same id of another role is another volume', [vol('a', 10, 'web')], [vol('a', 10)], ['web:a']],
    ['a repeat listed once', [vol('a', 10), vol('a', 10)], [], ['db:a']],
  ])('%s', (_case, pending, total, expected) => {
    expect(ids(untoldOf(pending, total))).toEqual(expected);
  });

  it('noteDestroyed adds, forgetDestroyed clears and says whether there were any', () => {
    const agent: { total: Resource[]; destroyedVolumes?: Resource[] } = { total: [vol('b', 10)] };
    noteDestroyed(agent, []);
    expect(agent.destroyedVolumes).toBeUndefined();
    noteDestroyed(agent, [vol('a', 10)]);
    noteDestroyed(agent, [vol('a', 10), vol('b', 10)]);
    expect(ids(untoldDestroyed(agent))).toEqual(['db:a']);
    expect(forgetDestroyed(agent)).toBe(true);
    expect(forgetDestroyed(agent)).toBe(false);
    expect(untoldDestroyed(agent)).toEqual([]);
  });
});

describe('destroyed volumes in the registry entry', () => {
  const info = { hostname: 'h1', resources: parseResources('cpus:4;disk(db):100') };

  it('are applied beside the reservations, kept across re-admission, cleared by an entry without them', () => {
    const s = emptyRegistry();
    admitAgent('a1', info, 1)(s);
    expect(updateReservations('a1', [vol('b', 20)], [vol('a', 10)])(s)).toBe(true);
    expect(updateReservations('a1', [vol('b', 20)], [vol('a', 10)])(s)).toBe(false); // no change, no write
    admitAgent('a1', { ...info, hostname: 'h1-renamed' }, 2)(s);
    expect(ids(s.agents.get('a1')?.destroyedVolumes)).toEqual(['db:a']);
    // Told: the same reservations without destroyed volumes is a change.
    expect(updateReservations('a1', [vol('b', 20)])(s)).toBe(true);
    expect(s.agents.get('a1')?.destroyedVolumes).toBeUndefined();
    expect(ids(s.agents.get('a1')?.reservations)).toEqual(['db:b']);
  });

  it('survive the log (encode, JSON, decode) and the snapshot', () => {
    const op = updateReservations('a1', [], [vol('a', 10), vol('x', 5, 'eng/backend')]).op!;
    const decoded = decodeRegistryOp(JSON.parse(JSON.stringify(encodeRegistryOp(op))));
    const s = emptyRegistry();
    admitAgent('a1', info, 1)(s);
    expect(applyRegistryOp(s, decoded)).toBe(true);
    const back = parseRegistry(serializeRegistry(s), 'test').agents.get('a1')!;
    expect(ids(back.destroyedVolumes)).toEqual(['db:a', 'eng/backend:x']);
    expect(back.destroyedVolumes?.[0].disk).toEqual({ persistence: { id: 'a' }, volume: { container_path: 'data', mode: 1 } });
    expect(formatResources(back.destroyedVolumes ?? [])).toBe('disk(db)[a:data]:10;disk(eng/backend)[x:data]:5');
    // A record of before this field reads as none.
    const old = decodeRegistryOp({ op: 'update_reservations', id: 'a1', resources: [] });
    expect(old).toEqual({ op: 'update_reservations', id: 'a1', resources: [] });
  });

  it.each<[string, string, RegExp]>([
    ['not a list', '"destroyed_volumes":7,', /an agent whose destroyed volumes are not a list/],
    ['a volume without a persistence id', '"destroyed_volumes":[{"name":"disk","type":"SCALAR","scalar":{"value":1}}],', /an agent whose destroyed volume 0 has no persistence id/],
  ])('refuses a snapshot whose destroyed volumes are %s, naming the problem', (_case, insert, problem) => {
    const s = emptyRegistry();
    admitAgent('a1', info, 1)(s);
    const text = serializeRegistry(s).toString().replace('"status"', `${insert}"status"`);
    expect(() => parseRegistry(Buffer.from(text), 'file x')).toThrow(problem);
  });
});

describe('a DESTROY while the agent is disconnected, then a master failover', () => {
  it('the next master tells the re-registering agent, then writes its entry without them', async () => {
    const store = new MemoryRegistryStore();
    const first = masterTestBed({ registrar: new Registrar(store) });
    let agentId = '';
    try {
      const agent = await first.addAgent('cpus:1;mem:256;disk(db):100');
      agentId = agent.agentId;
      await first.master.volumes.apply('create', agentId, [vol('a', 10), vol('b', 20)], 'create_volumes.volumes', 'create_volumes.agent_id');
      agent.link.onClose();
      expect(first.master.agents.get(agentId)?.status).toBe('DISCONNECTED');
      const before = agent.sink.parts.length;
      await first.master.volumes.apply('destroy', agentId, [vol('a', 10)], 'destroy_volumes.volumes', 'destroy_volumes.agent_id');
      expect(agent.sink.parts.length).toBe(before); // nobody to tell
      await first.master.settled();
      const stored = parseRegistry(store.bytes!, 'memory').agents.get(agentId)!;
      expect(ids(stored.destroyedVolumes)).toEqual(['db:a']);
      expect(ids(stored.reservations)).toEqual(['db:b']);
    } finally {
      first.stop();
    }

    // The next leader reads the same store.
    const registrar = new Registrar(store);
    const second = masterTestBed({ registrar });
    try {
      second.master.recover(await registrar.recover());
      expect(ids(second.master.agents.get(agentId)?.destroyedVolumes)).toEqual(['db:a']);
      const again = await second.addAgent('cpus:1;mem:256;disk(db):100', 'a1', agentId);
      const registered = again.sink.parts.find((p) => p.registered)!;
      expect(ids(registered.volumes?.volumes)).toEqual(['db:b']);
      expect(ids(registered.volumes?.destroyed)).toEqual(['db:a']);
      // Told: forgotten in memory and, once written, in the registry.
      expect(second.master.agents.get(agentId)?.destroyedVolumes).toBeUndefined();
      await second.master.settled();
      await new Promise((resolve) => setImmediate(resolve));
      await second.master.settled();
      const rewritten = parseRegistry(store.bytes!, 'memory').agents.get(agentId)!;
      expect(rewritten.destroyedVolumes).toBeUndefined();
      expect(ids(rewritten.reservations)).toEqual(['db:b']);
    } finally {
      second.stop();
    }
  });

  it('a volume created anew under the same id is not destroyed by the pending entry', async () => {
    const store = new MemoryRegistryStore();
    const bed = masterTestBed({ registrar: new Registrar(store) });
    try {
      const agent = await bed.addAgent('cpus:1;mem:256;disk(db):100');
      await bed.master.volumes.apply('create', agent.agentId, [vol('a', 10)], 'create_volumes.volumes', 'create_volumes.agent_id');
      agent.link.onClose();
      await bed.master.volumes.apply('destroy', agent.agentId, [vol('a', 10)], 'destroy_volumes.volumes', 'destroy_volumes.agent_id');
      await bed.master.volumes.apply('create', agent.agentId, [vol('a', 30)], 'create_volumes.volumes', 'create_volumes.agent_id');
      await bed.master.settled();
      const stored = parseRegistry(store.bytes!, 'memory').agents.get(agent.agentId)!;
      expect(stored.destroyedVolumes).toBeUndefined();
      const again = await bed.addAgent('cpus:1;mem:256;disk(db):100', 'a1', agent.agentId);
      const registered = again.sink.parts.find((p) => p.registered)!;
      expect(formatResources(registered.volumes?.volumes ?? [])).toBe('disk(db)[a:data]:30');
      expect(registered.volumes?.destroyed ?? []).toEqual([]);
    } finally {
      bed.stop();
    }
  });
});
