/**
 * Launch throughput of Mesos's Scheduler HTTP API (`POST
 * /api/v1/scheduler`, JSON and protobuf) beside our gRPC Scheduler API, in
 * one run, against a real `meseta master` started as users start it (`node
 * dist/cli/meseta.js master --work-dir DIR`, its own process).
 *
 * Each round starts a fresh master and `--agents` simulated agents
 * (bench/support/simulated-agent.ts: the real Agent API over gRPC, nothing
 * run, TASK_RUNNING answered at once), each offering room for exactly
 * `--per-accept` tasks. One framework of the mode under test subscribes,
 * waits until it holds every agent's offer, then sends one ACCEPT per offer
 * with `--per-accept` tasks (10), all at once; the clock runs from the first
 * ACCEPT to the last TASK_RUNNING the framework receives. Both frameworks
 * are raw clients of their API (no SDK): gRPC through the generated client,
 * HTTP as a Mesos client speaks it (the event stream on one connection,
 * calls on keep-alive connections). Neither acknowledges updates (the
 * simulated agents do not wait for acknowledgements), so both do the same
 * work. Modes run interleaved, round by round; medians are reported.
 *
 *   npm run build && node dist/bench/mesos-http-launch.bench.js [--rounds 3] [--agents 200] [--per-accept 10]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { credentials, type ClientReadableStream } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, SchedulerClient } from '@meseta/proto/services';
import { CallType, TaskState, pb, type Call, type EventBatch, type Offer } from '@meseta/proto/wire';
import { RecordIoDecoder } from '@meseta/proto/recordio';
import { arg, median } from './support/bench-args';
import { startSimulatedAgent, type SimulatedAgent } from './support/simulated-agent';

type Mode = 'grpc' | 'http-json' | 'http-protobuf';
const MODES: Mode[] = ['grpc', 'http-json', 'http-protobuf'];

const rounds = arg('rounds', 3);
const agentCount = arg('agents', 200);
const perAccept = arg('per-accept', 10);
const TASK_CPUS = 0.1;
const TASK_MEM = 16;
const MESETA = path.resolve(__dirname, '..', 'cli', 'meseta.js');

interface Master {
  address: string;
  stop(): Promise<void>;
}

/** `meseta master` as users start it. */
async function startMaster(dir: string): Promise<Master> {
  const child = spawn(process.execPath, [MESETA, 'master', '--ip', '127.0.0.1', '--port', '0', '--work-dir', dir, '--allocation-interval', '100ms'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`meseta master exited with ${code} before listening`)));
  });
  child.stderr!.resume();
  return {
    address,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function tasksFor(offer: Offer, prefix: string): Call['accept'] {
  const task_infos = Array.from({ length: perAccept }, (_, i) => ({
    name: 'bench',
    task_id: { value: `${prefix}-${offer.id!.value}-${i}` },
    agent_id: offer.agent_id,
    resources: [
      { name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: TASK_CPUS } },
      { name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: TASK_MEM } },
    ],
    command: { value: 'sleep 600' },
  }));
  return { offer_ids: [offer.id!], operations: [{ type: pb.Offer.Operation.Type.LAUNCH, launch: { task_infos } }] };
}

/** What a framework of any mode offers the round. */
interface BenchFramework {
  offers: Offer[];
  running: number;
  accept(offer: Offer): Promise<void>;
  close(): void;
}

function frameworkInfo(name: string) {
  return { user: os.userInfo().username, name, roles: ['*'], capabilities: [{ type: pb.FrameworkInfo.Capability.Type.MULTI_ROLE }] };
}

async function grpcFramework(address: string): Promise<BenchFramework> {
  const client = new SchedulerClient(address, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as {
    subscribe(call: Call): ClientReadableStream<EventBatch>;
    call(call: Call, cb: (e: Error | null) => void): void;
    close(): void;
  };
  const fw: BenchFramework & { id?: string; streamId?: string } = {
    offers: [],
    running: 0,
    accept: (offer) =>
      new Promise((resolve, reject) => {
        client.call({ type: CallType.ACCEPT, framework_id: { value: fw.id! }, stream_id: fw.streamId, accept: tasksFor(offer, 'g') }, (e) => (e ? reject(e) : resolve()));
      }),
    close: () => client.close(),
  };
  const stream = client.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: frameworkInfo('bench-grpc') } });
  stream.on('error', () => undefined);
  stream.on('data', (batch: EventBatch) => {
    for (const e of batch.events ?? []) {
      if (e.subscribed) {
        fw.id = e.subscribed.framework_id!.value!;
        fw.streamId = e.subscribed.stream_id!;
      }
      for (const o of e.offers?.offers ?? []) fw.offers.push(o);
      if (e.update?.status?.state === TaskState.TASK_RUNNING) fw.running++;
    }
  });
  return fw;
}

async function httpFramework(address: string, format: 'json' | 'protobuf'): Promise<BenchFramework> {
  const [host, port] = address.split(':');
  const type = format === 'json' ? 'application/json' : 'application/x-protobuf';
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const encode = (call: Call): Buffer =>
    format === 'json' ? Buffer.from(JSON.stringify(pb.Call.toObject(pb.Call.fromObject(call), { enums: String, longs: Number, bytes: String }))) : Buffer.from(pb.Call.encode(call).finish());
  const post = (call: Call, headers: Record<string, string>, onResponse: (res: http.IncomingMessage) => void): void => {
    const body = encode(call);
    const req = http.request({ host, port: Number(port), path: '/api/v1/scheduler', method: 'POST', agent, headers: { 'content-type': type, accept: type, 'content-length': body.length, ...headers } }, onResponse);
    req.on('error', () => undefined);
    req.end(body);
  };
  const fw: BenchFramework & { id?: string; streamId?: string } = {
    offers: [],
    running: 0,
    accept: (offer) =>
      new Promise((resolve, reject) => {
        post({ type: CallType.ACCEPT, framework_id: { value: fw.id! }, accept: tasksFor(offer, 'h') }, { 'mesos-stream-id': fw.streamId! }, (res) => {
          res.resume();
          if (res.statusCode === 202) resolve();
          else reject(new Error(`ACCEPT answered ${res.statusCode}`));
        });
      }),
    close: () => {
      agent.destroy();
      subscription?.destroy();
    },
  };
  let subscription: http.IncomingMessage | undefined;
  const decoder = new RecordIoDecoder();
  const streamAgent = new http.Agent({ keepAlive: false });
  const body = encode({ type: CallType.SUBSCRIBE, subscribe: { framework_info: frameworkInfo(`bench-${format}`) } });
  const req = http.request({ host, port: Number(port), path: '/api/v1/scheduler', method: 'POST', agent: streamAgent, headers: { 'content-type': type, accept: type, 'content-length': body.length } }, (res) => {
    subscription = res;
    fw.streamId = res.headers['mesos-stream-id'] as string;
    res.on('data', (chunk: Buffer) => {
      for (const record of decoder.push(chunk)) {
        const e = format === 'json' ? pb.Event.fromObject(JSON.parse(record.toString('latin1'))) : pb.Event.decode(record);
        if (e.subscribed) fw.id = e.subscribed.framework_id!.value!;
        for (const o of e.offers?.offers ?? []) fw.offers.push(o);
        if (e.update?.status?.state === TaskState.TASK_RUNNING) fw.running++;
      }
    });
  });
  req.on('error', () => undefined);
  req.end(body);
  return fw;
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function round(mode: Mode): Promise<{ tasksPerSecond: number; ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-bench-mesos-http-'));
  const master = await startMaster(dir);
  const agents: SimulatedAgent[] = [];
  let fw: BenchFramework | undefined;
  try {
    for (let i = 0; i < agentCount; i++) {
      agents.push(await startSimulatedAgent({ master: master.address, hostname: `bench-${i}`, resources: `cpus:${TASK_CPUS * perAccept};mem:${TASK_MEM * perAccept}` }));
    }
    fw = mode === 'grpc' ? await grpcFramework(master.address) : await httpFramework(master.address, mode === 'http-json' ? 'json' : 'protobuf');
    const f = fw;
    await waitUntil(() => f.offers.length >= agentCount, 60_000, `${agentCount} offers`);
    const total = agentCount * perAccept;
    const start = performance.now();
    await Promise.all(f.offers.slice(0, agentCount).map((o) => f.accept(o)));
    await waitUntil(() => f.running >= total, 120_000, `${total} TASK_RUNNING`);
    const ms = performance.now() - start;
    return { tasksPerSecond: total / (ms / 1000), ms };
  } finally {
    fw?.close();
    for (const a of agents) a.stop();
    await master.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(MESETA)) throw new Error(`${MESETA} is missing: run npm run build first`);
  const results = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  console.log(`Scheduler API launch throughput: ${agentCount} agents × ${perAccept} tasks per ACCEPT = ${agentCount * perAccept} tasks per round, ${rounds} rounds, load average ${os.loadavg()[0].toFixed(1)}`);
  for (let r = 0; r < rounds; r++) {
    for (const mode of MODES) {
      const { tasksPerSecond, ms } = await round(mode);
      results.get(mode)!.push(tasksPerSecond);
      console.log(`round ${r + 1} ${mode.padEnd(14)} ${Math.round(tasksPerSecond).toString().padStart(6)} tasks/s (${ms.toFixed(0)} ms)`);
    }
  }
  console.log('\n| API | median tasks/s | rounds |\n|---|---:|---|');
  for (const mode of MODES) {
    const xs = results.get(mode)!;
    console.log(`| ${mode} | ${Math.round(median(xs)).toLocaleString('en-US')} | ${xs.map((x) => Math.round(x)).join(', ')} |`);
  }
  console.log(`\nload average after: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
