/**
 * Dynamic reservations with a real master (registry file) and agent: a
 * framework reserves and launches in one ACCEPT; a bad RESERVE is refused
 * naming the field; the reserved resources come back only to its role after
 * the task ends; they survive an agent restart and a master restart (the registry re-applies them
 * when the agent re-registers) and an UNRESERVE gives them back.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { runCli } from '../harness/cli';
import { operatorCall } from '../support/mesos-operator-client';
import { credentials, status as grpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, OperatorClient } from '@meseta/proto/services';
import { pb, type v1 } from '@meseta/proto/wire';
import { getState, type ResourceJson } from '../harness/operator';
import { Recorder } from '../support/recorder';
import { OperationType, type Offer, type Resource, type TaskInfo } from '@meseta/proto/wire';

const RESERVED = { type: 2, role: 'eng', principal: 'p1', labels: { labels: [{ key: 'app', value: 'db' }] } };

function reservedFor(role: string, principal = 'p1'): Resource[] {
  const reservation = { ...RESERVED, principal };
  return [
    { name: 'cpus', type: 0, scalar: { value: 1 }, reservations: [reservation], allocation_role: role },
    { name: 'mem', type: 0, scalar: { value: 128 }, reservations: [reservation], allocation_role: role },
  ];
}

const isReserved = (r: { reservations?: Array<{ role?: string | null }> | null }): boolean => (r.reservations ?? []).some((x) => x.role === 'eng');
const reservedCpus = (list: ReadonlyArray<ResourceJson | Resource> | undefined): number =>
  (list ?? []).filter((r) => r.name === 'cpus' && isReserved(r as { reservations?: Array<{ role?: string }> })).reduce((s, r) => s + (r.scalar?.value ?? 0), 0);

async function agentReservedCpus(cluster: Cluster): Promise<number> {
  const state = await getState(cluster.master.address);
  const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === cluster.agents[0].agentId);
  return agent?.status === 'ACTIVE' ? reservedCpus(agent.total_resources) : -1;
}

describe('dynamic reservations', () => {
  let cluster: Cluster;
  let workDir: string;
  let eng: Recorder | undefined;
  let ops: Recorder | undefined;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-reservations-'));
    cluster = await startCluster({
      name: 'reservations',
      agents: 1,
      masterFlags: ['--work-dir', workDir, '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '5', '--allocation-interval', '200ms'],
    });
  });

  afterAll(async () => {
    await eng?.driver.teardown().catch(() => undefined);
    await ops?.driver.teardown().catch(() => undefined);
    await cluster?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('reserves and launches in one ACCEPT; offers them back only to the role; keeps them across an agent restart and a master restart; unreserves', async () => {
    eng = new Recorder(cluster.master.address, { name: 'eng-fw', roles: ['eng'], principal: 'p1', failoverTimeoutSeconds: 120 });
    await eng.driver.start();
    await waitFor(() => eng!.open().length > 0, 15_000, 'an offer to the eng framework');
    const offer = eng.open()[0];
    const offerId = offer.id!.value!;

    // A reservation naming another principal is refused whole, naming the field; the offer stays.
    await expect(eng.driver.accept([offerId], [{ type: OperationType.RESERVE, reserve: { resources: reservedFor('eng', 'someone-else') } }])).rejects.toThrow(
      /accept\.operations\[0\]\.reserve\.resources\[0\]\.reservations\[0\]\.principal: "someone-else" does not match the caller's principal "p1"/,
    );
    // More than the offer holds: refused with the amounts.
    const tooMuch = reservedFor('eng').map((r) => (r.name === 'cpus' ? { ...r, scalar: { value: 64 } } : r));
    await expect(eng.driver.accept([offerId], [{ type: OperationType.RESERVE, reserve: { resources: tooMuch } }])).rejects.toThrow(
      /accept\.operations\[0\]\.reserve\.resources: the resources to reserve are not all there: cpus: asked 64, offer holds 2/,
    );

    // Reserve (with an operation id: operation feedback) and launch on the reserved resources in one ACCEPT.
    eng.used.add(offerId);
    const task: TaskInfo = { name: 'db', task_id: { value: 'db-1' }, agent_id: offer.agent_id, resources: reservedFor('eng'), command: { value: 'sleep 120' } };
    await eng.driver.accept([offerId], [
      { type: OperationType.RESERVE, id: { value: 'reserve-db' }, reserve: { resources: reservedFor('eng') } },
      { type: OperationType.LAUNCH, launch: { task_infos: [task] } },
    ]);
    await eng.waitState('db-1', 'TASK_RUNNING');
    // OPERATION_FINISHED came (once the registry write was durable), with what it converted; the SDK acknowledged it.
    const finished = await waitFor(() => eng!.operationStatuses.find((s) => s.operation_id?.value === 'reserve-db'), 10_000, 'OPERATION_FINISHED of reserve-db');
    expect(pb.OperationState[finished.state ?? 0]).toBe('OPERATION_FINISHED');
    expect(finished.agent_id?.value).toBe(offer.agent_id?.value);
    expect(reservedCpus(finished.converted_resources ?? undefined)).toBe(1);
    expect(finished.uuid?.value?.length).toBe(16);
    // Reconciliation: an acknowledged operation is forgotten (OPERATION_UNKNOWN, as Mesos), so is an unknown one.
    const seen = eng.operationStatuses.length;
    await waitFor(async () => {
      await eng!.driver.reconcileOperations([{ operationId: 'reserve-db' }, { operationId: 'never-sent' }]);
      await new Promise((r) => setTimeout(r, 200));
      const answers = eng!.operationStatuses.slice(seen).filter((s) => s.operation_id?.value === 'reserve-db');
      return answers.some((s) => pb.OperationState[s.state ?? 0] === 'OPERATION_UNKNOWN');
    }, 10_000, 'reserve-db reconciled as OPERATION_UNKNOWN once acknowledged');
    expect(eng.operationStatuses.slice(seen).some((s) => s.operation_id?.value === 'never-sent' && pb.OperationState[s.state ?? 0] === 'OPERATION_UNKNOWN')).toBe(true);
    expect(await agentReservedCpus(cluster)).toBe(1);
    const state = await getState(cluster.master.address);
    const stored = (state.agents ?? [])[0].total_resources?.find((r) => r.name === 'cpus' && isReserved(r)) as unknown as Resource;
    expect(stored.reservations?.[0]).toEqual(expect.objectContaining({ role: 'eng', principal: 'p1' }));

    // A framework of another role is never offered them.
    ops = new Recorder(cluster.master.address, { name: 'ops-fw', roles: ['ops'] });
    await ops.driver.start();

    // The task ends: the reserved resources come back to the eng framework.
    const before = eng.offers.length;
    await eng.driver.kill('db-1');
    await eng.waitState('db-1', 'TASK_KILLED');
    await waitFor(() => eng!.offers.slice(before).some((o) => reservedCpus(o.resources ?? undefined) === 1), 20_000, 'an offer of the reserved cpus to the eng framework');

    // The agent restarts (recovers under its id): the master keeps its reservations.
    const agentId = cluster.agents[0].agentId;
    await cluster.agents[0].restart();
    expect(cluster.agents[0].agentId).toBe(agentId);
    await waitFor(async () => (await agentReservedCpus(cluster).catch(() => -1)) === 1, 30_000, 'the agent back after its restart with its reservation');

    // The master restarts: the agent re-registers with its plain --resources; the registry's reservations are applied again.
    const beforeRestart = eng.offers.length;
    await cluster.master.restart();
    await waitFor(async () => (await agentReservedCpus(cluster).catch(() => -1)) === 1, 30_000, 'the agent back with its reservation');
    await waitFor(() => eng!.subscribedCount >= 2, 30_000, 'the eng framework to re-subscribe');

    // UNRESERVE from an offer that holds them. Right after a restart an offer can be rescinded
    // while the ACCEPT is on its way (the agent re-registering): the operation's own status says
    // so (OPERATION_ERROR/DROPPED), and the framework tries again with the next offer, as a real one would.
    let attempt = 0;
    await waitFor(async () => {
      const withReservation = eng!.offers.slice(beforeRestart).find((o: Offer) => !eng!.used.has(o.id!.value!) && !eng!.rescinded.includes(o.id!.value!) && reservedCpus(o.resources ?? undefined) === 1);
      if (!withReservation) return false;
      eng!.used.add(withReservation.id!.value!);
      const opId = `unreserve-db-${++attempt}`;
      await eng!.driver.accept([withReservation.id!.value!], [{ type: OperationType.UNRESERVE, id: { value: opId }, unreserve: { resources: reservedFor('eng') } }]);
      const status = await waitFor(() => eng!.operationStatuses.find((s) => s.operation_id?.value === opId), 15_000, `the status of ${opId}`);
      return pb.OperationState[status.state ?? 0] === 'OPERATION_FINISHED';
    }, 45_000, 'an UNRESERVE accepted from an offer holding the reservation after the restart');
    await waitFor(async () => (await agentReservedCpus(cluster)) === 0, 10_000, 'the reservation gone from the agent');

    expect(ops.offers.length).toBeGreaterThan(0);
    for (const o of ops.offers) expect(reservedCpus(o.resources ?? undefined)).toBe(0);
  }, 180_000);

  it('an operator reserves and unreserves with the CLI; bad input is refused naming the flag or field', async () => {
    const agentId = cluster.agents[0].agentId;
    const master = cluster.master.address;
    const dbCpus = async (): Promise<number> => {
      const state = await getState(master);
      const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === agentId);
      return (agent?.total_resources ?? []).filter((r) => r.name === 'cpus' && (r.reservations ?? []).some((x) => x.role === 'db')).reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
    };

    const reserved = await runCli(['reserve', agentId, 'cpus:0.5;mem:64', '--role', 'db', '--principal', 'ops', '--label', 'app=pg', '--master', master, '--json']);
    expect(reserved.stderr).toBe('');
    expect(reserved.code).toBe(0);
    const answer = JSON.parse(reserved.stdout) as { resources: Array<{ name: string; reservations: Array<{ role: string; principal: string }> }> };
    expect(answer.resources.map((r) => [r.name, r.reservations[0].role, r.reservations[0].principal])).toEqual([
      ['cpus', 'db', 'ops'],
      ['mem', 'db', 'ops'],
    ]);
    expect(await dbCpus()).toBe(0.5);

    const table = await runCli(['unreserve', agentId, 'cpus:0.25', '--role', 'db', '--principal', 'ops', '--label', 'app=pg', '--master', master]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/unreserved on agent .*\n\s*NAME\s+AMOUNT\s+ROLE\s+PRINCIPAL\s+LABELS\n\s*cpus\s+0.25\s+\*/);
    expect(await dbCpus()).toBe(0.25);

    const noRole = await runCli(['reserve', agentId, 'cpus:1', '--master', master]);
    expect(noRole.code).not.toBe(0);
    expect(noRole.stderr).toContain('reserve: --role is required');
    const tooMuch = await runCli(['reserve', agentId, 'cpus:64', '--role', 'db', '--master', master]);
    expect(tooMuch.code).not.toBe(0);
    expect(tooMuch.stderr).toContain('reserve_resources.resources: the resources to reserve are not all there: cpus: asked 64, agent has');
    const wrongLabels = await runCli(['unreserve', agentId, 'cpus:0.25', '--role', 'db', '--principal', 'ops', '--master', master]);
    expect(wrongLabels.code).not.toBe(0);
    expect(wrongLabels.stderr).toContain('unreserve_resources.resources: the reserved resources are not all there: cpus: asked 0.25, agent has 0 reserved for role "db"');
    const unknownAgent = await runCli(['reserve', 'no-such-agent', 'cpus:1', '--role', 'db', '--master', master]);
    expect(unknownAgent.code).not.toBe(0);
    expect(unknownAgent.stderr).toContain('reserve_resources.agent_id: agent no-such-agent is not registered with this master');

    const back = await runCli(['unreserve', agentId, 'cpus:0.25;mem:64', '--role', 'db', '--principal', 'ops', '--label', 'app=pg', '--master', master]);
    expect(back.code).toBe(0);
    expect(await dbCpus()).toBe(0);
  }, 120_000);

  it('the CLI refines a reservation for a role under the reserved one (--refine reads the stack the agent holds) and gives the refinement back', async () => {
    const agentId = cluster.agents[0].agentId;
    const master = cluster.master.address;
    /** The agent's cpus by reservation stack (`db>db/pg`). */
    const stacks = async (): Promise<Record<string, number>> => {
      const state = await getState(master);
      const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === agentId);
      const out: Record<string, number> = {};
      for (const r of agent?.total_resources ?? []) {
        const stack = (r.reservations ?? []).map((x) => x.role).join('>');
        if (r.name === 'cpus' && stack.startsWith('db')) out[stack] = (out[stack] ?? 0) + (r.scalar?.value ?? 0);
      }
      return out;
    };
    expect((await runCli(['reserve', agentId, 'cpus:0.5', '--role', 'db', '--principal', 'ops', '--master', master])).code).toBe(0);
    // Nothing reserved above db/pg/x but db: refused before any call, naming the flag and what the agent holds.
    const none = await runCli(['reserve', agentId, 'cpus:0.25', '--role', 'web/x', '--refine', '--master', master]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('reserve: --refine: the agent holds no cpus reserved for a role above "web/x" (its cpus reservations: db by ops)');

    const refined = await runCli(['reserve', agentId, 'cpus:0.25', '--role', 'db/pg', '--principal', 'ops', '--refine', '--master', master, '--json']);
    expect([refined.code, refined.stderr]).toEqual([0, '']);
    const answer = JSON.parse(refined.stdout) as { resources: Array<{ reservations: Array<{ role: string }> }> };
    expect(answer.resources[0].reservations.map((x) => x.role)).toEqual(['db', 'db/pg']);
    expect(await stacks()).toEqual({ db: 0.25, 'db>db/pg': 0.25 });

    const back = await runCli(['unreserve', agentId, 'cpus:0.25', '--role', 'db/pg', '--principal', 'ops', '--refine', '--master', master]);
    expect([back.code, back.stderr]).toEqual([0, '']);
    expect(await stacks()).toEqual({ db: 0.5 });
    expect((await runCli(['unreserve', agentId, 'cpus:0.5', '--role', 'db', '--principal', 'ops', '--master', master])).code).toBe(0);
    expect(await stacks()).toEqual({});
  }, 60_000);

  it('Mesos operator HTTP API: RESERVE_RESOURCES / UNRESERVE_RESOURCES in JSON (pre-refinement form) and protobuf; bad input refused naming the field; not there 409 (gRPC FAILED_PRECONDITION)', async () => {
    const agentId = cluster.agents[0].agentId;
    const master = cluster.master.address;
    const call = (type: 'RESERVE_RESOURCES' | 'UNRESERVE_RESOURCES', resources: unknown[], format: 'json' | 'protobuf' = 'json') => {
      const body = { agent_id: { value: agentId }, resources };
      const msg = type === 'RESERVE_RESOURCES' ? { type: pb.master.Call.Type.RESERVE_RESOURCES, reserve_resources: body } : { type: pb.master.Call.Type.UNRESERVE_RESOURCES, unreserve_resources: body };
      return operatorCall(master, pb.master.Call, pb.master.Response, msg as v1.master.ICall, { format });
    };
    const webCpus = async (): Promise<number> => {
      const state = await getState(master);
      const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === agentId);
      return (agent?.total_resources ?? []).filter((r) => r.name === 'cpus' && (r.reservations ?? []).some((x) => x.role === 'web')).reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
    };
    // Mesos's old form: role + reservation{principal}.
    const oldForm = [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 0.5 }, role: 'web', reservation: { principal: 'ops' } }];
    const reserved = await call('RESERVE_RESOURCES', oldForm);
    expect([reserved.status, reserved.text]).toEqual([202, '']);
    expect(await webCpus()).toBe(0.5);

    const missing = await call('RESERVE_RESOURCES', [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 0.5 } }]);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('reserve_resources.resources[0].reservations: required');
    // Resources that are not there: 409 Conflict, as Mesos.
    const tooMuch = await call('RESERVE_RESOURCES', [{ ...oldForm[0], scalar: { value: 99 } }], 'protobuf');
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.text).toContain('cpus: asked 99, agent has');

    // The gRPC Operator API answers the same refusal FAILED_PRECONDITION (not there now), bad input INVALID_ARGUMENT.
    const grpcCall = (resources: Resource[]): Promise<{ code: number; details: string }> => {
      const client = new OperatorClient(master, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as {
        call(call: object, cb: (e: ServiceError | null) => void): void;
        close(): void;
      };
      return new Promise((resolve) =>
        client.call({ type: pb.OperatorCall.Type.RESERVE_RESOURCES, reserve_resources: { agent_id: { value: agentId }, resources } }, (e) => {
          client.close();
          resolve(e ? { code: e.code, details: e.details } : { code: grpcStatus.OK, details: '' });
        }),
      );
    };
    const notThere = await grpcCall([{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 99 }, reservations: [{ type: 2, role: 'web' }] }]);
    expect(notThere.code).toBe(grpcStatus.FAILED_PRECONDITION);
    expect(notThere.details).toContain('cpus: asked 99, agent has');
    const malformed = await grpcCall([{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 1 } }]);
    expect(malformed.code).toBe(grpcStatus.INVALID_ARGUMENT);

    const back = await call('UNRESERVE_RESOURCES', [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 0.5 }, reservations: [{ type: 2, role: 'web', principal: 'ops' }] }], 'protobuf');
    expect(back.status).toBe(202);
    expect(await webCpus()).toBe(0);
  }, 60_000);
});
