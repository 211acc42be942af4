/**
 * Authentication and authorization on a real master (started in-process,
 * called over real sockets on 127.0.0.1 with grpc-js and node:http):
 *
 * - a table over every gRPC method and HTTP endpoint × {no credential,
 *   wrong credential, another principal, allowed}, asserting the exact
 *   refusal (status and message);
 * - framework B cannot KILL, ACCEPT, SUPPRESS, TEARDOWN or take over A;
 * - a rogue agent cannot re-register A's agent id, and a forged status
 *   update (a task not on the agent) is refused and logged;
 * - exec is refused without the ACL; `/state` is filtered by view ACLs;
 * - a change to the ACL file applies without a restart.
 *
 * The agent is a stand-in speaking the real AgentLink protocol (and
 * serving AgentDebug.Exec), so the test controls exactly what it reports.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, Server, ServerCredentials, credentials, status, type ClientDuplexStream, type ClientReadableStream, type ServerDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { AgentLinkClient, CHANNEL_OPTIONS, OperatorClient, SchedulerClient } from '@meseta/proto/services';
import { AgentDebugService } from '@meseta/proto/exec-service';
import { CallType, EventType, OperationType, TaskState, pb, type AgentToMaster, type Call, type Event, type EventBatch, type MasterToAgent, type OperatorResponse, type v1 } from '@meseta/proto/wire';
import { createLogger } from '@meseta/runtime/log';
import { startMaster, type RunningMaster } from '../../master/index';
import { waitFor } from '../harness/wait-for';

const TOKENS = {
  ops: 'ops-token-000000000000',
  viewer: 'viewer-token-000000000',
  'fw-a': 'fw-a-token-00000000000',
  'fw-b': 'fw-b-token-00000000000',
  'agent-1': 'agent-1-token-0000000',
  'agent-2': 'agent-2-token-0000000',
} as const;
type Who = keyof typeof TOKENS;
const KINDS: Record<Who, string> = { ops: 'operator', viewer: 'operator', 'fw-a': 'framework', 'fw-b': 'framework', 'agent-1': 'agent', 'agent-2': 'agent' };
const WRONG = 'not-a-token-of-anyone-000';

/** Who may do what: ops everything; viewer sees only fw-a, no agents, no sandboxes, no exec. */
const ACLS = {
  permissive: true,
  exec_sessions: [
    { principals: { values: ['ops'] }, framework_principals: { type: 'ANY' } },
    { principals: { type: 'ANY' }, framework_principals: { type: 'NONE' } },
  ],
  view_frameworks: [
    { principals: { values: ['viewer'] }, framework_principals: { values: ['fw-a'] } },
    { principals: { values: ['viewer'] }, framework_principals: { type: 'NONE' } },
  ],
  view_tasks: [
    { principals: { values: ['viewer'] }, framework_principals: { values: ['fw-a'] } },
    { principals: { values: ['viewer'] }, framework_principals: { type: 'NONE' } },
  ],
  view_agents: [{ principals: { values: ['viewer'] }, agent_principals: { type: 'NONE' } }],
  access_sandboxes: [{ principals: { values: ['viewer'] }, framework_principals: { type: 'NONE' } }],
  register_frameworks: [{ principals: { values: ['fw-b'] }, roles: { values: ['b'] } }, { principals: { values: ['fw-b'] }, roles: { type: 'NONE' } }],
};

type Credential = 'none' | 'wrong' | Who;

function metadataFor(credential: Credential): Metadata {
  const m = new Metadata();
  if (credential === 'wrong') m.set('authorization', `Bearer ${WRONG}`);
  else if (credential !== 'none') m.set('authorization', `Bearer ${TOKENS[credential]}`);
  return m;
}

function headersFor(credential: Credential): Record<string, string> {
  if (credential === 'none') return {};
  return { authorization: `Bearer ${credential === 'wrong' ? WRONG : TOKENS[credential]}` };
}

const logLines: string[] = [];
let dir: string;
let aclFile: string;
let running: RunningMaster;
let address: string;
const clients: Array<{ close(): void }> = [];

type SchedulerGrpc = {
  subscribe(call: Call, metadata: Metadata): ClientReadableStream<EventBatch>;
  call(call: Call, metadata: Metadata, cb: (e: ServiceError | null) => void): void;
  close(): void;
};
type OperatorGrpc = {
  call(call: object, metadata: Metadata, cb: (e: ServiceError | null, r?: OperatorResponse) => void): void;
  exec(metadata: Metadata): ClientDuplexStream<v1.IExecInput, v1.IExecOutput>;
  close(): void;
};
type AgentGrpc = { connect(metadata: Metadata): ClientDuplexStream<AgentToMaster, MasterToAgent>; close(): void };

function scheduler(): SchedulerGrpc {
  const c = new SchedulerClient(address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as SchedulerGrpc;
  clients.push(c);
  return c;
}
function operator(): OperatorGrpc {
  const c = new OperatorClient(address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as OperatorGrpc;
  clients.push(c);
  return c;
}
function agentClient(): AgentGrpc {
  const c = new AgentLinkClient(address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as AgentGrpc;
  clients.push(c);
  return c;
}

/** A framework subscription: its events as they arrive, and how it ended. */
interface Subscription {
  events: Event[];
  error?: ServiceError;
  ended: Promise<void>;
  stream: ClientReadableStream<EventBatch>;
}

function subscribe(credential: Credential, info: object): Subscription {
  // `roles` needs the MULTI_ROLE capability, as in Mesos.
  const framework_info = 'roles' in info ? { capabilities: [{ type: 6 /* MULTI_ROLE */ }], ...info } : info;
  const stream = scheduler().subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info } }, metadataFor(credential));
  const sub: Subscription = { events: [], stream, ended: Promise.resolve() };
  sub.ended = new Promise<void>((resolve) => {
    stream.on('data', (b: EventBatch) => sub.events.push(...(b.events ?? [])));
    stream.on('error', (e: ServiceError) => {
      sub.error = e;
      resolve();
    });
    stream.on('end', () => resolve());
  });
  return sub;
}

async function subscribed(sub: Subscription): Promise<{ frameworkId: string; streamId: string }> {
  await waitFor(() => sub.error !== undefined || sub.events.some((e) => e.type === EventType.SUBSCRIBED), 10_000, 'SUBSCRIBED');
  if (sub.error) throw new Error(`subscribe failed: ${sub.error.details}`);
  const s = sub.events.find((e) => e.type === EventType.SUBSCRIBED)!.subscribed!;
  return { frameworkId: s.framework_id!.value!, streamId: s.stream_id! };
}

function unary(credential: Credential, call: Call): Promise<{ code: status; details: string }> {
  return new Promise((resolve) => {
    scheduler().call(call, metadataFor(credential), (e) => resolve(e ? { code: e.code, details: e.details } : { code: status.OK, details: '' }));
  });
}

function operatorCall(credential: Credential, type: number): Promise<{ code: status; details: string; response?: OperatorResponse }> {
  return new Promise((resolve) => {
    operator().call({ type }, metadataFor(credential), (e, r) => resolve(e ? { code: e.code, details: e.details } : { code: status.OK, details: '', response: r }));
  });
}

/** A stand-in agent on the link: registers, then reports what the test says. */
class StandInAgent {
  readonly received: MasterToAgent[] = [];
  error?: ServiceError;
  private readonly stream: ClientDuplexStream<AgentToMaster, MasterToAgent>;
  constructor(credential: Credential) {
    this.stream = agentClient().connect(metadataFor(credential));
    this.stream.on('data', (m: MasterToAgent) => this.received.push(m));
    this.stream.on('error', (e: ServiceError) => (this.error = e));
  }
  send(m: AgentToMaster): void {
    this.stream.write(m);
  }
  async register(port: number, id?: string): Promise<string | { error: string }> {
    this.send({
      register: {
        agent_info: { id: id ? { value: id } : undefined, hostname: '127.0.0.1', ip: '127.0.0.1', port, resources: [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 4 } }, { name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 1024 } }] },
        version: 'test',
      },
    });
    await waitFor(() => this.error !== undefined || this.received.some((m) => m.registered || m.error), 10_000, 'an answer to register');
    if (this.error) return { error: `${status[this.error.code]}: ${this.error.details}` };
    const answer = this.received.find((m) => m.registered || m.error)!;
    return answer.registered ? answer.registered.agent_id!.value! : { error: answer.error!.message! };
  }
  end(): void {
    this.stream.end();
  }
}

function httpRequest(urlPath: string, credential: Credential, method = 'GET', body?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), path: urlPath, method, headers: { ...headersFor(credential), ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      if (res.headers['content-type']?.startsWith('text/event-stream')) {
        // The event stream never ends: its status and first bytes are the answer.
        res.once('data', (chunk: Buffer) => {
          resolve({ status: res.statusCode ?? 0, body: chunk.toString(), headers: res.headers });
          req.destroy();
        });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let debugServer: Server;
let debugPort: number;
let agent1: StandInAgent;
let agent1Id: string;
let agent2: StandInAgent;
let agent2Id: string;
let fwA: Subscription;
let fwAIds: { frameworkId: string; streamId: string };
let fwB: Subscription;
let fwBIds: { frameworkId: string; streamId: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-auth-'));
  const credentialsFile = path.join(dir, 'credentials.json');
  fs.writeFileSync(credentialsFile, JSON.stringify({ credentials: (Object.keys(TOKENS) as Who[]).map((p) => ({ principal: p, kind: KINDS[p], token: TOKENS[p] })) }));
  aclFile = path.join(dir, 'acls.json');
  fs.writeFileSync(aclFile, JSON.stringify(ACLS));
  // The stand-in agent's own port: AgentDebug.Exec answers every session with exit 0.
  debugServer = new Server();
  debugServer.addService(AgentDebugService, {
    exec(call: ServerDuplexStream<v1.IExecInput, v1.IExecOutput>) {
      call.once('data', () => {
        call.write({ exited: { exit_code: 0 } });
        call.end();
      });
    },
  });
  debugPort = await new Promise<number>((resolve, reject) => debugServer.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  running = await startMaster({
    port: 0,
    credentials: credentialsFile,
    acls: aclFile,
    allocationIntervalSeconds: 0.05,
    logger: createLogger('master', 'info', (line) => logLines.push(line)),
  });
  address = running.address;

  agent1 = new StandInAgent('agent-1');
  agent1Id = (await agent1.register(debugPort)) as string;
  expect(typeof agent1Id).toBe('string');

  fwA = subscribe('fw-a', { name: 'a', user: 'nobody', principal: 'fw-a', roles: ['a'] });
  fwAIds = await subscribed(fwA);
  fwB = subscribe('fw-b', { name: 'b', user: 'nobody', principal: 'fw-b', roles: ['b'] });
  fwBIds = await subscribed(fwB);

  // fw-a launches task t1 on agent 1, which reports it running.
  await waitFor(() => fwA.events.some((e) => e.type === EventType.OFFERS), 10_000, 'an offer for fw-a');
  const offer = fwA.events.find((e) => e.type === EventType.OFFERS)!.offers!.offers![0];
  const launched = await unary('fw-a', {
    type: CallType.ACCEPT,
    framework_id: { value: fwAIds.frameworkId },
    stream_id: fwAIds.streamId,
    accept: {
      offer_ids: [offer.id!],
      operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [{ name: 't1', task_id: { value: 't1' }, agent_id: offer.agent_id, resources: [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 1 } }], command: { value: 'sleep 1000' } }] } }],
    },
  });
  expect(launched).toEqual({ code: status.OK, details: '' });
  await waitFor(() => agent1.received.some((m) => (m.run ?? []).length > 0), 10_000, 'the launch reaching agent 1');
  agent1.send({ updates: [{ framework_id: { value: fwAIds.frameworkId }, status: { task_id: { value: 't1' }, state: TaskState.TASK_RUNNING, uuid: Buffer.from('0123456789abcdef'), agent_id: { value: agent1Id } } }] });
  await waitFor(() => fwA.events.some((e) => e.type === EventType.UPDATE && e.update?.status?.state === TaskState.TASK_RUNNING), 10_000, 'TASK_RUNNING at fw-a');

  agent2 = new StandInAgent('agent-2');
  agent2Id = (await agent2.register(debugPort + 0)) as string;
  expect(typeof agent2Id).toBe('string');
}, 60_000);

afterAll(async () => {
  for (const s of [fwA, fwB]) s?.stream.cancel();
  agent1?.end();
  agent2?.end();
  for (const c of clients) c.close();
  await running?.stop();
  debugServer?.forceShutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NO_CREDENTIAL = (endpoint: string): string => `${endpoint}: a credential is required (authorization: Bearer <token>, or a client certificate)`;
const WRONG_CREDENTIAL = (endpoint: string): string => `${endpoint}: the bearer token matches no principal in the master's --credentials`;
const WRONG_KIND = (endpoint: string, who: Who, takes: string): string =>
  `${endpoint}: principal "${who}" is ${KINDS[who] === 'operator' || KINDS[who] === 'agent' ? 'an' : 'a'} ${KINDS[who]} credential; this takes ${takes} credentials`;

describe('every gRPC method × {no credential, wrong credential, another principal, allowed}', () => {
  const foreign = (call: string): string => `framework_id: framework ${fwAIds.frameworkId} was subscribed by principal "fw-a"; principal "fw-b" may not act on it`;
  /** Scheduler calls on fw-a's framework id. */
  const calls: Array<[string, () => Call]> = [
    ['KILL', () => ({ type: CallType.KILL, framework_id: { value: fwAIds.frameworkId }, kill: { task_id: { value: 't1' }, agent_id: { value: agent1Id } } })],
    ['ACCEPT', () => ({ type: CallType.ACCEPT, framework_id: { value: fwAIds.frameworkId }, accept: { offer_ids: [{ value: 'no-such-offer' }], operations: [] } })],
    ['DECLINE', () => ({ type: CallType.DECLINE, framework_id: { value: fwAIds.frameworkId }, decline: { offer_ids: [{ value: 'no-such-offer' }] } })],
    ['SUPPRESS', () => ({ type: CallType.SUPPRESS, framework_id: { value: fwAIds.frameworkId }, suppress: {} })],
    ['REVIVE', () => ({ type: CallType.REVIVE, framework_id: { value: fwAIds.frameworkId }, revive: {} })],
    ['RECONCILE', () => ({ type: CallType.RECONCILE, framework_id: { value: fwAIds.frameworkId }, reconcile: { tasks: [] } })],
    ['ACKNOWLEDGE', () => ({ type: CallType.ACKNOWLEDGE, framework_id: { value: fwAIds.frameworkId }, acknowledge: { agent_id: { value: agent1Id }, task_id: { value: 't1' }, uuid: Buffer.from('0123456789abcdef') } })],
    ['MESSAGE', () => ({ type: CallType.MESSAGE, framework_id: { value: fwAIds.frameworkId }, message: { agent_id: { value: agent1Id }, executor_id: { value: 'e' }, data: Buffer.from('x') } })],
    ['SHUTDOWN', () => ({ type: CallType.SHUTDOWN, framework_id: { value: fwAIds.frameworkId }, shutdown: { agent_id: { value: agent1Id }, executor_id: { value: 'none' } } })],
    ['TEARDOWN', () => ({ type: CallType.TEARDOWN, framework_id: { value: fwAIds.frameworkId } })],
  ];

  describe.each(calls)('Scheduler.Call %s on framework A', (name, make) => {
    it('no credential: UNAUTHENTICATED', async () => {
      expect(await unary('none', make())).toEqual({ code: status.UNAUTHENTICATED, details: NO_CREDENTIAL('Scheduler.Call') });
    });
    it('wrong credential: UNAUTHENTICATED', async () => {
      expect(await unary('wrong', make())).toEqual({ code: status.UNAUTHENTICATED, details: WRONG_CREDENTIAL('Scheduler.Call') });
    });
    it('an operator credential: PERMISSION_DENIED', async () => {
      expect(await unary('ops', make())).toEqual({ code: status.PERMISSION_DENIED, details: WRONG_KIND('Scheduler.Call', 'ops', 'framework') });
    });
    it('framework B: PERMISSION_DENIED naming framework A', async () => {
      expect(await unary('fw-b', make())).toEqual({ code: status.PERMISSION_DENIED, details: foreign(name) });
    });
    if (name === 'SUPPRESS' || name === 'REVIVE' || name === 'RECONCILE') {
      it('framework A itself: allowed', async () => {
        expect(await unary('fw-a', { ...make(), stream_id: fwAIds.streamId })).toEqual({ code: status.OK, details: '' });
      });
    }
  });

  it('Scheduler.Call ACCEPT of framework B: its own calls pass authorization (the offer is checked as usual)', async () => {
    expect(await unary('fw-b', { type: CallType.REVIVE, framework_id: { value: fwBIds.frameworkId }, stream_id: fwBIds.streamId, revive: {} })).toEqual({ code: status.OK, details: '' });
  });

  describe('Scheduler.Subscribe', () => {
    it.each<[string, Credential, object, status, string]>([
      ['no credential', 'none', { name: 'x', principal: 'fw-a' }, status.UNAUTHENTICATED, NO_CREDENTIAL('Scheduler.Subscribe')],
      ['wrong credential', 'wrong', { name: 'x', principal: 'fw-a' }, status.UNAUTHENTICATED, WRONG_CREDENTIAL('Scheduler.Subscribe')],
      ['an agent credential', 'agent-1', { name: 'x', principal: 'agent-1' }, status.PERMISSION_DENIED, WRONG_KIND('Scheduler.Subscribe', 'agent-1', 'framework')],
      ['another principal named in FrameworkInfo', 'fw-b', { name: 'x', principal: 'fw-a' }, status.PERMISSION_DENIED, 'framework_info.principal: "fw-a" is not the authenticated principal "fw-b"'],
      ['a role the ACLs do not give', 'fw-b', { name: 'x', principal: 'fw-b', roles: ['prod'] }, status.PERMISSION_DENIED, 'register_framework: principal "fw-b" is not allowed (role "prod"; decided by register_frameworks[1])'],
    ])('%s: refused', async (_name, credential, info, code, details) => {
      const sub = subscribe(credential, info);
      await sub.ended;
      expect({ code: sub.error?.code, details: sub.error?.details }).toEqual({ code, details });
    });

    it('a FrameworkInfo without a principal is recorded with the authenticated one', async () => {
      const sub = subscribe('fw-b', { name: 'unnamed', roles: ['b'] });
      const { frameworkId } = await subscribed(sub);
      expect(running.master.frameworks.get(frameworkId)?.info.principal).toBe('fw-b');
      expect(await unary('fw-b', { type: CallType.TEARDOWN, framework_id: { value: frameworkId } })).toEqual({ code: status.OK, details: '' });
      sub.stream.cancel();
    });

    it('two principals subscribing the same new framework id at once: one gets it, the other is refused', async () => {
      const id = 'contested-framework-id';
      const a = subscribe('fw-a', { name: 'a2', principal: 'fw-a', roles: ['a'], id: { value: id } });
      const b = subscribe('fw-b', { name: 'b2', principal: 'fw-b', roles: ['b'], id: { value: id } });
      await waitFor(() => [a, b].every((s) => s.error !== undefined || s.events.some((e) => e.type === EventType.SUBSCRIBED)), 10_000, 'both answered');
      const refused = [a, b].filter((s) => s.error);
      expect(refused).toHaveLength(1);
      expect(refused[0].error!.code).toBe(status.PERMISSION_DENIED);
      expect(refused[0].error!.details).toMatch(/^framework_info\.id: framework contested-framework-id (was|is being) subscribed by principal "fw-[ab]"; principal "fw-[ab]" may not take it over$/);
      const winner = a.error ? 'fw-b' : 'fw-a';
      expect(running.master.frameworks.get(id)?.info.principal).toBe(winner);
      expect(await unary(winner as Who, { type: CallType.TEARDOWN, framework_id: { value: id } })).toEqual({ code: status.OK, details: '' });
      for (const s of [a, b]) s.stream.cancel();
    });

    it('framework B taking over framework A by its id: PERMISSION_DENIED, A keeps its stream', async () => {
      const sub = subscribe('fw-b', { name: 'b', principal: 'fw-b', roles: ['b'], id: { value: fwAIds.frameworkId } });
      await sub.ended;
      expect({ code: sub.error?.code, details: sub.error?.details }).toEqual({
        code: status.PERMISSION_DENIED,
        details: `framework_info.id: framework ${fwAIds.frameworkId} was subscribed by principal "fw-a"; principal "fw-b" may not take it over`,
      });
      expect(await unary('fw-a', { type: CallType.REVIVE, framework_id: { value: fwAIds.frameworkId }, stream_id: fwAIds.streamId, revive: {} })).toEqual({ code: status.OK, details: '' });
    });
  });

  describe('AgentLink.Connect', () => {
    it.each<[string, Credential, string]>([
      ['no credential', 'none', `UNAUTHENTICATED: ${NO_CREDENTIAL('AgentLink.Connect')}`],
      ['wrong credential', 'wrong', `UNAUTHENTICATED: ${WRONG_CREDENTIAL('AgentLink.Connect')}`],
      ['a framework credential', 'fw-a', `PERMISSION_DENIED: ${WRONG_KIND('AgentLink.Connect', 'fw-a', 'agent')}`],
      ['another agent re-registering agent 1 (a rogue agent)', 'agent-2', 'agent_info.id: agent AGENT1 was registered by principal "agent-1"; principal "agent-2" may not re-register it'],
    ])('%s: refused', async (_name, credential, message) => {
      const rogue = new StandInAgent(credential);
      const answer = await rogue.register(debugPort, credential === 'agent-2' ? agent1Id : undefined);
      expect(answer).toEqual({ error: message.replace('AGENT1', agent1Id) });
      rogue.end();
    });
    it('an agent credential: registered', () => {
      expect(agent2Id).toMatch(/./);
    });
  });

  describe('Operator.Call GET_STATE', () => {
    it.each<[string, Credential, status, string]>([
      ['no credential', 'none', status.UNAUTHENTICATED, NO_CREDENTIAL('Operator.Call')],
      ['wrong credential', 'wrong', status.UNAUTHENTICATED, WRONG_CREDENTIAL('Operator.Call')],
      ['a framework credential', 'fw-a', status.PERMISSION_DENIED, WRONG_KIND('Operator.Call', 'fw-a', 'operator')],
    ])('%s: refused', async (_name, credential, code, details) => {
      expect(await operatorCall(credential, pb.OperatorCall.Type.GET_STATE)).toEqual({ code, details });
    });
    it('an operator: the state, filtered by its view ACLs', async () => {
      const ops = await operatorCall('ops', pb.OperatorCall.Type.GET_STATE);
      const viewer = await operatorCall('viewer', pb.OperatorCall.Type.GET_STATE);
      expect(ops.code).toBe(status.OK);
      expect((ops.response!.state!.frameworks ?? []).map((f: { framework_info?: { principal?: string | null } | null }) => f.framework_info!.principal).sort()).toEqual(['fw-a', 'fw-b']);
      expect(ops.response!.state!.agents ?? []).toHaveLength(2);
      expect((viewer.response!.state!.frameworks ?? []).map((f: { framework_info?: { principal?: string | null } | null }) => f.framework_info!.principal)).toEqual(['fw-a']);
      expect(viewer.response!.state!.agents ?? []).toHaveLength(0);
    });
  });

  describe('Operator.Exec', () => {
    const session = (credential: Credential): Promise<{ code: status; details: string; exited?: number }> =>
      new Promise((resolve) => {
        const call = operator().exec(metadataFor(credential));
        let exited: number | undefined;
        call.on('data', (o: v1.IExecOutput) => {
          if (o.exited) exited = o.exited.exit_code ?? 0;
        });
        call.on('error', (e: ServiceError) => resolve({ code: e.code, details: e.details }));
        call.on('end', () => resolve({ code: status.OK, details: '', exited }));
        call.write({ start: { task_id: { value: 't1' }, command: ['true'] } });
      });
    it.each<[string, Credential, status, string]>([
      ['no credential', 'none', status.UNAUTHENTICATED, NO_CREDENTIAL('Operator.Exec')],
      ['wrong credential', 'wrong', status.UNAUTHENTICATED, WRONG_CREDENTIAL('Operator.Exec')],
      ['a framework credential', 'fw-a', status.PERMISSION_DENIED, WRONG_KIND('Operator.Exec', 'fw-a', 'operator')],
      ['an operator without the exec ACL', 'viewer', status.PERMISSION_DENIED, 'exec: principal "viewer" is not allowed (framework principal "fw-a"; decided by exec_sessions[1])'],
    ])('%s: refused', async (_name, credential, code, details) => {
      expect(await session(credential)).toEqual({ code, details });
    });
    it('an operator with the exec ACL: relayed to the agent', async () => {
      expect(await session('ops')).toEqual({ code: status.OK, details: '', exited: 0 });
    });
  });
});

describe('every HTTP endpoint × {no credential, wrong credential, another principal, allowed}', () => {
  const endpoints: Array<[string, () => string, number]> = [
    ['/state', () => '/state', 200],
    ['/state.json', () => '/state.json', 200],
    ['/master/state', () => '/master/state', 200],
    ['/master/state-summary', () => '/master/state-summary', 200],
    ['/master/tasks', () => '/master/tasks', 200],
    ['/metrics/snapshot', () => '/metrics/snapshot', 200],
    // Mesos's files on the master: relayed to the stand-in agent, which serves no HTTP.
    ['/files/read', () => `/files/read?path=${encodeURIComponent(`/frameworks/${fwAIds.frameworkId}/executors/t1/runs/latest/stdout`)}`, 502],
    ['/metrics', () => '/metrics', 200],
    ['/api/v1/events', () => '/api/v1/events', 200],
    ['/api/v1/snapshot', () => '/api/v1/snapshot', 200],
    ['/api/v1/tasks/<framework>/<task>', () => `/api/v1/tasks/${fwAIds.frameworkId}/t1`, 200],
    // The stand-in agent serves no HTTP: the proxy reached it and says so.
    ['/api/v1/agents/<agent>/files/browse', () => `/api/v1/agents/${agent1Id}/files/browse?path=${encodeURIComponent(`frameworks/${fwAIds.frameworkId}`)}`, 502],
    // The agent's cached images: the relay reached the stand-in agent, which serves no /state.
    ['/api/v1/agents/<agent>/images', () => `/api/v1/agents/${agent1Id}/images`, 502],
  ];
  describe.each(endpoints)('%s', (name, url, allowedStatus) => {
    const endpoint = name.startsWith('/api/v1/agents/') ? (name.endsWith('/images') ? '/api/v1/agents/…/images' : '/api/v1/agents/…/files') : undefined;
    it('no credential: 401 naming the endpoint', async () => {
      const r = await httpRequest(url(), 'none');
      expect(r.status).toBe(401);
      // Mesos's endpoints offer Basic too (Mesos HTTP clients answer it); the web UI's own paths only Bearer,
      // so a browser shows no password dialog of its own over the UI's login form.
      const webUi = new URL(url(), 'http://x').pathname.startsWith('/api/v1/');
      expect(r.headers['www-authenticate']).toBe(webUi ? 'Bearer realm="meseta"' : 'Basic realm="meseta", Bearer realm="meseta"');
      expect(JSON.parse(r.body)).toEqual({ error: NO_CREDENTIAL(endpoint ?? new URL(url(), 'http://x').pathname) });
    });
    it('wrong credential: 401', async () => {
      const r = await httpRequest(url(), 'wrong');
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toEqual({ error: WRONG_CREDENTIAL(endpoint ?? new URL(url(), 'http://x').pathname) });
    });
    it('a framework credential: 403', async () => {
      const r = await httpRequest(url(), 'fw-a');
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ error: WRONG_KIND(endpoint ?? new URL(url(), 'http://x').pathname, 'fw-a', 'operator') });
    });
    it(`an operator: ${allowedStatus}`, async () => {
      const r = await httpRequest(url(), 'ops');
      expect(r.status).toBe(allowedStatus);
    });
  });

  it.each(['/health', '/version'])('%s stays open', async (p) => {
    expect((await httpRequest(p, 'none')).status).toBe(200);
  });

  it.each<[Credential, object]>([
    ['none', { authentication: true }],
    ['wrong', { authentication: true }],
    ['fw-a', { authentication: true }],
    ['ops', { authentication: true, principal: 'ops' }],
  ])('/api/v1/whoami (open) with credential %s says %j', async (credential, answer) => {
    const r = await httpRequest('/api/v1/whoami', credential);
    expect({ status: r.status, body: JSON.parse(r.body) }).toEqual({ status: 200, body: answer });
  });

  it('the sandbox proxy needs access_sandbox: 403 naming the action and the principal', async () => {
    const r = await httpRequest(`/api/v1/agents/${agent1Id}/files/read?path=${encodeURIComponent(`frameworks/${fwAIds.frameworkId}/tasks/t1/runs/latest/stdout`)}`, 'viewer');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ error: 'access_sandbox: principal "viewer" is not allowed (framework principal "fw-a"; decided by access_sandboxes[0])' });
  });

  it('an agent\'s cached images need view_agent: an agent the viewer may not see is unknown to it (404)', async () => {
    const r = await httpRequest(`/api/v1/agents/${agent1Id}/images`, 'viewer');
    expect({ status: r.status, body: JSON.parse(r.body) }).toEqual({ status: 404, body: { error: `no such agent: ${agent1Id}` } });
  });

  it("Mesos's /files/* on the master need access_sandbox too", async () => {
    const r = await httpRequest(`/files/browse?path=${encodeURIComponent(`/frameworks/${fwAIds.frameworkId}/executors/t1/runs/latest`)}`, 'viewer');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error).toContain('access_sandbox: principal "viewer" is not allowed');
  });

  it('/master/state and /master/tasks show each viewer only what it may view; /master/redirect is open', async () => {
    const ops = (await httpRequest('/master/state', 'ops')).body;
    const viewer = (await httpRequest('/master/state', 'viewer')).body;
    expect(ops).toContain(fwBIds.frameworkId);
    expect(viewer).toContain(fwAIds.frameworkId);
    expect(viewer).not.toContain(fwBIds.frameworkId);
    const tasksOf = async (who: Credential) => (JSON.parse((await httpRequest('/master/tasks', who)).body) as { tasks: Array<{ framework_id: string }> }).tasks.map((t) => t.framework_id);
    expect(await tasksOf('ops')).toContain(fwAIds.frameworkId);
    expect((await tasksOf('viewer')).every((id) => id === fwAIds.frameworkId)).toBe(true);
    expect((await httpRequest('/master/redirect', 'none')).status).toBe(307);
  });

  it('the UI snapshot shows each viewer only the frameworks it may view', async () => {
    const ops = (await httpRequest('/api/v1/snapshot', 'ops')).body;
    const viewer = (await httpRequest('/api/v1/snapshot', 'viewer')).body;
    expect(ops).toContain(fwBIds.frameworkId);
    expect(viewer).toContain(fwAIds.frameworkId);
    expect(viewer).not.toContain(fwBIds.frameworkId);
  });

  it('/state shows each viewer only what it may view', async () => {
    const ops = JSON.parse((await httpRequest('/state', 'ops')).body) as { frameworks: Array<{ principal?: string; framework_info?: { principal?: string }; tasks?: unknown[] }>; agents?: unknown[] };
    const viewer = JSON.parse((await httpRequest('/state', 'viewer')).body) as typeof ops;
    const principals = (s: typeof ops): string[] => s.frameworks.map((f) => f.framework_info?.principal ?? f.principal ?? '').sort();
    expect(principals(ops)).toEqual(['fw-a', 'fw-b']);
    expect(ops.agents).toHaveLength(2);
    expect(principals(viewer)).toEqual(['fw-a']);
    expect(viewer.agents ?? []).toHaveLength(0);
  });

  it('the web UI logs in with a token in the body and gets an HttpOnly SameSite=Strict cookie', async () => {
    const refused = await httpRequest('/api/v1/login', 'none', 'POST', JSON.stringify({ token: WRONG }));
    expect(refused.status).toBe(401);
    const framework = await httpRequest('/api/v1/login', 'none', 'POST', JSON.stringify({ token: TOKENS['fw-a'] }));
    expect(framework.status).toBe(403);
    const login = await httpRequest('/api/v1/login', 'none', 'POST', JSON.stringify({ token: TOKENS.ops }));
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^meseta_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    expect(cookie).not.toContain(TOKENS.ops);
    const [host, port] = address.split(':');
    const whoami = await new Promise<string>((resolve) => {
      http.get({ host, port: Number(port), path: '/api/v1/whoami', headers: { cookie: cookie.split(';')[0] } }, (res) => {
        let b = '';
        res.on('data', (c: Buffer) => (b += c.toString()));
        res.on('end', () => resolve(b));
      });
    });
    expect(JSON.parse(whoami)).toEqual({ authentication: true, principal: 'ops' });
    expect(logLines.join('\n')).not.toContain(TOKENS.ops);
  });
});

describe('agents speak only for their own tasks', () => {
  it('a forged status update (agent 2 reports task t1 of agent 1) is refused and logged; agent 1 is heard', async () => {
    agent2.send({ updates: [{ framework_id: { value: fwAIds.frameworkId }, status: { task_id: { value: 't1' }, state: TaskState.TASK_FAILED, uuid: Buffer.from('forged-forged-00'), agent_id: { value: agent2Id } } }] });
    await waitFor(() => logLines.some((l) => l.includes('status update refused') && l.includes(`agent=${agent2Id}`)), 10_000, 'the refusal in the log');
    const line = logLines.find((l) => l.includes('status update refused'))!;
    expect(line).toContain('task=t1');
    expect(line).toContain(`problem="task t1 of framework ${fwAIds.frameworkId} runs on agent ${agent1Id}, not on agent ${agent2Id}"`);
    expect(fwA.events.some((e) => e.update?.status?.state === TaskState.TASK_FAILED)).toBe(false);
    const state = JSON.parse((await httpRequest('/state', 'ops')).body) as { tasks?: Array<{ task_id: { value: string }; state: string }> };
    expect((state.tasks ?? []).find((t) => t.task_id.value === 't1')?.state).toBe('TASK_RUNNING');
  });
});

describe('an agent address belongs to its principal', () => {
  it("a new agent of another principal at agent 1's address does not replace agent 1", async () => {
    agent1.end();
    await waitFor(() => running.master.agents.get(agent1Id)?.status === 'DISCONNECTED', 10_000, 'agent 1 disconnected');
    const squatter = new StandInAgent('agent-2');
    const id = await squatter.register(debugPort);
    expect(typeof id).toBe('string');
    expect(logLines.some((l) => l.includes('agent at the same address not replaced: registered by another principal') && l.includes(`old=${agent1Id}`))).toBe(true);
    expect(running.master.agents.get(agent1Id)?.status).toBe('DISCONNECTED');
    squatter.end();
  });
});

describe('ACL reload', () => {
  it('a change to the ACL file applies without a restart', async () => {
    const before = await operatorCall('viewer', pb.OperatorCall.Type.GET_FRAMEWORKS);
    expect((before.response!.state!.frameworks ?? []).map((f: { framework_info?: { principal?: string | null } | null }) => f.framework_info!.principal)).toEqual(['fw-a']);
    fs.writeFileSync(aclFile, JSON.stringify({ ...ACLS, view_frameworks: [{ principals: { values: ['viewer'] }, framework_principals: { type: 'ANY' } }] }));
    await waitFor(() => logLines.some((l) => l.includes('ACLs reloaded')), 10_000, 'the reload');
    const after = await operatorCall('viewer', pb.OperatorCall.Type.GET_FRAMEWORKS);
    expect((after.response!.state!.frameworks ?? []).map((f: { framework_info?: { principal?: string | null } | null }) => f.framework_info!.principal).sort()).toEqual(['fw-a', 'fw-b']);
  });
});
