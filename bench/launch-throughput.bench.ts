/**
 * End-to-end launch throughput: tasks per second from the first ACCEPT to
 * the last TASK_RUNNING the frameworks receive, through a real `meseta
 * master` started as users start it (`node dist/cli/meseta.js master
 * --work-dir DIR`, its own process), over real gRPC on loopback. The load
 * is off the bench process, so the figure measures the master rather than
 * the load generator:
 *
 * - framework processes (bench/launch/framework-process.ts): the frameworks
 *   spread over `--framework-procs` processes, each a real `SchedulerDriver`
 *   of `@meseta/sdk` on a connection of its own;
 * - agent swarms (bench/launch/agent-swarm-process.ts): simulated agents,
 *   each on its own HTTP/2 connection, that speak the real Agent API but
 *   start nothing: they answer every launch with TASK_RUNNING at once;
 * - or real `meseta agent` processes (posix containerizer) that start a
 *   process per task.
 *
 * The bench process only orchestrates each round: subscribe the
 * frameworks, wait until they hold the offers the round needs, name a start
 * time a little ahead, and each framework ACCEPTs its offers with
 * `perAccept` tasks each at that time. The clock runs from the first ACCEPT
 * to the last TASK_RUNNING across processes (`performance.timeOrigin +
 * performance.now()`, shared by processes on one machine). Per round it
 * also reads the CPU time (/proc/<pid>/stat) the master, the framework
 * processes and the agents spent between the start and the end, and the
 * master's CPU rate in the 1 s before the round (nothing launching), printed
 * beside it: a slower round also pays more of the master's background work
 * (heartbeats, health checks), which CPU per task includes.
 *
 * Modes, each reported on its own row, never one instead of another:
 *
 *   small ACCEPTs   `--frameworks` frameworks (100), `--per-accept` tasks per ACCEPT (10), one offer per
 *                   ACCEPT: `--small-tasks / --per-accept` simulated agents (2,000 by default);
 *   big ACCEPTs     one framework, `--agents` simulated agents, one ACCEPT per agent carrying
 *                   `--tasks / --agents` tasks (2,000 by default);
 *   real agents     `--real-agents` `meseta agent` processes (posix containerizer, no checkpointing)
 *                   that really start a process (`sleep 600`) for every task; one ACCEPT per agent's
 *                   offer, a row per ACCEPT size in `--real-per-accept` (10 and 100: 30 and 300 tasks
 *                   a round with 3 agents).
 *
 * `--compare-meseta PATH` runs every round also against a second plain master
 * started from another build's CLI (e.g. the commit before a change, built
 * apart), interleaved with this build's, and reports this ÷ that as ratios
 * of medians: before and after measured side by side at the same load
 * (`--compare-node-args` gives that master's node options). Its framework
 * processes run this build's SDK unless `--compare-frameworks` is given:
 * then they run the compared build's (its `dist/bench/launch/framework-process.js`),
 * so the framework procs' CPU per task compares the two SDKs too.
 * `--compare-unary-calls` makes the compared cluster's framework processes
 * (this build's SDK) send unary calls instead of the `Calls` stream: with
 * `--compare-meseta` naming this same build, the stream alone is compared.
 * Each row also gives the master's allocation passes per ACCEPT (its
 * `/metrics` counter over the round, periodic passes included; plain masters).
 * `--framework-node-args '--cpu-prof --cpu-prof-dir=DIR'` profiles every
 * framework process (the windows file names their pids per cluster).
 *
 * `--secure` runs every round twice, interleaved, against two masters: the
 * plain one and one with TLS and authentication (certificates from the
 * project's openssl maker, a credentials file with one principal per
 * framework and the ACLs `meseta local` writes; frameworks and agents send
 * their tokens as `authorization: Bearer`), and reports secure/plain as
 * ratios of medians (bench/launch/secure-cluster.ts).
 *
 * A baseline we wrote ourselves, in the same run (with the big mode): as
 * many status messages as the big-ACCEPT round, sent one per write over one
 * grpc-js server stream in the bench process (what a one-update-per-message
 * design would be capped by). It is not another cluster manager.
 *
 *   npm run build && node dist/bench/launch-throughput.bench.js [--modes small,big,real] [--rounds 5] [--secure]
 *       [--small-tasks 20000] [--frameworks 100] [--per-accept 10] [--tasks 20000] [--agents 10]
 *       [--real-agents 3] [--real-per-accept 10,100] [--framework-procs 4] [--swarm-procs 2] [--warmup 1]
 *       [--meseta dist/cli/meseta.js] [--master-node-args '--cpu-prof --cpu-prof-dir=DIR'] [--windows-file FILE]
 *       [--compare-meseta /tmp/before/dist/cli/meseta.js] [--compare-node-args '...'] [--compare-frameworks] [--compare-unary-calls] [--offer-timeout 10m]
 *       [--framework-node-args '--cpu-prof --cpu-prof-dir=DIR']
 *       [--per-round] [--keep-logs DIR]
 *
 * `--offer-timeout` is passed to the masters (their flag; default 60 s). On a
 * loaded machine subscribing 100 frameworks can take minutes, offers held that
 * long are rescinded, and a RESCIND that arrives after the framework's ACCEPT
 * drops its tasks (counted per round as refused tasks, never as launched).
 *
 * `--warmup N` rounds of every mode run first and are not counted (the JIT of the master and the
 * load generators settles). `--windows-file` writes each round's start and end on the monotonic clock (µs, as V8 CPU profiles
 * time their samples) so bench/launch/profile-summary.ts can cut the master's profile to the rounds.
 * `--per-round` prints each round's figures as it ends (wall, CPU of the master, framework processes and agents,
 * allocation passes, and each framework process's first ACCEPT and last TASK_RUNNING in ms from the round's first
 * ACCEPT); `--keep-logs DIR` copies the masters' logs there before the work folder goes (e.g. with
 * `--master-node-args --trace-gc`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Server, ServerCredentials, credentials, makeGenericClientConstructor, type ServerWritableStream } from '@grpc/grpc-js';
import { pb, TaskState } from '@meseta/proto/wire';
import { cpuMsOf, freePort, startMaster, type MasterHandle } from './scale/master-control';
import { arg, median } from './support/bench-args';
import { ChildLink } from './launch/child-link';
import { makeSecureCluster, type SecureCluster } from './launch/secure-cluster';
import {
  nowMs,
  type DoneMessage,
  type FrameworkSpec,
  type FromFrameworkProcess,
  type HeldMessage,
  type SwarmReportMessage,
  type SwarmStartMessage,
  type ToFrameworkProcess,
} from './launch/messages';

function text(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type FrameworkProc = ChildLink<ToFrameworkProcess, FromFrameworkProcess>;
type Swarm = ChildLink<SwarmStartMessage | { type: 'exit' }, SwarmReportMessage | { type: 'ready' }>;

/** One mode's round shape. */
interface Mode {
  name: 'small' | 'big' | 'real';
  /** Unique per row: the name, with the ACCEPT size for the real-agent rows (`real-10`). */
  key: string;
  frameworks: number;
  /** Offers to take (one ACCEPT each). */
  offers: number;
  perAccept: number;
  command: string;
  /** Only offers of agents whose hostname starts with this. */
  hostPrefix: string;
}

/** A master and its load: plain, or with TLS and authentication. */
interface Cluster {
  /** `before`: the plain master of `--compare-meseta` (another build). */
  name: 'plain' | 'secure' | 'before';
  master: MasterHandle;
  secure?: SecureCluster;
  frameworkProcs: FrameworkProc[];
  /** Swarms per mode name. */
  swarms: Map<string, Swarm[]>;
  realAgents: ChildProcess[];
  /** Its frameworks send unary calls, not the `Calls` stream (`--compare-unary-calls`). */
  unaryCalls?: boolean;
}

/** What one round measured. */
interface Sample {
  rate: number;
  wallMs: number;
  masterCpuMs: number;
  /** The master's CPU ms per second in the 1 s before the round, nothing launching. */
  masterIdleCpuMsPerS: number;
  frameworksCpuMs: number;
  agentsCpuMs: number;
  tasks: number;
  load1: number;
  failedAccepts: number;
  /** Tasks the master refused (left out of `tasks`). */
  refusedTasks: number;
  /** The master's allocation passes during the round (its `/metrics` counter; undefined where it was not read). */
  allocationRuns?: number;
  /** Per framework process: ms from the round's first ACCEPT to its own first ACCEPT and to its last TASK_RUNNING. */
  processSpans: Array<{ firstAcceptMs: number; lastRunningMs: number }>;
  /** The master's system (kernel) CPU ms in the round, part of `masterCpuMs`, and its minor page faults. */
  masterSystemMs: number;
  masterMinorFaults: number;
}

/** A process's system CPU ms and minor page faults so far (/proc/<pid>/stat fields 15 and 10); zeros when unreadable. */
function kernelSideOf(pid: number): { systemMs: number; minorFaults: number } {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { systemMs: (Number(fields[12]) * 1000) / 100, minorFaults: Number(fields[7]) };
  } catch {
    return { systemMs: 0, minorFaults: 0 };
  }
}

/** One round's figures on one line (`--per-round`): where a slow round's time and CPU went. */
function roundDetail(s: Sample): string {
  const spans = s.processSpans.map((p) => `${fmt(p.firstAcceptMs)}→${fmt(p.lastRunningMs)}`).join(' ');
  return (
    `${fmt(s.rate)} tasks/s in ${fmt(s.wallMs)} ms; CPU ms master ${fmt(s.masterCpuMs)} (system ${fmt(s.masterSystemMs)}, ${s.masterMinorFaults} minor faults; idle before ${fmt(s.masterIdleCpuMsPerS)}/s), ` +
    `frameworks ${fmt(s.frameworksCpuMs)}, agents ${fmt(s.agentsCpuMs)}; passes ${s.allocationRuns ?? '–'}; process spans ms ${spans}; load ${s.load1.toFixed(2)}`
  );
}

/** The master's `meseta_master_allocation_runs_total`, read over plain HTTP; undefined when it cannot be read (a secure master). */
function allocationRunsOf(address: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(`http://${address}/metrics`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        const m = /^meseta_master_allocation_runs_total\s+(\d+)/m.exec(body);
        resolve(res.statusCode === 200 && m ? Number(m[1]) : undefined);
      });
      res.on('error', () => resolve(undefined));
    });
    req.on('error', () => resolve(undefined));
    req.setTimeout(10_000, () => req.destroy());
  });
}

/** Round-robin one offer at a time over the frameworks that hold some, until `needed`. */
function allot(held: number[][], needed: number): number[][] {
  const out = held.map((h) => h.map(() => 0));
  let left = needed;
  while (left > 0) {
    let progressed = false;
    for (let p = 0; p < held.length && left > 0; p++) {
      for (let f = 0; f < held[p].length && left > 0; f++) {
        if (out[p][f] < held[p][f]) {
          out[p][f]++;
          left--;
          progressed = true;
        }
      }
    }
    if (!progressed) throw new Error(`only ${needed - left} of ${needed} offers to allot`);
  }
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

/** One round of `mode` against `cluster`. */
async function launchRound(cluster: Cluster, mode: Mode, round: number, windows: object[]): Promise<Sample> {
  const procs = cluster.frameworkProcs;
  // Framework i runs in process i % procs.length.
  const specs: FrameworkSpec[][] = procs.map(() => []);
  for (let i = 0; i < mode.frameworks; i++) {
    specs[i % procs.length].push({ name: `bench-${mode.key}-${cluster.name}-${round}-${i}`, security: cluster.secure?.framework(i) });
  }
  const used = procs.map((p, i) => ({ p, specs: specs[i] })).filter((x) => x.specs.length > 0);
  for (const { p } of used) p.latest.delete('held');
  const keep = Math.ceil(mode.offers / mode.frameworks);
  for (const { p, specs: s } of used) p.send({ type: 'subscribe', master: cluster.master.address, frameworks: s, hostPrefix: mode.hostPrefix, keep, ...(cluster.unaryCalls ? { callStream: false } : {}) });
  const held = (p: FrameworkProc): HeldMessage | undefined => p.latest.get('held') as HeldMessage | undefined;
  const heldNow = (): number[][] => used.map(({ p, specs: s }) => held(p)?.offers ?? s.map(() => 0));
  const subscribed = (): number => sum(used.map(({ p }) => held(p)?.subscribed ?? 0));
  const deadline = Date.now() + 300_000;
  // Every framework subscribed (the master's work for a SUBSCRIBE stays out of the round) and holding its share.
  while (subscribed() < mode.frameworks || sum(heldNow().flat()) < mode.offers) {
    for (const { p } of used) {
      const failed = p.latest.get('failed');
      if (failed) throw new Error(`${p.name}: ${(failed as { message: string }).message}`);
    }
    if (Date.now() > deadline) throw new Error(`${cluster.name} ${mode.key}: ${subscribed()} of ${mode.frameworks} frameworks subscribed, holding ${sum(heldNow().flat())} of ${mode.offers} offers after 300 s`);
    await sleep(100);
  }
  // Let the master finish what the subscriptions and declines started.
  await sleep(500);
  // What the master spends just before the round with nothing launching (heartbeats, health checks, and
  // what the subscriptions and declines left): printed beside CPU per task, not subtracted from it (on a
  // loaded machine this second is not idle enough to subtract: it gave negative "net" figures).
  const idleFrom = cpuMsOf(cluster.master.pid);
  const idleStarted = performance.now();
  await sleep(1000);
  const idleCpuPerMs = (cpuMsOf(cluster.master.pid) - idleFrom) / (performance.now() - idleStarted);
  const allotted = allot(heldNow(), mode.offers);
  const agentPids = mode.name === 'real' ? cluster.realAgents.map((c) => c.pid!) : (cluster.swarms.get(mode.name) ?? []).map((s) => s.pid);
  const cpu = (): { master: number; frameworks: number; agents: number } => ({
    master: cpuMsOf(cluster.master.pid),
    frameworks: sum(procs.map((p) => cpuMsOf(p.pid))),
    agents: sum(agentPids.map(cpuMsOf)),
  });
  const load1 = os.loadavg()[0];
  const runsBefore = cluster.secure ? undefined : await allocationRunsOf(cluster.master.address);
  const before = cpu();
  const kernelBefore = kernelSideOf(cluster.master.pid);
  const startMicros = monotonicMicros();
  const done = used.map(({ p }) => p.next('done', 300_000) as Promise<DoneMessage>);
  const at = nowMs() + 150;
  used.forEach(({ p }, i) => p.send({ type: 'go', at, offers: allotted[i], perAccept: mode.perAccept, command: mode.command, taskPrefix: `${mode.key}-${cluster.name}-r${round}` }));
  const all = await Promise.all(done);
  const results = all.filter((d) => d.tasks > 0);
  const failedAccepts = sum(all.map((d) => d.failedAccepts));
  const refusedTasks = sum(all.map((d) => d.refusedTasks ?? 0));
  if (refusedTasks > 0) console.log(`  ${cluster.name} ${mode.key} round ${round}: ${refusedTasks} tasks refused by the master (${all.find((d) => d.firstRefusal)?.firstRefusal}); not counted`);
  if (failedAccepts > 0) console.log(`  ${cluster.name} ${mode.key} round ${round}: ${failedAccepts} ACCEPTs failed (${all.find((d) => d.firstFailure)?.firstFailure}); their tasks are not counted`);
  const after = cpu();
  const kernelAfter = kernelSideOf(cluster.master.pid);
  const runsAfter = runsBefore === undefined ? undefined : await allocationRunsOf(cluster.master.address);
  windows.push({ cluster: cluster.name, mode: mode.key, round, startMicros, endMicros: monotonicMicros(), tasks: sum(results.map((d) => d.tasks)) });
  const tasks = sum(results.map((d) => d.tasks));
  const firstAcceptAt = Math.min(...results.map((d) => d.firstAcceptAt));
  const wallMs = Math.max(...results.map((d) => d.lastRunningAt)) - firstAcceptAt;
  const processSpans = results.map((d) => ({ firstAcceptMs: d.firstAcceptAt - firstAcceptAt, lastRunningMs: d.lastRunningAt - firstAcceptAt }));
  const tornDown = used.map(({ p }) => p.next('torn-down', 60_000));
  for (const { p } of used) p.send({ type: 'teardown' });
  await Promise.all(tornDown);
  return {
    rate: tasks / (wallMs / 1000),
    wallMs,
    masterCpuMs: after.master - before.master,
    masterIdleCpuMsPerS: idleCpuPerMs * 1000,
    frameworksCpuMs: after.frameworks - before.frameworks,
    agentsCpuMs: after.agents - before.agents,
    tasks,
    load1,
    failedAccepts,
    refusedTasks,
    ...(runsBefore !== undefined && runsAfter !== undefined ? { allocationRuns: runsAfter - runsBefore } : {}),
    processSpans,
    masterSystemMs: kernelAfter.systemMs - kernelBefore.systemMs,
    masterMinorFaults: kernelAfter.minorFaults - kernelBefore.minorFaults,
  };
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

/** Options every cluster shares. */
interface Setup {
  cli: string;
  dir: string;
  modes: Mode[];
  frameworkProcs: number;
  swarmProcs: number;
  realAgents: number;
  nodeArgs: string[];
  /** `--compare-meseta`: another build's CLI, run side by side as the `before` cluster. */
  compareCli?: string;
  compareNodeArgs: string[];
  /**
   * `--compare-frameworks`: the compared cluster's framework processes run
   * from the compared build's dist too (its SDK), not this build's.
   */
  compareFrameworks: boolean;
  /**
   * `--compare-unary-calls`: the compared cluster's framework processes (this
   * build's SDK, so not with `--compare-frameworks`) send one unary call per
   * call instead of using the `Calls` stream; with `--compare-meseta` naming
   * this same build it measures the stream alone.
   */
  compareUnaryCalls: boolean;
  /** `--framework-node-args`: node options of every framework process (e.g. `--cpu-prof`); the bench's own when unset. */
  frameworkNodeArgs?: string[];
  /** `--offer-timeout` for the masters (their default, 60 s, when unset). */
  offerTimeout?: string;
}

/** Start a master and its framework processes, agent swarms and real agents; wait until every agent registered. */
async function startCluster(name: Cluster['name'], s: Setup, frameworks: number, cleanup: Array<() => Promise<void>>): Promise<Cluster> {
  // The compared build's master, and its real agents, run from that build's CLI.
  const cli = name === 'before' ? s.compareCli! : s.cli;
  const dir = path.join(s.dir, name);
  fs.mkdirSync(dir, { recursive: true });
  const secure = name === 'secure' ? await makeSecureCluster(dir, frameworks, s.realAgents) : undefined;
  const master = await startMaster({
    cli,
    port: await freePort(),
    flags: ['--work-dir', path.join(dir, 'master'), ...(s.offerTimeout ? ['--offer-timeout', s.offerTimeout] : []), ...(secure?.masterFlags ?? [])],
    logFile: path.join(dir, 'master.log'),
    nofile: 20_000,
    waitForLeadership: false,
    timeoutMs: 60_000,
    nodeArgs: name === 'before' ? s.compareNodeArgs : s.nodeArgs,
  });
  cleanup.push(() => master.stop());
  const cluster: Cluster = { name, master, secure, frameworkProcs: [], swarms: new Map(), realAgents: [], ...(name === 'before' && s.compareUnaryCalls ? { unaryCalls: true } : {}) };
  const fork = <T extends { next(type: string, timeoutMs: number): Promise<unknown>; stop(m: { type: 'exit' }): Promise<void> }>(link: T): Promise<T> => {
    cleanup.push(() => link.stop({ type: 'exit' }));
    return link.next('ready', 30_000).then(() => link);
  };
  const frameworkFile = frameworkProcessFile(name, s);
  cluster.frameworkProcs = await Promise.all(
    Array.from({ length: s.frameworkProcs }, (_, i) => fork<FrameworkProc>(new ChildLink(frameworkFile, `${name} framework process ${i}`, s.frameworkNodeArgs))),
  );
  let expected = 0;
  for (const mode of s.modes) {
    if (mode.name === 'real') continue;
    const count = mode.offers;
    const procs = Math.min(mode.name === 'small' ? s.swarmProcs : 1, count);
    const swarms = await Promise.all(
      Array.from({ length: procs }, (_, i) => fork<Swarm>(new ChildLink(path.join(__dirname, 'launch', 'agent-swarm-process.js'), `${name} ${mode.name} swarm ${i}`))),
    );
    const per = Math.ceil(count / procs);
    swarms.forEach((swarm, i) =>
      swarm.send({
        type: 'start',
        master: master.address,
        hostPrefix: mode.hostPrefix,
        first: i * per,
        count: Math.max(0, Math.min(per, count - i * per)),
        resources: 'cpus:1000;mem:1000000;ports:[31000-32000]',
        security: secure?.simulatedAgents,
      }),
    );
    cluster.swarms.set(mode.name, swarms);
    expected += count;
  }
  if (s.modes.some((m) => m.name === 'real')) {
    for (let i = 0; i < s.realAgents; i++) {
      const args = [cli, 'agent', '--master', master.address, '--port', '0', '--hostname', `real-${i}`, '--work-dir', path.join(dir, `agent-${i}`), '--resources', 'cpus:64;mem:65536', '--containerizers', 'posix', '--no-checkpoint', '--log-level', 'warn', ...(secure?.realAgentFlags(i) ?? [])];
      const log = fs.openSync(path.join(dir, `agent-${i}.log`), 'a');
      const child = spawn(process.execPath, args, { stdio: ['ignore', log, log] });
      fs.closeSync(log);
      cluster.realAgents.push(child);
      cleanup.push(() => stopChild(child));
    }
  }
  const registered = (): number => sum([...cluster.swarms.values()].flat().map((sw) => (sw.latest.get('report') as SwarmReportMessage | undefined)?.registered ?? 0));
  const deadline = Date.now() + 180_000;
  while (registered() < expected) {
    if (Date.now() > deadline) {
      const refusal = [...cluster.swarms.values()].flat().map((sw) => (sw.latest.get('report') as SwarmReportMessage | undefined)?.lastRefusal).find(Boolean);
      throw new Error(`${name}: only ${registered()} of ${expected} simulated agents registered after 180 s${refusal ? ` (refused: ${refusal})` : ''}`);
    }
    await sleep(200);
  }
  return cluster;
}

/** The framework process a cluster runs: this build's, or with `--compare-frameworks` the compared build's for `before`. */
function frameworkProcessFile(name: Cluster['name'], s: Setup): string {
  if (name !== 'before' || !s.compareFrameworks) return path.join(__dirname, 'launch', 'framework-process.js');
  // <build>/dist/cli/meseta.js -> <build>/dist/bench/launch/framework-process.js
  const file = path.join(path.dirname(s.compareCli!), '..', 'bench', 'launch', 'framework-process.js');
  if (!fs.existsSync(file)) throw new Error(`--compare-frameworks: ${file} not found (build the compared tree with npm run build, which builds bench/)`);
  return file;
}

function stopChild(c: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    const t = setTimeout(() => c.pid && process.kill(c.pid, 'SIGKILL'), 15_000);
    c.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    if (c.pid) process.kill(c.pid, 'SIGTERM');
  });
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : '–');
const loads = (xs: number[]): string => xs.map((l) => l.toFixed(2)).join(' / ');

async function main(): Promise<void> {
  const cli = path.resolve(text('meseta', path.join(__dirname, '..', 'cli', 'meseta.js')));
  const modeNames = text('modes', 'small,big,real').split(',');
  const secure = process.argv.includes('--secure');
  const bigTotal = arg('tasks', 20000);
  const bigAgents = arg('agents', 10);
  const smallTotal = arg('small-tasks', 20000);
  const frameworks = arg('frameworks', 100);
  const perAccept = arg('per-accept', 10);
  const realAgents = arg('real-agents', 3);
  const realSizes = text('real-per-accept', '10,100').split(',').map(Number).filter((n) => n > 0);
  const rounds = arg('rounds', 5);
  const warmup = arg('warmup', 1);
  const windowsFile = text('windows-file', '');
  const perRound = process.argv.includes('--per-round');
  const keepLogs = text('keep-logs', '');
  const modes: Mode[] = [];
  if (modeNames.includes('small')) modes.push({ name: 'small', key: 'small', frameworks, offers: Math.ceil(smallTotal / perAccept), perAccept, command: 'true', hostPrefix: 'small-' });
  if (modeNames.includes('big')) modes.push({ name: 'big', key: 'big', frameworks: 1, offers: bigAgents, perAccept: Math.ceil(bigTotal / bigAgents), command: 'true', hostPrefix: 'big-' });
  // Real agents, one row per ACCEPT size: each agent's offer is taken by one ACCEPT of that many tasks.
  if (modeNames.includes('real')) {
    for (const size of realSizes) modes.push({ name: 'real', key: `real-${size}`, frameworks: 1, offers: realAgents, perAccept: size, command: 'sleep 600', hostPrefix: 'real-' });
  }
  const setup: Setup = {
    cli,
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-launch-bench-')),
    modes,
    frameworkProcs: Math.min(arg('framework-procs', 4), Math.max(...modes.map((m) => m.frameworks))),
    swarmProcs: arg('swarm-procs', 2),
    realAgents,
    nodeArgs: text('master-node-args', '').split(' ').filter(Boolean),
    compareCli: text('compare-meseta', '') ? path.resolve(text('compare-meseta', '')) : undefined,
    compareNodeArgs: text('compare-node-args', '').split(' ').filter(Boolean),
    compareFrameworks: process.argv.includes('--compare-frameworks'),
    compareUnaryCalls: process.argv.includes('--compare-unary-calls'),
    frameworkNodeArgs: text('framework-node-args', '') ? text('framework-node-args', '').split(' ').filter(Boolean) : undefined,
    offerTimeout: text('offer-timeout', '') || undefined,
  };
  const loadStart = os.loadavg();
  const cleanup: Array<() => Promise<void>> = [];
  const windows: object[] = [];
  // Stopped by a signal: stop what was started (masters by pid, children, real agents) and remove the work folder.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping the masters, agents and framework processes`);
      void (async () => {
        for (const step of cleanup.reverse()) await step().catch(() => undefined);
        fs.rmSync(setup.dir, { recursive: true, force: true });
        process.exit(130);
      })();
    });
  }
  try {
    const clusters: Cluster[] = [await startCluster('plain', setup, frameworks, cleanup)];
    if (secure) clusters.push(await startCluster('secure', setup, frameworks, cleanup));
    if (setup.compareCli) clusters.push(await startCluster('before', setup, frameworks, cleanup));
    const samples = new Map<string, Sample[]>();
    const baseline: number[] = [];
    // Warm-up rounds (negative numbers) let the JIT of the master and the load generators settle; they are not counted.
    for (let round = -warmup; round < rounds; round++) {
      const line: string[] = [];
      for (const mode of modes) {
        // Alternate which master goes first, so neither always runs right after the other's teardown.
        const order = round % 2 === 0 ? clusters : [...clusters].reverse();
        for (const cluster of order) {
          const sample = await launchRound(cluster, mode, round, windows);
          const key = `${mode.key}/${cluster.name}`;
          if (round >= 0) samples.set(key, [...(samples.get(key) ?? []), sample]);
          line.push(`${key} ${fmt(sample.rate)}`);
          if (perRound) console.log(`  ${round < 0 ? 'warm-up' : `round ${round + 1}`} ${key}: ${roundDetail(sample)}`);
          // Let the master finish tearing the frameworks down (kills on real agents) before the next round.
          await sleep(mode.name === 'real' ? 3000 : 500);
        }
      }
      if (modeNames.includes('big')) {
        const b = await unbatchedStream(bigTotal);
        if (round >= 0) baseline.push(b);
        line.push(`baseline ${fmt(b)}`);
      }
      console.log(`${round < 0 ? 'warm-up round (not counted)' : `round ${round + 1}`}: ${line.join(', ')} tasks/s (load ${os.loadavg()[0].toFixed(2)})`);
    }
    if (windowsFile) {
      const masters = clusters.map((c) => ({ cluster: c.name, pid: c.master.pid }));
      const frameworkProcs = clusters.map((c) => ({ cluster: c.name, pids: c.frameworkProcs.map((p) => p.pid) }));
      fs.writeFileSync(windowsFile, JSON.stringify({ masters, frameworkProcs, windows }, null, 2));
    }
    const loadEnd = os.loadavg();
    console.log('');
    console.log(
      `launch throughput, first ACCEPT -> last TASK_RUNNING, real \`meseta master\` (${cli}), ${rounds} rounds after ${warmup} warm-up, load off the bench process ` +
        `(${setup.frameworkProcs} framework processes, ${setup.swarmProcs} agent swarm processes for the small mode, 1 for the big); ${os.cpus().length} cores; load average ${loads(loadStart)} at start, ${loads(loadEnd)} at end:`,
    );
    console.log('| mode | master | tasks/s median (min–max) | master CPU µs/task | master CPU ms/s in the 1 s before | master busy | framework procs CPU µs/task | agents CPU µs/task | 1-min load during rounds | failed ACCEPTs / refused tasks | allocation passes per ACCEPT |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    const label = (m: Mode): string =>
      m.name === 'real'
        ? `real: ${m.offers * m.perAccept} tasks, ${m.offers} \`meseta agent\`s (posix, really start \`${m.command}\`), ${m.perAccept} per ACCEPT`
        : `${m.name}: ${m.offers * m.perAccept} tasks, ${m.offers} simulated agents, ${m.frameworks} framework(s), ${m.perAccept} per ACCEPT`;
    const masterLabel = (name: Cluster['name']): string =>
      name === 'plain' ? (setup.compareCli ? `plain, this build (${cli})` : 'plain') : name === 'secure' ? 'TLS + auth + ACLs' : `plain, compared build (${setup.compareCli})`;
    const perTask = (xs: Sample[], f: (s: Sample) => number): string => fmt(median(xs.map((s) => (f(s) * 1000) / s.tasks)));
    // Passes during the round (the periodic ones included) per ACCEPT made in it.
    const passesPerAccept = (xs: Sample[], m: Mode): string => {
      const known = xs.filter((s) => s.allocationRuns !== undefined);
      return known.length === 0 ? '–' : median(known.map((s) => (s.allocationRuns as number) / (s.tasks / m.perAccept))).toFixed(2);
    };
    for (const mode of modes) {
      for (const cluster of clusters) {
        const xs = samples.get(`${mode.key}/${cluster.name}`) ?? [];
        const rates = xs.map((s) => s.rate);
        console.log(
          `| ${label(mode)} | ${masterLabel(cluster.name)} | ${fmt(median(rates))} (${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))}) | ` +
            `${perTask(xs, (s) => s.masterCpuMs)} | ${fmt(median(xs.map((s) => s.masterIdleCpuMsPerS)))} | ${(median(xs.map((s) => s.masterCpuMs / s.wallMs)) * 100).toFixed(0)} % | ${perTask(xs, (s) => s.frameworksCpuMs)} | ` +
            `${perTask(xs, (s) => s.agentsCpuMs)}${mode.name === 'real' ? ' (real agents)' : ''} | ${Math.min(...xs.map((s) => s.load1)).toFixed(1)}–${Math.max(...xs.map((s) => s.load1)).toFixed(1)} | ${sum(xs.map((s) => s.failedAccepts))} / ${sum(xs.map((s) => s.refusedTasks))} | ${passesPerAccept(xs, mode)} |`,
        );
      }
    }
    if (baseline.length > 0) {
      console.log(`| baseline we wrote ourselves: ${bigTotal} status messages one per write on one grpc-js stream, in the bench process (msgs/s) | – | ${fmt(median(baseline))} (${fmt(Math.min(...baseline))}–${fmt(Math.max(...baseline))}) | | | | | | | |`);
    }
    if (secure) {
      console.log('');
      console.log('secure / plain, ratios of medians (throughput: 1.00 is no cost; master CPU per task: 1.00 is no cost):');
      console.log('| mode | tasks/s secure ÷ plain | cost | master CPU/task secure ÷ plain |');
      console.log('|---|---|---|---|');
      for (const mode of modes) {
        const p = samples.get(`${mode.key}/plain`) ?? [];
        const s = samples.get(`${mode.key}/secure`) ?? [];
        const rate = median(s.map((x) => x.rate)) / median(p.map((x) => x.rate));
        const cpu = median(s.map((x) => x.masterCpuMs / x.tasks)) / median(p.map((x) => x.masterCpuMs / x.tasks));
        console.log(`| ${mode.key} | ${rate.toFixed(2)} | ${((1 - rate) * 100).toFixed(0)} % | ${cpu.toFixed(2)} |`);
      }
    }
    if (setup.compareCli) {
      console.log('');
      console.log('this build / compared build, plain masters, rounds interleaved, ratios of medians (tasks/s above 1.00 and master CPU per task below 1.00 are gains):');
      console.log('| mode | tasks/s this ÷ compared | master CPU/task this ÷ compared | framework procs CPU/task this ÷ compared |');
      console.log('|---|---|---|---|');
      for (const mode of modes) {
        const p = samples.get(`${mode.key}/plain`) ?? [];
        const b = samples.get(`${mode.key}/before`) ?? [];
        const rate = median(p.map((x) => x.rate)) / median(b.map((x) => x.rate));
        const cpu = median(p.map((x) => x.masterCpuMs / x.tasks)) / median(b.map((x) => x.masterCpuMs / x.tasks));
        const fw = median(p.map((x) => x.frameworksCpuMs / x.tasks)) / median(b.map((x) => x.frameworksCpuMs / x.tasks));
        console.log(`| ${mode.key} | ${rate.toFixed(2)} | ${cpu.toFixed(2)} | ${fw.toFixed(2)} |`);
      }
    }
  } catch (e) {
    // What the masters said last, before their folders go.
    for (const name of ['plain', 'secure', 'before']) {
      const log = path.join(setup.dir, name, 'master.log');
      if (fs.existsSync(log)) console.error(`--- last lines of the ${name} master's log:\n${fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')}`);
    }
    throw e;
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    if (keepLogs) {
      fs.mkdirSync(keepLogs, { recursive: true });
      for (const name of ['plain', 'secure', 'before']) {
        const log = path.join(setup.dir, name, 'master.log');
        if (fs.existsSync(log)) fs.copyFileSync(log, path.join(keepLogs, `${name}-master.log`));
      }
    }
    fs.rmSync(setup.dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
