/**
 * The agent side of trust, with a real master and a real agent (both
 * in-process, over real sockets on 127.0.0.1):
 *
 * - the agent registers with its own credential; without one it is refused;
 * - the agent's own debug sessions and HTTP endpoints (but /health) take
 *   only master or operator principals from its `--http-credentials`;
 * - the master's files proxy reaches the agent with the master's credential.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, credentials, status, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { AgentDebugClient } from '@meseta/proto/exec-service';
import { CHANNEL_OPTIONS } from '@meseta/proto/services';
import type { v1 } from '@meseta/proto/wire';
import { createLogger, silentLogger } from '@meseta/runtime/log';
import { startMaster, type RunningMaster } from '../../master/index';
import { startAgent, type RunningAgent } from '../../agent/index';
import { hashToken } from '../../master/auth/credentials';
import { waitFor } from '../harness/wait-for';

const TOKENS = { ops: 'ops-token-000000000000', master: 'master-token-000000000', 'agent-1': 'agent-1-token-0000000', 'fw-a': 'fw-a-token-00000000000' } as const;
const KINDS = { ops: 'operator', master: 'master', 'agent-1': 'agent', 'fw-a': 'framework' } as const;

let dir: string;
let master: RunningMaster;
let agent: RunningAgent | undefined;
const agentLog: string[] = [];
const closers: Array<() => void> = [];

function get(port: number, urlPath: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function execOnAgent(port: number, token?: string): Promise<{ code: status; details: string }> {
  const client = new AgentDebugClient(`127.0.0.1:${port}`, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as { exec(m: Metadata): ClientDuplexStream<v1.IExecInput, v1.IExecOutput>; close(): void };
  closers.push(() => client.close());
  const md = new Metadata();
  if (token) md.set('authorization', `Bearer ${token}`);
  return new Promise((resolve) => {
    const call = client.exec(md);
    call.on('data', () => undefined);
    call.on('error', (e: ServiceError) => resolve({ code: e.code, details: e.details }));
    call.on('end', () => resolve({ code: status.OK, details: '' }));
    call.write({ start: { task_id: { value: 'no-such-task' }, framework_id: { value: 'f' }, command: ['true'] } });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-auth-agent-'));
  const credentialsFile = path.join(dir, 'credentials.json');
  // Hashes only: the same file is safe to hand to every agent.
  fs.writeFileSync(credentialsFile, JSON.stringify({ credentials: (Object.keys(TOKENS) as Array<keyof typeof TOKENS>).map((p) => ({ principal: p, kind: KINDS[p], token_sha256: hashToken(TOKENS[p]) })) }));
  master = await startMaster({ port: 0, credentials: credentialsFile, agentSecurity: { token: TOKENS.master }, logger: silentLogger });
  fs.mkdirSync(path.join(dir, 'agent'));
  agent = await startAgent({
    master: master.address,
    port: 0,
    workDir: path.join(dir, 'agent'),
    resources: 'cpus:1;mem:64;disk:64',
    masterSecurity: { token: TOKENS['agent-1'] },
    httpCredentials: credentialsFile,
    logger: createLogger('agent', 'info', (l) => agentLog.push(l)),
  });
  await agent.registered();
}, 60_000);

afterAll(async () => {
  for (const c of closers) c();
  await agent?.stop();
  await master?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the agent registers with its credential', () => {
  it('is active at the master', () => {
    expect([...master.master.agents.values()].map((a) => ({ status: a.status, principal: a.principal }))).toEqual([{ status: 'ACTIVE', principal: 'agent-1' }]);
  });

  it('an agent without a credential is refused, naming why', async () => {
    fs.mkdirSync(path.join(dir, 'rogue'));
    const lines: string[] = [];
    const rogue = await startAgent({ master: master.address, port: 0, workDir: path.join(dir, 'rogue'), resources: 'cpus:1;mem:64;disk:64', checkpoint: false, logger: createLogger('rogue', 'debug', (l) => lines.push(l)) });
    try {
      await waitFor(() => lines.some((l) => l.includes('AgentLink.Connect: a credential is required')), 20_000, 'the refusal in the rogue agent log');
      expect(rogue.agentId()).toBeUndefined();
    } finally {
      await rogue.stop();
    }
  });
});

describe("the agent's own port", () => {
  it.each<[string, string | undefined, status, string]>([
    ['no credential', undefined, status.UNAUTHENTICATED, 'AgentDebug.Exec: a credential is required (authorization: Bearer <token>, or a client certificate)'],
    ['a wrong credential', 'nope-nope-nope-nope-nope', status.UNAUTHENTICATED, "AgentDebug.Exec: the bearer token matches no principal in the master's --credentials"],
    ['a framework credential', TOKENS['fw-a'], status.PERMISSION_DENIED, 'AgentDebug.Exec: principal "fw-a" is a framework credential; this takes master or operator credentials'],
    ['an agent credential', TOKENS['agent-1'], status.PERMISSION_DENIED, 'AgentDebug.Exec: principal "agent-1" is an agent credential; this takes master or operator credentials'],
  ])('AgentDebug.Exec with %s: refused', async (_name, token, code, details) => {
    expect(await execOnAgent(agent!.port, token)).toEqual({ code, details });
  });

  it.each<[string, string]>([
    ['the master', TOKENS.master],
    ['an operator', TOKENS.ops],
  ])('AgentDebug.Exec from %s: admitted (then the agent answers for the task)', async (_name, token) => {
    const r = await execOnAgent(agent!.port, token);
    expect(r.code).toBe(status.NOT_FOUND);
  });

  it.each<[string, string | undefined, number]>([
    ['/files/browse?path=', undefined, 401],
    ['/files/browse?path=', TOKENS['fw-a'], 403],
    ['/state', undefined, 401],
    ['/state', TOKENS['agent-1'], 403],
    ['/state', TOKENS.ops, 200],
    // Admitted: the agent itself answers (no sandbox exists yet).
    ['/files/browse?path=frameworks', TOKENS.master, 404],
    ['/health', undefined, 200],
  ])('GET %s with token %s: %i', async (urlPath, token, code) => {
    expect((await get(agent!.port, urlPath, token)).status).toBe(code);
  });

  it("the master's files proxy reaches the agent with the master's credential", async () => {
    const id = agent!.agentId()!;
    const r = await get(master.port, `/api/v1/agents/${id}/files/browse?path=frameworks`, TOKENS.ops);
    // The agent's own answer (no sandbox yet), not its 401.
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error).toContain('the sandbox does not exist');
  });
});
