/**
 * The agent link's two transports on one real `meseta master` process
 * (with `--credentials`), over real sockets on 127.0.0.1:
 *
 * - a real `meseta agent` process registers over `meseta-link/1` (its log
 *   names the transport) with its `--credential`;
 * - gRPC agent clients keep working beside it: grpc-js's AgentLink client,
 *   and the agent's own MasterLink told to use gRPC;
 * - the light link is authenticated like gRPC: no token or a wrong one is
 *   refused with UNAUTHENTICATED naming why;
 * - bad input on the light link is refused with a status naming the
 *   problem, and the master keeps serving;
 * - a server that does not speak the light link (an older master answers
 *   its preface as a bad HTTP/1.1 request) fails the stream with
 *   LinkUnsupportedError, which makes the agent use gRPC.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { credentials, Metadata, status, type ClientDuplexStream } from '@grpc/grpc-js';
import { AgentLinkClient, AgentLinkService, CHANNEL_OPTIONS } from '@meseta/proto/services';
import type { AgentToMaster, MasterToAgent } from '@meseta/proto/wire';
import { FramedLinkClient, LinkUnsupportedError, type FramedClientStream } from '@meseta/runtime/framed-link-client';
import { FrameKind, FrameReader, LINK_PREFACE, encodeFrame, encodeOpen, parseStatusPayload } from '@meseta/runtime/link-frames';
import { createLogger } from '@meseta/runtime/log';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { hashToken } from '../../master/auth/credentials';
import { MasterLink } from '../../agent/master-link';

const TOKENS = { ops: 'ops-token-0000000000000', 'agent-1': 'agent-1-token-000000000', 'agent-2': 'agent-2-token-000000000' } as const;
const KINDS = { ops: 'operator', 'agent-1': 'agent', 'agent-2': 'agent' } as const;

let dir: string;
let cluster: Cluster;
const cleanups: Array<() => void | Promise<void>> = [];

const register = (host: string): AgentToMaster => ({
  register: { agent_info: { hostname: host, port: 5051, resources: [{ name: 'cpus', type: 0, scalar: { value: 1 } }] }, tasks: [], frameworks: [], version: 'test' },
});

/** The first message or the status that ends a stream. */
function firstAnswer(call: { on(e: 'data', l: (m: MasterToAgent) => void): unknown; on(e: 'error', l: (e: { code?: number; details?: string }) => void): unknown }): Promise<{ message?: MasterToAgent; code?: number; details?: string }> {
  return new Promise((resolve) => {
    call.on('data', (message) => resolve({ message }));
    call.on('error', (e) => resolve({ code: e.code, details: e.details }));
  });
}

/** GET /state as the operator. */
async function state(): Promise<{ agents: Array<{ id: string; hostname: string; active: boolean }> }> {
  type AgentJson = { agent_info: { id?: { value: string }; hostname?: string }; status?: string };
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: cluster.master.port, path: '/state', headers: { authorization: `Bearer ${TOKENS.ops}` } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`GET /state answered ${res.statusCode}: ${text}`))));
      })
      .on('error', reject);
  });
  const agents = (JSON.parse(body) as { agents: AgentJson[] }).agents;
  return { agents: agents.map((a) => ({ id: a.agent_info.id?.value ?? '', hostname: a.agent_info.hostname ?? '', active: a.status === 'ACTIVE' })) };
}

/**
 * Raw bytes to the master's port: what comes back (frames after the
 * preface) until it closes (`untilClose`) or a STATUS came, or 10 s pass.
 */
function rawExchange(port: number, bytes: Buffer, untilClose: boolean): Promise<{ preface: boolean; statuses: Array<{ stream: number; code: number; details: string }>; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let got = Buffer.alloc(0);
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const preface = got.subarray(0, LINK_PREFACE.length).equals(LINK_PREFACE);
      const { frames } = new FrameReader().push(got.subarray(LINK_PREFACE.length));
      const statuses = frames
        .filter((f) => f.kind === FrameKind.STATUS)
        .map((f) => {
          const s = parseStatusPayload(f.payload);
          return { stream: f.stream, ...('status' in s ? s.status : { code: -1, details: s.problem }) };
        });
      resolve({ preface, statuses, closed });
    };
    const timer = setTimeout(() => finish(false), 10_000);
    socket.on('data', (c: Buffer) => {
      got = Buffer.concat([got, c]);
      if (!untilClose && got.length > LINK_PREFACE.length && new FrameReader().push(got.subarray(LINK_PREFACE.length)).frames.some((f) => f.kind === FrameKind.STATUS)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.write(Buffer.concat([LINK_PREFACE, bytes]));
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-light-link-'));
  const credentialsFile = path.join(dir, 'credentials.json');
  fs.writeFileSync(credentialsFile, JSON.stringify({ credentials: (Object.keys(TOKENS) as Array<keyof typeof TOKENS>).map((p) => ({ principal: p, kind: KINDS[p], token_sha256: hashToken(TOKENS[p]) })) }));
  const credentialFile = path.join(dir, 'agent-1.token');
  fs.writeFileSync(credentialFile, TOKENS['agent-1']);
  cluster = await startCluster({ name: 'light-link', agents: 1, masterFlags: ['--credentials', credentialsFile], agentFlags: ['--credential', credentialFile] });
}, 120_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a real agent', () => {
  it('registers over meseta-link/1 with its credential', async () => {
    expect(cluster.agents[0].agentId).not.toBe('');
    expect(cluster.agents[0].meseta.stderr()).toMatch(/registering with master .*transport=meseta-link\/1/);
    expect(cluster.agents[0].meseta.stderr()).not.toContain('using gRPC');
  });
});

describe('gRPC agent clients keep working beside it', () => {
  it("grpc-js's AgentLink client registers with a token", async () => {
    const client = new AgentLinkClient(cluster.master.address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as { connect(md: Metadata): ClientDuplexStream<AgentToMaster, MasterToAgent>; close(): void };
    cleanups.push(() => client.close());
    const md = new Metadata();
    md.set('authorization', `Bearer ${TOKENS['agent-2']}`);
    const call = client.connect(md);
    cleanups.push(() => call.cancel());
    const answer = firstAnswer(call);
    call.write(register('grpc-js-agent'));
    const { message } = await answer;
    expect(message?.registered?.agent_id?.value).toBeTruthy();
  });

  it("the agent's MasterLink told to use gRPC registers", async () => {
    const lines: string[] = [];
    let registered = '';
    const link = new MasterLink(
      { master: cluster.master.address, reconnectMinMs: 100, reconnectMaxMs: 1000, logger: createLogger('link', 'info', (l) => lines.push(l)), security: { token: TOKENS['agent-2'] }, transport: 'grpc' },
      {
        registration: () => register('masterlink-grpc').register!,
        onRegistered: (r) => (registered = r.agent_id?.value ?? ''),
        onMessage: () => undefined,
        onRefused: () => undefined,
        onDisconnected: () => undefined,
      },
    );
    cleanups.push(() => link.stop());
    link.start();
    await waitFor(() => registered !== '', 30_000, 'the gRPC MasterLink registered');
    expect(lines.some((l) => /registering with master .*transport=grpc/.test(l))).toBe(true);
    const s = await state();
    expect(s.agents.filter((a) => a.active).map((a) => a.hostname)).toEqual(expect.arrayContaining(['masterlink-grpc', 'grpc-js-agent']));
  });
});

describe('the light link is authenticated as gRPC is', () => {
  it.each([
    ['no token', {}, 'AgentLink.Connect: a credential is required'],
    ['a wrong token', { authorization: 'Bearer not-a-known-token-000' }, "AgentLink.Connect: the bearer token matches no principal in the master's --credentials"],
  ])('%s: refused UNAUTHENTICATED, naming why', async (_name, metadata, details) => {
    const client = new FramedLinkClient<AgentToMaster, MasterToAgent>({ address: cluster.master.address, codec: AgentLinkService.connect, metadata });
    cleanups.push(() => client.close());
    const call = client.open();
    const answer = firstAnswer(call);
    call.write(register('rogue'));
    const got = await answer;
    expect(got.code).toBe(status.UNAUTHENTICATED);
    expect(got.details).toContain(details);
  });

  it('an operator token is not an agent credential: PERMISSION_DENIED', async () => {
    const client = new FramedLinkClient<AgentToMaster, MasterToAgent>({ address: cluster.master.address, codec: AgentLinkService.connect, metadata: { authorization: `Bearer ${TOKENS.ops}` } });
    cleanups.push(() => client.close());
    const call: FramedClientStream<AgentToMaster, MasterToAgent> = client.open();
    const answer = firstAnswer(call);
    call.write(register('rogue'));
    expect(await answer).toMatchObject({ code: status.PERMISSION_DENIED, details: expect.stringContaining('principal "ops" is an operator credential') });
  });
});

describe('bad input on the light link is refused, naming the problem', () => {
  const auth = { authorization: `Bearer ${TOKENS['agent-2']}` };
  it.each<[string, Buffer, { stream: number; code: number; details: RegExp }, boolean]>([
    ['an unknown frame kind', encodeFrame(9 as never, 1), { stream: 0, code: status.INTERNAL, details: /protocol error: unknown frame kind 9/ }, true],
    ['a frame longer than the limit', Buffer.from([0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 1]), { stream: 0, code: status.INTERNAL, details: /protocol error: frame payload of \d+ bytes is over the limit/ }, true],
    ['OPEN metadata that is not JSON', encodeFrame(FrameKind.OPEN, 1, Buffer.from('{')), { stream: 1, code: status.INVALID_ARGUMENT, details: /^OPEN metadata: not JSON/ }, false],
    ['OPEN metadata with a number', encodeFrame(FrameKind.OPEN, 1, Buffer.from('{"authorization":5}')), { stream: 1, code: status.INVALID_ARGUMENT, details: /^OPEN metadata: "authorization" must be a string, got number/ }, false],
    ['a message that does not parse', Buffer.concat([encodeOpen(1, auth), encodeFrame(FrameKind.DATA, 1, Buffer.from([0xff, 0xff, 0xff]))]), { stream: 1, code: status.INTERNAL, details: /^message on stream 1 does not parse/ }, false],
    ['a STATUS frame from the client', encodeFrame(FrameKind.STATUS, 1, Buffer.from('{}')), { stream: 0, code: status.INTERNAL, details: /STATUS frames come from the server only/ }, true],
  ])('%s', async (_name, bytes, expected, closes) => {
    const got = await rawExchange(cluster.master.port, bytes, closes);
    expect(got.preface).toBe(true);
    expect(got.statuses).toEqual([{ stream: expected.stream, code: expected.code, details: expect.stringMatching(expected.details) }]);
    if (closes) expect(got.closed).toBe(true);
    // The master still serves: the real agent is still active.
    expect((await state()).agents.some((a) => a.id === cluster.agents[0].agentId && a.active)).toBe(true);
  });
});

describe('a server without the light link', () => {
  it('fails the stream with LinkUnsupportedError (the agent then uses gRPC)', async () => {
    // An older master answers the preface as a bad HTTP/1.1 request, as any HTTP/1.1 server does.
    const server = http.createServer((_req, res) => res.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as net.AddressInfo).port;
    const client = new FramedLinkClient<AgentToMaster, MasterToAgent>({ address: `127.0.0.1:${port}`, codec: AgentLinkService.connect });
    cleanups.push(() => client.close());
    const call = client.open();
    const error = await new Promise<Error>((resolve) => call.on('error', resolve));
    expect(error).toBeInstanceOf(LinkUnsupportedError);
    expect((error as LinkUnsupportedError).details).toMatch(/does not offer meseta-link\/1 \(it answered "HTTP\/1.1 400 Bad Request"\)/);
  });
});
