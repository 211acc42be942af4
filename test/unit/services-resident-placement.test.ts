import type { Offer, Operation, Resource } from '@meseta/proto/wire';
import { OperationType } from '@meseta/proto/wire';
import { validateApp, type AppDefinition } from '../../frameworks/services/app-definition';
import { placeResidents, type ResidentPlacementContext, type ResidentWants } from '../../frameworks/services/resident-placement';
import {
  RESIDENT_LABEL,
  offerHoldsResident,
  releaseOperations,
  reserveOperations,
  residentTaskResources,
  residentVolumes,
  volumeResources,
} from '../../frameworks/services/resident-resources';
import type { ResidentRecord } from '../../frameworks/services/services-state';

const ROLE = 'db';

function app(over: Record<string, unknown> = {}): AppDefinition {
  const result = validateApp(
    { id: 'db', instances: 1, cpus: 0.5, mem: 64, disk: 10, ports: 1, command: 'run-db', volumes: [{ containerPath: 'data', sizeMb: 100 }], ...over },
    undefined,
    { frameworkRole: ROLE },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.app;
}

const plain = (name: string, value: number): Resource => ({ name, type: 0, scalar: { value }, allocation_role: ROLE });
const portRange = (begin: number, end: number): Resource => ({ name: 'ports', type: 1, ranges: { range: [{ begin, end }] }, allocation_role: ROLE });

function offer(id: string, agent: string, resources: Resource[], hostname = `host-${agent}`): Offer {
  return { id: { value: id }, agent_id: { value: agent }, hostname, resources };
}
const roomy = (id: string, agent: string, extra: Resource[] = []): Offer =>
  offer(id, agent, [plain('cpus', 2), plain('mem', 1024), plain('disk', 4096), portRange(31000, 31009), ...extra]);

function resident(id: string, agent: string, over: Partial<ResidentRecord> = {}): ResidentRecord {
  return {
    residentId: id,
    appId: 'db',
    agentId: agent,
    hostname: `host-${agent}`,
    role: ROLE,
    reserved: { cpus: 0.5, mem: 64, disk: 10 },
    volumes: residentVolumes(id, [{ containerPath: 'data', sizeMb: 100, mode: 'RW' }]),
    status: 'ready',
    createdAt: 1,
    ...over,
  };
}

/** What an offer shows for a made resident: its reserved cpus, mem, sandbox disk and volumes. */
const heldBy = (r: ResidentRecord): Resource[] => residentTaskResources(r);

let n = 0;
const ctx = (): ResidentPlacementContext => ({
  frameworkUrl: 'http://127.0.0.1:8080',
  role: ROLE,
  now: 1000,
  newInstanceId: (a) => `${a.id}.i${++n}`,
  newResidentId: (a) => `${a.id}.r${++n}`,
});
const none = (): ResidentWants => ({ release: [], relaunch: [], create: [] });
const types = (ops: Operation[] | undefined): string[] => (ops ?? []).map((o) => OperationType[o.type ?? 0]);

describe('resident resources', () => {
  const r = resident('db.r1', 'a1', { principal: 'svc' });

  it('reserves cpus, mem and the sandbox disk plus every volume, labelled with the resident, then creates the volumes', () => {
    const [reserve, create] = reserveOperations(r);
    expect(types([reserve, create])).toEqual(['RESERVE', 'CREATE']);
    expect(reserve.reserve!.resources!.map((x) => [x.name, x.scalar?.value])).toEqual([['cpus', 0.5], ['mem', 64], ['disk', 110]]);
    for (const x of reserve.reserve!.resources!) {
      expect(x.reservations).toEqual([{ type: 2, role: ROLE, principal: 'svc', labels: { labels: [{ key: RESIDENT_LABEL, value: 'db.r1' }] } }]);
    }
    expect(create.create!.volumes).toEqual(volumeResources(r));
    expect(create.create!.volumes![0].disk).toEqual({ persistence: { id: 'db.r1.v0', principal: 'svc' }, volume: { container_path: 'data', mode: 1 } });
  });

  it.each<[string, Resource[], string | undefined]>([
    ['everything there', heldBy(r), undefined],
    ['the volume missing', heldBy(r).filter((x) => !x.disk), 'volume db.r1.v0 not in the offer'],
    ['the reserved cpus missing', heldBy(r).filter((x) => x.name !== 'cpus'), 'reserved cpus: needs 0.5, offer holds 0'],
    ['only unreserved cpus', [...heldBy(r).filter((x) => x.name !== 'cpus'), plain('cpus', 4)], 'reserved cpus: needs 0.5, offer holds 0'],
  ])('an offer holding the resident: %s', (_name, resources, missing) => {
    const holds = offerHoldsResident(offer('o', 'a1', resources), r);
    expect(holds.holds ? undefined : holds.missing).toBe(missing);
  });

  it('an offer of another agent never holds it', () => {
    expect(offerHoldsResident(offer('o', 'a2', heldBy(r)), r)).toEqual({ holds: false, missing: 'the offer is from agent a2' });
  });

  it('releases with DESTROY of the volumes then UNRESERVE of everything, volumes as plain disk again', () => {
    const ops = releaseOperations(offer('o', 'a1', [...heldBy(r), plain('cpus', 1)]), 'db.r1');
    expect(types(ops)).toEqual(['DESTROY', 'UNRESERVE']);
    expect(ops[0].destroy!.volumes!.map((v) => v.disk?.persistence?.id)).toEqual(['db.r1.v0']);
    const unreserve = ops[1].unreserve!.resources!;
    expect(unreserve.every((x) => !x.disk)).toBe(true);
    expect(unreserve.map((x) => [x.name, x.scalar?.value]).sort()).toEqual([['cpus', 0.5], ['disk', 110], ['mem', 64]]);
    expect(releaseOperations(offer('o', 'a1', [plain('cpus', 1)]), 'db.r1')).toEqual([]);
  });
});

describe('placing stateful apps', () => {
  it('creates a resident: RESERVE, CREATE and LAUNCH in one ACCEPT, the task on the reserved resources and volume', () => {
    const round = placeResidents({ ...none(), create: [{ app: app(), version: 'v1', count: 1, placed: [] }] }, [roomy('o1', 'a1')], ctx());
    expect(round.created).toHaveLength(1);
    const made = round.created[0];
    expect(made).toMatchObject({ appId: 'db', agentId: 'a1', hostname: 'host-a1', role: ROLE, status: 'reserving', reserved: { cpus: 0.5, mem: 64, disk: 10 } });
    expect(made.volumes).toEqual([{ persistenceId: `${made.residentId}.v0`, containerPath: 'data', sizeMb: 100, mode: 'RW' }]);
    expect(types(round.operations.get('o1'))).toEqual(['RESERVE', 'CREATE', 'LAUNCH']);
    const task = round.operations.get('o1')![2].launch!.task_infos![0];
    expect(task.resources!.filter((x) => x.disk?.persistence).map((x) => x.disk!.volume!.container_path)).toEqual(['data']);
    expect(task.resources!.filter((x) => x.name !== 'ports').every((x) => x.reservations?.[0]?.labels?.labels?.[0]?.value === made.residentId)).toBe(true);
    expect(task.resources!.find((x) => x.name === 'ports')!.ranges!.range).toEqual([{ begin: 31000, end: 31000 }]);
    expect(round.placed.map((p) => p.residentId)).toEqual([made.residentId]);
    // What is left for other apps: the unreserved rest, less what was taken.
    const left = round.leftovers[0].resources!;
    expect(left.find((x) => x.name === 'cpus')!.scalar!.value).toBe(1.5);
    expect(left.find((x) => x.name === 'disk')!.scalar!.value).toBe(3986);
  });

  it('creates from unreserved resources only, and says what is short per agent', () => {
    const other = resident('db.r9', 'a1');
    const round = placeResidents(
      { ...none(), create: [{ app: app({ cpus: 1 }), version: 'v1', count: 1, placed: [] }] },
      [offer('o1', 'a1', [plain('cpus', 0.5), plain('mem', 1024), plain('disk', 4096), portRange(31000, 31000), ...heldBy(other)])],
      ctx(),
    );
    expect(round.created).toEqual([]);
    expect(round.shortfalls).toEqual([{ appId: 'db', wanted: 1, placed: 0, reasons: ['agent host-a1: db: unreserved cpus: asked 1, offer holds 0.5'] }]);
    expect(round.refusals[0]).toMatchObject({ name: 'cpus', requested: 1, available: 0.5 });
  });

  it('spreads new residents by constraints, counting where the app\'s residents already are', () => {
    const unique = app({ instances: 2, constraints: [['hostname', 'UNIQUE']] });
    const round = placeResidents(
      { ...none(), create: [{ app: unique, version: 'v1', count: 2, placed: [{ agentId: 'a1', hostname: 'host-a1', attributes: {} }] }] },
      [roomy('o1', 'a1'), roomy('o2', 'a2')],
      ctx(),
    );
    expect(round.created.map((r) => r.agentId)).toEqual(['a2']);
    expect(round.shortfalls[0].placed).toBe(1);
  });

  it('relaunches an instance only from its agent\'s offer holding its reservation and volume', () => {
    const r = resident('db.r1', 'a1');
    const wants = { ...none(), relaunch: [{ app: app(), version: 'v2', resident: r }] };
    const round = placeResidents(wants, [roomy('o2', 'a2'), offer('o1', 'a1', [...heldBy(r), portRange(31000, 31009)])], ctx());
    expect(round.created).toEqual([]);
    expect(types(round.operations.get('o1'))).toEqual(['LAUNCH']);
    expect(round.operations.get('o2')).toBeUndefined();
    const task = round.operations.get('o1')![0].launch!.task_infos![0];
    expect(task.resources!.find((x) => x.disk?.persistence)?.disk?.persistence?.id).toBe('db.r1.v0');
    expect(round.placed[0]).toMatchObject({ residentId: 'db.r1', version: 'v2' });
    expect(round.seen).toEqual(['db.r1']);
    // Nothing of the resident is left for other apps.
    expect(round.leftovers[1].resources!.map((x) => x.name)).toEqual(['ports']);
  });

  it.each<[string, Offer[], string]>([
    ['no offer from its agent', [roomy('o2', 'a2')], 'waiting for agent host-a1 (a1) which holds volume db.r1.v0 (no offer from it)'],
    ['its agent\'s offer without the volume', [roomy('o1', 'a1')], 'waiting for agent host-a1 (a1) which holds volume db.r1.v0: volume db.r1.v0 not in the offer'],
  ])('a resident waits, saying why: %s', (_name, offers, reason) => {
    const r = resident('db.r1', 'a1');
    const round = placeResidents({ ...none(), relaunch: [{ app: app(), version: 'v1', resident: r }] }, offers, ctx());
    expect(round.placed).toEqual([]);
    expect(round.waiting.get('db.r1')).toBe(reason);
    expect(round.operations.size).toBe(0);
  });

  it('tells a resident its agent offers nothing of (never made) apart from one that is there', () => {
    const lost = resident('db.r1', 'a1', { status: 'reserving' });
    const round = placeResidents({ ...none(), relaunch: [{ app: app(), version: 'v1', resident: lost }] }, [roomy('o1', 'a1')], ctx());
    expect(round.absentFromOffer).toEqual(['db.r1']);
    expect(round.seen).toEqual([]);
  });

  it('destroy: DESTROY + UNRESERVE from the agent\'s offer; a resident its agent shows nothing of is released without an operation', () => {
    const r1 = resident('db.r1', 'a1');
    const r2 = resident('db.r2', 'a2');
    const r3 = resident('db.r3', 'a3');
    const round = placeResidents(
      { ...none(), release: [r1, r2, r3] },
      [offer('o1', 'a1', [...heldBy(r1), plain('cpus', 1)]), roomy('o2', 'a2')],
      ctx(),
    );
    expect(types(round.operations.get('o1'))).toEqual(['DESTROY', 'UNRESERVE']);
    expect(round.released).toEqual([{ residentId: 'db.r1', offerId: 'o1' }, { residentId: 'db.r2' }]);
    expect(round.waiting.get('db.r3')).toBe('waiting for agent host-a3 (a3) which holds volume db.r3.v0, to destroy it and unreserve');
  });
});
