/**
 * End-to-end launch throughput: tasks per second from ACCEPT to
 * TASK_RUNNING on one master (its own process), with N simulated agents
 * and one framework through the SDK, over real gRPC on loopback.
 *
 * Baseline, in the same run: the same number of messages sent one by one
 * over one unbatched grpc-js server stream (what a one-update-per-message
 * design is capped by). Ratios are meseta / baseline.
 *
 *   npm run build && node dist/bench/launch-throughput.bench.js [--tasks 20000] [--agents 10] [--rounds 3]
 */
import { Server, ServerCredentials, credentials, type ServerWritableStream } from '@grpc/grpc-js';
import { SchedulerDriver } from '@meseta/sdk';
import type { Offer, TaskInfo } from '@meseta/proto/wire';
import { pb, TaskState } from '@meseta/proto/wire';
import { scalar } from '@meseta/proto/resources';
import { makeGenericClientConstructor } from '@grpc/grpc-js';
import { silentLogger } from '@meseta/runtime/log';
import { spawnMaster } from './support/spawn-master';
import { startSimulatedAgent, type SimulatedAgent } from './support/simulated-agent';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One round: subscribe, take one offer per agent, launch `total` tasks spread over them. */
async function meseta(master: string, agents: number, total: number, round: number): Promise<number> {
  let running = 0;
  let started = 0n;
  let resolveDone: (seconds: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));
  const offers: Offer[] = [];
  let launched = false;
  const driver: SchedulerDriver = new SchedulerDriver({
    master,
    logger: silentLogger,
    framework: { name: `bench-${round}` },
    handlers: {
      offers: (batch) => {
        offers.push(...batch);
        if (launched || offers.length < agents) return;
        launched = true;
        const perAgent = Math.ceil(total / agents);
        started = process.hrtime.bigint();
        let n = 0;
        for (const offer of offers.slice(0, agents)) {
          const tasks: TaskInfo[] = [];
          for (let i = 0; i < perAgent && n < total; i++, n++) {
            tasks.push({
              name: 't',
              task_id: { value: `r${round}-t${n}` },
              agent_id: offer.agent_id,
              resources: [scalar('cpus', 0.01), scalar('mem', 1)],
              command: { value: 'true' },
            });
          }
          void driver.launch([offer.id!.value!], tasks);
        }
      },
      update: (status) => {
        if (status.state === TaskState.TASK_RUNNING && ++running === total) {
          resolveDone(Number(process.hrtime.bigint() - started) / 1e9);
        }
      },
    },
  });
  await driver.start();
  const seconds = await done;
  await driver.teardown();
  return total / seconds;
}

/** The baseline: `total` messages, one per write, over one server stream. */
async function unbatchedStream(total: number): Promise<number> {
  const service = {
    stream: {
      path: '/bench.Baseline/Stream',
      requestStream: false,
      responseStream: true,
      requestSerialize: (m: object) => Buffer.from(pb.CallResponse.encode(m).finish()),
      requestDeserialize: (b: Buffer) => pb.CallResponse.decode(b),
      responseSerialize: (m: object) => Buffer.from(pb.TaskStatus.encode(m).finish()),
      responseDeserialize: (b: Buffer) => pb.TaskStatus.decode(b),
    },
  };
  const server = new Server();
  server.addService(service, {
    stream: (call: ServerWritableStream<object, object>) => {
      let i = 0;
      const pump = (): void => {
        while (i < total) {
          const ok = call.write({ task_id: { value: `t${i}` }, state: TaskState.TASK_RUNNING, uuid: new Uint8Array(16), timestamp: 1 });
          i++;
          if (!ok) {
            call.once('drain', pump);
            return;
          }
        }
        call.end();
      };
      pump();
    },
  });
  const port = await new Promise<number>((res, rej) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
  const Client = makeGenericClientConstructor(service, 'Baseline');
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as { stream(req: object): NodeJS.ReadableStream; close(): void };
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    let n = 0;
    const s = client.stream({});
    s.on('data', () => {
      if (++n === total) resolve();
    });
    s.on('error', reject);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  client.close();
  server.forceShutdown();
  return total / seconds;
}

async function main(): Promise<void> {
  const total = arg('tasks', 20000);
  const agentCount = arg('agents', 10);
  const rounds = arg('rounds', 3);
  const master = await spawnMaster();
  const agents: SimulatedAgent[] = [];
  try {
    for (let i = 0; i < agentCount; i++) agents.push(await startSimulatedAgent({ master: master.address, hostname: `sim-${i}` }));
    const ours: number[] = [];
    const base: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const a = await meseta(master.address, agentCount, total, r);
      const b = await unbatchedStream(total);
      ours.push(a);
      base.push(b);
      ratios.push(a / b);
      console.log(`round ${r + 1}: meseta ${a.toFixed(0)} tasks/s, unbatched stream ${b.toFixed(0)} msgs/s, ratio ${(a / b).toFixed(2)}`);
    }
    console.log('');
    console.log(`launch throughput, ${total} tasks over ${agentCount} simulated agents, ${rounds} rounds (median):`);
    console.log(`  meseta ACCEPT -> TASK_RUNNING     ${median(ours).toFixed(0)} tasks/s`);
    console.log(`  baseline unbatched grpc stream    ${median(base).toFixed(0)} msgs/s`);
    console.log(`  ratio meseta / baseline           ${median(ratios).toFixed(2)}`);
  } finally {
    for (const a of agents) a.stop();
    await master.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
