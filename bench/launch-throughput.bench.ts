/**
 * End-to-end launch throughput: tasks per second from the first ACCEPT to
 * the last TASK_RUNNING a framework receives, through a real `meseta master`
 * started as users start it (`node dist/cli/meseta.js master --work-dir DIR`,
 * its own process), over real gRPC on loopback, with SDK frameworks in the
 * bench process. Three modes, each reported on its own line, never one
 * instead of another:
 *
 *   big ACCEPTs     one framework, `--agents` simulated agents, one ACCEPT per agent
 *                   carrying `--tasks / --agents` tasks (2,000 by default);
 *   small ACCEPTs   `--frameworks` frameworks (100), 10 tasks per ACCEPT, one offer per
 *                   ACCEPT: `--small-tasks / 10` simulated agents (2,000 by default);
 *   real agents     `--real-agents` `meseta agent` processes (posix containerizer, no
 *                   checkpointing) that really start a process (`sleep 600`) for every
 *                   task; one ACCEPT per agent's offer, `--real-tasks / --real-agents` tasks each.
 *
 * Simulated agents (bench/support/simulated-agent.ts) speak the real Agent API
 * but start nothing: they answer every launch with TASK_RUNNING at once, so
 * their rows measure the master and the framework path only.
 *
 * A baseline we wrote ourselves, in the same run: as many status messages as
 * the big-ACCEPT round, sent one per write over one grpc-js server stream (what
 * a one-update-per-message design would be capped by). It is not another
 * cluster manager.
 *
 *   npm run build && node dist/bench/launch-throughput.bench.js [--tasks 20000] [--agents 10]
 *       [--small-tasks 20000] [--frameworks 100] [--per-accept 10] [--real-agents 3] [--real-tasks 300]
 *       [--rounds 3] [--modes big,small,real] [--meseta dist/cli/meseta.js] [--master-node-args '--cpu-prof ...']
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Server, ServerCredentials, credentials, makeGenericClientConstructor, type ServerWritableStream } from '@grpc/grpc-js';
import { SchedulerDriver } from '@meseta/sdk';
import type { Offer, TaskInfo } from '@meseta/proto/wire';
import { pb, TaskState } from '@meseta/proto/wire';
import { scalar } from '@meseta/proto/resources';
import { silentLogger } from '@meseta/runtime/log';
import { startSimulatedAgent, type SimulatedAgent } from './support/simulated-agent';
import { freePort, startMaster, type MasterHandle } from './scale/master-control';
import { parseMetrics } from './scale/metrics-text';
import { arg, median } from './support/bench-args';

function text(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One round's shape. */
interface Round {
  name: string;
  frameworks: number;
  /** Offers to take (one ACCEPT each). */
  offers: number;
  perAccept: number;
  total: number;
  command: string;
  /** Only offers of agents whose hostname starts with this. */
  hostPrefix: string;
}

/**
 * Subscribe the frameworks, wait until they hold `offers` offers between them,
 * then send one ACCEPT per offer and time from the first ACCEPT to the
 * `total`-th TASK_RUNNING. Tears the frameworks down (their tasks are killed).
 */
async function launchRound(master: string, r: Round, round: number): Promise<number> {
  let running = 0;
  let started = 0n;
  let resolveDone!: (s: number) => void;
  const done = new Promise<number>((res) => (resolveDone = res));
  const pool: Array<{ driver: SchedulerDriver; offer: Offer }> = [];
  let launched = false;
  const drivers: SchedulerDriver[] = [];
  const go = (): void => {
    launched = true;
    started = process.hrtime.bigint();
    let n = 0;
    for (const { driver, offer } of pool.slice(0, r.offers)) {
      const tasks: TaskInfo[] = [];
      for (let i = 0; i < r.perAccept && n < r.total; i++, n++) {
        tasks.push({
          name: 't',
          task_id: { value: `${r.name}-r${round}-t${n}` },
          agent_id: offer.agent_id,
          resources: [scalar('cpus', 0.01), scalar('mem', 1)],
          command: { value: r.command },
        });
      }
      void driver.launch([offer.id!.value!], tasks);
    }
  };
  for (let f = 0; f < r.frameworks; f++) {
    const driver: SchedulerDriver = new SchedulerDriver({
      master,
      logger: silentLogger,
      framework: { name: `bench-${r.name}-${round}-${f}` },
      handlers: {
        offers: (batch) => {
          if (launched) return;
          for (const offer of batch) if ((offer.hostname ?? '').startsWith(r.hostPrefix)) pool.push({ driver, offer });
          if (pool.length >= r.offers) go();
        },
        update: (status) => {
          if (status.state === TaskState.TASK_RUNNING && ++running === r.total) resolveDone(Number(process.hrtime.bigint() - started) / 1e9);
        },
      },
    });
    drivers.push(driver);
  }
  await Promise.all(drivers.map((d) => d.start()));
  const seconds = await Promise.race([done, sleep(300_000).then(() => NaN)]);
  await Promise.all(drivers.map((d) => d.teardown().catch(() => undefined)));
  if (Number.isNaN(seconds)) throw new Error(`${r.name}: only ${running} of ${r.total} tasks running after 300 s`);
  return r.total / seconds;
}

/** The baseline we wrote: `total` messages, one per write, over one server stream. */
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

/** Start `count` simulated agents, 100 at a time. */
async function simulatedAgents(master: string, count: number, prefix: string): Promise<SimulatedAgent[]> {
  const agents: SimulatedAgent[] = [];
  for (let i = 0; i < count; i += 100) {
    agents.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, k) => startSimulatedAgent({ master, hostname: `${prefix}-${i + k}` })))));
  }
  return agents;
}

/** Active agents the master counts, from /metrics. */
async function activeAgents(master: MasterHandle): Promise<number> {
  const res = await fetch(`http://${master.address}/metrics`);
  return parseMetrics(await res.text()).get('meseta_master_agents{status="active"}') ?? 0;
}

async function main(): Promise<void> {
  const cli = path.resolve(text('meseta', path.join(__dirname, '..', 'cli', 'meseta.js')));
  const modes = text('modes', 'big,small,real').split(',');
  const bigTotal = arg('tasks', 20000);
  const bigAgents = arg('agents', 10);
  const smallTotal = arg('small-tasks', 20000);
  const frameworks = arg('frameworks', 100);
  const perAccept = arg('per-accept', 10);
  const realAgents = arg('real-agents', 3);
  const realTotal = arg('real-tasks', 300);
  const rounds = arg('rounds', 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-launch-bench-'));
  const loadStart = os.loadavg();
  const master = await startMaster({ cli, port: await freePort(), flags: ['--work-dir', path.join(dir, 'master')], logFile: path.join(dir, 'master.log'), nofile: 20_000, waitForLeadership: false, timeoutMs: 60_000, nodeArgs: text('master-node-args', '').split(' ').filter(Boolean) });
  const agents: SimulatedAgent[] = [];
  const real: ChildProcess[] = [];
  const rows: Array<[string, number[]]> = [];
  try {
    let expected = 0;
    const plan: Round[] = [];
    if (modes.includes('big')) {
      agents.push(...(await simulatedAgents(master.address, bigAgents, 'big')));
      expected += bigAgents;
      plan.push({ name: 'big', frameworks: 1, offers: bigAgents, perAccept: Math.ceil(bigTotal / bigAgents), total: bigTotal, command: 'true', hostPrefix: 'big-' });
    }
    if (modes.includes('small')) {
      const count = Math.ceil(smallTotal / perAccept);
      agents.push(...(await simulatedAgents(master.address, count, 'small')));
      expected += count;
      plan.push({ name: 'small', frameworks, offers: count, perAccept, total: smallTotal, command: 'true', hostPrefix: 'small-' });
    }
    if (modes.includes('real')) {
      for (let i = 0; i < realAgents; i++) {
        const args = [cli, 'agent', '--master', master.address, '--port', '0', '--hostname', `real-${i}`, '--work-dir', path.join(dir, `agent-${i}`), '--resources', 'cpus:64;mem:65536', '--containerizers', 'posix', '--no-checkpoint', '--log-level', 'warn'];
        const log = fs.openSync(path.join(dir, `agent-${i}.log`), 'a');
        real.push(spawn(process.execPath, args, { stdio: ['ignore', log, log] }));
        fs.closeSync(log);
      }
      expected += realAgents;
      plan.push({ name: 'real', frameworks: 1, offers: realAgents, perAccept: Math.ceil(realTotal / realAgents), total: realTotal, command: 'sleep 600', hostPrefix: 'real-' });
    }
    const deadline = Date.now() + 120_000;
    while ((await activeAgents(master)) < expected) {
      if (Date.now() > deadline) throw new Error(`only ${await activeAgents(master)} of ${expected} agents registered`);
      await sleep(200);
    }
    const label = (r: Round): string =>
      r.name === 'real'
        ? `real: ${r.total} tasks, ${r.offers} meseta agents (posix, really start \`${r.command}\`), ${r.perAccept} tasks per ACCEPT`
        : `${r.name}: ${r.total} tasks, ${r.offers} simulated agents, ${r.frameworks} framework(s), ${r.perAccept} tasks per ACCEPT`;
    for (const r of plan) rows.push([label(r), []]);
    if (modes.includes('big')) rows.push([`baseline we wrote: ${bigTotal} status messages one per write on one grpc-js stream (msgs/s)`, []]);
    for (let round = 0; round < rounds; round++) {
      const line: string[] = [];
      for (const [i, r] of plan.entries()) {
        const rate = await launchRound(master.address, r, round);
        rows[i][1].push(rate);
        line.push(`${r.name} ${rate.toFixed(0)}`);
        // Let the master finish tearing the frameworks down (kills on real agents) before the next round.
        await sleep(r.name === 'real' ? 3000 : 500);
      }
      if (modes.includes('big')) {
        const b = await unbatchedStream(bigTotal);
        rows[rows.length - 1][1].push(b);
        line.push(`baseline ${b.toFixed(0)}`);
      }
      console.log(`round ${round + 1}: ${line.join(', ')} tasks/s`);
    }
    console.log('');
    console.log(`launch throughput, ACCEPT -> TASK_RUNNING, real \`meseta master\` (${cli}), ${rounds} rounds; load average ${loadStart.map((l) => l.toFixed(2)).join(' / ')} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at end:`);
    console.log('| mode | median tasks/s | min | max |');
    console.log('|---|---|---|---|');
    for (const [name, xs] of rows) console.log(`| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`);
  } finally {
    for (const a of agents) a.stop();
    await Promise.all(
      real.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const t = setTimeout(() => c.pid && process.kill(c.pid, 'SIGKILL'), 15_000);
            c.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            if (c.pid) process.kill(c.pid, 'SIGTERM');
          }),
      ),
    );
    await master.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
