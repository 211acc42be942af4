/**
 * Persistent volumes with a real master (registry file) and a real posix
 * agent: a framework reserves disk and creates a volume in one ACCEPT with a
 * task that writes to it; a second task reads what the first wrote; the
 * volume is offered again only to its role; a bad CREATE and a DESTROY of a
 * volume in use are refused naming the field and the task; `/state` lists
 * it; it survives an agent restart and a master restart (in offers again);
 * a DESTROY gives the disk back reserved. The operator creates, lists and
 * destroys with the CLI and with Mesos's `/api/v1` (JSON).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { runCli } from '../harness/cli';
import { getState } from '../harness/operator';
import { operatorCall } from '../support/mesos-operator-client';
import { Recorder } from '../support/recorder';
import { OperationType, pb, type Offer, type Resource, type TaskInfo, type v1 } from '@meseta/proto/wire';

const RESERVATION = { type: 2, role: 'db', principal: 'p1' };

/** Disk of role db, as offered (allocation_role db). */
const reservedDisk = (mb: number): Resource => ({ name: 'disk', type: 0, scalar: { value: mb }, reservations: [RESERVATION], allocation_role: 'db' });
const volume = (id: string, mb: number, containerPath = 'data'): Resource => ({
  ...reservedDisk(mb),
  disk: { persistence: { id, principal: 'p1' }, volume: { container_path: containerPath, mode: 1 } },
});
const small = (): Resource[] => [
  { name: 'cpus', type: 0, scalar: { value: 0.1 }, allocation_role: 'db' },
  { name: 'mem', type: 0, scalar: { value: 32 }, allocation_role: 'db' },
];
const holdsVolume = (o: Offer, id: string): boolean => (o.resources ?? []).some((r) => r.disk?.persistence?.id === id);

interface VolumeJson {
  persistence_id: string;
  role: string;
  principal?: string;
  container_path: string;
  mode: string;
  disk_mb: number;
  used_by_task_ids?: string[];
}

async function volumesOf(cluster: Cluster): Promise<VolumeJson[] | undefined> {
  const state = await getState(cluster.master.address);
  const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === cluster.agents[0].agentId) as { status?: string; volumes?: VolumeJson[] } | undefined;
  return agent?.status === 'ACTIVE' ? (agent.volumes ?? []) : undefined;
}

describe('persistent volumes', () => {
  let cluster: Cluster;
  let workDir: string;
  let db: Recorder | undefined;
  let web: Recorder | undefined;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-volumes-'));
    cluster = await startCluster({
      name: 'volumes',
      agents: 1,
      masterFlags: ['--work-dir', workDir, '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '5', '--allocation-interval', '200ms'],
    });
  });

  afterAll(async () => {
    await db?.driver.teardown().catch(() => undefined);
    await web?.driver.teardown().catch(() => undefined);
    await cluster?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** An open offer to `fw` matching `test`, after offer number `since`. */
  const nextOffer = (fw: Recorder, test: (o: Offer) => boolean, what: string, since = 0): Promise<Offer> =>
    waitFor(() => fw.offers.slice(since).find((o) => !fw.used.has(o.id!.value!) && !fw.rescinded.includes(o.id!.value!) && test(o)), 30_000, what);

  it('RESERVE + CREATE + LAUNCH in one ACCEPT; a later task reads the data; offered only to its role; refusals name the field and the task; survives agent and master restarts; DESTROY', async () => {
    db = new Recorder(cluster.master.address, { name: 'db-fw', roles: ['db'], principal: 'p1', failoverTimeoutSeconds: 120 });
    await db.driver.start();
    const first = await nextOffer(db, () => true, 'an offer to the db framework');
    const offerId = first.id!.value!;
    const agentId = first.agent_id!.value!;

    // A bad CREATE refuses the whole call, naming the field; the offer stays.
    await expect(
      db.driver.accept([offerId], [
        { type: OperationType.RESERVE, reserve: { resources: [reservedDisk(64)] } },
        { type: OperationType.CREATE, create: { volumes: [volume('a/b', 64)] } },
      ]),
    ).rejects.toThrow(/accept\.operations\[1\]\.create\.volumes\[0\]\.disk\.persistence\.id: "a\/b" must not contain "\/"/);
    await expect(db.driver.accept([offerId], [{ type: OperationType.CREATE, create: { volumes: [volume('pg', 64, '../up')] } }])).rejects.toThrow(
      /accept\.operations\[0\]\.create\.volumes\[0\]\.disk\.volume\.container_path: "\.\.\/up" must not contain a "\.\." segment/,
    );
    // CREATE on disk that is not reserved yet: refused with the amounts.
    await expect(db.driver.accept([offerId], [{ type: OperationType.CREATE, create: { volumes: [volume('pg', 64)] } }])).rejects.toThrow(
      /accept\.operations\[0\]\.create\.volumes: the reserved disk for the volumes is not all there: disk: asked 64, offer holds 0 reserved for role "db"/,
    );

    // Reserve, create and launch a writer in one call.
    db.used.add(offerId);
    const writer: TaskInfo = { name: 'writer', task_id: { value: 'writer' }, agent_id: { value: agentId }, resources: [...small(), volume('pg', 64)], command: { value: 'echo kept-across-tasks > data/file' } };
    await db.driver.accept([offerId], [
      { type: OperationType.RESERVE, reserve: { resources: [reservedDisk(64)] } },
      { type: OperationType.CREATE, create: { volumes: [volume('pg', 64)] } },
      { type: OperationType.LAUNCH, launch: { task_infos: [writer] } },
    ]);
    await db.waitState('writer', 'TASK_FINISHED', 30_000);

    // A framework of another role is never offered the volume.
    web = new Recorder(cluster.master.address, { name: 'web-fw', roles: ['web'] });
    await web.driver.start();

    // The volume comes back in an offer to db; a second task reads what the first wrote.
    const withVolume = await nextOffer(db, (o) => holdsVolume(o, 'pg'), 'an offer holding volume pg');
    const offered = withVolume.resources!.find((r) => r.disk?.persistence?.id === 'pg')!;
    expect(offered.disk).toEqual(expect.objectContaining({ persistence: expect.objectContaining({ id: 'pg', principal: 'p1' }), volume: expect.objectContaining({ container_path: 'data' }) }));
    expect(offered.scalar?.value).toBe(64);
    db.used.add(withVolume.id!.value!);
    const reader: TaskInfo = { name: 'reader', task_id: { value: 'reader' }, agent_id: { value: agentId }, resources: [...small(), volume('pg', 64)], command: { value: 'test "$(cat data/file)" = kept-across-tasks' } };
    await db.driver.accept([withVolume.id!.value!], [{ type: OperationType.LAUNCH, launch: { task_infos: [reader] } }]);
    await db.waitState('reader', 'TASK_FINISHED', 30_000);

    // The other role saw offers, none with the volume; it leaves so the agent's unreserved resources come back to db.
    await waitFor(() => web!.offers.length > 0, 30_000, 'an offer to the web framework');
    for (const o of web.offers) expect((o.resources ?? []).some((r) => r.disk?.persistence)).toBe(false);
    await web.driver.teardown();
    web = undefined;

    // A task holds the volume: /state names it, and a DESTROY is refused naming the task.
    const again = await nextOffer(db, (o) => holdsVolume(o, 'pg'), 'an offer holding volume pg again');
    db.used.add(again.id!.value!);
    const holder: TaskInfo = { name: 'holder', task_id: { value: 'holder' }, agent_id: { value: agentId }, resources: [...small(), volume('pg', 64)], command: { value: 'sleep 120' } };
    await db.driver.accept([again.id!.value!], [{ type: OperationType.LAUNCH, launch: { task_infos: [holder] } }]);
    await db.waitState('holder', 'TASK_RUNNING', 30_000);
    expect(await volumesOf(cluster)).toEqual([{ persistence_id: 'pg', role: 'db', principal: 'p1', container_path: 'data', mode: 'RW', disk_mb: 64, used_by_task_ids: ['holder'] }]);
    const other = await nextOffer(db, (o) => o.agent_id?.value === agentId, 'another offer of the agent');
    await expect(db.driver.accept([other.id!.value!], [{ type: OperationType.DESTROY, destroy: { volumes: [volume('pg', 64)] } }])).rejects.toThrow(
      /accept\.operations\[0\]\.destroy\.volumes\[0\]: volume "pg" is in use by task holder \(kill it first\)/,
    );
    db.used.add(other.id!.value!);
    await db.driver.kill('holder');
    await db.waitState('holder', 'TASK_KILLED');

    // The agent restarts under its id, then the master restarts: the volume is still there, and offered again.
    await cluster.agents[0].restart();
    expect(cluster.agents[0].agentId).toBe(agentId);
    await waitFor(async () => (await volumesOf(cluster).catch(() => undefined))?.length === 1, 30_000, 'the agent back after its restart with its volume');
    const beforeFailover = db.offers.length;
    await cluster.master.restart();
    await waitFor(async () => (await volumesOf(cluster).catch(() => undefined))?.length === 1, 30_000, 'the agent back after the master restart with its volume');
    expect((await volumesOf(cluster))?.[0]).toEqual({ persistence_id: 'pg', role: 'db', principal: 'p1', container_path: 'data', mode: 'RW', disk_mb: 64 });
    await waitFor(() => db!.subscribedCount >= 2, 30_000, 'the db framework to re-subscribe');
    const afterFailover = await nextOffer(db, (o) => holdsVolume(o, 'pg'), 'an offer holding volume pg after the master restart', beforeFailover);

    // The data is still there after both restarts.
    db.used.add(afterFailover.id!.value!);
    const reader2: TaskInfo = { ...reader, task_id: { value: 'reader-2' } };
    await db.driver.accept([afterFailover.id!.value!], [{ type: OperationType.LAUNCH, launch: { task_infos: [reader2] } }]);
    await db.waitState('reader-2', 'TASK_FINISHED', 30_000);

    // DESTROY: the disk stays reserved for db; UNRESERVE in the same call gives it back.
    const last = await nextOffer(db, (o) => holdsVolume(o, 'pg'), 'an offer holding volume pg to destroy it', beforeFailover);
    db.used.add(last.id!.value!);
    await db.driver.accept([last.id!.value!], [
      { type: OperationType.DESTROY, destroy: { volumes: [volume('pg', 64)] } },
      { type: OperationType.UNRESERVE, unreserve: { resources: [reservedDisk(64)] } },
    ]);
    await waitFor(async () => (await volumesOf(cluster))?.length === 0, 10_000, 'the volume gone from /state');

  }, 240_000);

  it('an operator creates, lists and destroys a volume with the CLI; bad input is refused naming the flag or field', async () => {
    const agentId = cluster.agents[0].agentId;
    const master = cluster.master.address;
    const reserve = await runCli(['reserve', agentId, 'disk:32', '--role', 'ops', '--principal', 'opsp', '--master', master]);
    expect([reserve.code, reserve.stderr]).toEqual([0, '']);

    const created = await runCli(['volumes', 'create', agentId, '--role', 'ops', '--principal', 'opsp', '--id', 'logs', '--size', '32', '--path', 'logs', '--mode', 'RO', '--master', master, '--json']);
    expect([created.code, created.stderr]).toEqual([0, '']);
    const answer = JSON.parse(created.stdout) as { volumes: Resource[] };
    expect(answer.volumes.map((v) => v.disk?.persistence?.id)).toEqual(['logs']);

    const listed = await runCli(['volumes', '--agent', agentId, '--master', master, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ volumes: [{ agent_id: agentId, persistence_id: 'logs', role: 'ops', principal: 'opsp', container_path: 'logs', mode: 'RO', disk_mb: 32 }] });
    const table = await runCli(['volumes', '--master', master]);
    expect(table.stdout).toMatch(/AGENT\s+ROLE\s+ID\s+SIZE \(MB\)\s+PATH\s+MODE\s+PRINCIPAL\s+USED BY\n\S+\s+ops\s+logs\s+32\s+logs\s+RO\s+opsp/);

    const badId = await runCli(['volumes', 'create', agentId, '--role', 'ops', '--id', '..', '--size', '1', '--path', 'x', '--master', master]);
    expect(badId.code).not.toBe(0);
    expect(badId.stderr).toContain('volumes create: --id: ".." must not be "." or contain ".."');
    const twice = await runCli(['volumes', 'create', agentId, '--role', 'ops', '--id', 'logs', '--size', '1', '--path', 'x', '--master', master]);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain(`create_volumes.volumes[0].disk.persistence.id: "logs" is already a volume for role "ops" on agent ${agentId}`);
    const tooBig = await runCli(['volumes', 'create', agentId, '--role', 'ops', '--id', 'big', '--size', '99999', '--path', 'x', '--master', master]);
    expect(tooBig.code).not.toBe(0);
    expect(tooBig.stderr).toContain('create_volumes.volumes: the reserved disk for the volumes is not all there: disk: asked 99999, agent has 0 reserved for role "ops"');
    const unknown = await runCli(['volumes', 'destroy', agentId, '--role', 'ops', '--id', 'nope', '--master', master]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain(`destroy_volumes.volumes[0].disk.persistence.id: no volume "nope" for role "ops" on agent ${agentId}`);

    const destroyed = await runCli(['volumes', 'destroy', agentId, '--role', 'ops', '--id', 'logs', '--master', master]);
    expect([destroyed.code, destroyed.stderr]).toEqual([0, '']);
    expect(destroyed.stdout).toContain(`destroyed volume logs (role ops) on agent ${agentId}`);
    expect(await volumesOf(cluster)).toEqual([]);
    const back = await runCli(['unreserve', agentId, 'disk:32', '--role', 'ops', '--principal', 'opsp', '--master', master]);
    expect(back.code).toBe(0);
  }, 120_000);

  it('Mesos operator HTTP API: CREATE_VOLUMES / DESTROY_VOLUMES in JSON (pre-refinement form); bad input refused naming the field', async () => {
    const agentId = cluster.agents[0].agentId;
    const master = cluster.master.address;
    expect((await runCli(['reserve', agentId, 'disk:16', '--role', 'ops', '--principal', 'opsp', '--master', master])).code).toBe(0);
    const call = (type: 'CREATE_VOLUMES' | 'DESTROY_VOLUMES', volumes: unknown[]) => {
      const body = { agent_id: { value: agentId }, volumes };
      const msg = type === 'CREATE_VOLUMES' ? { type: pb.master.Call.Type.CREATE_VOLUMES, create_volumes: body } : { type: pb.master.Call.Type.DESTROY_VOLUMES, destroy_volumes: body };
      return operatorCall(master, pb.master.Call, pb.master.Response, msg as v1.master.ICall, { format: 'json' });
    };
    const mesosVolume = { name: 'disk', type: pb.Value.Type.SCALAR, scalar: { value: 16 }, role: 'ops', reservation: { principal: 'opsp' }, disk: { persistence: { id: 'm1', principal: 'opsp' }, volume: { container_path: 'm1', mode: pb.Volume.Mode.RW } } };
    const created = await call('CREATE_VOLUMES', [mesosVolume]);
    expect([created.status, created.text]).toEqual([202, '']);
    expect((await volumesOf(cluster))?.map((v) => [v.persistence_id, v.role, v.disk_mb])).toEqual([['m1', 'ops', 16]]);

    const noPath = await call('CREATE_VOLUMES', [{ ...mesosVolume, disk: { persistence: { id: 'm2' } } }]);
    expect(noPath.status).toBe(400);
    expect(noPath.text).toContain('create_volumes.volumes[0].disk.volume: required');

    const destroyed = await call('DESTROY_VOLUMES', [mesosVolume]);
    expect([destroyed.status, destroyed.text]).toEqual([202, '']);
    expect(await volumesOf(cluster)).toEqual([]);
    expect((await runCli(['unreserve', agentId, 'disk:16', '--role', 'ops', '--principal', 'opsp', '--master', master])).code).toBe(0);
  }, 60_000);
});
