/**
 * Persistent volumes in the master, with fake agents and frameworks: the
 * operator's CREATE_VOLUMES rescinds the offer holding the disk first and
 * tells the agent (MasterToAgent.volumes); a DESTROY of a volume a task uses
 * is refused naming the task; a DESTROY tells the agent which one went; an
 * agent re-registering gets its set with `registered`; ACLs refuse naming
 * the action. Registry application: stored volumes are carved again from
 * what an agent reports (dynamic and static reservations), and survive the
 * registry log's encoding. Parts of one tick merge their volumes.
 */
import { parseResources } from '@meseta/proto/resource-text';
import { formatResources } from '@meseta/proto/resources';
import { DYNAMIC_RESERVATION, dynamicallyReserved } from '@meseta/proto/reservations';
import { CallType, OperationType, type Call, type Operation, type Resource } from '@meseta/proto/wire';
import { callRefusalFor, type SchedulerActor } from '../../master/auth/grpc-guard';
import type { Master } from '../../master/master';
import { applyStoredReservations } from '../../master/agent-reservations';
import { mergeAgentParts } from '../../master/agent-api';
import { volumesByOperator, VolumeError } from '../../master/operator-volumes';
import { OperatorActionError, type OperatorAuthority } from '../../master/operator-actions';
import { decodeRegistryOp, encodeRegistryOp } from '../../master/registry/registry-state';
import { masterTestBed } from './fixtures/master-test-bed';

const STATIC = 1;
const vol = (id: string, mb: number, role = 'db', type = STATIC, principal?: string): Resource => ({
  name: 'disk',
  type: 0,
  scalar: { value: mb },
  reservations: [{ type, role }],
  disk: { persistence: { id, ...(principal ? { principal } : {}) }, volume: { container_path: 'data', mode: 1 } },
});
const text = (list: readonly Resource[]): string => formatResources(list);
const ids = (list: readonly Resource[] | null | undefined): string[] => (list ?? []).map((r) => r.disk?.persistence?.id ?? '');

describe('operator volumes on the master', () => {
  it('creates from the offered disk (rescinded first), tells the agent, refuses a DESTROY while a task uses it naming the task', async () => {
    const bed = masterTestBed();
    try {
      const { agentId, sink } = await bed.addAgent('cpus:2;mem:1024;disk(db):100');
      const fw = await bed.subscribe('db-fw', { roles: ['db'] });
      bed.master.runAllocation();
      const [offer] = fw.sink.offers();
      expect(offer).toBeDefined();

      const now = await bed.master.volumes.apply('create', agentId, [vol('a', 40)], 'create_volumes.volumes', 'create_volumes.agent_id', 'ops');
      expect(ids(now)).toEqual(['a']);
      expect(fw.sink.rescinds()).toEqual([offer.id!.value]);
      expect(text(bed.master.agents.get(agentId)!.total)).toBe('cpus:2;mem:1024;disk(db):60;disk(db)[a:data]:40');
      // The agent learns its set, with the creator's principal recorded.
      const told = sink.parts.filter((p) => p.volumes);
      expect(told).toHaveLength(1);
      expect(told[0].volumes?.volumes?.[0].disk?.persistence).toEqual({ id: 'a', principal: 'ops' });
      expect(told[0].volumes?.destroyed ?? []).toEqual([]);

      // The framework is offered the volume and launches a task on it.
      bed.master.runAllocation();
      const withVolume = fw.sink.offers().find((o) => (o.resources ?? []).some((r) => r.disk?.persistence?.id === 'a'))!;
      expect(withVolume).toBeDefined();
      const volume = withVolume.resources!.find((r) => r.disk?.persistence?.id === 'a')!;
      fw.call({
        type: CallType.ACCEPT,
        accept: { offer_ids: [withVolume.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [{ ...bed.task('pg-0', withVolume, 0.5, 64), resources: [...bed.task('pg-0', withVolume, 0.5, 64).resources!, volume] }] } }] },
      });
      expect(sink.runs().map((r) => r.task?.task_id?.value)).toEqual(['pg-0']);
      expect(sink.runs()[0].task?.resources?.find((r) => r.disk)?.disk?.volume?.container_path).toBe('data');

      const inUse = await bed.master.volumes.apply('destroy', agentId, [vol('a', 40)], 'destroy_volumes.volumes', 'destroy_volumes.agent_id').catch((e: unknown) => e);
      expect(inUse).toBeInstanceOf(VolumeError);
      expect((inUse as VolumeError).message).toBe('destroy_volumes.volumes[0]: volume "a" is in use by task pg-0 (kill it first)');
      expect((inUse as VolumeError).inUseBy).toEqual(['pg-0']);

    } finally {
      bed.stop();
    }
  });

  it('a DESTROY tells the agent the destroyed volume; a re-registering agent gets its set with registered', async () => {
    const bed = masterTestBed();
    try {
      const { agentId, sink } = await bed.addAgent('cpus:1;mem:256;disk(db):100');
      await bed.master.volumes.apply('create', agentId, [vol('a', 10), vol('b', 20)], 'create_volumes.volumes', 'create_volumes.agent_id');
      await bed.master.volumes.apply('destroy', agentId, [vol('a', 10)], 'destroy_volumes.volumes', 'destroy_volumes.agent_id');
      const last = sink.parts.filter((p) => p.volumes).pop()!;
      expect(ids(last.volumes?.volumes)).toEqual(['b']);
      expect(ids(last.volumes?.destroyed)).toEqual(['a']);
      expect(text(bed.master.agents.get(agentId)!.total)).toBe('cpus:1;mem:256;disk(db):80;disk(db)[b:data]:20');

      const again = await bed.addAgent('cpus:1;mem:256;disk(db):100', 'a1', agentId);
      const registered = again.sink.parts.find((p) => p.registered)!;
      expect(ids(registered.volumes?.volumes)).toEqual(['b']);
    } finally {
      bed.stop();
    }
  });

  it.each<[string, Resource[], string, string]>([
    ['unreserved disk', [{ ...vol('a', 10), reservations: [] }], 'invalid', 'create_volumes.volumes[0].reservations: a volume needs reserved disk'],
    ['more than the reserved disk', [vol('a', 500)], 'conflict', 'create_volumes.volumes: the reserved disk for the volumes is not all there: disk: asked 500, agent has 100 reserved for role "db"'],
    ['an unknown agent', [vol('a', 10)], 'not_found', 'create_volumes.agent_id: agent nope is not registered with this master'],
  ])('refuses %s as the transports answer it', async (name, volumes, kind, message) => {
    const bed = masterTestBed();
    try {
      const { agentId } = await bed.addAgent('cpus:1;mem:256;disk(db):100');
      const error = await volumesByOperator(bed.master, { check: () => undefined }, 'create', name === 'an unknown agent' ? 'nope' : agentId, volumes, 'create_volumes').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperatorActionError);
      expect((error as OperatorActionError).kind).toBe(kind);
      expect((error as OperatorActionError).message).toContain(message);
    } finally {
      bed.stop();
    }
  });

  it('checks create_volumes on the role and destroy_volumes on the creator principal', async () => {
    const bed = masterTestBed();
    try {
      const { agentId } = await bed.addAgent('cpus:1;mem:256;disk(db):100');
      const asked: string[] = [];
      const denyAll: OperatorAuthority = {
        principal: 'ops',
        check: (action, object) => {
          asked.push(`${action}:${object}`);
          return { message: `principal ops may not ${action} on ${object}` };
        },
      };
      await expect(volumesByOperator(bed.master, denyAll, 'create', agentId, [vol('a', 10)], 'create_volumes')).rejects.toThrow('principal ops may not create_volume on db');
      await bed.master.volumes.apply('create', agentId, [vol('a', 10, 'db', STATIC, 'maker')], 'create_volumes.volumes', 'create_volumes.agent_id', 'maker');
      await expect(volumesByOperator(bed.master, denyAll, 'destroy', agentId, [vol('a', 10)], 'destroy_volumes')).rejects.toThrow('principal ops may not destroy_volume on maker');
      expect(asked).toEqual(['create_volume:db', 'destroy_volume:maker']);
    } finally {
      bed.stop();
    }
  });
});

describe('registry application of volumes', () => {
  const dyn = (r: Resource): Resource => ({ ...r, reservations: [{ type: DYNAMIC_RESERVATION, role: 'db', principal: 'p' }] });
  it.each<[string, string, Resource[], string]>([
    ['a volume on dynamically reserved disk', 'cpus:1;disk:100', [dyn({ name: 'disk', type: 0, scalar: { value: 60 } }), dyn(vol('a', 40))], 'cpus:1;disk(db):60;disk(db)[a:data]:40'],
    ['a volume on statically reserved disk', 'cpus:1;disk(db):100', [vol('a', 40)], 'cpus:1;disk(db):60;disk(db)[a:data]:40'],
    ['two volumes, one role', 'disk(db):100', [vol('a', 40), vol('b', 60)], 'disk(db)[a:data]:40;disk(db)[b:data]:60'],
  ])('%s is carved again from what the agent reports', (_case, reported, stored, expected) => {
    const { total, dropped } = applyStoredReservations(parseResources(reported), stored);
    expect(dropped).toEqual([]);
    expect(text(total)).toBe(expected);
  });

  it('drops (and reports) a volume that no longer fits the agent, keeping the others', () => {
    const { total, dropped } = applyStoredReservations(parseResources('disk(db):50'), [vol('a', 40), vol('b', 60)]);
    expect(text(total)).toBe('disk(db):10;disk(db)[a:data]:40');
    expect(ids(dropped.map((d) => d.resource))).toEqual(['b']);
  });

  it('keeps every volume (also on static disk) in what the registry stores, and through the log encoding', () => {
    const total = [...parseResources('cpus:1;disk(db):60'), vol('a', 40)];
    const stored = dynamicallyReserved(total);
    expect(ids(stored)).toEqual(['a']);
    const op = decodeRegistryOp(JSON.parse(JSON.stringify(encodeRegistryOp({ op: 'update_reservations', id: 'A', resources: stored }))));
    expect(op).toEqual(expect.objectContaining({ op: 'update_reservations', id: 'A' }));
    const back = (op as { resources: Resource[] }).resources;
    expect(back[0].disk).toEqual({ persistence: { id: 'a' }, volume: { container_path: 'data', mode: 1 } });
  });
});

describe('MasterToAgent parts of one tick', () => {
  it('keep the latest full set and every destroyed volume', () => {
    const merged = mergeAgentParts([
      { volumes: { volumes: [vol('a', 1), vol('b', 1)], destroyed: [] } },
      { run: [] },
      { volumes: { volumes: [vol('b', 1)], destroyed: [vol('a', 1)] } },
      { volumes: { volumes: [], destroyed: [vol('b', 1)] } },
    ]);
    expect(ids(merged.volumes?.volumes)).toEqual([]);
    expect(ids(merged.volumes?.destroyed)).toEqual(['a', 'b']);
  });
});

describe('ACLs of CREATE and DESTROY in ACCEPT (callRefusalFor)', () => {
  // The ACL: principal p may create volumes for role db only, and destroy only what p created.
  const actor: SchedulerActor = {
    name: 'p',
    check: (action, object) => {
      if (action === 'create_volume' && object !== 'db') return { refused: 'permission_denied', message: `create_volumes: principal "p" is not allowed (role "${object}")` };
      if (action === 'destroy_volume' && object !== 'p') return { refused: 'permission_denied', message: `destroy_volumes: principal "p" is not allowed (creator principal "${object}")` };
      return undefined;
    },
  };
  const master = { frameworks: new Map([['F', { id: 'F', info: { name: 'f', principal: 'p' } }]]) } as unknown as Master;
  const accept = (operations: Operation[]): Call => ({ type: CallType.ACCEPT, framework_id: { value: 'F' }, accept: { offer_ids: [{ value: 'o1' }], operations } });
  const create = (...volumes: Resource[]): Operation => ({ type: OperationType.CREATE, create: { volumes } });
  const destroy = (...volumes: Resource[]): Operation => ({ type: OperationType.DESTROY, destroy: { volumes } });
  it.each<[string, Operation[], string | undefined]>([
    ['a CREATE for an allowed role', [create(vol('a', 1, 'db', DYNAMIC_RESERVATION, 'p'))], undefined],
    ['a CREATE for another role', [create(vol('a', 1, 'db'), vol('b', 1, 'web'))], 'accept.operations[0].create.volumes[1]: create_volumes: principal "p" is not allowed (role "web")'],
    ['a DESTROY of its own volume', [destroy(vol('a', 1, 'db', DYNAMIC_RESERVATION, 'p'))], undefined],
    ["a DESTROY of another principal's volume", [create(vol('a', 1)), destroy(vol('b', 1, 'db', DYNAMIC_RESERVATION, 'q'))], 'accept.operations[1].destroy.volumes[0]: destroy_volumes: principal "p" is not allowed (creator principal "q")'],
  ])('%s', (_name, operations, message) => {
    const refusal = callRefusalFor(master, actor, accept(operations));
    if (message === undefined) return expect(refusal).toBeUndefined();
    expect(refusal?.refused).toBe('permission_denied');
    expect(refusal?.message).toContain(message);
  });
});
