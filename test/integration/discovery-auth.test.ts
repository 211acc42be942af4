/**
 * The watch API on an authenticated master (real master and agent, in
 * this process, over real sockets on 127.0.0.1; tasks are real processes):
 * two frameworks by two principals each run a `web` task; an operator
 * allowed everything watches both, an operator whose view ACLs allow only
 * framework A's tasks sees only A's (also when A's task ends and B's
 * changes), over server-sent events (the SDK) and gRPC; no credential,
 * a wrong one and a framework's credential are refused, naming why.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, credentials, status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, DiscoveryClient } from '@meseta/proto/services';
import type { v1 } from '@meseta/proto/wire';
import { silentLogger } from '@meseta/runtime/log';
import { compileTask, watchService, type ServiceWatch } from '@meseta/sdk';
import { startMaster, type RunningMaster } from '../../master/index';
import { startAgent, type RunningAgent } from '../../agent/index';
import { hashToken } from '../../master/auth/credentials';
import { waitFor } from '../harness/wait-for';
import { Recorder } from '../support/recorder';

const TOKENS = {
  ops: 'ops-token-000000000000',
  viewer: 'viewer-token-000000000',
  'fw-a': 'fw-a-token-00000000000',
  'fw-b': 'fw-b-token-00000000000',
  'agent-1': 'agent-1-token-0000000',
} as const;
type Who = keyof typeof TOKENS;
const KINDS: Record<Who, string> = { ops: 'operator', viewer: 'operator', 'fw-a': 'framework', 'fw-b': 'framework', 'agent-1': 'agent' };
/** viewer may see framework A's tasks only. */
const ACLS = {
  permissive: true,
  view_frameworks: [
    { principals: { values: ['viewer'] }, framework_principals: { values: ['fw-a'] } },
    { principals: { values: ['viewer'] }, framework_principals: { type: 'NONE' } },
  ],
  view_tasks: [
    { principals: { values: ['viewer'] }, framework_principals: { values: ['fw-a'] } },
    { principals: { values: ['viewer'] }, framework_principals: { type: 'NONE' } },
  ],
};

let dir: string;
let master: RunningMaster;
let agent: RunningAgent | undefined;
const frameworks: Recorder[] = [];
const watches: ServiceWatch[] = [];
const closers: Array<() => void> = [];

/** Start framework `who` (named `shop-a` / `shop-b`) and run one `web` task with a named port; its task id. */
async function runWeb(who: 'fw-a' | 'fw-b', taskId: string): Promise<Recorder> {
  const r = new Recorder(master.address, { name: `shop-${who.slice(3)}`, principal: who }, { security: { token: TOKENS[who] } });
  frameworks.push(r);
  await r.driver.start();
  await waitFor(() => r.open().length > 0, 20_000, `an offer for ${who}`);
  const offer = r.take();
  const task = compileTask({ name: 'web', taskId, command: 'sleep 300', cpus: 0.1, mem: 16, ports: 1, discovery: { name: 'web', ports: ['http'] } }, offer);
  await r.driver.launch([offer.id!.value!], [task]);
  await r.waitState(taskId, 'TASK_RUNNING');
  // Leave the rest to the other framework.
  await r.driver.suppress();
  const rest = r.open().map((o) => o.id!.value!);
  for (const id of rest) r.used.add(id);
  if (rest.length > 0) await r.driver.decline(rest);
  return r;
}

function watch(who: Who | undefined): ServiceWatch {
  const w = watchService({ master: master.address, service: 'web', security: who ? { token: TOKENS[who] } : undefined });
  watches.push(w);
  return w;
}

const tasksSeen = (w: ServiceWatch): string[] => w.list().map((e) => e.taskId).sort();

function getWatch(token: string | undefined): Promise<{ status: number; body: string }> {
  const [host, port] = master.address.split(':');
  return new Promise((resolve, reject) => {
    http
      .get({ host, port: Number(port), path: '/api/v1/discovery/watch?service=web', headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** The first gRPC watch event `who` gets, or the refusal. */
function grpcFirst(who: Who | undefined): Promise<v1.IServiceWatchEvent | ServiceError> {
  const client = new DiscoveryClient(master.address, credentials.createInsecure(), CHANNEL_OPTIONS);
  closers.push(() => client.close());
  const md = new Metadata();
  if (who) md.set('authorization', `Bearer ${TOKENS[who]}`);
  return new Promise((resolve) => {
    const stream = client.watch({ service: 'web' }, md) as ClientReadableStream<v1.IServiceWatchEvent>;
    stream.once('data', (e: v1.IServiceWatchEvent) => {
      resolve(e);
      stream.cancel();
    });
    stream.on('error', (e: ServiceError) => (e.code === status.CANCELLED ? undefined : resolve(e)));
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-discovery-auth-'));
  const credentialsFile = path.join(dir, 'credentials.json');
  fs.writeFileSync(credentialsFile, JSON.stringify({ credentials: (Object.keys(TOKENS) as Who[]).map((p) => ({ principal: p, kind: KINDS[p], token_sha256: hashToken(TOKENS[p]) })) }));
  const aclFile = path.join(dir, 'acls.json');
  fs.writeFileSync(aclFile, JSON.stringify(ACLS));
  master = await startMaster({ port: 0, credentials: credentialsFile, acls: aclFile, allocationIntervalSeconds: 0.1, logger: silentLogger });
  fs.mkdirSync(path.join(dir, 'agent'));
  agent = await startAgent({
    master: master.address, port: 0, workDir: path.join(dir, 'agent'), resources: 'cpus:2;mem:256;disk:64;ports:[31500-31520]',
    masterSecurity: { token: TOKENS['agent-1'] }, logger: silentLogger,
  });
  await agent.registered();
}, 60_000);

afterAll(async () => {
  for (const w of watches) w.close();
  for (const c of closers) c();
  for (const f of frameworks) await f.driver.teardown().catch(() => undefined);
  await agent?.stop();
  await master?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('an operator sees every framework\'s endpoints; one restricted by view ACLs sees only the tasks it may view, as they change', async () => {
  const a = await runWeb('fw-a', 'a-1');
  const b = await runWeb('fw-b', 'b-1');
  const ops = watch('ops');
  const viewer = watch('viewer');
  await Promise.all([ops.ready(), viewer.ready()]);
  await waitFor(() => tasksSeen(ops).length === 2, 20_000, 'the operator to see both tasks', 50);
  expect(tasksSeen(ops)).toEqual(['a-1', 'b-1']);
  expect(ops.list().map((e) => e.framework).sort()).toEqual(['shop-a', 'shop-b']);
  expect(tasksSeen(viewer)).toEqual(['a-1']);
  // Over gRPC the same: the first event is the whole set the caller may see.
  const opsFirst = (await grpcFirst('ops')) as v1.IServiceWatchEvent;
  expect((opsFirst.endpoints ?? []).map((e) => e.task_id).sort()).toEqual(['a-1', 'b-1']);
  const viewerFirst = (await grpcFirst('viewer')) as v1.IServiceWatchEvent;
  expect((viewerFirst.endpoints ?? []).map((e) => e.task_id)).toEqual(['a-1']);

  // Changes are narrowed too: B's new task reaches the operator only; A's ended task leaves both.
  await b.driver.revive();
  const offer = await waitFor(() => b.open()[0], 20_000, 'another offer for fw-b');
  b.used.add(offer.id!.value!);
  await b.driver.launch([offer.id!.value!], [compileTask({ name: 'web', taskId: 'b-2', command: 'sleep 300', cpus: 0.1, mem: 16, ports: 1, discovery: { name: 'web', ports: ['http'] } }, offer)]);
  await b.waitState('b-2', 'TASK_RUNNING');
  await a.driver.kill('a-1');
  await a.waitState('a-1', 'TASK_KILLED');
  await waitFor(() => JSON.stringify(tasksSeen(ops)) === JSON.stringify(['b-1', 'b-2']), 20_000, 'the operator to see b-2 come and a-1 go', 50);
  await waitFor(() => tasksSeen(viewer).length === 0, 20_000, 'the viewer to see a-1 go', 50);
  // A viewer coming back with its token resumes narrowed: still nothing of B's.
  const back = watchService({ master: master.address, service: 'web', security: { token: TOKENS.viewer }, resumeFrom: { token: viewer.token, endpoints: viewer.list() } });
  watches.push(back);
  await back.ready();
  expect(back.snapshots).toBe(0);
  expect(tasksSeen(back)).toEqual([]);
}, 90_000);

it.each<[string, string | undefined, number, RegExp]>([
  ['no credential', undefined, 401, /credential is required/],
  ['a wrong credential', 'not-a-token-of-anyone-000', 401, /matches no principal/],
  ['a framework\'s credential', TOKENS['fw-a'], 403, /framework credential/],
])('the watch refuses %s, naming why', async (_n, token, code, message) => {
  const answer = await getWatch(token);
  expect(answer.status).toBe(code);
  expect(answer.body).toMatch(message);
});

it('gRPC Discovery.Watch refuses no credential and a framework\'s credential', async () => {
  const none = (await grpcFirst(undefined)) as ServiceError;
  expect(none.code).toBe(status.UNAUTHENTICATED);
  const fw = (await grpcFirst('fw-b')) as ServiceError;
  expect(fw.code).toBe(status.PERMISSION_DENIED);
  expect(fw.details).toMatch(/framework credential/);
});
