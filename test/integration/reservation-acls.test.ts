/**
 * The reserve_resources / unreserve_resources ACLs end to end (issue 14), on
 * a real `meseta master` started with --credentials and --acls and a real
 * agent: a principal not allowed is refused, with a message naming the ACL,
 * through the CLI (gRPC Operator API: PERMISSION_DENIED), Mesos's
 * `POST /api/v1` (403) and a framework's ACCEPT (gRPC Scheduler API:
 * PERMISSION_DENIED); the allowed ones go through.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { runCli } from '../harness/cli';
import { waitFor } from '../harness/wait-for';
import * as http from 'node:http';
import type { StateJson } from '../harness/operator';
import { operatorCall } from '../support/mesos-operator-client';
import { Recorder } from '../support/recorder';
import { SchedulerStream, rawRequest } from '../support/mesos-scheduler-client';
import { OperationType, pb, type Resource, type v1 } from '@meseta/proto/wire';

const TOKENS = { ops: 'ops-token-000000000000', junior: 'junior-token-000000000', fw: 'fw-token-0000000000000', agent: 'agent-token-00000000000' } as const;
const KINDS = { ops: 'operator', junior: 'operator', fw: 'framework', agent: 'agent' } as const;
/** junior may reserve only for role "sandbox" and unreserve nothing; fw may reserve only for "eng" and unreserve only its own. */
const ACLS = {
  permissive: true,
  reserve_resources: [
    { principals: { values: ['junior'] }, roles: { values: ['sandbox'] } },
    { principals: { values: ['junior'] }, roles: { type: 'NONE' } },
    { principals: { values: ['fw'] }, roles: { values: ['eng'] } },
    { principals: { values: ['fw'] }, roles: { type: 'NONE' } },
  ],
  unreserve_resources: [
    { principals: { values: ['junior'] }, reserver_principals: { type: 'NONE' } },
    { principals: { values: ['fw'] }, reserver_principals: { values: ['fw'] } },
    { principals: { values: ['fw'] }, reserver_principals: { type: 'NONE' } },
  ],
};

const reservation = (role: string, principal: string) => ({ type: 2, role, principal });
const cpus = (value: number, role: string, principal: string, allocationRole?: string): Resource => ({
  name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value }, reservations: [reservation(role, principal)], ...(allocationRole ? { allocation_role: allocationRole } : {}),
});

describe('reservation ACLs', () => {
  let dir: string;
  let cluster: Cluster;
  let fw: Recorder | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-reservation-acls-'));
    const credentials = path.join(dir, 'credentials.json');
    fs.writeFileSync(credentials, JSON.stringify({ credentials: (Object.keys(TOKENS) as Array<keyof typeof TOKENS>).map((p) => ({ principal: p, kind: KINDS[p], token: TOKENS[p] })) }));
    const acls = path.join(dir, 'acls.json');
    fs.writeFileSync(acls, JSON.stringify(ACLS));
    const agentCredential = path.join(dir, 'agent-token');
    fs.writeFileSync(agentCredential, TOKENS.agent, { mode: 0o600 });
    cluster = await startCluster({
      name: 'reservation-acls',
      agents: 1,
      masterFlags: ['--credentials', credentials, '--acls', acls, '--allocation-interval', '200ms'],
      agentFlags: ['--credential', agentCredential],
    });
  }, 120_000);

  afterAll(async () => {
    await fw?.driver.teardown().catch(() => undefined);
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** GET /state as the operator (an authenticated master wants a credential). */
  const getState = (): Promise<StateJson> =>
    new Promise((resolve, reject) => {
      const req = http.get(`http://${cluster.master.address}/state`, { headers: { authorization: `Bearer ${TOKENS.ops}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as StateJson) : reject(new Error(`GET /state answered ${res.statusCode}: ${body.slice(0, 200)}`))));
      });
      req.on('error', reject);
    });
  const reservedCpus = async (role: string): Promise<number> => {
    const state = await getState();
    const agent = (state.agents ?? [])[0];
    return (agent?.total_resources ?? []).filter((r) => r.name === 'cpus' && (r.reservations ?? []).some((x) => x.role === role)).reduce((s, r) => s + (r.scalar?.value ?? 0), 0);
  };

  it('the operator API: a principal not allowed is refused naming the ACL (CLI: PERMISSION_DENIED; /api/v1: 403)', async () => {
    const master = cluster.master.address;
    const agentId = cluster.agents[0].agentId;
    const as = (who: keyof typeof TOKENS) => ({ env: { MESETA_TOKEN: TOKENS[who] } });

    const denied = await runCli(['reserve', agentId, 'cpus:0.25', '--role', 'eng', '--principal', 'junior', '--master', master], as('junior'));
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('reserve_resources: principal "junior" is not allowed (role "eng"');
    expect(denied.stderr).toMatch(/PERMISSION_DENIED|permission denied|not allowed/i);

    const allowed = await runCli(['reserve', agentId, 'cpus:0.25', '--role', 'sandbox', '--principal', 'junior', '--master', master], as('junior'));
    expect([allowed.code, allowed.stderr]).toEqual([0, '']);
    const byOps = await runCli(['reserve', agentId, 'cpus:0.25', '--role', 'eng', '--principal', 'ops', '--master', master], as('ops'));
    expect([byOps.code, byOps.stderr]).toEqual([0, '']);
    expect(await reservedCpus('eng')).toBe(0.25);

    // Mesos's POST /api/v1: 403 with the same message.
    const call = (who: keyof typeof TOKENS, type: 'RESERVE_RESOURCES' | 'UNRESERVE_RESOURCES', resources: Resource[]) => {
      const body = { agent_id: { value: agentId }, resources };
      const msg = type === 'RESERVE_RESOURCES' ? { type: pb.master.Call.Type.RESERVE_RESOURCES, reserve_resources: body } : { type: pb.master.Call.Type.UNRESERVE_RESOURCES, unreserve_resources: body };
      return operatorCall(master, pb.master.Call, pb.master.Response, msg as v1.master.ICall, { token: TOKENS[who] });
    };
    const reserveDenied = await call('junior', 'RESERVE_RESOURCES', [cpus(0.25, 'eng', 'junior')]);
    expect(reserveDenied.status).toBe(403);
    expect(reserveDenied.text).toContain('reserve_resources: principal "junior" is not allowed (role "eng"');
    const unreserveDenied = await call('junior', 'UNRESERVE_RESOURCES', [cpus(0.25, 'eng', 'ops')]);
    expect(unreserveDenied.status).toBe(403);
    expect(unreserveDenied.text).toContain('unreserve_resources: principal "junior" is not allowed (reserver principal "ops"');
    expect(await reservedCpus('eng')).toBe(0.25);
    const unreserved = await call('ops', 'UNRESERVE_RESOURCES', [cpus(0.25, 'sandbox', 'junior')]);
    expect(unreserved.status).toBe(202);
    expect(await reservedCpus('sandbox')).toBe(0);
  }, 90_000);

  it("a framework's ACCEPT: RESERVE for a role it may not reserve, and UNRESERVE of another principal's reservation, are refused naming the ACL", async () => {
    // The operator reserves for eng; the framework's offer for role eng then holds that reservation.
    const byOps = await runCli(['reserve', cluster.agents[0].agentId, 'cpus:0.25', '--role', 'eng', '--principal', 'ops', '--master', cluster.master.address], { env: { MESETA_TOKEN: TOKENS.ops } });
    expect([byOps.code, byOps.stderr]).toEqual([0, '']);
    const before = await reservedCpus('eng');
    fw = new Recorder(cluster.master.address, { name: 'acl-fw', roles: ['eng', 'sandbox'], principal: 'fw', failoverTimeoutSeconds: 60 }, { security: { token: TOKENS.fw } });
    await fw.driver.start();
    const offer = await waitFor(
      () => fw!.open().find((o) => (o.resources ?? []).some((r) => r.allocation_role === 'eng' && (r.reservations ?? []).some((x) => x.principal === 'ops'))),
      20_000,
      'an offer for role eng holding the operator\'s reservation',
    ).catch((e: Error) => {
      throw new Error(`${e.message}; offers: ${JSON.stringify(fw!.offers.map((o) => [o.allocation_info?.role, (o.resources ?? []).map((r) => [r.name, r.scalar?.value, r.allocation_role, r.reservations])]))}`);
    });
    const offerId = offer.id!.value!;
    const status = (e: unknown): string => String((e as { code?: number }).code);

    const reserveDenied = await fw.driver.accept([offerId], [{ type: OperationType.RESERVE, id: { value: 'denied' }, reserve: { resources: [cpus(0.25, 'sandbox', 'fw', 'sandbox')] } }]).catch((e: unknown) => e);
    expect(status(reserveDenied)).toBe('7'); // PERMISSION_DENIED
    expect((reserveDenied as Error).message).toContain('accept.operations[0].reserve.resources[0]: reserve_resources: principal "fw" is not allowed (role "sandbox"');
    // The operation had an id: OPERATION_ERROR naming the ACL, as Mesos.
    const error = await waitFor(() => fw!.operationStatuses.find((s) => s.operation_id?.value === 'denied'), 10_000, 'OPERATION_ERROR of the denied RESERVE');
    expect(pb.OperationState[error.state ?? 0]).toBe('OPERATION_ERROR');
    expect(error.message).toContain('reserve_resources: principal "fw" is not allowed');

    const unreserveDenied = await fw.driver.accept([offerId], [{ type: OperationType.UNRESERVE, unreserve: { resources: [cpus(0.25, 'eng', 'ops', 'eng')] } }]).catch((e: unknown) => e);
    expect(status(unreserveDenied)).toBe('7');
    expect((unreserveDenied as Error).message).toContain('accept.operations[0].unreserve.resources[0]: unreserve_resources: principal "fw" is not allowed (reserver principal "ops"');

    // Allowed: a RESERVE for eng by fw, with an id: OPERATION_FINISHED.
    fw.used.add(offerId);
    await fw.driver.accept([offerId], [{ type: OperationType.RESERVE, id: { value: 'fw-eng' }, reserve: { resources: [cpus(0.5, 'eng', 'fw', 'eng')] } }]);
    const finished = await waitFor(() => fw!.operationStatuses.find((s) => s.operation_id?.value === 'fw-eng'), 10_000, 'OPERATION_FINISHED of fw-eng');
    expect(pb.OperationState[finished.state ?? 0]).toBe('OPERATION_FINISHED');
    await waitFor(async () => (await reservedCpus('eng')) === before + 0.5, 10_000, "fw's 0.5 cpus reserved for eng beside the operator's");
    // Its offers go back for the next test.
    await fw.driver.teardown();
    fw = undefined;
  }, 90_000);

  it("Mesos's Scheduler HTTP API: an ACCEPT RESERVE for a role the principal may not reserve answers 403 naming the ACL", async () => {
    const headers = { authorization: `Basic ${Buffer.from(`fw:${TOKENS.fw}`).toString('base64')}` };
    const info = { user: process.env.USER || 'root', name: 'acl-http', roles: ['sandbox'], capabilities: [{ type: 'MULTI_ROLE' }], failover_timeout: 0 };
    const stream = new SchedulerStream(cluster.master.address, { type: 'SUBSCRIBE', subscribe: { framework_info: info } }, { headers });
    try {
      const frameworkId = (await waitFor(() => stream.ofType('SUBSCRIBED')[0], 20_000, 'SUBSCRIBED')).subscribed.framework_id.value as string;
      const offer = await waitFor(() => stream.ofType('OFFERS').flatMap((e) => e.offers.offers)[0], 20_000, 'an offer to role sandbox');
      const answer = await rawRequest(
        cluster.master.address,
        {
          framework_id: { value: frameworkId },
          type: 'ACCEPT',
          accept: { offer_ids: [offer.id], operations: [{ type: 'RESERVE', id: { value: 'sb' }, reserve: { resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 }, role: 'sandbox', reservation: { principal: 'fw' }, allocation_info: offer.allocation_info }] } }] },
        },
        { headers: { ...headers, 'mesos-stream-id': stream.streamId } },
      );
      expect(answer.status).toBe(403);
      expect(answer.body.toString()).toContain('accept.operations[0].reserve.resources[0]: reserve_resources: principal "fw" is not allowed (role "sandbox"');
      await rawRequest(cluster.master.address, { framework_id: { value: frameworkId }, type: 'TEARDOWN' }, { headers: { ...headers, 'mesos-stream-id': stream.streamId } });
    } finally {
      stream.close();
    }
  }, 60_000);
});
