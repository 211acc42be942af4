/**
 * An agent id stays with the principal that registered it across a master
 * restart: the registry keeps the principal (a real master, restarted on
 * the same work dir, over real sockets on 127.0.0.1).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, credentials, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { AgentLinkClient, CHANNEL_OPTIONS } from '@meseta/proto/services';
import { pb, type AgentToMaster, type MasterToAgent } from '@meseta/proto/wire';
import { silentLogger } from '@meseta/runtime/log';
import { startMaster, type RunningMaster } from '../../master/index';
import { waitFor } from '../harness/wait-for';

const TOKENS = { 'agent-1': 'agent-1-token-0000000', 'agent-2': 'agent-2-token-0000000' } as const;

let dir: string;
let master: RunningMaster | undefined;
const closers: Array<() => void> = [];

/** Register over a fresh link with `who`'s token; the id, or the master's refusal. */
async function register(who: keyof typeof TOKENS, id?: string): Promise<string | { error: string }> {
  const client = new AgentLinkClient(master!.address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as { connect(m: Metadata): ClientDuplexStream<AgentToMaster, MasterToAgent>; close(): void };
  const md = new Metadata();
  md.set('authorization', `Bearer ${TOKENS[who]}`);
  const stream = client.connect(md);
  closers.push(() => {
    stream.cancel();
    client.close();
  });
  const received: MasterToAgent[] = [];
  let failed: ServiceError | undefined;
  stream.on('data', (m: MasterToAgent) => received.push(m));
  stream.on('error', (e: ServiceError) => (failed = e));
  stream.write({
    register: {
      agent_info: { id: id ? { value: id } : undefined, hostname: '127.0.0.1', ip: '127.0.0.1', port: 1, resources: [{ name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 1 } }] },
      version: 'test',
    },
  });
  await waitFor(() => failed !== undefined || received.some((m) => m.registered || m.error), 10_000, 'an answer to register');
  if (failed) return { error: failed.details };
  const answer = received.find((m) => m.registered || m.error)!;
  return answer.registered ? answer.registered.agent_id!.value! : { error: answer.error!.message! };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-auth-registry-'));
  fs.writeFileSync(path.join(dir, 'credentials.json'), JSON.stringify({ credentials: [
    { principal: 'agent-1', kind: 'agent', token: TOKENS['agent-1'] },
    { principal: 'agent-2', kind: 'agent', token: TOKENS['agent-2'] },
  ] }));
});

afterAll(async () => {
  for (const c of closers) c();
  await master?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a restarted master still refuses another principal re-registering an agent id', async () => {
  const start = (): Promise<RunningMaster> => startMaster({ port: 0, workDir: path.join(dir, 'master'), credentials: path.join(dir, 'credentials.json'), logger: silentLogger });
  fs.mkdirSync(path.join(dir, 'master'));
  master = await start();
  const id = await register('agent-1');
  expect(typeof id).toBe('string');
  for (const c of closers.splice(0)) c();
  await master.stop();

  master = await start();
  expect(await register('agent-2', id as string)).toEqual({ error: `agent_info.id: agent ${id} was registered by principal "agent-1"; principal "agent-2" may not re-register it` });
  expect(await register('agent-1', id as string)).toBe(id);
});
