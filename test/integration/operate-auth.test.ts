/**
 * The operator's agent actions on an authenticated master (in this process,
 * on 127.0.0.1, with --credentials and --acls): gRPC Operator.Call
 * DRAIN_AGENT / DEACTIVATE_AGENT / REACTIVATE_AGENT need an operator
 * credential (UNAUTHENTICATED without, PERMISSION_DENIED for a framework's)
 * and pass the `drain_agents` / `deactivate_agents` ACLs; Mesos's POST
 * /api/v1 answers 403 to the same refusal. Maintenance calls (gRPC, Mesos's
 * /api/v1 and its old /machine/down, /maintenance/schedule) need the same
 * credential and `update_maintenance` on each machine they change. A
 * stand-in agent registers over the real AgentLink.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, credentials, status, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { AgentLinkClient, CHANNEL_OPTIONS, OperatorClient } from '@meseta/proto/services';
import { pb, type AgentToMaster, type MasterToAgent, type OperatorResponse, type v1 } from '@meseta/proto/wire';
import { createLogger } from '@meseta/runtime/log';
import { startMaster, type RunningMaster } from '../../master/index';
import { waitFor } from '../harness/wait-for';

const TOKENS = { ops: 'ops-token-000000000000', junior: 'junior-token-000000000', fw: 'fw-token-0000000000000', agent: 'agent-token-00000000000' } as const;
type Who = keyof typeof TOKENS;
const ACLS = {
  permissive: true,
  drain_agents: [{ principals: { values: ['junior'] }, agent_principals: { type: 'NONE' } }],
  deactivate_agents: [{ principals: { values: ['junior'] }, agent_principals: { type: 'NONE' } }],
  update_maintenance: [{ principals: { values: ['junior'] }, machines: { values: ['open.test'] } }, { principals: { values: ['junior'] }, machines: { type: 'NONE' } }],
};
const T = pb.OperatorCall.Type;

let dir: string;
let running: RunningMaster;
let link: ClientDuplexStream<AgentToMaster, MasterToAgent>;
let agentId = '';
const clients: Array<{ close(): void }> = [];

function metadata(who?: Who): Metadata {
  const m = new Metadata();
  if (who) m.set('authorization', `Bearer ${TOKENS[who]}`);
  return m;
}

function operatorCall(who: Who | undefined, call: v1.IOperatorCall): Promise<{ code: status; details: string }> {
  const c = new OperatorClient(running.address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as {
    call(call: object, metadata: Metadata, cb: (e: ServiceError | null, r?: OperatorResponse) => void): void;
    close(): void;
  };
  clients.push(c);
  return new Promise((resolve) => c.call(call, metadata(who), (e) => resolve(e ? { code: e.code, details: e.details } : { code: status.OK, details: '' })));
}

function mesosCall(who: Who | undefined, body: object, urlPath = '/api/v1'): Promise<{ status: number; body: string }> {
  const [host, port] = running.address.split(':');
  return new Promise((resolve, reject) => {
    const auth: Record<string, string> = who ? { authorization: `Bearer ${TOKENS[who]}` } : {};
    const req = http.request({ host, port: Number(port), path: urlPath, method: 'POST', headers: { ...auth, 'content-type': 'application/json', accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-operate-auth-'));
  const credentialsFile = path.join(dir, 'credentials.json');
  const kinds: Record<Who, string> = { ops: 'operator', junior: 'operator', fw: 'framework', agent: 'agent' };
  fs.writeFileSync(credentialsFile, JSON.stringify({ credentials: (Object.keys(TOKENS) as Who[]).map((p) => ({ principal: p, kind: kinds[p], token: TOKENS[p] })) }));
  const aclFile = path.join(dir, 'acls.json');
  fs.writeFileSync(aclFile, JSON.stringify(ACLS));
  running = await startMaster({ port: 0, credentials: credentialsFile, acls: aclFile, logger: createLogger('master', 'error') });
  const agentClient = new AgentLinkClient(running.address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as { connect(m: Metadata): ClientDuplexStream<AgentToMaster, MasterToAgent>; close(): void };
  clients.push(agentClient);
  link = agentClient.connect(metadata('agent'));
  const received: MasterToAgent[] = [];
  link.on('data', (m: MasterToAgent) => received.push(m));
  link.on('error', () => undefined);
  link.write({ register: { agent_info: { hostname: '127.0.0.1', ip: '127.0.0.1', port: 1, resources: [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 1 } }] }, version: 'test' } });
  await waitFor(() => received.some((m) => m.registered), 10_000, 'the stand-in agent registered');
  agentId = received.find((m) => m.registered)!.registered!.agent_id!.value!;
}, 60_000);

afterAll(async () => {
  link?.end();
  for (const c of clients) c.close();
  await running?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const drain = () => ({ type: T.DRAIN_AGENT, drain_agent: { agent_id: { value: agentId } } });

it('gRPC DRAIN_AGENT: no credential, a framework credential and an ACL refusal leave the agent as it was', async () => {
  expect((await operatorCall(undefined, drain())).code).toBe(status.UNAUTHENTICATED);
  expect((await operatorCall('fw', drain())).code).toBe(status.PERMISSION_DENIED);
  const junior = await operatorCall('junior', drain());
  expect(junior.code).toBe(status.PERMISSION_DENIED);
  expect(junior.details).toMatch(/junior.*drain_agent|drain_agent.*junior/);
  const deactivate = await operatorCall('junior', { type: T.DEACTIVATE_AGENT, deactivate_agent: { agent_id: { value: agentId } } });
  expect(deactivate.code).toBe(status.PERMISSION_DENIED);
  expect(running.master.agents.get(agentId)?.deactivated).toBeUndefined();
});

it('Mesos DRAIN_AGENT: 403 for the refused principal', async () => {
  const answer = await mesosCall('junior', { type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: agentId } } });
  expect(answer.status).toBe(403);
  expect(running.master.agents.get(agentId)?.drain).toBeUndefined();
});

it('an allowed operator drains (the agent has no task: DRAINED) and reactivates', async () => {
  expect(await operatorCall('ops', drain())).toEqual({ code: status.OK, details: '' });
  await waitFor(() => running.master.agents.get(agentId)?.drain?.state === 'DRAINED', 10_000, 'DRAINED');
  const unknown = await operatorCall('ops', { type: T.REACTIVATE_AGENT, reactivate_agent: { agent_id: { value: 'nope' } } });
  expect(unknown).toEqual({ code: status.NOT_FOUND, details: "reactivate_agent.agent_id: agent 'nope' not found" });
  const bad = await operatorCall('ops', { type: T.DRAIN_AGENT, drain_agent: { agent_id: { value: agentId }, max_grace_period: { nanoseconds: -5 } } });
  expect(bad).toEqual({ code: status.INVALID_ARGUMENT, details: 'drain_agent.max_grace_period.nanoseconds: must not be negative (got -5)' });
  expect((await operatorCall('junior', { type: T.REACTIVATE_AGENT, reactivate_agent: { agent_id: { value: agentId } } })).code).toBe(status.OK);
  expect(running.master.agents.get(agentId)?.deactivated).toBeUndefined();
});

describe('maintenance calls are authenticated and authorized (update_maintenance on each machine)', () => {
  const window = (hostname: string) => ({ windows: [{ machine_ids: [{ hostname }], unavailability: { start: { nanoseconds: 1e18 } } }] });
  const schedule = (hostname: string) => ({ type: T.UPDATE_MAINTENANCE_SCHEDULE, update_maintenance_schedule: { schedule: window(hostname) } });

  it('gRPC: no credential, a framework credential and an ACL refusal change nothing; an allowed operator schedules', async () => {
    expect((await operatorCall(undefined, schedule('secret.test'))).code).toBe(status.UNAUTHENTICATED);
    expect((await operatorCall('fw', schedule('secret.test'))).code).toBe(status.PERMISSION_DENIED);
    const junior = await operatorCall('junior', schedule('secret.test'));
    expect(junior.code).toBe(status.PERMISSION_DENIED);
    expect(junior.details).toMatch(/update_maintenance/);
    expect(running.master.maintenance.currentSchedule.windows).toEqual([]);
    expect(await operatorCall('junior', schedule('open.test'))).toEqual({ code: status.OK, details: '' });
    // Dropping a machine from the schedule is a change to it too.
    expect((await operatorCall('ops', schedule('secret.test'))).code).toBe(status.OK);
    expect((await operatorCall('junior', { type: T.UPDATE_MAINTENANCE_SCHEDULE, update_maintenance_schedule: { schedule: {} } })).code).toBe(status.PERMISSION_DENIED);
    expect((await operatorCall('junior', { type: T.START_MAINTENANCE, start_maintenance: { machines: [{ hostname: 'secret.test' }] } })).code).toBe(status.PERMISSION_DENIED);
    expect(running.master.maintenance.downKeys.size).toBe(0);
  });

  it('Mesos /api/v1 and the old endpoints: 401 without a credential, 403 for the refused principal', async () => {
    expect((await mesosCall('junior', { type: 'START_MAINTENANCE', start_maintenance: { machines: [{ hostname: 'secret.test' }] } })).status).toBe(403);
    expect((await mesosCall(undefined, [{ hostname: 'secret.test' }], '/machine/down')).status).toBe(401);
    const refused = await mesosCall('junior', [{ hostname: 'secret.test' }], '/master/machine/down');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/update_maintenance/);
    expect(running.master.maintenance.downKeys.size).toBe(0);
    expect((await mesosCall('ops', [{ hostname: 'secret.test' }], '/machine/down')).status).toBe(200);
    expect([...running.master.maintenance.downKeys]).toEqual(['secret.test|']);
    expect((await mesosCall('ops', { type: 'STOP_MAINTENANCE', stop_maintenance: { machines: [{ hostname: 'secret.test' }] } })).status).toBe(200);
    expect((await mesosCall('ops', { windows: [] }, '/maintenance/schedule')).status).toBe(200);
    expect(running.master.maintenance.currentSchedule.windows).toEqual([]);
  });
});
